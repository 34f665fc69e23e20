//! The compose part of the store: the message being written (fields, the quoted original, the
//! server draft it goes into, attachments), where it is in its life (editor, review, sending,
//! failed) and what start-up found (the editor command, the draft directory, leftovers). Its
//! text forms are beside it: the `$EDITOR` file (`header`, `quote`) and the local draft file's
//! format (`draft`).
pub mod draft;
pub mod header;
pub mod quote;

use std::path::{Path, PathBuf};

use ratatui_textarea::TextArea;

use crate::domain::Body;
use crate::tui::msg::compose::SendProgress;
use crate::tui::store::drive::picker::DrivePicker;
use draft::{DraftDir, InlineImageFile, Leftover, LocalDraft, ResumedHtml};
use header::Fields;

/// What is being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    New,
    Reply,
    ReplyAll,
    Forward,
    /// A draft from the Drafts folder, resumed.
    Draft,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::New => "new",
            Kind::Reply => "reply",
            Kind::ReplyAll => "reply-all",
            Kind::Forward => "forward",
            Kind::Draft => "draft",
        }
    }

    pub fn from_name(name: &str) -> Kind {
        match name {
            "reply" => Kind::Reply,
            "reply-all" => Kind::ReplyAll,
            "forward" => Kind::Forward,
            "draft" => Kind::Draft,
            _ => Kind::New,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Kind::New => "New message",
            Kind::Reply => "Reply",
            Kind::ReplyAll => "Reply to all",
            Kind::Forward => "Forward",
            Kind::Draft => "Draft",
        }
    }
}

/// What a compose prompt's answer is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComposePrompt {
    AttachPath,
    /// The path of an image to show inside the body.
    InlineImagePath,
    Discard,
    /// Quitting with unsent text: save it to Drafts first?
    SaveAndQuit,
    /// Quitting while a send runs or after one failed: quit anyway?
    QuitAnyway,
    /// Which attachment to take off (its number; a yes/no when there is one).
    RemoveAttachment,
}

/// A file to send along.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRef {
    /// The local file; `None` for one already on the server draft.
    pub path: Option<PathBuf>,
    pub name: String,
    pub size: u64,
    /// Its id on the server draft, when it is there (a forward's copy of the original's file,
    /// a resumed draft's file): what taking it off deletes.
    pub server_id: Option<String>,
}

impl AttachmentRef {
    /// An attachment from a local file.
    pub fn local(path: &Path, size: u64) -> AttachmentRef {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "attachment".into());
        AttachmentRef { path: Some(path.to_path_buf()), name, size, server_id: None }
    }
}

/// An image shown inside the body, referred to as `cid:{content_id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineImage {
    pub path: PathBuf,
    pub name: String,
    pub size: u64,
    /// Unique in the message, safe characters only (`logo.png@o365-tui`).
    pub content_id: String,
}

/// Where the compose is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Waiting for the service's reply or forward draft (or the draft being resumed).
    Preparing,
    /// The built-in editor has the keys.
    Editor,
    /// `$EDITOR` runs in the terminal.
    External,
    /// The review screen: send, edit, attach, save, discard.
    Review,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Idle,
    /// A send or save is under way; the text says which.
    Busy(&'static str),
    /// The last send or save failed; the text stays, the reason shows, `r` retries.
    Failed {
        reason: String,
        maybe_sent: bool,
    },
}

/// One address the completion offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub name: String,
    pub address: String,
}

impl Candidate {
    /// As it goes into the field.
    pub fn entry(&self) -> String {
        if self.name.is_empty() || self.name == self.address {
            self.address.clone()
        } else if self.name.contains([',', ';', '"', '<', '>']) {
            format!("\"{}\" <{}>", self.name.replace('"', ""), self.address)
        } else {
            format!("{} <{}>", self.name, self.address)
        }
    }
}

/// One list from contacts and people: first come first, one entry per address.
pub fn merge_candidates(lists: impl IntoIterator<Item = Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for candidate in lists {
        if candidate.address.is_empty() {
            continue;
        }
        if !out.iter().any(|c| c.address.eq_ignore_ascii_case(&candidate.address)) {
            out.push(candidate);
        }
    }
    out
}

