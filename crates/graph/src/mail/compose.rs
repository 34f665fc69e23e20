//! New mail: `sendMail` with the message in the body when every attachment fits inline, else a
//! draft that takes the large attachments through upload sessions and is then sent; drafts
//! saved on their own (graph-facts §3.2, §3.3). A body the service refuses as too large (413:
//! Graph takes 4 MB per request) is sent again without its files, which then go one by one.
//! A failed send never loses the text: the message is left (or put) in Drafts and the error
//! says where it is. Progress callbacks are `Send`, so a send can run as a task of its own
//! (`tokio::spawn`) and report as it goes.
use std::fmt;

use crate::client::{GraphClient, to_body};
use crate::dto::{BodyType, ItemBody, Message, Recipient, SendMailRequest};
use crate::encode::encode_segment;
use crate::error::{GraphError, GraphResult};
use crate::request::Request;

use super::upload::inline_image::{ImageRef, body_with_images};
use super::upload::{OutgoingAttachment, UploadProgress, add_attachments, is_too_large, split_inline};

/// Graph takes at most 4 MB in one request (the limit behind `INLINE_LIMIT`, graph-facts §3.3;
/// the simulator enforces it). Files can go in parts through upload sessions; the body cannot:
/// the message without its files must fit in one request.
pub const REQUEST_LIMIT: u64 = 4 * 1024 * 1024;

/// A message being written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewMessage {
    pub to: Vec<Recipient>,
    pub cc: Vec<Recipient>,
    pub bcc: Vec<Recipient>,
    pub subject: String,
    pub body: String,
    /// Plain text goes as `text`, never wrapped in HTML, unless it carries inline images.
    pub html: bool,
    /// Inline images among them (`content_id` set) are referred to from the body.
    pub attachments: Vec<OutgoingAttachment>,
}

impl NewMessage {
    /// The body as sent. With inline images it is HTML that refers to each by `cid:` (a text
    /// body is escaped into HTML: a cid reference means nothing in plain text).
    pub fn item_body(&self) -> ItemBody {
        let images = self.inline_images();
        match (images.is_empty(), self.html) {
            (true, true) => ItemBody::html(&self.body),
            (true, false) => ItemBody::text(&self.body),
            (false, html) => ItemBody::html(&body_with_images(&self.body, html, &images)),
        }
    }

    pub fn inline_images(&self) -> Vec<ImageRef<'_>> {
        self.attachments
            .iter()
            .filter_map(|a| a.content_id.as_deref().map(|content_id| ImageRef { content_id, name: &a.name }))
            .collect()
    }

    /// Bytes of the request that carries the message without its files (`sendMail`, the
    /// larger of it and a draft's POST): more than `REQUEST_LIMIT` and no way of sending it
    /// can work. Counted without copying the body when it goes as it is.
    pub fn size_without_attachments(&self) -> u64 {
        let built;
        let body = if self.inline_images().is_empty() {
            &self.body
        } else {
            built = self.item_body().content.unwrap_or_default();
            &built
        };
        let empty = ItemBody { content: Some(String::new()), ..self.item_body_type() };
        let envelope = SendMailRequest {
            message: Message {
                subject: Some(self.subject.clone()),
                body: Some(empty),
                to_recipients: self.to.clone(),
                cc_recipients: self.cc.clone(),
                bcc_recipients: self.bcc.clone(),
                ..Message::default()
            },
            save_to_sent_items: Some(true),
        };
        // The empty body's `""` is in the envelope already.
        (json_size(&envelope) + json_size(body)).saturating_sub(2)
    }

    /// `ItemBody` with the content type `item_body` would give, and no content.
    fn item_body_type(&self) -> ItemBody {
        let html = self.html || !self.inline_images().is_empty();
        ItemBody { content_type: Some(if html { BodyType::Html } else { BodyType::Text }), content: None }
    }

    fn total_size(&self) -> u64 {
        self.attachments.iter().map(OutgoingAttachment::size).sum()
    }

    /// The message JSON with the given attachments inline.
    fn to_message(&self, inline: &[&OutgoingAttachment]) -> Message {
        Message {
            subject: Some(self.subject.clone()),
            body: Some(self.item_body()),
            to_recipients: self.to.clone(),
            cc_recipients: self.cc.clone(),
            bcc_recipients: self.bcc.clone(),
            attachments: inline.iter().map(|a| a.to_file_attachment()).collect(),
            ..Message::default()
        }
    }
}

/// How many bytes `value` takes as JSON, without writing it anywhere.
fn json_size<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len() as u64;
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing to a counter cannot fail, and these types always serialise.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

