//! The local cache (issue 10): one SQLite database per account in the data dir, holding what
//! the interface and the CLI can show without the network (mail folders, message headers,
//! bodies once opened, attachment lists) and the deltaLink of each synced resource, with FTS5
//! full-text search over it. The TUI's worker and `o365 sync` read and write it; the TUI's
//! store never does (its loads arrive as messages, as from the network).
//!
//! One file per job: `location` (the path, from the account's name only), `open` (0600, WAL,
//! a corrupt file moved aside), `schema` (numbered migrations), `mail` (folders and headers),
//! `bodies`, `search` (FTS5), `todo` (task lists and tasks), `contacts`, `drive` (items per
//! drive), `calendar` (the default calendar's window), `links` (deltaLinks and when each
//! resource last synced), `listings` (what the interface listed from the service, kept so it
//! reads offline).
pub mod bodies;
pub mod calendar;
pub mod contacts;
pub mod drive;
pub mod links;
pub mod listings;
pub mod location;
pub mod mail;
pub mod open;
pub mod schema;
pub mod search;
pub mod todo;

use std::path::PathBuf;

pub use open::Opened;

/// What can go wrong with the cache.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error(
        "the cache was written by a newer o365 (schema version {found}; this one knows up to {known}): \
         update o365, or remove the cache file to start it again"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("cache database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cache file {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// An open cache database.
pub struct Cache {
    conn: rusqlite::Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").field("path", &self.path).finish()
    }
}

impl Cache {
    /// The database file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Runs `work` in one transaction: all of it is kept, or none.
    pub fn in_transaction<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, CacheError>,
    ) -> Result<T, CacheError> {
        let tx = self.conn.transaction()?;
        let out = work(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub(crate) fn conn(&self) -> &rusqlite::Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests;
