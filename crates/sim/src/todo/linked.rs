//! Linked resources of a To Do task (graph-facts §3.6; learn.microsoft.com linkedresource,
//! todotask-post-linkedresources): the item a task came from, such as the message it was
//! flagged from. Kept inside the stored task under `linkedResources` and returned with the task
//! only under `$expand=linkedResources`; list, get, create (201, also inline when creating the
//! task), update (200), delete (204).
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::new_etag;
use super::tasks::find_task;
use super::validate::invalid;
use crate::SharedState;
use crate::calendar::writes::parse_json_object;
use crate::calendar::{context_url, entity_response, requested_uri};
use crate::errors::{GraphError, GraphResult};
use crate::odata::{self, QueryOptions};
use crate::paging::{PageRules, collection_response};
use crate::store::Tenant;

const TEXT_PROPERTIES: &[&str] = &["webUrl", "applicationName", "displayName", "externalId"];

/// The properties of a linkedResource body, checked. Creating one needs `applicationName`
/// and `displayName` (the task detail shows them); `webUrl` is optional (an SMS app has none).
pub fn linked_changes(input: &Map<String, Value>, creating: bool) -> GraphResult<Map<String, Value>> {
    let mut out = Map::new();
    for (key, value) in input {
        if key.starts_with('@') || key == "id" {
            continue;
        }
        let Some(name) = TEXT_PROPERTIES.iter().find(|p| **p == key) else {
            return Err(GraphError::bad_request(format!(
                "The property '{key}' does not exist on type 'microsoft.graph.linkedResource'."
            )));
        };
        match value {
            Value::String(_) | Value::Null => {
                out.insert((*name).to_owned(), value.clone());
            }
            _ => return Err(invalid(format!("The property '{key}' must be a string."))),
        }
    }
    if creating {
        for required in ["applicationName", "displayName"] {
            if out.get(required).and_then(Value::as_str).is_none_or(|s| s.trim().is_empty()) {
                return Err(invalid(format!("The property '{required}' is required.")));
            }
        }
    }
    Ok(out)
}

/// A stored linked resource from checked properties, with a fresh id.
pub fn new_linked(changes: Map<String, Value>) -> Value {
    let mut item = json!({ "id": uuid::Uuid::new_v4().to_string() });
    if let Some(map) = item.as_object_mut() {
        map.extend(changes);
    }
    item
}

/// Linked resources given inline in a task body (`"linkedResources": [...]`), checked.
pub fn initial_linked(value: Option<&Value>) -> GraphResult<Vec<Value>> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                let object = item.as_object().ok_or_else(|| invalid("A linkedResource must be an object."))?;
                Ok(new_linked(linked_changes(object, true)?))
            })
            .collect(),
        Some(_) => Err(invalid("The property 'linkedResources' must be an array.")),
    }
}

fn linked_of(task: &Value) -> &[Value] {
    task.get("linkedResources").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

fn context(state: &SharedState, tenant: &Tenant, list_id: &str, task_id: &str, entity: bool) -> String {
    let suffix = if entity { "/$entity" } else { "" };
    context_url(state, tenant, &format!("todo/lists('{list_id}')/tasks('{task_id}')/linkedResources{suffix}"))
}

pub async fn list_linked(
    State(state): State<SharedState>,
    Path((list_id, task_id)): Path<(String, String)>,
    parts: Parts,
) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    let task = find_task(&tenant, &list_id, &task_id)?;
    let mut items = odata::filter_items(linked_of(task).iter(), &options, &["displayName"])?;
    odata::sort_items(&mut items, &options)?;
    let context = context(&state, &tenant, &list_id, &task_id, false);
    Ok(collection_response(&state, &uri, &options, PageRules::OUTLOOK, &items, &context)?.into_response())
}

fn find_linked<'a>(task: &'a Value, linked_id: &str) -> GraphResult<&'a Value> {
    linked_of(task)
        .iter()
        .find(|l| l.get("id").and_then(Value::as_str) == Some(linked_id))
        .ok_or_else(GraphError::outlook_not_found)
}

