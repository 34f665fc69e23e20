//! The message list, virtualised: only the rows on screen are built, so its cost per frame
//! does not grow with the folder. Marks for unread, attachment and flag; dates in the user's
//! zone (the time for today, the day for this year, the whole date before); the sender, or
//! whom it is to in Drafts, Sent Items and the Outbox; a coloured square per category before
//! the subject; threads indented; loaded and total counts in the title. Marked rows get a `*`
//! column while any are marked; the title says what the list shows (a search, quick filters, a
//! conversation, threads) and how many rows are marked.
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{cell, message_line, pane_block};
use crate::domain::MessageSummary;
use crate::domain::time_zones::format_in_zone;
use crate::sanitize;
use crate::tui::loadable::{Loadable, MoreState};
use crate::tui::store::mail::ops::{ListView, describe_filters, preset_of};
use crate::tui::store::{MailFocus, Store};
use crate::tui::theme::Theme;

pub struct MessagesView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl MessagesView<'_> {
    fn title(&self) -> String {
        let mail = &self.store.mail;
        let name = mail.open_folder_row().map(|row| sanitize::line(&row.folder.name).into_owned());
        let name = name.unwrap_or_else(|| "Messages".to_owned());
        let mut title = match mail.shown_view() {
            ListView::Folder => name,
            ListView::Search { text, local: false, .. } => format!("Search \"{}\" in {name}", sanitize::line(text)),
            ListView::Search { text, local: true, .. } => {
                format!("Local search \"{}\" in {name}", sanitize::line(text))
            }
            ListView::Filtered { filters, .. } => {
                format!("{name} · {} only", describe_filters(filters, &self.store.zone))
            }
            ListView::Conversation { subject, .. } => format!("Conversation: {}", sanitize::line(subject)),
        };
        if let Some(page) = mail.messages.ready() {
            match page.total {
                Some(total) => title.push_str(&format!(" · {} of {total}", page.items.len())),
                None => title.push_str(&format!(" · {}", page.items.len())),
            }
            match page.more {
                MoreState::Loading { .. } => title.push_str(" · loading more…"),
                MoreState::Failed { .. } => title.push_str(" · more failed"),
                MoreState::Idle => {}
            }
        }
        if mail.threads.is_some() {
            title.push_str(" · threads");
        }
        if !mail.ops.marked.is_empty() {
            title.push_str(&format!(" · {} selected", mail.ops.marked.len()));
        }
        title
    }

    /// Who the row names: the sender, or "To: …" for one's own outgoing mail.
    fn correspondent(&self, message: &MessageSummary) -> String {
        if self.store.mail.shows_recipients(message) {
            let names: Vec<&str> = message.to.iter().map(|m| m.display()).collect();
            let names = if names.is_empty() { "(no recipients)".to_owned() } else { names.join(", ") };
            return format!("To: {}", sanitize::line(&names));
        }
        message.from.as_ref().map(|m| sanitize::line(m.display()).into_owned()).unwrap_or_default()
    }

    fn row(&self, message: &MessageSummary, width: usize, selected: bool, depth: usize) -> Line<'static> {
        let theme = self.theme;
        let ops = &self.store.mail.ops;
        let mark_column = if ops.marked.is_empty() {
            None
        } else if ops.marked.contains(&message.id) {
            Some('*')
        } else {
            Some(' ')
        };
        let marks: String = mark_column
            .into_iter()
            .chain([
                if message.is_read { ' ' } else { '●' },
                if message.has_attachments { '@' } else { ' ' },
                if message.is_flagged { '!' } else { ' ' },
            ])
            .collect();
        let today = self.store.calendar.today;
        let date = message.received.map(|t| list_date(&t, &self.store.zone, today)).unwrap_or_default();
        let date = cell(&date, DATE_WIDTH);
        let sender = self.correspondent(message);
        let fixed = marks.chars().count() + 1 + DATE_WIDTH + 1;
        let sender_width = (width.saturating_sub(fixed) / 3).clamp(0, 22);
        let subject_width = width.saturating_sub(fixed + sender_width + 1);
        let subject = if message.subject.is_empty() { "(no subject)".into() } else { sanitize::line(&message.subject) };
        // In threads, a reply hangs under the message before it, one step in per reply.
        let subject = match depth {
            0 => subject,
            depth => format!("{}└ {subject}", "  ".repeat(depth - 1)).into(),
        };
        let mut base = if message.is_read { Default::default() } else { theme.unread };
        if selected {
            base = base.patch(theme.selected);
        }
        let mut spans = vec![
            Span::styled(marks, base.patch(theme.marks)),
            Span::styled(format!(" {date} "), base.patch(if selected { Default::default() } else { theme.dim })),
            Span::styled(cell(&sender, sender_width), base),
            Span::styled(" ", base),
        ];
        // A coloured square per category (three at most) before the subject; rows without
        // categories look as they always did.
        let squares = message.categories.len().min(MAX_SQUARES);
        let subject_width = if squares > 0 && subject_width > squares + 8 {
            let master = self.store.mail.ops.categories.ready().map(Vec::as_slice).unwrap_or(&[]);
            for name in message.categories.iter().take(squares) {
                let colour = preset_of(master, name).map_or(theme.dim, |n| Style::default().fg(category_colour(n)));
                spans.push(Span::styled("■", base.patch(colour)));
            }
            spans.push(Span::styled(" ", base));
            subject_width - squares - 1
        } else {
            subject_width
        };
        spans.push(Span::styled(cell(&subject, subject_width), base));
        Line::from(spans)
    }
}

