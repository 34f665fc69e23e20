//! Finding contacts by what a person types: `matches` for a search over a listing (Graph has
//! no documented `$search` on contacts, and an address book is small enough to filter here),
//! `resolve_contact` for the one contact a command acts on (an id, an address or a name).
use crate::client::GraphClient;
use crate::dto::Contact;
use crate::error::{GraphError, GraphResult};

/// Whether `term` (any case) is part of the contact's name, an address, its company or a phone.
pub fn matches(contact: &Contact, term: &str) -> bool {
    let term = term.trim().to_lowercase();
    if term.is_empty() {
        return true;
    }
    let texts = [
        &contact.display_name,
        &contact.given_name,
        &contact.surname,
        &contact.nick_name,
        &contact.company_name,
        &contact.mobile_phone,
    ];
    texts.iter().filter_map(|t| t.as_deref()).any(|t| t.to_lowercase().contains(&term))
        || contact.email_addresses.iter().filter_map(|e| e.address.as_deref()).any(|a| a.to_lowercase().contains(&term))
        || contact.business_phones.iter().chain(&contact.home_phones).any(|p| p.contains(&term))
}

fn first_address(contact: &Contact) -> &str {
    contact.email_addresses.iter().find_map(|e| e.address.as_deref()).unwrap_or("")
}

/// The contact `wanted` names among `contacts`: its id, else the only one with that address,
/// else the only one with that name (any case). Several with the address or name are refused
/// with their names, addresses and ids.
pub fn pick_contact(contacts: Vec<Contact>, wanted: &str) -> GraphResult<Contact> {
    let wanted = wanted.trim();
    let folded = wanted.to_lowercase();
    if let Some(found) = contacts.iter().find(|c| c.id == wanted) {
        return Ok(found.clone());
    }
    let by_address: Vec<&Contact> = contacts
        .iter()
        .filter(|c| {
            c.email_addresses.iter().any(|e| e.address.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(wanted)))
        })
        .collect();
    let by_name: Vec<&Contact> = contacts
        .iter()
        .filter(|c| c.display_name.as_deref().is_some_and(|n| n.trim().to_lowercase() == folded))
        .collect();
    let found = if by_address.is_empty() { by_name } else { by_address };
    match found.as_slice() {
        [] => Err(GraphError::NotFound(format!(
            "no contact `{wanted}` (an id, an address or a name; see `o365 contacts list`)"
        ))),
        [one] => Ok((*one).clone()),
        many => {
            let listed: Vec<String> = many
                .iter()
                .map(|c| format!("`{}` <{}> (id {})", c.display_name.as_deref().unwrap_or(""), first_address(c), c.id))
                .collect();
            Err(GraphError::Ambiguous(format!(
                "`{wanted}` names {} contacts: {}; give the id instead",
                many.len(),
                listed.join(", ")
            )))
        }
    }
}

/// The contact `wanted` names, in any folder (see `pick_contact`).
pub async fn resolve_contact(client: &GraphClient, wanted: &str) -> GraphResult<Contact> {
    pick_contact(super::list_all_contacts(client).await?, wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::EmailAddress;

    fn contact(id: &str, name: &str, address: &str) -> Contact {
        Contact {
            id: id.into(),
            display_name: Some(name.into()),
            email_addresses: vec![EmailAddress { name: None, address: Some(address.into()) }],
            ..Contact::default()
        }
    }

    #[test]
    fn ids_addresses_then_names_and_ambiguity_is_refused() {
        let all = vec![
            contact("c1", "Ann Lee", "ann@a.example"),
            contact("c2", "Ann Lee", "ann.lee@b.example"),
            contact("c3", "Bob Ray", "bob@a.example"),
        ];
        assert_eq!(pick_contact(all.clone(), "c2").unwrap().id, "c2");
        assert_eq!(pick_contact(all.clone(), "BOB@a.example").unwrap().id, "c3");
        assert_eq!(pick_contact(all.clone(), "bob ray").unwrap().id, "c3");
        let refused = pick_contact(all.clone(), "ann lee").unwrap_err().to_string();
        assert!(
            refused.contains("2 contacts") && refused.contains("(id c1)") && refused.contains("(id c2)"),
            "{refused}"
        );
        assert!(pick_contact(all.clone(), "nobody").unwrap_err().is_not_found());
        assert!(matches(&all[1], "LEE@B"));
        assert!(!matches(&all[2], "ann"));
    }
}
