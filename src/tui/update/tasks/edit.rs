//! To Do edits from the tasks pane: the keys ask through the shared prompt (names, titles,
//! dates, notes, yes/no before deleting); answered, the change shows in the store at once and
//! its write is queued with an undo record (`answers.rs` reconciles or rolls back).
use super::super::super::action::Action;
use super::super::super::effect::Effect;
use super::super::super::effect::tasks::TaskWrite;
use super::super::super::store::Store;
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::super::store::tasks::{TaskPrompt, TasksFocus, Undo};
use super::super::prompt::Answered;
use super::super::{notify, report_error};
use super::answers::send;
use super::{open_list, open_selected_list, relayout};
use crate::domain::{ChecklistItem, Importance, Task, TaskEdit, TaskList, TaskStatus, WellknownListName};
use crate::human::dates::parse_day;

fn ask(store: &mut Store, prompt: Prompt) -> Vec<Effect> {
    store.prompt = Some(prompt);
    Vec::new()
}

fn text(store: &mut Store, title: String, initial: &str, asked: TaskPrompt) -> Vec<Effect> {
    ask(store, Prompt::text(title, initial, Purpose::Tasks(asked)))
}

fn yes_no(store: &mut Store, title: String, asked: TaskPrompt) -> Vec<Effect> {
    ask(store, Prompt::yes_no(title, Purpose::Tasks(asked)))
}

/// The open list's id and the selected task, when there is one.
pub(super) fn selected(store: &Store) -> Option<(String, Task)> {
    let list_id = store.tasks.open_list.clone()?;
    Some((list_id, store.tasks.selected_task()?.clone()))
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let focus = store.tasks.focus;
    match (action, focus) {
        (Action::Add, TasksFocus::Lists) => text(store, "New list".into(), "", TaskPrompt::NewList),
        (Action::Add, TasksFocus::Tasks) => match (store.tasks.open_list.clone(), store.tasks.tasks.ready()) {
            (Some(list_id), Some(_)) => {
                let name = store.tasks.list(&list_id).map(|l| l.name.clone()).unwrap_or_default();
                text(store, format!("New task in {name}"), "", TaskPrompt::NewTask { list_id })
            }
            _ => Vec::new(),
        },
        (Action::Add, TasksFocus::Detail) => match selected(store) {
            Some((list_id, task)) => {
                let asked = TaskPrompt::NewStep { list_id, task_id: task.id };
                text(store, format!("New checklist item for {}", task.title), "", asked)
            }
            None => Vec::new(),
        },
        (Action::Rename, TasksFocus::Lists) => match store.tasks.selected_list().cloned() {
            Some(list) => {
                let asked = TaskPrompt::RenameList { list_id: list.id };
                text(store, format!("Rename the list {}", list.name), &list.name, asked)
            }
            None => Vec::new(),
        },
        (Action::Rename, _) => match selected(store) {
            Some((list_id, task)) => {
                text(store, "Title".into(), &task.title, TaskPrompt::Title { list_id, task_id: task.id })
            }
            None => Vec::new(),
        },
        (Action::Delete, TasksFocus::Lists) => match store.tasks.selected_list().cloned() {
            Some(list) if is_well_known(&list) => {
                report_error(store, format!("The list {} belongs to To Do itself and cannot be deleted", list.name));
                Vec::new()
            }
            Some(list) => {
                let title = format!("Delete the list {} and all its tasks?", list.name);
                yes_no(store, title, TaskPrompt::DeleteList { list_id: list.id })
            }
            None => Vec::new(),
        },
        (Action::Delete, TasksFocus::Tasks) => match selected(store) {
            Some((list_id, task)) => {
                let title = format!("Delete the task {}?", task.title);
                yes_no(store, title, TaskPrompt::DeleteTask { list_id, task_id: task.id })
            }
            None => Vec::new(),
        },
        (Action::Delete, TasksFocus::Detail) => match (selected(store), store.tasks.selected_step().cloned()) {
            (Some((list_id, task)), Some(item)) => {
                let title = format!("Delete the checklist item {}?", item.title);
                yes_no(store, title, TaskPrompt::DeleteStep { list_id, task_id: task.id, item_id: item.id })
            }
            (Some(_), None) => {
                notify(store, "The task has no checklist items (a adds one)".into());
                Vec::new()
            }
            _ => Vec::new(),
        },
        (Action::ToggleDone, TasksFocus::Detail) if store.tasks.selected_step().is_some() => tick_step(store),
        (Action::ToggleDone, TasksFocus::Tasks | TasksFocus::Detail) => toggle_done(store),
        (Action::EditDue, TasksFocus::Tasks | TasksFocus::Detail) => match selected(store) {
            Some((list_id, task)) => {
                let initial = task.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
                let title = "Due date (YYYY-MM-DD, today, tomorrow, +Nd; empty clears it)".to_owned();
                text(store, title, &initial, TaskPrompt::Due { list_id, task_id: task.id })
            }
            None => Vec::new(),
        },
        (Action::CycleImportance, TasksFocus::Tasks | TasksFocus::Detail) => cycle_importance(store),
        (Action::EditNote, TasksFocus::Tasks | TasksFocus::Detail) => super::note::open(store),
        _ => Vec::new(),
    }
}