/// Why a send did not go through, and where the message is now.
#[derive(Debug)]
pub struct SendFailure {
    pub error: GraphError,
    /// The draft holding the message on the server, when there is one.
    pub draft_id: Option<String>,
    /// Why the message could not be kept as a draft either (the network is down, say).
    pub draft_error: Option<GraphError>,
    /// The failure came from the send itself (`sendMail` or `send`), not from a step before it
    /// (making the draft, uploading a file), after which nothing can have gone out.
    pub at_send: bool,
}

impl SendFailure {
    /// Whether the service may have acted before the answer was lost (a broken connection or
    /// a 500/502/504 answering the send itself): look in Sent Items before sending again.
    pub fn maybe_sent(&self) -> bool {
        self.at_send
            && match &self.error {
                GraphError::Transport(_) => true,
                GraphError::Api(e) => matches!(e.status, 500 | 502 | 504),
                _ => false,
            }
    }

    /// A step before the send failed: the message has not gone out.
    pub fn before_send(error: GraphError, draft_id: Option<String>) -> Self {
        Self { error, draft_id, draft_error: None, at_send: false }
    }

    /// The send itself failed (its answer may have been lost after the service acted).
    pub fn at_send(error: GraphError, draft_id: Option<String>) -> Self {
        Self { error, draft_id, draft_error: None, at_send: true }
    }
}

impl fmt::Display for SendFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sending failed: {}", self.error)?;
        if self.maybe_sent() {
            f.write_str(
                " (the answer was lost: the message may have gone out; check Sent Items before sending again)",
            )?;
        }
        match (&self.draft_id, &self.draft_error) {
            (Some(id), _) => write!(f, "; the message is kept in Drafts (id {id})"),
            (None, Some(e)) => write!(f, "; it could not be saved to Drafts either: {e}"),
            (None, None) => Ok(()),
        }
    }
}

impl std::error::Error for SendFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Sends `message`. Attachments that fit inline go with `sendMail`; otherwise a draft is made,
/// the rest attached (large ones by upload session) and the draft sent. On failure the message
/// is in Drafts if the service can still be reached (`SendFailure::draft_id`). `progress`
/// hears (bytes, size) of the file being uploaded.
pub async fn send_message(
    client: &GraphClient,
    message: &NewMessage,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<(), SendFailure> {
    send_message_with_progress(client, message, &mut |p| progress(p.file_done, p.file_size)).await
}

/// `send_message`, telling `report` which file goes and how far all of them are.
pub async fn send_message_with_progress(
    client: &GraphClient,
    message: &NewMessage,
    report: &mut (dyn FnMut(&UploadProgress) + Send),
) -> Result<(), SendFailure> {
    let (inline, later) = split_inline(&message.attachments);
    let mut embed = true;
    if later.is_empty() {
        let request = SendMailRequest { message: message.to_message(&inline), save_to_sent_items: Some(true) };
        let sent = match to_body(&request) {
            Ok(body) => client.execute(Request::post(client.resource_path("sendMail")).with_json(body)).await,
            Err(e) => Err(e),
        };
        match sent {
            Ok(_) => return Ok(()),
            // Nothing was sent: the files go one by one to a draft, which is then sent.
            Err(error) if is_too_large(&error) && !inline.is_empty() => {
                tracing::debug!("sendMail was too large for one request: sending through a draft");
                embed = false;
            }
            Err(error) => return Err(keep_as_draft(client, message, error).await),
        }
    }
    let draft = create_draft(client, message, embed).await.map_err(|e| SendFailure::before_send(e, None))?;
    // The draft holds the text from here on, whatever happens to the files.
    let id = draft.message.id.clone();
    attach_rest(client, &draft, message, report).await.map_err(|e| SendFailure::before_send(e, Some(id.clone())))?;
    send_draft(client, &id).await.map_err(|e| SendFailure::at_send(e, Some(id.clone())))
}

/// After a failed `sendMail`: the message goes to Drafts so its text is on the server too.
async fn keep_as_draft(client: &GraphClient, message: &NewMessage, error: GraphError) -> SendFailure {
    match save_draft(client, message, &mut |_, _| {}).await {
        Ok(draft) => SendFailure::at_send(error, Some(draft.id)),
        Err(draft_error) => SendFailure { draft_error: Some(draft_error), ..SendFailure::at_send(error, None) },
    }
}

/// Saves `message` in Drafts with all its attachments and returns the draft.
pub async fn save_draft(
    client: &GraphClient,
    message: &NewMessage,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> GraphResult<Message> {
    save_draft_with_progress(client, message, &mut |p| progress(p.file_done, p.file_size)).await
}

/// `save_draft`, telling `report` which file goes and how far all of them are.
pub async fn save_draft_with_progress(
    client: &GraphClient,
    message: &NewMessage,
    report: &mut (dyn FnMut(&UploadProgress) + Send),
) -> GraphResult<Message> {
    let draft = create_draft(client, message, true).await?;
    attach_rest(client, &draft, message, report).await?;
    Ok(draft.message)
}

/// A new draft and the files that are not in it yet.
struct NewDraft<'a> {
    message: Message,
    later: Vec<&'a OutgoingAttachment>,
}

/// Creates the draft with the files that fit in its body (`embed`); when the service finds
/// that body too large (413), again without files, so that every file goes on its own.
async fn create_draft<'a>(client: &GraphClient, message: &'a NewMessage, embed: bool) -> GraphResult<NewDraft<'a>> {
    let (inline, later) = split_inline(&message.attachments);
    if !embed {
        let created = post_draft(client, message, &[]).await?;
        return Ok(NewDraft { message: created, later: message.attachments.iter().collect() });
    }
    match post_draft(client, message, &inline).await {
        Ok(created) => Ok(NewDraft { message: created, later }),
        Err(error) if is_too_large(&error) && !inline.is_empty() => {
            tracing::debug!("the draft with its files was too large for one request: attaching them one by one");
            let created = post_draft(client, message, &[]).await?;
            Ok(NewDraft { message: created, later: message.attachments.iter().collect() })
        }
        Err(error) => Err(error),
    }
}

