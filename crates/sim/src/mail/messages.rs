//! Messages: list (per folder or all), get, update, delete, move, copy, permanent delete and
//! the MIME `$value` (graph-facts §3.2), with the list rules of §2.5 (InefficientFilter,
//! `$search` alone, at most 1000 search results).
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::folders::resolve;
use super::listing;
use super::{TEXT_BODY_APPLIED, html_to_text, json_object, message, owner_context, prefers_text_body, touch};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::odata::filter_parse::{parse_filter, property_paths};
use crate::odata::{QueryOptions, project};
use crate::paging::{CutPage, NextPage, PageRules, context_url, page_response, page_window};
use crate::store::{Tenant, public_view};

/// The message as an answer carries it: `$select`, properties only given when selected,
/// and the body as text when the client prefers it.
pub fn message_view(item: &Value, options: &QueryOptions, text_body: bool) -> Value {
    finish_view(project(item, options), item, options, text_body)
}

/// `uniqueBody` and `internetMessageHeaders` come only when selected, made up from the
/// message when the store has none.
fn finish_view(mut view: Value, original: &Value, options: &QueryOptions, text_body: bool) -> Value {
    if let Some(map) = view.as_object_mut() {
        for only_on_request in ["uniqueBody", "internetMessageHeaders"] {
            let asked =
                options.select.as_ref().is_some_and(|s| s.iter().any(|n| n.eq_ignore_ascii_case(only_on_request)));
            if !asked {
                map.remove(only_on_request);
            } else if !map.contains_key(only_on_request) {
                let made_up = match only_on_request {
                    "uniqueBody" => original.get("body").cloned().unwrap_or(Value::Null),
                    _ => super::mime::header_list(original),
                };
                map.insert(only_on_request.to_owned(), made_up);
            }
        }
        if text_body {
            for key in ["body", "uniqueBody"] {
                if let Some(body) = map.get_mut(key)
                    && body.get("contentType").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("html"))
                {
                    let text = html_to_text(body.get("content").and_then(Value::as_str).unwrap_or(""));
                    body["contentType"] = Value::String("text".into());
                    body["content"] = Value::String(text);
                }
            }
        }
    }
    view
}

/// `$expand=attachments` is the one expansion of every message here; an eventMessage also
/// expands its event (`microsoft.graph.eventMessage/event`, handled by `entity`).
fn check_expand(options: &QueryOptions) -> GraphResult<bool> {
    let mut attachments = false;
    for name in &options.expand {
        if name.eq_ignore_ascii_case("attachments") {
            attachments = true;
        } else if name.eq_ignore_ascii_case(crate::calendar::meeting_mail::EXPAND_EVENT) {
            continue;
        } else {
            return Err(GraphError::bad_request(format!(
                "Could not find a property named '{name}' on type 'microsoft.graph.message'."
            )));
        }
    }
    Ok(attachments)
}

fn expand_attachments(view: &mut Value, tenant: &Tenant) {
    let id = view.get("id").and_then(Value::as_str).unwrap_or_default();
    let list: Vec<Value> = tenant.attachments.list(id).iter().map(public_view).collect();
    if let Some(map) = view.as_object_mut() {
        map.insert("attachments".into(), Value::Array(list));
    }
}

/// Properties named in `$orderby` must lead the `$filter`, in the same order (§2.5).
fn check_filter_order(options: &QueryOptions) -> GraphResult<()> {
    let (Some(filter), false) = (&options.filter, options.orderby.is_empty()) else { return Ok(()) };
    let paths = property_paths(&parse_filter(filter)?);
    for (i, (ordered, _)) in options.orderby.iter().enumerate() {
        if !paths.get(i).is_some_and(|p| p.eq_ignore_ascii_case(ordered)) {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                "InefficientFilter",
                "The restriction or sort order is too complex for this operation.",
            ));
        }
    }
    Ok(())
}

