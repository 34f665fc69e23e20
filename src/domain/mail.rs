//! Mail as the app sees it: folders, message summaries for lists, whole messages for the
//! reader; quick filters over a folder and category edits (`quick_filter`, `category`).
pub mod category;
pub mod quick_filter;

pub use category::CategoryEdit;
pub use quick_filter::QuickFilters;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Body, Importance, Mailbox};
use o365_graph::dto;

/// A mail folder with its counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Folder {
    pub id: String,
    pub name: String,
    pub parent_id: Option<String>,
    pub unread_count: u64,
    pub total_count: u64,
    pub child_folder_count: u64,
    pub is_hidden: bool,
    /// A search folder (`#microsoft.graph.mailSearchFolder`).
    pub is_search_folder: bool,
    /// Which distinguished folder it is, when it is one. Graph v1.0 does not say so in the
    /// folder itself: the id is compared with the well-known names' (graph-facts §3.1).
    pub well_known: Option<WellKnown>,
}

/// The distinguished folders: the service refuses to delete them, so they are never offered
/// for deletion or rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WellKnown {
    Inbox,
    Drafts,
    SentItems,
    DeletedItems,
    Junk,
    Archive,
    Outbox,
}

impl WellKnown {
    pub const ALL: [WellKnown; 7] = [
        WellKnown::Inbox,
        WellKnown::Drafts,
        WellKnown::SentItems,
        WellKnown::DeletedItems,
        WellKnown::Junk,
        WellKnown::Archive,
        WellKnown::Outbox,
    ];

    /// The name Graph takes in place of the folder's id.
    pub fn graph_name(self) -> &'static str {
        match self {
            WellKnown::Inbox => "inbox",
            WellKnown::Drafts => "drafts",
            WellKnown::SentItems => "sentitems",
            WellKnown::DeletedItems => "deleteditems",
            WellKnown::Junk => "junkemail",
            WellKnown::Archive => "archive",
            WellKnown::Outbox => "outbox",
        }
    }

    /// A well-known name as typed (any case, `Sent Items` too).
    pub fn from_graph_name(name: &str) -> Option<WellKnown> {
        let wanted = name.trim().to_ascii_lowercase().replace(' ', "");
        WellKnown::ALL.into_iter().find(|w| w.graph_name() == wanted)
    }

    /// Folders of one's own outgoing mail, where a list shows whom a message is to.
    pub fn is_outgoing(self) -> bool {
        matches!(self, WellKnown::Drafts | WellKnown::SentItems | WellKnown::Outbox)
    }
}

fn count(value: Option<i64>) -> u64 {
    value.and_then(|count| u64::try_from(count).ok()).unwrap_or(0)
}

impl From<&dto::MailFolder> for Folder {
    fn from(value: &dto::MailFolder) -> Self {
        Folder {
            id: value.id.clone(),
            name: value.display_name.clone().unwrap_or_default(),
            parent_id: value.parent_folder_id.clone(),
            unread_count: count(value.unread_item_count),
            total_count: count(value.total_item_count),
            child_folder_count: count(value.child_folder_count),
            is_hidden: value.is_hidden.unwrap_or(false),
            is_search_folder: value
                .odata_type
                .as_deref()
                .is_some_and(|kind| kind.eq_ignore_ascii_case("#microsoft.graph.mailSearchFolder")),
            well_known: None,
        }
    }
}

/// One row of a message list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MessageSummary {
    pub id: String,
    pub subject: String,
    pub from: Option<Mailbox>,
    /// Whom it is to: what a list of one's own outgoing mail shows instead of the sender.
    pub to: Vec<Mailbox>,
    /// When it arrived (show with `time_zones::in_zone`).
    pub received: Option<DateTime<Utc>>,
    pub is_read: bool,
    pub is_flagged: bool,
    pub is_draft: bool,
    pub has_attachments: bool,
    pub importance: Option<Importance>,
    pub preview: String,
    pub conversation_id: Option<String>,
    /// Replies between it and the conversation's first message, from `conversationIndex`
    /// (22 bytes, then 5 per reply: the Outlook layout); 0 when it is missing or unreadable.
    pub conversation_depth: usize,
    pub folder_id: Option<String>,
    /// Category names, as the server sent them: sanitise before drawing.
    pub categories: Vec<String>,
    /// A meeting's mail (an invitation, a cancellation, an answer: Graph's eventMessage).
    pub is_meeting: bool,
}

