//! The `?` overlay: every global binding and those of the pane in view, with their
//! descriptions, straight from the keymap.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::tui::action::Pane;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::store::Store;
use crate::tui::theme::Theme;

pub struct HelpView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut sections = vec![("Everywhere", Context::Global)];
        if self.store.pane == Pane::Mail {
            sections.push(("Mail", Context::Mail));
            sections.push(("An invitation in the reader", Context::Invitation));
        }
        if self.store.pane == Pane::Calendar {
            sections.push(("Calendar", Context::Calendar));
        }
        if self.store.pane == Pane::Drive {
            sections.push(("Drive", Context::Drive));
        }
        if self.store.pane == Pane::Tasks {
            sections.push(("Tasks", Context::Tasks));
        }
        if self.store.pane == Pane::People {
            sections.push(("People", Context::People));
        }
        if self.store.settings.open {
            sections.push(("Settings", Context::Settings));
        }
        if self.store.compose.is_open() {
            sections.push(("Writing", Context::Compose));
        }
        let key_width = sections
            .iter()
            .flat_map(|(_, context)| self.keymap.of(*context))
            .map(|binding| binding.keys.join(" ").chars().count())
            .max()
            .unwrap_or(0);
        let mut lines = Vec::new();
        for (title, context) in sections {
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(title, self.theme.header_label));
            for binding in self.keymap.of(context) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<key_width$}  ", binding.keys.join(" ")), self.theme.marks),
                    Span::raw(binding.description.clone()),
                ]));
            }
        }
        // Too tall for the screen and room for two: the bindings flow into a second column,
        // so every one stays visible (the Mail pane has dozens).
        let rows = usize::from(area.height.saturating_sub(2));
        let two_columns = lines.len() > rows && area.width >= 2 * NARROW_COLUMN;
        let per_column = if two_columns { lines.len().div_ceil(2) } else { lines.len() };
        let height = (per_column as u16 + 2).min(area.height);
        let width = if two_columns { 2 * ONE_COLUMN } else { ONE_COLUMN };
        let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Max(width)]).flex(Flex::Center).areas(row);
        Clear.render(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(" Keys (Esc closes) ", self.theme.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        if two_columns {
            let second = lines.split_off(per_column);
            let [left, right] = Layout::horizontal([Constraint::Ratio(1, 2); 2]).areas(inner);
            Paragraph::new(lines).render(left, buf);
            Paragraph::new(second).render(right, buf);
        } else {
            Paragraph::new(lines).render(inner, buf);
        }
    }
}

/// One column of bindings, in cells: its widest, and the least a second column needs.
const ONE_COLUMN: u16 = 90;
const NARROW_COLUMN: u16 = 64;
