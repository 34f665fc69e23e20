//! The command palette over the screen: what is typed, then every action matching it with its
//! keys, its section and its description from the keymap; Enter runs the selected one.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::cell;
use crate::tui::store::Store;
use crate::tui::store::palette::{Palette, matching};
use crate::tui::theme::Theme;

pub struct PaletteView<'a> {
    pub store: &'a Store,
    pub palette: &'a Palette,
    pub theme: &'a Theme,
}

impl Widget for PaletteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [row] = Layout::vertical([Constraint::Max(20)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Max(96)]).flex(Flex::Center).areas(row);
        Clear.render(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(" Commands (type to filter, Enter runs, Esc closes) ", self.theme.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height == 0 {
            return;
        }
        Line::from(vec![
            Span::styled("> ", self.theme.marks),
            Span::raw(self.palette.query.clone()),
            Span::styled("█", self.theme.dim),
        ])
        .render(Rect { height: 1, ..inner }, buf);
        let found = matching(&self.store.commands, &self.palette.query);
        let rows = usize::from(inner.height.saturating_sub(1));
        let offset = self.palette.selected.saturating_sub(rows.saturating_sub(1));
        let width = usize::from(inner.width);
        if found.is_empty() {
            Line::styled("No action matches", self.theme.dim).render(Rect { y: inner.y + 1, height: 1, ..inner }, buf);
        }
        for (y, (index, command)) in found.iter().enumerate().skip(offset).take(rows).enumerate() {
            let style =
                if index == self.palette.selected { self.theme.selected } else { ratatui::style::Style::default() };
            let keys = cell(&command.keys, 12);
            let section = cell(command.section, 9);
            let description = cell(&command.description, width.saturating_sub(23));
            Line::from(vec![
                Span::styled(format!("{keys} "), style.patch(self.theme.marks)),
                Span::styled(format!("{section} "), style.patch(self.theme.dim)),
                Span::styled(description, style),
            ])
            .render(Rect { y: inner.y + 1 + y as u16, height: 1, ..inner }, buf);
        }
    }
}
