//! Categories in the mail pane: the master list loaded at start (colours in the list and the
//! reader), `#` opens a picker over the marked (or selected) messages marking the categories
//! every (`[x]`) or some (`[-]`) of them have, and Enter toggles one on all of them at once
//! (optimistic; `organise` reconciles and rolls back). The picker stays open for more.
use super::super::super::effect::Effect;
use super::super::super::effect::mail_ops::MailOpsEffect;
use super::super::super::loadable::{Generation, Loadable};
use super::super::super::msg::Outcome;
use super::super::super::store::Store;
use super::super::super::store::mail::ops::{CategoryRow, MessageChange, PickFor, PickItem, Picker, preset_of};
use super::super::{notify, report_error};
use super::organise;
use crate::domain::CategoryEdit;

const HINT: &str = "type to filter · ↑/↓ move · Enter toggles · Esc closes";

/// Asks for the master list (at start: the list's colours need it).
pub(super) fn load(store: &mut Store) -> Vec<Effect> {
    if matches!(store.mail.ops.categories, Loadable::Loading { .. } | Loadable::Ready(_)) {
        return Vec::new();
    }
    let generation = store.next_generation();
    store.mail.ops.categories = Loadable::Loading { generation };
    vec![Effect::MailOps(MailOpsEffect::LoadCategories { generation })]
}

pub(super) fn loaded(store: &mut Store, generation: Generation, result: Outcome<Vec<CategoryRow>>) -> Vec<Effect> {
    if !store.mail.ops.categories.awaits(generation) {
        return Vec::new();
    }
    let waiting = store.mail.ops.waiting_picker.take();
    match result {
        Ok(rows) => {
            store.mail.ops.categories = Loadable::Ready(rows);
            match waiting {
                Some(PickFor::Categorize { ids }) => open_for(store, ids),
                Some(PickFor::FilterCategory { folder_id }) => open_filter(store, folder_id),
                _ => {}
            }
        }
        Err(reason) => {
            // Without the list the pane still works: categories show without colours.
            if waiting.is_some() {
                report_error(store, format!("Loading your categories failed: {reason}"));
            }
            store.mail.ops.categories = Loadable::Failed { reason: reason.text, retry: () };
        }
    }
    Vec::new()
}

/// The master list when loaded; else asks for it and remembers what to open once it arrives.
fn master_or_wait(store: &mut Store, then: PickFor) -> Option<Vec<CategoryRow>> {
    if let Some(rows) = store.mail.ops.categories.ready() {
        return Some(rows.clone());
    }
    store.mail.ops.waiting_picker = Some(then);
    if matches!(store.mail.ops.categories, Loadable::Failed { .. }) {
        store.mail.ops.categories = Loadable::Idle;
    }
    notify(store, "Loading your categories…".to_owned());
    None
}

/// `#`: the categories picker over the targets.
pub(super) fn open_picker(store: &mut Store) -> Vec<Effect> {
    let ids: Vec<String> = organise::targets(store).into_iter().map(|(_, m)| m.id).collect();
    if ids.is_empty() {
        return Vec::new();
    }
    if master_or_wait(store, PickFor::Categorize { ids: ids.clone() }).is_none() {
        return load(store);
    }
    open_for(store, ids);
    Vec::new()
}

/// The targets' current lists, in list order.
fn lists_of(store: &Store, ids: &[String]) -> Vec<(String, Vec<String>)> {
    let Some(page) = store.mail.messages.ready() else { return Vec::new() };
    page.items.iter().filter(|m| ids.contains(&m.id)).map(|m| (m.id.clone(), m.categories.clone())).collect()
}

