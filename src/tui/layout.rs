//! Where each part of the screen goes, as a pure function of the terminal size and the focus.
//! Both `update` (page sizes, wrap width) and the views use it, so they always agree.
use ratatui::layout::{Constraint, Layout, Rect};

use super::store::MailFocus;

/// Three columns from this width on; two from `TWO_COLUMNS`; one below.
pub const THREE_COLUMNS: u16 = 120;
pub const TWO_COLUMNS: u16 = 80;
const FOLDERS_WIDTH: u16 = 26;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailLayout {
    pub folders: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
}

/// The whole screen: a one-line tab bar, the pane, a one-line status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
}

pub fn screen(area: Rect) -> Screen {
    let [tabs, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    Screen { tabs, body, status }
}

/// Wide: folders | list | reader. Medium: folders | list, or list | reader while reading.
/// Narrow: only the focused column.
pub fn mail(body: Rect, focus: MailFocus) -> MailLayout {
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

/// The index of the list row drawn at screen row `row` inside the bordered `area`, whose list
/// of `len` rows is scrolled to `offset`; `None` on a border or below the last row.
pub fn row_at(area: Rect, offset: usize, len: usize, row: u16) -> Option<usize> {
    let inner_top = area.y + 1;
    if row < inner_top || row + 1 >= area.bottom() {
        return None;
    }
    let index = offset + usize::from(row - inner_top);
    (index < len).then_some(index)
}

/// Rows inside a bordered block.
pub fn inner_height(area: Option<Rect>) -> usize {
    area.map_or(1, |a| usize::from(a.height.saturating_sub(2)).max(1))
}

/// Columns inside a bordered block.
pub fn inner_width(area: Option<Rect>) -> usize {
    area.map_or(40, |a| usize::from(a.width.saturating_sub(2)).max(1))
}