pub async fn get_linked(
    State(state): State<SharedState>,
    Path((list_id, task_id, linked_id)): Path<(String, String, String)>,
    parts: Parts,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let tenant = state.read_tenant();
    let item = find_linked(find_task(&tenant, &list_id, &task_id)?, &linked_id)?.clone();
    Ok(entity_response(StatusCode::OK, &item, context(&state, &tenant, &list_id, &task_id, true), &options))
}

/// The stored task's linked resources, for a change; touches the task's etag.
fn linked_mut<'a>(tenant: &'a mut Tenant, list_id: &str, task_id: &str) -> GraphResult<&'a mut Vec<Value>> {
    find_task(tenant, list_id, task_id)?;
    let etag = new_etag(tenant);
    super::delta::note_task(tenant, list_id, task_id);
    let task = tenant.todo_tasks.get_mut(task_id).ok_or_else(GraphError::outlook_not_found)?;
    let map = task.as_object_mut().ok_or_else(GraphError::outlook_not_found)?;
    map.insert("@odata.etag".to_owned(), json!(etag));
    let list = map.entry("linkedResources").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    list.as_array_mut().ok_or_else(GraphError::outlook_not_found)
}

pub async fn create_linked(
    State(state): State<SharedState>,
    Path((list_id, task_id)): Path<(String, String)>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let changes = linked_changes(&parse_json_object(&body)?, true)?;
    let mut tenant = state.write_tenant();
    let item = new_linked(changes);
    linked_mut(&mut tenant, &list_id, &task_id)?.push(item.clone());
    Ok(entity_response(StatusCode::CREATED, &item, context(&state, &tenant, &list_id, &task_id, true), &options))
}

pub async fn update_linked(
    State(state): State<SharedState>,
    Path((list_id, task_id, linked_id)): Path<(String, String, String)>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let changes = linked_changes(&parse_json_object(&body)?, false)?;
    let mut tenant = state.write_tenant();
    find_linked(find_task(&tenant, &list_id, &task_id)?, &linked_id)?;
    let list = linked_mut(&mut tenant, &list_id, &task_id)?;
    let item = list
        .iter_mut()
        .find(|l| l.get("id").and_then(Value::as_str) == Some(linked_id.as_str()))
        .ok_or_else(GraphError::outlook_not_found)?;
    if let Some(map) = item.as_object_mut() {
        for (key, value) in changes {
            if value.is_null() {
                map.remove(&key);
            } else {
                map.insert(key, value);
            }
        }
    }
    let item = item.clone();
    Ok(entity_response(StatusCode::OK, &item, context(&state, &tenant, &list_id, &task_id, true), &options))
}

pub async fn delete_linked(
    State(state): State<SharedState>,
    Path((list_id, task_id, linked_id)): Path<(String, String, String)>,
) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    find_linked(find_task(&tenant, &list_id, &task_id)?, &linked_id)?;
    linked_mut(&mut tenant, &list_id, &task_id)?.retain(|l| l.get("id").and_then(Value::as_str) != Some(&linked_id));
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn bodies_are_checked() {
        let ok = linked_changes(
            &map(
                json!({"webUrl": "https://x", "applicationName": "o365", "displayName": "Re: hi", "externalId": "m1"}),
            ),
            true,
        )
        .unwrap();
        assert_eq!(ok.len(), 4);
        assert!(linked_changes(&map(json!({"displayName": "x"})), true).is_err(), "applicationName is required");
        assert!(linked_changes(&map(json!({"webUrl": 3})), false).is_err());
        assert!(linked_changes(&map(json!({"colour": "red"})), false).is_err());
        let inline = initial_linked(Some(&json!([{"applicationName": "a", "displayName": "b"}]))).unwrap();
        assert!(inline[0]["id"].is_string());
        assert!(initial_linked(Some(&json!({"x": 1}))).is_err());
    }
}
