//! Attachments and messages to files from the TUI: into the folder the user typed (`~`
//! expanded), under names made safe by `save_into` (never a path built here from a server
//! name), never overwriting. A missing folder is not created unasked: the answer says so, the
//! user is asked, and the save comes again with `create` (`saving` holds the rules the command
//! line shares). Attachments to open go to the session's private (0700) temporary folder first
//! (`worker/scratch.rs`, removed when the interface ends); text
//! attachments are fetched to show in the reader.
use std::path::PathBuf;

use crate::saving::{EmlTarget, create_folder, missing_folder};
use crate::tui::msg::{Failure, Outcome};
use crate::tui::worker::opener::Opener;
use crate::tui::worker::paths::typed_path;
use crate::tui::worker::scratch::Scratch;
use o365_graph::client::GraphClient;
use o365_graph::mail::attachment_bytes;
use o365_graph::mail::attachments::{export_mime, save_all, save_into};

/// What a save came to: the files written, or the folder that is missing.
pub(super) enum Saving {
    Saved(Vec<PathBuf>),
    Missing(PathBuf),
}

/// Text attachments larger than this are not shown in the reader (open them with `o`).
const MAX_TEXT: u64 = 2 * 1024 * 1024;

/// The folder, made when `create` (the user said yes) and else reported missing.
fn ready_folder(dir: PathBuf, create: bool) -> Result<Option<PathBuf>, String> {
    match missing_folder(&dir)? {
        None => Ok(Some(dir)),
        Some(missing) if create => {
            create_folder(&missing)?;
            Ok(Some(dir))
        }
        Some(_) => Ok(None),
    }
}

pub(super) async fn save_attachments(
    client: &GraphClient,
    message_id: &str,
    attachment: Option<(String, String)>,
    typed: &str,
    create: bool,
) -> Outcome<Saving> {
    let dir = typed_path(typed.trim())?;
    let Some(dir) = ready_folder(dir.clone(), create)? else { return Ok(Saving::Missing(dir)) };
    match attachment {
        Some((id, name)) => {
            let bytes = attachment_bytes(client, message_id, &id).await?;
            Ok(Saving::Saved(vec![save_into(&dir, &name, &bytes).map_err(|e| e.to_string())?]))
        }
        None => {
            let saved = save_all(client, message_id, &dir).await.map_err(|e| Failure::local(e.to_string()))?;
            Ok(Saving::Saved(saved.into_iter().map(|(_, path)| path).collect()))
        }
    }
}

pub(super) async fn open_attachment(
    client: &GraphClient,
    opener: &Opener,
    message_id: &str,
    attachment_id: &str,
    name: &str,
    scratch: &Scratch,
) -> Outcome<PathBuf> {
    let bytes = attachment_bytes(client, message_id, attachment_id).await?;
    let dir = scratch.dir().map_err(|e| format!("cannot make a private folder: {e}"))?;
    let path = save_into(&dir, name, &bytes).map_err(|e| e.to_string())?;
    opener.open_file(&path)?;
    Ok(path)
}

/// A text attachment as text: UTF-8 (invalid bytes replaced), control characters and escapes
/// removed before it reaches the store.
pub(super) async fn attachment_text(client: &GraphClient, message_id: &str, attachment_id: &str) -> Outcome<String> {
    let bytes = attachment_bytes(client, message_id, attachment_id).await?;
    if bytes.len() as u64 > MAX_TEXT {
        return Err(Failure::local(format!("it is larger than {} MB: open it with o", MAX_TEXT / (1024 * 1024))));
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(crate::sanitize::block(text.trim_start_matches('\u{feff}')).into_owned())
}

/// The message's MIME into the typed place: a folder (as `<subject>.eml`, name made safe) or
/// a new file ending in `.eml`; an existing file is never overwritten.
pub(super) async fn save_eml(
    client: &GraphClient,
    message_id: &str,
    subject: &str,
    typed: &str,
    create: bool,
) -> Outcome<Saving> {
    let target = EmlTarget::of(&typed_path(typed.trim())?);
    let folder = target.folder();
    if ready_folder(folder.clone(), create)?.is_none() {
        return Ok(Saving::Missing(folder));
    }
    let bytes = export_mime(client, message_id).await?;
    Ok(Saving::Saved(vec![target.save(subject, &bytes).map_err(Failure::local)?]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::worker::scratch::private_dir;

    #[test]
    fn a_missing_folder_is_made_only_when_asked() {
        let dir = private_dir().unwrap();
        let missing = dir.join("new/deeper");
        assert_eq!(ready_folder(missing.clone(), false).unwrap(), None, "reported, not made");
        assert!(!missing.exists());
        assert_eq!(ready_folder(missing.clone(), true).unwrap(), Some(missing.clone()));
        assert!(missing.is_dir());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
