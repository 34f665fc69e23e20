//! The prompt overlay: a small box in the middle of the screen with the question, the text
//! typed so far (or the yes/no keys), the choices Tab found for a path and, after a refused
//! answer, the reason.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::sanitize;
use crate::tui::store::prompt::{PathCompletion, Prompt, PromptKind};
use crate::tui::theme::Theme;

/// The prompt's widest size, in columns.
const WIDTH: u16 = 70;
/// Rows of completion choices at most; a crowded folder ends in "… N more".
const CHOICE_ROWS: usize = 4;

pub struct PromptView<'a> {
    pub prompt: &'a Prompt,
    pub theme: &'a Theme,
}

impl Widget for PromptView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (field, keys) = match &self.prompt.kind {
            PromptKind::Text { text } => (
                Line::from(vec![
                    // A secret shows how much was typed, never what.
                    Span::raw(if self.prompt.secret {
                        "•".repeat(text.chars().count()).into()
                    } else {
                        sanitize::line(text)
                    }),
                    Span::styled("▏", self.theme.marks),
                ]),
                if self.prompt.paths.is_some() {
                    "Tab completes · Enter accepts · Esc cancels"
                } else {
                    "Enter accepts · Esc cancels"
                },
            ),
            PromptKind::YesNo => (Line::styled("y yes · n no", self.theme.marks), "Esc cancels"),
            PromptKind::Choice { options } => {
                let words: Vec<String> =
                    options.iter().map(|(key, what)| format!("{key} {}", sanitize::line(what))).collect();
                (Line::styled(words.join(" · "), self.theme.marks), "Esc cancels")
            }
        };
        let mut lines = vec![field];
        let width = area.width.min(WIDTH);
        let inner_width = usize::from(width.saturating_sub(2)).max(1);
        let mut height = 4;
        if let Some(paths) = self.prompt.paths.as_ref().filter(|p| p.answered) {
            for row in choice_rows(paths, inner_width) {
                height += 1;
                lines.push(Line::styled(row, self.theme.dim));
            }
        }
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

/// The names Tab found packed into rows of `row_width`, at most `CHOICE_ROWS` of them (the
/// last then says how many more), or why there are none.
fn choice_rows(paths: &PathCompletion, row_width: usize) -> Vec<String> {
    match paths.found {
        0 => return vec!["Nothing matches".to_owned()],
        1 => return Vec::new(),
        _ => {}
    }
    let names: Vec<String> = paths.choices.iter().map(|name| fit(&sanitize::line(name), row_width)).collect();
    let mut rows: Vec<Vec<&str>> = vec![Vec::new()];
    let width = |row: &[&str]| row.iter().map(|name| name.width()).sum::<usize>() + 2 * row.len().saturating_sub(1);
    let mut shown = 0;
    for name in &names {
        let row = rows.last_mut().unwrap_or_else(|| unreachable!("rows starts with one"));
        if row.is_empty() || width(row) + 2 + name.width() <= row_width {
            row.push(name);
        } else if rows.len() < CHOICE_ROWS {
            rows.push(vec![name]);
        } else {
            break;
        }
        shown += 1;
    }
    let mut lines: Vec<String> = rows.iter().map(|row| row.join("  ")).collect();
    if shown < paths.found {
        // Whole names give way on the last row until the count fits after them.
        let last = rows.len() - 1;
        loop {
            let more = format!("… {} more", paths.found - shown);
            if rows[last].is_empty() || width(&rows[last]) + 2 + more.width() <= row_width {
                lines[last] = rows[last].iter().copied().chain([more.as_str()]).collect::<Vec<_>>().join("  ");
                break;
            }
            rows[last].pop();
            shown -= 1;
        }
    }
    lines
}

/// `name` cut to `width` columns with an ellipsis when longer.
fn fit(name: &str, width: usize) -> String {
    if name.width() <= width {
        return name.to_owned();
    }
    let mut cut = String::new();
    for c in name.chars() {
        if cut.width() + c.to_string().width() + 1 > width {
            break;
        }
        cut.push(c);
    }
    cut + "…"
}
