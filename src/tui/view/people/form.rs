//! The built-in contact form, over the pane: the contact as `Field: value` lines and the notes
//! after a blank line (the same text `$EDITOR` gets), with its keys and what is wrong, if anything.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::tui::store::people::ContactForm;
use crate::tui::theme::Theme;

pub struct FormView<'a> {
    pub form: &'a ContactForm,
    pub theme: &'a Theme,
}

impl Widget for FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [row] = Layout::vertical([Constraint::Percentage(90)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Max(90)]).flex(Flex::Center).areas(row);
        Clear.render(popup, buf);
        let name = self.form.base.shown_name();
        let title = if self.form.base.id.is_empty() { "New contact".to_owned() } else { format!("Edit {name}") };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(format!(" {} ", crate::sanitize::line(&title)), self.theme.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let [text, problem, keys] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)]).areas(inner);
        self.form.text.render(text, buf);
        if let Some(why) = &self.form.problem {
            Paragraph::new(crate::sanitize::line(why).into_owned()).style(self.theme.error).render(problem, buf);
        }
        Line::styled("Esc or Ctrl-S saves · Ctrl-G closes without saving", self.theme.dim).render(keys, buf);
    }
}