/// The well-known lists ("Tasks", "Flagged email") belong to the mailbox; the service refuses
/// to delete them, so the pane does not try.
fn is_well_known(list: &TaskList) -> bool {
    matches!(list.wellknown, Some(WellknownListName::DefaultList | WellknownListName::FlaggedEmails))
}

/// The answer to a tasks prompt: the change is made and its write queued.
pub(in crate::tui::update) fn answer(store: &mut Store, asked: TaskPrompt, answer: &str) -> Answered {
    match asked {
        TaskPrompt::NewList => Ok(create_list(store, required(answer, "A list needs a name")?)),
        TaskPrompt::RenameList { list_id } => Ok(rename_list(store, list_id, required(answer, "A list needs a name")?)),
        TaskPrompt::DeleteList { list_id } => Ok(delete_list(store, list_id)),
        TaskPrompt::NewTask { list_id } => Ok(create_task(store, list_id, required(answer, "A task needs a title")?)),
        TaskPrompt::Title { list_id, task_id } => {
            let title = required(answer, "A task needs a title")?;
            Ok(change_task(store, list_id, task_id, TaskEdit::Title(title), "Renaming"))
        }
        TaskPrompt::Due { list_id, task_id } => {
            let due = match answer {
                "" => None,
                day => {
                    let today = store.tasks.today.unwrap_or_default();
                    Some(parse_day(day, today).map_err(|e| e.to_string())?)
                }
            };
            let edit = TaskEdit::Due { day: due, zone: store.zone };
            Ok(change_task(store, list_id, task_id, edit, "Setting the due date of"))
        }
        TaskPrompt::DeleteTask { list_id, task_id } => Ok(delete_task(store, list_id, task_id)),
        TaskPrompt::NewStep { list_id, task_id } => {
            Ok(add_step(store, list_id, task_id, required(answer, "A checklist item needs a name")?))
        }
        TaskPrompt::DeleteStep { list_id, task_id, item_id } => Ok(delete_step(store, list_id, task_id, item_id)),
    }
}

fn required(answer: &str, reason: &str) -> Result<String, String> {
    if answer.is_empty() { Err(reason.to_owned()) } else { Ok(answer.to_owned()) }
}

fn create_list(store: &mut Store, name: String) -> Vec<Effect> {
    let Some(lists) = store.tasks.lists.ready() else { return Vec::new() };
    let index = lists.len();
    let list_id = store.tasks.writes.local_id();
    let list = TaskList {
        id: list_id.clone(),
        name: name.clone(),
        wellknown: Some(WellknownListName::None),
        is_owner: true,
        is_shared: false,
    };
    if let Some(lists) = store.tasks.lists.ready_mut() {
        lists.push(list);
    }
    store.tasks.list_cursor.selected = index;
    store.tasks.focus = TasksFocus::Lists;
    let mut effects = open_list(store, list_id.clone());
    relayout(store);
    let what = format!("Creating the list {name}");
    effects.extend(send(store, TaskWrite::CreateList { name }, Undo::ListCreated { list_id }, what));
    effects
}

fn rename_list(store: &mut Store, list_id: String, name: String) -> Vec<Effect> {
    let Some(list) = store.tasks.lists.ready_mut().and_then(|lists| lists.iter_mut().find(|l| l.id == list_id)) else {
        return Vec::new();
    };
    let old = std::mem::replace(&mut list.name, name.clone());
    let what = format!("Renaming the list {old}");
    send(
        store,
        TaskWrite::RenameList { list_id: list_id.clone(), name },
        Undo::ListRenamed { list_id, name: old },
        what,
    )
}

fn delete_list(store: &mut Store, list_id: String) -> Vec<Effect> {
    let Some(lists) = store.tasks.lists.ready_mut() else { return Vec::new() };
    let Some(index) = lists.iter().position(|l| l.id == list_id) else { return Vec::new() };
    let list = lists.remove(index);
    let was_open = store.tasks.open_list.as_deref() == Some(list_id.as_str());
    relayout(store);
    let mut effects = if was_open { open_selected_list(store) } else { Vec::new() };
    let what = format!("Deleting the list {}", list.name);
    effects.extend(send(store, TaskWrite::DeleteList { list_id }, Undo::ListDeleted { index, list }, what));
    effects
}

fn create_task(store: &mut Store, list_id: String, title: String) -> Vec<Effect> {
    if store.tasks.open_list.as_deref() != Some(list_id.as_str()) {
        return Vec::new();
    }
    let task_id = store.tasks.writes.local_id();
    let task = Task {
        id: task_id.clone(),
        title: title.clone(),
        status: TaskStatus::NotStarted,
        importance: Importance::Normal,
        due: None,
        reminder: None,
        completed: None,
        note: None,
        checklist: Vec::new(),
        categories: Vec::new(),
        created: None,
        modified: None,
        links: Vec::new(),
    };
    let Some(tasks) = store.tasks.tasks.ready_mut() else { return Vec::new() };
    tasks.push(task);
    // The new task shows, whatever the filter was.
    store.tasks.filter = Default::default();
    super::reselect(store, Some(task_id.clone()));
    store.tasks.step_cursor = 0;
    let what = format!("Adding the task {title}");
    send(store, TaskWrite::CreateTask { list_id: list_id.clone(), title }, Undo::TaskCreated { list_id, task_id }, what)
}

