//! Mail in the cache: the folder tree and message headers, the rows a list shows
//! (`domain::MessageSummary`), in the app's own columns, never Graph's JSON.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{Cache, CacheError};
use crate::domain::{Folder, Importance, Mailbox, MessageSummary, WellKnown};

/// What writing a batch of headers did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub added: usize,
    pub updated: usize,
}

/// A folder with its depth in the tree (0 = top level), in tree order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedFolder {
    pub folder: Folder,
    pub depth: usize,
}

/// Adds or replaces folders (their well-known kind is kept unless `folder.well_known` says one);
/// a new folder goes after every known one, so the tree keeps the order the service gave.
pub fn upsert_folders(tx: &Transaction<'_>, folders: &[Folder]) -> Result<Written, CacheError> {
    let mut written = Written::default();
    let mut exists = tx.prepare_cached("SELECT 1 FROM mail_folders WHERE id = ?1")?;
    let mut put = tx.prepare_cached(
        "INSERT INTO mail_folders (id, parent_id, name, unread, total, children, hidden, search_folder, well_known,
             position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, (SELECT coalesce(max(position), 0) + 1 FROM mail_folders))
         ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name,
             unread = excluded.unread, total = excluded.total, children = excluded.children,
             hidden = excluded.hidden, search_folder = excluded.search_folder,
             well_known = coalesce(excluded.well_known, mail_folders.well_known)",
    )?;
    for f in folders {
        match exists.exists([&f.id])? {
            true => written.updated += 1,
            false => written.added += 1,
        }
        put.execute(params![
            f.id,
            f.parent_id,
            f.name,
            f.unread_count as i64,
            f.total_count as i64,
            f.child_folder_count as i64,
            f.is_hidden,
            f.is_search_folder,
            f.well_known.map(WellKnown::graph_name),
        ])?;
    }
    Ok(written)
}

/// Removes folders and every message cached in them; returns how many folders were there.
pub fn remove_folders(tx: &Transaction<'_>, ids: &[String]) -> Result<usize, CacheError> {
    let mut removed = 0;
    for id in ids {
        tx.execute("DELETE FROM messages WHERE folder_id = ?1", [id])?;
        tx.execute("DELETE FROM delta_links WHERE resource = ?1", [super::links::mail_messages(id)])?;
        removed += tx.execute("DELETE FROM mail_folders WHERE id = ?1", [id])?;
    }
    Ok(removed)
}

/// The ids of every cached folder not in `keep` (after a full round, those the service no
/// longer has).
pub fn folders_not_in(tx: &Transaction<'_>, keep: &HashSet<String>) -> Result<Vec<String>, CacheError> {
    let mut all = tx.prepare_cached("SELECT id FROM mail_folders")?;
    let ids = all.query_map([], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(ids.into_iter().filter(|id| !keep.contains(id)).collect())
}

/// Names the distinguished folders by id.
pub fn set_well_known(tx: &Transaction<'_>, known: &[(WellKnown, String)]) -> Result<(), CacheError> {
    for (kind, id) in known {
        tx.execute("UPDATE mail_folders SET well_known = NULL WHERE well_known = ?1", [kind.graph_name()])?;
        tx.execute("UPDATE mail_folders SET well_known = ?1 WHERE id = ?2", params![kind.graph_name(), id])?;
    }
    Ok(())
}

/// Adds or replaces message headers filed in `folder_id`.
pub fn upsert_messages(
    tx: &Transaction<'_>,
    folder_id: &str,
    messages: &[MessageSummary],
) -> Result<Written, CacheError> {
    let mut written = Written::default();
    let mut exists = tx.prepare_cached("SELECT 1 FROM messages WHERE id = ?1")?;
    let mut put = tx.prepare_cached(
        "INSERT INTO messages (id, folder_id, received, subject, from_name, from_address, recipients, is_read,
             is_flagged, is_draft, has_attachments, importance, preview, conversation_id, conversation_depth, categories,
             is_meeting)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT (id) DO UPDATE SET folder_id = excluded.folder_id, received = excluded.received,
             subject = excluded.subject, from_name = excluded.from_name, from_address = excluded.from_address,
             recipients = excluded.recipients, is_read = excluded.is_read, is_flagged = excluded.is_flagged,
             is_draft = excluded.is_draft, has_attachments = excluded.has_attachments,
             importance = excluded.importance, preview = excluded.preview,
             conversation_id = excluded.conversation_id, conversation_depth = excluded.conversation_depth,
             categories = excluded.categories, is_meeting = excluded.is_meeting",
    )?;
    for m in messages {
        match exists.exists([&m.id])? {
            true => written.updated += 1,
            false => written.added += 1,
        }
        let recipients: Vec<(&str, &str)> = m.to.iter().map(|r| (r.name.as_str(), r.address.as_str())).collect();
        put.execute(params![
            m.id,
            folder_id,
            m.received.map(|t| t.timestamp_millis()),
            m.subject,
            m.from.as_ref().map(|f| &f.name),
            m.from.as_ref().map(|f| &f.address),
            json(&recipients),
            m.is_read,
            m.is_flagged,
            m.is_draft,
            m.has_attachments,
            m.importance.as_ref().map(Importance::as_str),
            m.preview,
            m.conversation_id,
            m.conversation_depth as i64,
            json(&m.categories),
            m.is_meeting,
        ])?;
    }
    Ok(written)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_owned())
}

