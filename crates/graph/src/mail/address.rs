//! Recipient addresses as people type them (`bob@example.com`, `Bob Smith <bob@example.com>`),
//! checked before anything is sent: Graph only answers `ErrorInvalidRecipients` after the whole
//! message has gone up, and says nothing about which address was wrong.
use crate::dto::Recipient;

/// Why a typed address is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not an e-mail address: {reason}")]
pub struct AddressError {
    pub input: String,
    pub reason: &'static str,
}

/// Longest address SMTP carries (RFC 5321 §4.5.3.1: 64 + @ + 255, capped by the path limit).
const MAX_ADDRESS: usize = 254;

/// Parses `addr@domain` or `Display Name <addr@domain>` (the name may be quoted).
pub fn parse_recipient(input: &str) -> Result<Recipient, AddressError> {
    let bad = |reason| AddressError { input: input.chars().filter(|c| !c.is_control()).collect(), reason };
    let text = input.trim();
    if text.chars().any(char::is_control) {
        return Err(bad("it contains control characters"));
    }
    let (name, address) = match (text.rfind('<'), text.ends_with('>')) {
        (Some(open), true) => {
            let name = text[..open].trim().trim_matches('"').trim();
            (Some(name).filter(|n| !n.is_empty()), text[open + 1..text.len() - 1].trim())
        }
        (None, false) => (None, text),
        _ => return Err(bad("unbalanced < >")),
    };
    check_address(address).map_err(bad)?;
    Ok(Recipient::new(address, name))
}

/// The shape Exchange accepts: one `@`, a non-empty local part, a dotted domain of letters,
/// digits and hyphens (or an IP literal), no spaces.
fn check_address(address: &str) -> Result<(), &'static str> {
    if address.is_empty() {
        return Err("it is empty");
    }
    if address.len() > MAX_ADDRESS {
        return Err("it is longer than 254 characters");
    }
    if address.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '(' | ')')) {
        return Err("it contains spaces or one of < > , ; ( )");
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Err("it has no @");
    };
    if local.is_empty() {
        return Err("nothing before the @");
    }
    if domain.is_empty() {
        return Err("no domain after the @");
    }
    if local.contains('@') && !(local.starts_with('"') && local.ends_with('"')) {
        return Err("more than one @");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err("misplaced dot before the @");
    }
    if domain.starts_with('[') && domain.ends_with(']') {
        return Ok(());
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if !labels.iter().all(label_ok) {
        return Err("the domain is not a host name");
    }
    if labels.len() < 2 {
        return Err("the domain has no dot");
    }
    Ok(())
}

/// Parses every address, stopping at the first bad one.
pub fn parse_recipients<S: AsRef<str>>(inputs: &[S]) -> Result<Vec<Recipient>, AddressError> {
    inputs.iter().map(|s| parse_recipient(s.as_ref())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(r: &Recipient) -> (&str, Option<&str>) {
        let e = r.email_address.as_ref().unwrap();
        (e.address.as_deref().unwrap(), e.name.as_deref())
    }

    #[test]
    fn accepts_plain_and_named_addresses() {
        assert_eq!(address(&parse_recipient(" bob@example.com ").unwrap()), ("bob@example.com", None));
        let named = parse_recipient("\"Smith, Bob\" <bob.smith+x@mail.example.co.uk>").unwrap();
        assert_eq!(address(&named), ("bob.smith+x@mail.example.co.uk", Some("Smith, Bob")));
        assert_eq!(address(&parse_recipient("<a@b.io>").unwrap()), ("a@b.io", None));
        assert!(parse_recipient("ops@[192.0.2.1]").is_ok());
        assert!(parse_recipient("zoë@bücher.example").is_ok());
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "bob@",
            "@example.com",
            "bob",
            "",
            "bob@example",
            "bob@@example.com",
            "bob smith@example.com",
            "bob@exa mple.com",
            "Bob <bob@example.com",
            "bob@-example.com",
            "bob@example..com",
            ".bob@example.com",
            "bob@example.com\r\nBcc: eve@evil.example",
            "a@b.com, c@d.com",
        ] {
            assert!(parse_recipient(bad).is_err(), "{bad:?} accepted");
        }
        let e = parse_recipient("bob@").unwrap_err();
        assert_eq!(e.to_string(), "`bob@` is not an e-mail address: no domain after the @");
    }
}
