//! Drive items in the cache, per drive: what a folder listing shows (name, kind, size, when
//! modified, the folder it is in), in the app's own columns. Names are the server's: they are
//! shown (sanitised), never used as local paths.
use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{Row, Transaction, params};

use super::mail::Written;
use super::{Cache, CacheError};
use crate::domain::{DriveItem, DriveItemKind};

/// The key the account's own drive is kept under (any other drive: its id).
pub const OWN_DRIVE: &str = "me";

/// Adds or replaces items of `drive_id`.
pub fn upsert_items(tx: &Transaction<'_>, drive_id: &str, items: &[DriveItem]) -> Result<Written, CacheError> {
    let mut written = Written::default();
    let mut exists = tx.prepare_cached("SELECT 1 FROM drive_items WHERE id = ?1")?;
    let mut put = tx.prepare_cached(
        "INSERT INTO drive_items (id, drive_id, parent_id, name, kind, mime, size, child_count, modified, is_root)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET drive_id = excluded.drive_id, parent_id = excluded.parent_id,
             name = excluded.name, kind = excluded.kind, mime = excluded.mime, size = excluded.size,
             child_count = excluded.child_count, modified = excluded.modified, is_root = excluded.is_root",
    )?;
    for item in items {
        match exists.exists([&item.id])? {
            true => written.updated += 1,
            false => written.added += 1,
        }
        let (kind, mime, child_count) = match &item.kind {
            DriveItemKind::File { mime, .. } => ("file", mime.clone(), 0),
            DriveItemKind::Folder { child_count } => ("folder", None, *child_count as i64),
            DriveItemKind::Other => ("other", None, 0),
        };
        put.execute(params![
            item.id,
            drive_id,
            item.parent_id,
            item.name,
            kind,
            mime,
            item.size as i64,
            child_count,
            item.modified.map(|t| t.timestamp_millis()),
            item.is_root,
        ])?;
    }
    Ok(written)
}

/// Removes items by id; returns how many were cached.
pub fn remove_items(tx: &Transaction<'_>, ids: &[String]) -> Result<usize, CacheError> {
    let mut gone = tx.prepare_cached("DELETE FROM drive_items WHERE id = ?1")?;
    let mut removed = 0;
    for id in ids {
        removed += gone.execute([id])?;
    }
    Ok(removed)
}

/// Removes the items of `drive_id` not in `keep` (after a full round).
pub fn retain_items(tx: &Transaction<'_>, drive_id: &str, keep: &HashSet<String>) -> Result<usize, CacheError> {
    let mut ids = tx.prepare_cached("SELECT id FROM drive_items WHERE drive_id = ?1")?;
    let stale: Vec<String> = ids
        .query_map([drive_id], |row| row.get::<_, String>(0))?
        .filter_map(Result::ok)
        .filter(|id| !keep.contains(id))
        .collect();
    remove_items(tx, &stale)
}

const COLUMNS: &str = "id, drive_id, parent_id, name, kind, mime, size, child_count, modified, is_root";

fn item(row: &Row<'_>) -> rusqlite::Result<DriveItem> {
    let size = row.get::<_, i64>(6)?.max(0) as u64;
    let kind = match row.get::<_, String>(4)?.as_str() {
        "file" => DriveItemKind::File { mime: row.get(5)?, size },
        "folder" => DriveItemKind::Folder { child_count: row.get::<_, i64>(7)?.max(0) as u64 },
        _ => DriveItemKind::Other,
    };
    Ok(DriveItem {
        id: row.get(0)?,
        drive_id: row.get(1)?,
        parent_id: row.get(2)?,
        name: row.get(3)?,
        kind,
        size,
        modified: row.get::<_, Option<i64>>(8)?.and_then(DateTime::<Utc>::from_timestamp_millis),
        is_root: row.get(9)?,
        modified_by: None,
        parent_path: None,
        web_url: None,
        download_url: None,
        is_deleted: false,
        special_folder: None,
        e_tag: None,
    })
}

impl Cache {
    /// Every cached item of a drive.
    pub fn drive_items(&self, drive_id: &str) -> Result<Vec<DriveItem>, CacheError> {
        let sql = format!("SELECT {COLUMNS} FROM drive_items WHERE drive_id = ?1 ORDER BY name COLLATE NOCASE, id");
        let mut statement = self.conn().prepare_cached(&sql)?;
        let items = statement.query_map([drive_id], item)?.collect::<Result<Vec<_>, _>>()?;
        Ok(items)
    }

    /// The cached children of a folder, folders first, then by name.
    pub fn drive_children(&self, parent_id: &str) -> Result<Vec<DriveItem>, CacheError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM drive_items WHERE parent_id = ?1 ORDER BY kind <> 'folder', name COLLATE NOCASE, id"
        );
        let mut statement = self.conn().prepare_cached(&sql)?;
        let items = statement.query_map([parent_id], item)?.collect::<Result<Vec<_>, _>>()?;
        Ok(items)
    }
}
