//! Microsoft To Do: task lists and their tasks (graph-facts §3.6), read and found by name or id.
//! Writes live in `todo/writes.rs` (tasks, lists) and `todo/checklist.rs` (checklist items);
//! delta rounds in `todo/delta.rs`.
mod checklist;
pub mod delta;
mod linked;
pub mod names;
mod writes;

pub use checklist::{
    add_checklist_item, delete_checklist_item, list_checklist_items, resolve_checklist_item, set_checklist_item_checked,
};
pub use linked::{APPLICATION_NAME, add_linked_resource, list_linked_resources, message_link};
pub use writes::{
    complete_task, create_list, create_task, delete_list, delete_task, due_on, rename_list, uncomplete_task,
    update_task,
};

use super::client::GraphClient;
use super::dto::{TodoTask, TodoTaskList};
use super::encode::encode_segment;
use super::error::{GraphError, GraphResult};
use super::paging::{collect, page_size};
use super::request::Request;
use names::{Miss, ambiguous, pick};

/// To Do pages: undocumented; without `$top` lists may come without a nextLink (graph-facts §2.4).
const TODO_MAX_PAGE: usize = 100;

pub async fn list_lists(client: &GraphClient, limit: Option<usize>) -> GraphResult<Vec<TodoTaskList>> {
    let request = Request::get(client.resource_path("todo/lists")).with_param("$top", page_size(limit, TODO_MAX_PAGE));
    collect(client, request, limit).await
}

/// A list by id, or by display name when exactly one list has it (any case, emoji left out:
/// `names::pick`).
pub async fn resolve_list(client: &GraphClient, name_or_id: &str) -> GraphResult<TodoTaskList> {
    let lists = list_lists(client, None).await?;
    let wanted = name_or_id.trim();
    pick(lists, wanted, |l| &l.id, |l| l.display_name.as_deref()).map_err(|miss| match miss {
        Miss::None => GraphError::NotFound(format!("no To Do list named `{wanted}` (see `o365 todo lists`)")),
        Miss::Many(names) => ambiguous(wanted, "lists", &names),
    })
}

pub async fn list_tasks(client: &GraphClient, list_id: &str, limit: Option<usize>) -> GraphResult<Vec<TodoTask>> {
    collect(
        client,
        Request::get(tasks_path(client, list_id)).with_param("$top", page_size(limit, TODO_MAX_PAGE)),
        limit,
    )
    .await
}

/// One task with its checklist items.
pub async fn get_task(client: &GraphClient, list_id: &str, task_id: &str) -> GraphResult<TodoTask> {
    client.json(Request::get(task_path(client, list_id, task_id)).with_param("$expand", "checklistItems")).await
}

/// A task of list `list_id` by id, or by title when exactly one task has it (as `resolve_list`).
/// Several tasks with that title is an error naming them with their ids.
pub async fn resolve_task(client: &GraphClient, list_id: &str, title_or_id: &str) -> GraphResult<TodoTask> {
    let tasks = list_tasks(client, list_id, None).await?;
    let wanted = title_or_id.trim();
    pick(tasks, wanted, |t| &t.id, |t| t.title.as_deref()).map_err(|miss| match miss {
        Miss::None => GraphError::NotFound(format!("no task titled `{wanted}` in that list (see `o365 todo tasks`)")),
        Miss::Many(names) => ambiguous(wanted, "tasks", &names),
    })
}

pub fn tasks_path(client: &GraphClient, list_id: &str) -> String {
    client.resource_path(&format!("todo/lists/{}/tasks", encode_segment(list_id)))
}

pub fn task_path(client: &GraphClient, list_id: &str, task_id: &str) -> String {
    format!("{}/{}", tasks_path(client, list_id), encode_segment(task_id))
}
