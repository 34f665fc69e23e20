//! Contacts as vCard (RFC 6350): `write` makes version 4.0 cards (CRLF line ends, lines folded
//! at 75 octets without splitting a character, `\ , ;` and new lines escaped), `read` takes 4.0,
//! 3.0 and the common parts of 2.1 (bare type parameters, quoted-printable values). Writing what
//! was read writes the same bytes again, so an export imported and exported again is identical.
//!
//! No crate is used: vcard4, the maintained RFC 6350 parser, refuses version 2.1 cards and
//! brings a lexer generator, a date-time crate and a URI parser for what is a few hundred lines.
mod read;
#[cfg(test)]
mod tests;
mod write;

pub use read::{ReadError, read_cards};
pub use write::{write_card, write_cards};

/// The longest line in octets, without its CRLF (RFC 6350 §3.2).
pub const FOLD_AT: usize = 75;

/// A text value with `\`, `,`, `;` and new lines escaped (RFC 6350 §3.4). Carriage returns go:
/// a line break is one `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// `value` split at the unescaped `separator` (`;` between the parts of N or ADR, `,` between
/// list items), each part unescaped.
pub fn split_unescaped(value: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => parts.last_mut().into_iter().for_each(|p| p.push('\n')),
                Some(other) => parts.last_mut().into_iter().for_each(|p| p.push(other)),
                None => parts.last_mut().into_iter().for_each(|p| p.push('\\')),
            },
            c if c == separator => parts.push(String::new()),
            c => parts.last_mut().into_iter().for_each(|p| p.push(c)),
        }
    }
    parts
}

/// A whole text value unescaped.
pub fn unescape(value: &str) -> String {
    split_unescaped(value, '\u{0}').concat()
}
