//! The account picker: a small box with the config's accounts, the one in view marked, the
//! highlighted one selected, and the keys.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::cell;
use crate::sanitize;
use crate::tui::store::Store;
use crate::tui::theme::Theme;

pub struct AccountPickerView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl Widget for AccountPickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(selected) = self.store.account_picker else { return };
        let accounts = &self.store.accounts;
        let wanted = u16::try_from(accounts.len()).unwrap_or(u16::MAX).saturating_add(3);
        let [row] = Layout::vertical([Constraint::Max(wanted)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Max(50)]).flex(Flex::Center).areas(row);
        Clear.render(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(" Switch to account ", self.theme.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height < 2 {
            return;
        }
        let width = usize::from(inner.width);
        let rows = usize::from(inner.height - 1);
        let offset = selected.saturating_sub(rows.saturating_sub(1));
        for (y, (index, name)) in accounts.iter().enumerate().skip(offset).take(rows).enumerate() {
            let here = *name == self.store.account;
            let style = if index == selected { self.theme.selected } else { Default::default() };
            let pointer = if index == selected { "▸ " } else { "  " };
            let note = if here { " (in view)" } else { "" };
            let text = cell(&format!("{}{note}", sanitize::line(name)), width.saturating_sub(2));
            Line::from(vec![Span::styled(pointer, style), Span::styled(text, style)])
                .render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
        let keys = Rect { y: inner.y + inner.height - 1, height: 1, ..inner };
        Line::styled(cell("j/k ↑/↓ move · Enter switches · Esc cancels", width), self.theme.dim).render(keys, buf);
    }
}
