//! The session's temporary folder: attachments and drive files opened with the system's viewer
//! are written here (a private 0700 folder under the system's temporary one, made on first use)
//! and the whole folder goes when the interface ends, by `q`, an error, SIGTERM or SIGHUP.
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct Scratch {
    dir: Mutex<Option<PathBuf>>,
}

impl Scratch {
    /// The folder, made now if it is not there yet.
    pub fn dir(&self) -> std::io::Result<PathBuf> {
        let mut dir = self.dir.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(dir) = dir.as_ref() {
            return Ok(dir.clone());
        }
        let made = private_dir()?;
        *dir = Some(made.clone());
        Ok(made)
    }

    /// A new private folder inside the session's (a downloaded drive file keeps its own name
    /// there, whatever else was opened before).
    pub fn new_dir(&self) -> std::io::Result<PathBuf> {
        private_dir_in(&self.dir()?)
    }

    /// Removes the folder and what is in it (a viewer still showing a file keeps its copy open).
    pub fn remove(&self) {
        if let Some(dir) = self.dir.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }

    #[cfg(test)]
    fn path(&self) -> Option<PathBuf> {
        self.dir.lock().unwrap().clone()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        self.remove();
    }
}

/// A new folder only the user can enter, under the system's temporary folder.
pub fn private_dir() -> std::io::Result<PathBuf> {
    private_dir_in(&std::env::temp_dir())
}

fn private_dir_in(base: &Path) -> std::io::Result<PathBuf> {
    let dir = base.join(format!("o365-{}", uuid::Uuid::new_v4()));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_made_once_private_and_removed_whole() {
        let scratch = Scratch::default();
        assert_eq!(scratch.path(), None, "nothing made until asked");
        let dir = scratch.dir().unwrap();
        assert_eq!(scratch.dir().unwrap(), dir);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
        }
        std::fs::write(dir.join("report.pdf"), b"%PDF").unwrap();
        drop(scratch);
        assert!(!dir.exists(), "removed with what was in it");
    }

    #[test]
    fn private_dirs_are_new_and_closed_to_others_and_new_ones_go_with_the_session() {
        let scratch = Scratch::default();
        let (a, b) = (scratch.new_dir().unwrap(), scratch.new_dir().unwrap());
        assert_ne!(a, b);
        let session = scratch.dir().unwrap();
        assert!(a.parent() == Some(&session) && b.parent() == Some(&session), "{a:?} {b:?} in {session:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o700);
        }
        scratch.remove();
        assert!(!a.exists() && !b.exists());
    }
}
