//! Request bodies the client sends. Unset fields are left out; a field typed `Option<Option<T>>`
//! sends `null` for `Some(None)`, which is how a PATCH clears a value. Creating an event, a
//! contact or a draft sends the entity type itself (`Event`, `Contact`, `Message`).
use serde::{Deserialize, Serialize};

use super::common::{DateTimeTimeZone, Importance, ItemBody, Recipient};
use super::drive::{FolderFacet, ItemReference};
use super::mail::{FollowupFlag, InferenceClassification, Message};
use super::todo::TaskStatus;

open_enum! {
    /// `@microsoft.graph.conflictBehavior` for drive writes.
    ConflictBehavior { Fail = "fail", Replace = "replace", Rename = "rename" }
}

/// `POST /me/todo/lists` and `PATCH /me/todo/lists/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTaskList {
    pub display_name: String,
}

/// `POST /me/todo/lists/{id}/tasks`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTask {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<ItemBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importance: Option<Importance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date_time: Option<DateTimeTimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<DateTimeTimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminder_date_time: Option<DateTimeTimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_reminder_on: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    /// Created with the task (todotask-post-linkedresources: "also while creating a task").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linked_resources: Vec<super::LinkedResource>,
}

/// `PATCH /me/todo/lists/{id}/tasks/{id}`: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<ItemBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importance: Option<Importance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    /// `Some(None)` clears the due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date_time: Option<Option<DateTimeTimeZone>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminder_date_time: Option<Option<DateTimeTimeZone>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_date_time: Option<Option<DateTimeTimeZone>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_reminder_on: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
}

/// `POST .../checklistItems`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewChecklistItem {
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_checked: Option<bool>,
}

/// `PATCH .../checklistItems/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItemPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_checked: Option<bool>,
}

/// `POST /me/sendMail`: `saveToSentItems` defaults to true on Graph's side.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendMailRequest {
    pub message: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub save_to_sent_items: Option<bool>,
}

/// `PATCH /me/messages/{id}`. Subject, body and recipients change only while a draft (§3.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagePatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_read: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<FollowupFlag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importance: Option<Importance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inference_classification: Option<InferenceClassification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<ItemBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_recipients: Option<Vec<Recipient>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cc_recipients: Option<Vec<Recipient>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bcc_recipients: Option<Vec<Recipient>>,
}

/// `POST .../move` and `.../copy` for messages and mail folders.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveRequest {
    /// A folder id or a well-known name such as `deleteditems`.
    pub destination_id: String,
}

/// reply / replyAll / forward / createReply / createForward: give `comment` or `message.body`,
/// not both (Graph answers 400); forward needs `to_recipients` here or in `message`, not both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_recipients: Option<Vec<Recipient>>,
}

/// accept / tentativelyAccept / decline / cancel an event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventResponseRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_response: Option<bool>,
}

/// `POST /me/mailFolders` (or `.../childFolders`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewMailFolder {
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_hidden: Option<bool>,
}

/// `POST /me/drive/items/{parent}/children` creating a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewDriveFolder {
    pub name: String,
    pub folder: FolderFacet,
    #[serde(rename = "@microsoft.graph.conflictBehavior", skip_serializing_if = "Option::is_none")]
    pub conflict_behavior: Option<ConflictBehavior>,
}

/// `PATCH /me/drive/items/{id}`: rename and/or move.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveItemPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_reference: Option<ItemReference>,
}

/// `POST /me/drive/items/{id}/copy`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CopyRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_reference: Option<ItemReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The `item` of a drive `createUploadSession` request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadSessionItem {
    #[serde(rename = "@microsoft.graph.conflictBehavior", skip_serializing_if = "Option::is_none")]
    pub conflict_behavior: Option<ConflictBehavior>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `POST .../createUploadSession` for drive items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateUploadSessionRequest {
    pub item: UploadSessionItem,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defer_commit: Option<bool>,
}

/// `AttachmentItem {attachmentType, name, size, contentType, isInline, contentId}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentItem {
    /// `file`.
    pub attachment_type: String,
    pub name: String,
    pub size: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_inline: Option<bool>,
    /// The id an HTML body refers to as `cid:…`, for an inline image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_id: Option<String>,
}

/// `POST .../attachments/createUploadSession` (3–150 MB attachments): the key is PascalCase.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentUploadSessionRequest {
    #[serde(rename = "AttachmentItem")]
    pub attachment_item: AttachmentItem,
}

/// `POST /me/drive/items/{id}/createLink`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateLinkRequest {
    /// `view`, `edit` or `embed`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `anonymous`, `organization` or `users`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_date_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}