fn list(
    state: &SharedState,
    requested: &RequestedUri,
    headers: &HeaderMap,
    folder: Option<&str>,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    if options.search.is_some() && options.filter.is_some() {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "SearchWithFilter",
            "The query parameter '$filter' is not supported with '$search'.",
        ));
    }
    if options.search.is_some() && !options.orderby.is_empty() {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "SearchWithOrderBy",
            "The query parameter '$orderby' is not supported with '$search'.",
        ));
    }
    check_filter_order(&options)?;
    let expand = check_expand(&options)?;
    let (offset, size) = page_window(&options, PageRules::MESSAGES)?;
    let tenant = state.read_tenant();
    let folder_id = folder.map(|f| resolve(&tenant, f)).transpose()?;
    let listed = listing::list(&tenant.messages, folder_id.as_deref(), &options, offset, size, options.count)?;
    let mut context = match &folder {
        Some(f) => format!("{}/mailFolders('{f}')/messages", owner_context(&tenant)),
        None => format!("{}/messages", owner_context(&tenant)),
    };
    if let Some(select) = &options.select {
        context.push_str(&format!("({})", select.join(",")));
    }
    let text = prefers_text_body(headers);
    // A seeded message writes its body only when the answer shows it (or something made from it).
    let with_body = ["body", "bodyPreview", "uniqueBody", "internetMessageHeaders"].iter().any(|p| options.selects(p));
    // Made up from the whole message when asked for; otherwise only the selected properties are drawn.
    let made_up = ["uniqueBody", "internetMessageHeaders"]
        .iter()
        .any(|p| options.select.as_ref().is_some_and(|s| s.iter().any(|n| n.eq_ignore_ascii_case(p))));
    let mut items = Vec::with_capacity(listed.ids.len());
    for id in &listed.ids {
        let mut v = if made_up {
            let Some(original) = tenant.messages.view(id, true) else { continue };
            finish_view(project(&original, &options), &original, &options, text)
        } else {
            let Some(projected) = tenant.messages.selected(id, options.select.as_deref(), with_body) else { continue };
            finish_view(projected, &Value::Null, &options, text)
        };
        if expand {
            expand_attachments(&mut v, &tenant);
        }
        items.push(v);
    }
    let cut = CutPage { items, next: listed.next.map(NextPage::Offset), count: listed.count };
    let body = page_response(state, &requested.0, &options, PageRules::MESSAGES, cut, &context);
    let mut response = body.into_response();
    if text {
        response.headers_mut().insert("Preference-Applied", HeaderValue::from_static(TEXT_BODY_APPLIED));
    }
    Ok(response)
}

pub async fn list_all(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
) -> GraphResult<Response> {
    list(&state, &requested, &headers, None)
}

pub async fn list_in_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    list(&state, &requested, &headers, Some(&folder))
}

/// A message as a single-entity answer (`$select` and the text preference applied).
pub fn entity(
    state: &SharedState,
    requested: &RequestedUri,
    headers: &HeaderMap,
    tenant: &Tenant,
    id: &str,
    status: StatusCode,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let expand = check_expand(&options)?;
    let text = prefers_text_body(headers);
    let stored = message(tenant, id)?;
    let mut view = message_view(&stored, &options, text);
    if expand {
        expand_attachments(&mut view, tenant);
    }
    if options.expand.iter().any(|name| name.eq_ignore_ascii_case(crate::calendar::meeting_mail::EXPAND_EVENT)) {
        let zone = crate::calendar::time::OutputZone::from_headers(headers)?;
        crate::calendar::meeting_mail::expand_event(&mut view, &stored, tenant, &zone);
    }
    let context = context_url(state, &requested.0, &format!("{}/messages/$entity", owner_context(tenant)));
    if let Some(map) = view.as_object_mut() {
        map.insert("@odata.context".into(), Value::String(context));
    }
    let mut response = (status, Json(view)).into_response();
    if text {
        response.headers_mut().insert("Preference-Applied", HeaderValue::from_static(TEXT_BODY_APPLIED));
    }
    Ok(response)
}

/// The message id, checked to be in `folder` when the path names one.
pub fn in_folder(tenant: &Tenant, folder: &str, id: &str) -> GraphResult<()> {
    let folder = resolve(tenant, folder)?;
    match message(tenant, id)?.get("parentFolderId").and_then(Value::as_str) {
        Some(p) if p == folder => Ok(()),
        _ => Err(GraphError::outlook_not_found()),
    }
}

pub async fn get_one(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    entity(&state, &requested, &headers, &tenant, &id, StatusCode::OK)
}

