//! The people pane's columns: where people come from (contact folders, people, the directory),
//! the people there, the selected one's card.
use ratatui::layout::{Constraint, Layout, Rect};

use super::{THREE_COLUMNS, TWO_COLUMNS};

const SOURCES_WIDTH: u16 = 22;

/// The column that has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeopleFocus {
    #[default]
    Sources,
    Entries,
    Card,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeopleLayout {
    pub sources: Option<Rect>,
    pub entries: Option<Rect>,
    pub card: Option<Rect>,
}

/// Wide: sources | people | card. Medium: sources | people, or people | card while the card has
/// the focus. Narrow: only the focused column.
pub fn split(body: Rect, focus: PeopleFocus) -> PeopleLayout {
    if body.width >= THREE_COLUMNS {
        let [sources, entries, card] =
            Layout::horizontal([Constraint::Length(SOURCES_WIDTH), Constraint::Percentage(45), Constraint::Min(0)])
                .areas(body);
        return PeopleLayout { sources: Some(sources), entries: Some(entries), card: Some(card) };
    }
    if body.width >= TWO_COLUMNS {
        if focus == PeopleFocus::Card {
            let [entries, card] = Layout::horizontal([Constraint::Percentage(50), Constraint::Min(0)]).areas(body);
            return PeopleLayout { sources: None, entries: Some(entries), card: Some(card) };
        }
        let [sources, entries] =
            Layout::horizontal([Constraint::Length(SOURCES_WIDTH), Constraint::Min(0)]).areas(body);
        return PeopleLayout { sources: Some(sources), entries: Some(entries), card: None };
    }
    match focus {
        PeopleFocus::Sources => PeopleLayout { sources: Some(body), entries: None, card: None },
        PeopleFocus::Entries => PeopleLayout { sources: None, entries: Some(body), card: None },
        PeopleFocus::Card => PeopleLayout { sources: None, entries: None, card: Some(body) },
    }
}
