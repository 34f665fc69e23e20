//! Writing mail's work orders: look at the environment, load completion candidates, ask the
//! service for a reply or forward draft, check files, write the local draft, send, save to
//! Drafts, discard. The worker (worker/compose.rs) runs them; `EditorJob` is run by the loop.
use std::path::PathBuf;

use crate::tui::store::compose::Kind;
use crate::tui::store::compose::draft::LocalDraft;

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
    /// Take an attachment off the server draft (a forward's copy of the original's file).
    RemoveAttachment {
        draft_id: String,
        attachment_id: String,
        name: String,
    },
    /// A sharing link to a file of the user's own drive (`createLink`), for the body.
    LinkDriveFile {
        item_id: String,
        name: String,
        edit: bool,
        anyone: bool,
    },
    /// Remove the local draft and, when this compose made it, the server draft.
    Discard {
        path: Option<PathBuf>,
        server_draft: Option<String>,
    },
}

/// One run of the editor on a new file holding `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorJob {
    /// Program and arguments; the file's path is added last.
    pub command: Vec<String>,
    pub path: PathBuf,
    pub text: String,
}
