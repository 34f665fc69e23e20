//! `contacts export FILE.vcf` and `contacts import FILE.vcf`: vCard 4.0 out (cards in name
//! order, so the same contacts give the same bytes), any common version in.
use std::io::Write;
use std::path::Path;

use anyhow::Context;

use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::{DEFAULT_FOLDER, fetch, resolve_folder};
use crate::domain::Contact;
use crate::domain::contact::vcard;
use o365_graph::contacts;
use o365_graph::error::GraphError;

pub async fn export(session: &Session, file: &Path, folder: Option<&str>, out: &mut Output) -> anyhow::Result<()> {
    let to_stdout = file.as_os_str() == "-";
    if !to_stdout && file.exists() {
        return Err(UsageError(format!("{} exists; not overwritten", file.display())).into());
    }
    let found = fetch(session, folder).await?;
    let text = vcard::write_cards(&found.iter().map(Contact::from).collect::<Vec<_>>());
    if to_stdout {
        return out.text(&text);
    }
    let mut created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .with_context(|| format!("creating {}", file.display()))?;
    created.write_all(text.as_bytes()).with_context(|| format!("writing {}", file.display()))?;
    let _ = writeln!(std::io::stderr(), "Wrote {} contacts to {}", found.len(), file.display());
    Ok(())
}

pub async fn import(session: &Session, file: &Path, folder: Option<&str>, out: &mut Output) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let cards = vcard::read_cards(&text).map_err(|e| UsageError(format!("{}: {e}", file.display())))?;
    let (folder_id, folder_name) = match folder {
        None => (None, DEFAULT_FOLDER.to_owned()),
        Some(name) => match resolve_folder(session, name).await {
            Ok(found) => (found.map(|f| f.id), name.to_owned()),
            Err(error) if error.downcast_ref::<GraphError>().is_some_and(GraphError::is_not_found) => {
                let made = contacts::create_contact_folder(&session.client, name)
                    .await
                    .with_context(|| format!("making the contact folder {name}"))?;
                let _ = writeln!(std::io::stderr(), "Made the contact folder {name}");
                (Some(made.id), name.to_owned())
            }
            Err(error) => return Err(error),
        },
    };
    for (at, card) in cards.iter().enumerate() {
        let created = contacts::create_contact(&session.client, folder_id.as_deref(), &card.to_dto())
            .await
            .with_context(|| format!("adding contact {} of {} ({})", at + 1, cards.len(), card.shown_name()))?;
        if out.json() {
            out.json_line(&created)?;
        }
    }
    if !out.json() {
        out.text(&format!("Imported {} contacts into {folder_name}", cards.len()))?;
    }
    Ok(())
}
