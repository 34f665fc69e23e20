//! New mail: drafts (`POST /me/messages`), sending a draft, and `sendMail`, with the checks
//! Exchange makes on message JSON and the delivery it does afterwards (graph-facts §3.2).
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::attachments::build_file_attachment;
use super::folders::resolve;
use super::messages::entity;
use super::{body_preview, json_object, message, owner_recipient, touch};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::store::Tenant;

/// Most recipients a message may have over to, cc and bcc.
const MAX_RECIPIENTS: usize = 500;

fn bad(message: impl Into<String>) -> GraphError {
    GraphError::bad_request(message)
}

fn check_recipient(value: &Value) -> GraphResult<Value> {
    let email = value
        .get("emailAddress")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("A recipient must have an emailAddress."))?;
    let address = email.get("address").cloned().unwrap_or(Value::Null);
    if !(address.is_string() || address.is_null()) {
        return Err(bad("emailAddress.address must be a string."));
    }
    let name = email.get("name").cloned().filter(Value::is_string).unwrap_or_else(|| address.clone());
    Ok(json!({"emailAddress": {"name": name, "address": address}}))
}

/// One message property from a request, checked and normalised (lower-case enum values).
pub fn check_property(name: &str, value: &Value) -> GraphResult<Value> {
    let one_of = |allowed: &[&str]| -> GraphResult<Value> {
        let s =
            value.as_str().map(str::to_ascii_lowercase).filter(|s| allowed.iter().any(|a| a.eq_ignore_ascii_case(s)));
        let s = s.ok_or_else(|| {
            bad(format!("Invalid value for property '{name}'; expected one of {}.", allowed.join(", ")))
        })?;
        Ok(Value::String(allowed.iter().find(|a| a.eq_ignore_ascii_case(&s)).map_or(s, |a| (*a).to_owned())))
    };
    match name {
        "subject" | "internetMessageId" => match value {
            Value::String(_) | Value::Null => Ok(value.clone()),
            _ => Err(bad(format!("'{name}' must be a string."))),
        },
        "body" => {
            let content_type = value.get("contentType").and_then(Value::as_str).unwrap_or("text");
            let content_type = if content_type.eq_ignore_ascii_case("html") {
                "html"
            } else if content_type.eq_ignore_ascii_case("text") {
                "text"
            } else {
                return Err(bad(format!("Invalid contentType '{content_type}'.")));
            };
            let content = value.get("content").cloned().unwrap_or(Value::String(String::new()));
            if !content.is_string() {
                return Err(bad("body.content must be a string."));
            }
            Ok(json!({"contentType": content_type, "content": content}))
        }
        "from" | "sender" => check_recipient(value),
        "toRecipients" | "ccRecipients" | "bccRecipients" | "replyTo" => {
            let list = value.as_array().ok_or_else(|| bad(format!("'{name}' must be an array of recipients.")))?;
            Ok(Value::Array(list.iter().map(check_recipient).collect::<GraphResult<_>>()?))
        }
        "categories" => match value.as_array() {
            Some(list) if list.iter().all(Value::is_string) => Ok(value.clone()),
            _ => Err(bad("'categories' must be an array of strings.")),
        },
        "flag" => {
            let mut flag = value.as_object().cloned().ok_or_else(|| bad("'flag' must be an object."))?;
            if let Some(status) = flag.get("flagStatus") {
                let status = check_property("flagStatus", status)?;
                flag.insert("flagStatus".into(), status);
            }
            Ok(Value::Object(flag))
        }
        "flagStatus" => one_of(&["notFlagged", "complete", "flagged"]),
        "importance" => one_of(&["low", "normal", "high"]),
        "inferenceClassification" => one_of(&["focused", "other"]),
        "isRead" | "isDeliveryReceiptRequested" | "isReadReceiptRequested" => match value {
            Value::Bool(_) => Ok(value.clone()),
            _ => Err(bad(format!("'{name}' must be a boolean."))),
        },
        "internetMessageHeaders" => {
            let list = value.as_array().ok_or_else(|| bad("'internetMessageHeaders' must be an array."))?;
            for h in list {
                let header_name = h.get("name").and_then(Value::as_str).unwrap_or("");
                if !header_name.to_ascii_lowercase().starts_with("x-") {
                    return Err(bad(format!(
                        "The internet message header name '{header_name}' should start with 'x-' or 'X-'."
                    )));
                }
            }
            Ok(value.clone())
        }
        other => Err(bad(format!("Property '{other}' does not exist on type 'microsoft.graph.message'."))),
    }
}

