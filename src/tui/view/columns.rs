//! What the People and Tasks panes draw alike: a collection's loading or failed line, and a
//! column of names (contact folders and sources, To Do lists) with the open one marked `▸`
//! and the selected one highlighted.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::cell;
use crate::sanitize;
use crate::tui::loadable::Loadable;
use crate::tui::store::mail::Cursor;
use crate::tui::theme::Theme;

/// The text of a failed or loading collection, or `None` when it is ready.
pub(super) fn not_ready<T>(remote: &Loadable<T, ()>, what: &str, theme: &Theme) -> Option<(String, Style)> {
    match remote {
        Loadable::Idle => Some((String::new(), theme.dim)),
        Loadable::Loading { .. } => Some((format!("Loading {what}…"), theme.dim)),
        Loadable::Failed { reason, .. } => {
            Some((format!("Could not load {what}: {} (r retries)", sanitize::line(reason)), theme.error))
        }
        Loadable::Ready(_) => None,
    }
}

/// One name a column shows (sanitised already) and whether it is the one open.
pub(super) struct NameRow {
    pub name: String,
    pub open: bool,
}

/// The rows of `names` the cursor's scroll shows in `inner`.
pub(super) fn marked_names(names: &[NameRow], cursor: Cursor, inner: Rect, theme: &Theme, buf: &mut Buffer) {
    let width = usize::from(inner.width);
    let end = (cursor.offset + usize::from(inner.height)).min(names.len());
    for (y, index) in (cursor.offset..end).enumerate() {
        let row = &names[index];
        let mut style = if row.open { theme.unread } else { Style::default() };
        if index == cursor.selected {
            style = style.patch(theme.selected);
        }
        let marker = if row.open { "▸" } else { " " };
        let name = cell(&row.name, width.saturating_sub(1));
        Line::from(vec![Span::styled(marker, style), Span::styled(name, style)])
            .render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
    }
}
