//! To Do tasks of a list (graph-facts §3.6, §4.8): list with OData options and
//! `$expand=checklistItems,linkedResources`, get, create (201), update (200, completion dates), delete (204).
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::new_etag;
use super::validate::{checklist_changes, task_changes};
use crate::SharedState;
use crate::calendar::time::{format_local, graph_timestamp};
use crate::calendar::writes::parse_json_object;
use crate::calendar::{context_url, entity_response, requested_uri};
use crate::errors::{GraphError, GraphResult};
use crate::odata::{self, QueryOptions};
use crate::paging::{PageRules, collection_response};
use crate::store::Tenant;

/// Which relationships `$expand` asks for: checklist items, linked resources.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Expanded {
    checklist: bool,
    linked: bool,
}

pub(crate) fn expanded(options: &QueryOptions) -> Expanded {
    let wants = |name: &str| options.expand.iter().any(|e| e.eq_ignore_ascii_case(name));
    Expanded { checklist: wants("checklistItems"), linked: wants("linkedResources") }
}

/// A task as returned: checklist items and linked resources only when expanded.
pub(crate) fn render_task(task: &Value, expand: Expanded) -> Value {
    let mut out = task.clone();
    if let Some(map) = out.as_object_mut() {
        if !expand.checklist {
            map.remove("checklistItems");
        }
        if !expand.linked {
            map.remove("linkedResources");
        }
    }
    out
}

fn in_list(task: &Value, list_id: &str) -> bool {
    task.get("_listId").and_then(Value::as_str) == Some(list_id)
}

/// The task `task_id` of list `list_id`; 404 when either is unknown.
pub(crate) fn find_task<'a>(tenant: &'a Tenant, list_id: &str, task_id: &str) -> GraphResult<&'a Value> {
    if !tenant.todo_lists.contains(list_id) {
        return Err(GraphError::outlook_not_found());
    }
    tenant.todo_tasks.get(task_id).filter(|t| in_list(t, list_id)).ok_or_else(GraphError::outlook_not_found)
}

pub(crate) fn task_context(state: &SharedState, tenant: &Tenant, list_id: &str) -> String {
    context_url(state, tenant, &format!("todo/lists('{list_id}')/tasks/$entity"))
}

pub async fn list_tasks(
    State(state): State<SharedState>,
    Path(list_id): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    if !tenant.todo_lists.contains(&list_id) {
        return Err(GraphError::outlook_not_found());
    }
    let expand = expanded(&options);
    let values: Vec<Value> =
        tenant.todo_tasks.iter().filter(|t| in_list(t, &list_id)).map(|t| render_task(t, expand)).collect();
    let mut items = odata::filter_items(values.iter(), &options, &["title"])?;
    odata::sort_items(&mut items, &options)?;
    let context = context_url(&state, &tenant, &format!("todo/lists('{list_id}')/tasks"));
    Ok(collection_response(&state, &uri, &options, PageRules::OUTLOOK, &items, &context)?.into_response())
}

pub async fn get_task(
    State(state): State<SharedState>,
    Path((list_id, task_id)): Path<(String, String)>,
    parts: Parts,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let tenant = state.read_tenant();
    let task = render_task(find_task(&tenant, &list_id, &task_id)?, expanded(&options));
    Ok(entity_response(StatusCode::OK, &task, task_context(&state, &tenant, &list_id), &options))
}

fn utc_date_time(instant: DateTime<Utc>) -> Value {
    json!({"dateTime": format_local(instant.naive_utc()), "timeZone": "UTC"})
}

