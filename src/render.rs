//! Turning a message into text for a terminal, shared by `o365 mail show` and the TUI reader:
//! header lines in the user's zone, the body (HTML through html2text, links as numbered
//! footnotes), attachments with sizes, the links listed as the footnotes number them.
//! Everything that leaves here is sanitised.
pub mod event;

use chrono_tz::Tz;

use crate::domain::time_zones::format_in_zone;
use crate::domain::{AttachmentInfo, Body, Mailbox, Message};
use crate::human::human_size;
use crate::sanitize;

/// `Name <address>`, or the bare address when there is no other name.
pub fn mailbox(m: &Mailbox) -> String {
    if m.name.trim().is_empty() || m.name == m.address {
        m.address.clone()
    } else {
        format!("{} <{}>", m.name, m.address)
    }
}

/// From, To, Cc, Date (in `zone`) and Subject, sanitised; empty ones left out.
pub fn headers(message: &Message, zone: &Tz) -> Vec<(&'static str, String)> {
    let names = |list: &[Mailbox]| list.iter().map(mailbox).collect::<Vec<_>>().join(", ");
    let date = message.summary.received.or(message.sent);
    let all = [
        ("From:", message.summary.from.as_ref().map(mailbox).unwrap_or_default()),
        ("To:", names(&message.to)),
        ("Cc:", names(&message.cc)),
        ("Date:", date.map(|t| format_in_zone(&t, zone, "%a, %d %b %Y %H:%M %Z")).unwrap_or_default()),
        ("Subject:", message.summary.subject.clone()),
        ("Categories:", message.categories.join(", ")),
    ];
    all.into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, v)| (name, sanitize::line(&v).into_owned()))
        .collect()
}

/// HTML becomes wrapped text with links as numbered footnotes, so the shown words and the
/// real targets can be compared; nothing is fetched. Control characters never get through.
pub fn body_text(body: &Body, width: usize) -> String {
    let text = match body {
        Body::Text(text) => text.clone(),
        // Cleaned before html2text too: it drops a bare ESC but keeps the rest of the
        // sequence (`[2J`), which the cleaner afterwards could no longer recognise.
        Body::Html(html) => {
            let html = sanitize::block(html);
            html2text::config::plain()
                .link_footnotes(true)
                .string_from_read(html.as_bytes(), width.max(20))
                .unwrap_or_else(|_| html.clone().into_owned())
        }
    };
    let clean = sanitize::block(&text);
    let trimmed = clean.trim_end();
    format!("{trimmed}\n")
}

/// Every link target of the body, in the order the footnotes number them (`[1]` first): for
/// HTML the footnotes html2text writes, read from the end of the text (a line in the text
/// that looks like a footnote cannot slip in first); for plain text the http, https and
/// mailto addresses in it. Sanitised.
pub fn links(body: &Body) -> Vec<String> {
    match body {
        // Wide enough that no footnote is wrapped.
        Body::Html(_) => {
            let text = body_text(body, 100_000);
            let mut found: Vec<(usize, String)> = Vec::new();
            for line in text.lines().rev() {
                if line.trim().is_empty() {
                    continue;
                }
                let Some(note) = footnote(line) else { break };
                found.push(note);
            }
            found.reverse();
            // The block must count 1, 2, 3…: anything else is not html2text's footnotes.
            let numbered = found.iter().enumerate().all(|(at, (number, _))| *number == at + 1);
            if numbered { found.into_iter().map(|(_, url)| url).collect() } else { Vec::new() }
        }
        Body::Text(text) => sanitize::block(text)
            .split_whitespace()
            .filter_map(|word| {
                let word = word.trim_start_matches(['<', '(', '[', '"', '\'']);
                let lower = word.to_ascii_lowercase();
                let linked = ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s));
                let word = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '>', ']', '"', '\'']);
                (linked && word.len() > 8).then(|| word.to_owned())
            })
            .collect(),
    }
}

/// `[N]: target`, html2text's footnote line.
fn footnote(line: &str) -> Option<(usize, String)> {
    let rest = line.strip_prefix('[')?;
    let (number, url) = rest.split_once("]: ")?;
    Some((number.parse().ok()?, url.trim().to_owned()))
}

/// Whether a link may be handed to the system's opener: http and https with a host, mailto
/// (ecosystem-notes C.4: a `file:` or `javascript:` link never is).
pub fn openable_link(url: &str) -> bool {
    match url::Url::parse(url.trim()) {
        Ok(parsed) => match parsed.scheme() {
            "http" | "https" => parsed.host().is_some(),
            "mailto" => true,
            _ => false,
        },
        Err(_) => false,
    }
}

/// "name  (size)" for each attachment that is not an inline image, sanitised.
pub fn attachment_lines(attachments: &[AttachmentInfo]) -> Vec<String> {
    attachments
        .iter()
        .filter(|a| !a.inline)
        .map(|file| format!("{}  ({})", sanitize::line(&file.name), human_size(file.size)))
        .collect()
}

/// The message as a reader sees it: headers, the body as text, then its attachments.
pub fn message_text(message: &Message, attachments: &[AttachmentInfo], zone: &Tz, width: usize) -> String {
    let mut text = String::new();
    for (name, value) in headers(message, zone) {
        // `{:<8} ` rather than `{:<9}`: a label as long as "Categories:" keeps its space.
        text.push_str(&format!("{name:<8} {value}\n"));
    }
    text.push('\n');
    text.push_str(&body_text(&message.body, width));
    let files = attachment_lines(attachments);
    if !files.is_empty() {
        text.push_str("\nAttachments:\n");
        for file in files {
            text.push_str(&format!("  {file}\n"));
        }
    }
    text
}
