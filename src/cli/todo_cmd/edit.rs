//! `o365 todo edit` and `o365 todo checklist ...`: changing a task's title, due date,
//! importance or note (only what is given), and its checklist (list, add, tick, untick). The
//! arguments are checked before anything is sent; each write says what it did in one line.
use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{due_date, report, resolve};
use crate::cli::args::{ChecklistCommand, TodoEditArgs};
use crate::cli::failure::UsageError;
use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::cli::table::Table;
use crate::domain::ChecklistItem;
use crate::sanitize;
use o365_graph::dto::{self, ItemBody, TaskPatch};
use o365_graph::todo;

pub async fn edit(args: &TodoEditArgs, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let patch = patch_of(args, session.zone, crate::clock::now())?;
    let (list, task) = resolve(session, &args.list, &args.task).await?;
    let changed = todo::update_task(&session.client, &list.id, &task.id, &patch).await.context("changing the task")?;
    report(out, &changed, "Changed", "in", &list)
}

/// The fields `o365 todo edit` sets, or a usage error naming the bad argument.
fn patch_of(args: &TodoEditArgs, zone: Tz, now: DateTime<Utc>) -> Result<TaskPatch, UsageError> {
    let TodoEditArgs { title, due, importance, note, .. } = args;
    if title.is_none() && due.is_none() && importance.is_none() && note.is_none() {
        return Err(UsageError("nothing to change: give --title, --due, --importance or --note".into()));
    }
    if title.as_ref().is_some_and(|t| t.trim().is_empty()) {
        return Err(UsageError("--title: a task needs a title".into()));
    }
    let due_date_time = match due.as_deref().map(str::trim) {
        None => None,
        Some(word) if word.eq_ignore_ascii_case("none") || word.is_empty() => Some(None),
        Some(day) => Some(Some(due_date(day, zone, now)?)),
    };
    Ok(TaskPatch {
        title: title.clone(),
        due_date_time,
        importance: importance.as_deref().map(dto::Importance::from_wire),
        // An empty note clears the body, as the full-screen interface does.
        body: note.as_deref().map(ItemBody::text),
        ..TaskPatch::default()
    })
}

pub async fn checklist(command: &ChecklistCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let client = &session.client;
    match command {
        ChecklistCommand::List { list, task } => {
            let (list, task) = resolve(session, list, task).await?;
            let items =
                todo::list_checklist_items(client, &list.id, &task.id).await.context("listing the checklist")?;
            if out.json() {
                for item in &items {
                    out.json_line(item)?;
                }
                return Ok(());
            }
            if items.is_empty() {
                let _ = std::io::Write::write_all(&mut std::io::stderr(), b"The task has no checklist items.\n");
                return Ok(());
            }
            let mut table = Table::new(&["", "Item"]).shrink_column(1);
            for item in items.iter().map(ChecklistItem::from) {
                table.row([if item.is_checked { "[x]" } else { "[ ]" }, item.title.as_str()]);
            }
            out.table(&table)
        }
        ChecklistCommand::Add { list, task, name } => {
            if name.trim().is_empty() {
                return Err(UsageError("a checklist item needs a name".into()).into());
            }
            let (list, task) = resolve(session, list, task).await?;
            let added = todo::add_checklist_item(client, &list.id, &task.id, name).await.context("adding the item")?;
            said(out, &added, "Added", &task)
        }
        ChecklistCommand::Tick { list, task, item } | ChecklistCommand::Untick { list, task, item } => {
            let checked = matches!(command, ChecklistCommand::Tick { .. });
            let (list, task) = resolve(session, list, task).await?;
            let item = todo::resolve_checklist_item(client, &list.id, &task.id, item).await?;
            let changed = todo::set_checklist_item_checked(client, &list.id, &task.id, &item.id, checked)
                .await
                .context(if checked { "ticking the item" } else { "unticking the item" })?;
            said(out, &changed, if checked { "Ticked" } else { "Unticked" }, &task)
        }
    }
}

/// The item as Graph returned it (`--json`), or one line saying what happened to it.
fn said(out: &mut Output, item: &dto::ChecklistItem, done: &str, task: &dto::TodoTask) -> anyhow::Result<()> {
    if out.json() {
        return out.json_line(item);
    }
    let name = item.display_name.as_deref().unwrap_or(&item.id);
    let line = format!("{done} `{name}` on `{}`", task.title.as_deref().unwrap_or(&task.id));
    out.text(&sanitize::line(&line))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::Cli;
    use crate::cli::args::{Command, TodoCommand};

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-10T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn edit_args(line: &[&str]) -> TodoEditArgs {
        let mut words = vec!["o365", "todo", "edit", "Tasks", "Pay rent"];
        words.extend(line);
        match Cli::try_parse_from(words).unwrap().command {
            Some(Command::Todo(TodoCommand::Edit(args))) => args,
            other => panic!("not todo edit: {other:?}"),
        }
    }

    #[test]
    fn only_the_given_fields_are_sent() {
        let patch = patch_of(&edit_args(&["--due", "-1d", "--importance", "HIGH"]), Tz::UTC, now()).unwrap();
        assert_eq!(patch.due_date_time.unwrap().unwrap().date_time, "2026-03-09T00:00:00");
        assert_eq!(patch.importance, Some(dto::Importance::High));
        assert_eq!((patch.title, patch.body), (None, None));
        let patch = patch_of(&edit_args(&["--due", "none", "--note", "line one\nline two"]), Tz::UTC, now()).unwrap();
        assert_eq!(patch.due_date_time, Some(None), "`none` clears the due date");
        assert_eq!(patch.body, Some(ItemBody::text("line one\nline two")));
        let patch = patch_of(&edit_args(&["--title", "Pay the landlord"]), Tz::UTC, now()).unwrap();
        assert_eq!(patch.title.as_deref(), Some("Pay the landlord"));
    }

    #[test]
    fn nothing_to_change_or_a_bad_value_is_a_usage_error() {
        let error = patch_of(&edit_args(&[]), Tz::UTC, now()).unwrap_err();
        assert!(error.0.contains("nothing to change"), "{error}");
        assert!(patch_of(&edit_args(&["--title", " "]), Tz::UTC, now()).is_err());
        let error = patch_of(&edit_args(&["--due", "someday"]), Tz::UTC, now()).unwrap_err();
        assert!(error.0.starts_with("--due:"), "{error}");
    }
}
