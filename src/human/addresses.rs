//! Lists of addresses as people type and read them (`Alex <alex@x>, "Smith, Bob" <b@y>`): the
//! header block of the editor, the review screen and a local draft's To/Cc/Bcc all use this form.
use crate::domain::Mailbox;

/// Splits `a@x, "Smith, Bob" <b@y>; c@z` at commas and semicolons outside quotes and `<>`.
pub fn split_addresses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut quoted, mut angle) = (false, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' | ';' if !quoted && !angle => {
                out.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    out.push(current);
    out.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

/// Recipients as the user would type them again: `Name <addr>` or `addr`, comma separated.
/// Names and addresses come from the other side: escape sequences, controls (a line break
/// would start a header of its own) and bidi overrides are removed first.
pub fn format_recipients(list: &[Mailbox]) -> String {
    list.iter()
        .filter(|m| !m.address.is_empty())
        .map(|m| {
            let address = crate::sanitize::line(&m.address).trim().to_owned();
            let name = crate::sanitize::line(&m.name).trim().to_owned();
            let address = address.as_str();
            match Some(name.as_str()).filter(|n| !n.is_empty() && *n != address) {
                Some(name) if name.contains([',', ';', '"', '<', '>']) => {
                    format!("\"{}\" <{address}>", name.replace('"', ""))
                }
                Some(name) => format!("{name} <{address}>"),
                None => address.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_inside_quotes_and_brackets_do_not_split() {
        assert_eq!(
            split_addresses(" a@x, \"Smith, Bob\" <b@y>; <c,d@z> ,"),
            ["a@x", "\"Smith, Bob\" <b@y>", "<c,d@z>"]
        );
    }

    #[test]
    fn names_needing_quotes_get_them_and_remote_escapes_go() {
        let list = [
            Mailbox { name: "Smith, Bob".into(), address: "b@y".into() },
            Mailbox { name: "Ann\u{1b}[31m".into(), address: "a@x".into() },
            Mailbox { name: "c@z".into(), address: "c@z".into() },
        ];
        assert_eq!(format_recipients(&list), "\"Smith, Bob\" <b@y>, Ann <a@x>, c@z");
    }
}
