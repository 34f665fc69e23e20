//! Delta queries on To Do (graph-facts §2.8, todotask-delta): `GET /me/todo/lists/delta` and
//! `GET /me/todo/lists/{id}/tasks/delta`, with `crate::delta`'s rounds, tokens and paging. Every
//! write to a list or a task notes it in the tenant's To Do journal (`note_list`, `note_task`);
//! a round gives the lists or the list's tasks changed since, a deleted one as `@removed`.
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::Value;

use super::tasks::{expanded, render_task};
use crate::SharedState;
use crate::calendar::requested_uri;
use crate::delta::token::Round;
use crate::delta::{cut, page, refuse_unsupported, removed, round_of, typed};
use crate::errors::{GraphError, GraphResult};
use crate::odata::{QueryOptions, project};
use crate::paging::{PageRules, preferred_page_size};
use crate::store::Tenant;

/// The journal scope of the lists themselves (a list's tasks use the list's id).
pub const LISTS_SCOPE: &str = "\u{0}todo-lists";

/// A list was made, renamed or deleted.
pub fn note_list(tenant: &mut Tenant, list_id: &str) {
    tenant.todo_changes.record(LISTS_SCOPE, &Arc::from(list_id));
}

/// A task was made, changed (its checklist and links too) or deleted.
pub fn note_task(tenant: &mut Tenant, list_id: &str, task_id: &str) {
    tenant.todo_changes.record(list_id, &Arc::from(task_id));
}

fn id_of(item: &Value) -> Option<Arc<str>> {
    item.get("id").and_then(Value::as_str).map(Arc::from)
}

/// `GET /me/todo/lists/delta`.
pub async fn lists(State(state): State<SharedState>, headers: HeaderMap, parts: Parts) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = QueryOptions::from_uri(&uri)?;
    refuse_unsupported(&options)?;
    let size = PageRules::OUTLOOK.with_preferred_size(preferred_page_size(&headers)).default_size;
    let tenant = state.read_tenant();
    let round = round_of(&uri, &tenant.todo_changes, LISTS_SCOPE)?;
    let all: Vec<Arc<str>> = match round {
        Round::Full { .. } => tenant.todo_lists.iter().filter_map(id_of).collect(),
        Round::Changes { since, until, .. } => tenant.todo_changes.changed(LISTS_SCOPE, since, until),
    };
    let page_cut = cut(&all, round, size);
    let items = page_cut
        .ids
        .iter()
        .map(|id| match tenant.todo_lists.get(id) {
            Some(list) => typed(project(list, &options), "todoTaskList"),
            None => removed("todoTaskList", id),
        })
        .collect();
    Ok(page(&state, &uri, LISTS_SCOPE, items, &page_cut, "todoTaskList"))
}

/// `GET /me/todo/lists/{list_id}/tasks/delta`.
pub async fn tasks(
    State(state): State<SharedState>,
    Path(list_id): Path<String>,
    headers: HeaderMap,
    parts: Parts,
) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = QueryOptions::from_uri(&uri)?;
    refuse_unsupported(&options)?;
    let size = PageRules::OUTLOOK.with_preferred_size(preferred_page_size(&headers)).default_size;
    let tenant = state.read_tenant();
    if !tenant.todo_lists.contains(&list_id) {
        return Err(GraphError::outlook_not_found());
    }
    let round = round_of(&uri, &tenant.todo_changes, &list_id)?;
    let in_list = |task: &Value| task.get("_listId").and_then(Value::as_str) == Some(list_id.as_str());
    let all: Vec<Arc<str>> = match round {
        Round::Full { .. } => tenant.todo_tasks.iter().filter(|t| in_list(t)).filter_map(id_of).collect(),
        Round::Changes { since, until, .. } => tenant.todo_changes.changed(&list_id, since, until),
    };
    let page_cut = cut(&all, round, size);
    let expand = expanded(&options);
    let items = page_cut
        .ids
        .iter()
        .map(|id| match tenant.todo_tasks.get(id).filter(|t| in_list(t)) {
            Some(task) => typed(project(&render_task(task, expand), &options), "todoTask"),
            None => removed("todoTask", id),
        })
        .collect();
    Ok(page(&state, &uri, &list_id, items, &page_cut, "todoTask"))
}
