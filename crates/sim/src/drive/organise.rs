//! Copying drive items (graph-facts §3.5, driveitem-copy): `POST .../copy` answers 202 with a
//! `Location` monitor URL outside Graph (`{origin}/monitor/{job}`, no bearer token); the first
//! poll says `inProgress`, the next one makes the copy (the whole subtree, bytes shared) and
//! says `completed` with the new item's `resourceId`. Until then the copy does not exist, as on
//! OneDrive, where it appears when the background job is done.
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::address::Address;
use super::tree;
use super::writes::{
    Conflict, check_name, free_name, identity, invalid, name_exists, remove_tree, sibling_named, touch,
};
use crate::SharedState;
use crate::calendar::writes::parse_json_object;
use crate::errors::{GraphError, GraphResult};
use crate::store::Tenant;

/// Polls a copy answers `inProgress` before it completes.
const POLLS_BEFORE_DONE: u32 = 1;

/// A copy waiting for its monitor to be polled.
#[derive(Debug, Clone)]
pub struct CopyJob {
    source: String,
    parent: String,
    name: String,
    conflict: Conflict,
    polls_left: u32,
    /// Set once the copy is made (or failed): what every later poll answers.
    outcome: Option<Value>,
}

fn conflict_from_query(parts: &Parts) -> GraphResult<Conflict> {
    let query = url::form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "@microsoft.graph.conflictBehavior")
        .map(|(_, v)| v.into_owned());
    Conflict::parse(query.as_deref(), Conflict::Fail)
}

/// `POST .../items/{id}/copy` `{"parentReference": {"driveId", "id"}, "name"}`.
pub fn copy(state: &SharedState, parts: &Parts, address: &Address, body: &Bytes) -> GraphResult<Response> {
    let input = if body.is_empty() { serde_json::Map::new() } else { parse_json_object(body)? };
    let conflict = conflict_from_query(parts)?;
    let mut tenant = state.write_tenant();
    let item = tree::resolve(&tenant, address)?;
    if item.get("root").is_some() {
        return Err(invalid("The root folder cannot be copied."));
    }
    let source = tree::item_id(item).to_owned();
    let reference = input.get("parentReference");
    let parent = match reference.and_then(|r| r.get("id")).and_then(Value::as_str) {
        Some(id) => id.to_owned(),
        None => tree::parent_id(item).unwrap_or_default().to_owned(),
    };
    let target = tenant.drive_items.get(&parent).ok_or_else(GraphError::item_not_found)?;
    if let Some(drive) = reference.and_then(|r| r.get("driveId")).and_then(Value::as_str)
        && tree::drive_id_of(&tenant, target) != drive
    {
        return Err(GraphError::item_not_found());
    }
    if !tree::is_folder(target) || parent == source || tree::is_below(&tenant, &parent, &source) {
        return Err(invalid("A copy goes into a folder that is not the item itself or below it."));
    }
    let name = match input.get("name").and_then(Value::as_str) {
        Some(name) => name.to_owned(),
        None => item.get("name").and_then(Value::as_str).unwrap_or_default().to_owned(),
    };
    check_name(&name)?;
    if conflict == Conflict::Fail && sibling_named(&tenant, &parent, &name).is_some() {
        return Err(name_exists());
    }
    let job = uuid::Uuid::new_v4().simple().to_string();
    let copy = CopyJob { source, parent, name, conflict, polls_left: POLLS_BEFORE_DONE, outcome: None };
    tenant.drive_copies.insert(job.clone(), copy);
    let mut response = StatusCode::ACCEPTED.into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("{}/monitor/{job}", state.urls.origin)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// `GET {monitor URL}`: 202 while in progress, then 200 with the outcome.
pub async fn copy_status(State(state): State<SharedState>, Path(job): Path<String>) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    let copy = tenant.drive_copies.get_mut(&job).ok_or_else(GraphError::item_not_found)?;
    if let Some(outcome) = &copy.outcome {
        return Ok((StatusCode::OK, axum::Json(outcome.clone())).into_response());
    }
    if copy.polls_left > 0 {
        copy.polls_left -= 1;
        let body = json!({"operation": "ItemCopy", "percentageComplete": 50.0, "status": "inProgress"});
        return Ok((StatusCode::ACCEPTED, axum::Json(body)).into_response());
    }
    let copy = copy.clone();
    let outcome = match finish_copy(&mut tenant, &copy) {
        Ok(id) => {
            json!({"operation": "ItemCopy", "percentageComplete": 100.0, "resourceId": id, "status": "completed"})
        }
        Err(error) => json!({
            "operation": "ItemCopy", "percentageComplete": 0.0, "status": "failed",
            "error": {"code": error.code, "message": error.message},
        }),
    };
    if let Some(job) = tenant.drive_copies.get_mut(&job) {
        job.outcome = Some(outcome.clone());
    }
    Ok((StatusCode::OK, axum::Json(outcome)).into_response())
}

