//! `o365 mail attachments ID [--save DIR]` and `o365 mail export ID DIR|FILE.eml`: attachments
//! listed or saved under safe names, a message written as MIME into a folder or a file; a
//! missing folder is created, nothing existing is overwritten (`saving`: the interface's rules).
use std::path::Path;

use anyhow::Context;

use super::super::output::Output;
use super::super::session::Session;
use super::super::table::Table;
use crate::human::human_size;
use crate::sanitize;
use crate::saving::{EmlTarget, create_folder, missing_folder};
use o365_graph::dto::Attachment;
use o365_graph::mail::attachments::{export_mime, list_attachments, save_all};

pub async fn attachments(session: &Session, id: &str, save: Option<&Path>, out: &mut Output) -> anyhow::Result<()> {
    if let Some(dir) = save {
        // The interface's rule (`saving`): a missing folder is made, a file in its place refused.
        if let Some(missing) = missing_folder(dir).map_err(anyhow::Error::msg)? {
            create_folder(&missing).map_err(anyhow::Error::msg)?;
        }
        let saved = save_all(&session.client, id, dir).await.context("saving attachments")?;
        for (name, path) in saved {
            if out.json() {
                out.json_line(&serde_json::json!({ "name": name, "path": path }))?;
            } else {
                out.text(&format!("{}  ->  {}", sanitize::line(&name), sanitize::line(&path.display().to_string())))?;
            }
        }
        return Ok(());
    }
    let list = list_attachments(&session.client, id).await.context("listing attachments")?;
    if out.json() {
        for a in &list {
            out.json_line(a)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Name", "Size", "Type", "Kind"]).shrink_column(0);
    for a in &list {
        let base = a.base();
        let kind = match a {
            Attachment::File(_) if base.is_inline == Some(true) => "inline",
            Attachment::File(_) => "file",
            Attachment::Item(_) => "item",
            Attachment::Reference(_) => "link",
            Attachment::Other(_) => "other",
        };
        table.row([
            sanitize::line(base.name.as_deref().unwrap_or("")).into_owned(),
            human_size(base.size.unwrap_or(0).max(0) as u64),
            sanitize::line(base.content_type.as_deref().unwrap_or("")).into_owned(),
            kind.to_owned(),
        ]);
    }
    out.table(&table)
}

/// The message's MIME into a folder (as `SUBJECT.eml`, the name made safe, as `E` does in the
/// interface) or a new file ending in `.eml`; a missing folder is created (`saving`).
pub async fn export(session: &Session, id: &str, target: &Path, out: &mut Output) -> anyhow::Result<()> {
    let target = EmlTarget::of(target);
    // A file in the folder's place is refused before any request; the folder itself is made
    // only once the message is in hand, so a wrong id leaves no empty folder behind.
    let missing = missing_folder(&target.folder()).map_err(anyhow::Error::msg)?;
    let subject = match &target {
        EmlTarget::Folder(_) => subject_of(session, id).await?,
        EmlTarget::File(_) => String::new(),
    };
    let mime = export_mime(&session.client, id).await.context("fetching the message's MIME")?;
    if let Some(missing) = missing {
        create_folder(&missing).map_err(anyhow::Error::msg)?;
    }
    let file = target.save(&subject, &mime).map_err(anyhow::Error::msg)?;
    if out.json() {
        return out.json_line(&serde_json::json!({ "path": file, "bytes": mime.len() }));
    }
    out.text(&format!("Saved {} ({}).", file.display(), human_size(mime.len() as u64)))
}

/// The message's subject, for the file's name.
async fn subject_of(session: &Session, id: &str) -> anyhow::Result<String> {
    let client = &session.client;
    let path = client.resource_path(&format!("messages/{}", o365_graph::encode::encode_segment(id)));
    let request = o365_graph::request::Request::get(path).with_param("$select", "subject");
    let message: o365_graph::dto::Message = client.json(request).await.context("reading the message's subject")?;
    Ok(message.subject.unwrap_or_default())
}
