//! Upload sessions kept on disk, so `drive put` run again after a crash or a killed cron job
//! resumes the session the service still holds instead of sending everything again. One small
//! JSON file per upload (mode 0600: the URL alone lets anyone write the file), named by a hash
//! of what makes the upload the same one: the target drive, folder and name, the local file's
//! path, size and modification time. A changed local file is a different upload.
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;

use crate::drive::location::DriveRoot;
use crate::error::{GraphError, GraphResult};

/// What identifies one upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionKey(String);

impl SessionKey {
    pub fn new(drive: &DriveRoot, parent_id: &str, name: &str, local: &Path, meta: &std::fs::Metadata) -> Self {
        let mut hasher = Sha256::new();
        let local = std::fs::canonicalize(local).unwrap_or_else(|_| local.to_path_buf());
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        for part in [drive.drive_path(), parent_id, name, &local.to_string_lossy()] {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        hasher.update(meta.len().to_le_bytes());
        hasher.update(modified.to_le_bytes());
        Self(hasher.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect())
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Saved {
    upload_url: String,
    size: u64,
}

/// The file one upload's session is kept in.
#[derive(Debug, Clone)]
pub struct SavedSession {
    path: PathBuf,
}

impl SavedSession {
    pub fn at(dir: &Path, key: &SessionKey) -> Self {
        Self { path: dir.join(format!("{}.json", key.0)) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The session URL kept for this upload, if any.
    pub fn load(&self) -> Option<Url> {
        let text = std::fs::read(&self.path).ok()?;
        let saved: Saved = serde_json::from_slice(&text).ok()?;
        Url::parse(&saved.upload_url).ok()
    }

    /// Keeps `url` (written to a private temporary file, then renamed into place).
    pub fn store(&self, url: &Url, size: u64) -> GraphResult<()> {
        let refused = |e: std::io::Error| {
            GraphError::Refused(format!("cannot keep the upload session in {}: {e}", self.path.display()))
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        create_private_dir(dir).map_err(refused)?;
        let body = serde_json::to_vec(&Saved { upload_url: url.to_string(), size })
            .map_err(|e| GraphError::Refused(e.to_string()))?;
        let temporary = self.path.with_extension("json.tmp");
        write_private(&temporary, &body).map_err(refused)?;
        std::fs::rename(&temporary, &self.path).map_err(refused)
    }

    /// Removes the kept session (done, or no longer there).
    pub fn forget(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn write_private(path: &Path, body: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(body)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_private_and_found_again_by_the_same_upload_only() {
        let dir = std::env::temp_dir().join(format!("o365-session-state-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let local = dir.join("report.bin");
        std::fs::write(&local, b"abc").unwrap();
        let meta = std::fs::metadata(&local).unwrap();
        let drive = DriveRoot::new("me/drive");
        let key = SessionKey::new(&drive, "root-id", "report.bin", &local, &meta);
        assert_eq!(key, SessionKey::new(&drive, "root-id", "report.bin", &local, &meta));
        assert_ne!(key, SessionKey::new(&drive, "root-id", "other.bin", &local, &meta));
        let saved = SavedSession::at(&dir.join("uploads"), &key);
        assert!(saved.load().is_none());
        let url = Url::parse("http://127.0.0.1:1/upload/abc").unwrap();
        saved.store(&url, 3).unwrap();
        assert_eq!(saved.load(), Some(url));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(saved.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        saved.forget();
        assert!(saved.load().is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
