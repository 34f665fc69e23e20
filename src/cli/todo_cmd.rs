//! `o365 todo lists | tasks LIST`: Microsoft To Do lists, and one list's tasks with status,
//! due date and importance.
use anyhow::Context;

use super::args::TodoCommand;
use super::output::Output;
use super::session::Session;
use super::table::Table;
use crate::domain::{Importance, Task, TaskList};
use crate::graph::todo;

pub async fn run(command: &TodoCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    match command {
        TodoCommand::Lists(limit) => {
            let lists = todo::list_lists(&session.client, limit.get()).await.context("listing To Do lists")?;
            if out.json() {
                for list in &lists {
                    out.json_line(list)?;
                }
                return Ok(());
            }
            let mut table = Table::new(&["List", ""]).shrink_column(0);
            for list in lists.iter().map(TaskList::from) {
                let note = match (list.is_default(), list.is_shared) {
                    (true, _) => "default",
                    (false, true) => "shared",
                    _ => "",
                };
                table.row([list.name.as_str(), note]);
            }
            out.table(&table)
        }
        TodoCommand::Tasks { list, limit } => {
            let list = todo::resolve_list(&session.client, list).await?;
            let tasks = todo::list_tasks(&session.client, &list.id, limit.get()).await.context("listing tasks")?;
            if out.json() {
                for task in &tasks {
                    out.json_line(task)?;
                }
                return Ok(());
            }
            let mut table = Table::new(&["", "Task", "Due", ""]).shrink_column(1);
            for task in tasks.iter().map(Task::from) {
                let done = if task.is_completed() { "[x]" } else { "[ ]" };
                let due = task.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
                let important = if task.importance == Importance::High { "!" } else { "" };
                table.row([done, task.title.as_str(), due.as_str(), important]);
            }
            if table.is_empty() {
                let _ = std::io::Write::write_all(&mut std::io::stderr(), b"The list has no tasks.\n");
                return Ok(());
            }
            out.table(&table)
        }
    }
}
