//! Microsoft To Do (graph-facts §3.6): task lists here; tasks, checklist items and delta
//! queries in `todo/`. Everything the TUI calls, with Graph's status codes and validation errors.
pub mod checklist;
pub mod delta;
pub mod linked;
pub mod tasks;
pub mod validate;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use serde_json::{Value, json};

use super::SharedState;
use super::calendar::writes::parse_json_object;
use super::calendar::{context_url, entity_response, requested_uri};
use super::errors::{GraphError, GraphResult};
use super::odata::{self, QueryOptions};
use super::paging::{PageRules, collection_response};
use super::store::Tenant;
use validate::invalid;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/me/todo/lists", get(list_lists).post(create_list))
        .route("/me/todo/lists/delta", get(delta::lists))
        .route("/me/todo/lists/{list_id}/tasks/delta", get(delta::tasks))
        .route("/me/todo/lists/{list_id}", get(get_list).patch(update_list).delete(delete_list))
        .route("/me/todo/lists/{list_id}/tasks", get(tasks::list_tasks).post(tasks::create_task))
        .route(
            "/me/todo/lists/{list_id}/tasks/{task_id}",
            get(tasks::get_task).patch(tasks::update_task).delete(tasks::delete_task),
        )
        .route(
            "/me/todo/lists/{list_id}/tasks/{task_id}/checklistItems",
            get(checklist::list_items).post(checklist::create_item),
        )
        .route(
            "/me/todo/lists/{list_id}/tasks/{task_id}/checklistItems/{item_id}",
            get(checklist::get_item).patch(checklist::update_item).delete(checklist::delete_item),
        )
        .route(
            "/me/todo/lists/{list_id}/tasks/{task_id}/linkedResources",
            get(linked::list_linked).post(linked::create_linked),
        )
        .route(
            "/me/todo/lists/{list_id}/tasks/{task_id}/linkedResources/{linked_id}",
            get(linked::get_linked).patch(linked::update_linked).delete(linked::delete_linked),
        )
}

/// A fresh Outlook-style weak etag (`W/"..."`); changes on every write.
pub(crate) fn new_etag(tenant: &mut Tenant) -> String {
    tenant.next_id += 1;
    let raw = format!("sim-todo-{:016}", tenant.next_id);
    format!("W/\"{}\"", base64::engine::general_purpose::STANDARD.encode(raw))
}

/// The well-known lists (`defaultList`, `flaggedEmails`) belong to the mailbox and stay.
fn is_well_known(list: &Value) -> bool {
    matches!(list.get("wellknownListName").and_then(Value::as_str), Some("defaultList" | "flaggedEmails"))
}

async fn list_lists(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    let mut items = odata::filter_items(tenant.todo_lists.iter(), &options, &["displayName"])?;
    odata::sort_items(&mut items, &options)?;
    let context = context_url(&state, &tenant, "todo/lists");
    Ok(collection_response(&state, &uri, &options, PageRules::OUTLOOK, &items, &context)?.into_response())
}

async fn get_list(
    State(state): State<SharedState>,
    Path(list_id): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let tenant = state.read_tenant();
    let list = tenant.todo_lists.get(&list_id).ok_or_else(GraphError::outlook_not_found)?;
    Ok(entity_response(StatusCode::OK, list, context_url(&state, &tenant, "todo/lists/$entity"), &options))
}

fn display_name(input: &serde_json::Map<String, Value>, required: bool) -> GraphResult<Option<String>> {
    match input.get("displayName") {
        None if !required => Ok(None),
        Some(Value::String(name)) if !name.trim().is_empty() => Ok(Some(name.clone())),
        _ => Err(invalid("The displayName property is required and must be a non-empty string.")),
    }
}

async fn create_list(State(state): State<SharedState>, parts: Parts, body: Bytes) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let input = parse_json_object(&body)?;
    let name = display_name(&input, true)?.unwrap_or_default();
    let mut tenant = state.write_tenant();
    let id = tenant.mint_id("todolist");
    let etag = new_etag(&mut tenant);
    let list = json!({
        "@odata.etag": etag,
        "displayName": name,
        "isOwner": true,
        "isShared": false,
        "wellknownListName": "none",
        "id": id,
    });
    tenant.todo_lists.insert(list.clone());
    delta::note_list(&mut tenant, &id);
    let context = context_url(&state, &tenant, "todo/lists/$entity");
    Ok(entity_response(StatusCode::CREATED, &list, context, &options))
}

async fn update_list(
    State(state): State<SharedState>,
    Path(list_id): Path<String>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let input = parse_json_object(&body)?;
    let name = display_name(&input, false)?;
    let mut tenant = state.write_tenant();
    if !tenant.todo_lists.contains(&list_id) {
        return Err(GraphError::outlook_not_found());
    }
    let etag = new_etag(&mut tenant);
    delta::note_list(&mut tenant, &list_id);
    let list = tenant.todo_lists.get_mut(&list_id).ok_or_else(GraphError::outlook_not_found)?;
    if let Some(name) = name {
        list["displayName"] = json!(name);
    }
    list["@odata.etag"] = json!(etag);
    let list = list.clone();
    let context = context_url(&state, &tenant, "todo/lists/$entity");
    Ok(entity_response(StatusCode::OK, &list, context, &options))
}

async fn delete_list(State(state): State<SharedState>, Path(list_id): Path<String>) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    let list = tenant.todo_lists.get(&list_id).ok_or_else(GraphError::outlook_not_found)?;
    if is_well_known(list) {
        // [UNCONFIRMED] wording and code; Graph refuses to delete the well-known lists.
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "invalidRequest",
            "The list cannot be deleted because it is a well-known list.",
        ));
    }
    tenant.todo_lists.remove(&list_id);
    tenant.todo_tasks.retain(|t| t.get("_listId").and_then(Value::as_str) != Some(list_id.as_str()));
    delta::note_list(&mut tenant, &list_id);
    tenant.todo_changes.forget(&list_id);
    Ok(StatusCode::NO_CONTENT.into_response())
}
