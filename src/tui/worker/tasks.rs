//! The tasks pane's effects as Graph calls (o365_graph::todo): each runs as its own tokio task
//! and answers with one `Msg::Tasks`. Loads need no cancelling: the store drops an answer
//! whose generation it no longer waits for. Writes come one at a time (the store queues them).
//! With a local cache, lists and tasks read from it offline and what the service answers or
//! confirms is kept in it (`cached_panes`).
use tokio::sync::mpsc::UnboundedSender;

use super::super::effect::tasks::{TaskEffect, TaskWrite};
use super::super::msg::Msg;
use super::super::msg::tasks::{TaskMsg, Written};
use super::Failures;
use super::cached::CacheAccess;
use super::cached_panes::{keep_written, read};
use crate::cache::{Cache, CacheError};
use crate::domain::{ChecklistItem, Task, TaskEdit, TaskList};
use o365_graph::client::GraphClient;
use o365_graph::dto::{self, ItemBody, NewTask, TaskPatch};
use o365_graph::error::{GraphError, GraphResult};
use o365_graph::paging::collect;
use o365_graph::request::Request;
use o365_graph::todo;

/// Tasks asked for per page (To Do pages are undocumented; graph-facts §2.4).
const TASKS_PAGE: usize = 100;

pub(super) fn run(
    client: &GraphClient,
    cache: Option<&CacheAccess>,
    messages: &UnboundedSender<Msg>,
    effect: TaskEffect,
) {
    let (client, cache, messages) = (client.clone(), cache.cloned(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let failed = |e: GraphError| failures.failure(e);
        let cache = cache.as_ref();
        let msg = match effect {
            TaskEffect::LoadLists { generation } => {
                let local = |c: &mut Cache| Ok(Some(c.todo_lists()?).filter(|lists| !lists.is_empty()));
                let found = read(cache, &messages, lists(&client), local, |c, lists| c.keep_todo_lists(&lists));
                TaskMsg::Lists { generation, result: found.await.map_err(failed) }
            }
            TaskEffect::LoadTasks { generation, list_id } => {
                let id = list_id.clone();
                let local = move |c: &mut Cache| {
                    let known = c.todo_lists()?.iter().any(|l| l.id == id);
                    Ok(if known { Some(c.todo_tasks(&id)?) } else { None })
                };
                let kept = list_id.clone();
                let keep = move |c: &mut Cache, tasks: Vec<Task>| c.keep_todo_tasks(&kept, &tasks);
                let found = read(cache, &messages, tasks(&client, &list_id), local, keep);
                TaskMsg::Tasks { generation, result: found.await.map_err(failed) }
            }
            TaskEffect::Write { op, write } => {
                let kept = keep_in_cache(&write);
                let result = write_one(&client, write).await;
                if let Ok(written) = &result {
                    let written = written.clone();
                    keep_written(cache, move |c| kept(c, written)).await;
                }
                TaskMsg::Written { op, result: result.map_err(failed) }
            }
        };
        // The loop may have ended; then nobody needs the answer.
        let _ = messages.send(Msg::Tasks(msg));
        failures.announce(&messages);
    });
}

/// How the cache takes a write once the service confirmed it (checklist items are not cached).
fn keep_in_cache(write: &TaskWrite) -> impl FnOnce(&mut Cache, Written) -> Result<(), CacheError> + Send + 'static {
    let write = write.clone();
    move |cache, written| match (write, written) {
        (TaskWrite::CreateList { .. } | TaskWrite::RenameList { .. }, Written::List(list)) => {
            cache.in_transaction(|tx| crate::cache::todo::upsert_lists(tx, &[list]).map(|_| ()))
        }
        (TaskWrite::DeleteList { list_id }, _) => {
            cache.in_transaction(|tx| crate::cache::todo::remove_lists(tx, &[list_id]).map(|_| ()))
        }
        (TaskWrite::CreateTask { list_id, .. } | TaskWrite::UpdateTask { list_id, .. }, Written::Task(task)) => {
            cache.keep_todo_task(&list_id, Some(&task), None)
        }
        (TaskWrite::DeleteTask { list_id, task_id }, _) => cache.keep_todo_task(&list_id, None, Some(&task_id)),
        _ => Ok(()),
    }
}

async fn lists(client: &GraphClient) -> GraphResult<Vec<TaskList>> {
    Ok(todo::list_lists(client, None).await?.iter().map(TaskList::from).collect())
}

