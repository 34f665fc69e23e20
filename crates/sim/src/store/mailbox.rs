//! The mailbox's messages: by id, and in each folder's listing order (newest received first),
//! with each folder's total and unread counts kept as messages arrive, change and go, so a page
//! of a folder costs what the page holds, not what the folder holds (issue 16).
//!
//! Seeded messages stay in their small record form (`seed::SeededMail`) until something writes
//! to them; reading one draws its JSON. Every change goes through this type, which keeps the
//! indexes right and bumps `version` (cached query results are only reused at the same version),
//! and notes it in `changes` for delta queries.
pub mod changes;
pub mod order;
pub mod queries;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::Value;

use self::changes::{Changes, FOLDERS_SCOPE};
use self::order::{OrderKey, OrderedIds};
use self::queries::Queries;
use crate::seed::{Roster, SeededMail};

#[derive(Debug)]
enum Message {
    /// Written to at least once (or created by a request): kept as Graph JSON.
    Stored(Value),
    /// As the seed made it; drawn on read.
    Seeded(SeededMail),
}

#[derive(Debug)]
struct Entry {
    key: OrderKey,
    folder: Arc<str>,
    unread: bool,
    /// Sent after it was received (or sent at a time that is not an instant): rare, but it
    /// stops a search from ending its walk early.
    sent_late: bool,
    message: Message,
}

/// Whether a message's `sentDateTime` comes after its `receivedDateTime` (`key`), or is not a
/// time at all; a missing or null one never does.
fn sent_late(value: &Value, key: OrderKey) -> bool {
    match value.get("sentDateTime") {
        None | Some(Value::Null) => false,
        sent => {
            key.time_cmp(&OrderKey::of(sent, 0)).is_lt()
                || OrderKey::of(sent, 0).time_cmp(&OrderKey::last_instant()).is_gt()
        }
    }
}

#[derive(Debug, Default)]
pub struct Mailbox {
    entries: IndexMap<Arc<str>, Entry>,
    folders: HashMap<Arc<str>, OrderedIds>,
    all: OrderedIds,
    roster: Arc<Roster>,
    next_seq: u64,
    version: u64,
    /// How many messages were sent after they were received.
    sent_late: usize,
    /// Results of filtered, searched and re-sorted listings, for the pages that follow.
    pub queries: Queries,
    /// What changed in each folder (and in the folder tree) since a delta token was issued.
    pub changes: Changes,
}

fn text_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

