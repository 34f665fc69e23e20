//! The drive pane: the breadcrumb over the list and the details column.
use ratatui::layout::{Constraint, Layout, Rect};

/// The details column sits beside the list from this body width on; below, `i` swaps it in.
pub const DETAILS_BESIDE: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DriveLayout {
    pub crumbs: Rect,
    pub list: Option<Rect>,
    pub details: Option<Rect>,
}

/// Wide: breadcrumb over list | details. Narrow: breadcrumb over the list, or over the details
/// while they are open.
pub fn split(body: Rect, details_open: bool) -> DriveLayout {
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
