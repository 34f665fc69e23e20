//! Sharing and versions. `L` picks a link's kind (view or edit; your organization or anyone),
//! then asks when it expires (a day, `+7d`, empty for never) and, for a link for anyone, a
//! password (typed as dots; empty for none); the link made shows in the
//! status bar and a question offers it for the clipboard (OSC 52, run by the loop). `H` lists
//! a file's versions; Enter on an older one asks, then restores it: the file shows the
//! version's size and time at once and is put back if the service refuses.
use super::super::super::effect::Effect;
use super::super::super::effect::drive::{DriveEffect, LinkSpec};
use super::super::super::loadable::Generation;
use super::super::super::msg::Outcome;
use super::super::super::msg::drive::VersionRow;
use super::super::super::store::Store;
use super::super::super::store::drive::DrivePrompt;
use super::super::super::store::drive::picker::{DrivePick, DrivePicker, Target};
use super::super::super::store::drive::writes::Undo;
use super::super::super::store::mail::ops::{PickItem, Picker};
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::prompt::Answered;
use super::super::{notify, report_error};
use super::organise::what;
use crate::domain::time_zones::format_in_zone;
use crate::human::dates::{local_midnight, parse_day};
use crate::human::human_size;
use crate::sanitize;

/// The selected item (not the marks: a link and versions are of one item).
pub(super) fn selected_target(store: &Store) -> Option<Target> {
    let entry = store.drive.selected()?;
    Some(Target {
        drive_id: store.drive.drive_of(entry),
        item_id: entry.item.id.clone(),
        name: entry.item.name.clone(),
        is_folder: entry.item.is_folder(),
    })
}

/// `L`: which link to make for the selected item.
pub(super) fn open_link_kinds(store: &mut Store) -> Vec<Effect> {
    let Some(target) = selected_target(store) else { return Vec::new() };
    let title = format!("Share {}", what(std::slice::from_ref(&target)));
    store.drive.picker = Some(DrivePicker::link_kinds(title, target, false, store.people.personal_account));
    Vec::new()
}

pub(super) fn pick_link_kind(store: &mut Store, target: Target, edit: bool, anyone: bool) -> Vec<Effect> {
    let title = "The link expires on (YYYY-MM-DD, +7d, tomorrow; empty: never)";
    store.prompt = Some(Prompt::text(title, "", Purpose::Drive(DrivePrompt::LinkExpiry { target, edit, anyone })));
    Vec::new()
}

/// The expiry typed: the end of that day in the user's zone (a day before today is refused).
/// A link for anyone may also have a password: asked next.
pub(super) fn link_expiry(store: &mut Store, target: &Target, edit: bool, anyone: bool, answer: &str) -> Answered {
    let expires = if answer.is_empty() {
        None
    } else {
        let today = store.calendar.today.or(store.tasks.today).unwrap_or_default();
        let day = parse_day(answer, today).map_err(|e| e.to_string())?;
        if day < today {
            return Err("a day from today on".to_owned());
        }
        let end = day.succ_opt().and_then(|next| local_midnight(next, store.zone)).ok_or("a day on the calendar")?;
        Some(end.format("%Y-%m-%dT%H:%M:%SZ").to_string())
    };
    if !anyone {
        // Passwords are for links for anyone only (the service refuses them on others).
        return Ok(make_link(store, target, edit, false, expires, ""));
    }
    let purpose = Purpose::Drive(DrivePrompt::LinkPassword { target: target.clone(), edit, expires });
    // The answered prompt is gone by now: this one takes its place.
    store.prompt = Some(Prompt::secret("A password for the link (empty: none)", purpose));
    Ok(Vec::new())
}

/// The link asked for; `password` as typed (empty: none).
pub(super) fn make_link(
    store: &mut Store,
    target: &Target,
    edit: bool,
    anyone: bool,
    expires: Option<String>,
    password: &str,
) -> Vec<Effect> {
    notify(store, format!("Making a link to {}…", what(std::slice::from_ref(target))));
    let password = (!password.is_empty()).then(|| password.to_owned());
    vec![Effect::Drive(DriveEffect::Share {
        drive_id: target.drive_id.clone(),
        item_id: target.item_id.clone(),
        name: target.name.clone(),
        link: LinkSpec { edit, anyone, expires, password },
    })]
}

/// The link made: shown, and offered for the clipboard.
pub(super) fn shared(store: &mut Store, name: String, result: Outcome<String>) -> Vec<Effect> {
    let name = sanitize::line(&name).into_owned();
    match result {
        Ok(url) => {
            let shown = sanitize::line(&url).into_owned();
            notify(store, format!("Link to {name}: {shown}"));
            if store.prompt.is_none() {
                // The question first: on a narrow terminal the end of a long link is what is cut.
                let title = format!("Copy the link? {shown}");
                store.prompt = Some(Prompt::yes_no(title, Purpose::Drive(DrivePrompt::CopyLink { url })));
            }
        }
        Err(reason) => report_error(store, format!("Sharing {name} failed: {reason}")),
    }
    Vec::new()
}

