//! Local drafts on disk: one private directory per process (0700) under the data dir's
//! `compose` folder (or `$XDG_RUNTIME_DIR`), files created with `create_new` and mode 0600
//! (ecosystem-notes C.5), written whole and renamed into place. A draft is removed only once
//! the service has the message; what a crashed or killed process left behind is offered for
//! recovery (`leftovers`).
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{DraftDir, Leftover, LocalDraft};

impl DraftDir {
    /// Creates `base` and this process's directory in it, both 0700.
    pub fn create(base: &Path) -> io::Result<DraftDir> {
        private_dir(base)?;
        let own = base.join(format!("{}-{:08x}", std::process::id(), fastrand::u32(..)));
        private_dir(&own)?;
        Ok(DraftDir { base: base.to_path_buf(), own })
    }

    /// Drafts left in other processes' directories whose process is gone, oldest first.
    pub fn leftovers(&self) -> Vec<Leftover> {
        let Ok(entries) = fs::read_dir(&self.base) else { return Vec::new() };
        let mut found = Vec::new();
        for dir in entries.flatten().map(|e| e.path()) {
            if dir == self.own || !dir.is_dir() || owner_alive(&dir) {
                continue;
            }
            let Ok(files) = fs::read_dir(&dir) else { continue };
            let mut any = false;
            for path in files.flatten().map(|e| e.path()) {
                any = true;
                let is_draft = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("draft-"));
                if let Some(draft) = is_draft.then(|| read_draft(&path).ok()).flatten() {
                    let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
                    found.push((modified, Leftover { path, draft }));
                }
            }
            if !any {
                // An empty directory of a finished process: nothing to keep.
                let _ = fs::remove_dir(&dir);
            }
        }
        found.sort_by_key(|(modified, _)| *modified);
        found.into_iter().map(|(_, leftover)| leftover).collect()
    }
}

/// Makes `dir` (and its parents) and sets it to 0700.
fn private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Whether the process that named this directory (`PID-…`) still runs.
fn owner_alive(dir: &Path) -> bool {
    let pid = dir.file_name().and_then(|n| n.to_str()).and_then(|n| n.split('-').next()).and_then(|p| p.parse().ok());
    match pid {
        #[cfg(unix)]
        Some(pid) => {
            // SAFETY: signal 0 only checks that the process exists; nothing is sent.
            let alive = unsafe { libc::kill(pid, 0) } == 0;
            alive || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
        }
        _ => false,
    }
}

/// Creates `path` new with mode 0600 and writes `bytes` (fails if it exists).
pub fn create_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes the draft: a new 0600 file beside it, then renamed over it, so a crash mid-write
/// leaves the old copy whole.
pub fn write_draft(path: &Path, draft: &LocalDraft) -> io::Result<()> {
    let json = serde_json::to_vec_pretty(draft).map_err(io::Error::other)?;
    let temp = path.with_extension(format!("tmp{:08x}", fastrand::u32(..)));
    create_private(&temp, &json)?;
    fs::rename(&temp, path).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

pub fn read_draft(path: &Path) -> io::Result<LocalDraft> {
    let bytes = fs::read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Removes a draft once the service has the message; its directory too when that is now
/// empty and not this process's (a recovered draft's).
pub fn remove_draft(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let ours = format!("{}-", std::process::id());
    if let Some(parent) = path.parent()
        && !parent.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&ours))
    {
        // Fails (and keeps it) while other files are in it.
        let _ = fs::remove_dir(parent);
    }
    Ok(())
}

/// The drafts folder of a data directory (the interface uses the same one).
pub fn base_in(data_dir: &Path) -> PathBuf {
    data_dir.join("compose")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::PermissionsExt;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("o365-drafts-{name}-{}", uuid::Uuid::new_v4().simple()));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn drafts_are_private_and_survive_a_rewrite() {
        let root = scratch("private");
        let dirs = DraftDir::create(&root.join("compose")).unwrap();
        #[cfg(unix)]
        {
            assert_eq!(fs::metadata(&dirs.base).unwrap().permissions().mode() & 0o777, 0o700);
            assert_eq!(fs::metadata(&dirs.own).unwrap().permissions().mode() & 0o777, 0o700);
        }
        let path = dirs.new_path("draft", "json");
        let mut draft = LocalDraft { subject: "first".into(), kind: "new".into(), ..LocalDraft::default() };
        write_draft(&path, &draft).unwrap();
        draft.subject = "second".into();
        write_draft(&path, &draft).unwrap();
        #[cfg(unix)]
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(read_draft(&path).unwrap().subject, "second");
        assert_eq!(fs::read_dir(&dirs.own).unwrap().count(), 1, "no temp file left");
        assert!(create_private(&path, b"x").is_err(), "create_new refuses an existing file");
        remove_draft(&path).unwrap();
        assert!(!path.exists() && dirs.own.exists());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_dead_process_leaves_drafts_for_recovery() {
        let root = scratch("leftover");
        let base = root.join("compose");
        // No process has pid 0x7fff_fff0 on a normal system: its directory is a leftover.
        let dead = base.join("2147483632-0000abcd");
        fs::create_dir_all(&dead).unwrap();
        let path = dead.join("draft-1.json");
        write_draft(&path, &LocalDraft { subject: "lost".into(), ..LocalDraft::default() }).unwrap();
        fs::create_dir_all(base.join("2147483633-00000000")).unwrap();
        let dirs = DraftDir::create(&base).unwrap();
        let found = dirs.leftovers();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].draft.subject, "lost");
        assert!(!base.join("2147483633-00000000").exists(), "empty leftovers are tidied");
        let live = DraftDir::create(&base).unwrap();
        write_draft(&live.new_path("draft", "json"), &LocalDraft::default()).unwrap();
        assert_eq!(dirs.leftovers().len(), 1, "a running process's drafts are its own");
        remove_draft(&found[0].path).unwrap();
        assert!(!dead.exists(), "the emptied leftover directory goes too");
        fs::remove_dir_all(&root).unwrap();
    }
}
