//! The mail pane's part of the store: folders, the open folder's messages, the reader, the
//! list cursors and the filter; `ops` holds the organising state (marks, views, the picker).
pub mod ops;

use super::super::loadable::{Loadable, Paged};
use super::super::msg::{FolderRow, FullMessage};
use crate::domain::MessageSummary;
pub use crate::tui::layout::mail::MailFocus;

/// A selection in a list and the first visible row. Only rows from `offset` to
/// `offset + height` are ever drawn, so a list of any length costs the same per frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Selects `index` (clamped to the list) and scrolls just enough to show it.
    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = if len == 0 { 0 } else { index.min(len - 1) };
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        // Shrunk list or taller window: do not leave empty rows below the end.
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.select(target, len, height);
    }
}

/// `/` text and the rows of the loaded messages that match it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    /// Typing: keys go into the text.
    pub editing: bool,
    /// Indices into the loaded messages; `None` when no filter is set.
    pub matches: Option<Vec<usize>>,
}

/// The open message, turned into lines for the reader's width when it arrives (and again on a
/// resize), so drawing a frame never renders HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct ReaderDoc {
    pub message: Box<FullMessage>,
    /// (label, value) pairs, sanitised.
    pub headers: Vec<(&'static str, String)>,
    /// The body as wrapped, sanitised lines; links listed as numbered footnotes.
    pub body: Vec<String>,
    /// "name  (size)" lines, sanitised.
    pub attachments: Vec<String>,
    pub width: usize,
    pub scroll: usize,
}

impl ReaderDoc {
    pub fn line_count(&self) -> usize {
        let attachments = if self.attachments.is_empty() { 0 } else { self.attachments.len() + 2 };
        self.headers.len() + 1 + self.body.len() + attachments
    }
}

#[derive(Debug, Clone, Default)]
pub struct MailState {
    pub focus: MailFocus,
    pub folders: Loadable<Vec<FolderRow>>,
    pub folder_cursor: Cursor,
    /// The folder whose messages are listed.
    pub open_folder: Option<String>,
    pub messages: Loadable<Paged<MessageSummary>>,
    pub message_cursor: Cursor,
    pub filter: Filter,
    pub reader: Loadable<ReaderDoc>,
    /// The id of the message in the reader (or being loaded into it).
    pub open_message: Option<String>,
    pub ops: ops::MailOps,
    /// The last move in the list went to its end (`G`): the next pages are the largest the
    /// service gives, not a screen's worth.
    pub walking_to_end: bool,
}

impl MailState {
    /// How many rows the message list shows (the filter's matches, or everything loaded).
    pub fn visible_len(&self) -> usize {
        match (&self.filter.matches, self.messages.ready()) {
            (Some(matches), _) => matches.len(),
            (None, Some(page)) => page.items.len(),
            (None, None) => 0,
        }
    }

    /// The message at visible row `row`.
    pub fn visible_message(&self, row: usize) -> Option<&MessageSummary> {
        let page = self.messages.ready()?;
        let index = match &self.filter.matches {
            Some(matches) => *matches.get(row)?,
            None => row,
        };
        page.items.get(index)
    }

    pub fn selected_folder(&self) -> Option<&FolderRow> {
        self.folders.ready()?.get(self.folder_cursor.selected)
    }

    /// What the list shows: a search, filter or conversation view of the open folder, or the
    /// folder itself (also when a click opened another folder behind the view's back).
    pub fn shown_view(&self) -> &ops::ListView {
        let view = &self.ops.view;
        match view.folder_id() {
            Some(id) if Some(id) == self.open_folder.as_deref() => view,
            _ => &ops::ListView::Folder,
        }
    }

    pub fn open_folder_row(&self) -> Option<&FolderRow> {
        let id = self.open_folder.as_deref()?;
        self.folders.ready()?.iter().find(|row| row.folder.id == id)
    }
}
