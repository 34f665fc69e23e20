//! `o365 mail attachments ID [--save DIR]` and `o365 mail export ID FILE.eml`: attachments listed
//! or saved under safe names, a message written as MIME; nothing existing is overwritten.
use std::io::Write;
use std::path::Path;

use anyhow::Context;

use super::super::output::Output;
use super::super::session::Session;
use super::super::table::Table;
use crate::human::human_size;
use crate::sanitize;
use o365_graph::dto::Attachment;
use o365_graph::mail::attachments::{export_mime, list_attachments, save_all};

pub async fn attachments(session: &Session, id: &str, save: Option<&Path>, out: &mut Output) -> anyhow::Result<()> {
    if let Some(dir) = save {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
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

pub async fn export(session: &Session, id: &str, file: &Path, out: &mut Output) -> anyhow::Result<()> {
    let mime = export_mime(&session.client, id).await.context("fetching the message's MIME")?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut handle =
        options.open(file).with_context(|| format!("creating {} (it must not exist yet)", file.display()))?;
    handle.write_all(&mime).with_context(|| format!("writing {}", file.display()))?;
    if out.json() {
        return out.json_line(&serde_json::json!({ "path": file, "bytes": mime.len() }));
    }
    out.text(&format!("Saved {} ({}).", file.display(), human_size(mime.len() as u64)))
}
