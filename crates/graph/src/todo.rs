//! Microsoft To Do: task lists and their tasks (graph-facts §3.6), read and found by name or id.
//! Writes live in `todo/writes.rs` (tasks, lists) and `todo/checklist.rs` (checklist items);
//! delta rounds in `todo/delta.rs`.
mod checklist;
pub mod delta;
mod linked;
mod writes;

pub use checklist::{add_checklist_item, delete_checklist_item, list_checklist_items, set_checklist_item_checked};
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

/// To Do pages: undocumented; without `$top` lists may come without a nextLink (graph-facts §2.4).
const TODO_MAX_PAGE: usize = 100;

pub async fn list_lists(client: &GraphClient, limit: Option<usize>) -> GraphResult<Vec<TodoTaskList>> {
    let request = Request::get(client.resource_path("todo/lists")).with_param("$top", page_size(limit, TODO_MAX_PAGE));
    collect(client, request, limit).await
}

/// A list by id, or by display name in any case when exactly one list has it.
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

/// A task of list `list_id` by id, or by title in any case when exactly one task has it.
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

/// Why `pick` found no single item: nothing matched, or these (name, id) pairs all did.
#[derive(Debug, PartialEq, Eq)]
enum Miss {
    None,
    Many(Vec<(String, String)>),
}

/// The item whose id is `wanted`, else the one item whose name equals it ignoring case.
fn pick<T>(
    items: Vec<T>,
    wanted: &str,
    id: impl Fn(&T) -> &String,
    name: impl Fn(&T) -> Option<&str>,
) -> Result<T, Miss> {
    let folded = wanted.to_lowercase();
    let mut by_name = Vec::new();
    for item in items {
        if id(&item) == wanted {
            return Ok(item);
        }
        if name(&item).is_some_and(|n| n.trim().to_lowercase() == folded) {
            by_name.push(item);
        }
    }
    match by_name.len() {
        0 => Err(Miss::None),
        1 => Ok(by_name.remove(0)),
        _ => Err(Miss::Many(by_name.iter().map(|i| (name(i).unwrap_or_default().to_owned(), id(i).clone())).collect())),
    }
}

/// Acting on one of several same-named items would be a guess: the client refuses and lists them.
fn ambiguous(wanted: &str, what: &str, candidates: &[(String, String)]) -> GraphError {
    let listed: Vec<String> = candidates.iter().map(|(name, id)| format!("`{name}` (id {id})")).collect();
    GraphError::Ambiguous(format!(
        "`{wanted}` names {} {what}: {}; give the id instead",
        candidates.len(),
        listed.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(id, name)| (id.to_string(), name.to_string())).collect()
    }

    fn pick_in(pairs: &[(&str, &str)], wanted: &str) -> Result<(String, String), Miss> {
        pick(items(pairs), wanted, |(id, _)| id, |(_, name)| Some(name.as_str()))
    }

    #[test]
    fn an_id_wins_then_a_unique_name_in_any_case() {
        let pairs = [("a1", "Buy milk"), ("b2", "Ärger melden"), ("c3", "a1")];
        assert_eq!(pick_in(&pairs, "a1").unwrap().0, "a1", "an id before a title that looks like it");
        assert_eq!(pick_in(&pairs, "BUY MILK").unwrap().0, "a1");
        assert_eq!(pick_in(&pairs, "ärger MELDEN").unwrap().0, "b2", "case folding beyond ASCII");
        assert_eq!(pick_in(&pairs, "nothing"), Err(Miss::None));
    }

    #[test]
    fn several_names_are_an_error_listing_each_with_its_id() {
        let pairs = [("a1", "Call Bob"), ("b2", "call bob"), ("c3", "Other")];
        let miss = pick_in(&pairs, "Call bob").unwrap_err();
        assert_eq!(miss, Miss::Many(items(&[("Call Bob", "a1"), ("call bob", "b2")])));
        let Miss::Many(candidates) = miss else { unreachable!() };
        let text = ambiguous("Call bob", "tasks", &candidates).to_string();
        assert!(
            text.contains("`Call bob` names 2 tasks") && text.contains("(id a1)") && text.contains("(id b2)"),
            "{text}"
        );
    }
}