/// Removes messages by id; returns how many were cached.
pub fn remove_messages(tx: &Transaction<'_>, ids: &[String]) -> Result<usize, CacheError> {
    let mut gone = tx.prepare_cached("DELETE FROM messages WHERE id = ?1")?;
    let mut removed = 0;
    for id in ids {
        removed += gone.execute([id])?;
    }
    Ok(removed)
}

/// Removes the messages of `folder_id` whose ids are not in `keep` (after a full round).
pub fn retain_messages(tx: &Transaction<'_>, folder_id: &str, keep: &HashSet<String>) -> Result<usize, CacheError> {
    let mut ids = tx.prepare_cached("SELECT id FROM messages WHERE folder_id = ?1")?;
    let stale: Vec<String> = ids
        .query_map([folder_id], |row| row.get::<_, String>(0))?
        .filter_map(Result::ok)
        .filter(|id| !keep.contains(id))
        .collect();
    remove_messages(tx, &stale)
}

const SUMMARY_COLUMNS: &str = "id, folder_id, received, subject, from_name, from_address, recipients, is_read, \
     is_flagged, is_draft, has_attachments, importance, preview, conversation_id, conversation_depth, categories, \
     is_meeting";

fn summary(row: &Row<'_>) -> rusqlite::Result<MessageSummary> {
    let recipients: String = row.get(6)?;
    let to: Vec<(String, String)> = serde_json::from_str(&recipients).unwrap_or_default();
    let categories: String = row.get(15)?;
    let from = match (row.get::<_, Option<String>>(4)?, row.get::<_, Option<String>>(5)?) {
        (None, None) => None,
        (name, address) => Some(Mailbox { name: name.unwrap_or_default(), address: address.unwrap_or_default() }),
    };
    Ok(MessageSummary {
        id: row.get(0)?,
        folder_id: row.get(1)?,
        received: row.get::<_, Option<i64>>(2)?.and_then(DateTime::<Utc>::from_timestamp_millis),
        subject: row.get(3)?,
        from,
        to: to.into_iter().map(|(name, address)| Mailbox { name, address }).collect(),
        is_read: row.get(7)?,
        is_flagged: row.get(8)?,
        is_draft: row.get(9)?,
        has_attachments: row.get(10)?,
        importance: row.get::<_, Option<String>>(11)?.map(|i| Importance::from_wire(&i)),
        preview: row.get(12)?,
        conversation_id: row.get(13)?,
        conversation_depth: row.get::<_, i64>(14)? as usize,
        categories: serde_json::from_str(&categories).unwrap_or_default(),
        is_meeting: row.get(16)?,
    })
}

