//! New mail: `sendMail` with the message in the body when every attachment fits inline, else a
//! draft that takes the large attachments through upload sessions and is then sent; drafts
//! saved on their own (graph-facts §3.2, §3.3). A failed send never loses the text: the
//! message is left (or put) in Drafts and the error says where it is.
use std::fmt;

use crate::graph::client::{GraphClient, to_body};
use crate::graph::dto::{BodyType, ItemBody, Message, Recipient, SendMailRequest};
use crate::graph::error::{GraphError, GraphResult};
use crate::graph::request::Request;
use crate::graph::resource::encode_segment;

use super::upload::{OutgoingAttachment, add_attachment, split_inline};

/// A message being written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewMessage {
    pub to: Vec<Recipient>,
    pub cc: Vec<Recipient>,
    pub bcc: Vec<Recipient>,
    pub subject: String,
    pub body: String,
    /// Plain text goes as `text`, never wrapped in HTML.
    pub html: bool,
    pub attachments: Vec<OutgoingAttachment>,
}

impl NewMessage {
    pub fn item_body(&self) -> ItemBody {
        if self.html { ItemBody::html(&self.body) } else { ItemBody::text(&self.body) }
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

/// Why a send did not go through, and where the message is now.
#[derive(Debug)]
pub struct SendFailure {
    pub error: GraphError,
    /// The draft holding the message on the server, when there is one.
    pub draft_id: Option<String>,
    /// Why the message could not be kept as a draft either (the network is down, say).
    pub draft_error: Option<GraphError>,
}

impl SendFailure {
    /// Whether the service may have acted before the answer was lost (a broken connection or
    /// a 500/502/504 after the send went out): look in Sent Items before sending again.
    pub fn maybe_sent(&self) -> bool {
        match &self.error {
            GraphError::Transport(_) => true,
            GraphError::Api(e) => matches!(e.status, 500 | 502 | 504),
            _ => false,
        }
    }

    fn new(error: GraphError, draft_id: Option<String>) -> Self {
        Self { error, draft_id, draft_error: None }
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
/// is in Drafts if the service can still be reached (`SendFailure::draft_id`).
pub async fn send_message(
    client: &GraphClient,
    message: &NewMessage,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), SendFailure> {
    let (inline, later) = split_inline(&message.attachments);
    if later.is_empty() {
        let request = SendMailRequest { message: message.to_message(&inline), save_to_sent_items: Some(true) };
        let sent = match to_body(&request) {
            Ok(body) => client.execute(Request::post(client.resource_path("sendMail")).with_json(body)).await,
            Err(e) => Err(e),
        };
        return match sent {
            Ok(_) => Ok(()),
            Err(error) => Err(keep_as_draft(client, message, error).await),
        };
    }
    let draft = save_draft(client, message, progress).await.map_err(|e| SendFailure::new(e, None))?;
    send_draft(client, &draft.id).await.map_err(|e| SendFailure::new(e, Some(draft.id.clone())))
}

/// After a failed `sendMail`: the message goes to Drafts so its text is on the server too.
async fn keep_as_draft(client: &GraphClient, message: &NewMessage, error: GraphError) -> SendFailure {
    match save_draft(client, message, &mut |_, _| {}).await {
        Ok(draft) => SendFailure::new(error, Some(draft.id)),
        Err(draft_error) => SendFailure { error, draft_id: None, draft_error: Some(draft_error) },
    }
}

/// Saves `message` in Drafts with all its attachments and returns the draft.
pub async fn save_draft(
    client: &GraphClient,
    message: &NewMessage,
    progress: &mut dyn FnMut(u64, u64),
) -> GraphResult<Message> {
    let (inline, later) = split_inline(&message.attachments);
    let body = to_body(&message.to_message(&inline))?;
    let draft: Message = client.json(Request::post(client.resource_path("messages")).with_json(body)).await?;
    for attachment in later {
        add_attachment(client, &draft.id, attachment, progress).await?;
    }
    Ok(draft)
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
    patch: &crate::graph::dto::MessagePatch,
) -> GraphResult<Message> {
    let path = client.resource_path(&format!("messages/{}", encode_segment(draft_id)));
    client.json(Request::patch(path).with_json(to_body(patch)?)).await
}

/// Whether a body is HTML.
pub fn is_html(body: &ItemBody) -> bool {
    body.content_type == Some(BodyType::Html)
}
