//! The mail pane's part of the store: folders, the open folder's messages, the reader, the
//! list cursors, the filter and the threaded order; `ops` holds the organising state (marks,
//! views, the picker), `live` what the pane does by the clock (marking read, refreshing).
pub mod live;
pub mod ops;
pub mod threads;

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
    /// Every link target of the body, as the body's footnotes number them (`[1]` first).
    pub links: Vec<String>,
    /// A text attachment shown in place of the message (Esc returns to the message).
    pub viewing: Option<AttachmentText>,
    pub width: usize,
    pub scroll: usize,
}

/// A text attachment's contents, wrapped for the reader's width like a plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentText {
    pub name: String,
    /// As fetched, sanitised.
    pub text: String,
    pub lines: Vec<String>,
    pub scroll: usize,
}

impl ReaderDoc {
    pub fn line_count(&self) -> usize {
        if let Some(viewing) = &self.viewing {
            return viewing.lines.len();
        }
        let attachments = if self.attachments.is_empty() { 0 } else { self.attachments.len() + 2 };
        self.headers.len() + 1 + self.body.len() + attachments
    }

    /// The scroll position of what is shown (the attachment or the message).
    pub fn scroll_mut(&mut self) -> &mut usize {
        match &mut self.viewing {
            Some(viewing) => &mut viewing.scroll,
            None => &mut self.scroll,
        }
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
    pub settings: live::MailSettings,
    /// The message in the reader, waiting to be marked read.
    pub read_mark: Option<live::ReadMark>,
    pub refresh: live::Refresh,
    /// `G` was pressed: pages are loaded until the end, the cursor following, each the largest
    /// the service gives rather than a screen's worth.
    pub walking_to_end: bool,
    /// The list in conversation threads (display position → loaded index and depth); `None`:
    /// newest first, as loaded.
    pub threads: Option<Vec<threads::ThreadRow>>,
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

    /// The loaded index of the message at visible row `row`. The filter's matches are
    /// positions in the unfiltered order, which the threads may rearrange.
    pub fn visible_index(&self, row: usize) -> Option<usize> {
        let position = match &self.filter.matches {
            Some(matches) => *matches.get(row)?,
            None => row,
        };
        match &self.threads {
            Some(order) => order.get(position).map(|r| r.index),
            None => Some(position),
        }
    }

    /// The message at visible row `row`.
    pub fn visible_message(&self, row: usize) -> Option<&MessageSummary> {
        self.messages.ready()?.items.get(self.visible_index(row)?)
    }

    /// How deep in its thread the row is drawn (0 unless the list is threaded).
    pub fn visible_depth(&self, row: usize) -> usize {
        let position = match &self.filter.matches {
            Some(matches) => matches.get(row).copied(),
            None => Some(row),
        };
        match (&self.threads, position) {
            (Some(order), Some(position)) => order.get(position).map_or(0, |r| r.depth),
            _ => 0,
        }
    }

    /// The visible row showing the message `id`.
    pub fn row_of(&self, id: &str) -> Option<usize> {
        (0..self.visible_len()).find(|&row| self.visible_message(row).is_some_and(|m| m.id == id))
    }

    /// The selected row's message.
    pub fn selected_message(&self) -> Option<&MessageSummary> {
        self.visible_message(self.message_cursor.selected)
    }

    /// The folder with this id in the tree.
    pub fn folder_row(&self, id: &str) -> Option<&FolderRow> {
        self.folders.ready()?.iter().find(|row| row.folder.id == id)
    }

    /// Whether a list shows whom `message` is to rather than who sent it: it lies in Drafts,
    /// Sent Items or the Outbox (the list's folder when the message does not say).
    pub fn shows_recipients(&self, message: &MessageSummary) -> bool {
        let folder = message.folder_id.as_deref().or(self.open_folder.as_deref());
        folder.and_then(|id| self.folder_row(id)).and_then(|row| row.folder.well_known).is_some_and(|w| w.is_outgoing())
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
