//! Microsoft To Do: task lists and their tasks (graph-facts §3.6).
use super::client::GraphClient;
use super::dto::{TodoTask, TodoTaskList};
use super::error::{GraphError, GraphResult};
use super::paging::{collect, page_size};
use super::request::Request;
use super::resource::encode_segment;

/// To Do pages: undocumented; without `$top` lists may come without a nextLink (graph-facts §2.4).
const TODO_MAX_PAGE: usize = 100;

pub async fn list_lists(client: &GraphClient, limit: Option<usize>) -> GraphResult<Vec<TodoTaskList>> {
    let request = Request::get(client.resource_path("todo/lists")).with_param("$top", page_size(limit, TODO_MAX_PAGE));
    collect(client, request, limit).await
}

/// A list by display name (any case) or id.
pub async fn resolve_list(client: &GraphClient, name_or_id: &str) -> GraphResult<TodoTaskList> {
    let lists = list_lists(client, None).await?;
    let wanted = name_or_id.trim();
    lists
        .iter()
        .find(|l| l.id == wanted)
        .or_else(|| lists.iter().find(|l| l.display_name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(wanted))))
        .cloned()
        .ok_or_else(|| GraphError::NotFound(format!("no To Do list named `{wanted}` (see `o365 todo lists`)")))
}

pub async fn list_tasks(client: &GraphClient, list_id: &str, limit: Option<usize>) -> GraphResult<Vec<TodoTask>> {
    let path = client.resource_path(&format!("todo/lists/{}/tasks", encode_segment(list_id)));
    collect(client, Request::get(path).with_param("$top", page_size(limit, TODO_MAX_PAGE)), limit).await
}
