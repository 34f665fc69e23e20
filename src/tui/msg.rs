//! Messages the worker sends back: the result of one effect, tagged with its generation.
pub mod cache;
pub mod calendar;
pub mod compose;
pub mod drive;
mod failure;
pub mod mail_ops;
pub mod people;
pub mod settings;
pub mod tasks;

use chrono::{DateTime, Utc};

use super::loadable::Generation;
use super::store::calendar::CalendarPage;
use crate::domain::{AttachmentInfo, DriveItem, Folder, Message, MessageSummary};

/// A folder with its depth in the tree (0 = top level), in display order.
#[derive(Debug, Clone, PartialEq)]
pub struct FolderRow {
    pub folder: Folder,
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MessagePage {
    pub items: Vec<MessageSummary>,
    pub next_link: Option<String>,
}

/// A message with its attachments' metadata, as the reader needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct FullMessage {
    pub message: Message,
    pub attachments: Vec<AttachmentInfo>,
}

/// A drive item with what the details column shows beyond the domain item.
#[derive(Debug, Clone, PartialEq)]
pub struct DriveEntry {
    pub item: DriveItem,
    pub created: Option<DateTime<Utc>>,
    pub created_by: Option<String>,
}

/// A site or a document library, as the Drive pane's Sites place lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceRow {
    /// The site id, or the library's drive id.
    pub id: String,
    /// As the server sent it: sanitise before drawing.
    pub name: String,
    pub kind: PlaceKind,
    pub web_url: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Site,
    Library,
}

pub use failure::{Failure, FailureKind};

/// A result of the worker's: the answer, or a typed failure (`update` decides on its kind; the
/// store shows its text and keeps the retry key).
pub type Outcome<T> = Result<T, Failure>;

/// What the worker answers. `SignedOut` follows a failure caused by another o365 process
/// signing the account out (issue 14), so the status bar ends on what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Folders {
        generation: Generation,
        result: Outcome<Vec<FolderRow>>,
    },
    Messages {
        generation: Generation,
        result: Outcome<MessagePage>,
    },
    MoreMessages {
        generation: Generation,
        result: Outcome<MessagePage>,
    },
    Message {
        generation: Generation,
        result: Outcome<Box<FullMessage>>,
    },
    /// The background refresh's folder tree.
    FoldersRefreshed {
        generation: Generation,
        result: Outcome<Vec<FolderRow>>,
    },
    /// The background refresh's newest page of a folder.
    NewestMessages {
        generation: Generation,
        result: Outcome<MessagePage>,
    },
    /// The calendars and the events of every one of them in the window.
    Agenda {
        generation: Generation,
        result: Outcome<CalendarPage>,
    },
    Calendar(calendar::CalendarMsg),
    DriveChildren {
        generation: Generation,
        result: Outcome<Vec<DriveEntry>>,
    },
    Tasks(tasks::TaskMsg),
    DrivePlaces {
        generation: Generation,
        result: Outcome<Vec<PlaceRow>>,
    },
    MailOps(mail_ops::MailOpsMsg),
    /// The Drive pane's transfers, writes and extra loads.
    Drive(drive::DriveMsg),
    Compose(compose::ComposeMsg),
    PathCompleted(super::store::prompt::PathMatches),
    SignedOut,
    People(people::PeopleMsg),
    Settings(settings::SettingsMsg),
    /// A task made from a message: the list's id and the task's title, or why not.
    MailToTask(Outcome<(String, String)>),
    /// The service throttles: a request waits this long before its retry (issue 14).
    Throttled(std::time::Duration),
    /// The loop could not open the account the user switched to.
    AccountUnavailable {
        name: String,
        reason: String,
    },
    /// A piped command ended (its exit status as text), or could not run.
    Piped(Result<String, String>),
    /// The client's request budget changed (issue 14).
    Requests(RequestLoad),
    /// The local cache: a sync ended, the service was (not) reachable (issue 10).
    Cache(cache::CacheMsg),
}

/// How busy the client's request budget is, for the status bar: requests in flight and
/// waiting for a slot (at most 4 per mailbox), and until when the service paused them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RequestLoad {
    pub in_flight: usize,
    pub waiting: usize,
    pub throttled_until: Option<chrono::DateTime<chrono::Utc>>,
}
