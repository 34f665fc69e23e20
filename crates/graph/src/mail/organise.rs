//! Organising messages, one or many at a time: read/unread, flag/unflag, move, copy, delete
//! (to Deleted Items by a move, or permanently). Every operation goes through JSON `$batch`
//! (20 per call, throttled sub-requests retried; graph-facts §2.7) and reports per message.
use reqwest::Method;
use serde_json::{Value, json};

use crate::batch::{BatchRequest, BatchResponse};
use crate::client::GraphClient;
use crate::dto::FlagStatus;
use crate::encode::encode_segment;
use crate::error::{ApiError, GraphResult};

/// What happened to one message of a bulk operation.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageOutcome {
    /// The id the operation was asked for.
    pub id: String,
    /// Move and copy make a message with a new id (graph-facts §5 item 7).
    pub new_id: Option<String>,
    /// Why the service refused, when it did.
    pub error: Option<ApiError>,
}

impl MessageOutcome {
    pub fn is_ok(&self) -> bool {
        self.error.is_none()
    }
}

/// One change to make to each message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    MarkRead(bool),
    Flag(FlagStatus),
    Categories(Vec<String>),
    /// To a folder id or well-known name.
    Move(String),
    Copy(String),
    /// To Deleted Items (a move, so it can be taken back).
    Delete,
    /// Gone for good (`permanentDelete`, global cloud only; §3.2).
    PermanentDelete,
}

impl Change {
    fn request(&self, client: &GraphClient, id: &str) -> BatchRequest {
        let message = format!("/{}", client.resource_path(&format!("messages/{}", encode_segment(id))));
        let post =
            |action: &str, body: Value| BatchRequest::new(Method::POST, format!("{message}/{action}")).with_json(body);
        match self {
            Change::MarkRead(read) => BatchRequest::new(Method::PATCH, message).with_json(json!({ "isRead": read })),
            Change::Flag(status) => {
                BatchRequest::new(Method::PATCH, message).with_json(json!({ "flag": { "flagStatus": status } }))
            }
            Change::Categories(list) => {
                BatchRequest::new(Method::PATCH, message).with_json(json!({ "categories": list }))
            }
            Change::Move(folder) => post("move", json!({ "destinationId": folder })),
            Change::Copy(folder) => post("copy", json!({ "destinationId": folder })),
            Change::Delete => post("move", json!({ "destinationId": "deleteditems" })),
            Change::PermanentDelete => BatchRequest::new(Method::POST, format!("{message}/permanentDelete")),
        }
    }
}

/// Applies `change` to every message in `ids` in batches of 20; `progress` hears (done, total)
/// after each batch. The result has one outcome per id, in order; only a failure of the batch
/// calls themselves (network, sign-in) is an `Err`.
pub async fn apply(
    client: &GraphClient,
    ids: &[String],
    change: &Change,
    progress: impl FnMut(usize, usize),
) -> GraphResult<Vec<MessageOutcome>> {
    let requests: Vec<BatchRequest> = ids.iter().map(|id| change.request(client, id)).collect();
    let answers = client.batch(&requests, progress).await?;
    Ok(ids.iter().zip(answers).map(|(id, answer)| outcome(id, &answer)).collect())
}

fn outcome(id: &str, answer: &BatchResponse) -> MessageOutcome {
    let new_id = answer.body.as_ref().and_then(|b| b.get("id")).and_then(Value::as_str).map(str::to_owned);
    MessageOutcome { id: id.to_owned(), new_id: new_id.filter(|n| n != id), error: answer.error() }
}

pub async fn mark_read(client: &GraphClient, ids: &[String], read: bool) -> GraphResult<Vec<MessageOutcome>> {
    apply(client, ids, &Change::MarkRead(read), |_, _| {}).await
}

pub async fn set_flag(client: &GraphClient, ids: &[String], flagged: bool) -> GraphResult<Vec<MessageOutcome>> {
    let status = if flagged { FlagStatus::Flagged } else { FlagStatus::NotFlagged };
    apply(client, ids, &Change::Flag(status), |_, _| {}).await
}

/// Moves to `folder_id` (an id or a well-known name; `mail::resolve_folder` finds one by name).
pub async fn move_to(client: &GraphClient, ids: &[String], folder_id: &str) -> GraphResult<Vec<MessageOutcome>> {
    apply(client, ids, &Change::Move(folder_id.to_owned()), |_, _| {}).await
}

pub async fn copy_to(client: &GraphClient, ids: &[String], folder_id: &str) -> GraphResult<Vec<MessageOutcome>> {
    apply(client, ids, &Change::Copy(folder_id.to_owned()), |_, _| {}).await
}

pub async fn delete(client: &GraphClient, ids: &[String], permanent: bool) -> GraphResult<Vec<MessageOutcome>> {
    let change = if permanent { Change::PermanentDelete } else { Change::Delete };
    apply(client, ids, &change, |_, _| {}).await
}
