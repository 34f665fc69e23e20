//! Turning a loaded message into the reader's lines for a given width (pure: html2text runs
//! here, once per message and width, never while drawing a frame), and its links.
use chrono_tz::Tz;

use super::super::msg::FullMessage;
use super::super::store::ReaderDoc;
use crate::domain::Body;
use crate::render;

pub(super) fn build_doc(message: Box<FullMessage>, width: usize, zone: &Tz) -> ReaderDoc {
    let mut doc = ReaderDoc {
        headers: render::headers(&message.message, zone),
        attachments: render::attachment_lines(&message.attachments),
        links: render::links(&message.message.body),
        viewing: None,
        message,
        body: Vec::new(),
        width: 0,
        scroll: 0,
    };
    rewrap(&mut doc, width, zone);
    doc
}

/// Renders the body again when the width changed.
pub(super) fn rewrap(doc: &mut ReaderDoc, width: usize, zone: &Tz) {
    if doc.width == width && !doc.body.is_empty() {
        return;
    }
    doc.width = width;
    doc.headers = render::headers(&doc.message.message, zone);
    let text = render::body_text(&doc.message.message.body, width);
    doc.body = match doc.message.message.body {
        Body::Html(_) => text.lines().map(str::to_owned).collect(),
        Body::Text(_) => crate::human::text::wrap(&text, width),
    };
    if let Some(viewing) = &mut doc.viewing {
        viewing.lines = crate::human::text::wrap(&viewing.text, width);
        viewing.scroll = viewing.scroll.min(viewing.lines.len().saturating_sub(1));
    }
    // The message's scroll is kept in range by the caller, which knows the invitation's lines.
}
