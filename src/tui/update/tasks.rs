//! The tasks pane's reactions: loading the To Do lists (on first view and `r`) and the open
//! list's tasks, moving through lists, tasks and checklist items, the focus, what shows (the
//! completed tasks, the order, the `/` filter), and the worker's load results. Edits are in
//! `tasks/edit.rs`, the note's editors in `tasks/note.rs`; write answers in `tasks/answers.rs`.
mod answers;
mod edit;
mod note;
#[cfg(test)]
mod tests;

use super::super::action::{Action, Pane};
use super::super::effect::Effect;
use super::super::effect::tasks::TaskEffect;
use super::super::layout;
use super::super::layout::tasks::TasksLayout;
use super::super::msg::tasks::TaskMsg;
use super::super::store::Store;
use super::super::store::tasks::{Remote, TasksFocus, is_local_id};
use super::{notify, report_error};
pub(super) use edit::answer;

/// The pane came into view: the first time, load the lists.
pub(super) fn show(store: &mut Store) -> Vec<Effect> {
    store.pane = Pane::Tasks;
    if matches!(store.tasks.lists, Remote::Idle) {
        return load_lists(store);
    }
    Vec::new()
}

fn load_lists(store: &mut Store) -> Vec<Effect> {
    let generation = store.next_generation();
    store.tasks.lists = Remote::Loading { generation };
    vec![Effect::Tasks(TaskEffect::LoadLists { generation })]
}

/// Shows `list_id`'s tasks: loads them under a fresh generation (an answer for the list shown
/// before is then stale). A list made here and not yet saved has no tasks to load.
fn open_list(store: &mut Store, list_id: String) -> Vec<Effect> {
    let tasks = &mut store.tasks;
    tasks.open_list = Some(list_id.clone());
    tasks.task_cursor = Default::default();
    tasks.filter = Default::default();
    tasks.step_cursor = 0;
    tasks.reselect = None;
    if is_local_id(&list_id) {
        tasks.tasks = Remote::Ready(Vec::new());
        return Vec::new();
    }
    let generation = store.next_generation();
    store.tasks.tasks = Remote::Loading { generation };
    vec![Effect::Tasks(TaskEffect::LoadTasks { generation, list_id })]
}

/// Opens the list under the cursor unless it is already the open one.
fn open_selected_list(store: &mut Store) -> Vec<Effect> {
    let Some(id) = store.tasks.selected_list().map(|list| list.id.clone()) else {
        store.tasks.open_list = None;
        store.tasks.tasks = Remote::Idle;
        return Vec::new();
    };
    if store.tasks.open_list.as_deref() == Some(id.as_str()) {
        return Vec::new();
    }
    open_list(store, id)
}

pub(super) fn pane_layout(store: &Store) -> TasksLayout {
    store.tasks_layout()
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    if store.tasks.note_editor.is_some() {
        return note::on_action(store, action);
    }
    let kept = store.tasks.selected_task().map(|task| task.id.clone());
    if super::filter::on_key(&mut store.tasks.filter, &action).is_some() {
        return reselect(store, kept);
    }
    if let Some(step) = super::list_step(&action, page_rows(store)) {
        return move_by(store, step);
    }
    match action {
        Action::StartFilter => {
            super::filter::start(&mut store.tasks.filter);
            store.tasks.focus = TasksFocus::Tasks;
            reselect(store, kept)
        }
        Action::ToggleCompleted => {
            store.tasks.show_completed = !store.tasks.show_completed;
            let hidden = store.tasks.hidden_completed();
            let said = match store.tasks.show_completed {
                true => "Completed tasks shown (c hides them)".to_owned(),
                false => format!("{hidden} completed task{} hidden (c shows them)", if hidden == 1 { "" } else { "s" }),
            };
            notify(store, said);
            reselect(store, kept)
        }
        Action::CycleSort => {
            store.tasks.sort = store.tasks.sort.next();
            let said = store.tasks.sort.label().unwrap_or("as To Do lists them");
            notify(store, format!("Tasks ordered {said}"));
            reselect(store, kept)
        }
        Action::Open => match store.tasks.focus {
            TasksFocus::Lists if store.tasks.selected_list().is_some() => {
                let effects = open_selected_list(store);
                focus(store, TasksFocus::Tasks);
                effects
            }
            TasksFocus::Tasks if store.tasks.selected_task().is_some() => focus(store, TasksFocus::Detail),
            _ => Vec::new(),
        },
        Action::Back => match store.tasks.focus {
            TasksFocus::Detail => focus(store, TasksFocus::Tasks),
            _ => focus(store, TasksFocus::Lists),
        },
        Action::FocusNext => {
            let next = match store.tasks.focus {
                TasksFocus::Lists => TasksFocus::Tasks,
                TasksFocus::Tasks if store.tasks.selected_task().is_some() => TasksFocus::Detail,
                _ => TasksFocus::Lists,
            };
            focus(store, next)
        }
        Action::FocusPrev => {
            let previous = match store.tasks.focus {
                TasksFocus::Lists if store.tasks.selected_task().is_some() => TasksFocus::Detail,
                TasksFocus::Lists | TasksFocus::Detail => TasksFocus::Tasks,
                TasksFocus::Tasks => TasksFocus::Lists,
            };
            focus(store, previous)
        }
        Action::Refresh => refresh(store),
        other => edit::on_action(store, other),
    }
}

