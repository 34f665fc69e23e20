//! Mail folders and messages (graph-facts §3.1, §3.2, §4.2, §4.3).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attachment::Attachment;
use super::common::{DateTimeTimeZone, Importance, ItemBody, Recipient, Removed};
use super::lenient;

/// `mailFolder` (and `mailSearchFolder`, told apart by `@odata.type`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MailFolder {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(deserialize_with = "lenient::null_default", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_folder_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_folder_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unread_item_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_item_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_hidden: Option<bool>,
    /// Present with `$expand=childFolders`.
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub child_folders: Vec<MailFolder>,
    #[serde(rename = "@removed", skip_serializing_if = "Option::is_none")]
    pub removed: Option<Removed>,
}

open_enum! {
    /// `followupFlag.flagStatus`.
    FlagStatus { NotFlagged = "notFlagged", Complete = "complete", Flagged = "flagged" }
}

open_enum! {
    /// `inferenceClassification` (Focused Inbox).
    InferenceClassification {
        Focused = "focused",
        /// The "Other" tab of Focused Inbox.
        OtherInbox = "other",
    }
}

/// `followupFlag {flagStatus, startDateTime, dueDateTime, completedDateTime}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FollowupFlag {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag_status: Option<FlagStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<DateTimeTimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date_time: Option<DateTimeTimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_date_time: Option<DateTimeTimeZone>,
}

/// `internetMessageHeader {name, value}` (`$select=internetMessageHeaders`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InternetMessageHeader {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `message`: every property of §3.2/§4.2; all optional because `$select` trims them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Message {
    /// `#microsoft.graph.eventMessage` (and its kinds `eventMessageRequest`,
    /// `eventMessageResponse`) for a meeting's mail; absent or `#microsoft.graph.message` else.
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(rename = "@odata.etag", skip_serializing_if = "Option::is_none")]
    pub odata_etag: Option<String>,
    #[serde(deserialize_with = "lenient::null_default", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_key: Option<String>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub received_date_time: Option<DateTime<Utc>>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub sent_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_attachments: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internet_message_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_preview: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importance: Option<Importance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_folder_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_index: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_delivery_receipt_requested: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_read_receipt_requested: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_read: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_draft: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inference_classification: Option<InferenceClassification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<ItemBody>,
    /// Only with `$select=uniqueBody`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_body: Option<ItemBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<Recipient>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Recipient>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub to_recipients: Vec<Recipient>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub cc_recipients: Vec<Recipient>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub bcc_recipients: Vec<Recipient>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub reply_to: Vec<Recipient>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<FollowupFlag>,
    /// Only with `$select=internetMessageHeaders`.
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub internet_message_headers: Vec<InternetMessageHeader>,
    /// Only with `$expand=attachments`.
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Set on delta items that were deleted or moved out (graph-facts §2.8).
    /// An eventMessage's kind: `meetingRequest`, `meetingCancelled`, `meetingAccepted`,
    /// `meetingTenativelyAccepted` (sic, GD: resources/eventmessage.md), `meetingDeclined`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_message_type: Option<String>,
    /// An eventMessage's event, with `$expand=microsoft.graph.eventMessage/event`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<Box<super::calendar::Event>>,
    #[serde(rename = "@removed", skip_serializing_if = "Option::is_none")]
    pub removed: Option<Removed>,
}

impl Message {
    /// A meeting's mail (an invitation, a cancellation, an answer).
    pub fn is_event_message(&self) -> bool {
        self.odata_type.as_deref().is_some_and(|t| t.starts_with("#microsoft.graph.eventMessage"))
    }
}
