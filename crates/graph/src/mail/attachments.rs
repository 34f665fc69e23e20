//! Received attachments and whole messages as files: the attachment list, an attachment's
//! bytes, a message's MIME (`$value`, graph-facts §3.2–3.3), and saving them into a folder
//! under safe names without overwriting anything (`filenames`).
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::client::GraphClient;
use crate::dto::Attachment;
use crate::encode::encode_segment;
use crate::error::GraphResult;
use crate::paging::collect;
use crate::query::Query;
use crate::request::Request;

use super::attachment_bytes;
use super::filenames::{candidate, safe_file_name};

/// The attachments of a message, without their bytes.
pub async fn list_attachments(client: &GraphClient, message_id: &str) -> GraphResult<Vec<Attachment>> {
    let path = client.resource_path(&format!("messages/{}/attachments", encode_segment(message_id)));
    let query = Query::new().select(["id", "name", "contentType", "size", "isInline", "lastModifiedDateTime"]);
    collect(client, Request::get(path).with_query(query.to_pairs()), None).await
}

/// The message as RFC 822 MIME, ready for a `.eml` file.
pub async fn export_mime(client: &GraphClient, message_id: &str) -> GraphResult<Vec<u8>> {
    let path = client.resource_path(&format!("messages/{}/$value", encode_segment(message_id)));
    Ok(client.send(Request::get(path)).await?.body)
}

/// Failures writing files.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot write into {dir}: {source}")]
    Io { dir: PathBuf, source: std::io::Error },
    #[error("{0} already holds files for every free name tried")]
    NoFreeName(PathBuf),
    #[error(transparent)]
    Graph(#[from] crate::error::GraphError),
}

/// How many `name (n).ext` variants are tried before giving up.
const MAX_COLLISIONS: u32 = 10_000;

/// Writes `bytes` into `dir` under a safe version of `server_name`, renamed `name (1).ext`,
/// `name (2).ext`, … while the name is taken. Files are created with `create_new`, so nothing
/// that exists is ever overwritten, even if it appears meanwhile. Returns the path written.
pub fn save_into(dir: &Path, server_name: &str, bytes: &[u8]) -> Result<PathBuf, SaveError> {
    let io = |source| SaveError::Io { dir: dir.to_path_buf(), source };
    let safe = safe_file_name(server_name);
    for n in 0..MAX_COLLISIONS {
        let path = dir.join(candidate(&safe, n));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                file.write_all(bytes).map_err(io)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io(e)),
        }
    }
    Err(SaveError::NoFreeName(dir.to_path_buf()))
}

/// Fetches every file attachment of a message (inline ones too) and saves them into `dir`;
/// returns (attachment name, path written). Item and reference attachments have no bytes to
/// save and are skipped.
pub async fn save_all(client: &GraphClient, message_id: &str, dir: &Path) -> Result<Vec<(String, PathBuf)>, SaveError> {
    let mut saved = Vec::new();
    for attachment in list_attachments(client, message_id).await? {
        let Attachment::File(file) = attachment else { continue };
        let Some(id) = file.base.id.as_deref() else { continue };
        let name = file.base.name.clone().unwrap_or_default();
        let bytes = attachment_bytes(client, message_id, id).await?;
        let path = save_into(dir, &name, &bytes)?;
        saved.push((name, path));
    }
    Ok(saved)
}