/// The reply depth a `conversationIndex` encodes (see `MessageSummary::conversation_depth`).
pub fn conversation_depth(index: Option<&str>) -> usize {
    use base64::Engine;
    let Some(bytes) = index.and_then(|i| base64::engine::general_purpose::STANDARD.decode(i.trim()).ok()) else {
        return 0;
    };
    bytes.len().saturating_sub(22) / 5
}

impl From<&dto::Message> for MessageSummary {
    fn from(value: &dto::Message) -> Self {
        MessageSummary {
            id: value.id.clone(),
            subject: value.subject.clone().unwrap_or_default(),
            // A draft has no `from` yet; `sender` is the next best thing.
            from: value.from.as_ref().or(value.sender.as_ref()).and_then(Mailbox::from_recipient),
            to: Mailbox::list(&value.to_recipients),
            received: value.received_date_time,
            is_read: value.is_read.unwrap_or(false),
            is_flagged: value
                .flag
                .as_ref()
                .and_then(|flag| flag.flag_status.as_ref())
                .is_some_and(|status| *status == dto::FlagStatus::Flagged),
            is_draft: value.is_draft.unwrap_or(false),
            has_attachments: value.has_attachments.unwrap_or(false),
            importance: value.importance.clone(),
            preview: value.body_preview.clone().unwrap_or_default(),
            conversation_id: value.conversation_id.clone(),
            conversation_depth: conversation_depth(value.conversation_index.as_deref()),
            folder_id: value.parent_folder_id.clone(),
            categories: value.categories.clone(),
            is_meeting: value.is_event_message(),
        }
    }
}

/// What an attachment is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum AttachmentKind {
    File,
    /// An attached Outlook item (message, event, contact).
    Item,
    /// A link to a cloud file.
    Reference {
        source_url: Option<String>,
    },
    /// A kind this build does not know, with its `@odata.type`.
    Other(String),
}

/// An attachment as listed under a message (contents are fetched separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentInfo {
    pub id: String,
    /// As sent by the server: sanitise before using it as a file name.
    pub name: String,
    pub content_type: Option<String>,
    pub size: u64,
    pub inline: bool,
    pub kind: AttachmentKind,
}

impl From<&dto::Attachment> for AttachmentInfo {
    fn from(value: &dto::Attachment) -> Self {
        let base = value.base();
        let kind = match value {
            dto::Attachment::File(_) => AttachmentKind::File,
            dto::Attachment::Item(_) => AttachmentKind::Item,
            dto::Attachment::Reference(reference) => {
                AttachmentKind::Reference { source_url: reference.source_url.clone() }
            }
            dto::Attachment::Other(other) => AttachmentKind::Other(other.odata_type.clone().unwrap_or_default()),
        };
        AttachmentInfo {
            id: base.id.clone().unwrap_or_default(),
            name: base.name.clone().unwrap_or_default(),
            content_type: base.content_type.clone(),
            size: count(base.size),
            inline: base.is_inline.unwrap_or(false),
            kind,
        }
    }
}

/// A whole message for the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Message {
    pub summary: MessageSummary,
    pub sender: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub bcc: Vec<Mailbox>,
    pub reply_to: Vec<Mailbox>,
    pub sent: Option<DateTime<Utc>>,
    pub body: Body,
    pub attachments: Vec<AttachmentInfo>,
    pub web_link: Option<String>,
    pub categories: Vec<String>,
    pub internet_message_id: Option<String>,
}

impl From<&dto::Message> for Message {
    fn from(value: &dto::Message) -> Self {
        Message {
            summary: MessageSummary::from(value),
            sender: value.sender.as_ref().and_then(Mailbox::from_recipient),
            to: Mailbox::list(&value.to_recipients),
            cc: Mailbox::list(&value.cc_recipients),
            bcc: Mailbox::list(&value.bcc_recipients),
            reply_to: Mailbox::list(&value.reply_to),
            sent: value.sent_date_time,
            body: value.body.as_ref().map(Body::from).unwrap_or_default(),
            attachments: value.attachments.iter().map(AttachmentInfo::from).collect(),
            web_link: value.web_link.clone(),
            categories: value.categories.clone(),
            internet_message_id: value.internet_message_id.clone(),
        }
    }
}
