//! To Do writes (graph-facts §3.6): create, patch, complete, uncomplete and delete tasks;
//! create, rename and delete lists. Creates are POSTs, never retried on a broken answer (a
//! retry could make two); patches and deletes are idempotent and retried as usual.
use chrono::NaiveDate;

use super::{task_path, tasks_path};
use crate::client::{GraphClient, to_body};
use crate::dto::{DateTimeTimeZone, NewTask, NewTaskList, TaskPatch, TaskStatus, TodoTask, TodoTaskList};
use crate::encode::encode_segment;
use crate::error::GraphResult;
use crate::request::Request;

/// A due date as Outlook sends one: that day's midnight, written in the user's zone. To Do due
/// dates are days, so the zone only says which calendar the date belongs to.
pub fn due_on(date: NaiveDate, zone_name: &str) -> DateTimeTimeZone {
    DateTimeTimeZone::new(&format!("{}T00:00:00", date.format("%Y-%m-%d")), zone_name)
}

/// `POST .../lists/{id}/tasks` → 201 with the new task.
pub async fn create_task(client: &GraphClient, list_id: &str, task: &NewTask) -> GraphResult<TodoTask> {
    client.json(Request::post(tasks_path(client, list_id)).with_json(to_body(task)?)).await
}

/// `PATCH .../tasks/{id}` with only the fields `patch` sets → 200 with the whole task.
pub async fn update_task(
    client: &GraphClient,
    list_id: &str,
    task_id: &str,
    patch: &TaskPatch,
) -> GraphResult<TodoTask> {
    client.json(Request::patch(task_path(client, list_id, task_id)).with_json(to_body(patch)?)).await
}

/// Marks a task completed; Graph stamps `completedDateTime`.
pub async fn complete_task(client: &GraphClient, list_id: &str, task_id: &str) -> GraphResult<TodoTask> {
    let patch = TaskPatch { status: Some(TaskStatus::Completed), ..TaskPatch::default() };
    update_task(client, list_id, task_id, &patch).await
}

/// Marks a task not started again; Graph drops `completedDateTime`.
pub async fn uncomplete_task(client: &GraphClient, list_id: &str, task_id: &str) -> GraphResult<TodoTask> {
    let patch = TaskPatch { status: Some(TaskStatus::NotStarted), ..TaskPatch::default() };
    update_task(client, list_id, task_id, &patch).await
}

/// `DELETE .../tasks/{id}` → 204. A task that is not there is Graph's 404.
pub async fn delete_task(client: &GraphClient, list_id: &str, task_id: &str) -> GraphResult<()> {
    client.send(Request::delete(task_path(client, list_id, task_id))).await.map(drop)
}

fn list_path(client: &GraphClient, list_id: &str) -> String {
    client.resource_path(&format!("todo/lists/{}", encode_segment(list_id)))
}

/// `POST /me/todo/lists` → 201 with the new list.
pub async fn create_list(client: &GraphClient, name: &str) -> GraphResult<TodoTaskList> {
    let body = to_body(&NewTaskList { display_name: name.to_owned() })?;
    client.json(Request::post(client.resource_path("todo/lists")).with_json(body)).await
}

/// `PATCH /me/todo/lists/{id}` with a new display name → 200 with the list.
pub async fn rename_list(client: &GraphClient, list_id: &str, name: &str) -> GraphResult<TodoTaskList> {
    let body = to_body(&NewTaskList { display_name: name.to_owned() })?;
    client.json(Request::patch(list_path(client, list_id)).with_json(body)).await
}

/// `DELETE /me/todo/lists/{id}` → 204, with every task in it. Graph refuses the well-known lists.
pub async fn delete_list(client: &GraphClient, list_id: &str) -> GraphResult<()> {
    client.send(Request::delete(list_path(client, list_id))).await.map(drop)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::dto::{Importance, ItemBody};

    #[test]
    fn a_due_date_is_midnight_in_the_named_zone() {
        let due = due_on(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), "Europe/Berlin");
        assert_eq!(to_body(&due).unwrap(), json!({"dateTime": "2026-11-25T00:00:00", "timeZone": "Europe/Berlin"}));
    }

    #[test]
    fn bodies_carry_only_what_is_set() {
        let patch = TaskPatch { status: Some(TaskStatus::Completed), ..TaskPatch::default() };
        assert_eq!(to_body(&patch).unwrap(), json!({"status": "completed"}));
        let clear = TaskPatch { due_date_time: Some(None), ..TaskPatch::default() };
        assert_eq!(to_body(&clear).unwrap(), json!({"dueDateTime": null}));
        let task = NewTask {
            title: "Pay rent".into(),
            importance: Some(Importance::High),
            body: Some(ItemBody::text("by transfer")),
            ..NewTask::default()
        };
        assert_eq!(
            to_body(&task).unwrap(),
            json!({"title": "Pay rent", "importance": "high", "body": {"contentType": "text", "content": "by transfer"}})
        );
    }
}
