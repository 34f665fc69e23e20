//! Writing vCard 4.0: one card per contact, properties in a fixed order, so the same contact
//! always gives the same bytes.
use super::super::{AddressKind, Contact, PhoneKind};
use super::{FOLD_AT, escape};

/// Every contact as a card, cards ordered by their text (by name, then the rest), so a folder
/// exported twice gives the same file whatever order the service listed it in.
pub fn write_cards(contacts: &[Contact]) -> String {
    let mut cards: Vec<String> = contacts.iter().map(write_card).collect();
    cards.sort();
    cards.concat()
}

/// One card, CRLF line ends, folded.
pub fn write_card(contact: &Contact) -> String {
    let mut lines: Vec<String> = vec!["BEGIN:VCARD".into(), "VERSION:4.0".into()];
    let mut push = |line: String| lines.push(line);
    push(format!("FN:{}", escape(&contact.shown_name())));
    push(format!("N:{};{};{};;", escape(&contact.surname), escape(&contact.given_name), escape(&contact.middle_name)));
    if !contact.nickname.is_empty() {
        push(format!("NICKNAME:{}", escape(&contact.nickname)));
    }
    for mailbox in &contact.emails {
        push(format!("EMAIL:{}", escape(&mailbox.address)));
    }
    for phone in &contact.phones {
        let kind = match phone.kind {
            PhoneKind::Mobile => "cell",
            PhoneKind::Business => "work",
            PhoneKind::Home => "home",
        };
        push(format!("TEL;VALUE=text;TYPE={kind}:{}", escape(&phone.number)));
    }
    for im in &contact.im_addresses {
        push(format!("IMPP:{im}"));
    }
    if contact.company.is_some() || contact.department.is_some() {
        let part = |value: &Option<String>| escape(value.as_deref().unwrap_or(""));
        push(format!("ORG:{};{}", part(&contact.company), part(&contact.department)));
    }
    let text_properties = [
        ("TITLE", &contact.title),
        ("ROLE", &contact.profession),
        ("X-OFFICE", &contact.office),
        ("X-MANAGER", &contact.manager),
    ];
    for (name, value) in text_properties {
        if let Some(value) = value {
            push(format!("{name}:{}", escape(value)));
        }
    }
    if let Some(assistant) = &contact.assistant {
        push(format!("RELATED;TYPE=agent;VALUE=text:{}", escape(assistant)));
    }
    if let Some(spouse) = &contact.spouse {
        push(format!("RELATED;TYPE=spouse;VALUE=text:{}", escape(spouse)));
    }
    for child in &contact.children {
        push(format!("RELATED;TYPE=child;VALUE=text:{}", escape(child)));
    }
    if let Some(url) = &contact.web_page {
        push(format!("URL:{url}"));
    }
    for kind in AddressKind::ALL {
        let Some(a) = contact.address(kind) else { continue };
        let parameter = match kind {
            AddressKind::Home => ";TYPE=home",
            AddressKind::Business => ";TYPE=work",
            AddressKind::Other => "",
        };
        let parts = [&a.street, &a.city, &a.state, &a.postal_code, &a.country].map(|p| escape(p));
        push(format!("ADR{parameter}:;;{}", parts.join(";")));
    }
    if let Some(day) = contact.birthday {
        push(format!("BDAY:{}", day.format("%Y%m%d")));
    }
    if !contact.notes.is_empty() {
        push(format!("NOTE:{}", escape(&contact.notes)));
    }
    if !contact.categories.is_empty() {
        let listed: Vec<String> = contact.categories.iter().map(|c| escape(c)).collect();
        push(format!("CATEGORIES:{}", listed.join(",")));
    }
    lines.push("END:VCARD".into());
    lines.iter().map(|line| fold(line)).collect()
}

/// `line` with CRLF, folded into pieces of at most 75 octets (continuations start with a space,
/// which counts), never inside a UTF-8 sequence.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}
