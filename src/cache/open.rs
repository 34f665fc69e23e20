//! Opening an account's cache: the folder made 0700 and the file 0600 before SQLite writes to
//! it (its WAL and shared-memory files take the database's mode), WAL mode so a reader (the
//! interface) and a writer (`o365 sync` from cron) can work at once, then the migrations. A file
//! that is not a database, or a damaged one, is moved aside as `NAME.corrupt-N` and a new one
//! is made, with a notice saying so; nothing crashes and nothing is deleted.
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

use super::{Cache, CacheError, location, schema};

/// An open cache, with what the caller should tell the user about it.
#[derive(Debug)]
pub struct Opened {
    pub cache: Cache,
    /// Set when the old file was unreadable and has been replaced.
    pub notice: Option<String>,
}

/// How long a statement waits for another process's write to finish.
const BUSY_WAIT: Duration = Duration::from_secs(5);

/// Opens (creating when missing) the cache of `account` under `data_dir`.
pub fn open_account(data_dir: &Path, account: &str) -> Result<Opened, CacheError> {
    open_path(&location::database_path(data_dir, account))
}

/// Opens the database at `path`, moving a corrupt one aside.
pub fn open_path(path: &Path) -> Result<Opened, CacheError> {
    let io = |source| CacheError::Io { path: path.to_owned(), source };
    if let Some(dir) = path.parent() {
        private_dir(dir).map_err(|source| CacheError::Io { path: dir.to_owned(), source })?;
    }
    private_file(path).map_err(io)?;
    match connect(path) {
        Ok(cache) => Ok(Opened { cache, notice: None }),
        Err(CacheError::Sqlite(e)) if is_corruption(&e) => {
            let aside = move_aside(path).map_err(io)?;
            private_file(path).map_err(io)?;
            let cache = connect(path)?;
            let notice = format!(
                "the local cache was unreadable ({e}); it was moved to {} and a new one is being built",
                aside.display()
            );
            tracing::warn!("{notice}");
            Ok(Opened { cache, notice: Some(notice) })
        }
        Err(other) => Err(other),
    }
}

fn connect(path: &Path) -> Result<Cache, CacheError> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_WAIT)?;
    // The first read of the file: a file that is not a database fails here.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    tracing::debug!("cache {} in journal mode {mode}", path.display());
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    schema::migrate(&mut conn)?;
    Ok(Cache { conn, path: path.to_owned() })
}

/// Whether SQLite says the file is not a database or is damaged.
fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
}

/// Renames the file (and its WAL and shared-memory files) to the first free `NAME.corrupt-N`.
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut n = 1;
    let aside = loop {
        let candidate = path.with_file_name(format!("{name}.corrupt-{n}"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let side = path.with_file_name(format!("{name}{suffix}"));
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    Ok(aside)
}

/// Creates the folder (0700 on Unix) or closes an existing one to others.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Creates the file empty with mode 0600 when missing (SQLite then writes into it), or makes an
/// existing one 0600.
fn private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    drop(options.open(path)?);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}
