//! Reading vCards: 4.0 and 3.0, and 2.1's bare type parameters and quoted-printable values.
//! Properties the app has no field for are skipped; a file with no card, or a card that never
//! ends, is an error naming the line.
use chrono::NaiveDate;

use super::super::{AddressKind, Contact, ContactPhone, PhoneKind, PostalAddress};
use super::{split_unescaped, unescape};
use crate::domain::Mailbox;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("line {line}: {reason}")]
    At { line: usize, reason: String },
    #[error("no vCard in the file (no BEGIN:VCARD line)")]
    Empty,
}

/// One content line: its name (upper case, group dropped), parameters and raw value.
struct Property {
    name: String,
    /// (name upper case, value lower case); a 2.1 bare parameter (`CELL`) is a TYPE.
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    fn types(&self) -> Vec<&str> {
        self.params
            .iter()
            .filter(|(name, _)| name == "TYPE")
            .flat_map(|(_, value)| value.split(','))
            .map(|v| v.trim_matches('"'))
            .collect()
    }

    fn has_type(&self, wanted: &str) -> bool {
        self.types().iter().any(|t| t.eq_ignore_ascii_case(wanted))
    }

    fn param(&self, wanted: &str) -> Option<&str> {
        self.params.iter().find(|(name, _)| name == wanted).map(|(_, value)| value.as_str())
    }
}

/// Joins folded lines (a line starting with a space or tab continues the one before, RFC 6350
/// §3.2) and 2.1 quoted-printable soft breaks (a line ending in `=`). Each logical line keeps
/// the number of the line it started on.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut soft_break = false;
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let continued = raw.starts_with([' ', '\t']);
        match lines.last_mut() {
            Some((_, last)) if continued => last.push_str(&raw[1..]),
            Some((_, last)) if soft_break => last.push_str(raw),
            _ if raw.is_empty() => {}
            _ => lines.push((index + 1, raw.to_owned())),
        }
        soft_break =
            lines.last().is_some_and(|(_, l)| l.ends_with('=') && l.to_ascii_uppercase().contains("QUOTED-PRINTABLE"));
        if soft_break && let Some((_, last)) = lines.last_mut() {
            last.pop();
        }
    }
    lines
}

fn parse_property(line: &str) -> Option<Property> {
    let mut in_quotes = false;
    let colon = line.char_indices().find(|&(_, c)| {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        c == ':' && !in_quotes
    })?;
    let (head, value) = (&line[..colon.0], &line[colon.0 + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?.rsplit('.').next()?.trim().to_ascii_uppercase();
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((n, v)) => (n.trim().to_ascii_uppercase(), v.trim().to_ascii_lowercase()),
            None => ("TYPE".to_owned(), p.trim().to_ascii_lowercase()),
        })
        .collect();
    Some(Property { name, params, value: value.to_owned() })
}