async fn post_draft(client: &GraphClient, message: &NewMessage, files: &[&OutgoingAttachment]) -> GraphResult<Message> {
    let body = to_body(&message.to_message(files))?;
    client.json(Request::post(client.resource_path("messages")).with_json(body)).await
}

/// Adds the files the draft does not have yet; those in its body count as done.
async fn attach_rest(
    client: &GraphClient,
    draft: &NewDraft<'_>,
    message: &NewMessage,
    report: &mut (dyn FnMut(&UploadProgress) + Send),
) -> GraphResult<()> {
    let later_size: u64 = draft.later.iter().map(|a| a.size()).sum();
    let total = message.total_size();
    add_attachments(client, &draft.message.id, &draft.later, total - later_size, total, report).await
}

/// Sends an existing draft (202, no body; graph-facts §3.2).
pub async fn send_draft(client: &GraphClient, draft_id: &str) -> GraphResult<()> {
    let path = client.resource_path(&format!("messages/{}/send", encode_segment(draft_id)));
    client.execute(Request::post(path)).await.map(|_| ())
}

/// Changes a draft's subject, body or recipients (only drafts accept these, §3.2).
pub async fn update_draft(
    client: &GraphClient,
    draft_id: &str,
    patch: &crate::dto::MessagePatch,
) -> GraphResult<Message> {
    let path = client.resource_path(&format!("messages/{}", encode_segment(draft_id)));
    client.json(Request::patch(path).with_json(to_body(patch)?)).await
}

/// Whether a body is HTML.
pub fn is_html(body: &ItemBody) -> bool {
    body.content_type == Some(BodyType::Html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::address::parse_recipient;

    /// Compiles only while sending and saving, progress callbacks and all, can move between
    /// threads: an application spawns them as tasks.
    #[allow(dead_code)]
    fn sends_are_tasks(
        client: &GraphClient,
        message: &NewMessage,
        bytes: &mut (dyn FnMut(u64, u64) + Send),
        files: &mut (dyn FnMut(&UploadProgress) + Send),
    ) {
        fn spawnable<T: Send>(_: T) {}
        spawnable(send_message(client, message, bytes));
        spawnable(send_message_with_progress(client, message, files));
        spawnable(save_draft(client, message, bytes));
        spawnable(save_draft_with_progress(client, message, files));
    }

    /// The size is the `sendMail` request's as it would go without its files, escapes counted.
    #[test]
    fn the_size_without_attachments_is_that_of_the_request() {
        let mut message = NewMessage {
            to: vec![parse_recipient("Bea <bea@fabrikam.example>").unwrap()],
            cc: vec![parse_recipient("carol@fabrikam.example").unwrap()],
            subject: "Nightly \"report\"".into(),
            body: "line one\nline \"two\"\t\u{1}é".into(),
            attachments: vec![OutgoingAttachment::new("a.txt", vec![b'x'; 1000])],
            ..NewMessage::default()
        };
        for html in [false, true] {
            message.html = html;
            let request = SendMailRequest { message: message.to_message(&[]), save_to_sent_items: Some(true) };
            assert_eq!(message.size_without_attachments(), serde_json::to_vec(&request).unwrap().len() as u64);
        }
        message.attachments.push(OutgoingAttachment::inline_image("logo.png", vec![0; 10], "logo.png@x"));
        let request = SendMailRequest { message: message.to_message(&[]), save_to_sent_items: Some(true) };
        assert_eq!(message.size_without_attachments(), serde_json::to_vec(&request).unwrap().len() as u64);
    }
}
