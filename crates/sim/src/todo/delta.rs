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
use crate::delta::journal::{self, Journaled, id_of};
use crate::errors::{GraphError, GraphResult};
use crate::odata::project;
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

/// `GET /me/todo/lists/delta`.
pub async fn lists(State(state): State<SharedState>, headers: HeaderMap, parts: Parts) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = journal::options(&uri)?;
    let tenant = state.read_tenant();
    let collection = Journaled { changes: &tenant.todo_changes, scope: LISTS_SCOPE, entity: "todoTaskList" };
    journal::answer(
        &state,
        &uri,
        &headers,
        collection,
        || tenant.todo_lists.iter().filter_map(id_of).collect(),
        |id| tenant.todo_lists.get(id).map(|list| project(list, &options)),
    )
}

/// `GET /me/todo/lists/{list_id}/tasks/delta`.
pub async fn tasks(
    State(state): State<SharedState>,
    Path(list_id): Path<String>,
    headers: HeaderMap,
    parts: Parts,
) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = journal::options(&uri)?;
    let tenant = state.read_tenant();
    if !tenant.todo_lists.contains(&list_id) {
        return Err(GraphError::outlook_not_found());
    }
    let in_list = |task: &&Value| task.get("_listId").and_then(Value::as_str) == Some(list_id.as_str());
    let expand = expanded(&options);
    let collection = Journaled { changes: &tenant.todo_changes, scope: &list_id, entity: "todoTask" };
    journal::answer(
        &state,
        &uri,
        &headers,
        collection,
        || tenant.todo_tasks.iter().filter(in_list).filter_map(id_of).collect(),
        |id| tenant.todo_tasks.get(id).filter(in_list).map(|task| project(&render_task(task, expand), &options)),
    )
}
