//! The tenant's data held in memory as Graph-shaped JSON, with the id index the endpoints need.
//!
//! Every entity is a `serde_json::Value` object shaped exactly as Graph returns it. Keys that
//! begin with `_` are the simulator's own bookkeeping (which calendar an event lives in, which
//! list a task belongs to) and never leave the process: `public_view` strips them.
pub mod attachments;
pub mod collection;
pub mod content;
pub mod drive_items;
pub mod mailbox;

use std::collections::HashMap;

use serde_json::{Map, Value};

pub use attachments::Attachments;
pub use collection::Collection;
pub use content::{Content, ContentHashes, FileHashes};
pub use drive_items::DriveItems;
pub use mailbox::Mailbox;

/// A secret of one tenant (download URLs are signed with it): random, so that two tenants in
/// one process, even seeded alike, never accept each other's URLs.
#[derive(Clone)]
pub struct SigningKey(pub [u8; 32]);

impl Default for SigningKey {
    fn default() -> Self {
        let mut key = [0u8; 32];
        key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        SigningKey(key)
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(..)")
    }
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
    /// Every message in every folder (`parentFolderId`), with `body`, in each folder's order.
    pub messages: Mailbox,
    /// Attachments by message id: Graph attachment objects (`@odata.type`,
    /// `contentBytes` base64 for file attachments).
    pub attachments: Attachments,
    /// The owner's Outlook master categories (`/me/outlook/masterCategories`): outlookCategory
    /// objects `{id, displayName, color}`.
    pub master_categories: Collection,

    /// Calendars of the mailbox owner; one has `isDefaultCalendar: true`.
    pub calendars: Collection,
    /// `singleInstance` and `seriesMaster` events (occurrences are computed by
    /// calendarView). Internal `_calendarId` says which calendar holds each.
    pub events: Collection,
    /// Microsoft 365 groups the owner is a member of (`/me/memberOf`), Graph group objects.
    pub groups: Collection,
    /// Each group's calendar (`/groups/{id}/calendar`); internal `_groupId` names the group.
    /// Apart from `calendars`: they are not the owner's and never list in `/me/calendars`.
    pub group_calendars: Collection,
    /// The groups' events, `_calendarId` naming the group's calendar: apart from `events`, so
    /// nothing of the owner's (views, free/busy, delta) ever reads them.
    pub group_events: Collection,
    /// How many occurrences calendar views have found and drawn.
    pub calendar_counts: crate::calendar::expand::ViewCounts,
    /// Which stored events (single events and series masters) changed, for calendarView delta.
    pub event_changes: mailbox::changes::Changes,

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
    pub drive_items: DriveItems,
    /// File bytes by drive item id.
    pub drive_content: HashMap<String, Content>,
    /// `file.hashes.sha256Hash` by drive item id, computed when first shown.
    pub drive_hashes: ContentHashes,
    /// Drive upload sessions by the id in their `uploadUrl`.
    pub drive_uploads: HashMap<String, crate::drive::upload::Session>,
    /// Copies in progress by the id in their monitor URL (`drive::organise`).
    pub drive_copies: HashMap<String, crate::drive::organise::CopyJob>,
    /// Sharing links by item id (`permission` objects, `drive::sharing`).
    pub drive_permissions: HashMap<String, Vec<Value>>,
    /// Earlier versions of files by item id, oldest first (`drive::versions`).
    pub drive_versions: HashMap<String, Vec<crate::drive::versions::Version>>,
    /// Items deleted to the recycle bin (as they were, `parentReference.path` included).
    pub drive_recycle_bin: Vec<Value>,
    /// Signs this tenant's pre-authenticated download URLs.
    pub download_key: SigningKey,

    /// To Do task lists.
    pub todo_lists: Collection,
    /// To Do tasks of every list; internal `_listId` names the list. Checklist items are
    /// kept in `checklistItems` and returned only with `$expand=checklistItems`.
    pub todo_tasks: Collection,
    /// What changed in each list's tasks, and in the lists, for delta queries (`todo::delta`).
    pub todo_changes: mailbox::changes::Changes,

    /// Contact folders (besides the default one, which is implied).
    pub contact_folders: Collection,
    /// Contacts; `parentFolderId` names their folder.
    pub contacts: Collection,
    /// What changed in each contact folder, and in the folders, for delta queries.
    pub contact_changes: mailbox::changes::Changes,
    /// `/me/people`: person objects ranked by relevance (the order here).
    pub people: Collection,

    /// Counter behind `mint_id`.
    pub next_id: u64,
    /// "Now" for the times written into the data (see `clock`).
    pub clock: super::clock::DataClock,
}

impl Tenant {
    /// Loses the sync state of one delta resource (`scope`, as its tokens name it): its tokens
    /// issued so far get 410 from now on, in whichever journal keeps it (the scopes of the
    /// journals do not overlap: ids, and named scopes of their own).
    pub fn expire_sync_state(&mut self, scope: &str) {
        for changes in [
            &mut self.messages.changes,
            &mut self.event_changes,
            &mut self.todo_changes,
            &mut self.contact_changes,
            &mut self.drive_items.changes,
        ] {
            changes.expire(scope);
        }
    }

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
    fn public_view_strips_internal_keys_at_every_depth() {
        let v = json!({"id": "e1", "_calendarId": "c", "items": [{"_x": 1, "y": 2}]});
        assert_eq!(public_view(&v), json!({"id": "e1", "items": [{"y": 2}]}));
    }

    #[test]
    fn minted_ids_are_distinct() {
        let mut t = Tenant::default();
        assert_ne!(t.mint_id("msg"), t.mint_id("msg"));
    }
}
