//! The people pane's columns: where people come from (contact folders, people, the directory),
//! the people there, the selected one's card.
use ratatui::layout::Rect;

use super::{Column, Widths, three_columns};

const WIDTHS: Widths = Widths { first: 22, middle_percent: 45, middle_percent_of_two: 50 };

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
    let focus = match focus {
        PeopleFocus::Sources => Column::First,
        PeopleFocus::Entries => Column::Middle,
        PeopleFocus::Card => Column::Last,
    };
    let columns = three_columns(body, focus, WIDTHS);
    PeopleLayout { sources: columns.first, entries: columns.middle, card: columns.last }
}