/// Every task of the list with its checklist items and what it came from (`$expand`, graph-facts §3.6).
async fn tasks(client: &GraphClient, list_id: &str) -> GraphResult<Vec<Task>> {
    let request = Request::get(todo::tasks_path(client, list_id))
        .with_param("$top", TASKS_PAGE)
        .with_param("$expand", "checklistItems,linkedResources");
    let tasks: Vec<dto::TodoTask> = collect(client, request, None).await?;
    Ok(tasks.iter().map(Task::from).collect())
}

async fn write_one(client: &GraphClient, write: TaskWrite) -> GraphResult<Written> {
    Ok(match write {
        TaskWrite::CreateList { name } => Written::List(TaskList::from(&todo::create_list(client, &name).await?)),
        TaskWrite::RenameList { list_id, name } => {
            Written::List(TaskList::from(&todo::rename_list(client, &list_id, &name).await?))
        }
        TaskWrite::DeleteList { list_id } => {
            todo::delete_list(client, &list_id).await?;
            Written::Deleted
        }
        TaskWrite::CreateTask { list_id, title } => {
            let new = NewTask { title, ..NewTask::default() };
            Written::Task(Box::new(Task::from(&todo::create_task(client, &list_id, &new).await?)))
        }
        TaskWrite::UpdateTask { list_id, task_id, edit } => {
            let patch = patch_of(&edit);
            Written::Task(Box::new(Task::from(&todo::update_task(client, &list_id, &task_id, &patch).await?)))
        }
        TaskWrite::DeleteTask { list_id, task_id } => {
            todo::delete_task(client, &list_id, &task_id).await?;
            Written::Deleted
        }
        TaskWrite::AddStep { list_id, task_id, name } => {
            Written::Step(ChecklistItem::from(&todo::add_checklist_item(client, &list_id, &task_id, &name).await?))
        }
        TaskWrite::TickStep { list_id, task_id, item_id, checked } => {
            let item = todo::set_checklist_item_checked(client, &list_id, &task_id, &item_id, checked).await?;
            Written::Step(ChecklistItem::from(&item))
        }
        TaskWrite::DeleteStep { list_id, task_id, item_id } => {
            todo::delete_checklist_item(client, &list_id, &task_id, &item_id).await?;
            Written::Deleted
        }
    })
}

/// The PATCH that makes `edit`: only the field it changes. A due date goes as Outlook sends
/// one, that day's midnight in the user's zone.
pub fn patch_of(edit: &TaskEdit) -> TaskPatch {
    match edit {
        TaskEdit::Title(title) => TaskPatch { title: Some(title.clone()), ..TaskPatch::default() },
        TaskEdit::Status(status) => TaskPatch { status: Some(status.clone()), ..TaskPatch::default() },
        TaskEdit::Due { day, zone } => {
            TaskPatch { due_date_time: Some(day.map(|day| todo::due_on(day, zone.name()))), ..TaskPatch::default() }
        }
        TaskEdit::Importance(importance) => TaskPatch { importance: Some(importance.clone()), ..TaskPatch::default() },
        TaskEdit::Note(text) => TaskPatch { body: Some(ItemBody::text(text)), ..TaskPatch::default() },
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{Importance, TaskStatus};
    use o365_graph::dto::DateTimeTimeZone;

    #[test]
    fn each_edit_patches_only_its_field() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24);
        let due = patch_of(&TaskEdit::Due { day, zone: chrono_tz::Europe::Paris });
        let wire = DateTimeTimeZone::new("2026-11-24T00:00:00", "Europe/Paris");
        assert_eq!(due, TaskPatch { due_date_time: Some(Some(wire)), ..TaskPatch::default() });
        let cleared = patch_of(&TaskEdit::Due { day: None, zone: chrono_tz::Tz::UTC });
        assert_eq!(cleared.due_date_time, Some(None), "no day clears the due date");
        let note = patch_of(&TaskEdit::Note("By transfer".into()));
        assert_eq!(note, TaskPatch { body: Some(ItemBody::text("By transfer")), ..TaskPatch::default() });
        assert_eq!(patch_of(&TaskEdit::Title("x".into())).title.as_deref(), Some("x"));
        assert_eq!(patch_of(&TaskEdit::Status(TaskStatus::Completed)).status, Some(TaskStatus::Completed));
        assert_eq!(patch_of(&TaskEdit::Importance(Importance::High)).importance, Some(Importance::High));
    }
}
