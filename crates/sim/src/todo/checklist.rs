//! Checklist items of a To Do task (graph-facts §3.6), kept inside the stored task under
//! `checklistItems`: list, get, create (201), update (200; `isChecked` sets
//! `checkedDateTime`), delete (204). Each change also touches the task.
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::new_etag;
use super::tasks::find_task;
use super::validate::checklist_changes;
use crate::SharedState;
use crate::calendar::time::graph_timestamp;
use crate::calendar::writes::parse_json_object;
use crate::calendar::{context_url, entity_response, requested_uri};
use crate::errors::{GraphError, GraphResult};
use crate::odata::{self, QueryOptions};
use crate::paging::{PageRules, collection_response};
use crate::store::Tenant;

/// A new checklist item from checked changes.
pub(crate) fn new_item(changes: Map<String, Value>, now: &str) -> Value {
    let mut item = json!({
        "displayName": "",
        "createdDateTime": now,
        "isChecked": false,
        "id": uuid::Uuid::new_v4().to_string(),
    });
    if let Some(map) = item.as_object_mut() {
        apply_item_changes(map, changes, now);
    }
    item
}

fn apply_item_changes(item: &mut Map<String, Value>, changes: Map<String, Value>, now: &str) {
    let was_checked = item.get("isChecked").and_then(Value::as_bool) == Some(true);
    item.extend(changes);
    match item.get("isChecked").and_then(Value::as_bool) {
        Some(true) if !was_checked => {
            item.insert("checkedDateTime".to_owned(), json!(now));
        }
        Some(true) => {}
        _ => {
            item.remove("checkedDateTime");
        }
    }
}

fn item_context(state: &SharedState, tenant: &Tenant, list_id: &str, task_id: &str, entity: bool) -> String {
    let suffix = if entity { "/$entity" } else { "" };
    context_url(state, tenant, &format!("todo/lists('{list_id}')/tasks('{task_id}')/checklistItems{suffix}"))
}

fn items_of(task: &Value) -> &[Value] {
    task.get("checklistItems").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

pub async fn list_items(
    State(state): State<SharedState>,
    Path((list_id, task_id)): Path<(String, String)>,
    parts: Parts,
) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    let task = find_task(&tenant, &list_id, &task_id)?;
    let mut items = odata::filter_items(items_of(task).iter(), &options, &["displayName"])?;
    odata::sort_items(&mut items, &options)?;
    let context = item_context(&state, &tenant, &list_id, &task_id, false);
    Ok(collection_response(&state, &uri, &options, PageRules::OUTLOOK, &items, &context)?.into_response())
}

pub async fn get_item(
    State(state): State<SharedState>,
    Path((list_id, task_id, item_id)): Path<(String, String, String)>,
    parts: Parts,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let tenant = state.read_tenant();
    let task = find_task(&tenant, &list_id, &task_id)?;
    let item = items_of(task)
        .iter()
        .find(|i| i.get("id").and_then(Value::as_str) == Some(item_id.as_str()))
        .ok_or_else(GraphError::outlook_not_found)?;
    Ok(entity_response(StatusCode::OK, item, item_context(&state, &tenant, &list_id, &task_id, true), &options))
}

/// Runs `change` on the task's checklist and stamps the task as modified.
fn change_checklist<T>(
    tenant: &mut Tenant,
    list_id: &str,
    task_id: &str,
    now: &str,
    change: impl FnOnce(&mut Vec<Value>) -> GraphResult<T>,
) -> GraphResult<T> {
    find_task(tenant, list_id, task_id)?;
    let etag = new_etag(tenant);
    super::delta::note_task(tenant, list_id, task_id);
    let task = tenant.todo_tasks.get_mut(task_id).ok_or_else(GraphError::outlook_not_found)?;
    let map = task.as_object_mut().ok_or_else(GraphError::outlook_not_found)?;
    let list = map.entry("checklistItems").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    let Some(items) = list.as_array_mut() else { return Err(GraphError::outlook_not_found()) };
    let result = change(items)?;
    map.insert("lastModifiedDateTime".to_owned(), json!(now));
    map.insert("@odata.etag".to_owned(), json!(etag));
    Ok(result)
}

pub async fn create_item(
    State(state): State<SharedState>,
    Path((list_id, task_id)): Path<(String, String)>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let changes = checklist_changes(&parse_json_object(&body)?, true)?;
    let mut tenant = state.write_tenant();
    let now = graph_timestamp(tenant.clock.now());
    let item = change_checklist(&mut tenant, &list_id, &task_id, &now, |items| {
        let item = new_item(changes, &now);
        items.push(item.clone());
        Ok(item)
    })?;
    let context = item_context(&state, &tenant, &list_id, &task_id, true);
    Ok(entity_response(StatusCode::CREATED, &item, context, &options))
}

pub async fn update_item(
    State(state): State<SharedState>,
    Path((list_id, task_id, item_id)): Path<(String, String, String)>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let changes = checklist_changes(&parse_json_object(&body)?, false)?;
    let mut tenant = state.write_tenant();
    let now = graph_timestamp(tenant.clock.now());
    let item = change_checklist(&mut tenant, &list_id, &task_id, &now, |items| {
        let item = items
            .iter_mut()
            .find(|i| i.get("id").and_then(Value::as_str) == Some(item_id.as_str()))
            .and_then(Value::as_object_mut)
            .ok_or_else(GraphError::outlook_not_found)?;
        apply_item_changes(item, changes, &now);
        Ok(Value::Object(item.clone()))
    })?;
    let context = item_context(&state, &tenant, &list_id, &task_id, true);
    Ok(entity_response(StatusCode::OK, &item, context, &options))
}

pub async fn delete_item(
    State(state): State<SharedState>,
    Path((list_id, task_id, item_id)): Path<(String, String, String)>,
) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    let now = graph_timestamp(tenant.clock.now());
    change_checklist(&mut tenant, &list_id, &task_id, &now, |items| {
        let before = items.len();
        items.retain(|i| i.get("id").and_then(Value::as_str) != Some(item_id.as_str()));
        if items.len() == before { Err(GraphError::outlook_not_found()) } else { Ok(()) }
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