/// Reads summaries with `sql` (which selects `SUMMARY_COLUMNS` from `messages` as `m`).
pub(super) fn summaries(
    cache: &Cache,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<MessageSummary>, CacheError> {
    let mut statement = cache.conn().prepare_cached(sql)?;
    let rows = statement.query_map(params, summary)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub(super) fn summary_columns(alias: &str) -> String {
    SUMMARY_COLUMNS.split(", ").map(|c| format!("{alias}.{c}")).collect::<Vec<_>>().join(", ")
}

impl Cache {
    /// The cached folder tree, depth first (children after their parent, in the service's
    /// order), hidden folders left out.
    pub fn folders(&self) -> Result<Vec<CachedFolder>, CacheError> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, parent_id, name, unread, total, children, hidden, search_folder, well_known
             FROM mail_folders ORDER BY position, name COLLATE NOCASE",
        )?;
        let all = statement
            .query_map([], |row| {
                Ok(Folder {
                    id: row.get(0)?,
                    parent_id: row.get(1)?,
                    name: row.get(2)?,
                    unread_count: row.get::<_, i64>(3)?.max(0) as u64,
                    total_count: row.get::<_, i64>(4)?.max(0) as u64,
                    child_folder_count: row.get::<_, i64>(5)?.max(0) as u64,
                    is_hidden: row.get(6)?,
                    is_search_folder: row.get(7)?,
                    well_known: row.get::<_, Option<String>>(8)?.as_deref().and_then(WellKnown::from_graph_name),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tree(all))
    }

    /// A cached folder by well-known name, path (`Inbox/Projects`), display name (any case) or id.
    pub fn find_folder(&self, wanted: &str) -> Result<Option<Folder>, CacheError> {
        let folders = self.folders()?;
        let wanted = wanted.trim().trim_matches('/');
        if let Some(kind) = WellKnown::from_graph_name(wanted) {
            return Ok(folders.into_iter().map(|c| c.folder).find(|f| f.well_known == Some(kind)));
        }
        let mut path: Vec<&str> = Vec::new();
        for node in &folders {
            path.truncate(node.depth);
            path.push(&node.folder.name);
            let full = path.join("/");
            if full.eq_ignore_ascii_case(wanted)
                || (!wanted.contains('/') && node.folder.name.eq_ignore_ascii_case(wanted))
            {
                return Ok(Some(node.folder.clone()));
            }
        }
        Ok(folders.into_iter().map(|c| c.folder).find(|f| f.id == wanted))
    }

    /// Up to `limit` headers of a folder, newest first, from `offset`.
    pub fn messages(
        &self,
        folder_id: &str,
        offset: usize,
        limit: usize,
        unread_only: bool,
    ) -> Result<Vec<MessageSummary>, CacheError> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM messages WHERE folder_id = ?1 AND (?2 = 0 OR is_read = 0)
             ORDER BY received DESC, rowid DESC LIMIT ?3 OFFSET ?4"
        );
        summaries(self, &sql, params![folder_id, unread_only, limit as i64, offset as i64])
    }

    /// How many headers of a folder are cached.
    pub fn message_count(&self, folder_id: &str) -> Result<usize, CacheError> {
        let n: i64 =
            self.conn()
                .query_row("SELECT count(*) FROM messages WHERE folder_id = ?1", [folder_id], |row| row.get(0))?;
        Ok(n as usize)
    }

    /// One cached header.
    pub fn message(&self, id: &str) -> Result<Option<MessageSummary>, CacheError> {
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM messages WHERE id = ?1");
        let mut statement = self.conn().prepare_cached(&sql)?;
        Ok(statement.query_row([id], summary).optional()?)
    }

    /// Every cached header of a folder by id (to compare with the tenant in tests and tools).
    pub fn message_ids(&self, folder_id: &str) -> Result<HashSet<String>, CacheError> {
        let mut statement = self.conn().prepare_cached("SELECT id FROM messages WHERE folder_id = ?1")?;
        let ids = statement.query_map([folder_id], |row| row.get(0))?.collect::<Result<HashSet<String>, _>>()?;
        Ok(ids)
    }
}

/// Folders in tree order: roots (no parent among them) first, each followed by its children.
fn tree(all: Vec<Folder>) -> Vec<CachedFolder> {
    let ids: HashSet<String> = all.iter().map(|f| f.id.clone()).collect();
    let mut children: HashMap<Option<String>, Vec<Folder>> = HashMap::new();
    for folder in all.into_iter().filter(|f| !f.is_hidden) {
        let parent = folder.parent_id.clone().filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(folder);
    }
    let mut out = Vec::new();
    let roots = children.remove(&None).unwrap_or_default();
    let mut stack: Vec<(Folder, usize)> = roots.into_iter().rev().map(|f| (f, 0)).collect();
    while let Some((folder, depth)) = stack.pop() {
        if let Some(kids) = children.remove(&Some(folder.id.clone())) {
            stack.extend(kids.into_iter().rev().map(|k| (k, depth + 1)));
        }
        out.push(CachedFolder { folder, depth });
        if out.len() > 100_000 {
            break;
        }
    }
    out
}
