//! The deltaLink each synced resource ended its last round with, and when: stored in the same
//! transaction as the round's last page (ecosystem-notes E: a link saved before its changes are
//! would lose them after a crash). Resource names: `mail:folders`, `mail:messages:{folder id}`.
use rusqlite::{OptionalExtension, params};

use super::{Cache, CacheError};

/// The resource name of the mail folder tree.
pub const MAIL_FOLDERS: &str = "mail:folders";

/// The resource name of the To Do lists.
pub const TODO_LISTS: &str = "todo:lists";

/// The resource name of one To Do list's tasks.
pub fn todo_tasks(list_id: &str) -> String {
    format!("todo:tasks:{list_id}")
}

/// The resource name of the contact folders.
pub const CONTACT_FOLDERS: &str = "contacts:folders";

/// The resource name of one contact folder's contacts.
pub fn contacts_in(folder_id: &str) -> String {
    format!("contacts:in:{folder_id}")
}

/// The resource name of one drive's items (`me` for the account's own drive).
pub fn drive(drive_id: &str) -> String {
    format!("drive:{drive_id}")
}

/// The resource name of the default calendar's view of its window.
pub fn calendar_view() -> String {
    "calendar:view".to_owned()
}

/// The resource name of one folder's messages.
pub fn mail_messages(folder_id: &str) -> String {
    format!("mail:messages:{folder_id}")
}

/// Stores `link` for `resource` (in the caller's transaction), synced at `at` (RFC 3339).
pub fn store(tx: &rusqlite::Transaction<'_>, resource: &str, link: &str, at: &str) -> Result<(), CacheError> {
    tx.execute(
        "INSERT INTO delta_links (resource, link, synced_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (resource) DO UPDATE SET link = excluded.link, synced_at = excluded.synced_at",
        params![resource, link, at],
    )?;
    Ok(())
}

/// Forgets `resource`'s link (its sync state was lost): the next round is a full one.
pub fn forget(tx: &rusqlite::Transaction<'_>, resource: &str) -> Result<(), CacheError> {
    tx.execute("DELETE FROM delta_links WHERE resource = ?1", [resource])?;
    Ok(())
}

impl Cache {
    /// The stored deltaLink of `resource` and when its round finished (RFC 3339).
    fn stored(&self, resource: &str) -> Result<Option<(String, String)>, CacheError> {
        let row = self
            .conn()
            .query_row("SELECT link, synced_at FROM delta_links WHERE resource = ?1", [resource], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        Ok(row)
    }

    /// The stored deltaLink of `resource`.
    pub fn delta_link(&self, resource: &str) -> Result<Option<String>, CacheError> {
        Ok(self.stored(resource)?.map(|(link, _)| link))
    }

    /// When `resource` last finished a round (RFC 3339), if ever.
    pub fn synced_at(&self, resource: &str) -> Result<Option<String>, CacheError> {
        Ok(self.stored(resource)?.map(|(_, at)| at))
    }

    /// When any mail resource last finished a round, the latest.
    pub fn mail_synced_at(&self) -> Result<Option<String>, CacheError> {
        let at = self.conn().query_row(
            "SELECT max(synced_at) FROM delta_links WHERE resource LIKE 'mail:%'",
            [],
            |row| row.get(0),
        )?;
        Ok(at)
    }
}
