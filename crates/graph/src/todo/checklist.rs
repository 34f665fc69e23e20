//! Checklist items (steps) of a To Do task (graph-facts §3.6): list, add, tick or untick, delete.
use super::names::{Miss, ambiguous, pick};
use super::task_path;
use crate::client::{GraphClient, to_body};
use crate::dto::{ChecklistItem, ChecklistItemPatch, NewChecklistItem};
use crate::encode::encode_segment;
use crate::error::{GraphError, GraphResult};
use crate::paging::collect;
use crate::request::Request;

fn items_path(client: &GraphClient, list_id: &str, task_id: &str) -> String {
    format!("{}/checklistItems", task_path(client, list_id, task_id))
}

fn item_path(client: &GraphClient, list_id: &str, task_id: &str, item_id: &str) -> String {
    format!("{}/{}", items_path(client, list_id, task_id), encode_segment(item_id))
}

/// Every checklist item of a task, in Graph's order.
pub async fn list_checklist_items(
    client: &GraphClient,
    list_id: &str,
    task_id: &str,
) -> GraphResult<Vec<ChecklistItem>> {
    collect(client, Request::get(items_path(client, list_id, task_id)), None).await
}

/// An item of the task by id, or by name when exactly one item has it (any case, emoji left
/// out, as lists and tasks are found); several with that name is an error naming their ids.
pub async fn resolve_checklist_item(
    client: &GraphClient,
    list_id: &str,
    task_id: &str,
    name_or_id: &str,
) -> GraphResult<ChecklistItem> {
    let items = list_checklist_items(client, list_id, task_id).await?;
    let wanted = name_or_id.trim();
    pick(items, wanted, |i| &i.id, |i| i.display_name.as_deref()).map_err(|miss| match miss {
        Miss::None => GraphError::NotFound(format!("no checklist item named `{wanted}` in that task")),
        Miss::Many(names) => ambiguous(wanted, "checklist items", &names),
    })
}

/// `POST .../checklistItems` → 201 with the new, unticked item.
pub async fn add_checklist_item(
    client: &GraphClient,
    list_id: &str,
    task_id: &str,
    name: &str,
) -> GraphResult<ChecklistItem> {
    let body = to_body(&NewChecklistItem { display_name: name.to_owned(), is_checked: None })?;
    client.json(Request::post(items_path(client, list_id, task_id)).with_json(body)).await
}

/// Ticks (`checked`) or unticks an item; Graph sets or clears `checkedDateTime`.
pub async fn set_checklist_item_checked(
    client: &GraphClient,
    list_id: &str,
    task_id: &str,
    item_id: &str,
    checked: bool,
) -> GraphResult<ChecklistItem> {
    let body = to_body(&ChecklistItemPatch { display_name: None, is_checked: Some(checked) })?;
    client.json(Request::patch(item_path(client, list_id, task_id, item_id)).with_json(body)).await
}

/// `DELETE .../checklistItems/{id}` → 204.
pub async fn delete_checklist_item(
    client: &GraphClient,
    list_id: &str,
    task_id: &str,
    item_id: &str,
) -> GraphResult<()> {
    client.send(Request::delete(item_path(client, list_id, task_id, item_id))).await.map(drop)
}
