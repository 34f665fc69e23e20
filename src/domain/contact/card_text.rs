//! A contact as text to edit (`$EDITOR`, the built-in form): one `Field: value` line per value
//! (a field may repeat: several emails or phones), a blank line, then the notes. Reading it back
//! takes the same form; lines starting with `#` are comments, a field name is matched in any case.
use chrono::NaiveDate;

use super::{AddressKind, Contact, ContactPhone, PhoneKind, PostalAddress};
use crate::domain::Mailbox;

/// The fields in the order they are written, with the name a person reads.
const HEADER: &str = "\
# One field per line; repeat Email or a phone line for more. Empty fields are left out.
# Addresses: street; city; state; postal code; country. Birthday: YYYY-MM-DD.
# After the first blank line comes the note, as many lines as you like.
";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct CardTextError {
    pub line: usize,
    pub reason: String,
}

fn address_line(a: &PostalAddress) -> String {
    [&a.street, &a.city, &a.state, &a.postal_code, &a.country].map(|p| p.replace(';', ",")).join("; ")
}

/// The text to edit for `contact` (a new contact: `Contact::default()`, every field offered).
pub fn to_text(contact: &Contact) -> String {
    let mut out = String::from(HEADER);
    let mut line = |name: &str, value: &str| out.push_str(&format!("{name}: {}\n", value.replace('\n', " ")));
    line("Name", &contact.name);
    line("Given name", &contact.given_name);
    line("Surname", &contact.surname);
    if !contact.middle_name.is_empty() {
        line("Middle name", &contact.middle_name);
    }
    line("Nickname", &contact.nickname);
    let emails: Vec<&str> = contact.emails.iter().map(|m| m.address.as_str()).collect();
    for email in if emails.is_empty() { vec![""] } else { emails } {
        line("Email", email);
    }
    for (kind, label) in
        [(PhoneKind::Mobile, "Mobile"), (PhoneKind::Business, "Work phone"), (PhoneKind::Home, "Home phone")]
    {
        let numbers: Vec<&str> = contact.phone(kind).collect();
        for number in if numbers.is_empty() { vec![""] } else { numbers } {
            line(label, number);
        }
    }
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    line("Company", &text(&contact.company));
    line("Job title", &text(&contact.title));
    line("Department", &text(&contact.department));
    line("Office", &text(&contact.office));
    line("Web page", &text(&contact.web_page));
    for kind in AddressKind::ALL {
        let value = contact.address(kind).map(address_line).unwrap_or_default();
        line(&format!("{} address", kind.label()), &value);
    }
    line("Birthday", &contact.birthday.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
    line("Categories", &contact.categories.join(", "));
    for (name, value) in [
        ("Profession", &contact.profession),
        ("Manager", &contact.manager),
        ("Assistant", &contact.assistant),
        ("Spouse", &contact.spouse),
    ] {
        if value.is_some() {
            line(name, &text(value));
        }
    }
    for child in &contact.children {
        line("Child", child);
    }
    for im in &contact.im_addresses {
        line("IM", im);
    }
    out.push('\n');
    out.push_str(&contact.notes);
    if !contact.notes.is_empty() {
        out.push('\n');
    }
    out
}

fn optional(value: &str) -> Option<String> {
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

fn address(value: &str) -> PostalAddress {
    let parts: Vec<String> = value.split(';').map(|p| p.trim().to_owned()).collect();
    let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
    PostalAddress { street: part(0), city: part(1), state: part(2), postal_code: part(3), country: part(4) }
}

/// The contact the text describes, on top of `base` (the contact being edited: its id and
/// folder stay). A contact needs a name or an address.
pub fn from_text(text: &str, base: &Contact) -> Result<Contact, CardTextError> {
    let mut contact = Contact { id: base.id.clone(), folder_id: base.folder_id.clone(), ..Contact::default() };
    let mut lines = text.lines().enumerate();
    for (index, raw) in lines.by_ref() {
        let trimmed = raw.trim();
        if trimmed.starts_with('#') {
            continue;
        }
        if trimmed.is_empty() {
            break;
        }
        let Some((name, value)) = raw.split_once(':') else {
            return Err(CardTextError { line: index + 1, reason: format!("`{trimmed}` is not `Field: value`") });
        };
        let value = value.trim();
        let phone = |kind| ContactPhone { kind, number: value.to_owned() };
        match name.trim().to_ascii_lowercase().as_str() {
            _ if value.is_empty() => {}
            "name" => contact.name = value.to_owned(),
            "given name" => contact.given_name = value.to_owned(),
            "surname" => contact.surname = value.to_owned(),
            "middle name" => contact.middle_name = value.to_owned(),
            "nickname" => contact.nickname = value.to_owned(),
            "email" => contact.emails.push(Mailbox { name: String::new(), address: value.to_owned() }),
            "mobile" => contact.phones.push(phone(PhoneKind::Mobile)),
            "work phone" => contact.phones.push(phone(PhoneKind::Business)),
            "home phone" => contact.phones.push(phone(PhoneKind::Home)),
            "company" => contact.company = optional(value),
            "job title" => contact.title = optional(value),
            "department" => contact.department = optional(value),
            "office" => contact.office = optional(value),
            "web page" => contact.web_page = optional(value),
            "home address" => contact.addresses.push((AddressKind::Home, address(value))),
            "work address" => contact.addresses.push((AddressKind::Business, address(value))),
            "other address" => contact.addresses.push((AddressKind::Other, address(value))),
            "birthday" => {
                let day = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| CardTextError {
                    line: index + 1,
                    reason: format!("birthday `{value}` is not YYYY-MM-DD"),
                })?;
                contact.birthday = Some(day);
            }
            "categories" => {
                contact.categories =
                    value.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()
            }
            "profession" => contact.profession = optional(value),
            "manager" => contact.manager = optional(value),
            "assistant" => contact.assistant = optional(value),
            "spouse" => contact.spouse = optional(value),
            "child" => contact.children.push(value.to_owned()),
            "im" => contact.im_addresses.push(value.to_owned()),
            other => {
                return Err(CardTextError { line: index + 1, reason: format!("unknown field `{other}`") });
            }
        }
    }
    contact.notes = lines.map(|(_, l)| l).collect::<Vec<_>>().join("\n").trim_end().to_owned();
    contact.addresses.retain(|(_, a)| !a.is_empty());
    if contact.name.is_empty() {
        contact.name = contact.shown_name();
    }
    if contact.name.is_empty() {
        contact.name = contact.emails.first().map(|m| m.address.clone()).unwrap_or_default();
    }
    if contact.name.is_empty() {
        return Err(CardTextError { line: 1, reason: "a contact needs a name or an email address".into() });
    }
    for mailbox in &mut contact.emails {
        mailbox.name = contact.name.clone();
    }
    Ok(contact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_of_a_contact_reads_back_as_the_contact() {
        let contact = Contact {
            id: "c1".into(),
            name: "Pavel Bansky".into(),
            given_name: "Pavel".into(),
            surname: "Bansky".into(),
            emails: vec![Mailbox { name: "Pavel Bansky".into(), address: "pavelb@fabrikam.example".into() }],
            phones: vec![ContactPhone { kind: PhoneKind::Mobile, number: "+1 425 555 0188".into() }],
            company: Some("Fabrikam".into()),
            addresses: vec![(AddressKind::Business, PostalAddress { city: "Redmond".into(), ..Default::default() })],
            birthday: NaiveDate::from_ymd_opt(1974, 7, 22),
            categories: vec!["Customers".into(), "VIP".into()],
            notes: "Two\nlines".into(),
            ..Contact::default()
        };
        let text = to_text(&contact);
        assert!(text.contains("\nEmail: pavelb@fabrikam.example\n"), "{text}");
        assert!(text.contains("\nWork address: ; Redmond; ; ; \n"), "{text}");
        assert_eq!(from_text(&text, &contact).unwrap(), contact);
    }

    #[test]
    fn mistakes_name_their_line() {
        let base = Contact::default();
        assert_eq!(from_text("Name: A\nBirthday: soon\n", &base).unwrap_err().line, 2);
        assert!(from_text("Name: A\nShoe size: 9\n", &base).unwrap_err().reason.contains("shoe size"));
        assert!(from_text("# nothing\nName:\n", &base).is_err(), "no name and no address");
        let by_address = from_text("Email: x@y.example\n\nnote", &base).unwrap();
        assert_eq!((by_address.name.as_str(), by_address.notes.as_str()), ("x@y.example", "note"));
    }
}