/// The built-in editor: one line each for To, Cc, Bcc and Subject, then the body.
#[derive(Debug, Clone)]
pub struct BuiltIn {
    /// To, Cc, Bcc, Subject, Body.
    pub areas: [TextArea<'static>; 5],
    pub focus: usize,
    /// Completions of the address being typed in the focused field.
    pub suggestions: Vec<Candidate>,
    /// The suggestion Enter or Tab takes (arrows move it).
    pub chosen: usize,
}

pub const FIELD_NAMES: [&str; 5] = ["To", "Cc", "Bcc", "Subject", "Body"];
pub const BODY: usize = 4;

impl BuiltIn {
    pub fn new(fields: &Fields) -> BuiltIn {
        let line = |text: &str| TextArea::new(vec![text.to_owned()]);
        let mut body = TextArea::new(fields.body.trim_end_matches('\n').split('\n').map(str::to_owned).collect());
        body.set_cursor_line_style(ratatui::style::Style::default());
        // Go on where the text ends (a resumed draft, an edit after the review).
        body.move_cursor(ratatui_textarea::CursorMove::Bottom);
        body.move_cursor(ratatui_textarea::CursorMove::End);
        let mut areas = [line(&fields.to), line(&fields.cc), line(&fields.bcc), line(&fields.subject), body];
        for area in areas.iter_mut().take(BODY) {
            area.set_cursor_line_style(ratatui::style::Style::default());
            area.move_cursor(ratatui_textarea::CursorMove::End);
        }
        // The first thing left to write: To, else the subject (a message started from a
        // person's card), else the body (a reply).
        let focus = if fields.to.is_empty() {
            0
        } else if fields.subject.is_empty() {
            3
        } else {
            BODY
        };
        BuiltIn { areas, focus, suggestions: Vec::new(), chosen: 0 }
    }

    /// Puts the body's cursor on its first line (a new message: the signature is below it).
    pub fn body_from_top(&mut self) {
        self.areas[BODY].move_cursor(ratatui_textarea::CursorMove::Top);
        self.areas[BODY].move_cursor(ratatui_textarea::CursorMove::Head);
    }

    pub fn fields(&self) -> Fields {
        let one = |i: usize| self.areas[i].lines().join(" ");
        let mut body = self.areas[BODY].lines().join("\n");
        if !body.is_empty() {
            body.push('\n');
        }
        Fields { to: one(0), cc: one(1), bcc: one(2), subject: one(3), body }
    }
}

#[derive(Debug, Clone)]
pub struct Compose {
    pub kind: Kind,
    /// The message replied to or forwarded.
    pub original_id: Option<String>,
    pub fields: Fields,
    /// The service's quoted original (reply, forward), kept below the text when sent.
    pub quoted: Option<Body>,
    /// The quote as text lines, for the editor file and the screen.
    pub quote_lines: Vec<String>,
    /// A draft from Drafts whose HTML body is being edited as text.
    pub resumed_html: Option<ResumedHtml>,
    pub server_draft_id: Option<String>,
    /// This compose made the server draft (discarding deletes it).
    pub created_here: bool,
    pub attachments: Vec<AttachmentRef>,
    /// Images shown in the body (sent with `isInline` and their content id).
    pub inline_images: Vec<InlineImage>,
    pub mode: Mode,
    pub editor: Option<BuiltIn>,
    pub status: Status,
    /// Why the text cannot be sent as it is (a bad address), shown on the review screen.
    pub problem: Option<String>,
    /// The local draft file; set once written.
    pub local_path: Option<PathBuf>,
    /// How far the files are while sending: the file going now and all of them.
    pub progress: Option<SendProgress>,
    /// Quit once the service has the draft being saved (the answer to quitting with it open).
    pub quit_when_saved: bool,
    /// The signature block the body started with: a body that is only that holds no text.
    pub signature_block: Option<String>,
    /// Server-draft files being taken off, with where they were listed (put back on a refusal).
    pub removing: Vec<(usize, AttachmentRef)>,
}

/// The body a new message, reply or forward starts with: the signature under a `-- ` line
/// (RFC 3676's delimiter, which mail readers recognise), two empty lines above it to write in.
pub fn signature_block(signature: &str) -> String {
    format!("\n\n-- \n{}\n", signature.trim_end_matches(['\n', '\r']))
}

impl Compose {
    pub fn new(kind: Kind, original_id: Option<String>) -> Compose {
        Compose {
            kind,
            original_id,
            fields: Fields::default(),
            quoted: None,
            quote_lines: Vec::new(),
            resumed_html: None,
            server_draft_id: None,
            created_here: false,
            attachments: Vec::new(),
            inline_images: Vec::new(),
            mode: Mode::Preparing,
            editor: None,
            status: Status::Idle,
            problem: None,
            local_path: None,
            progress: None,
            quit_when_saved: false,
            signature_block: None,
            removing: Vec::new(),
        }
    }

