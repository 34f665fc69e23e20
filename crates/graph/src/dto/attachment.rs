//! Message and event attachments, told apart by `@odata.type` (graph-facts §3.3); unknown kinds
//! are kept as [`Attachment::Other`] rather than failing the message.
use chrono::{DateTime, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::lenient;

pub const FILE_ATTACHMENT_TYPE: &str = "#microsoft.graph.fileAttachment";
pub const ITEM_ATTACHMENT_TYPE: &str = "#microsoft.graph.itemAttachment";
pub const REFERENCE_ATTACHMENT_TYPE: &str = "#microsoft.graph.referenceAttachment";

/// The properties every attachment has.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AttachmentBase {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_inline: Option<bool>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
}

/// `fileAttachment`; `content_bytes` is standard base64 as Graph sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FileAttachment {
    #[serde(flatten)]
    pub base: AttachmentBase,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_bytes: Option<String>,
}

/// `itemAttachment` (an attached message, event or contact; the item itself needs `$expand=item`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ItemAttachment {
    #[serde(flatten)]
    pub base: AttachmentBase,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<serde_json::Value>,
}

/// `referenceAttachment` (a link to a file in OneDrive/SharePoint).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReferenceAttachment {
    #[serde(flatten)]
    pub base: AttachmentBase,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

/// An attachment of a kind this build does not know (or without `@odata.type`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OtherAttachment {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(flatten)]
    pub base: AttachmentBase,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Attachment {
    File(FileAttachment),
    Item(ItemAttachment),
    Reference(ReferenceAttachment),
    Other(OtherAttachment),
}

impl Attachment {
    pub fn base(&self) -> &AttachmentBase {
        match self {
            Attachment::File(file) => &file.base,
            Attachment::Item(item) => &item.base,
            Attachment::Reference(reference) => &reference.base,
            Attachment::Other(other) => &other.base,
        }
    }

    /// A new file attachment for a request body; `content_bytes` is standard base64.
    pub fn file(name: &str, content_type: &str, content_bytes: String) -> Self {
        Attachment::File(FileAttachment {
            base: AttachmentBase {
                name: Some(name.to_owned()),
                content_type: Some(content_type.to_owned()),
                ..AttachmentBase::default()
            },
            content_bytes: Some(content_bytes),
            ..FileAttachment::default()
        })
    }
}

impl<'de> Deserialize<'de> for Attachment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let kind = value.get("@odata.type").and_then(serde_json::Value::as_str).unwrap_or_default();
        // Graph writes `#microsoft.graph.fileAttachment`; compare without `#` and case.
        let kind = kind.trim_start_matches('#').to_ascii_lowercase();
        let attachment = match kind.as_str() {
            "microsoft.graph.fileattachment" => {
                Attachment::File(serde_json::from_value(value).map_err(D::Error::custom)?)
            }
            "microsoft.graph.itemattachment" => {
                Attachment::Item(serde_json::from_value(value).map_err(D::Error::custom)?)
            }
            "microsoft.graph.referenceattachment" => {
                Attachment::Reference(serde_json::from_value(value).map_err(D::Error::custom)?)
            }
            _ => Attachment::Other(serde_json::from_value(value).map_err(D::Error::custom)?),
        };
        Ok(attachment)
    }
}

#[derive(Serialize)]
#[serde(tag = "@odata.type")]
enum TaggedAttachment<'a> {
    #[serde(rename = "#microsoft.graph.fileAttachment")]
    File(&'a FileAttachment),
    #[serde(rename = "#microsoft.graph.itemAttachment")]
    Item(&'a ItemAttachment),
    #[serde(rename = "#microsoft.graph.referenceAttachment")]
    Reference(&'a ReferenceAttachment),
}

impl Serialize for Attachment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Attachment::File(file) => TaggedAttachment::File(file).serialize(serializer),
            Attachment::Item(item) => TaggedAttachment::Item(item).serialize(serializer),
            Attachment::Reference(reference) => TaggedAttachment::Reference(reference).serialize(serializer),
            Attachment::Other(other) => other.serialize(serializer),
        }
    }
}