pub async fn get_in_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path((folder, id)): Path<(String, String)>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    in_folder(&tenant, &folder, &id)?;
    entity(&state, &requested, &headers, &tenant, &id, StatusCode::OK)
}

/// Settable at any time (§3.2 PATCH semantics).
const ALWAYS: &[&str] = &[
    "categories",
    "flag",
    "importance",
    "inferenceClassification",
    "isRead",
    "isDeliveryReceiptRequested",
    "isReadReceiptRequested",
];
/// Settable only while the message is a draft.
const DRAFT_ONLY: &[&str] = &[
    "subject",
    "body",
    "from",
    "sender",
    "toRecipients",
    "ccRecipients",
    "bccRecipients",
    "replyTo",
    "internetMessageId",
];

/// Applies a PATCH body to a message, checking each property.
pub fn apply_patch(message: &mut Value, patch: &Map<String, Value>) -> GraphResult<()> {
    let is_draft = message.get("isDraft") == Some(&Value::Bool(true));
    for (key, value) in patch {
        if key.starts_with("@odata.") {
            continue;
        }
        let Some(name) = ALWAYS.iter().chain(DRAFT_ONLY).find(|k| k.eq_ignore_ascii_case(key)) else {
            return Err(GraphError::bad_request(format!(
                "Property '{key}' does not exist on type 'microsoft.graph.message' or is read-only."
            )));
        };
        if DRAFT_ONLY.contains(name) && !is_draft {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                "ErrorInvalidPropertyUpdateSentMessage",
                format!("The property '{name}' can only be updated while the message is a draft."),
            ));
        }
        let checked = super::compose::check_property(name, value)?;
        if *name == "body" {
            message["bodyPreview"] = Value::String(super::body_preview(&checked));
        }
        message[*name] = checked;
    }
    Ok(())
}

fn patch_message(
    state: &SharedState,
    requested: &RequestedUri,
    headers: &HeaderMap,
    id: &str,
    folder: Option<&str>,
    body: &Bytes,
) -> GraphResult<Response> {
    let patch = json_object(body)?;
    let mut tenant = state.write_tenant();
    if let Some(folder) = folder {
        in_folder(&tenant, folder, id)?;
    }
    let stamp = tenant.next_id + 1;
    tenant.next_id = stamp;
    let now = tenant.clock.now_text();
    let mut updated = message(&tenant, id)?.into_owned();
    apply_patch(&mut updated, &patch)?;
    touch(&mut updated, stamp, &now);
    tenant.messages.update(id, |m| *m = updated);
    entity(state, requested, headers, &tenant, id, StatusCode::OK)
}

pub async fn update(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    patch_message(&state, &requested, &headers, &id, None, &body)
}

pub async fn update_in_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path((folder, id)): Path<(String, String)>,
    body: Bytes,
) -> GraphResult<Response> {
    patch_message(&state, &requested, &headers, &id, Some(&folder), &body)
}

fn mime_response(tenant: &Tenant, id: &str) -> GraphResult<Response> {
    let m = message(tenant, id)?;
    let attachments = tenant.attachments.list(id);
    let text = super::mime::build_mime(&m, &attachments);
    Ok(([(header::CONTENT_TYPE, "text/plain")], text).into_response())
}

pub async fn mime(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<Response> {
    mime_response(&state.read_tenant(), &id)
}

pub async fn mime_in_folder(
    State(state): State<SharedState>,
    Path((folder, id)): Path<(String, String)>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    in_folder(&tenant, &folder, &id)?;
    mime_response(&tenant, &id)
}

/// `/$count`: the number of matching messages as a bare integer (graph-facts §2.5).
fn count(state: &SharedState, requested: &RequestedUri, folder: Option<&str>) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let tenant = state.read_tenant();
    let folder_id = folder.map(|f| resolve(&tenant, f)).transpose()?;
    let listed = listing::list(&tenant.messages, folder_id.as_deref(), &options, 0, 0, true)?;
    let n = listed.count.unwrap_or(0);
    Ok(([(header::CONTENT_TYPE, "text/plain")], n.to_string()).into_response())
}

pub async fn count_all(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
) -> GraphResult<Response> {
    count(&state, &requested, None)
}

pub async fn count_in_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    count(&state, &requested, Some(&folder))
}
