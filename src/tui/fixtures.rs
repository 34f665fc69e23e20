//! Stores loaded through `update` with given data, as the worker's answers would load them: the
//! one fixture the interface's unit, snapshot and integration tests build on (an integration
//! test is a crate of its own, so this is public; the application never calls it).
use super::action::Action;
use super::effect::mail_ops::MailOpsEffect;
use super::effect::{Effect, LoadKey};
use super::loadable::Generation;
use super::msg::mail_ops::MailOpsMsg;
use super::msg::{FolderRow, MessagePage, Msg};
use super::store::Store;
use super::store::mail::ops::CategoryRow;
use super::update::update;
use crate::domain::{Folder, MessageSummary};

/// A row of the folder list: `depth` 0 for a top-level folder.
pub fn folder(id: &str, name: &str, depth: usize, unread: u64, total: u64) -> FolderRow {
    let folder =
        Folder { id: id.into(), name: name.into(), unread_count: unread, total_count: total, ..Default::default() };
    FolderRow { folder, depth }
}

/// What the mail pane is loaded with.
#[derive(Debug, Clone, Default)]
pub struct MailData {
    /// The folder list; the first one opens, as the Inbox does at start.
    pub folders: Vec<FolderRow>,
    /// That folder's first page.
    pub messages: Vec<MessageSummary>,
    /// The link to the page after it, if there is one.
    pub next_link: Option<String>,
    /// The master categories, when the test answers that load too.
    pub categories: Option<Vec<CategoryRow>>,
}

/// Starts `store` and answers its loads with `data`: the folder list, the first folder's first
/// page, and the master categories when given. The focus stays on the folder list.
pub fn load_mail(store: &mut Store, data: MailData) {
    let started = update(store, Action::Start);
    if let Some(categories) = data.categories {
        let generation = started
            .iter()
            .find_map(|e| match e {
                Effect::MailOps(MailOpsEffect::LoadCategories { generation }) => Some(*generation),
                _ => None,
            })
            .expect("the master categories are asked for at start");
        update(store, Msg::MailOps(MailOpsMsg::Categories { generation, result: Ok(categories) }));
    }
    let generation = load_generation(&started, |k| *k == LoadKey::Folders);
    let opened = update(store, Msg::Folders { generation, result: Ok(data.folders) });
    let generation = load_generation(&opened, |k| matches!(k, LoadKey::Messages { .. }));
    let page = MessagePage { items: data.messages, next_link: data.next_link };
    update(store, Msg::Messages { generation, result: Ok(page) });
}

/// The generation of the load among `effects` whose key `wanted` picks; panics naming the
/// effects when there is none.
pub fn load_generation(effects: &[Effect], wanted: impl Fn(&LoadKey) -> bool) -> Generation {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Load { generation, key } if wanted(key) => Some(*generation),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no such load in {effects:?}"))
}

/// Types `text` into the open prompt, one key at a time, as a user would.
pub fn type_text(store: &mut Store, text: &str) {
    for c in text.chars() {
        update(store, Action::TextInput(c));
    }
}
