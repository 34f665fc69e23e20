//! Label–value rows (a person's card, the settings screen): labels in one column, each value
//! sanitised and wrapped beside it, so a long address or message continues under the value and
//! not under the labels.
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::human::text::wrap;
use crate::sanitize;

pub fn labelled_lines(rows: &[(String, String)], width: u16, label_style: Style) -> Vec<Line<'static>> {
    let label_width = rows.iter().map(|(label, _)| label.width()).max().unwrap_or(0);
    let value_width = usize::from(width).saturating_sub(label_width + 2);
    let mut lines = Vec::new();
    for (label, value) in rows {
        let value = sanitize::line(value).into_owned();
        for (index, part) in wrap(&value, value_width).into_iter().enumerate() {
            let label = if index == 0 { label.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{label}{}  ", " ".repeat(label_width - label.width())), label_style),
                Span::raw(part),
            ]));
        }
    }
    lines
}
