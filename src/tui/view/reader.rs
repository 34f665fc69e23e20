//! The reader: headers (categories with their colours), the body (already wrapped and
//! sanitised in the store), attachments with sizes; or a text attachment in place of it. Only
//! the lines in view are drawn.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::messages::category_colour;
use super::{message_line, pane_block};
use crate::sanitize;
use crate::tui::loadable::Loadable;
use crate::tui::store::mail::ops::{CategoryRow, preset_of};
use crate::tui::store::{MailFocus, ReaderDoc, Store};
use crate::tui::theme::Theme;

pub struct ReaderView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl ReaderView<'_> {
    fn lines<'d>(&self, doc: &'d ReaderDoc) -> impl Iterator<Item = Line<'d>> + 'd {
        let label = self.theme.header_label;
        let master = self.store.mail.ops.categories.ready().map(Vec::as_slice).unwrap_or(&[]);
        let categories = category_spans(&doc.message.message.categories, master, self.theme.dim);
        let headers = doc.headers.iter().map(move |(name, value)| {
            // `{:<8} `: a label as long as "Categories:" keeps its space.
            let mut spans = vec![Span::styled(format!("{name:<8} "), label)];
            if *name == CATEGORIES {
                spans.extend(categories.iter().cloned());
            } else {
                spans.push(Span::raw(value.as_str()));
            }
            Line::from(spans)
        });
        // A meeting's mail: its event and the user's day under the headers.
        let meeting = super::calendar::invitation::lines(self.store.invitation_rows(), self.theme);
        let body = std::iter::once(Line::raw("")).chain(doc.body.iter().map(|l| Line::raw(l.as_str())));
        let body = meeting.into_iter().chain(body);
        let attachments = (!doc.attachments.is_empty())
            .then(|| {
                [Line::raw(""), Line::styled("Attachments:", label)]
                    .into_iter()
                    .chain(doc.attachments.iter().map(|a| Line::raw(format!("  {a}"))))
            })
            .into_iter()
            .flatten();
        headers.chain(body).chain(attachments)
    }
}

/// The header `render::headers` gives the categories.
const CATEGORIES: &str = "Categories:";

/// "■ Red category, ■ Travel": each name after a square in its colour (dim when the master
/// list does not know it), sanitised.
fn category_spans(names: &[String], master: &[CategoryRow], dim: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(", "));
        }
        let colour = preset_of(master, name).map_or(dim, |n| Style::default().fg(category_colour(n)));
        spans.push(Span::styled("■ ", colour));
        spans.push(Span::raw(sanitize::line(name).into_owned()));
    }
    spans
}

impl Widget for ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mail = &self.store.mail;
        let focused = mail.focus == MailFocus::Reader;
        let title = match mail.reader.ready().and_then(|doc| doc.viewing.as_ref()) {
            Some(viewing) => format!("{} · Esc: the message", viewing.name),
            None => "Message".to_owned(),
        };
        let block = pane_block(Line::styled(title, self.theme.title), focused, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let doc = match &mail.reader {
            Loadable::Idle => return message_line("Enter opens a message".into(), self.theme.dim, inner, buf),
            Loadable::Loading { .. } => return message_line("Loading the message…".into(), self.theme.dim, inner, buf),
            Loadable::Failed { reason, .. } => {
                let text = format!("Could not open the message: {} (r retries)", sanitize::line(reason));
                return message_line(text, self.theme.error, inner, buf);
            }
            Loadable::Ready(doc) => doc,
        };
        let height = usize::from(inner.height);
        let lines: Box<dyn Iterator<Item = Line>> = match &doc.viewing {
            Some(viewing) => Box::new(viewing.lines.iter().skip(viewing.scroll).map(|l| Line::raw(l.as_str()))),
            None => Box::new(self.lines(doc).skip(doc.scroll)),
        };
        for (y, line) in lines.take(height).enumerate() {
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }
}
