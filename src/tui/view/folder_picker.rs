//! The picker overlay (a folder for move/copy, an attachment to save or open, categories): a
//! box over the pane with the typed filter, the matching rows (folders indented by depth,
//! categories with their marks and colours) and the keys.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::cell;
use super::messages::category_colour;
use crate::sanitize;
use crate::tui::store::mail::ops::Picker;
use crate::tui::theme::Theme;

pub struct PickerView<'a, P = crate::tui::store::mail::ops::PickFor> {
    pub picker: &'a Picker<P>,
    pub theme: &'a Theme,
}

impl<P> Widget for PickerView<'_, P> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let picker = self.picker;
        // Border, filter line, rows, key line.
        let wanted = picker.matches.len().max(1) as u16 + 4;
        let [row] = Layout::vertical([Constraint::Max(wanted)])
            .flex(Flex::Center)
            .areas(area.inner(ratatui::layout::Margin::new(0, 1)));
        let [popup] = Layout::horizontal([Constraint::Max(60)]).flex(Flex::Center).areas(row);
        Clear.render(popup, buf);
        let title = format!(" {} ", sanitize::line(&picker.title));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(title, self.theme.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height < 3 {
            return;
        }
        let width = usize::from(inner.width);
        let typed = Line::from(vec![
            Span::styled("› ", self.theme.marks),
            Span::raw(sanitize::line(&picker.typed).into_owned()),
            Span::styled("▏", self.theme.marks),
        ]);
        typed.render(Rect { height: 1, ..inner }, buf);
        let keys = match picker.hint {
            Some(hint) => hint,
            None if picker.typed.is_empty() => "type to filter · j/k ↑/↓ move · Enter picks · Esc cancels",
            None => "↑/↓ move · Enter picks · Esc clears",
        };
        let keys_row = Rect { y: inner.y + inner.height - 1, height: 1, ..inner };
        Line::styled(cell(keys, width), self.theme.dim).render(keys_row, buf);
        let list = Rect { y: inner.y + 1, height: inner.height - 2, ..inner };
        if picker.matches.is_empty() {
            Line::styled("Nothing matches", self.theme.dim).render(Rect { height: 1, ..list }, buf);
            return;
        }
        // Scroll so the selected row is always on screen.
        let height = usize::from(list.height);
        let offset = picker.selected.saturating_sub(height.saturating_sub(1));
        for (y, (row, &index)) in picker.matches.iter().enumerate().skip(offset).take(height).enumerate() {
            let item = &picker.items[index];
            let indent = "  ".repeat(item.depth.min(8));
            let chosen = row == picker.selected;
            let pointer = if chosen { "▸ " } else { "  " };
            let style = if chosen { self.theme.selected } else { Default::default() };
            let mut spans = vec![Span::styled(format!("{pointer}{indent}{}", item.mark), style)];
            let mut used = 2 + indent.chars().count() + item.mark.chars().count();
            if let Some(preset) = item.swatch {
                spans.push(Span::styled("■ ", style.patch(Style::default().fg(category_colour(preset)))));
                used += 2;
            }
            spans.push(Span::styled(cell(&sanitize::line(&item.label), width.saturating_sub(used)), style));
            Line::from(spans).render(Rect { y: list.y + y as u16, height: 1, ..list }, buf);
        }
    }
}
