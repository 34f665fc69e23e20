//! The mail pane's columns: folders, the message list, the reader.
use ratatui::layout::{Constraint, Layout, Rect};

use super::{THREE_COLUMNS, TWO_COLUMNS};

const FOLDERS_WIDTH: u16 = 26;

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
    if body.width >= THREE_COLUMNS {
        let [folders, list, reader] =
            Layout::horizontal([Constraint::Length(FOLDERS_WIDTH), Constraint::Percentage(40), Constraint::Min(0)])
                .areas(body);
        return MailLayout { folders: Some(folders), list: Some(list), reader: Some(reader) };
    }
    if body.width >= TWO_COLUMNS {
        if focus == MailFocus::Reader {
            let [list, reader] = Layout::horizontal([Constraint::Percentage(40), Constraint::Min(0)]).areas(body);
            return MailLayout { folders: None, list: Some(list), reader: Some(reader) };
        }
        let [folders, list] = Layout::horizontal([Constraint::Length(FOLDERS_WIDTH), Constraint::Min(0)]).areas(body);
        return MailLayout { folders: Some(folders), list: Some(list), reader: None };
    }
    match focus {
        MailFocus::Folders => MailLayout { folders: Some(body), list: None, reader: None },
        MailFocus::Messages => MailLayout { folders: None, list: Some(body), reader: None },
        MailFocus::Reader => MailLayout { folders: None, list: None, reader: Some(body) },
    }
}
