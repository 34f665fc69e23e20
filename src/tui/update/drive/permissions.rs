//! The permissions view (`P`): who has access to the selected item (its sharing links, the
//! people it is shared with, the owner), in the picker overlay. Enter on one asks, then takes it
//! off at once; the view stays open, and the row comes back with a notice if the service refuses.
use super::super::super::effect::Effect;
use super::super::super::effect::drive::DriveEffect;
use super::super::super::loadable::Generation;
use super::super::super::msg::Outcome;
use super::super::super::msg::drive::PermissionRow;
use super::super::super::store::Store;
use super::super::super::store::drive::DrivePrompt;
use super::super::super::store::drive::picker::{DrivePick, DrivePicker, Target};
use super::super::super::store::drive::writes::Undo;
use super::super::super::store::mail::ops::{PickItem, Picker};
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::notify;
use super::organise::what;
use super::share::selected_target;
use crate::sanitize;

const HINT: &str = "Enter removes the access (asks first) · Esc closes";

/// `P`: the selected item's permissions, in the picker once they arrive.
pub(super) fn open(store: &mut Store) -> Vec<Effect> {
    let Some(target) = selected_target(store) else { return Vec::new() };
    let generation = store.next_generation();
    let title = format!("Who has access to {}", what(std::slice::from_ref(&target)));
    let mut picker = Picker::new(title, Vec::new(), ());
    picker.hint = Some("loading the permissions…");
    let (drive_id, item_id) = (target.drive_id.clone(), target.item_id.clone());
    let pick = DrivePick::Permissions { target, rows: Vec::new(), loading: Some(generation) };
    store.drive.picker = Some(DrivePicker { picker, pick });
    vec![Effect::Drive(DriveEffect::LoadPermissions { generation, drive_id, item_id })]
}

/// "edit · anyone with the link · until 2026-03-17 · password".
pub fn label(row: &PermissionRow) -> String {
    let mut parts = vec![row.roles.join(", ")];
    parts.push(sanitize::line(&row.who).into_owned());
    if let Some(expires) = &row.expires {
        parts.push(format!("until {}", sanitize::line(expires.get(..10).unwrap_or(expires))));
    }
    if row.has_password {
        parts.push("password".to_owned());
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// The picker's rows from `rows`, the cursor kept near where it was.
fn show(drive: &mut DrivePicker) {
    let DrivePick::Permissions { rows, .. } = &drive.pick else { return };
    drive.picker.items = rows.iter().map(|row| PickItem { label: label(row), ..Default::default() }).collect();
    drive.picker.refilter();
    drive.picker.selected = drive.picker.selected.min(drive.picker.matches.len().saturating_sub(1));
}

pub(super) fn arrived(store: &mut Store, generation: Generation, result: Outcome<Vec<PermissionRow>>) -> Vec<Effect> {
    let Some(drive) = &mut store.drive.picker else { return Vec::new() };
    let DrivePick::Permissions { rows, loading, .. } = &mut drive.pick else { return Vec::new() };
    if *loading != Some(generation) {
        return Vec::new();
    }
    *loading = None;
    match result {
        Ok(found) => {
            *rows = found;
            drive.picker.hint = Some(if rows.is_empty() { "Only you have access · Esc closes" } else { HINT });
            show(drive);
        }
        Err(reason) => {
            drive.picker.hint = None;
            drive.picker.title = format!("{} (could not be listed: {reason})", drive.picker.title);
        }
    }
    Vec::new()
}

/// Enter on a permission: the view stays, and a question asks before it goes.
pub(super) fn pick(store: &mut Store, drive: DrivePicker, index: usize) -> Vec<Effect> {
    let DrivePick::Permissions { target, rows, .. } = &drive.pick else { return Vec::new() };
    let Some(row) = rows.get(index).cloned() else {
        store.drive.picker = Some(drive);
        return Vec::new();
    };
    let target = target.clone();
    store.drive.picker = Some(drive);
    if row.roles.iter().any(|r| r == "owner") {
        notify(store, "The owner's access cannot be removed".to_owned());
        return Vec::new();
    }
    let title = format!("Remove access: {}? (it stops working at once)", label(&row));
    let purpose = Purpose::Drive(DrivePrompt::RemovePermission { target, permission: row });
    store.prompt = Some(Prompt::yes_no(title, purpose));
    Vec::new()
}

/// The rows of the permissions view when it shows `item_id`'s.
fn shown_rows<'a>(store: &'a mut Store, item_id: &str) -> Option<&'a mut Vec<PermissionRow>> {
    match &mut store.drive.picker {
        Some(DrivePicker { pick: DrivePick::Permissions { target, rows, .. }, .. }) if target.item_id == item_id => {
            Some(rows)
        }
        _ => None,
    }
}

/// Yes: the row goes at once; a refusal puts it back (`put_back`).
pub(super) fn remove(store: &mut Store, target: &Target, permission: &PermissionRow) -> Vec<Effect> {
    let mut undo = Undo::Nothing;
    if let Some(rows) = shown_rows(store, &target.item_id)
        && let Some(index) = rows.iter().position(|r| r.id == permission.id)
    {
        let row = rows.remove(index);
        undo = Undo::Permission { item_id: target.item_id.clone(), index, row };
    }
    if let Some(drive) = &mut store.drive.picker {
        show(drive);
    }
    let (who, name) = (sanitize::line(&permission.who).into_owned(), what(std::slice::from_ref(target)));
    let batch = store.drive.writes.batch(
        format!("Removing access for {who} to {name}"),
        format!("Removed access for {who} to {name}"),
        1,
    );
    let op = store.drive.writes.push(batch, target.name.clone(), undo);
    notify(store, format!("Removing access for {who} to {name}…"));
    vec![Effect::Drive(DriveEffect::RemovePermission {
        op,
        drive_id: target.drive_id.clone(),
        item_id: target.item_id.clone(),
        permission_id: permission.id.clone(),
    })]
}

/// A refused removal: the row is back where it was, when the view still shows that item.
pub(super) fn put_back(store: &mut Store, item_id: &str, index: usize, row: PermissionRow) {
    let Some(rows) = shown_rows(store, item_id) else { return };
    if !rows.iter().any(|r| r.id == row.id) {
        rows.insert(index.min(rows.len()), row);
    }
    if let Some(drive) = &mut store.drive.picker {
        show(drive);
    }
}