/// `r`: the lists again when they failed or have the focus, otherwise the open list's tasks.
fn refresh(store: &mut Store) -> Vec<Effect> {
    let tasks = &store.tasks;
    let lists_wanted = matches!(tasks.lists, Remote::Failed { .. } | Remote::Idle) || tasks.focus == TasksFocus::Lists;
    notify(store, "Refreshing…".to_owned());
    if lists_wanted {
        return load_lists(store);
    }
    match store.tasks.open_list.clone() {
        Some(list_id) => {
            let selected = store.tasks.selected_task().map(|task| task.id.clone());
            let effects = open_list(store, list_id);
            store.tasks.reselect = selected;
            effects
        }
        None => load_lists(store),
    }
}

fn page_rows(store: &Store) -> usize {
    let layout = pane_layout(store);
    match store.tasks.focus {
        TasksFocus::Lists => layout::inner_height(layout.lists),
        TasksFocus::Tasks => layout::inner_height(layout.tasks),
        TasksFocus::Detail => layout::inner_height(layout.detail),
    }
}

fn move_by(store: &mut Store, delta: isize) -> Vec<Effect> {
    let layout = pane_layout(store);
    let tasks = &mut store.tasks;
    match tasks.focus {
        TasksFocus::Lists => {
            let len = tasks.list_count();
            tasks.list_cursor.move_by(delta, len, layout::inner_height(layout.lists));
            open_selected_list(store)
        }
        TasksFocus::Tasks => {
            let len = tasks.task_count();
            let before = tasks.task_cursor.selected;
            tasks.task_cursor.move_by(delta, len, layout::inner_height(layout.tasks));
            if tasks.task_cursor.selected != before {
                tasks.step_cursor = 0;
            }
            Vec::new()
        }
        TasksFocus::Detail => {
            let steps = tasks.selected_task().map_or(0, |task| task.checklist.len());
            tasks.step_cursor = tasks.step_cursor.saturating_add_signed(delta).min(steps.saturating_sub(1));
            Vec::new()
        }
    }
}

/// What shows changed: the cursor goes back onto `task_id` when it still shows, else stays
/// on its row (the next task, when the selected one went).
pub(super) fn reselect(store: &mut Store, task_id: Option<String>) -> Vec<Effect> {
    let at = task_id.and_then(|id| store.tasks.shown_position(&id));
    let (len, height) = (store.tasks.task_count(), layout::inner_height(pane_layout(store).tasks));
    let tasks = &mut store.tasks;
    let before = tasks.task_cursor.selected;
    tasks.task_cursor.select(at.unwrap_or(before), len, height);
    if tasks.task_cursor.selected != before || at.is_none() {
        tasks.step_cursor = 0;
    }
    relayout(store);
    Vec::new()
}