/// `=XX` escapes of a quoted-printable value, as UTF-8 (other charsets are rare in practice).
fn quoted_printable(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn birthday(value: &str) -> Option<NaiveDate> {
    let day = value.split('T').next().unwrap_or("").trim();
    NaiveDate::parse_from_str(day, "%Y%m%d").or_else(|_| NaiveDate::parse_from_str(day, "%Y-%m-%d")).ok()
}

fn optional(text: String) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Applies one property to the contact being read.
fn apply(contact: &mut Contact, property: &Property) {
    let raw = if property.param("ENCODING").is_some_and(|e| e.eq_ignore_ascii_case("quoted-printable")) {
        quoted_printable(&property.value)
    } else {
        property.value.clone()
    };
    let text = || unescape(&raw).trim().to_owned();
    let part = |parts: &[String], i: usize| parts.get(i).map(|p| p.trim().to_owned()).unwrap_or_default();
    match property.name.as_str() {
        "FN" => contact.name = text(),
        "N" => {
            let parts = split_unescaped(&raw, ';');
            contact.surname = part(&parts, 0);
            contact.given_name = part(&parts, 1);
            contact.middle_name = part(&parts, 2);
        }
        "NICKNAME" => contact.nickname = text(),
        "EMAIL" => {
            let address = text();
            if !address.is_empty() {
                contact.emails.push(Mailbox { name: String::new(), address });
            }
        }
        "TEL" => {
            let number = text();
            let number = number.strip_prefix("tel:").unwrap_or(&number).trim().to_owned();
            let kind = if property.has_type("cell") {
                PhoneKind::Mobile
            } else if property.has_type("home") {
                PhoneKind::Home
            } else {
                PhoneKind::Business
            };
            if !number.is_empty() {
                contact.phones.push(ContactPhone { kind, number });
            }
        }
        "IMPP" | "X-SIP" => contact.im_addresses.extend(optional(raw.trim().to_owned())),
        "ORG" => {
            let parts = split_unescaped(&raw, ';');
            contact.company = optional(part(&parts, 0));
            contact.department = optional(part(&parts, 1));
        }
        "TITLE" => contact.title = optional(text()),
        "ROLE" => contact.profession = optional(text()),
        "X-OFFICE" => contact.office = optional(text()),
        "X-MANAGER" | "X-MS-MANAGER" => contact.manager = optional(text()),
        "X-ASSISTANT" | "X-MS-ASSISTANT" => contact.assistant = optional(text()),
        "X-SPOUSE" | "X-MS-SPOUSE" => contact.spouse = optional(text()),
        "RELATED" => {
            let name = text();
            if property.has_type("spouse") {
                contact.spouse = optional(name);
            } else if property.has_type("child") {
                contact.children.extend(optional(name));
            } else if property.has_type("agent") {
                contact.assistant = optional(name);
            }
        }
        "URL" if contact.web_page.is_none() => contact.web_page = optional(raw.trim().to_owned()),
        "ADR" => {
            let parts = split_unescaped(&raw, ';');
            let address = PostalAddress {
                street: part(&parts, 2),
                city: part(&parts, 3),
                state: part(&parts, 4),
                postal_code: part(&parts, 5),
                country: part(&parts, 6),
            };
            let kind = if property.has_type("home") {
                AddressKind::Home
            } else if property.has_type("work") {
                AddressKind::Business
            } else {
                AddressKind::Other
            };
            if !address.is_empty() && contact.address(kind).is_none() {
                contact.addresses.push((kind, address));
            }
        }
        "BDAY" => contact.birthday = birthday(&raw),
        "NOTE" => contact.notes = unescape(&raw).trim_end().to_owned(),
        "CATEGORIES" => contact
            .categories
            .extend(split_unescaped(&raw, ',').into_iter().map(|c| c.trim().to_owned()).filter(|c| !c.is_empty())),
        _ => {}
    }
}

/// Puts what was read in the app's order: mobile, business, home numbers; home, work, other
/// addresses (the order `Contact::from` gives, so a contact read equals one fetched).
fn settle(mut contact: Contact) -> Contact {
    let rank = |kind: PhoneKind| match kind {
        PhoneKind::Mobile => 0,
        PhoneKind::Business => 1,
        PhoneKind::Home => 2,
    };
    contact.phones.sort_by_key(|p| rank(p.kind));
    contact.addresses.sort_by_key(|(kind, _)| AddressKind::ALL.iter().position(|k| k == kind));
    if contact.name.is_empty() {
        contact.name = contact.shown_name();
    }
    for mailbox in &mut contact.emails {
        mailbox.name = contact.name.clone();
    }
    contact
}

/// Every card in `text`.
pub fn read_cards(text: &str) -> Result<Vec<Contact>, ReadError> {
    let mut cards = Vec::new();
    let mut current: Option<(usize, Contact)> = None;
    for (line, content) in unfold(text.trim_start_matches('\u{feff}')) {
        let Some(property) = parse_property(&content) else {
            if current.is_some() {
                return Err(ReadError::At { line, reason: format!("not a vCard property: `{content}`") });
            }
            continue;
        };
        match (property.name.as_str(), property.value.trim().to_ascii_uppercase().as_str()) {
            ("BEGIN", "VCARD") => {
                if current.is_some() {
                    return Err(ReadError::At { line, reason: "BEGIN:VCARD inside a card".into() });
                }
                current = Some((line, Contact::default()));
            }
            ("END", "VCARD") => match current.take() {
                Some((_, contact)) => cards.push(settle(contact)),
                None => return Err(ReadError::At { line, reason: "END:VCARD without BEGIN:VCARD".into() }),
            },
            _ => {
                if let Some((_, contact)) = current.as_mut() {
                    apply(contact, &property);
                }
            }
        }
    }
    if let Some((line, _)) = current {
        return Err(ReadError::At { line, reason: "the card that starts here has no END:VCARD".into() });
    }
    if cards.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(cards)
}
