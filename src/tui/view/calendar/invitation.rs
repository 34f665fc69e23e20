//! A meeting's mail as the mail reader draws it under the headers: the rows the store lays out
//! (src/tui/store/calendar/invitation.rs), each in its style; conflicts marked in red.
use ratatui::text::{Line, Span};

use crate::tui::store::calendar::invitation::InvitationRow;
use crate::tui::theme::Theme;

/// The rows as styled lines.
pub fn lines(rows: Vec<InvitationRow>, theme: &Theme) -> Vec<Line<'static>> {
    let label = |text: &str| Span::styled(format!("{text:<9}"), theme.header_label);
    rows.into_iter()
        .map(|row| match row {
            InvitationRow::Blank => Line::raw(""),
            InvitationRow::Problem(text) => Line::styled(text, theme.error),
            InvitationRow::Dim(text) => Line::styled(text, theme.dim),
            InvitationRow::Heading(text) => Line::styled(text, theme.title),
            InvitationRow::Field { label: name, value, marked: false } => {
                Line::from(vec![label(name), Span::raw(value)])
            }
            InvitationRow::Field { label: name, value, marked: true } => {
                Line::from(vec![label(name), Span::styled(value, theme.marks)])
            }
            InvitationRow::Day(text) => Line::styled(text, theme.header_label),
            InvitationRow::Other { text, conflict } => {
                let mut spans = vec![Span::raw(text)];
                if conflict {
                    spans.push(Span::styled("  ⚠ at the same time", theme.error));
                }
                Line::from(spans)
            }
        })
        .collect()
}
