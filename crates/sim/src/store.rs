//! The tenant's data held in memory as Graph-shaped JSON, with the id index the endpoints need.
//!
//! Every entity is a `serde_json::Value` object shaped exactly as Graph returns it. Keys that
//! begin with `_` are the simulator's own bookkeeping (which calendar an event lives in, which
//! list a task belongs to) and never leave the process: `public_view` strips them.
use std::collections::HashMap;

use serde_json::{Map, Value};

/// An ordered set of JSON objects addressed by their `id`.
#[derive(Debug, Default, Clone)]
pub struct Collection {
    items: Vec<Value>,
    index: HashMap<String, usize>,
}

impl Collection {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds an object at the end. An object without a string `id`, or with an id already
    /// present, is a programming error in the simulator and panics.
    pub fn insert(&mut self, value: Value) {
        let id = value.get("id").and_then(Value::as_str).expect("sim entity without a string id").to_owned();
        assert!(!self.index.contains_key(&id), "duplicate sim id {id}");
        self.index.insert(id, self.items.len());
        self.items.push(value);
    }

    pub fn get(&self, id: &str) -> Option<&Value> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.index.get(id).map(|&i| &mut self.items[i])
    }

    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// Removes an object, keeping the order of the others.
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let i = self.index.remove(id)?;
        let removed = self.items.remove(i);
        for slot in self.index.values_mut() {
            if *slot > i {
                *slot -= 1;
            }
        }
        Some(removed)
    }

    /// Keeps the objects for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&Value) -> bool) {
        self.items.retain(|v| keep(v));
        self.reindex();
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Value> {
        self.items.iter()
    }

    pub fn values(&self) -> &[Value] {
        &self.items
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (i, v) in self.items.iter().enumerate() {
            if let Some(id) = v.get("id").and_then(Value::as_str) {
                self.index.insert(id.to_owned(), i);
            }
        }
    }
}

impl FromIterator<Value> for Collection {
    fn from_iter<T: IntoIterator<Item = Value>>(iter: T) -> Self {
        let mut c = Collection::new();
        for v in iter {
            c.insert(v);
        }
        c
    }
}

/// The bytes of a drive file: stored, or produced on demand from a seed so that
/// multi-megabyte files cost no memory until someone changes them.
#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    Generated { seed: u64, len: u64 },
}

