//! The picker overlay: a folder for move and copy, an attachment to save or open, categories
//! to toggle or one to filter by. Typing filters it; `j`/`k` move while nothing is typed,
//! arrows and Tab always; Enter picks (toggles, for categories); Esc clears the typed text,
//! then closes.
use super::super::super::action::Action;
use super::super::super::effect::Effect;
use super::super::super::effect::mail_ops::{DEFAULT_SAVE_DIR, MailOpsEffect};
use super::super::super::store::Store;
use super::super::super::store::mail::ops::{MailPrompt, MessageChange, PickFor, PickItem, Picker};
use super::super::notify;
use super::super::picker_keys::{PickerKey, picker_key};
use super::{ask, categories, folder_prompt, lists, organise};

/// `m` / `y`: pick the folder to move or copy the targets to (the open folder is left out).
pub(super) fn open_folders(store: &mut Store, copy: bool) -> Vec<Effect> {
    let ids: Vec<String> = organise::targets(store).into_iter().map(|(_, m)| m.id).collect();
    let Some(rows) = store.mail.folders.ready() else { return Vec::new() };
    if ids.is_empty() {
        return Vec::new();
    }
    let open = store.mail.open_folder.as_deref();
    let items = rows
        .iter()
        .filter(|r| Some(r.folder.id.as_str()) != open && !r.folder.is_search_folder)
        .map(|r| PickItem {
            label: r.folder.name.clone(),
            depth: r.depth,
            value: r.folder.id.clone(),
            ..Default::default()
        })
        .collect();
    let what = if ids.len() == 1 { "1 message".to_owned() } else { format!("{} messages", ids.len()) };
    let (title, purpose) = if copy {
        (format!("Copy {what} to"), PickFor::CopyTo { ids })
    } else {
        (format!("Move {what} to"), PickFor::MoveTo { ids })
    };
    store.mail.ops.picker = Some(Picker::new(title, items, purpose));
    Vec::new()
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let Some(picker) = store.mail.ops.picker.as_mut() else { return Vec::new() };
    match picker_key(picker, action) {
        PickerKey::Stay => {}
        PickerKey::Close => store.mail.ops.picker = None,
        PickerKey::Pick => return pick(store),
    }
    Vec::new()
}

fn pick(store: &mut Store) -> Vec<Effect> {
    let Some(picker) = store.mail.ops.picker.take() else { return Vec::new() };
    if let PickFor::Categorize { ids } = &picker.purpose {
        let ids = ids.clone();
        return categories::toggle(store, picker, ids);
    }
    let Some(item) = picker.chosen().cloned() else {
        // Nothing matches: stay open so the text can be corrected.
        store.mail.ops.picker = Some(picker);
        return Vec::new();
    };
    match picker.purpose {
        PickFor::MoveTo { ids } => organise::start_for(store, &ids, MessageChange::Move(item.value)),
        PickFor::CopyTo { ids } => organise::start_for(store, &ids, MessageChange::Copy(item.value)),
        PickFor::SaveAttachment { message_id } => {
            let title = format!("Save {} into folder", item.label);
            let asked = MailPrompt::SaveAttachments { message_id, attachment: Some((item.value, item.label)) };
            ask(store, folder_prompt(title, DEFAULT_SAVE_DIR, asked))
        }
        PickFor::FilterCategory { folder_id } => lists::set_category(store, folder_id, item.value),
        // Handled above: the categories picker stays open.
        PickFor::Categorize { .. } => Vec::new(),
        PickFor::OpenLink => super::reading::open_link(store, item.value),
        PickFor::ViewAttachment { message_id } => super::reading::fetch_text(store, message_id, item.value, item.label),
        PickFor::OpenAttachment { message_id } => {
            notify(store, format!("Opening {}…", item.label));
            vec![Effect::MailOps(MailOpsEffect::OpenAttachment {
                message_id,
                attachment_id: item.value,
                name: item.label,
            })]
        }
    }
}
