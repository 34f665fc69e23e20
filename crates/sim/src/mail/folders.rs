//! Mail folders: list top-level and child folders, get by id or well-known name, create,
//! rename, delete; item counts are computed from the store at answer time (graph-facts §3.1).
use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{json_object, owner_context};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::odata::{QueryOptions, filter_items, project, sort_items};
use crate::paging::{PageRules, collection_response, context_url};
use crate::store::Tenant;

/// (total, unread, child folders) per folder id: message counts as the mailbox keeps them.
pub(super) fn counts(tenant: &Tenant) -> HashMap<String, (u64, u64, u64)> {
    let mut out: HashMap<String, (u64, u64, u64)> = HashMap::new();
    for f in tenant.mail_folders.iter() {
        if let Some(id) = f.get("id").and_then(Value::as_str) {
            let (total, unread) = tenant.messages.counts(id);
            let entry = out.entry(id.to_owned()).or_default();
            (entry.0, entry.1) = (total as u64, unread as u64);
        }
        if let Some(parent) = f.get("parentFolderId").and_then(Value::as_str) {
            out.entry(parent.to_owned()).or_default().2 += 1;
        }
    }
    out
}

pub(super) fn with_counts(folder: &Value, counts: &HashMap<String, (u64, u64, u64)>) -> Value {
    let mut out = folder.clone();
    let id = folder.get("id").and_then(Value::as_str).unwrap_or_default();
    let (total, unread, children) = counts.get(id).copied().unwrap_or_default();
    if let Some(map) = out.as_object_mut() {
        map.insert("childFolderCount".into(), json!(children));
        map.insert("unreadItemCount".into(), json!(unread));
        map.insert("totalItemCount".into(), json!(total));
        map.entry("isHidden").or_insert(json!(false));
    }
    out
}

/// The folder id for an id or well-known name, or Outlook's 404. The root is also found
/// as the folder without a parent in the store, should it not be registered by name.
pub fn resolve(tenant: &Tenant, id_or_name: &str) -> GraphResult<String> {
    if let Some(id) = tenant.resolve_folder(id_or_name) {
        return Ok(id);
    }
    if id_or_name.eq_ignore_ascii_case("msgfolderroot") {
        let orphan = tenant
            .mail_folders
            .iter()
            .find(|f| f.get("parentFolderId").and_then(Value::as_str).is_none_or(|p| !tenant.mail_folders.contains(p)));
        if let Some(id) = orphan.and_then(|f| f.get("id")).and_then(Value::as_str) {
            return Ok(id.to_owned());
        }
    }
    Err(GraphError::outlook_not_found())
}

fn root_id(tenant: &Tenant) -> GraphResult<String> {
    resolve(tenant, "msgfolderroot")
}

fn include_hidden(uri: &axum::http::Uri) -> bool {
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .any(|(k, v)| k.eq_ignore_ascii_case("includeHiddenFolders") && v.eq_ignore_ascii_case("true"))
}

fn list(state: &SharedState, requested: &RequestedUri, parent: &str, context_tail: &str) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let tenant = state.read_tenant();
    let parent = resolve(&tenant, parent)?;
    let hidden = include_hidden(&requested.0);
    let counts = counts(&tenant);
    let folders: Vec<Value> = tenant
        .mail_folders
        .iter()
        .filter(|f| f.get("parentFolderId").and_then(Value::as_str) == Some(parent.as_str()))
        .filter(|f| hidden || f.get("isHidden") != Some(&Value::Bool(true)))
        .map(|f| with_counts(f, &counts))
        .collect();
    let mut items = filter_items(folders.iter(), &options, &["displayName"])?;
    sort_items(&mut items, &options)?;
    let context = format!("{}/{context_tail}", owner_context(&tenant));
    Ok(collection_response(state, &requested.0, &options, PageRules::OUTLOOK, &items, &context)?.into_response())
}

pub async fn list_top(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
) -> GraphResult<Response> {
    list(&state, &requested, "msgfolderroot", "mailFolders")
}

pub async fn list_children(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    list(&state, &requested, &folder, &format!("mailFolders('{folder}')/childFolders"))
}