const SETTABLE: &[&str] = &[
    "subject",
    "body",
    "from",
    "sender",
    "toRecipients",
    "ccRecipients",
    "bccRecipients",
    "replyTo",
    "internetMessageId",
    "categories",
    "flag",
    "importance",
    "inferenceClassification",
    "isRead",
    "isDeliveryReceiptRequested",
    "isReadReceiptRequested",
    "internetMessageHeaders",
];

/// A complete draft message from request JSON, with its file attachments (not yet stored).
pub fn build_message(
    tenant: &mut Tenant,
    input: &Map<String, Value>,
    folder_id: &str,
) -> GraphResult<(Value, Vec<Value>)> {
    let id = tenant.mint_id("msg");
    let now = tenant.clock.now_text();
    let me = owner_recipient(tenant);
    let conversation = tenant.mint_id("conv");
    let mut m = json!({
        "id": id, "createdDateTime": now, "lastModifiedDateTime": now, "categories": [],
        "receivedDateTime": now, "sentDateTime": null, "hasAttachments": false,
        "internetMessageId": format!("<{id}@sim.contoso.onmicrosoft.com>"), "subject": "", "bodyPreview": "",
        "importance": "normal", "parentFolderId": folder_id, "conversationId": conversation,
        "conversationIndex": "AQHanH2v", "isDeliveryReceiptRequested": false, "isReadReceiptRequested": false,
        "isRead": true, "isDraft": true,
        "webLink": format!("https://outlook.office365.com/owa/?ItemID={id}&exvsurl=1&viewmodel=ReadMessageItem"),
        "inferenceClassification": "focused", "body": {"contentType": "text", "content": ""},
        "sender": me.clone(), "from": me, "toRecipients": [], "ccRecipients": [], "bccRecipients": [], "replyTo": [],
        "flag": {"flagStatus": "notFlagged"}
    });
    let mut attachments = Vec::new();
    for (key, value) in input {
        if key.starts_with("@odata.") {
            continue;
        }
        if key == "attachments" {
            let list = value.as_array().ok_or_else(|| bad("'attachments' must be an array."))?;
            for a in list {
                attachments.push(build_file_attachment(tenant, a)?);
            }
            continue;
        }
        let Some(name) = SETTABLE.iter().find(|k| k.eq_ignore_ascii_case(key)) else {
            return Err(bad(format!("Property '{key}' does not exist on type 'microsoft.graph.message'.")));
        };
        m[*name] = check_property(name, value)?;
    }
    m["bodyPreview"] = Value::String(body_preview(&m["body"]));
    m["hasAttachments"] = Value::Bool(attachments.iter().any(|a| a.get("isInline") != Some(&Value::Bool(true))));
    let stamp = tenant.next_id;
    touch(&mut m, stamp, &now);
    Ok((m, attachments))
}

fn store(tenant: &mut Tenant, message: Value, attachments: Vec<Value>) -> String {
    let id = message.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
    tenant.messages.insert(message);
    if !attachments.is_empty() {
        tenant.attachments.insert(id.clone(), attachments);
    }
    id
}

fn create(
    state: &SharedState,
    requested: &RequestedUri,
    headers: &HeaderMap,
    folder: &str,
    body: &Bytes,
) -> GraphResult<Response> {
    let input = json_object(body)?;
    let mut tenant = state.write_tenant();
    let folder_id = resolve(&tenant, folder)?;
    let (m, attachments) = build_message(&mut tenant, &input, &folder_id)?;
    let id = store(&mut tenant, m, attachments);
    entity(state, requested, headers, &tenant, &id, StatusCode::CREATED)
}

pub async fn create_draft(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    body: Bytes,
) -> GraphResult<Response> {
    create(&state, &requested, &headers, "drafts", &body)
}

pub async fn create_in_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path(folder): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    create(&state, &requested, &headers, &folder, &body)
}

fn all_recipients(m: &Value) -> Vec<&Value> {
    ["toRecipients", "ccRecipients", "bccRecipients"]
        .iter()
        .filter_map(|k| m.get(*k).and_then(Value::as_array))
        .flatten()
        .collect()
}

