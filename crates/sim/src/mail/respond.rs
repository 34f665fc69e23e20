//! Replies and forwards: `createReply`/`createReplyAll`/`createForward` (201 draft) and
//! `reply`/`replyAll`/`forward` (202, sent): same conversation, `RE:`/`FW:` subjects, the
//! original quoted under the comment (graph-facts §3.2).
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::compose::{build_message, check_property, deliver};
use super::folders::resolve;
use super::messages::entity;
use super::{json_object, message, owner_recipient};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::store::Tenant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Reply,
    ReplyAll,
    Forward,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn address_of(r: &Value) -> String {
    r.pointer("/emailAddress/address").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase()
}

fn describe(list: &Value) -> String {
    list.as_array()
        .map(|l| {
            l.iter()
                .map(|r| {
                    let name = r.pointer("/emailAddress/name").and_then(Value::as_str).unwrap_or("");
                    format!("{} &lt;{}&gt;", escape(name), escape(&address_of(r)))
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

fn quoted_body(original: &Value, comment: &str) -> Value {
    let original_body = match original.pointer("/body/contentType").and_then(Value::as_str) {
        Some(t) if t.eq_ignore_ascii_case("html") => {
            original.pointer("/body/content").and_then(Value::as_str).unwrap_or("").to_owned()
        }
        _ => format!("<pre>{}</pre>", escape(original.pointer("/body/content").and_then(Value::as_str).unwrap_or(""))),
    };
    let from = original.get("from").map(|f| describe(&json!([f]))).unwrap_or_default();
    let header = format!(
        "<div id=\"divRplyFwdMsg\"><b>From:</b> {from}<br><b>Sent:</b> {}<br><b>To:</b> {}<br><b>Subject:</b> {}</div>",
        escape(original.get("sentDateTime").and_then(Value::as_str).unwrap_or("")),
        describe(original.get("toRecipients").unwrap_or(&Value::Null)),
        escape(original.get("subject").and_then(Value::as_str).unwrap_or("")),
    );
    json!({"contentType": "html", "content": format!("<html><body><div>{comment}</div><hr>{header}<br>{original_body}</body></html>")})
}

fn build(tenant: &mut Tenant, id: &str, kind: Kind, input: &Map<String, Value>) -> GraphResult<(Value, Vec<Value>)> {
    let original = message(tenant, id)?.into_owned();
    let extra = match input.get("message") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(GraphError::bad_request("'message' must be an object.")),
    };
    let comment = match input.get("comment") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(escape(s)),
        Some(_) => return Err(GraphError::bad_request("'comment' must be a string.")),
    };
    if comment.is_some() && extra.contains_key("body") {
        return Err(GraphError::bad_request("Specify either 'comment' or 'message.body', not both."));
    }
    let top_recipients = input.get("toRecipients");
    if kind == Kind::Forward && (top_recipients.is_some() == extra.contains_key("toRecipients")) {
        return Err(GraphError::bad_request(
            "Specify the forward recipients in either 'toRecipients' or 'message.toRecipients'.",
        ));
    }
    let comment = match extra.get("body") {
        Some(body) => {
            let body = check_property("body", body)?;
            let content = body.get("content").and_then(Value::as_str).unwrap_or("");
            if body.get("contentType").and_then(Value::as_str) == Some("html") {
                content.to_owned()
            } else {
                escape(content)
            }
        }
        None => comment.unwrap_or_default(),
    };
    let me = address_of(&owner_recipient(tenant));
    let to = match kind {
        Kind::Forward => {
            check_property("toRecipients", top_recipients.or(extra.get("toRecipients")).unwrap_or(&json!([])))?
        }
        Kind::Reply | Kind::ReplyAll => {
            let reply_to = original.get("replyTo").and_then(Value::as_array).filter(|l| !l.is_empty()).cloned();
            let mut list = reply_to.unwrap_or_else(|| original.get("from").cloned().into_iter().collect());
            if kind == Kind::ReplyAll {
                list.extend(original.get("toRecipients").and_then(Value::as_array).cloned().unwrap_or_default());
            }
            let mut seen = Vec::new();
            list.retain(|r| {
                let a = address_of(r);
                let keep = !seen.contains(&a) && (a != me || kind == Kind::Reply);
                seen.push(a);
                keep
            });
            Value::Array(list)
        }
    };
    let cc = match kind {
        Kind::ReplyAll => {
            let mut cc = original.get("ccRecipients").and_then(Value::as_array).cloned().unwrap_or_default();
            cc.retain(|r| address_of(r) != me);
            Value::Array(cc)
        }
        _ => json!([]),
    };
    let prefix = if kind == Kind::Forward { "FW: " } else { "RE: " };
    let subject = original.get("subject").and_then(Value::as_str).unwrap_or("");
    let subject = if subject.to_ascii_uppercase().starts_with(prefix) {
        subject.to_owned()
    } else {
        format!("{prefix}{subject}")
    };
    let mut draft_input = extra;
    draft_input.remove("body");
    draft_input.insert("subject".into(), Value::String(subject));
    draft_input.insert("toRecipients".into(), to);
    draft_input.entry("ccRecipients").or_insert(cc);
    draft_input.insert("body".into(), quoted_body(&original, &comment));
    let drafts = resolve(tenant, "drafts")?;
    let (mut draft, mut attachments) = build_message(tenant, &draft_input, &drafts)?;
    draft["conversationId"] = original.get("conversationId").cloned().unwrap_or(Value::Null);
    if kind == Kind::Forward {
        for mut a in tenant.attachments.list(id) {
            a["id"] = Value::String(tenant.mint_id("att"));
            attachments.push(a);
        }
        draft["hasAttachments"] =
            Value::Bool(attachments.iter().any(|a| a.get("isInline") != Some(&Value::Bool(true))));
    }
    Ok((draft, attachments))
}

fn create(
    state: &SharedState,
    requested: &RequestedUri,
    headers: &HeaderMap,
    id: &str,
    kind: Kind,
    body: &Bytes,
) -> GraphResult<Response> {
    let input = json_object(body)?;
    let mut tenant = state.write_tenant();
    let (draft, attachments) = build(&mut tenant, id, kind, &input)?;
    let new_id = draft.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
    tenant.messages.insert(draft);
    if !attachments.is_empty() {
        tenant.attachments.insert(new_id.clone(), attachments);
    }
    entity(state, requested, headers, &tenant, &new_id, StatusCode::CREATED)
}

fn send(state: &SharedState, id: &str, kind: Kind, body: &Bytes) -> GraphResult<StatusCode> {
    let input = json_object(body)?;
    let mut tenant = state.write_tenant();
    let (draft, attachments) = build(&mut tenant, id, kind, &input)?;
    deliver(&mut tenant, draft, attachments, true)?;
    Ok(StatusCode::ACCEPTED)
}

pub async fn create_reply(
    State(s): State<SharedState>,
    Extension(r): Extension<RequestedUri>,
    h: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    create(&s, &r, &h, &id, Kind::Reply, &body)
}

pub async fn create_reply_all(
    State(s): State<SharedState>,
    Extension(r): Extension<RequestedUri>,
    h: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    create(&s, &r, &h, &id, Kind::ReplyAll, &body)
}

pub async fn create_forward(
    State(s): State<SharedState>,
    Extension(r): Extension<RequestedUri>,
    h: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    create(&s, &r, &h, &id, Kind::Forward, &body)
}

pub async fn reply(State(s): State<SharedState>, Path(id): Path<String>, body: Bytes) -> GraphResult<StatusCode> {
    send(&s, &id, Kind::Reply, &body)
}

pub async fn reply_all(State(s): State<SharedState>, Path(id): Path<String>, body: Bytes) -> GraphResult<StatusCode> {
    send(&s, &id, Kind::ReplyAll, &body)
}

pub async fn forward(State(s): State<SharedState>, Path(id): Path<String>, body: Bytes) -> GraphResult<StatusCode> {
    send(&s, &id, Kind::Forward, &body)
}