impl Content {
    pub fn len(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::Generated { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes in `start..end` (end exclusive, clamped to the length).
    pub fn read_range(&self, start: u64, end: u64) -> Vec<u8> {
        let end = end.min(self.len());
        if start >= end {
            return Vec::new();
        }
        match self {
            Content::Bytes(b) => b[start as usize..end as usize].to_vec(),
            Content::Generated { seed, .. } => {
                // A plain loop over a slice: the seed hashes every generated file, and in a
                // debug build iterator adaptors cost several times the arithmetic per byte.
                let mut out = vec![0u8; (end - start) as usize];
                let bytes = out.as_mut_slice();
                let mut i = 0;
                while i < bytes.len() {
                    bytes[i] = generated_byte(*seed, start + i as u64);
                    i += 1;
                }
                out
            }
        }
    }
}

/// Printable ASCII derived from (seed, offset), so a generated file is text a person can page.
#[inline(always)]
fn generated_byte(seed: u64, offset: u64) -> u8 {
    let line = offset / 64;
    if offset % 64 == 63 {
        return b'\n';
    }
    let mut x = seed ^ line.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (offset % 64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    b' ' + (x % 95) as u8
}

/// Everything the simulated tenant knows. One mailbox owner (`me`) has mail, calendar,
/// drive, To Do and contacts; other directory users exist for addressing and people search.
#[derive(Debug, Default)]
pub struct Tenant {
    /// The directory (tenant) id, a GUID.
    pub tenant_id: String,
    /// The tenant's verified domain, e.g. `contoso.onmicrosoft.com`.
    pub domain: String,
    /// `id` of the mailbox owner in `users`.
    pub me_id: String,
    /// Directory users (`/users`), the mailbox owner included. Graph user objects.
    pub users: Collection,

    /// Every mail folder at any depth; `parentFolderId` links them. The root
    /// (`msgfolderroot`) is in here too; top-level folders have it as parent.
    pub mail_folders: Collection,
    /// Well-known folder name (lower case, e.g. `inbox`, `sentitems`) to folder id.
    pub well_known_folders: HashMap<String, String>,
    /// Every message in every folder (`parentFolderId`), with `body`.
    pub messages: Collection,
    /// Attachments by message id: Graph attachment objects (`@odata.type`,
    /// `contentBytes` base64 for file attachments).
    pub attachments: HashMap<String, Vec<Value>>,
    /// The owner's Outlook master categories (`/me/outlook/masterCategories`): outlookCategory
    /// objects `{id, displayName, color}`.
    pub master_categories: Collection,

    /// Calendars of the mailbox owner; one has `isDefaultCalendar: true`.
    pub calendars: Collection,
    /// `singleInstance` and `seriesMaster` events (occurrences are computed by
    /// calendarView). Internal `_calendarId` says which calendar holds each.
    pub events: Collection,

    /// The owner's drive (`/me/drive`) resource.
    pub drive: Value,
    /// Every other drive (`/drives/{id}`): site document libraries (internal `_siteId`) and
    /// colleagues' OneDrives.
    pub drives: Collection,
    /// SharePoint sites (`/sites/{id}`); internal `_followed` marks those the owner follows.
    pub sites: Collection,
    /// Items of other drives shared with the owner (`/me/drive/sharedWithMe`), newest first.
    pub shared_with_me: Vec<String>,
    /// Every item of every drive; each drive's root has `"root": {}`; `parentReference.id`
    /// links the tree and `parentReference.driveId` names the drive.
    pub drive_items: Collection,
    /// File bytes by drive item id.
    pub drive_content: HashMap<String, Content>,

    /// To Do task lists.
    pub todo_lists: Collection,
    /// To Do tasks of every list; internal `_listId` names the list. Checklist items are
    /// kept in `checklistItems` and returned only with `$expand=checklistItems`.
    pub todo_tasks: Collection,

    /// Contact folders (besides the default one, which is implied).
    pub contact_folders: Collection,
    /// Contacts; `parentFolderId` names their folder.
    pub contacts: Collection,
    /// `/me/people`: person objects ranked by relevance (the order here).
    pub people: Collection,

    /// Counter behind `mint_id`.
    pub next_id: u64,
    /// "Now" for the times written into the data (see `clock`).
    pub clock: super::clock::DataClock,
}

impl Tenant {
    /// A new opaque id in the style of Outlook ids (base64 of a kind tag and a counter):
    /// deterministic for a given sequence of calls.
    pub fn mint_id(&mut self, kind: &str) -> String {
        self.next_id += 1;
        mint_id(kind, self.next_id)
    }

    /// The mailbox owner's user object.
    pub fn me(&self) -> &Value {
        self.users.get(&self.me_id).expect("tenant without its mailbox owner")
    }

    /// The folder id for an id or a well-known name (case-insensitive), if it exists.
    pub fn resolve_folder(&self, id_or_name: &str) -> Option<String> {
        if self.mail_folders.contains(id_or_name) {
            return Some(id_or_name.to_owned());
        }
        self.well_known_folders.get(&id_or_name.to_ascii_lowercase()).cloned()
    }
}

/// The id format behind `Tenant::mint_id`, usable before a tenant exists.
pub fn mint_id(kind: &str, n: u64) -> String {
    use base64::Engine;
    let raw = format!("AAMk{kind}{n:012}");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw.as_bytes())
}

/// A copy of an entity with the simulator's `_` keys removed, at every depth.
pub fn public_view(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (k, v) in map {
                if !k.starts_with('_') {
                    out.insert(k.clone(), public_view(v));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(public_view).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn collection_keeps_order_and_index_after_remove() {
        let mut c: Collection = (0..5).map(|i| json!({"id": format!("m{i}"), "n": i})).collect();
        assert_eq!(c.remove("m1").unwrap()["n"], 1);
        assert_eq!(c.get("m4").unwrap()["n"], 4);
        let order: Vec<_> = c.iter().map(|v| v["n"].as_i64().unwrap()).collect();
        assert_eq!(order, vec![0, 2, 3, 4]);
        c.retain(|v| v["n"] != 3);
        assert_eq!(c.get("m4").unwrap()["n"], 4);
        assert!(c.get("m3").is_none());
    }

    #[test]
    fn public_view_strips_internal_keys_at_every_depth() {
        let v = json!({"id": "e1", "_calendarId": "c", "items": [{"_x": 1, "y": 2}]});
        assert_eq!(public_view(&v), json!({"id": "e1", "items": [{"y": 2}]}));
    }

    #[test]
    fn generated_content_is_stable_and_ranged() {
        let c = Content::Generated { seed: 7, len: 1000 };
        assert_eq!(c.read_range(10, 20), c.read_range(0, 1000)[10..20].to_vec());
        assert_eq!(c.read_range(990, 2000).len(), 10);
        assert!(c.read_range(0, 1000).iter().all(|b| b.is_ascii()));
    }

    #[test]
    fn minted_ids_are_distinct() {
        let mut t = Tenant::default();
        assert_ne!(t.mint_id("msg"), t.mint_id("msg"));
    }
}
