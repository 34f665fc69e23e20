//! Attachments and messages to files from the TUI: into the folder the user typed (`~`
//! expanded; the default `~/Downloads` falls back to the current folder when missing), under
//! names made safe by `save_into` (never a path built here from a server name), never
//! overwriting; attachments to open go to the session's private (0700) temporary folder first
//! (`worker/scratch.rs`), which goes when the interface ends.
use std::path::{Path, PathBuf};

use crate::tui::effect::mail_ops::DEFAULT_SAVE_DIR;
use crate::tui::msg::{Failure, Outcome};
use crate::tui::worker::paths::typed_path;
use crate::tui::worker::scratch::Scratch;
use o365_graph::client::GraphClient;
use o365_graph::mail::attachment_bytes;
use o365_graph::mail::attachments::{export_mime, save_all, save_into};

/// The folder a typed answer names: `~` is the home folder; the default falls back to the
/// current folder when there is no Downloads folder. It must exist.
pub fn resolve_save_dir(typed: &str) -> Result<PathBuf, String> {
    let typed = typed.trim();
    let path = if typed.is_empty() { PathBuf::from(".") } else { typed_path(typed)? };
    if path.is_dir() {
        return Ok(path);
    }
    if typed.trim_end_matches('/') == DEFAULT_SAVE_DIR {
        return Ok(PathBuf::from("."));
    }
    Err(format!("{} is not a folder", path.display()))
}

pub(super) async fn save_attachments(
    client: &GraphClient,
    message_id: &str,
    attachment: Option<(String, String)>,
    dir: &str,
) -> Outcome<Vec<PathBuf>> {
    let dir = resolve_save_dir(dir)?;
    match attachment {
        Some((id, name)) => {
            let bytes = attachment_bytes(client, message_id, &id).await?;
            Ok(vec![save_into(&dir, &name, &bytes).map_err(|e| e.to_string())?])
        }
        None => {
            let saved = save_all(client, message_id, &dir).await.map_err(|e| Failure::local(e.to_string()))?;
            Ok(saved.into_iter().map(|(_, path)| path).collect())
        }
    }
}

pub use crate::tui::worker::scratch::private_dir;

pub(super) async fn open_attachment(
    client: &GraphClient,
    message_id: &str,
    attachment_id: &str,
    name: &str,
    scratch: &Scratch,
) -> Outcome<PathBuf> {
    let bytes = attachment_bytes(client, message_id, attachment_id).await?;
    let dir = scratch.dir().map_err(|e| format!("cannot make a private folder: {e}"))?;
    let path = save_into(&dir, name, &bytes).map_err(|e| e.to_string())?;
    // Detached: the viewer outlives nothing of ours and never holds the terminal.
    open::that_detached(&path).map_err(|e| format!("no program opened {}: {e}", path.display()))?;
    Ok(path)
}

/// The message's MIME into `path`: into a folder as `<subject>.eml` (name made safe), or a
/// new file of that name (an existing file is never overwritten).
pub(super) async fn save_eml(client: &GraphClient, message_id: &str, subject: &str, path: &str) -> Outcome<PathBuf> {
    let bytes = export_mime(client, message_id).await?;
    if let Ok(dir) = resolve_save_dir(path) {
        let name = if subject.trim().is_empty() { "message.eml".to_owned() } else { format!("{subject}.eml") };
        return save_into(&dir, &name, &bytes).map_err(|e| Failure::local(e.to_string()));
    }
    let target = typed_path(path.trim())?;
    write_new(&target, &bytes).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    Ok(target)
}

fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
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
    fn private_dirs_are_new_and_closed_to_others() {
        let a = private_dir().unwrap();
        let b = private_dir().unwrap();
        assert_ne!(a, b);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o700);
        }
        std::fs::remove_dir(a).unwrap();
        std::fs::remove_dir(b).unwrap();
    }

    #[test]
    fn typed_folders_must_exist() {
        let dir = private_dir().unwrap();
        assert_eq!(resolve_save_dir(dir.to_str().unwrap()).unwrap(), dir);
        let missing = dir.join("missing");
        assert!(resolve_save_dir(missing.to_str().unwrap()).unwrap_err().contains("is not a folder"));
        std::fs::remove_dir(dir).unwrap();
    }
}
