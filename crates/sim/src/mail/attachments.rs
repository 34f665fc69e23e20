//! Message attachments: list, get, raw bytes (`$value`), add a file attachment, delete
//! (graph-facts §3.3).
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::{Value, json};

use super::{json_object, message, owner_context};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::odata::{QueryOptions, filter_items, project, sort_items};
use crate::paging::{PageRules, collection_response, context_url};
use crate::store::Tenant;

const FILE_ATTACHMENT: &str = "#microsoft.graph.fileAttachment";

/// A stored file attachment from request JSON (`contentBytes` standard base64).
pub fn build_file_attachment(tenant: &mut Tenant, input: &Value) -> GraphResult<Value> {
    let kind = input.get("@odata.type").and_then(Value::as_str).unwrap_or("");
    if !kind.eq_ignore_ascii_case(FILE_ATTACHMENT) && !kind.eq_ignore_ascii_case("microsoft.graph.fileAttachment") {
        return Err(GraphError::bad_request(format!(
            "Attachments of type '{kind}' are not supported here; use '#microsoft.graph.fileAttachment'."
        )));
    }
    let name = input.get("name").and_then(Value::as_str).filter(|n| !n.is_empty());
    let name = name.ok_or_else(|| GraphError::bad_request("The attachment name is required."))?;
    let encoded = input.get("contentBytes").and_then(Value::as_str).unwrap_or("");
    let bytes = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).map_err(|_| {
        GraphError::new(StatusCode::BAD_REQUEST, "ErrorInvalidParameter", "The contentBytes value is not valid base64.")
    })?;
    let content_type = input.get("contentType").and_then(Value::as_str).unwrap_or("application/octet-stream");
    Ok(json!({
        "@odata.type": FILE_ATTACHMENT,
        "id": tenant.mint_id("att"),
        "lastModifiedDateTime": tenant.clock.now_text(),
        "name": name,
        "contentType": content_type,
        "size": bytes.len(),
        "isInline": input.get("isInline").and_then(Value::as_bool).unwrap_or(false),
        "contentId": input.get("contentId").cloned().unwrap_or(Value::Null),
        "contentLocation": null,
        "contentBytes": base64::engine::general_purpose::STANDARD.encode(&bytes),
    }))
}

fn find(tenant: &Tenant, id: &str, attachment: &str) -> GraphResult<Value> {
    message(tenant, id)?;
    tenant
        .attachments
        .list(id)
        .into_iter()
        .find(|a| a.get("id").and_then(Value::as_str) == Some(attachment))
        .ok_or_else(GraphError::outlook_not_found)
}

pub async fn list(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(id): Path<String>,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let tenant = state.read_tenant();
    message(&tenant, &id)?;
    let all = tenant.attachments.list(&id);
    let mut items = filter_items(all.iter(), &options, &["name"])?;
    sort_items(&mut items, &options)?;
    let context = format!("{}/messages('{id}')/attachments", owner_context(&tenant));
    Ok(collection_response(&state, &requested.0, &options, PageRules::OUTLOOK, &items, &context)?.into_response())
}

fn entity(
    state: &SharedState,
    requested: &RequestedUri,
    tenant: &Tenant,
    id: &str,
    a: &Value,
    status: StatusCode,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let mut body = project(a, &options);
    let context = format!("{}/messages('{id}')/attachments/$entity", owner_context(tenant));
    body["@odata.context"] = Value::String(context_url(state, &requested.0, &context));
    Ok((status, Json(body)).into_response())
}

pub async fn get_one(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path((id, attachment)): Path<(String, String)>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let a = find(&tenant, &id, &attachment)?;
    entity(&state, &requested, &tenant, &id, &a, StatusCode::OK)
}

pub async fn raw(
    State(state): State<SharedState>,
    Path((id, attachment)): Path<(String, String)>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let a = find(&tenant, &id, &attachment)?;
    let encoded = a.get("contentBytes").and_then(Value::as_str).unwrap_or("");
    let bytes = base64::engine::general_purpose::STANDARD.decode(encoded).unwrap_or_default();
    let content_type = a.get("contentType").and_then(Value::as_str).unwrap_or("application/octet-stream").to_owned();
    Ok(([(header::CONTENT_TYPE, content_type)], bytes).into_response())
}

pub async fn add(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    let input = Value::Object(json_object(&body)?);
    let mut tenant = state.write_tenant();
    message(&tenant, &id)?;
    let a = build_file_attachment(&mut tenant, &input)?;
    let inline = a.get("isInline") == Some(&Value::Bool(true));
    tenant.attachments.push(&id, a.clone());
    if !inline {
        tenant.messages.update(&id, |m| m["hasAttachments"] = Value::Bool(true));
    }
    entity(&state, &requested, &tenant, &id, &a, StatusCode::CREATED)
}

pub async fn delete(
    State(state): State<SharedState>,
    Path((id, attachment)): Path<(String, String)>,
) -> GraphResult<StatusCode> {
    let mut tenant = state.write_tenant();
    find(&tenant, &id, &attachment)?;
    let remaining = tenant.attachments.update(&id, |list| {
        list.retain(|a| a.get("id").and_then(Value::as_str) != Some(attachment.as_str()));
        list.iter().any(|a| a.get("isInline") != Some(&Value::Bool(true)))
    });
    tenant.messages.update(&id, |m| m["hasAttachments"] = Value::Bool(remaining.unwrap_or(false)));
    Ok(StatusCode::NO_CONTENT)
}
