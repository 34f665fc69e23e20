//! The keys of a pane's `/` filter (Calendar, Drive, Tasks): typing narrows the list as it
//! goes, Enter keeps the text and gives the keys back to the list, Esc clears it; Esc on a kept
//! filter clears it before it does anything else.
use super::super::action::Action;
use super::super::store::filter::ListFilter;

/// What a key did to the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Typed {
    /// The text changed (or the filter went): the shown rows are different.
    Changed,
    /// Only the typing ended.
    Kept,
}

/// `/`: start typing a new filter text.
pub(super) fn start(filter: &mut ListFilter) {
    filter.text.clear();
    filter.editing = true;
}

/// The action when it is for the filter; `None` leaves it to the pane.
pub(super) fn on_key(filter: &mut ListFilter, action: &Action) -> Option<Typed> {
    if filter.editing {
        return match action {
            Action::TextInput(c) => {
                filter.text.push(*c);
                Some(Typed::Changed)
            }
            Action::TextBackspace => {
                filter.text.pop();
                Some(Typed::Changed)
            }
            Action::TextSubmit => {
                filter.editing = false;
                Some(Typed::Kept)
            }
            Action::Back => {
                *filter = ListFilter::default();
                Some(Typed::Changed)
            }
            _ => None,
        };
    }
    match action {
        Action::Back if !filter.text.is_empty() => {
            *filter = ListFilter::default();
            Some(Typed::Changed)
        }
        _ => None,
    }
}
