//! What the worker answers the mail pane's organising: progress and per-message outcomes of a
//! change, search and filter lists, files written or opened, folder changes, the master
//! category list.
use std::path::PathBuf;

use super::{Failure, MessagePage, Outcome};
use crate::tui::effect::mail_ops::{MailOpsEffect, PipeJob};
use crate::tui::loadable::Generation;
use crate::tui::store::mail::ops::CategoryRow;

/// What happened to one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemOutcome {
    pub id: String,
    pub new_id: Option<String>,
    /// The service's reason, when it refused.
    pub error: Option<Failure>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MailOpsMsg {
    /// `done` of `total` messages have been answered for.
    Progress {
        op: Generation,
        done: usize,
        total: usize,
    },
    Changed {
        op: Generation,
        result: Outcome<Vec<ItemOutcome>>,
    },
    Listed {
        generation: Generation,
        result: Outcome<MessagePage>,
    },
    /// Files written (attachments, `.eml`).
    Saved {
        result: Outcome<Vec<PathBuf>>,
    },
    /// The folder to save into does not exist: asked about, then `retry` again with `create`.
    FolderMissing {
        folder: PathBuf,
        retry: Box<MailOpsEffect>,
    },
    /// A link handed to the opener.
    LinkOpened {
        result: Outcome<String>,
    },
    /// A text attachment's contents (sanitised), for the reader showing `message_id`.
    AttachmentText {
        message_id: String,
        name: String,
        result: Outcome<String>,
    },
    /// The MIME source fetched for a pipe: the loop runs the command next.
    PipeReady {
        result: Outcome<PipeJob>,
    },
    /// An attachment saved to a private folder and handed to the system opener.
    Opened {
        result: Outcome<PathBuf>,
    },
    /// A folder change answered; a created folder's new id.
    FolderDone {
        op: Generation,
        result: Outcome<Option<String>>,
    },
    Categories {
        generation: Generation,
        result: Outcome<Vec<CategoryRow>>,
    },
}
