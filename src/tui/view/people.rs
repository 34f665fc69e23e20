//! The people pane: where people come from (contact folders, people you work with, the
//! directory), the people there (name, address, company or title, phone), and the selected
//! one's card (`people/card.rs`). Everything shown is remote text, sanitised here.
mod card;
pub mod form;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::columns::{NameRow, marked_names, not_ready};
use super::{cell, message_line, pane_block};
use crate::sanitize;
use crate::tui::layout::people::split;
use crate::tui::store::Store;
use crate::tui::store::people::{Entry, NO_DIRECTORY, PeopleFocus, Source};
use crate::tui::theme::Theme;

pub struct PeopleView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl Widget for PeopleView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = split(area, self.store.people.focus);
        if let Some(area) = layout.sources {
            self.sources(area, buf);
        }
        if let Some(area) = layout.entries {
            self.entries(area, buf);
        }
        if let Some(area) = layout.card {
            card::CardView { store: self.store, theme: self.theme }.render(area, buf);
        }
    }
}

impl PeopleView<'_> {
    fn sources(&self, area: Rect, buf: &mut Buffer) {
        let people = &self.store.people;
        let focused = people.focus == PeopleFocus::Sources;
        let block = pane_block(Line::styled("Address book", self.theme.title), focused, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if let Some((text, style)) = not_ready(&people.sources, "the contact folders", self.theme) {
            return message_line(text, style, inner, buf);
        }
        let Some(sources) = people.sources.ready() else { return };
        let names: Vec<NameRow> = sources
            .iter()
            .map(|source| {
                let icon = match source {
                    Source::Folder { .. } => "",
                    Source::People => "★ ",
                    Source::Directory => "⌕ ",
                };
                let name = format!("{icon}{}", sanitize::line(source.title()));
                NameRow { name, open: people.open.as_ref() == Some(source) }
            })
            .collect();
        marked_names(&names, people.source_cursor, inner, self.theme, buf);
    }

    fn entries_title(&self) -> String {
        let people = &self.store.people;
        let name = people.open.as_ref().map_or("People", Source::title);
        let name = sanitize::line(name).into_owned();
        let searched = people.search.as_deref().map(|s| format!(" · “{}”", sanitize::line(s))).unwrap_or_default();
        match people.entries.ready() {
            Some(rows) => format!("{name}{searched} · {}", rows.len()),
            None => format!("{name}{searched}"),
        }
    }

    /// What an empty list says: the directory asks for a search (or has none at all).
    fn empty_text(&self) -> String {
        let people = &self.store.people;
        match people.open.as_ref() {
            Some(Source::Directory) if people.personal_account => format!("{NO_DIRECTORY}."),
            Some(Source::Directory) if people.search.is_none() => {
                "Search the organisation's directory: / and a name or the start of an address".to_owned()
            }
            Some(_) if people.search.is_some() => "No one matches (/ searches again)".to_owned(),
            Some(Source::Folder { .. }) => "No contacts in this folder (a adds one)".to_owned(),
            _ => "No one here yet".to_owned(),
        }
    }

    fn entries(&self, area: Rect, buf: &mut Buffer) {
        let people = &self.store.people;
        let focused = people.focus == PeopleFocus::Entries;
        let block = pane_block(Line::styled(self.entries_title(), self.theme.title), focused, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if let Some((text, style)) = not_ready(&people.entries, "the people", self.theme) {
            return message_line(text, style, inner, buf);
        }
        let Some(rows) = people.entries.ready() else { return };
        if rows.is_empty() {
            return message_line(self.empty_text(), self.theme.dim, inner, buf);
        }
        let width = usize::from(inner.width);
        let cursor = people.entry_cursor;
        let end = (cursor.offset + usize::from(inner.height)).min(rows.len());
        for (y, index) in (cursor.offset..end).enumerate() {
            let line = self.entry_row(&rows[index], width, index == cursor.selected);
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }

    /// Name, address and, when there is room, the company (or title) and a phone.
    fn entry_row(&self, entry: &Entry, width: usize, selected: bool) -> Line<'static> {
        let base = if selected { self.theme.selected } else { Style::default() };
        let (detail, phone) = match entry {
            Entry::Contact(c) => {
                (c.company.clone().or_else(|| c.title.clone()), c.phones.first().map(|p| p.number.clone()))
            }
            Entry::Colleague(c) => (c.title.clone().or_else(|| c.department.clone()), c.phones.first().cloned()),
        };
        let name_width = (width * 2 / 5).max(12).min(width);
        let email_width = (width.saturating_sub(name_width + 1)).min(34);
        let mut spans = vec![
            Span::styled(cell(&sanitize::line(&entry.name()), name_width), base),
            Span::styled(" ", base),
            Span::styled(cell(&sanitize::line(entry.email().unwrap_or("")), email_width), base.patch(self.theme.dim)),
        ];
        let left = width.saturating_sub(name_width + 1 + email_width);
        if left > 12 {
            let phone = phone.unwrap_or_default();
            let phone_width = if left > 34 { 17 } else { 0 };
            let detail_width = left.saturating_sub(1 + if phone_width > 0 { phone_width + 1 } else { 0 });
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(cell(&sanitize::line(&detail.unwrap_or_default()), detail_width), base));
            if phone_width > 0 {
                spans.push(Span::styled(
                    format!(" {}", cell(&sanitize::line(&phone), phone_width)),
                    base.patch(self.theme.dim),
                ));
            }
        }
        Line::from(spans)
    }
}
