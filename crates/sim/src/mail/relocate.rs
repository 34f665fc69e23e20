//! Messages changing place: delete (to Deleted Items, or gone from there), permanent delete,
//! move (new id) and copy, with attachments following (graph-facts §3.2, §5 item 7).
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::Value;

use super::folders::destination;
use super::messages::{entity, in_folder};
use super::{message, touch};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::store::Tenant;

/// Moves a message to `folder_id` under a new id (Outlook ids change on move), attachments
/// following; returns the new id.
pub fn relocate(tenant: &mut Tenant, id: &str, folder_id: &str) -> GraphResult<String> {
    let mut m = tenant.messages.remove(id).ok_or_else(GraphError::outlook_not_found)?;
    let new_id = tenant.mint_id("msg");
    m["id"] = Value::String(new_id.clone());
    m["parentFolderId"] = Value::String(folder_id.to_owned());
    let stamp = tenant.next_id;
    touch(&mut m, stamp, &tenant.clock.now_text());
    tenant.messages.insert(m);
    tenant.attachments.rename(id, &new_id);
    Ok(new_id)
}

/// A copy of a message in `folder_id` under a new id, attachments copied too.
pub fn duplicate(tenant: &mut Tenant, id: &str, folder_id: &str) -> GraphResult<String> {
    let mut m = message(tenant, id)?.into_owned();
    let new_id = tenant.mint_id("msg");
    m["id"] = Value::String(new_id.clone());
    m["parentFolderId"] = Value::String(folder_id.to_owned());
    let stamp = tenant.next_id;
    touch(&mut m, stamp, &tenant.clock.now_text());
    tenant.messages.insert(m);
    tenant.attachments.copy(id, &new_id);
    Ok(new_id)
}

fn remove_message(state: &SharedState, id: &str, folder: Option<&str>, permanent: bool) -> GraphResult<StatusCode> {
    let mut tenant = state.write_tenant();
    if let Some(folder) = folder {
        in_folder(&tenant, folder, id)?;
    }
    let parent = message(&tenant, id)?.get("parentFolderId").and_then(Value::as_str).map(str::to_owned);
    let deleted_items = tenant.resolve_folder("deleteditems");
    // DELETE moves to Deleted Items; from there (or with permanentDelete) it is gone (§3.2, [OBS]).
    if permanent || deleted_items.is_none() || parent == deleted_items {
        tenant.messages.remove(id);
        tenant.attachments.remove(id);
    } else if let Some(target) = deleted_items {
        relocate(&mut tenant, id, &target)?;
    }
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<StatusCode> {
    remove_message(&state, &id, None, false)
}

pub async fn delete_in_folder(
    State(state): State<SharedState>,
    Path((folder, id)): Path<(String, String)>,
) -> GraphResult<StatusCode> {
    remove_message(&state, &id, Some(&folder), false)
}

pub async fn permanent_delete(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<StatusCode> {
    remove_message(&state, &id, None, true)
}

pub async fn move_message(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    message(&tenant, &id)?;
    let dest = destination(&body, &tenant)?;
    let new_id = relocate(&mut tenant, &id, &dest)?;
    entity(&state, &requested, &headers, &tenant, &new_id, StatusCode::CREATED)
}

pub async fn copy_message(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    message(&tenant, &id)?;
    let dest = destination(&body, &tenant)?;
    let new_id = duplicate(&mut tenant, &id, &dest)?;
    entity(&state, &requested, &headers, &tenant, &new_id, StatusCode::CREATED)
}
