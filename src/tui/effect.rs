//! Effects: the typed work orders `update` hands to the worker. They name what to load; the
//! worker decides how (which Graph calls).
pub mod calendar;
pub mod compose;
pub mod drive;
pub mod mail_ops;
pub mod people;
pub mod settings;
pub mod tasks;

use super::loadable::Generation;

/// What to load. Also the retry key of a failed load and the identity used to coalesce
/// identical loads in flight.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LoadKey {
    Folders,
    /// The first page of a folder's messages, newest first.
    Messages {
        folder_id: String,
    },
    /// The page behind a nextLink of that folder's listing; `to_end` when the user is walking
    /// the folder to its end (then the page is as large as the service allows).
    MoreMessages {
        folder_id: String,
        next_link: String,
        to_end: bool,
    },
    Message {
        id: String,
    },
    /// The background refresh: the folder tree with fresh counts.
    RefreshFolders,
    /// The background refresh: the first (newest) page of a folder, to merge into the list.
    NewestMessages {
        folder_id: String,
    },
    /// The events (recurrences expanded) from `start` to `end`.
    Agenda {
        start: chrono::DateTime<chrono::Utc>,
        end: chrono::DateTime<chrono::Utc>,
    },
    /// A drive folder's children: `drive_id` `None` is the user's own drive, `folder_id` `None`
    /// the drive's root.
    DriveChildren {
        drive_id: Option<String>,
        folder_id: Option<String>,
    },
    /// Items shared with the user (graph-facts §3.5b).
    SharedWithMe,
    /// Followed sites (`None`) or the sites a search finds.
    Sites {
        search: Option<String>,
    },
    /// A site's document libraries.
    SiteDrives {
        site_id: String,
    },
    /// What a search of a drive (`None`: the user's own) finds.
    DriveSearch {
        drive_id: Option<String>,
        query: String,
    },
    /// The files the user used lately.
    DriveRecent,
}

/// Loads that replace one another: a new load in a slot makes the previous one stale, and the
/// worker cancels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Folders,
    MessageList,
    MessagePage,
    Reader,
    Agenda,
    DriveList,
    /// The background refresh's loads, apart from the user's: a refresh never cancels them.
    RefreshFolders,
    RefreshPage,
}

impl LoadKey {
    pub fn slot(&self) -> Slot {
        match self {
            LoadKey::Folders => Slot::Folders,
            LoadKey::Messages { .. } => Slot::MessageList,
            LoadKey::MoreMessages { .. } => Slot::MessagePage,
            LoadKey::Message { .. } => Slot::Reader,
            LoadKey::RefreshFolders => Slot::RefreshFolders,
            LoadKey::NewestMessages { .. } => Slot::RefreshPage,
            LoadKey::Agenda { .. } => Slot::Agenda,
            LoadKey::DriveChildren { .. }
            | LoadKey::SharedWithMe
            | LoadKey::Sites { .. }
            | LoadKey::SiteDrives { .. }
            | LoadKey::DriveSearch { .. }
            | LoadKey::DriveRecent => Slot::DriveList,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Load {
        generation: Generation,
        key: LoadKey,
    },
    /// Nothing waits for this slot any more (e.g. the list was reset): stop its work.
    Cancel(Slot),
    /// The tasks pane's loads and To Do writes.
    Tasks(tasks::TaskEffect),
    /// Event writes, free/busy and meeting times (src/tui/worker/calendar.rs).
    Calendar(calendar::CalendarEffect),
    /// The mail pane's writes and extra lists.
    MailOps(mail_ops::MailOpsEffect),
    /// Writing mail: drafts, sends, completion (src/tui/worker/compose.rs).
    Compose(compose::ComposeEffect),
    /// Complete the local path typed into the prompt (src/tui/worker/paths.rs).
    CompletePath(super::store::prompt::PathQuery),
    /// Hand the terminal to `$EDITOR`; run by the loop, not the worker (src/tui/editor.rs).
    RunEditor(compose::EditorJob),
    /// A task's note in `$EDITOR`; run by the loop like `RunEditor`.
    EditNote(tasks::NoteJob),
    /// Show another account of the config (the loop keeps one store per account).
    SwitchAccount(String),
    /// The people pane's loads and contact writes (src/tui/worker/people.rs).
    People(people::PeopleEffect),
    /// A contact's text in `$EDITOR`; run by the loop like `RunEditor`, answered as `PeopleMsg`.
    EditContact(compose::EditorJob),
    /// Put text on the clipboard through the terminal (OSC 52); run by the loop.
    CopyToClipboard(String),
    /// Bring the local cache up to date by delta sync: the folder tree, the folders it says
    /// changed, and these (src/tui/worker/cached.rs).
    SyncCache {
        folders: Vec<String>,
    },
    /// Search the folder in the local cache's full-text index (the text as typed; never
    /// FTS5 syntax, see `cache::search`); answered as `MailOpsMsg::Listed`, with no request to
    /// the service (src/tui/worker/cached.rs).
    SearchCache {
        generation: Generation,
        folder_id: String,
        text: String,
    },
    /// Tell the desktop that new mail arrived (src/tui/worker/notifier.rs); nothing when it
    /// has no notification service.
    NotifyDesktop(NewMailNotice),
    /// The settings screen's load and save (src/tui/worker/settings.rs).
    Settings(settings::SettingsEffect),
    /// Make a task in the To Do list named `list` from the message `message_id`, linked back
    /// to it (src/tui/worker/people.rs).
    MailToTask {
        list: String,
        message_id: String,
    },
    /// Hand the terminal to a command reading the message; run by the loop (src/tui/editor.rs).
    RunPipe(mail_ops::PipeJob),
    /// The Drive pane's transfers, writes and extra loads (src/tui/worker/drive_ops.rs).
    Drive(drive::DriveEffect),
}

/// New mail in the Inbox, as a desktop notification says it: how many, and the first few by
/// sender and subject (remote text; the notifier sanitises it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMailNotice {
    pub count: usize,
    pub named: Vec<crate::domain::NewMail>,
}
