//! Types shared across workloads: addresses, bodies, zoned times, identities, paged collections,
//! the Graph error body (graph-facts §2.2, §2.4, §3.2).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lenient;

/// `emailAddress {name, address}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EmailAddress {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// `recipient {emailAddress}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Recipient {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_address: Option<EmailAddress>,
}

impl Recipient {
    /// A recipient with an address and an optional display name.
    pub fn new(address: &str, name: Option<&str>) -> Self {
        Recipient {
            email_address: Some(EmailAddress { name: name.map(str::to_owned), address: Some(address.to_owned()) }),
        }
    }
}

open_enum! {
    /// `itemBody.contentType`: responses say `html`/`text`, requests may say `HTML`/`Text`.
    BodyType { Text = "text", Html = "html" }
}

open_enum! {
    /// `importance` of messages, events and tasks.
    Importance { Low = "low", Normal = "normal", High = "high" }
}

/// `itemBody {contentType, content}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ItemBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<BodyType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

impl ItemBody {
    pub fn text(content: &str) -> Self {
        ItemBody { content_type: Some(BodyType::Text), content: Some(content.to_owned()) }
    }
    pub fn html(content: &str) -> Self {
        ItemBody { content_type: Some(BodyType::Html), content: Some(content.to_owned()) }
    }
}

/// `dateTimeTimeZone {dateTime, timeZone}`: a wall-clock time (`2024-05-06T07:00:00.0000000`)
/// and a zone that may be `UTC`, a Windows name or an IANA name (graph-facts §3.4). Kept as
/// text here; `domain::time_zones` turns it into an instant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DateTimeTimeZone {
    #[serde(deserialize_with = "lenient::null_default")]
    pub date_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

impl DateTimeTimeZone {
    pub fn new(date_time: &str, time_zone: &str) -> Self {
        DateTimeTimeZone { date_time: date_time.to_owned(), time_zone: Some(time_zone.to_owned()) }
    }
}

/// `identity {id, displayName}` (drive identities also carry `email`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Identity {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// `identitySet {user, application, device}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct IdentitySet {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<Identity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<Identity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<Identity>,
}

/// `@removed {reason}` on Outlook delta items (graph-facts §2.8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Removed {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One page of a collection (graph-facts §2.4, §2.8): follow `next_link` whole until absent; the
/// last delta page carries `delta_link`; `count` answers `$count=true` (first page only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct Page<T> {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { value: Vec::new(), next_link: None, delta_link: None, count: None }
    }
}

/// `{"error": {...}}`, the body of every Graph failure (graph-facts §2.2, §4.11).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphErrorBody {
    pub error: GraphErrorDetail,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GraphErrorDetail {
    #[serde(deserialize_with = "lenient::null_default")]
    pub code: String,
    #[serde(deserialize_with = "lenient::null_default")]
    pub message: String,
    /// Emitted as `innerError`; the docs' schema spells `innererror`.
    #[serde(alias = "innererror", skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<InnerError>,
}

/// `innerError`: request ids, a date without zone, and possibly a more specific `code` and a
/// further nested `innerError`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InnerError {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(rename = "request-id", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(rename = "client-request-id", skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(alias = "innererror", skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<Box<InnerError>>,
}

impl GraphErrorDetail {
    /// The top-level code followed by each nested inner code, outermost first.
    pub fn codes(&self) -> Vec<&str> {
        let mut codes = vec![self.code.as_str()];
        let mut inner = self.inner_error.as_ref();
        while let Some(error) = inner {
            if let Some(code) = &error.code {
                codes.push(code);
            }
            inner = error.inner_error.as_deref();
        }
        codes
    }

    /// Whether any code in the chain equals `code`, ignoring case (workloads differ in casing).
    pub fn has_code(&self, code: &str) -> bool {
        self.codes().iter().any(|candidate| candidate.eq_ignore_ascii_case(code))
    }

    /// The `request-id` of the outermost inner error that has one.
    pub fn request_id(&self) -> Option<&str> {
        let mut inner = self.inner_error.as_ref();
        while let Some(error) = inner {
            if let Some(id) = &error.request_id {
                return Some(id);
            }
            inner = error.inner_error.as_deref();
        }
        None
    }

    /// `innerError.date` read as UTC.
    pub fn date(&self) -> Option<DateTime<Utc>> {
        self.inner_error.as_ref()?.date.as_deref().and_then(lenient::parse_instant)
    }
}
