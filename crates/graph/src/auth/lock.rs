//! The token store's lock across processes: every write of an account's tokens (login, refresh,
//! logout) holds an exclusive advisory lock on `{account}.lock` beside its token file, so two
//! o365 processes never interleave a read-then-write of it (issue 14: a refresh running while
//! `o365 logout` deleted the file used to write it back).
//!
//! The lock is never taken on the token file itself, which `cache::save` replaces by rename,
//! and the lock file is never deleted: a process may still hold a lock on the deleted file
//! while another locks a new one.
use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{AuthError, cache};

/// Held while an account's token file is read and written; dropping it releases the lock.
#[derive(Debug)]
pub struct TokenLock {
    _file: Option<File>,
}

/// The lock file of a token file: `tokens/work.json` → `tokens/work.lock`.
pub fn lock_file(cache_path: &Path) -> PathBuf {
    cache_path.with_extension("lock")
}

impl TokenLock {
    /// Waits until no other process (or provider) holds the lock of `cache_path`'s account.
    /// The wait runs on a blocking thread: the holder may be in the middle of a token request,
    /// and this task's runtime may be the one that request needs.
    pub async fn acquire(cache_path: &Path) -> Result<TokenLock, AuthError> {
        let path = lock_file(cache_path);
        let file = open(&path)?;
        let waited = tokio::task::spawn_blocking(move || file.lock().map(|()| file)).await;
        let locked = waited.map_err(|e| AuthError::Cache(format!("waiting for {}: {e}", path.display())))?;
        match locked {
            Ok(file) => Ok(TokenLock { _file: Some(file) }),
            // A file system without locks (some network mounts): carry on as before locks.
            Err(e) if e.kind() == ErrorKind::Unsupported => {
                tracing::warn!("{} cannot be locked ({e}); token writes are not serialised", path.display());
                Ok(TokenLock { _file: None })
            }
            Err(e) => Err(AuthError::Cache(format!("cannot lock {}: {e}", path.display()))),
        }
    }
}

/// Opens (creating if needed) the lock file: mode 0600 in the private tokens directory.
fn open(path: &Path) -> Result<File, AuthError> {
    let fail = |e: std::io::Error| AuthError::Cache(format!("cannot open {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        cache::create_private_dir(dir).map_err(fail)?;
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_sits_beside_the_token_file() {
        let dir = Path::new("/data/tokens");
        assert_eq!(lock_file(&cache::cache_file(dir, "work")), dir.join("work.lock"));
        let hashed = cache::cache_file(dir, "a/b");
        assert_eq!(lock_file(&hashed).parent(), Some(dir));
        assert_ne!(lock_file(&hashed), hashed);
    }

    #[tokio::test]
    async fn a_second_holder_waits_for_the_first() {
        let dir = std::env::temp_dir().join(format!("o365-lock-{}", uuid::Uuid::new_v4().simple()));
        let token_file = dir.join("tokens").join("work.json");
        let first = TokenLock::acquire(&token_file).await.unwrap();
        let second = tokio::spawn({
            let token_file = token_file.clone();
            async move { TokenLock::acquire(&token_file).await.map(drop) }
        });
        // While `first` is held, another open file description cannot take the lock (the same
        // holds for another process); `second` waits on a blocking thread until it is dropped.
        let probe = open(&lock_file(&token_file)).unwrap();
        assert!(probe.try_lock().is_err(), "the lock is held");
        drop(first);
        second.await.unwrap().unwrap();
        probe.try_lock().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(lock_file(&token_file)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
