//! The prompt overlay: a small box in the middle of the screen with the question, the text
//! typed so far (or the yes/no keys) and, after a refused answer, the reason.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::sanitize;
use crate::tui::store::prompt::{Prompt, PromptKind};
use crate::tui::theme::Theme;

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
        if let Some(error) = &self.prompt.error {
            lines.push(Line::styled(sanitize::line(error), self.theme.error));
        }
        lines.push(Line::styled(keys, self.theme.dim));
        let height = lines.len() as u16 + 2;
        let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Max(70)]).flex(Flex::Center).areas(row);
        Clear.render(popup, buf);
        let title = format!(" {} ", sanitize::line(&self.prompt.title));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(title, self.theme.title));
        Paragraph::new(lines).block(block).render(popup, buf);
    }
}
