//! The tasks pane's effects as Graph calls (o365_graph::todo): each runs as its own tokio task
//! and answers with one `Msg::Tasks`. Loads need no cancelling: the store drops an answer
//! whose generation it no longer waits for. Writes come one at a time (the store queues them).
use tokio::sync::mpsc::UnboundedSender;

use super::super::effect::tasks::{TaskEffect, TaskWrite};
use super::super::msg::Msg;
use super::super::msg::tasks::{TaskMsg, Written};
use super::Failures;
use crate::domain::{ChecklistItem, Task, TaskList};
use o365_graph::client::GraphClient;
use o365_graph::dto::{self, NewTask};
use o365_graph::error::{GraphError, GraphResult};
use o365_graph::paging::collect;
use o365_graph::request::Request;
use o365_graph::todo;

/// Tasks asked for per page (To Do pages are undocumented; graph-facts §2.4).
const TASKS_PAGE: usize = 100;

pub(super) fn run(client: &GraphClient, messages: &UnboundedSender<Msg>, effect: TaskEffect) {
    let (client, messages) = (client.clone(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let text = |e: GraphError| failures.text(e);
        let msg = match effect {
            TaskEffect::LoadLists { generation } => {
                TaskMsg::Lists { generation, result: lists(&client).await.map_err(text) }
            }
            TaskEffect::LoadTasks { generation, list_id } => {
                TaskMsg::Tasks { generation, result: tasks(&client, &list_id).await.map_err(text) }
            }
            TaskEffect::Write { op, write } => {
                TaskMsg::Written { op, result: write_one(&client, write).await.map_err(text) }
            }
        };
        // The loop may have ended; then nobody needs the answer.
        let _ = messages.send(Msg::Tasks(msg));
        failures.announce(&messages);
    });
}

async fn lists(client: &GraphClient) -> GraphResult<Vec<TaskList>> {
    Ok(todo::list_lists(client, None).await?.iter().map(TaskList::from).collect())
}

/// Every task of the list with its checklist items (`$expand=checklistItems`, graph-facts §3.6).
async fn tasks(client: &GraphClient, list_id: &str) -> GraphResult<Vec<Task>> {
    let request = Request::get(todo::tasks_path(client, list_id))
        .with_param("$top", TASKS_PAGE)
        .with_param("$expand", "checklistItems");
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
        TaskWrite::UpdateTask { list_id, task_id, patch } => {
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