    /// Whether closing would lose something: a field filled in (in the built-in editor, as
    /// typed so far) or a file.
    pub fn has_text(&self) -> bool {
        let typed = self.editor.as_ref().map(BuiltIn::fields);
        let fields = typed.as_ref().unwrap_or(&self.fields);
        let only_signature = self.signature_block.as_deref().is_some_and(|s| s.trim() == fields.body.trim());
        let body = if only_signature { "" } else { fields.body.as_str() };
        [&fields.to, &fields.cc, &fields.bcc, &fields.subject, body].iter().any(|f| !f.trim().is_empty())
            || !self.attachments.is_empty()
            || !self.inline_images.is_empty()
    }

    /// What the local draft file holds.
    pub fn local_draft(&self) -> LocalDraft {
        let mut draft = LocalDraft {
            kind: self.kind.name().to_owned(),
            server_draft_id: self.server_draft_id.clone(),
            created_here: self.created_here,
            quoted: self.quoted.clone(),
            resumed_html: self.resumed_html.clone(),
            attachments: self.attachments.iter().filter_map(|a| a.path.clone()).collect(),
            inline_images: self
                .inline_images
                .iter()
                .map(|i| InlineImageFile { path: i.path.clone(), content_id: i.content_id.clone() })
                .collect(),
            ..LocalDraft::default()
        };
        draft.set_fields(&self.fields);
        draft
    }

    pub fn total_size(&self) -> u64 {
        self.attachments.iter().map(|a| a.size).sum::<u64>() + self.inline_images.iter().map(|i| i.size).sum::<u64>()
    }

    /// The content ids in use, for a new image's to differ from.
    pub fn content_ids(&self) -> Vec<&str> {
        self.inline_images.iter().map(|i| i.content_id.as_str()).collect()
    }

    pub fn is_busy(&self) -> bool {
        matches!(self.status, Status::Busy(_))
    }
}

/// What start-up found out (the worker looks at the environment and the disk).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComposeEnv {
    /// Where drafts and editor files go; `None` when no private directory could be made.
    pub dirs: Option<DraftDir>,
    /// Why there is no directory.
    pub dir_error: Option<String>,
    /// `$VISUAL` or `$EDITOR`, split into program and arguments; `None`: the built-in editor.
    pub editor: Option<Vec<String>>,
    /// Send bodies as HTML (config `compose.html`); plain text otherwise.
    pub html: bool,
    /// Put under a `-- ` line in new messages, replies and forwards (config `signature`).
    pub signature: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ComposeState {
    pub env: ComposeEnv,
    pub open: Option<Compose>,
    /// Drafts a previous run left on disk, offered for recovery.
    pub leftovers: Vec<Leftover>,
    /// Addresses for completion, loaded once per compose.
    pub candidates: Vec<Candidate>,
    pub candidates_loaded: bool,
    /// The worker's start-up findings (`ComposeMsg::Ready`: the editor, the drafts' folder)
    /// have arrived; until then a message waits to be edited rather than guess the editor.
    pub ready: bool,
    /// A message asked for its editor before `ready`: it opens when the findings arrive.
    pub edit_when_ready: bool,
    /// The picker of a OneDrive file to link in the message (`L` on the review screen), and
    /// then of the kind of link; it takes the keys while open.
    pub drive_picker: Option<DrivePicker>,
}

impl ComposeState {
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The built-in editor has the keys (raw keys go to it).
    pub fn wants_raw_keys(&self) -> bool {
        self.open.as_ref().is_some_and(|c| c.mode == Mode::Editor)
    }
}