/// Applies checked changes to a stored task, keeping `completedDateTime` in step with
/// `status` and the modification times current.
fn apply_task_changes(task: &mut Map<String, Value>, changes: Map<String, Value>, instant: DateTime<Utc>) {
    let now = graph_timestamp(instant);
    let was_completed = task.get("status").and_then(Value::as_str) == Some("completed");
    let body_changed = changes.contains_key("body");
    for (key, value) in changes {
        // Relationships are written through their own endpoints (or inline on creation).
        if key == "checklistItems" || key == "linkedResources" {
            continue;
        }
        if value.is_null() {
            task.remove(&key);
        } else {
            task.insert(key, value);
        }
    }
    let is_completed = task.get("status").and_then(Value::as_str) == Some("completed");
    if !is_completed {
        task.remove("completedDateTime");
    } else if !was_completed && !task.contains_key("completedDateTime") {
        // A completedDateTime sent along with the change is kept as given.
        task.insert("completedDateTime".to_owned(), utc_date_time(instant));
    }
    task.insert("lastModifiedDateTime".to_owned(), json!(now));
    if body_changed {
        task.insert("bodyLastModifiedDateTime".to_owned(), json!(now));
    }
}

fn initial_checklist(value: Option<&Value>, now: &str) -> GraphResult<Vec<Value>> {
    let Some(Value::Array(items)) = value else { return Ok(Vec::new()) };
    items
        .iter()
        .map(|item| {
            let changes = checklist_changes(item.as_object().unwrap_or(&Map::new()), true)?;
            Ok(super::checklist::new_item(changes, now))
        })
        .collect()
}

pub async fn create_task(
    State(state): State<SharedState>,
    Path(list_id): Path<String>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let input = parse_json_object(&body)?;
    let changes = task_changes(&input, true)?;
    let mut tenant = state.write_tenant();
    if !tenant.todo_lists.contains(&list_id) {
        return Err(GraphError::outlook_not_found());
    }
    let instant = tenant.clock.now();
    let now = graph_timestamp(instant);
    let checklist = initial_checklist(changes.get("checklistItems"), &now)?;
    let linked = super::linked::initial_linked(changes.get("linkedResources"))?;
    let id = tenant.mint_id("todotask");
    let etag = new_etag(&mut tenant);
    let mut task = json!({
        "@odata.etag": etag,
        "importance": "normal",
        "isReminderOn": false,
        "status": "notStarted",
        "title": "",
        "createdDateTime": now,
        "lastModifiedDateTime": now,
        "bodyLastModifiedDateTime": now,
        "hasAttachments": false,
        "categories": [],
        "id": id,
        "body": {"content": "", "contentType": "text"},
        "checklistItems": checklist,
        "linkedResources": linked,
        "_listId": list_id,
    });
    if let Some(map) = task.as_object_mut() {
        apply_task_changes(map, changes, instant);
    }
    tenant.todo_tasks.insert(task.clone());
    super::delta::note_task(&mut tenant, &list_id, &id);
    // Linked resources sent along come back in the answer, as the docs' example shows.
    let with_links = task.get("linkedResources").and_then(Value::as_array).is_some_and(|l| !l.is_empty());
    let expand = expanded(&options);
    let rendered = render_task(&task, Expanded { linked: expand.linked || with_links, ..expand });
    Ok(entity_response(StatusCode::CREATED, &rendered, task_context(&state, &tenant, &list_id), &options))
}

pub async fn update_task(
    State(state): State<SharedState>,
    Path((list_id, task_id)): Path<(String, String)>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let input = parse_json_object(&body)?;
    let changes = task_changes(&input, false)?;
    let mut tenant = state.write_tenant();
    find_task(&tenant, &list_id, &task_id)?;
    let now = tenant.clock.now();
    let etag = new_etag(&mut tenant);
    super::delta::note_task(&mut tenant, &list_id, &task_id);
    let task = tenant.todo_tasks.get_mut(&task_id).ok_or_else(GraphError::outlook_not_found)?;
    if let Some(map) = task.as_object_mut() {
        apply_task_changes(map, changes, now);
        map.insert("@odata.etag".to_owned(), json!(etag));
    }
    let rendered = render_task(task, expanded(&options));
    Ok(entity_response(StatusCode::OK, &rendered, task_context(&state, &tenant, &list_id), &options))
}

pub async fn delete_task(
    State(state): State<SharedState>,
    Path((list_id, task_id)): Path<(String, String)>,
) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    find_task(&tenant, &list_id, &task_id)?;
    tenant.todo_tasks.remove(&task_id);
    super::delta::note_task(&mut tenant, &list_id, &task_id);
    Ok(StatusCode::NO_CONTENT.into_response())
}
