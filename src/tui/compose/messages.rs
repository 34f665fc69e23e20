//! Compose's own actions, effects and messages, carried by one variant each of the shared
//! `Action`, `Effect` and `Msg`.
use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use super::drafts::{Leftover, LocalDraft, ResumedHtml};
use super::header::Fields;
use super::state::{AttachmentRef, Candidate, ComposeEnv, Kind};
use o365_graph::dto::ItemBody;
use o365_graph::mail::upload::UploadProgress;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComposeAction {
    /// Mail pane: write a new message, reply, reply to all, forward, resume a draft.
    Open(Kind),
    /// Reopen the oldest leftover draft from an earlier run.
    Recover,
    /// A key for the built-in editor.
    Key(KeyEvent),
    NextField,
    PrevField,
    /// Leave the editor for the review screen.
    Done,
    Send,
    Retry,
    EditAgain,
    Attach,
    /// Review: ask for an image to show inside the body.
    AttachInline,
    SaveDraft,
    Discard,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComposeEffect {
    /// Look at the environment (editor, draft directory) and for leftover drafts.
    Init,
    /// Contacts and /me/people for address completion.
    LoadCandidates,
    /// The service's reply/forward draft, or a draft from Drafts to resume.
    Prepare {
        kind: Kind,
        message_id: String,
    },
    CheckAttachment {
        path: PathBuf,
    },
    /// A file to show inside the body: it must be a PNG, JPEG or GIF.
    CheckInlineImage {
        path: PathBuf,
    },
    /// Write the local draft file.
    SaveLocal {
        path: PathBuf,
        draft: Box<LocalDraft>,
    },
    /// Write the local draft, then send; the file goes once the service has it.
    Send {
        path: PathBuf,
        draft: Box<LocalDraft>,
        html: bool,
    },
    /// Write the local draft, then save to Drafts; the file goes once the service has it.
    SaveToDrafts {
        path: PathBuf,
        draft: Box<LocalDraft>,
        html: bool,
    },
    /// Remove the local draft and, when this compose made it, the server draft.
    Discard {
        path: Option<PathBuf>,
        server_draft: Option<String>,
    },
}

/// A draft the service made (reply, forward) or one resumed from Drafts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub server_draft_id: String,
    pub fields: Fields,
    pub quoted: Option<ItemBody>,
    pub quote_lines: Vec<String>,
    /// A resumed HTML draft: its HTML, and the text its body is edited as.
    pub resumed_html: Option<ResumedHtml>,
    pub attachments: Vec<AttachmentRef>,
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
    Candidates(Result<Vec<Candidate>, String>),
    Prepared(Result<Box<Prepared>, String>),
    /// The external editor is done; the text of the file, or why there is none.
    Edited(Result<String, String>),
    Attachment(Result<AttachmentRef, String>),
    /// An image checked for inline use (its content id is given by `update`).
    InlineImage(Result<AttachmentRef, String>),
    LocalSaved(Result<PathBuf, String>),
    Progress(UploadProgress),
    Sent(Result<(), Box<Failure>>),
    DraftSaved(Result<String, Box<Failure>>),
    Discarded(Result<(), String>),
}
