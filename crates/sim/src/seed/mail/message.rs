//! One Graph message object (graph-facts §4.2) from what the generator decided about it.
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::super::cast::Person;
use super::super::rng::Rng;
use super::super::shape::{date_time_zone, iso, preview, recipient, weak_etag};
use super::body::Body;
use crate::store::Tenant;

/// A thread's shared identity: every message of it carries the same `conversationId`, and a
/// `conversationIndex` that grows by five bytes per reply (the Outlook layout).
#[derive(Debug, Clone)]
pub struct Conversation {
    pub id: String,
    header: Vec<u8>,
}

impl Conversation {
    pub fn new(rng: &mut Rng) -> Self {
        let mut raw = b"AAQk".to_vec();
        raw.extend(rng.bytes(12));
        let id = base64::engine::general_purpose::STANDARD.encode(raw);
        let mut header = vec![0x01];
        header.extend(rng.bytes(21));
        Self { id, header }
    }

    fn index(&self, depth: usize) -> String {
        let mut raw = self.header.clone();
        for d in 0..depth {
            raw.extend([0x00, 0x00, (d as u8).wrapping_mul(37), 0x1c, 0x5e]);
        }
        base64::engine::general_purpose::STANDARD.encode(raw)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    None,
    Flagged,
    Complete,
}

pub struct Mail<'a> {
    pub folder: &'a str,
    pub subject: String,
    pub from: &'a Person,
    pub to: Vec<&'a Person>,
    pub cc: Vec<&'a Person>,
    pub sent: DateTime<Utc>,
    pub is_read: bool,
    pub is_draft: bool,
    pub importance: &'static str,
    pub flag: Flag,
    pub categories: Vec<&'static str>,
    pub conversation: &'a Conversation,
    pub depth: usize,
    pub body: Body,
    pub has_attachments: bool,
    pub focused: bool,
}

/// Builds the message, gives it a fresh id and returns both.
pub fn build(tenant: &mut Tenant, rng: &mut Rng, mail: Mail) -> (String, Value) {
    let id = tenant.mint_id("msg");
    let received = mail.sent + Duration::seconds(rng.range(1, 40));
    let modified = if mail.is_read || mail.flag != Flag::None {
        received + Duration::minutes(rng.range(1, 300))
    } else {
        received
    };
    let change_key = rng.change_key();
    let flag = match mail.flag {
        Flag::None => json!({ "flagStatus": "notFlagged" }),
        Flag::Flagged => {
            let start = received.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default();
            json!({
                "flagStatus": "flagged",
                "startDateTime": date_time_zone(start, "UTC"),
                "dueDateTime": date_time_zone(start + Duration::days(rng.range(1, 8)), "UTC"),
            })
        }
        Flag::Complete => json!({
            "flagStatus": "complete",
            "completedDateTime": date_time_zone(modified.naive_utc(), "UTC"),
        }),
    };
    let host = format!("{}{:04}", rng.pick(&["MWHPR", "BN8PR", "SN6PR", "DM6PR", "AM0PR"]), rng.below(10_000));
    let value = json!({
        "@odata.etag": weak_etag(&change_key),
        "id": id,
        "createdDateTime": iso(received),
        "lastModifiedDateTime": iso(modified),
        "changeKey": change_key,
        "categories": mail.categories,
        "receivedDateTime": iso(received),
        "sentDateTime": iso(mail.sent),
        "hasAttachments": mail.has_attachments,
        "internetMessageId": format!("<{}@{host}.namprd{:02}.prod.outlook.com>", rng.hex(10), rng.range(1, 23)),
        "subject": mail.subject,
        "bodyPreview": preview(&mail.body.text),
        "importance": mail.importance,
        "parentFolderId": mail.folder,
        "conversationId": mail.conversation.id,
        "conversationIndex": mail.conversation.index(mail.depth),
        "isDeliveryReceiptRequested": false,
        "isReadReceiptRequested": rng.chance(0.02),
        "isRead": mail.is_read,
        "isDraft": mail.is_draft,
        "webLink": format!("https://outlook.office365.com/owa/?ItemID={id}&exvsurl=1&viewmodel=ReadMessageItem"),
        "inferenceClassification": if mail.focused { "focused" } else { "other" },
        "body": { "contentType": "html", "content": mail.body.html },
        "sender": recipient(mail.from),
        "from": recipient(mail.from),
        "toRecipients": mail.to.iter().map(|p| recipient(p)).collect::<Vec<_>>(),
        "ccRecipients": mail.cc.iter().map(|p| recipient(p)).collect::<Vec<_>>(),
        "bccRecipients": [],
        "replyTo": [],
        "flag": flag,
    });
    (id, value)
}
