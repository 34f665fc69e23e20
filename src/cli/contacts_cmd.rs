//! `o365 contacts list`: personal contacts with their first address and phone.
use anyhow::Context;

use super::args::ContactsCommand;
use super::output::Output;
use super::session::Session;
use super::table::Table;
use crate::domain::Contact;
use o365_graph::contacts;

pub async fn run(command: &ContactsCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let ContactsCommand::List(limit) = command;
    let found = contacts::list_contacts(&session.client, limit.get()).await.context("listing contacts")?;
    if out.json() {
        for contact in &found {
            out.json_line(contact)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Name", "Email", "Phone", "Company"]).shrink_column(0);
    for contact in found.iter().map(Contact::from) {
        table.row([
            contact.name.clone(),
            contact.emails.first().map(|m| m.address.clone()).unwrap_or_default(),
            contact.phones.first().map(|p| p.number.clone()).unwrap_or_default(),
            contact.company.clone().unwrap_or_default(),
        ]);
    }
    out.table(&table)
}