impl Mailbox {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    /// Changes with every write to the mailbox.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Room for `additional` more messages, so a seed filing thousands does not grow the
    /// tables by doubling (and hold both halves at once).
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
        self.all.reserve(additional);
    }

    /// The people seeded messages name (set once the seed is done).
    pub fn set_roster(&mut self, roster: Arc<Roster>) {
        self.roster = roster;
    }

    fn index(&mut self, id: Arc<str>, folder: Arc<str>, key: OrderKey, unread: bool) {
        self.all.insert(key, id.clone(), unread);
        self.folders.entry(folder).or_default().insert(key, id, unread);
    }

    fn unindex(&mut self, entry_key: OrderKey, folder: &str, unread: bool) {
        self.all.remove(entry_key, unread);
        if let Some(ids) = self.folders.get_mut(folder) {
            ids.remove(entry_key, unread);
        }
    }

    fn next_key(&mut self, received: Option<&Value>) -> OrderKey {
        self.next_seq += 1;
        OrderKey::of(received, self.next_seq)
    }

    /// Adds a message given as Graph JSON. A message without a string `id`, or with an id
    /// already present, is a programming error in the simulator and panics.
    pub fn insert(&mut self, value: Value) {
        let id: Arc<str> = Arc::from(text_of(&value, "id").expect("sim message without a string id"));
        assert!(!self.entries.contains_key(&id), "duplicate sim id {id}");
        let folder: Arc<str> = Arc::from(text_of(&value, "parentFolderId").unwrap_or_default());
        let unread = value.get("isRead") == Some(&Value::Bool(false));
        let key = self.next_key(value.get("receivedDateTime"));
        let late = sent_late(&value, key);
        self.sent_late += usize::from(late);
        self.index(id.clone(), folder.clone(), key, unread);
        self.changes.record(&folder, &id);
        self.changes.record(FOLDERS_SCOPE, &folder);
        self.entries.insert(id, Entry { key, folder, unread, sent_late: late, message: Message::Stored(value) });
        self.version += 1;
    }

    /// Adds a seeded message in its record form; `id` is `record.id()`.
    pub fn insert_seeded(&mut self, id: &str, folder: &str, record: SeededMail) {
        let id: Arc<str> = Arc::from(id);
        assert!(!self.entries.contains_key(&id), "duplicate sim id {id}");
        self.next_seq += 1;
        let key = OrderKey::at(record.received, self.next_seq);
        // One copy of a folder's id for all its messages.
        let folder = match self.folders.get_key_value(folder) {
            Some((known, _)) => known.clone(),
            None => Arc::from(folder),
        };
        let unread = !record.is_read;
        self.index(id.clone(), folder.clone(), key, unread);
        // Seeded mail is always received after it was sent.
        self.entries.insert(id, Entry { key, folder, unread, sent_late: false, message: Message::Seeded(record) });
        self.version += 1;
    }

    fn render(&self, entry: &Entry, with_body: bool) -> Value {
        match &entry.message {
            Message::Stored(value) => value.clone(),
            Message::Seeded(record) => record.render(&self.roster, &entry.folder, with_body),
        }
    }

    /// Whether no message was sent after it was received.
    pub fn sent_never_after_received(&self) -> bool {
        self.sent_late == 0
    }

    /// The message as Graph JSON, body included.
    pub fn get(&self, id: &str) -> Option<Cow<'_, Value>> {
        self.view(id, true)
    }

    /// The message as Graph JSON; a seeded message leaves out `body` and `bodyPreview` unless
    /// `with_body` (a stored one has them as stored).
    pub fn view(&self, id: &str, with_body: bool) -> Option<Cow<'_, Value>> {
        let entry = self.entries.get(id)?;
        match &entry.message {
            Message::Stored(value) => Some(Cow::Borrowed(value)),
            Message::Seeded(_) => Some(Cow::Owned(self.render(entry, with_body))),
        }
    }

    /// The message with at least the properties `wanted` accepts (a seeded message draws only
    /// those; a stored one has them all).
    pub fn view_fields(&self, id: &str, wanted: &dyn Fn(&str) -> bool, with_body: bool) -> Option<Cow<'_, Value>> {
        let entry = self.entries.get(id)?;
        match &entry.message {
            Message::Stored(value) => Some(Cow::Borrowed(value)),
            Message::Seeded(record) => {
                Some(Cow::Owned(record.render_fields(&self.roster, &entry.folder, wanted, with_body)))
            }
        }
    }

    /// The message projected on `$select` (`None`: every property), as a listing shows it; a
    /// seeded message draws only the selected properties.
    pub fn selected(&self, id: &str, select: Option<&[String]>, with_body: bool) -> Option<Value> {
        let wanted = |key: &str| crate::odata::selected(select, key);
        let entry = self.entries.get(id)?;
        match &entry.message {
            Message::Stored(value) => Some(crate::odata::project_on(value, select)),
            Message::Seeded(record) => Some(record.render_fields(&self.roster, &entry.folder, &wanted, with_body)),
        }
    }

    /// Notes a change to the folder tree (a folder created, renamed, moved or deleted) for
    /// `/mailFolders/delta`.
    pub fn note_folder_change(&mut self, folder_id: &str) {
        self.changes.record(FOLDERS_SCOPE, &Arc::from(folder_id));
    }

    /// The folder a message is in.
    pub fn folder_of(&self, id: &str) -> Option<&Arc<str>> {
        self.entries.get(id).map(|e| &e.folder)
    }

    /// Changes a message in place (a seeded one becomes stored JSON first) and re-files it in
    /// the indexes. Its `id` must stay what it is.
    pub fn update<R>(&mut self, id: &str, change: impl FnOnce(&mut Value) -> R) -> Option<R> {
        let (old_key, old_folder, old_unread) = {
            let e = self.entries.get(id)?;
            (e.key, e.folder.clone(), e.unread)
        };
        self.unindex(old_key, &old_folder, old_unread);
        let roster = self.roster.clone();
        let entry = self.entries.get_mut(id)?;
        if let Message::Seeded(record) = &entry.message {
            entry.message = Message::Stored(record.render(&roster, &entry.folder, true));
        }
        let Message::Stored(value) = &mut entry.message else { unreachable!("just stored") };
        let result = change(value);
        debug_assert_eq!(text_of(value, "id"), Some(id), "a message's id changes only through remove and insert");
        let folder: Arc<str> = match text_of(value, "parentFolderId") {
            Some(f) if *f == *old_folder => old_folder.clone(),
            other => Arc::from(other.unwrap_or_default()),
        };
        let unread = value.get("isRead") == Some(&Value::Bool(false));
        let received = value.get("receivedDateTime").cloned();
        let key = if received.as_ref().map(|r| OrderKey::of(Some(r), 0).time_cmp(&old_key)).is_some_and(|o| o.is_eq()) {
            old_key
        } else {
            self.next_key(received.as_ref())
        };
        let entry = self.entries.get_mut(id)?;
        let was_late = entry.sent_late;
        entry.key = key;
        entry.folder = folder.clone();
        entry.unread = unread;
        entry.sent_late = match &entry.message {
            Message::Stored(value) => sent_late(value, key),
            Message::Seeded(_) => false,
        };
        let now_late = entry.sent_late;
        self.sent_late = self.sent_late + usize::from(now_late) - usize::from(was_late);
        let id = self.entries.get_key_value(id).map(|(k, _)| k.clone())?;
        self.changes.record(&old_folder, &id);
        if folder != old_folder {
            self.changes.record(&folder, &id);
        }
        // The folders' item counts changed: the folder tree's delta reports them.
        if folder != old_folder || unread != old_unread {
            self.changes.record(FOLDERS_SCOPE, &old_folder);
            self.changes.record(FOLDERS_SCOPE, &folder);
        }
        self.index(id, folder, key, unread);
        self.version += 1;
        Some(result)
    }

    /// Removes a message and gives it back as Graph JSON (body included).
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let (id, entry) = self.entries.swap_remove_entry(id)?;
        self.changes.record(&entry.folder, &id);
        self.changes.record(FOLDERS_SCOPE, &entry.folder);
        self.unindex(entry.key, &entry.folder, entry.unread);
        self.sent_late -= usize::from(entry.sent_late);
        self.version += 1;
        Some(match entry.message {
            Message::Stored(value) => value,
            Message::Seeded(record) => record.render(&self.roster, &entry.folder, true),
        })
    }

    /// Removes every message of these folders.
    pub fn remove_folders(&mut self, folders: &[String]) {
        for folder in folders {
            self.changes.forget(folder);
        }
        let gone: Vec<OrderedIds> = folders.iter().filter_map(|f| self.folders.remove(f.as_str())).collect();
        if gone.iter().all(OrderedIds::is_empty) {
            return;
        }
        let doomed = |folder: &str| folders.iter().any(|f| f == folder);
        self.entries.retain(|_, e| !doomed(&e.folder));
        self.sent_late = self.entries.values().filter(|e| e.sent_late).count();
        let entries = &self.entries;
        self.all.retain(|id| entries.contains_key(id));
        self.version += 1;
    }

    /// The ids of a folder's messages, newest first.
    pub fn ids_in(&self, folder: &str) -> Vec<Arc<str>> {
        self.folders
            .get(folder)
            .map_or_else(Vec::new, |ids| (0..ids.len()).filter_map(|i| ids.newest(i).cloned()).collect())
    }

    /// The listing order of a folder's messages, or of every message (`None`).
    pub fn order(&self, folder: Option<&str>) -> Option<&OrderedIds> {
        match folder {
            Some(f) => self.folders.get(f),
            None => Some(&self.all),
        }
    }

    /// (total, unread) in a folder.
    pub fn counts(&self, folder: &str) -> (usize, usize) {
        self.folders.get(folder).map_or((0, 0), |ids| (ids.len(), ids.unread))
    }

    /// Every message as Graph JSON with its body, in the order they were added (for tests and
    /// tools; a listing goes through `order`).
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, Value>> {
        self.entries.values().map(|e| match &e.message {
            Message::Stored(value) => Cow::Borrowed(value),
            Message::Seeded(_) => Cow::Owned(self.render(e, true)),
        })
    }
}
