//! `o365 todo lists | tasks LIST | add | done | undo | rm | edit | checklist`: Microsoft To Do
//! lists, one list's tasks with status, due date and importance, and the task writes scripts
//! need (`edit` and `checklist` in `todo_cmd/edit.rs`). Lists and tasks are named by title (any
//! case, emoji left out) or by id; writes ask nothing and say what they did.
mod edit;

use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::args::TodoCommand;
use super::failure::UsageError;
use super::output::Output;
use super::session::Session;
use super::table::Table;
use crate::domain::{Importance, Task, TaskList};
use crate::human::dates::parse_instant;
use crate::sanitize;
use o365_graph::dto::{self, DateTimeTimeZone, ItemBody, NewTask, TodoTask};
use o365_graph::todo;

pub async fn run(command: &TodoCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    match command {
        TodoCommand::Lists { limit, cached: true } => {
            let mut lists = super::cached::open(session)?.todo_lists()?;
            if lists.is_empty() {
                return Err(super::cached::not_synced("To Do lists"));
            }
            lists.truncate(limit.get().unwrap_or(usize::MAX));
            if out.json() {
                for list in &lists {
                    out.json_line(list)?;
                }
                return Ok(());
            }
            print_lists(&lists, out)
        }
        TodoCommand::Lists { limit, cached: false } => {
            let lists = todo::list_lists(&session.client, limit.get()).await.context("listing To Do lists")?;
            if out.json() {
                for list in &lists {
                    out.json_line(list)?;
                }
                return Ok(());
            }
            print_lists(&lists.iter().map(TaskList::from).collect::<Vec<_>>(), out)
        }
        TodoCommand::Tasks { list, limit, cached: true } => {
            let cache = super::cached::open(session)?;
            let lists = cache.todo_lists()?;
            if lists.is_empty() {
                return Err(super::cached::not_synced("To Do lists"));
            }
            let wanted = list.trim();
            let found = lists
                .iter()
                .find(|l| l.id == wanted)
                .or_else(|| lists.iter().find(|l| l.name.eq_ignore_ascii_case(wanted)));
            let Some(found) = found else {
                return Err(UsageError(format!("no cached To Do list named `{}`", sanitize::line(wanted))).into());
            };
            let mut tasks = cache.todo_tasks(&found.id)?;
            tasks.truncate(limit.get().unwrap_or(usize::MAX));
            if out.json() {
                for task in &tasks {
                    out.json_line(task)?;
                }
                return Ok(());
            }
            print_tasks(&tasks, out)
        }
        TodoCommand::Tasks { list, limit, cached: false } => {
            let list = todo::resolve_list(&session.client, list).await?;
            let tasks = todo::list_tasks(&session.client, &list.id, limit.get()).await.context("listing tasks")?;
            if out.json() {
                for task in &tasks {
                    out.json_line(task)?;
                }
                return Ok(());
            }
            let tasks: Vec<Task> = tasks.iter().map(Task::from).collect();
            print_tasks(&tasks, out)
        }
        TodoCommand::Add { list, title, due, importance, note, from_mail } => {
            // Arguments are checked before anything is sent.
            let mut task = new_task(
                title,
                due.as_deref(),
                importance.as_deref(),
                note.as_deref(),
                session.zone,
                crate::clock::now(),
            )?;
            if let Some(id) = from_mail {
                let (message, _) =
                    o365_graph::mail::get_message(&session.client, id).await.context("reading the message")?;
                task.linked_resources = vec![todo::message_link(&message)];
            }
            let list = todo::resolve_list(&session.client, list).await?;
            let created = todo::create_task(&session.client, &list.id, &task).await.context("adding the task")?;
            report(out, &created, "Added", "to", &list)
        }
        TodoCommand::Done { list, task } => {
            let (list, task) = resolve(session, list, task).await?;
            let done = todo::complete_task(&session.client, &list.id, &task.id).await.context("completing the task")?;
            report(out, &done, "Completed", "in", &list)
        }
        TodoCommand::Undo { list, task } => {
            let (list, task) = resolve(session, list, task).await?;
            let undone =
                todo::uncomplete_task(&session.client, &list.id, &task.id).await.context("reopening the task")?;
            report(out, &undone, "Marked as not completed:", "in", &list)
        }
        TodoCommand::Rm { list, task } => {
            let (list, task) = resolve(session, list, task).await?;
            todo::delete_task(&session.client, &list.id, &task.id).await.context("deleting the task")?;
            // With --json: the task as it was just before it went.
            report(out, &task, "Deleted", "from", &list)
        }
        TodoCommand::Edit(args) => edit::edit(args, session, out).await,
        TodoCommand::Checklist(command) => edit::checklist(command, session, out).await,
    }
}

