//! The event form over the pane: one line per field (`Label  value`, a hint beside an empty
//! one), the focused field marked with the cursor, address suggestions under it while one is
//! typed, what is wrong (if anything) and the form's keys.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::sanitize;
use crate::tui::store::calendar::form::{EventForm, FieldKind};
use crate::tui::theme::Theme;

const LABEL_WIDTH: usize = 13;

pub struct EventFormView<'a> {
    pub form: &'a EventForm,
    pub theme: &'a Theme,
}

impl Widget for EventFormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let form = self.form;
        let wanted = form.fields.len() as u16 + form.suggestions.len() as u16 + 6;
        let [row] = Layout::vertical([Constraint::Length(wanted.min(area.height))]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Max(90)]).flex(Flex::Center).areas(row);
        Clear.render(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(format!(" {} ", form.title()), self.theme.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let [fields, problem, keys] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(2), Constraint::Length(1)]).areas(inner);
        let mut lines: Vec<Line> = Vec::new();
        for (index, field) in form.fields.iter().enumerate() {
            let focused = index == form.focus;
            let label_style = if focused { self.theme.title } else { self.theme.header_label };
            let mut spans = vec![
                Span::styled(if focused { "▸" } else { " " }, self.theme.border_focused),
                Span::styled(format!("{:<LABEL_WIDTH$}", field.label), label_style),
            ];
            let shown = sanitize::line(field.shown()).into_owned();
            match &field.kind {
                FieldKind::Text => spans.push(Span::raw(shown.clone())),
                FieldKind::Toggle | FieldKind::Choice(_) => {
                    let around = if focused { ("‹ ", " ›") } else { ("", "") };
                    spans.push(Span::styled(format!("{}{shown}{}", around.0, around.1), self.theme.marks));
                }
            }
            if focused && field.kind == FieldKind::Text {
                spans.push(Span::styled("▏", self.theme.marks));
            }
            if shown.is_empty() || (focused && field.kind != FieldKind::Text) {
                spans.push(Span::styled(format!("  {}", field.hint), self.theme.dim));
            }
            lines.push(Line::from(spans));
            if focused {
                for (at, candidate) in form.suggestions.iter().enumerate() {
                    let style = if at == form.chosen { self.theme.selected } else { self.theme.dim };
                    let text = format!("{:>w$}{}", "", sanitize::line(&candidate.entry()), w = LABEL_WIDTH + 3);
                    lines.push(Line::styled(text, style));
                }
            }
        }
        // Keep the focused field in view on a short screen.
        let height = usize::from(fields.height);
        let focus_line = form.focus + if form.suggestions.is_empty() { 0 } else { form.suggestions.len() };
        let skip = (focus_line + 1).saturating_sub(height);
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()).render(fields, buf);
        if let Some(why) = &form.problem {
            Paragraph::new(sanitize::line(why).into_owned())
                .style(self.theme.error)
                .wrap(Wrap { trim: true })
                .render(problem, buf);
        }
        let hint = "Tab ↑↓ fields · Space choices · Esc or Ctrl-S saves · Ctrl-G cancels";
        Line::styled(hint, self.theme.dim).render(keys, buf);
    }
}