fn entity_response(
    state: &SharedState,
    requested: &RequestedUri,
    tenant: &Tenant,
    id: &str,
    status: StatusCode,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let folder = tenant.mail_folders.get(id).ok_or_else(GraphError::outlook_not_found)?;
    let mut body = project(&with_counts(folder, &counts(tenant)), &options);
    let context = context_url(state, &requested.0, &format!("{}/mailFolders/$entity", owner_context(tenant)));
    if let Some(map) = body.as_object_mut() {
        map.insert("@odata.context".into(), Value::String(context));
    }
    Ok((status, Json(body)).into_response())
}

pub async fn get_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let id = resolve(&tenant, &folder)?;
    entity_response(&state, &requested, &tenant, &id, StatusCode::OK)
}

fn display_name(body: &serde_json::Map<String, Value>) -> GraphResult<String> {
    match body.get("displayName") {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        _ => Err(GraphError::bad_request("The displayName property is required and must be a non-empty string.")),
    }
}

fn name_taken(tenant: &Tenant, parent: &str, name: &str, except: Option<&str>) -> bool {
    tenant.mail_folders.iter().any(|f| {
        f.get("parentFolderId").and_then(Value::as_str) == Some(parent)
            && f.get("displayName").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && f.get("id").and_then(Value::as_str) != except
    })
}

fn folder_exists() -> GraphError {
    GraphError::new(StatusCode::CONFLICT, "ErrorFolderExists", "A folder with the specified name already exists.")
}

fn create(state: &SharedState, requested: &RequestedUri, parent: Option<&str>, body: &Bytes) -> GraphResult<Response> {
    let body = json_object(body)?;
    let name = display_name(&body)?;
    for key in body.keys() {
        if !matches!(key.as_str(), "displayName" | "isHidden") && !key.starts_with("@odata.") {
            return Err(GraphError::bad_request(format!(
                "Property '{key}' does not exist on type 'microsoft.graph.mailFolder'."
            )));
        }
    }
    let hidden = match body.get("isHidden") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(GraphError::bad_request("isHidden must be a boolean.")),
    };
    let mut tenant = state.write_tenant();
    let parent = match parent {
        Some(p) => resolve(&tenant, p)?,
        None => root_id(&tenant)?,
    };
    if name_taken(&tenant, &parent, &name, None) {
        return Err(folder_exists());
    }
    let id = tenant.mint_id("fold");
    tenant.mail_folders.insert(json!({
        "id": id, "displayName": name, "parentFolderId": parent, "childFolderCount": 0,
        "unreadItemCount": 0, "totalItemCount": 0, "isHidden": hidden
    }));
    tenant.messages.note_folder_change(&id);
    tenant.messages.note_folder_change(&parent);
    entity_response(state, requested, &tenant, &id, StatusCode::CREATED)
}

pub async fn create_top(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    body: Bytes,
) -> GraphResult<Response> {
    create(&state, &requested, None, &body)
}

pub async fn create_child(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    create(&state, &requested, Some(&folder), &body)
}

pub async fn update(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    let body = json_object(&body)?;
    if body.contains_key("isHidden") {
        return Err(GraphError::bad_request("The property 'isHidden' can only be set when the folder is created."));
    }
    let name = display_name(&body)?;
    let mut tenant = state.write_tenant();
    let id = resolve(&tenant, &folder)?;
    let parent = tenant
        .mail_folders
        .get(&id)
        .and_then(|f| f.get("parentFolderId"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    if name_taken(&tenant, &parent, &name, Some(&id)) {
        return Err(folder_exists());
    }
    if let Some(f) = tenant.mail_folders.get_mut(&id) {
        f["displayName"] = Value::String(name);
    }
    tenant.messages.note_folder_change(&id);
    entity_response(&state, &requested, &tenant, &id, StatusCode::OK)
}

pub async fn delete(State(state): State<SharedState>, Path(folder): Path<String>) -> GraphResult<StatusCode> {
    let mut tenant = state.write_tenant();
    let id = resolve(&tenant, &folder)?;
    if tenant.well_known_folders.values().any(|w| *w == id) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorDeleteDistinguishedFolder",
            "Distinguished folders cannot be deleted.",
        ));
    }
    // The folder and everything under it go.
    let doomed = subtree(&tenant, &id);
    let parent = parent_of(&tenant, &id);
    let in_doomed =
        |v: &Value, key: &str| v.get(key).and_then(Value::as_str).is_some_and(|p| doomed.iter().any(|d| d == p));
    let gone_messages: Vec<_> = doomed.iter().flat_map(|f| tenant.messages.ids_in(f)).collect();
    tenant.messages.remove_folders(&doomed);
    for m in gone_messages {
        tenant.attachments.remove(&m);
    }
    tenant.mail_folders.retain(|f| !in_doomed(f, "id"));
    for gone in doomed.iter().chain(parent.iter()) {
        tenant.messages.note_folder_change(gone);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The folder a move or copy body names (`destinationId`: an id or a well-known name).
pub(super) fn destination(body: &Bytes, tenant: &Tenant) -> GraphResult<String> {
    let body = json_object(body)?;
    let Some(dest) = body.get("destinationId").and_then(Value::as_str) else {
        return Err(GraphError::bad_request("The destinationId parameter is required."));
    };
    resolve(tenant, dest)
}

/// `id` and every folder below it.
fn subtree(tenant: &Tenant, id: &str) -> Vec<String> {
    let mut out = vec![id.to_owned()];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i].clone();
        out.extend(
            tenant
                .mail_folders
                .iter()
                .filter(|f| f.get("parentFolderId").and_then(Value::as_str) == Some(parent.as_str()))
                .filter_map(|f| f.get("id").and_then(Value::as_str).map(str::to_owned)),
        );
        i += 1;
    }
    out
}

