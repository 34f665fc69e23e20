//! Where saved mail goes, one rule for the interface and the command line: a target is a
//! folder (files go in under names made safe, nothing overwritten) or, for a message, a new
//! file whose name ends in `.eml`. A missing folder is created (the interface asks first),
//! never quietly replaced by another one such as the current folder.
use std::io::Write;
use std::path::{Path, PathBuf};

use o365_graph::mail::attachments::save_into;

/// Where a message's MIME source goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmlTarget {
    /// Into this folder as `<subject>.eml` (name made safe, a number added when taken).
    Folder(PathBuf),
    /// This new file.
    File(PathBuf),
}

impl EmlTarget {
    /// An existing folder, a name ending in `.eml` (a file), or else a folder to create.
    pub fn of(path: &Path) -> EmlTarget {
        let is_eml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("eml"));
        if path.is_dir() || !is_eml {
            EmlTarget::Folder(path.to_path_buf())
        } else {
            EmlTarget::File(path.to_path_buf())
        }
    }

    /// The folder that must exist before the file is written.
    pub fn folder(&self) -> PathBuf {
        match self {
            EmlTarget::Folder(dir) => dir.clone(),
            EmlTarget::File(file) => match file.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            },
        }
    }

    /// Writes `bytes` there; the path written.
    pub fn save(&self, subject: &str, bytes: &[u8]) -> Result<PathBuf, String> {
        match self {
            EmlTarget::Folder(dir) => {
                let name = if subject.trim().is_empty() { "message.eml".to_owned() } else { format!("{subject}.eml") };
                save_into(dir, &name, bytes).map_err(|e| e.to_string())
            }
            EmlTarget::File(path) => {
                write_new(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                Ok(path.clone())
            }
        }
    }
}

/// `Some(dir)` when the folder does not exist yet; an error when something else has its name.
pub fn missing_folder(dir: &Path) -> Result<Option<PathBuf>, String> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(None),
        Ok(_) => Err(format!("{} is not a folder", dir.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Some(dir.to_path_buf())),
        Err(e) => Err(format!("{}: {e}", dir.display())),
    }
}

/// Creates the folder with any missing parents.
pub fn create_folder(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the folder {}: {e}", dir.display()))
}

/// A new file readable by its owner only; an existing file is never overwritten.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_ending_in_eml_is_a_file_and_anything_else_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().to_path_buf();
        assert_eq!(EmlTarget::of(&existing), EmlTarget::Folder(existing.clone()));
        let file = existing.join("new/report.EML");
        assert_eq!(EmlTarget::of(&file), EmlTarget::File(file.clone()));
        assert_eq!(EmlTarget::of(&file).folder(), existing.join("new"));
        let folder = existing.join("mail/2026");
        assert_eq!(EmlTarget::of(&folder), EmlTarget::Folder(folder.clone()));
        assert_eq!(EmlTarget::of(Path::new("x.eml")).folder(), PathBuf::from("."));
    }

    #[test]
    fn missing_folders_are_told_apart_from_files_and_created_with_their_parents() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        assert_eq!(missing_folder(&deep).unwrap(), Some(deep.clone()));
        create_folder(&deep).unwrap();
        assert_eq!(missing_folder(&deep).unwrap(), None);
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        assert!(missing_folder(&file).unwrap_err().contains("is not a folder"));
        let saved = EmlTarget::of(&deep).save("Q3 / plan", b"MIME").unwrap();
        assert_eq!(saved.parent(), Some(deep.as_path()), "inside the folder: {}", saved.display());
        let again = EmlTarget::of(&deep).save("Q3 / plan", b"MIME").unwrap();
        assert_ne!(saved, again, "nothing overwritten");
    }
}