/// Master categories in their order, then names on the targets the master list lacks.
fn items_for(store: &Store, ids: &[String]) -> Vec<PickItem> {
    let master = store.mail.ops.categories.ready().cloned().unwrap_or_default();
    let lists = lists_of(store, ids);
    let mut names: Vec<String> = master.iter().map(|c| c.name.clone()).collect();
    for (_, list) in &lists {
        for name in list {
            if !names.iter().any(|n| n.to_lowercase() == name.to_lowercase()) {
                names.push(name.clone());
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let having =
                lists.iter().filter(|(_, l)| l.iter().any(|n| n.to_lowercase() == name.to_lowercase())).count();
            let mark = match having {
                0 => "[ ] ",
                n if n == lists.len() => "[x] ",
                _ => "[-] ",
            };
            PickItem { swatch: preset_of(&master, &name), label: name.clone(), value: name, mark, depth: 0 }
        })
        .collect()
}

fn open_for(store: &mut Store, ids: Vec<String>) {
    let items = items_for(store, &ids);
    let what = if ids.len() == 1 { "1 message".to_owned() } else { format!("{} messages", ids.len()) };
    let mut picker = Picker::new(format!("Categories of {what}"), items, PickFor::Categorize { ids });
    picker.hint = Some(HINT);
    store.mail.ops.picker = Some(picker);
}

/// Enter in the categories picker: the chosen category (or the typed name, when nothing
/// matches: Outlook takes names outside the master list) goes on every target, or off them
/// all when every one has it. The picker stays open with its marks redrawn.
pub(super) fn toggle(store: &mut Store, mut picker: Picker, ids: Vec<String>) -> Vec<Effect> {
    let name = match picker.chosen() {
        Some(item) => item.value.clone(),
        None if !picker.typed.trim().is_empty() => picker.typed.trim().to_owned(),
        None => {
            store.mail.ops.picker = Some(picker);
            return Vec::new();
        }
    };
    let current = lists_of(store, &ids);
    let everyone = !current.is_empty()
        && current.iter().all(|(_, list)| list.iter().any(|n| n.to_lowercase() == name.to_lowercase()));
    let edit = if everyone {
        CategoryEdit { remove: vec![name.clone()], ..Default::default() }
    } else {
        CategoryEdit { add: vec![name.clone()], ..Default::default() }
    };
    // Only the messages the edit changes are sent.
    let lists: Vec<(String, Vec<String>)> = current
        .iter()
        .filter_map(|(id, list)| {
            let new = edit.apply(list);
            (new != *list).then(|| (id.clone(), new))
        })
        .collect();
    let changed: Vec<String> = lists.iter().map(|(id, _)| id.clone()).collect();
    let effects = organise::start_for(store, &changed, MessageChange::Categories { name, add: !everyone, lists });
    // The marks follow the optimistic lists; typing and the cursor stay.
    picker.items = items_for(store, &ids);
    picker.refilter();
    store.mail.ops.picker = Some(picker);
    effects
}

/// `%`: pick the category the list must have; again (with one set): off.
pub(super) fn open_filter_picker(store: &mut Store, folder_id: String) -> Vec<Effect> {
    if master_or_wait(store, PickFor::FilterCategory { folder_id: folder_id.clone() }).is_none() {
        return load(store);
    }
    open_filter(store, folder_id);
    Vec::new()
}

fn open_filter(store: &mut Store, folder_id: String) {
    let master = store.mail.ops.categories.ready().cloned().unwrap_or_default();
    let items = master
        .iter()
        .map(|c| PickItem { label: c.name.clone(), value: c.name.clone(), swatch: c.preset, ..Default::default() })
        .collect();
    store.mail.ops.picker =
        Some(Picker::new("Only messages with the category", items, PickFor::FilterCategory { folder_id }));
}

/// The reader shows the open message's categories as its row in the list has them now.
pub(super) fn refresh_reader(store: &mut Store) {
    let Some(id) = store.mail.open_message.clone() else { return };
    let Some(row) = store.mail.messages.ready().and_then(|p| p.items.iter().find(|m| m.id == id)) else { return };
    let categories = row.categories.clone();
    let zone = store.zone;
    if let Some(doc) = store.mail.reader.ready_mut()
        && doc.message.message.summary.id == id
        && doc.message.message.categories != categories
    {
        doc.message.message.categories = categories.clone();
        doc.message.message.summary.categories = categories;
        doc.headers = crate::render::headers(&doc.message.message, &zone);
    }
}