/// Exchange's checks before sending: at least one recipient, each with an address, at most 500.
fn check_sendable(m: &Value) -> GraphResult<()> {
    let recipients = all_recipients(m);
    let invalid =
        || GraphError::new(StatusCode::BAD_REQUEST, "ErrorInvalidRecipients", "At least one recipient is not valid.");
    if recipients.is_empty() {
        return Err(invalid());
    }
    if recipients.len() > MAX_RECIPIENTS {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorTooManyRecipients",
            "The message has too many recipients.",
        ));
    }
    for r in recipients {
        let address = r.pointer("/emailAddress/address").and_then(Value::as_str).unwrap_or("");
        if !address.contains('@') || address.starts_with('@') || address.ends_with('@') {
            return Err(invalid());
        }
    }
    Ok(())
}

/// Sends `m` (already out of the store): a copy to Sent Items when `save`, and one in the
/// Inbox when the owner is among the recipients.
pub fn deliver(tenant: &mut Tenant, mut m: Value, attachments: Vec<Value>, save: bool) -> GraphResult<()> {
    check_sendable(&m)?;
    let now = tenant.clock.now_text();
    let me = owner_recipient(tenant);
    m["isDraft"] = Value::Bool(false);
    m["isRead"] = Value::Bool(true);
    m["sentDateTime"] = Value::String(now.clone());
    m["receivedDateTime"] = Value::String(now.clone());
    m["from"] = me.clone();
    m["sender"] = me.clone();
    let owner_address = me.pointer("/emailAddress/address").and_then(Value::as_str).unwrap_or("").to_owned();
    let to_owner = all_recipients(&m).iter().any(|r| {
        r.pointer("/emailAddress/address")
            .and_then(Value::as_str)
            .is_some_and(|a| a.eq_ignore_ascii_case(&owner_address))
    });
    if to_owner && let Some(inbox) = tenant.resolve_folder("inbox") {
        let mut copy = m.clone();
        copy["id"] = Value::String(tenant.mint_id("msg"));
        copy["parentFolderId"] = Value::String(inbox);
        copy["isRead"] = Value::Bool(false);
        copy["bccRecipients"] = json!([]);
        store(tenant, copy, attachments.clone());
    }
    if save && let Some(sent) = tenant.resolve_folder("sentitems") {
        m["id"] = Value::String(tenant.mint_id("msg"));
        m["parentFolderId"] = Value::String(sent);
        let stamp = tenant.next_id;
        touch(&mut m, stamp, &now);
        store(tenant, m, attachments);
    }
    Ok(())
}

pub async fn send_draft(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<StatusCode> {
    let mut tenant = state.write_tenant();
    let m = message(&tenant, &id)?;
    if m.get("isDraft") != Some(&Value::Bool(true)) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidOperation",
            "Only draft messages can be sent.",
        ));
    }
    check_sendable(&m)?;
    drop(m);
    let m = tenant.messages.remove(&id).ok_or_else(GraphError::outlook_not_found)?;
    let attachments = tenant.attachments.remove(&id).unwrap_or_default();
    deliver(&mut tenant, m, attachments, true)?;
    Ok(StatusCode::ACCEPTED)
}

pub async fn send_mail(State(state): State<SharedState>, headers: HeaderMap, body: Bytes) -> GraphResult<StatusCode> {
    let is_mime = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("text/plain"));
    let (input, save) = if is_mime {
        (super::mime::parse_base64_mime(&body)?, true)
    } else {
        let body = json_object(&body)?;
        let Some(Value::Object(message)) = body.get("message") else {
            return Err(bad("The 'message' parameter is required and must be an object."));
        };
        let save = match body.get("saveToSentItems") {
            None | Some(Value::Null) => true,
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") => {
                s.eq_ignore_ascii_case("true")
            }
            Some(_) => return Err(bad("'saveToSentItems' must be a boolean.")),
        };
        (message.clone(), save)
    };
    let mut tenant = state.write_tenant();
    let drafts = resolve(&tenant, "drafts")?;
    let (m, attachments) = build_message(&mut tenant, &input, &drafts)?;
    deliver(&mut tenant, m, attachments, save)?;
    Ok(StatusCode::ACCEPTED)
}