/// Makes `edit` on the task in the store at once and queues it; its undo record is what the
/// edit replaced. `doing` names the change for an error notice.
pub(super) fn change_task(
    store: &mut Store,
    list_id: String,
    task_id: String,
    edit: TaskEdit,
    doing: &str,
) -> Vec<Effect> {
    let Some(task) = store.tasks.task_mut(&list_id, &task_id) else { return Vec::new() };
    let what = format!("{doing} {}", task.title);
    let before = edit.apply(task);
    let write = TaskWrite::UpdateTask { list_id: list_id.clone(), task_id: task_id.clone(), edit };
    send(store, write, Undo::TaskChanged { list_id, task_id, before }, what)
}

fn toggle_done(store: &mut Store) -> Vec<Effect> {
    let Some((list_id, task)) = selected(store) else { return Vec::new() };
    let (status, doing) =
        if task.is_completed() { (TaskStatus::NotStarted, "Reopening") } else { (TaskStatus::Completed, "Completing") };
    let completing = !task.is_completed();
    let effects = change_task(store, list_id, task.id, TaskEdit::Status(status), doing);
    // Completed tasks are hidden: this one goes from the list, and the cursor is on the next.
    if completing && !store.tasks.show_completed {
        notify(store, format!("Completed {} (c shows completed tasks)", task.title));
        relayout(store);
    }
    effects
}

fn cycle_importance(store: &mut Store) -> Vec<Effect> {
    let Some((list_id, task)) = selected(store) else { return Vec::new() };
    let next = match task.importance {
        Importance::Low => Importance::Normal,
        Importance::Normal => Importance::High,
        _ => Importance::Low,
    };
    change_task(store, list_id, task.id, TaskEdit::Importance(next), "Changing the importance of")
}

fn delete_task(store: &mut Store, list_id: String, task_id: String) -> Vec<Effect> {
    if store.tasks.open_list.as_deref() != Some(list_id.as_str()) {
        return Vec::new();
    }
    let Some(tasks) = store.tasks.tasks.ready_mut() else { return Vec::new() };
    let Some(index) = tasks.iter().position(|t| t.id == task_id) else { return Vec::new() };
    let task = tasks.remove(index);
    relayout(store);
    let what = format!("Deleting the task {}", task.title);
    send(
        store,
        TaskWrite::DeleteTask { list_id: list_id.clone(), task_id },
        Undo::TaskDeleted { list_id, index, task },
        what,
    )
}

fn add_step(store: &mut Store, list_id: String, task_id: String, name: String) -> Vec<Effect> {
    let item_id = store.tasks.writes.local_id();
    let Some(task) = store.tasks.task_mut(&list_id, &task_id) else { return Vec::new() };
    task.checklist.push(ChecklistItem { id: item_id.clone(), title: name.clone(), is_checked: false, checked: None });
    let at = task.checklist.len() - 1;
    let what = format!("Adding the checklist item {name} to {}", task.title);
    if store.tasks.selected_task().is_some_and(|t| t.id == task_id) {
        store.tasks.step_cursor = at;
    }
    let write = TaskWrite::AddStep { list_id: list_id.clone(), task_id: task_id.clone(), name };
    send(store, write, Undo::StepAdded { list_id, task_id, item_id }, what)
}

fn tick_step(store: &mut Store) -> Vec<Effect> {
    let Some((list_id, task)) = selected(store) else { return Vec::new() };
    let at = store.tasks.step_cursor;
    let Some(item) = store.tasks.task_mut(&list_id, &task.id).and_then(|t| t.checklist.get_mut(at)) else {
        return Vec::new();
    };
    let before = item.clone();
    item.is_checked = !item.is_checked;
    item.checked = None;
    let (checked, doing) = (item.is_checked, if item.is_checked { "Ticking" } else { "Unticking" });
    let what = format!("{doing} the checklist item {}", item.title);
    let write =
        TaskWrite::TickStep { list_id: list_id.clone(), task_id: task.id.clone(), item_id: item.id.clone(), checked };
    send(store, write, Undo::StepTicked { list_id, task_id: task.id, before }, what)
}

fn delete_step(store: &mut Store, list_id: String, task_id: String, item_id: String) -> Vec<Effect> {
    let Some(task) = store.tasks.task_mut(&list_id, &task_id) else { return Vec::new() };
    let Some(index) = task.checklist.iter().position(|i| i.id == item_id) else { return Vec::new() };
    let item = task.checklist.remove(index);
    relayout(store);
    let what = format!("Deleting the checklist item {}", item.title);
    let write = TaskWrite::DeleteStep { list_id: list_id.clone(), task_id: task_id.clone(), item_id };
    send(store, write, Undo::StepDeleted { list_id, task_id, index, item }, what)
}
