//! What the worker answers compose: start-up findings, candidates, the service's reply or
//! forward draft, the editor's text, checked files, progress while sending, and how a send,
//! save or discard ended.
use std::path::PathBuf;

use super::Outcome;
use crate::domain::Body;
use crate::tui::store::compose::draft::{Leftover, ResumedHtml};
use crate::tui::store::compose::header::Fields;
use crate::tui::store::compose::{AttachmentRef, Candidate, ComposeEnv};

/// A draft the service made (reply, forward) or one resumed from Drafts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub server_draft_id: String,
    pub fields: Fields,
    pub quoted: Option<Body>,
    pub quote_lines: Vec<String>,
    /// A resumed HTML draft: its HTML, and the text its body is edited as.
    pub resumed_html: Option<ResumedHtml>,
    pub attachments: Vec<AttachmentRef>,
}

/// Where the files of a message being sent stand, for the progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendProgress {
    /// The file going now.
    pub file: String,
    pub file_done: u64,
    pub file_size: u64,
    /// Bytes of all the message's files the service has, and their sum.
    pub done: u64,
    pub total: u64,
}

/// Why a send or save did not go through, and what the service has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub reason: String,
    pub maybe_sent: bool,
    /// The server draft holding the text now (made by a failed `sendMail`, say).
    pub server_draft_id: Option<String>,
    /// The local files were uploaded to that draft: do not upload them again.
    pub attachments_uploaded: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ComposeMsg {
    Ready {
        env: Box<ComposeEnv>,
        leftovers: Vec<Leftover>,
    },
    Candidates(Outcome<Vec<Candidate>>),
    Prepared(Outcome<Box<Prepared>>),
    /// The external editor is done (the loop runs it, not the worker); the text of the file,
    /// or why there is none.
    Edited(Result<String, String>),
    Attachment(Outcome<AttachmentRef>),
    /// An image checked for inline use (its content id is given by `update`).
    InlineImage(Outcome<AttachmentRef>),
    LocalSaved(Outcome<PathBuf>),
    Progress(SendProgress),
    Sent(Result<(), Box<Failure>>),
    DraftSaved(Result<String, Box<Failure>>),
    Discarded(Outcome<()>),
    /// A sharing link made for the drive file `name` (its URL), to go into the body.
    DriveFileLinked {
        name: String,
        result: Outcome<String>,
    },
    /// An attachment taken off the server draft (its name), or why it stays.
    AttachmentRemoved {
        name: String,
        result: Outcome<()>,
    },
}