/// A click gives its column the focus and selects the row under it (a list opens at once); a
/// click on the selected task opens its detail.
pub(super) fn click(store: &mut Store, column: u16, row: u16) -> Vec<Effect> {
    let layout = pane_layout(store);
    let at = ratatui::layout::Position { x: column, y: row };
    let hit =
        [(layout.lists, TasksFocus::Lists), (layout.tasks, TasksFocus::Tasks), (layout.detail, TasksFocus::Detail)]
            .into_iter()
            .find_map(|(area, column)| area.filter(|a| a.contains(at)).map(|a| (a, column)));
    let Some((area, column)) = hit else { return Vec::new() };
    let was_focused = store.tasks.focus == column;
    let mut effects = focus(store, column);
    let tasks = &store.tasks;
    let (cursor, len) = match column {
        TasksFocus::Lists => (tasks.list_cursor, tasks.list_count()),
        TasksFocus::Tasks => (tasks.task_cursor, tasks.task_count()),
        TasksFocus::Detail => return effects,
    };
    match layout::row_at(area, cursor.offset, len, row) {
        Some(index) if index == cursor.selected && was_focused && column == TasksFocus::Tasks => {
            effects.extend(focus(store, TasksFocus::Detail));
        }
        Some(index) if index != cursor.selected => {
            effects.extend(move_by(store, index as isize - cursor.selected as isize));
        }
        _ => {}
    }
    effects
}

fn focus(store: &mut Store, focus: TasksFocus) -> Vec<Effect> {
    store.tasks.focus = focus;
    relayout(store);
    Vec::new()
}

/// After a resize, a focus change or a list that changed length: every cursor stays on a row
/// and in view.
pub(super) fn relayout(store: &mut Store) {
    let layout = pane_layout(store);
    let tasks = &mut store.tasks;
    let (lists, rows) = (tasks.list_count(), tasks.task_count());
    let (list, task) = (tasks.list_cursor.selected, tasks.task_cursor.selected);
    tasks.list_cursor.select(list, lists, layout::inner_height(layout.lists));
    tasks.task_cursor.select(task, rows, layout::inner_height(layout.tasks));
    let steps = tasks.selected_task().map_or(0, |task| task.checklist.len());
    tasks.step_cursor = tasks.step_cursor.min(steps.saturating_sub(1));
}

pub(super) fn on_msg(store: &mut Store, msg: TaskMsg) -> Vec<Effect> {
    match msg {
        TaskMsg::Lists { generation, result } => {
            if !store.tasks.lists.awaits(generation) {
                return Vec::new();
            }
            match result {
                Ok(lists) => {
                    // The open list stays open; the first time, the default list ("Tasks").
                    let keep = store.tasks.open_list.clone();
                    let at = keep
                        .and_then(|id| lists.iter().position(|list| list.id == id))
                        .or_else(|| lists.iter().position(|list| list.is_default()))
                        .unwrap_or(0);
                    store.tasks.lists = Remote::Ready(lists);
                    store.tasks.list_cursor = Default::default();
                    let (len, height) = (store.tasks.list_count(), layout::inner_height(pane_layout(store).lists));
                    store.tasks.list_cursor.select(at, len, height);
                    match store.tasks.selected_list().map(|list| list.id.clone()) {
                        Some(id) => open_list(store, id),
                        None => open_selected_list(store),
                    }
                }
                Err(reason) => {
                    report_error(store, format!("Loading the To Do lists failed: {reason}"));
                    store.tasks.lists = Remote::Failed { reason: reason.text, retry: () };
                    Vec::new()
                }
            }
        }
        TaskMsg::Tasks { generation, result } => {
            if !store.tasks.tasks.awaits(generation) {
                return Vec::new();
            }
            match result {
                Ok(tasks) => {
                    let wanted = store.tasks.reselect.take();
                    store.tasks.tasks = Remote::Ready(tasks);
                    let at = wanted.and_then(|id| store.tasks.shown_position(&id)).unwrap_or(0);
                    let (len, height) = (store.tasks.task_count(), layout::inner_height(pane_layout(store).tasks));
                    store.tasks.task_cursor.select(at, len, height);
                    relayout(store);
                }
                Err(reason) => {
                    report_error(store, format!("Loading the tasks failed: {reason}"));
                    store.tasks.tasks = Remote::Failed { reason: reason.text, retry: () };
                }
            }
            Vec::new()
        }
        TaskMsg::Written { op, result } => answers::on_written(store, op, result),
        TaskMsg::NoteEdited { list_id, task_id, result } => note::edited(store, list_id, task_id, result),
    }
}
