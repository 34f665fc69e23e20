//! A seeded message kept small, and drawn as the Graph JSON of graph-facts §4.2 when it is read.
//!
//! A record holds what the mailbox indexes (folder, received time, read state), the subject, and
//! indexes into the roster; everything else (change key, message id host, body text) is drawn
//! again from the record's own seeds, always alike. A 100,000-message mailbox then costs a few
//! hundred bytes a message instead of the ten kilobytes of its JSON.
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Map, Value, json};

use super::super::rng::Rng;
use super::super::shape::{date_time_zone, iso, preview, recipient, weak_etag};
use super::body::{self, Body, BodyPlan, Quoted};
use super::message::{Conversation, Flag, Mail};
use super::roster::{PersonRef, Roster};
use crate::store::mint_id;

/// The body of a record: a plan written on read, or text given whole.
#[derive(Debug)]
pub enum BodySpec {
    Compose { seed: u64, from: PersonRef, to: PersonRef, project: &'static str, quote: Option<QuoteSpec> },
    Given(Box<Body>),
}

#[derive(Debug, Clone, Copy)]
pub struct QuoteSpec {
    from: PersonRef,
    to: PersonRef,
    sent: DateTime<Utc>,
}

#[derive(Debug)]
pub struct SeededMail {
    /// The id's number (`mint_id("msg", n)`).
    pub n: u64,
    pub received: DateTime<Utc>,
    pub sent: DateTime<Utc>,
    pub is_read: bool,
    subject: Box<str>,
    from: PersonRef,
    /// `to` recipients, then `cc` ones (one allocation for both).
    recipients: Box<[PersonRef]>,
    to_count: u8,
    is_draft: bool,
    has_attachments: bool,
    focused: bool,
    importance: &'static str,
    flag: Flag,
    categories: Box<[&'static str]>,
    conversation: Conversation,
    depth: u8,
    /// Seed of the small details (times past receipt, change key, internet message id).
    details: u64,
    body: BodySpec,
}

/// What `details` gives, always drawn in this order; the text is made only when a field that
/// shows it is asked for.
struct Details {
    modified_after: i64,
    change_key: [u8; 22],
    due_days: i64,
    host: (&'static str, usize),
    message_id: ([u8; 10], i64),
    read_receipt: bool,
}

impl Details {
    fn draw(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        // The first draw is the time from sending to receipt, kept in the record (`new`).
        rng.range(1, 40);
        let modified_after = rng.range(1, 300);
        let change_key: [u8; 22] = std::array::from_fn(|_| rng.next_u64() as u8);
        let due_days = rng.range(1, 8);
        let host = (rng.pick(&["MWHPR", "BN8PR", "SN6PR", "DM6PR", "AM0PR"]), rng.below(10_000));
        let id_bytes: [u8; 10] = std::array::from_fn(|_| rng.next_u64() as u8);
        let message_id = (id_bytes, rng.range(1, 23));
        Details { modified_after, change_key, due_days, host, message_id, read_receipt: rng.chance(0.02) }
    }

    /// An Outlook-style change key: base64 of a fixed header and the random bytes.
    fn change_key(&self) -> String {
        let mut raw = vec![0x09, 0x00, 0x00, 0x00, 0x16, 0x00, 0x00, 0x00];
        raw.extend(self.change_key);
        base64::engine::general_purpose::STANDARD.encode(raw)
    }

    fn internet_message_id(&self) -> String {
        let hex: String = self.message_id.0.iter().map(|b| format!("{b:02X}")).collect();
        format!("<{hex}@{}{:04}.namprd{:02}.prod.outlook.com>", self.host.0, self.host.1, self.message_id.1)
    }
}

impl SeededMail {
    /// The record of `mail`, numbered `n`; `details` seeds its small particulars.
    pub fn new(n: u64, mail: Mail, details: u64, roster: &mut Roster) -> Self {
        let received = mail.sent + Duration::seconds(Rng::new(details).range(1, 40));
        let body = match mail.body {
            BodyPlan::Compose { seed, from, to, project, quote } => BodySpec::Compose {
                seed,
                from: roster.intern(from),
                to: roster.intern(to),
                project,
                quote: quote.map(|q| QuoteSpec { from: roster.intern(q.from), to: roster.intern(q.to), sent: q.sent }),
            },
            BodyPlan::Given(body) => BodySpec::Given(Box::new(body)),
        };
        SeededMail {
            n,
            received,
            sent: mail.sent,
            is_read: mail.is_read,
            subject: mail.subject.into_boxed_str(),
            from: roster.intern(mail.from),
            recipients: mail.to.iter().chain(mail.cc.iter()).map(|p| roster.intern(p)).collect(),
            to_count: u8::try_from(mail.to.len()).expect("fewer than 256 recipients"),
            is_draft: mail.is_draft,
            has_attachments: mail.has_attachments,
            focused: mail.focused,
            importance: mail.importance,
            flag: mail.flag,
            categories: mail.categories.into_boxed_slice(),
            conversation: *mail.conversation,
            depth: u8::try_from(mail.depth).unwrap_or(u8::MAX),
            details,
            body,
        }
    }

