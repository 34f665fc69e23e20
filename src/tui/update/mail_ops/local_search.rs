//! Searching the open folder in the local cache as the text is typed (issue 10), a choice
//! beside the server's `$search`: Tab in the `s` prompt switches (the choice is kept for the
//! session), each keystroke of a local search asks the worker, which answers from the cache's
//! full-text index and never asks the service (from the second letter on), and only the answer
//! for the text typed last is
//! shown (earlier ones are dropped by generation). The list keeps what it shows meanwhile, so
//! typing never blanks it; Enter keeps the results, Esc in the list returns to the folder.
use super::super::super::effect::{Effect, Slot};
use super::super::super::loadable::Loadable;
use super::super::super::store::mail::ops::{ListView, MailPrompt};
use super::super::super::store::prompt::Purpose;
use super::super::super::store::{MailFocus, Store};
use super::super::mail;
use super::lists;

/// Letters typed before the search runs as one types (Enter searches any text): one letter
/// matches most of a mailbox, and is the slowest query by far (`cargo bench --bench cache`).
pub const TYPED_FROM: usize = 2;

/// What the search prompt asks: where it searches, and how to switch when there is a cache.
pub(super) fn title(store: &Store, local: bool) -> String {
    let name = store.mail.open_folder_row().map(|row| row.folder.name.clone()).unwrap_or_default();
    match (local, store.sync.cached) {
        (true, _) => format!("Search {name} in the local cache, as you type (Tab: on the server)"),
        (false, true) => format!("Search {name} on the server (Tab: in the local cache)"),
        (false, false) => format!("Search {name} on the server"),
    }
}

/// The folder and the way the open search prompt searches, if one is open.
fn asked(store: &Store) -> Option<(String, bool)> {
    match &store.prompt.as_ref()?.purpose {
        Purpose::Mail(MailPrompt::Search { folder_id, local }) => Some((folder_id.clone(), *local)),
        _ => None,
    }
}

/// Tab in the search prompt: the other way (the local cache only where there is one).
pub(in super::super) fn toggle(store: &mut Store) -> Vec<Effect> {
    let Some((folder_id, local)) = asked(store) else { return Vec::new() };
    let local = !local;
    let title = title(store, local);
    let cached = store.sync.cached;
    let Some(prompt) = store.prompt.as_mut() else { return Vec::new() };
    if local && !cached {
        prompt.error = Some("There is no local cache to search: this account keeps none".to_owned());
        return Vec::new();
    }
    prompt.title = title;
    prompt.purpose = Purpose::Mail(MailPrompt::Search { folder_id, local });
    prompt.error = None;
    store.mail.ops.local_search.preferred = local;
    if local { typed(store) } else { Vec::new() }
}

/// The text of a local search prompt changed: the search runs again on the cache.
pub(in super::super) fn typed(store: &mut Store) -> Vec<Effect> {
    let Some((folder_id, true)) = asked(store) else { return Vec::new() };
    if store.mail.open_folder.as_deref() != Some(folder_id.as_str()) {
        return Vec::new();
    }
    let text = store.prompt.as_ref().map(|p| p.typed().trim().to_owned()).unwrap_or_default();
    if text.is_empty() {
        let searching = matches!(store.mail.ops.view, ListView::Search { local: true, .. });
        return if searching { lists::back_to_folder(store) } else { Vec::new() };
    }
    if text.chars().count() < TYPED_FROM {
        return Vec::new();
    }
    let generation = store.next_generation();
    let mail = &mut store.mail;
    mail.ops.view = ListView::Search { folder_id: folder_id.clone(), text: text.clone(), local: true };
    mail.ops.marked.clear();
    mail.filter = Default::default();
    mail.ops.local_search.awaiting = Some(generation);
    if mail.messages.ready().is_none() {
        mail.messages = Loadable::Loading { generation };
    }
    vec![
        // A folder page still coming would overwrite the results.
        Effect::Cancel(Slot::MessageList),
        Effect::Cancel(Slot::MessagePage),
        Effect::SearchCache { generation, folder_id, text },
    ]
}

/// Enter: the results stay and the list takes the keys (the search runs if this text has not
/// been searched yet); no text is the folder again.
pub(super) fn keep(store: &mut Store, folder_id: &str, text: &str) -> Vec<Effect> {
    if text.is_empty() {
        return lists::back_to_folder(store);
    }
    let shown = matches!(&store.mail.ops.view,
        ListView::Search { folder_id: f, text: t, local: true } if f == folder_id && t == text);
    if shown {
        return mail::focus(store, MailFocus::Messages);
    }
    lists::show(store, ListView::Search { folder_id: folder_id.to_owned(), text: text.to_owned(), local: true })
}