pub(super) fn copy_link(store: &mut Store, url: &str) -> Vec<Effect> {
    notify(store, "Copied the link (through the terminal's clipboard, OSC 52)".to_owned());
    vec![Effect::CopyToClipboard(url.to_owned())]
}

/// `H`: the selected file's versions, in the picker once they arrive.
pub(super) fn open_versions(store: &mut Store) -> Vec<Effect> {
    let Some(target) = selected_target(store) else { return Vec::new() };
    if target.is_folder {
        notify(store, "Folders have no versions: select a file".to_owned());
        return Vec::new();
    }
    let generation = store.next_generation();
    let title = format!("Versions of {}", what(std::slice::from_ref(&target)));
    let mut picker = Picker::new(title, Vec::new(), ());
    picker.hint = Some("loading the versions…");
    let (drive_id, item_id) = (target.drive_id.clone(), target.item_id.clone());
    let pick = DrivePick::Version { target, versions: Vec::new(), loading: Some(generation) };
    store.drive.picker = Some(DrivePicker { picker, pick });
    vec![Effect::Drive(DriveEffect::LoadVersions { generation, drive_id, item_id })]
}

pub(super) fn versions_arrived(
    store: &mut Store,
    generation: Generation,
    result: Outcome<Vec<VersionRow>>,
) -> Vec<Effect> {
    let zone = store.zone;
    let Some(drive) = &mut store.drive.picker else { return Vec::new() };
    let DrivePick::Version { versions, loading, .. } = &mut drive.pick else { return Vec::new() };
    if *loading != Some(generation) {
        return Vec::new();
    }
    *loading = None;
    match result {
        Ok(rows) => {
            let items = rows
                .iter()
                .enumerate()
                .map(|(at, row)| PickItem { label: version_label(row, at == 0, zone), ..Default::default() });
            drive.picker.items = items.collect();
            drive.picker.refilter();
            drive.picker.hint = Some("Enter restores the version · Esc closes");
            *versions = rows;
        }
        Err(reason) => {
            drive.picker.hint = None;
            drive.picker.title = format!("{} (could not be listed: {reason})", drive.picker.title);
        }
    }
    Vec::new()
}

/// "2.0 · 2026-03-10 12:00 · 12 KB · Ada Lovelace (current)".
fn version_label(row: &VersionRow, current: bool, zone: chrono_tz::Tz) -> String {
    let mut parts = vec![row.id.clone()];
    parts.extend(row.modified.map(|t| format_in_zone(&t, &zone, "%Y-%m-%d %H:%M")));
    parts.push(human_size(row.size));
    parts.extend(row.by.clone());
    let mut label = parts.join(" · ");
    if current {
        label.push_str(" (current)");
    }
    label
}

pub(super) fn pick_version(store: &mut Store, target: Target, versions: Vec<VersionRow>, index: usize) -> Vec<Effect> {
    let Some(version) = versions.get(index).cloned() else { return Vec::new() };
    if index == 0 {
        notify(store, format!("Version {} is the current one", sanitize::line(&version.id)));
        return Vec::new();
    }
    let title = format!(
        "Restore version {} of {}? (the current one is kept as a version)",
        sanitize::line(&version.id),
        what(std::slice::from_ref(&target))
    );
    store.prompt = Some(Prompt::yes_no(title, Purpose::Drive(DrivePrompt::Restore { target, version })));
    Vec::new()
}

/// Yes to a restore: the file shows the version's size and time at once.
pub(super) fn restore(store: &mut Store, target: &Target, version: &VersionRow) -> Vec<Effect> {
    let listing = store.drive.listing_key();
    let mut undo = Undo::Nothing;
    if let Some(entry) =
        store.drive.children.ready_mut().and_then(|e| e.iter_mut().find(|e| e.item.id == target.item_id))
    {
        undo = Undo::Changed { listing, before: entry.clone() };
        entry.item.size = version.size;
        if let crate::domain::DriveItemKind::File { size, .. } = &mut entry.item.kind {
            *size = version.size;
        }
        entry.item.modified = version.modified;
    }
    let (id, name) = (sanitize::line(&version.id).into_owned(), what(std::slice::from_ref(target)));
    let batch = store.drive.writes.batch(
        format!("Restoring version {id} of {name}"),
        format!("Restored version {id} of {name}"),
        1,
    );
    let op = store.drive.writes.push(batch, target.name.clone(), undo);
    notify(store, format!("Restoring version {id} of {name}…"));
    vec![Effect::Drive(DriveEffect::RestoreVersion {
        op,
        drive_id: target.drive_id.clone(),
        item_id: target.item_id.clone(),
        version_id: version.id.clone(),
    })]
}
