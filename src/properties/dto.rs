//! Graph JSON from a hostile or broken service: decoding any JSON as any wire type gives a
//! value or an error, never a panic; and a decoded value serialises again (for `--json`).
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{config, hostile_text};
use o365_graph::dto;

/// Field names Graph uses, so generated objects reach deep into the types, not only their
/// "unknown field" path.
const FIELDS: &[&str] = &[
    "id",
    "subject",
    "from",
    "sender",
    "toRecipients",
    "ccRecipients",
    "emailAddress",
    "address",
    "name",
    "body",
    "contentType",
    "content",
    "bodyPreview",
    "receivedDateTime",
    "sentDateTime",
    "isRead",
    "hasAttachments",
    "importance",
    "flag",
    "flagStatus",
    "categories",
    "start",
    "end",
    "dateTime",
    "timeZone",
    "recurrence",
    "pattern",
    "range",
    "type",
    "interval",
    "daysOfWeek",
    "startDate",
    "endDate",
    "attendees",
    "status",
    "response",
    "location",
    "displayName",
    "size",
    "file",
    "folder",
    "childCount",
    "parentReference",
    "path",
    "driveId",
    "lastModifiedDateTime",
    "@odata.type",
    "@odata.nextLink",
    "@odata.deltaLink",
    "@removed",
    "value",
    "error",
    "code",
    "message",
    "innerError",
    "contentBytes",
    "isInline",
    "title",
    "dueDateTime",
    "checklistItems",
    "isChecked",
    "emailAddresses",
    "businessPhones",
    "mobilePhone",
    "quota",
    "total",
    "used",
    "hashes",
    "sha256Hash",
    "webUrl",
];

fn graph_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        hostile_text(6).prop_map(Value::String),
        proptest::sample::select(vec![
            "2026-03-10T12:00:00Z",
            "2026-03-10T12:00:00.0000000",
            "9999-12-31T23:59:59Z",
            "0000-00-00",
            "html",
            "text",
            "HTML",
            "flagged",
            "high",
            "weekly",
            "absoluteMonthly",
            "#microsoft.graph.fileAttachment",
            "monday",
            "-1",
            "1e400",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![4 => proptest::sample::select(FIELDS).prop_map(str::to_owned), 1 => hostile_text(3)];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((key, inner), 0..6).prop_map(|f| Value::Object(f.into_iter().collect())),
        ]
    })
}

fn decodes_or_refuses<T: DeserializeOwned + serde::Serialize>(value: &Value) -> Result<(), TestCaseError> {
    if let Ok(decoded) = serde_json::from_value::<T>(value.clone()) {
        prop_assert!(serde_json::to_value(&decoded).is_ok());
    }
    // The bytes path too: the client decodes bodies from bytes.
    let _ = serde_json::from_slice::<T>(value.to_string().as_bytes());
    Ok(())
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn any_json_decodes_as_any_wire_type_or_is_refused(value in graph_json()) {
        decodes_or_refuses::<dto::Message>(&value)?;
        decodes_or_refuses::<dto::Event>(&value)?;
        decodes_or_refuses::<dto::DriveItem>(&value)?;
        decodes_or_refuses::<dto::Attachment>(&value)?;
        decodes_or_refuses::<dto::MailFolder>(&value)?;
        decodes_or_refuses::<dto::TodoTask>(&value)?;
        decodes_or_refuses::<dto::Contact>(&value)?;
        decodes_or_refuses::<dto::User>(&value)?;
        decodes_or_refuses::<dto::Site>(&value)?;
        decodes_or_refuses::<dto::Page<dto::Message>>(&value)?;
        decodes_or_refuses::<dto::GraphErrorBody>(&value)?;
    }

    /// A Graph error body of any shape becomes an error for the user, never a panic.
    #[test]
    fn any_error_body_is_explained(value in graph_json(), status in 400u16..600) {
        let api = o365_graph::error::ApiError::from_body(status, value.to_string().as_bytes(), None);
        prop_assert_eq!(api.status, status);
        let _ = api.to_string();
    }
}
