//! `o365 mail folder create NAME [--parent FOLDER] | rename FOLDER NAME | delete FOLDER`:
//! folders found by name or path like everywhere else, one line (or JSON object) per change.
use anyhow::Context;

use super::super::args::FolderCommand;
use super::super::output::Output;
use super::super::session::Session;
use crate::sanitize;
use o365_graph::dto::MailFolder;
use o365_graph::mail::folders::{create_folder, delete_folder, rename_folder};
use o365_graph::mail::resolve_folder;

pub async fn run(command: &FolderCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let client = &session.client;
    match command {
        FolderCommand::Create { name, parent } => {
            let parent = match parent {
                Some(parent) => Some(resolve_folder(client, parent).await?),
                None => None,
            };
            let created = create_folder(client, parent.as_ref().map(|p| p.id.as_str()), name)
                .await
                .with_context(|| format!("creating the folder {}", sanitize::line(name)))?;
            let place = match &parent {
                Some(p) => format!(" in {}", sanitize::line(p.display_name.as_deref().unwrap_or(&p.id))),
                None => String::new(),
            };
            report(out, &created, &format!("Created folder {}{place}", sanitize::line(name)))
        }
        FolderCommand::Rename { folder, name } => {
            let found = resolve_folder(client, folder).await?;
            let renamed = rename_folder(client, &found.id, name).await.context("renaming the folder")?;
            let old = found.display_name.as_deref().unwrap_or(&found.id);
            report(out, &renamed, &format!("Renamed folder {} to {}", sanitize::line(old), sanitize::line(name)))
        }
        FolderCommand::Delete { folder } => {
            let found = resolve_folder(client, folder).await?;
            delete_folder(client, &found.id).await.context("deleting the folder")?;
            let name = found.display_name.as_deref().unwrap_or(&found.id);
            report(out, &found, &format!("Deleted folder {}", sanitize::line(name)))
        }
    }
}

fn report(out: &mut Output, folder: &MailFolder, text: &str) -> anyhow::Result<()> {
    if out.json() {
        return out.json_line(folder);
    }
    out.text(&format!("{text} (id {})\n", sanitize::line(&folder.id)))
}
