//! The prompt overlay: a small box in the middle of the screen with the question, the text
//! typed so far (or the yes/no keys) and, after a refused answer, the reason.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::sanitize;
use crate::tui::store::prompt::{Prompt, PromptKind};
use crate::tui::theme::Theme;

/// The prompt's widest size, in columns.
const WIDTH: u16 = 70;

pub struct PromptView<'a> {
    pub prompt: &'a Prompt,
    pub theme: &'a Theme,
}

impl Widget for PromptView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (field, keys) = match &self.prompt.kind {
            PromptKind::Text { text } => (
                Line::from(vec![Span::raw(sanitize::line(text)), Span::styled("▏", self.theme.marks)]),
                "Enter accepts · Esc cancels",
            ),
            PromptKind::YesNo => (Line::styled("y yes · n no", self.theme.marks), "Esc cancels"),
        };
        let mut lines = vec![field];
        let width = area.width.min(WIDTH);
        let inner_width = usize::from(width.saturating_sub(2)).max(1);
        let mut height = 4;
        if let Some(error) = &self.prompt.error {
            let error = sanitize::line(error).into_owned();
            // The complaint wraps; count its rows so none is cut off.
            height += error.width().div_ceil(inner_width) as u16;
            lines.push(Line::styled(error, self.theme.error));
        }
        lines.push(Line::styled(keys, self.theme.dim));
        let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
        Clear.render(popup, buf);
        let title = format!(" {} ", sanitize::line(&self.prompt.title));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(title, self.theme.title));
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).render(popup, buf);
    }
}
