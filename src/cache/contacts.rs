//! Contacts in the cache: the contact folders (the default Contacts folder marked) and each
//! folder's contacts with what a list shows (name, addresses, company, title), in the app's
//! own columns.
use std::collections::HashSet;

use rusqlite::{Transaction, params};

use super::mail::Written;
use super::{Cache, CacheError};
use crate::domain::{Contact, Mailbox};

/// A contact folder as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedContactFolder {
    pub id: String,
    pub name: String,
    pub parent_id: Option<String>,
    /// The default Contacts folder (not listed by the service; its id comes from its contacts).
    pub is_default: bool,
}

/// Adds or replaces contact folders.
pub fn upsert_folders(tx: &Transaction<'_>, folders: &[CachedContactFolder]) -> Result<Written, CacheError> {
    let mut written = Written::default();
    let mut exists = tx.prepare_cached("SELECT 1 FROM contact_folders WHERE id = ?1")?;
    let mut put = tx.prepare_cached(
        "INSERT INTO contact_folders (id, name, parent_id, is_default) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
             is_default = excluded.is_default",
    )?;
    for f in folders {
        match exists.exists([&f.id])? {
            true => written.updated += 1,
            false => written.added += 1,
        }
        put.execute(params![f.id, f.name, f.parent_id, f.is_default])?;
    }
    Ok(written)
}

/// Removes folders with their contacts and delta links; returns how many folders were cached.
pub fn remove_folders(tx: &Transaction<'_>, ids: &[String]) -> Result<usize, CacheError> {
    let mut removed = 0;
    for id in ids {
        tx.execute("DELETE FROM contacts WHERE folder_id = ?1", [id])?;
        tx.execute("DELETE FROM delta_links WHERE resource = ?1", [super::links::contacts_in(id)])?;
        removed += tx.execute("DELETE FROM contact_folders WHERE id = ?1", [id])?;
    }
    Ok(removed)
}

/// The cached folders (the default one aside) not in `keep`.
pub fn folders_not_in(tx: &Transaction<'_>, keep: &HashSet<String>) -> Result<Vec<String>, CacheError> {
    let mut all = tx.prepare_cached("SELECT id FROM contact_folders WHERE is_default = 0")?;
    let ids = all.query_map([], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(ids.into_iter().filter(|id| !keep.contains(id)).collect())
}

/// Adds or replaces the contacts of `folder_id`.
pub fn upsert_contacts(tx: &Transaction<'_>, folder_id: &str, contacts: &[Contact]) -> Result<Written, CacheError> {
    let mut written = Written::default();
    let mut exists = tx.prepare_cached("SELECT 1 FROM contacts WHERE id = ?1")?;
    let mut put = tx.prepare_cached(
        "INSERT INTO contacts (id, folder_id, name, emails, company, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET folder_id = excluded.folder_id, name = excluded.name,
             emails = excluded.emails, company = excluded.company, title = excluded.title",
    )?;
    for c in contacts {
        match exists.exists([&c.id])? {
            true => written.updated += 1,
            false => written.added += 1,
        }
        let emails: Vec<(&str, &str)> = c.emails.iter().map(|m| (m.name.as_str(), m.address.as_str())).collect();
        let emails = serde_json::to_string(&emails).unwrap_or_else(|_| "[]".to_owned());
        put.execute(params![c.id, folder_id, c.name, emails, c.company, c.title])?;
    }
    Ok(written)
}

/// Removes contacts by id; returns how many were cached.
pub fn remove_contacts(tx: &Transaction<'_>, ids: &[String]) -> Result<usize, CacheError> {
    let mut gone = tx.prepare_cached("DELETE FROM contacts WHERE id = ?1")?;
    let mut removed = 0;
    for id in ids {
        removed += gone.execute([id])?;
    }
    Ok(removed)
}

/// Removes the contacts of `folder_id` not in `keep` (after a full round).
pub fn retain_contacts(tx: &Transaction<'_>, folder_id: &str, keep: &HashSet<String>) -> Result<usize, CacheError> {
    let mut ids = tx.prepare_cached("SELECT id FROM contacts WHERE folder_id = ?1")?;
    let stale: Vec<String> = ids
        .query_map([folder_id], |row| row.get::<_, String>(0))?
        .filter_map(Result::ok)
        .filter(|id| !keep.contains(id))
        .collect();
    remove_contacts(tx, &stale)
}

impl Cache {
    /// The cached contact folders, the default one first, then by name.
    pub fn contact_folders(&self) -> Result<Vec<CachedContactFolder>, CacheError> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, name, parent_id, is_default FROM contact_folders ORDER BY is_default DESC, name COLLATE NOCASE",
        )?;
        let folders = statement
            .query_map([], |row| {
                Ok(CachedContactFolder {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    parent_id: row.get(2)?,
                    is_default: row.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(folders)
    }

    /// The cached contacts of a folder, by name.
    pub fn contacts(&self, folder_id: &str) -> Result<Vec<Contact>, CacheError> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, name, emails, company, title FROM contacts WHERE folder_id = ?1 ORDER BY name COLLATE NOCASE, id",
        )?;
        let contacts = statement
            .query_map([folder_id], |row| {
                let emails: Vec<(String, String)> = serde_json::from_str(&row.get::<_, String>(2)?).unwrap_or_default();
                Ok(Contact {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    emails: emails.into_iter().map(|(name, address)| Mailbox { name, address }).collect(),
                    company: row.get(3)?,
                    title: row.get(4)?,
                    folder_id: Some(folder_id.to_owned()),
                    ..Contact::default()
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(contacts)
    }
}
