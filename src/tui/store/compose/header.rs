//! The text a user edits in `$EDITOR`: a header block (To, Cc, Bcc, Subject), a blank line, the
//! body, and for replies and forwards the quoted original below a marker (see `quote`). Written
//! out and parsed back here; header values with CR/LF, other control characters, bidi overrides or bad
//! addresses are refused (ecosystem-notes C.1, C.3), and remote names are cleaned before they
//! are written.
use crate::domain::Mailbox;
use crate::human::addresses::split_addresses;
use o365_graph::mail::address::{AddressError, parse_recipient};

pub use super::quote::QUOTE_MARKER;
use super::quote::split_lines;

/// The fields the user writes, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub to: String,
    pub cc: String,
    pub bcc: String,
    pub subject: String,
    pub body: String,
}

/// The fields with their addresses parsed (a name is empty when none was written).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub bcc: Vec<Mailbox>,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("line {line}: `{text}` is not a header (write `Name: value`, then a blank line before the body)")]
    NotAHeader { line: usize, text: String },
    #[error("line {line}: unknown header `{name}` (use To, Cc, Bcc or Subject)")]
    Unknown { line: usize, name: String },
    #[error("line {line}: {name} appears twice")]
    Repeated { line: usize, name: String },
    #[error("{name}: header values may not contain a line break, control characters or bidi overrides")]
    ControlCharacter { name: String },
    #[error("{field}: {source}")]
    Address { field: &'static str, source: AddressError },
    #[error("no recipient: fill in To, Cc or Bcc")]
    NoRecipient,
}

/// The file the editor opens: headers, a blank line, the body, then the quote (if any).
pub fn write_block(fields: &Fields, quote: &[String]) -> String {
    let mut out = format!(
        "To: {}\nCc: {}\nBcc: {}\nSubject: {}\n\n{}",
        fields.to, fields.cc, fields.bcc, fields.subject, fields.body
    );
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if !quote.is_empty() {
        out.push('\n');
        out.push_str(QUOTE_MARKER);
        out.push('\n');
        for line in quote {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// An edited file read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    /// The fields, addresses still as text.
    pub fields: Fields,
    /// The quote below the marker came back as written: the body is the text above the marker
    /// and the service's quote stays. Otherwise the body is the whole text, the quote as the
    /// user left it included, and the service's quote must not be added again.
    pub quote_kept: bool,
}

/// Reads an edited file back; `quote` is what was written below the marker (see `quote`).
/// Blank lines around the body go.
pub fn read_edited(text: &str, quote: &[String]) -> Result<Edited, HeaderError> {
    let (mut fields, rest) = read_headers(text)?;
    let (body, quote_kept) = split_lines(&rest, quote);
    fields.body = body;
    Ok(Edited { fields, quote_kept })
}

/// Reads back a file that was written without a quote.
pub fn read_block(text: &str) -> Result<Fields, HeaderError> {
    read_edited(text, &[]).map(|edited| edited.fields)
}

/// The header block's fields and the lines after it.
fn read_headers(text: &str) -> Result<(Fields, Vec<&str>), HeaderError> {
    let mut fields = Fields::default();
    let mut seen: Vec<&'static str> = Vec::new();
    let mut lines = text.split('\n').enumerate();
    let mut last: Option<&'static str> = None;
    for (index, line) in lines.by_ref() {
        let number = index + 1;
        if line.is_empty() {
            break;
        }
        // A folded line (starting with a space or tab) continues the header above it.
        if line.starts_with([' ', '\t'])
            && let Some(name) = last
        {
            check_value(name, line)?;
            let slot = slot(&mut fields, name);
            slot.push(' ');
            slot.push_str(line.trim());
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(HeaderError::NotAHeader { line: number, text: visible(line) });
        };
        let known = match name.trim().to_ascii_lowercase().as_str() {
            "to" => "To",
            "cc" => "Cc",
            "bcc" => "Bcc",
            "subject" => "Subject",
            _ => return Err(HeaderError::Unknown { line: number, name: visible(name.trim()) }),
        };
        if seen.contains(&known) {
            return Err(HeaderError::Repeated { line: number, name: known.to_owned() });
        }
        seen.push(known);
        check_value(known, value)?;
        *slot(&mut fields, known) = value.trim().to_owned();
        last = Some(known);
    }
    Ok((fields, lines.map(|(_, line)| line).collect()))
}

fn slot<'a>(fields: &'a mut Fields, name: &str) -> &'a mut String {
    match name {
        "To" => &mut fields.to,
        "Cc" => &mut fields.cc,
        "Bcc" => &mut fields.bcc,
        _ => &mut fields.subject,
    }
}

fn check_value(name: &str, value: &str) -> Result<(), HeaderError> {
    if value.chars().any(|c| c != '\t' && crate::sanitize::needs_cleaning(c)) {
        return Err(HeaderError::ControlCharacter { name: name.to_owned() });
    }
    Ok(())
}

fn visible(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(60).collect()
}

