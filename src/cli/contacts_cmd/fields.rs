//! `contacts add`, `edit` and `rm`: a contact from flags, changed by flags (each flag given
//! replaces that field), or deleted. A contact is named by id, address or name; a name or
//! address several contacts share is refused with their ids.
use anyhow::Context;

use super::super::args::ContactFields;
use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::resolve_folder;
use crate::domain::{Contact, ContactPhone, Mailbox, PhoneKind};
use crate::sanitize;
use o365_graph::contacts;
use o365_graph::dto;

/// "Pavel Bansky" → ("Pavel", "Bansky"); one word is a given name.
fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.rsplit_once(' ') {
        Some((given, surname)) => (given.trim().to_owned(), surname.trim().to_owned()),
        None => (name.to_owned(), String::new()),
    }
}

fn check_address(address: &str) -> Result<String, UsageError> {
    let address = address.trim();
    let ok = address.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !address.contains(char::is_whitespace);
    if ok { Ok(address.to_owned()) } else { Err(UsageError(format!("--email: `{address}` is not an email address"))) }
}

/// The flags given, laid over `contact`.
fn apply(contact: &mut Contact, args: &ContactFields) -> Result<(), UsageError> {
    if let Some(name) = &args.name {
        if name.trim().is_empty() {
            return Err(UsageError("--name: a contact needs a name".into()));
        }
        contact.name = name.trim().to_owned();
        (contact.given_name, contact.surname) = split_name(name);
        contact.middle_name.clear();
    }
    if !args.emails.is_empty() {
        let name = contact.shown_name();
        contact.emails = args
            .emails
            .iter()
            .map(|a| check_address(a).map(|address| Mailbox { name: name.clone(), address }))
            .collect::<Result<_, _>>()?;
    }
    if !args.phones.is_empty() {
        contact.phones = args
            .phones
            .iter()
            .enumerate()
            .map(|(at, number)| ContactPhone {
                kind: if at == 0 { PhoneKind::Mobile } else { PhoneKind::Business },
                number: number.trim().to_owned(),
            })
            .collect();
    }
    if let Some(company) = &args.company {
        contact.company = Some(company.trim().to_owned()).filter(|c| !c.is_empty());
    }
    if let Some(title) = &args.title {
        contact.title = Some(title.trim().to_owned()).filter(|t| !t.is_empty());
    }
    Ok(())
}

/// The contact as Graph answered (`--json`), or one line saying what happened to it.
fn report(out: &mut Output, contact: &dto::Contact, done: &str) -> anyhow::Result<()> {
    if out.json() {
        return out.json_line(contact);
    }
    let shown = Contact::from(contact);
    let address = shown.first_email().map(|a| format!(" <{a}>")).unwrap_or_default();
    out.text(&sanitize::line(&format!("{done} `{}`{address} (id {})", shown.shown_name(), shown.id)))
}

pub async fn add(session: &Session, args: &ContactFields, out: &mut Output) -> anyhow::Result<()> {
    let Some(_) = &args.name else {
        return Err(UsageError("contacts add needs --name NAME".into()).into());
    };
    let mut contact = Contact::default();
    apply(&mut contact, args)?;
    let folder = match &args.folder {
        Some(name) => resolve_folder(session, name).await?,
        None => None,
    };
    let folder_id = folder.as_ref().map(|f| f.id.as_str());
    let created =
        contacts::create_contact(&session.client, folder_id, &contact.to_dto()).await.context("adding the contact")?;
    report(out, &created, "Added")
}

pub async fn edit(session: &Session, wanted: &str, args: &ContactFields, out: &mut Output) -> anyhow::Result<()> {
    if args.folder.is_some() {
        return Err(UsageError(
            "--folder: a contact cannot be moved to another folder; add it there and rm this one".into(),
        )
        .into());
    }
    let nothing = args.name.is_none()
        && args.emails.is_empty()
        && args.phones.is_empty()
        && args.company.is_none()
        && args.title.is_none();
    if nothing {
        return Err(UsageError(
            "contacts edit: give a field to change (--name, --email, --phone, --company, --title)".into(),
        )
        .into());
    }
    let found = contacts::resolve_contact(&session.client, wanted).await?;
    let mut contact = Contact::from(&found);
    apply(&mut contact, args)?;
    let changed = contacts::replace_contact(&session.client, &found.id, &contact.to_dto())
        .await
        .context("changing the contact")?;
    report(out, &changed, "Changed")
}

pub async fn remove(session: &Session, wanted: &str, out: &mut Output) -> anyhow::Result<()> {
    let found = contacts::resolve_contact(&session.client, wanted).await?;
    contacts::delete_contact(&session.client, &found.id).await.context("deleting the contact")?;
    // With --json: the contact as it was just before it went.
    report(out, &found, "Deleted")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(name: Option<&str>, emails: &[&str], phones: &[&str]) -> ContactFields {
        ContactFields {
            name: name.map(str::to_owned),
            emails: emails.iter().map(|s| s.to_string()).collect(),
            phones: phones.iter().map(|s| s.to_string()).collect(),
            company: None,
            title: Some("".into()),
            folder: None,
        }
    }

    #[test]
    fn flags_replace_their_fields_only() {
        let mut contact = Contact { company: Some("Fabrikam".into()), title: Some("CTO".into()), ..Contact::default() };
        apply(&mut contact, &fields(Some("Anna van Dijk"), &["anna@x.example"], &["1", "2"])).unwrap();
        assert_eq!((contact.given_name.as_str(), contact.surname.as_str()), ("Anna van", "Dijk"));
        assert_eq!(contact.emails[0].name, "Anna van Dijk");
        assert_eq!(contact.phones[1].kind, PhoneKind::Business);
        assert_eq!((contact.company.as_deref(), contact.title.as_deref()), (Some("Fabrikam"), None));
        assert!(apply(&mut contact, &fields(None, &["not-an-address"], &[])).is_err());
        assert!(apply(&mut contact, &fields(Some(" "), &[], &[])).is_err());
    }
}
