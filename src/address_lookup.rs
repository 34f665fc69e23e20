//! The address book gathered from the service for both faces (`o365 contacts complete`, address
//! completion while writing): every contact's addresses, the people Graph ranks, and the
//! directory. People and the directory may be refused (a personal account, a missing
//! permission): then the others still answer, and only the contacts' failure is an error.
use o365_graph::client::GraphClient;
use o365_graph::error::GraphResult;
use o365_graph::{contacts, users};

use crate::domain::address_book::{Entry, Source};
use crate::domain::{Contact, User};

/// Without a term (what compose loads once and filters as one types): the first `limit` people
/// and directory users. With one: those matching it (the directory from two characters on).
pub async fn gather(client: &GraphClient, term: Option<&str>, limit: usize) -> GraphResult<Vec<Entry>> {
    let mut entries: Vec<Entry> = Vec::new();
    for contact in contacts::list_all_contacts(client).await?.iter().map(Contact::from) {
        let name = contact.shown_name();
        entries.extend(contact.emails.iter().map(|m| Entry::new(name.clone(), m.address.clone(), Source::Contact)));
    }
    match users::people(client, term, Some(limit)).await {
        Ok(people) => entries.extend(people.iter().flat_map(|p| {
            let name = p.display_name.clone().unwrap_or_default();
            p.scored_email_addresses
                .iter()
                .filter_map(|e| e.address.clone())
                .map(move |address| Entry::new(name.clone(), address, Source::People))
        })),
        Err(error) => tracing::debug!("people left out of the address book: {error}"),
    }
    let directory = match term.map(str::trim) {
        Some(term) if term.chars().count() < 2 => None,
        Some(term) => Some(users::search_users(client, term, Some(limit)).await),
        None => Some(users::list_users(client, None, Some(limit)).await),
    };
    match directory {
        Some(Ok(found)) => entries.extend(found.iter().map(User::from).filter_map(|u| {
            u.email.clone().map(|address| Entry::new(u.display_name.clone(), address, Source::Directory))
        })),
        Some(Err(error)) => tracing::debug!("the directory left out of the address book: {error}"),
        None => {}
    }
    Ok(entries)
}