/// Parses the addresses of every field; a subject with a line break is refused too.
pub fn parse_fields(fields: &Fields) -> Result<Parsed, HeaderError> {
    check_value("Subject", &fields.subject)?;
    let list = |field: &'static str, text: &str| -> Result<Vec<Mailbox>, HeaderError> {
        check_value(field, text)?;
        split_addresses(text)
            .iter()
            .map(|one| {
                let recipient = parse_recipient(one).map_err(|source| HeaderError::Address { field, source })?;
                Ok(Mailbox::from_recipient(&recipient).unwrap_or_default())
            })
            .collect()
    };
    let parsed = Parsed {
        to: list("To", &fields.to)?,
        cc: list("Cc", &fields.cc)?,
        bcc: list("Bcc", &fields.bcc)?,
        subject: fields.subject.trim().to_owned(),
        body: fields.body.clone(),
    };
    if parsed.to.is_empty() && parsed.cc.is_empty() && parsed.bcc.is_empty() {
        return Err(HeaderError::NoRecipient);
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::human::addresses::format_recipients;

    fn fields() -> Fields {
        Fields {
            to: "Alex <alex@fabrikam.example>, \"Smith, Bob\" <bob@fabrikam.example>".into(),
            cc: "carol@fabrikam.example".into(),
            bcc: String::new(),
            subject: "Lunch: Friday?".into(),
            body: "Hi,\n\nSee you at noon.\n".into(),
        }
    }

    #[test]
    fn a_block_reads_back_as_written_with_an_untouched_quote_apart() {
        let quote = vec!["> earlier text".to_owned(), "> more".to_owned()];
        let text = write_block(&fields(), &quote);
        assert!(text.starts_with("To: Alex <alex@fabrikam.example>, \"Smith, Bob\""), "{text}");
        assert!(text.contains(QUOTE_MARKER));
        assert_eq!(read_edited(&text, &quote).unwrap(), Edited { fields: fields(), quote_kept: true });
        let answered = format!("{text}My answer below.\n");
        let edited = read_edited(&answered, &quote).unwrap();
        assert!(!edited.quote_kept);
        assert_eq!(edited.fields.body, "Hi,\n\nSee you at noon.\n\n> earlier text\n> more\nMy answer below.\n");
        let parsed = parse_fields(&read_edited(&text, &quote).unwrap().fields).unwrap();
        assert_eq!(format_recipients(&parsed.to), fields().to);
        assert_eq!(parsed.subject, "Lunch: Friday?");
    }

    #[test]
    fn folded_lines_and_any_case_are_accepted() {
        let text = "to: a@x.example,\n  b@y.example\nSUBJECT: hi\n\nbody\n\n\n";
        let read = read_block(text).unwrap();
        assert_eq!(read.to, "a@x.example, b@y.example");
        assert_eq!(read.body, "body\n");
        assert_eq!(parse_fields(&read).unwrap().to.len(), 2);
    }

    #[test]
    fn line_breaks_and_control_characters_in_headers_are_refused() {
        let crlf = "To: a@x.example\r\nSubject: hi\r\n\r\nbody";
        assert!(matches!(read_block(crlf), Err(HeaderError::ControlCharacter { .. })));
        let mut f = fields();
        f.subject = "hi\nBcc: eve@evil.example".into();
        assert_eq!(
            parse_fields(&f).unwrap_err().to_string(),
            "Subject: header values may not contain a line break, control characters or bidi overrides"
        );
        f = fields();
        f.to = "a@x.example\u{1b}[31m".into();
        assert!(matches!(parse_fields(&f), Err(HeaderError::ControlCharacter { .. })));
        for hidden in ["\u{9b}2J", "\u{85}", "\u{7f}", "\u{202e}txt.exe", "\u{2066}"] {
            f = fields();
            f.subject = format!("invoice {hidden}");
            assert!(matches!(parse_fields(&f), Err(HeaderError::ControlCharacter { .. })), "{hidden:?}");
        }
        f = fields();
        f.subject = "tab\tand العربية".into();
        assert!(parse_fields(&f).is_ok(), "tabs and right-to-left text are fine");
    }

    #[test]
    fn remote_names_and_addresses_are_cleaned_before_they_are_written() {
        let hostile = Mailbox {
            address: " bob@x.example\u{1b}[8m".into(),
            name: "Bob\u{1b}]0;t\u{7} \u{202e}Evil\r\nBcc: eve@evil.example".into(),
        };
        let written = format_recipients(&[hostile]);
        assert_eq!(written, "Bob Evil  Bcc: eve@evil.example <bob@x.example>");
        let text = write_block(&Fields { to: written, ..Fields::default() }, &[]);
        let read = read_block(&text).unwrap();
        assert_eq!(read.bcc, "", "a name cannot add a header");
        assert_eq!(parse_fields(&read).unwrap().to[0].address, "bob@x.example");
    }

    #[test]
    fn bad_headers_and_addresses_are_named() {
        assert_eq!(
            read_block("To: a@x.example\nX-Evil: 1\n\nbody").unwrap_err().to_string(),
            "line 2: unknown header `X-Evil` (use To, Cc, Bcc or Subject)"
        );
        assert!(matches!(read_block("hello there\n\nbody"), Err(HeaderError::NotAHeader { line: 1, .. })));
        assert!(matches!(
            read_block("To: a@x.example\nTo: b@x.example\n\n"),
            Err(HeaderError::Repeated { line: 2, .. })
        ));
        let mut f = fields();
        f.cc = "carol@".into();
        assert_eq!(
            parse_fields(&f).unwrap_err().to_string(),
            "Cc: `carol@` is not an e-mail address: no domain after the @"
        );
        let empty = Fields { subject: "x".into(), ..Fields::default() };
        assert_eq!(parse_fields(&empty).unwrap_err(), HeaderError::NoRecipient);
    }

    #[test]
    fn addresses_split_outside_quotes_and_angles() {
        assert_eq!(
            split_addresses("a@x.io; \"Smith, Bob\" <b@y.io>,, <c,d@z.io>"),
            ["a@x.io", "\"Smith, Bob\" <b@y.io>", "<c,d@z.io>"]
        );
    }
}