/// Squares drawn per row, at most.
const MAX_SQUARES: usize = 3;

/// The date column: as wide as a whole date.
const DATE_WIDTH: usize = 10;

/// When a message arrived, as the list shows it in `zone`: the time today, the day this year,
/// the whole date before (as aerc and mutt do). `today` is the store's, pinned at start (and
/// by tests), never the wall clock; unknown, every date is whole.
pub fn list_date(at: &DateTime<Utc>, zone: &Tz, today: Option<NaiveDate>) -> String {
    let day = at.with_timezone(zone).date_naive();
    match today {
        Some(today) if day == today => format_in_zone(at, zone, "%H:%M"),
        Some(today) if day.year() == today.year() => format_in_zone(at, zone, "%b %d"),
        _ => format_in_zone(at, zone, "%Y-%m-%d"),
    }
}

/// A terminal colour close to what Outlook desktop shows for `presetN` (outlookCategory
/// resource: red, orange, brown, yellow, green, teal, olive, blue, purple, cranberry, steel,
/// dark steel, gray, dark gray, black, then the dark shades of the first ten).
pub fn category_colour(preset: u8) -> Color {
    match preset {
        0 => Color::Red,
        1 => Color::Indexed(208),
        2 => Color::Indexed(130),
        3 => Color::Yellow,
        4 => Color::Green,
        5 => Color::Indexed(30),
        6 => Color::Indexed(100),
        7 => Color::Blue,
        8 => Color::Magenta,
        9 => Color::Indexed(161),
        10 => Color::Indexed(67),
        11 => Color::Indexed(60),
        12 => Color::Gray,
        13 => Color::DarkGray,
        // Black would vanish on a dark terminal.
        14 => Color::Indexed(238),
        15 => Color::Indexed(88),
        16 => Color::Indexed(166),
        17 => Color::Indexed(94),
        18 => Color::Indexed(136),
        19 => Color::Indexed(22),
        20 => Color::Indexed(23),
        21 => Color::Indexed(58),
        22 => Color::Indexed(18),
        23 => Color::Indexed(54),
        _ => Color::Indexed(125),
    }
}

impl Widget for MessagesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mail = &self.store.mail;
        let focused = mail.focus == MailFocus::Messages;
        let block = pane_block(Line::styled(self.title(), self.theme.title), focused, self.theme);
        let mut inner = block.inner(area);
        block.render(area, buf);
        if mail.filter.editing || mail.filter.matches.is_some() {
            // The filter takes the last row of the list.
            inner.height = inner.height.saturating_sub(1);
            let cursor = if mail.filter.editing { "▏" } else { "" };
            let text = format!("/{}{cursor}  ({} matching)", sanitize::line(&mail.filter.text), mail.visible_len());
            let filter_row = Rect { y: inner.y + inner.height, height: 1, ..inner };
            Line::styled(text, self.theme.marks).render(filter_row, buf);
        }
        let page = match &mail.messages {
            Loadable::Idle => return message_line("Pick a folder".into(), self.theme.dim, inner, buf),
            Loadable::Loading { .. } => return message_line("Loading messages…".into(), self.theme.dim, inner, buf),
            Loadable::Failed { reason, .. } => {
                let text = format!("Could not load messages: {} (r retries)", sanitize::line(reason));
                return message_line(text, self.theme.error, inner, buf);
            }
            Loadable::Ready(page) => page,
        };
        if mail.visible_len() == 0 {
            let text = match (page.items.is_empty(), mail.shown_view()) {
                (true, ListView::Folder) => "No messages in this folder",
                (true, _) => "Nothing found (Esc returns to the folder)",
                (false, _) => "No message matches the filter",
            };
            return message_line(text.into(), self.theme.dim, inner, buf);
        }
        let width = usize::from(inner.width);
        let cursor = mail.message_cursor;
        let end = (cursor.offset + usize::from(inner.height)).min(mail.visible_len());
        for (y, row) in (cursor.offset..end).enumerate() {
            let Some(message) = mail.visible_message(row) else { break };
            let line = self.row(message, width, row == cursor.selected, mail.visible_depth(row));
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_list_shows_the_time_today_the_day_this_year_and_the_year_before() {
        let zone = chrono_tz::Europe::Paris;
        let today = NaiveDate::from_ymd_opt(2026, 3, 10);
        let at = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 5, 0).unwrap();
        assert_eq!(list_date(&at(2026, 3, 10, 12), &zone, today), "13:05");
        // 23:05 UTC on the 9th is already the 10th in Paris.
        assert_eq!(list_date(&at(2026, 3, 9, 23), &zone, today), "00:05");
        assert_eq!(list_date(&at(2026, 3, 9, 12), &zone, today), "Mar 09");
        assert_eq!(list_date(&at(2026, 1, 1, 12), &zone, today), "Jan 01");
        assert_eq!(list_date(&at(2025, 12, 31, 12), &zone, today), "2025-12-31");
        assert_eq!(list_date(&at(2026, 3, 10, 12), &zone, None), "2026-03-10", "no today known: whole dates");
    }
}
