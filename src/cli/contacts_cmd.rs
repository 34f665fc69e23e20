//! `o365 contacts ...`: the address book from the command line. Listing, searching and showing
//! contacts of every folder; adding, editing and deleting them; vCard export and import; and
//! `complete`, the address-book command aerc and mutt call while you type an address.
mod fields;
mod vcf;

use anyhow::Context;

use super::args::ContactsCommand;
use super::output::Output;
use super::session::Session;
use super::table::Table;
use crate::address_lookup;
use crate::domain::Contact;
use crate::domain::address_book;
use crate::sanitize;
use o365_graph::contacts;
use o365_graph::dto::{self, ContactFolder};
use o365_graph::error::GraphError;

/// The name `--folder` takes for the default folder, which Graph does not list.
pub const DEFAULT_FOLDER: &str = "Contacts";

pub async fn run(command: &ContactsCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    match command {
        ContactsCommand::List { search, folder, limit, cached: true } => {
            super::cached_reads::contacts(session, search.as_deref(), folder.as_deref(), limit.get(), out)
        }
        ContactsCommand::List { search, folder, limit, cached: false } => {
            list(session, search.as_deref(), folder.as_deref(), limit.get(), out).await
        }
        ContactsCommand::Search { term, limit } => list(session, Some(term), None, limit.get(), out).await,
        ContactsCommand::Show { contact } => show(session, contact, out).await,
        ContactsCommand::Complete { term } => complete(session, term, out).await,
        ContactsCommand::Folders => folders(session, out).await,
        ContactsCommand::Add(args) => fields::add(session, args, out).await,
        ContactsCommand::Edit { contact, fields: args } => fields::edit(session, contact, args, out).await,
        ContactsCommand::Rm { contact } => fields::remove(session, contact, out).await,
        ContactsCommand::Export { file, folder } => vcf::export(session, file, folder.as_deref(), out).await,
        ContactsCommand::Import { file, folder } => vcf::import(session, file, folder.as_deref(), out).await,
    }
}

/// A folder named by `--folder`: `None` for the default one ("Contacts"), else a listed folder
/// by id or name (any case).
pub async fn resolve_folder(session: &Session, wanted: &str) -> anyhow::Result<Option<ContactFolder>> {
    if wanted.trim().eq_ignore_ascii_case(DEFAULT_FOLDER) {
        return Ok(None);
    }
    let folders = contacts::list_contact_folders(&session.client).await.context("listing contact folders")?;
    folders
        .into_iter()
        .find(|f| {
            f.id == wanted || f.display_name.as_deref().is_some_and(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
        })
        .map(Some)
        .ok_or_else(|| {
            GraphError::NotFound(format!("no contact folder `{wanted}` (see `o365 contacts folders`)")).into()
        })
}

/// The contacts of `folder` (by name), or of every folder.
pub async fn fetch(session: &Session, folder: Option<&str>) -> anyhow::Result<Vec<dto::Contact>> {
    let client = &session.client;
    let found = match folder {
        None => contacts::list_all_contacts(client).await,
        Some(name) => match resolve_folder(session, name).await? {
            None => contacts::list_contacts(client, None).await,
            Some(folder) => contacts::list_folder_contacts(client, &folder.id, None).await,
        },
    };
    found.context("listing contacts")
}

async fn list(
    session: &Session,
    search: Option<&str>,
    folder: Option<&str>,
    limit: Option<usize>,
    out: &mut Output,
) -> anyhow::Result<()> {
    let mut found = fetch(session, folder).await?;
    if let Some(term) = search {
        found.retain(|c| contacts::matches(c, term));
    }
    found.sort_by_key(|c| Contact::from(c).shown_name().to_lowercase());
    found.truncate(limit.unwrap_or(usize::MAX));
    if out.json() {
        for contact in &found {
            out.json_line(contact)?;
        }
        return Ok(());
    }
    print_contacts(&found.iter().map(Contact::from).collect::<Vec<_>>(), out)
}

/// Contacts as a Name / Email / Phone / Company table.
pub(super) fn print_contacts(found: &[Contact], out: &mut Output) -> anyhow::Result<()> {
    if found.is_empty() {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), b"No contacts found.\n");
        return Ok(());
    }
    let mut table = Table::new(&["Name", "Email", "Phone", "Company"]).shrink_column(0);
    for contact in found {
        table.row([
            contact.shown_name(),
            contact.first_email().unwrap_or_default().to_owned(),
            contact.phones.first().map(|p| p.number.clone()).unwrap_or_default(),
            contact.company.clone().unwrap_or_default(),
        ]);
    }
    out.table(&table)
}

async fn show(session: &Session, wanted: &str, out: &mut Output) -> anyhow::Result<()> {
    let found = contacts::resolve_contact(&session.client, wanted).await?;
    if out.json() {
        return out.json_line(&found);
    }
    let lines = Contact::from(&found).card_lines();
    let width = lines.iter().map(|(label, _)| label.chars().count()).max().unwrap_or(0);
    let text: String = lines.iter().map(|(label, value)| format!("{label:<width$}  {value}\n")).collect();
    out.text(&sanitize::block(&text))
}

async fn folders(session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let folders = contacts::list_contact_folders(&session.client).await.context("listing contact folders")?;
    if out.json() {
        for folder in &folders {
            out.json_line(folder)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Folder", "Id"]).shrink_column(0);
    table.row([DEFAULT_FOLDER, "(the default folder)"]);
    for folder in &folders {
        table.row([folder.display_name.as_deref().unwrap_or(""), folder.id.as_str()]);
    }
    out.table(&table)
}

/// How many lines `complete` prints at most.
const COMPLETIONS: usize = 30;

/// `address<TAB>name` per line (aerc's `address-book-cmd`, mutt's `query_command` after a
/// first line): contacts, then people, then the directory, best matches first. People and the
/// directory may be unavailable (a personal account, a missing permission): then the others do.
async fn complete(session: &Session, term: &str, out: &mut Output) -> anyhow::Result<()> {
    let entries = address_lookup::gather(&session.client, Some(term), COMPLETIONS).await.context("listing contacts")?;
    let ranked = address_book::rank(term, entries, COMPLETIONS);
    if out.json() {
        for entry in &ranked {
            out.json_line(entry)?;
        }
        return Ok(());
    }
    // Tabs and line breaks inside a name would break the format: they become spaces.
    let clean = |text: &str| sanitize::line(text).replace(['\t', '\n', '\r'], " ");
    let text: String = ranked.iter().map(|e| format!("{}\t{}\n", clean(&e.address), clean(&e.name))).collect();
    if !text.is_empty() {
        out.text(&text)?;
    }
    Ok(())
}
