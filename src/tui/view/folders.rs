//! The folder tree: nested names with unread counts, the highlighted and the open folder.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::{cell, message_line, pane_block};
use crate::sanitize;
use crate::tui::loadable::Loadable;
use crate::tui::store::{MailFocus, Store};
use crate::tui::theme::Theme;

pub struct FoldersView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl Widget for FoldersView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mail = &self.store.mail;
        let focused = mail.focus == MailFocus::Folders;
        let block = pane_block(Line::styled("Folders", self.theme.title), focused, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = match &mail.folders {
            Loadable::Idle | Loadable::Loading { .. } => {
                return message_line("Loading folders…".into(), self.theme.dim, inner, buf);
            }
            Loadable::Failed { reason, .. } => {
                let text = format!("Could not load folders: {} (r retries)", sanitize::line(reason));
                return message_line(text, self.theme.error, inner, buf);
            }
            Loadable::Ready(rows) if rows.is_empty() => {
                return message_line("No folders".into(), self.theme.dim, inner, buf);
            }
            Loadable::Ready(rows) => rows,
        };
        let width = usize::from(inner.width);
        let cursor = mail.folder_cursor;
        let visible = rows.iter().enumerate().skip(cursor.offset).take(usize::from(inner.height));
        for (y, (index, row)) in visible.enumerate() {
            let folder = &row.folder;
            let open = mail.open_folder.as_deref() == Some(folder.id.as_str());
            let count = if folder.unread_count > 0 { format!(" {}", folder.unread_count) } else { String::new() };
            let indent = "  ".repeat(row.depth.min(8));
            let marker = if open { "▸" } else { " " };
            let name_width = width.saturating_sub(count.width() + indent.width() + 1);
            let name = cell(&sanitize::line(&folder.name), name_width);
            let mut style = if folder.unread_count > 0 { self.theme.unread } else { Default::default() };
            if index == cursor.selected {
                style = style.patch(self.theme.selected);
            }
            let line = Line::from(vec![
                Span::styled(marker, style),
                Span::styled(indent, style),
                Span::styled(name, style),
                Span::styled(count, style.patch(self.theme.marks)),
            ]);
            let row_area = Rect { y: inner.y + y as u16, height: 1, ..inner };
            line.render(row_area, buf);
        }
    }
}