    pub fn id(&self) -> String {
        mint_id("msg", self.n)
    }

    /// The body, written from its plan (the same words every time).
    pub fn body(&self, roster: &Roster) -> Body {
        match &self.body {
            BodySpec::Given(body) => Body { html: body.html.clone(), text: body.text.clone() },
            BodySpec::Compose { seed, from, to, project, quote } => {
                let sent = quote.map(|q| iso(q.sent)).unwrap_or_default();
                // A reply quotes the thread: its subject without the "RE: " the reply added.
                let subject = self.subject.strip_prefix("RE: ").unwrap_or(&self.subject);
                let quoted =
                    quote.map(|q| Quoted { from: roster.get(q.from), to: roster.get(q.to), sent: &sent, subject });
                body::write(*seed, roster.get(*from), roster.get(*to), project, quoted)
            }
        }
    }

    /// The message as Graph JSON; `body` and `bodyPreview` only `with_body` (writing the body is
    /// most of the cost, and a listing rarely asks for it).
    pub fn render(&self, roster: &Roster, folder: &str, with_body: bool) -> Value {
        self.render_fields(roster, folder, &|_| true, with_body)
    }

    /// The properties `wanted` accepts (by name), as Graph JSON: a listing with `$select` draws
    /// only what it shows.
    pub fn render_fields(
        &self,
        roster: &Roster,
        folder: &str,
        wanted: &dyn Fn(&str) -> bool,
        with_body: bool,
    ) -> Value {
        let d = Details::draw(self.details);
        let id = self.id();
        let modified = if self.is_read || self.flag != Flag::None {
            self.received + Duration::minutes(d.modified_after)
        } else {
            self.received
        };
        let people = |list: &[PersonRef]| list.iter().map(|p| recipient(roster.get(*p))).collect::<Vec<_>>();
        let mut m = Map::new();
        let mut put = |key: &str, value: &dyn Fn() -> Value| {
            if wanted(key) {
                m.insert(key.to_owned(), value());
            }
        };
        let change_key = d.change_key();
        put("@odata.etag", &|| json!(weak_etag(&change_key)));
        put("id", &|| json!(id));
        put("createdDateTime", &|| json!(iso(self.received)));
        put("lastModifiedDateTime", &|| json!(iso(modified)));
        put("changeKey", &|| json!(change_key));
        put("categories", &|| json!(self.categories));
        put("receivedDateTime", &|| json!(iso(self.received)));
        put("sentDateTime", &|| json!(iso(self.sent)));
        put("hasAttachments", &|| json!(self.has_attachments));
        put("internetMessageId", &|| json!(d.internet_message_id()));
        put("subject", &|| json!(self.subject));
        put("importance", &|| json!(self.importance));
        put("parentFolderId", &|| json!(folder));
        put("conversationId", &|| json!(self.conversation.id()));
        put("conversationIndex", &|| json!(self.conversation.index(usize::from(self.depth))));
        put("isDeliveryReceiptRequested", &|| json!(false));
        put("isReadReceiptRequested", &|| json!(d.read_receipt));
        put("isRead", &|| json!(self.is_read));
        put("isDraft", &|| json!(self.is_draft));
        put("webLink", &|| {
            json!(format!("https://outlook.office365.com/owa/?ItemID={id}&exvsurl=1&viewmodel=ReadMessageItem"))
        });
        put("inferenceClassification", &|| json!(if self.focused { "focused" } else { "other" }));
        put("sender", &|| recipient(roster.get(self.from)));
        put("from", &|| recipient(roster.get(self.from)));
        let (to, cc) = self.recipients.split_at(usize::from(self.to_count));
        put("toRecipients", &|| json!(people(to)));
        put("ccRecipients", &|| json!(people(cc)));
        put("bccRecipients", &|| json!([]));
        put("replyTo", &|| json!([]));
        put("flag", &|| self.flag_json(&d, modified));
        if with_body && (wanted("body") || wanted("bodyPreview")) {
            let body = self.body(roster);
            put("bodyPreview", &|| json!(preview(&body.text)));
            put("body", &|| json!({ "contentType": "html", "content": body.html }));
        }
        Value::Object(m)
    }

    fn flag_json(&self, d: &Details, modified: DateTime<Utc>) -> Value {
        match self.flag {
            Flag::None => json!({ "flagStatus": "notFlagged" }),
            Flag::Flagged => {
                let start = self.received.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default();
                json!({
                    "flagStatus": "flagged",
                    "startDateTime": date_time_zone(start, "UTC"),
                    "dueDateTime": date_time_zone(start + Duration::days(d.due_days), "UTC"),
                })
            }
            Flag::Complete => json!({
                "flagStatus": "complete",
                "completedDateTime": date_time_zone(modified.naive_utc(), "UTC"),
            }),
        }
    }
}
