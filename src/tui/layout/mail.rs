//! The mail pane's columns: folders, the message list, the reader.
use ratatui::layout::Rect;

use super::{Column, Widths, three_columns};

const WIDTHS: Widths = Widths { first: 26, middle_percent: 40, middle_percent_of_two: 40 };

/// The column that has the focus (the store keeps it; the layout follows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MailFocus {
    #[default]
    Folders,
    Messages,
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailLayout {
    pub folders: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
}

/// Wide: folders | list | reader. Medium: folders | list, or list | reader while reading.
/// Narrow: only the focused column.
pub fn split(body: Rect, focus: MailFocus) -> MailLayout {
    let focus = match focus {
        MailFocus::Folders => Column::First,
        MailFocus::Messages => Column::Middle,
        MailFocus::Reader => Column::Last,
    };
    let columns = three_columns(body, focus, WIDTHS);
    MailLayout { folders: columns.first, list: columns.middle, reader: columns.last }
}