/// A table of tasks: done or not, title, due day, `!` for important ones.
/// The lists as a List / (default or shared) table.
fn print_lists(lists: &[TaskList], out: &mut Output) -> anyhow::Result<()> {
    let mut table = Table::new(&["List", ""]).shrink_column(0);
    for list in lists {
        let note = match (list.is_default(), list.is_shared) {
            (true, _) => "default",
            (false, true) => "shared",
            _ => "",
        };
        table.row([list.name.as_str(), note]);
    }
    out.table(&table)
}

fn print_tasks(tasks: &[Task], out: &mut Output) -> anyhow::Result<()> {
    let mut table = Table::new(&["", "Task", "Due", ""]).shrink_column(1);
    for task in tasks {
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

async fn resolve(session: &Session, list: &str, task: &str) -> anyhow::Result<(dto::TodoTaskList, TodoTask)> {
    let list = todo::resolve_list(&session.client, list).await?;
    let task = todo::resolve_task(&session.client, &list.id, task).await?;
    Ok((list, task))
}

/// The task as Graph returned it (`--json`), or one line saying what happened to it.
fn report(
    out: &mut Output,
    task: &TodoTask,
    done: &str,
    preposition: &str,
    list: &dto::TodoTaskList,
) -> anyhow::Result<()> {
    if out.json() {
        return out.json_line(task);
    }
    let task = Task::from(task);
    let due = task.due.map(|d| format!(" (due {})", d.format("%Y-%m-%d"))).unwrap_or_default();
    let line =
        format!("{done} `{}` {preposition} {}{due}", task.title, list.display_name.as_deref().unwrap_or(&list.id));
    out.text(&sanitize::line(&line))
}

/// The body of `o365 todo add`, or a usage error naming the bad argument.
fn new_task(
    title: &str,
    due: Option<&str>,
    importance: Option<&str>,
    note: Option<&str>,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<NewTask, UsageError> {
    if title.trim().is_empty() {
        return Err(UsageError("a task needs a title".into()));
    }
    Ok(NewTask {
        title: title.to_owned(),
        due_date_time: due.map(|arg| due_date(arg, zone, now)).transpose()?,
        importance: importance.map(dto::Importance::from_wire),
        body: note.map(ItemBody::text),
        ..NewTask::default()
    })
}

/// `--due`: the calendar's date words, read as the day they fall on in the user's zone and sent
/// as that day's midnight in that zone.
fn due_date(arg: &str, zone: Tz, now: DateTime<Utc>) -> Result<DateTimeTimeZone, UsageError> {
    let instant = parse_instant(arg, zone, now).map_err(|e| UsageError(format!("--due: {e}")))?;
    Ok(todo::due_on(instant.with_timezone(&zone).date_naive(), zone.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        // Already Wednesday 11 March in Tokyo.
        DateTime::parse_from_rfc3339("2026-03-10T23:30:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn due_words_are_days_in_the_users_zone() {
        let tokyo = chrono_tz::Asia::Tokyo;
        assert_eq!(
            due_date("today", tokyo, now()).unwrap(),
            DateTimeTimeZone::new("2026-03-11T00:00:00", "Asia/Tokyo")
        );
        assert_eq!(due_date("+2d", tokyo, now()).unwrap().date_time, "2026-03-13T00:00:00");
        assert_eq!(
            due_date("2026-04-01", Tz::UTC, now()).unwrap(),
            DateTimeTimeZone::new("2026-04-01T00:00:00", "UTC")
        );
        // A time of day names the day it falls on there.
        assert_eq!(due_date("2026-04-01T22:30:00Z", tokyo, now()).unwrap().date_time, "2026-04-02T00:00:00");
    }

    #[test]
    fn bad_arguments_are_usage_errors_before_anything_is_sent() {
        let error = due_date("someday", Tz::UTC, now()).unwrap_err();
        assert!(error.to_string().starts_with("--due:") && error.to_string().contains("`someday`"), "{error}");
        assert!(new_task("  ", None, None, None, Tz::UTC, now()).is_err());
        let task = new_task("Pay rent", Some("tomorrow"), Some("HIGH"), Some("by transfer"), Tz::UTC, now()).unwrap();
        assert_eq!(task.importance, Some(dto::Importance::High));
        assert_eq!(task.due_date_time.unwrap().date_time, "2026-03-11T00:00:00");
        assert_eq!(task.body, Some(ItemBody::text("by transfer")));
    }
}