/// The folder's parent id, if it has one.
fn parent_of(tenant: &Tenant, id: &str) -> Option<String> {
    tenant.mail_folders.get(id).and_then(|f| f.get("parentFolderId")).and_then(Value::as_str).map(str::to_owned)
}

fn folder_name(tenant: &Tenant, id: &str) -> String {
    tenant.mail_folders.get(id).and_then(|f| f.get("displayName")).and_then(Value::as_str).unwrap_or("").to_owned()
}

pub async fn move_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    let id = resolve(&tenant, &folder)?;
    let dest = destination(&body, &tenant)?;
    if tenant.well_known_folders.values().any(|w| *w == id) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorMoveDistinguishedFolder",
            "Distinguished folders cannot be moved.",
        ));
    }
    if subtree(&tenant, &id).contains(&dest) {
        return Err(GraphError::bad_request("A folder cannot be moved into itself or one of its subfolders."));
    }
    if name_taken(&tenant, &dest, &folder_name(&tenant, &id), Some(&id)) {
        return Err(folder_exists());
    }
    let old_parent = parent_of(&tenant, &id);
    if let Some(f) = tenant.mail_folders.get_mut(&id) {
        f["parentFolderId"] = Value::String(dest.clone());
    }
    // The folder and both parents (their childFolderCount) changed.
    for changed in [Some(id.clone()), old_parent, Some(dest)].into_iter().flatten() {
        tenant.messages.note_folder_change(&changed);
    }
    entity_response(&state, &requested, &tenant, &id, StatusCode::CREATED)
}

pub async fn copy_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    let id = resolve(&tenant, &folder)?;
    let dest = destination(&body, &tenant)?;
    if subtree(&tenant, &id).contains(&dest) {
        return Err(GraphError::bad_request("A folder cannot be copied into itself or one of its subfolders."));
    }
    if name_taken(&tenant, &dest, &folder_name(&tenant, &id), None) {
        return Err(folder_exists());
    }
    // Copy the tree top-down, remembering old id → new id for parents.
    let mut renamed: HashMap<String, String> = HashMap::new();
    for old in subtree(&tenant, &id) {
        let Some(mut copy) = tenant.mail_folders.get(&old).cloned() else { continue };
        let new_id = tenant.mint_id("fold");
        let parent = if old == id {
            dest.clone()
        } else {
            let p = copy.get("parentFolderId").and_then(Value::as_str).unwrap_or_default();
            renamed.get(p).cloned().unwrap_or_else(|| p.to_owned())
        };
        copy["id"] = Value::String(new_id.clone());
        copy["parentFolderId"] = Value::String(parent);
        tenant.mail_folders.insert(copy);
        tenant.messages.note_folder_change(&new_id);
        // Oldest first, so the copies arrive in the order the originals did.
        let mut messages = tenant.messages.ids_in(&old);
        messages.reverse();
        for m in messages {
            super::relocate::duplicate(&mut tenant, &m, &new_id)?;
        }
        renamed.insert(old, new_id);
    }
    tenant.messages.note_folder_change(&dest);
    let new_root = renamed.get(&id).cloned().unwrap_or_default();
    entity_response(&state, &requested, &tenant, &new_root, StatusCode::CREATED)
}