/// Makes the copy now: the source and the target folder must still be there.
fn finish_copy(tenant: &mut Tenant, copy: &CopyJob) -> GraphResult<String> {
    if !tenant.drive_items.contains(&copy.source) || !tenant.drive_items.contains(&copy.parent) {
        return Err(GraphError::item_not_found());
    }
    let existing = sibling_named(tenant, &copy.parent, &copy.name).map(|i| tree::item_id(i).to_owned());
    let name = match (existing, copy.conflict) {
        (None, _) => copy.name.clone(),
        (Some(_), Conflict::Fail) => return Err(name_exists()),
        (Some(_), Conflict::Rename) => free_name(tenant, &copy.parent, &copy.name),
        (Some(existing), Conflict::Replace) => {
            remove_tree(tenant, &existing);
            copy.name.clone()
        }
    };
    let id = copy_tree(tenant, &copy.source, &copy.parent, Some(&name));
    touch(tenant, &copy.parent);
    Ok(id)
}

/// Copies `source` and everything below it into `parent`; the new top item's id.
fn copy_tree(tenant: &mut Tenant, source: &str, parent: &str, name: Option<&str>) -> String {
    let Some(original) = tenant.drive_items.get(source).cloned() else { return String::new() };
    let id = tenant.mint_id("driveitem");
    let now = tenant.clock.now_text();
    let who = identity(tenant);
    let reference = tenant.drive_items.get(parent).and_then(|p| p.get("parentReference")).cloned();
    let drive_id = tenant.drive_items.get(parent).map(|p| tree::drive_id_of(tenant, p).to_owned()).unwrap_or_default();
    let drive_type = reference.as_ref().and_then(|r| r.get("driveType")).cloned().unwrap_or(json!("business"));
    let mut item = original.clone();
    if let Value::Object(map) = &mut item {
        map.retain(|k, _| !matches!(k.as_str(), "shared" | "webUrl" | "cTag"));
        map.insert("id".to_owned(), json!(id));
        if let Some(name) = name {
            map.insert("name".to_owned(), json!(name));
        }
        map.insert("createdDateTime".to_owned(), json!(now));
        map.insert("lastModifiedDateTime".to_owned(), json!(now));
        map.insert("createdBy".to_owned(), who.clone());
        map.insert("lastModifiedBy".to_owned(), who);
        map.insert("eTag".to_owned(), json!(format!("\"{{{id}}},1\"")));
        map.insert("parentReference".to_owned(), json!({"driveId": drive_id, "driveType": drive_type, "id": parent}));
    }
    tenant.drive_items.insert(item);
    if let Some(content) = tenant.drive_content.get(source).cloned() {
        tenant.drive_content.insert(id.clone(), content);
    }
    let children: Vec<String> = tenant.drive_items.children(source).map(|c| tree::item_id(c).to_owned()).collect();
    for child in children {
        copy_tree(tenant, &child, &id, None);
    }
    id
}
