//! What a local draft file holds (compose's on-disk format: its own field names, never
//! Graph's types), what start-up found left over, and where compose files go. Reading and
//! writing the files is the worker's (worker/compose/drafts.rs).
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::header::Fields;
use o365_graph::dto::ItemBody;

/// What a local draft file holds: enough to reopen the compose exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDraft {
    pub to: String,
    pub cc: String,
    pub bcc: String,
    pub subject: String,
    pub body: String,
    /// `new`, `reply`, `reply-all`, `forward` or `draft`.
    pub kind: String,
    /// The server draft the text goes into (a reply's, a resumed or an already saved one).
    pub server_draft_id: Option<String>,
    /// Whether this compose made that server draft (discarding then deletes it).
    pub created_here: bool,
    /// The service's quoted original, kept below the text when sent.
    pub quoted: Option<ItemBody>,
    /// Files to attach that are not on the server draft yet.
    pub attachments: Vec<PathBuf>,
    /// Images to show inside the body (drafts written before these existed have none).
    #[serde(default)]
    pub inline_images: Vec<InlineImageFile>,
    /// An HTML draft from Drafts being edited as text.
    #[serde(default)]
    pub resumed_html: Option<ResumedHtml>,
}

/// An HTML draft resumed for editing as text: its HTML and the text it was shown as. When the
/// text comes back unchanged the HTML goes back as it was; otherwise the text is the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumedHtml {
    pub html: String,
    pub text: String,
}

/// An inline image of a local draft: the file and the id the body refers to it by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineImageFile {
    pub path: PathBuf,
    pub content_id: String,
}

impl LocalDraft {
    pub fn fields(&self) -> Fields {
        Fields {
            to: self.to.clone(),
            cc: self.cc.clone(),
            bcc: self.bcc.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
        }
    }

    pub fn set_fields(&mut self, fields: &Fields) {
        self.to = fields.to.clone();
        self.cc = fields.cc.clone();
        self.bcc = fields.bcc.clone();
        self.subject = fields.subject.clone();
        self.body = fields.body.clone();
    }
}

/// A leftover draft found at start-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Leftover {
    pub path: PathBuf,
    pub draft: LocalDraft,
}

/// The directories compose files live in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDir {
    /// Shared by every o365 process of this user (0700).
    pub base: PathBuf,
    /// This process's own directory inside `base` (0700).
    pub own: PathBuf,
}

impl DraftDir {
    /// A new file name in this process's directory (`draft-….json`, `edit-….txt`).
    pub fn new_path(&self, prefix: &str, extension: &str) -> PathBuf {
        self.own.join(format!("{prefix}-{}.{extension}", uuid::Uuid::new_v4().simple()))
    }
}
