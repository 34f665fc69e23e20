//! The drive pane's part of the store: the open folder's path from the root, its children, the
//! cursor, and where the breadcrumb, list and details column go on screen.
use ratatui::layout::{Constraint, Layout, Rect};

use super::super::loadable::Loadable;
use super::super::msg::DriveEntry;
use super::mail::Cursor;

/// The details column sits beside the list from this body width on; below, `i` swaps it in.
pub const DETAILS_BESIDE: u16 = 100;

/// One folder on the way down from the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crumb {
    pub id: String,
    /// As the server sent it: sanitise before drawing.
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct DriveState {
    /// The open folder's ancestors and itself, below the root; empty at the root.
    pub path: Vec<Crumb>,
    pub children: Loadable<Vec<DriveEntry>>,
    pub cursor: Cursor,
    /// The child to select once the listing arrives (the folder just left, going up).
    pub reselect: Option<String>,
    /// Narrow screens: the details replace the list.
    pub details_open: bool,
}

impl DriveState {
    pub fn open_folder_id(&self) -> Option<String> {
        self.path.last().map(|crumb| crumb.id.clone())
    }

    pub fn selected(&self) -> Option<&DriveEntry> {
        self.children.ready()?.get(self.cursor.selected)
    }

    pub fn len(&self) -> usize {
        self.children.ready().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DriveLayout {
    pub crumbs: Rect,
    pub list: Option<Rect>,
    pub details: Option<Rect>,
}

/// Wide: breadcrumb over list | details. Narrow: breadcrumb over the list, or over the details
/// while they are open.
pub fn layout(body: Rect, details_open: bool) -> DriveLayout {
    let [crumbs, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
    if body.width >= DETAILS_BESIDE {
        let [list, details] = Layout::horizontal([Constraint::Percentage(60), Constraint::Min(0)]).areas(rest);
        return DriveLayout { crumbs, list: Some(list), details: Some(details) };
    }
    if details_open {
        DriveLayout { crumbs, list: None, details: Some(rest) }
    } else {
        DriveLayout { crumbs, list: Some(rest), details: None }
    }
}
