//! The To Do writes' way out and back: `send` queues a write made in the store and hands the
//! worker the next one; an answer reconciles (the service's id replaces a local one, fields the
//! service sets are taken) or, refused, puts back exactly what the write changed and says so.
use super::super::super::effect::Effect;
use super::super::super::effect::tasks::{OpId, TaskEffect, TaskWrite};
use super::super::super::msg::Outcome;
use super::super::super::msg::tasks::Written;
use super::super::super::store::Store;
use super::super::super::store::tasks::{Pending, Undo, is_local_id};
use super::super::report_error;
use super::{open_selected_list, relayout};

/// Queues a write already shown in the store; it goes out when the ones before it are answered.
pub(super) fn send(store: &mut Store, write: TaskWrite, undo: Undo, what: String) -> Vec<Effect> {
    // Offline, what the store shows already is put back at once (the write is not queued).
    if super::super::sync::refuse_offline_change(store, &what) {
        return roll_back(store, undo);
    }
    store.tasks.writes.push(write, Pending { undo, what });
    next_write(store)
}

fn next_write(store: &mut Store) -> Vec<Effect> {
    match store.tasks.writes.next_to_send() {
        Some((op, write)) => vec![Effect::Tasks(TaskEffect::Write { op, write })],
        None => Vec::new(),
    }
}

pub(super) fn on_written(store: &mut Store, op: OpId, result: Outcome<Written>) -> Vec<Effect> {
    let Some(pending) = store.tasks.writes.answered(op) else { return Vec::new() };
    // What shows may change (a task put back, completed or not): the cursor stays on its task,
    // or goes back onto a deleted one the service kept.
    let mut kept = store.tasks.selected_task().map(|task| task.id.clone());
    let mut effects = match result {
        Ok(written) => {
            reconcile(store, pending.undo, written);
            Vec::new()
        }
        Err(reason) => {
            if let Undo::TaskDeleted { task, .. } = &pending.undo {
                kept = Some(task.id.clone());
            }
            let effects = roll_back(store, pending.undo);
            report_error(store, format!("{} failed: {reason}", pending.what));
            effects
        }
    };
    super::reselect(store, kept);
    effects.extend(next_write(store));
    effects
}

/// The service took the write: its version of what changed replaces the local one.
fn reconcile(store: &mut Store, undo: Undo, written: Written) {
    let tasks = &mut store.tasks;
    match (undo, written) {
        (Undo::ListCreated { list_id }, Written::List(list)) => {
            let real = list.id.clone();
            if let Some(lists) = tasks.lists.ready_mut() {
                match lists.iter().position(|l| l.id == list_id) {
                    Some(at) => lists[at] = list,
                    None if !lists.iter().any(|l| l.id == real) => lists.push(list),
                    None => {}
                }
            }
            if tasks.open_list.as_deref() == Some(list_id.as_str()) {
                tasks.open_list = Some(real.clone());
            }
            tasks.writes.rename_id(&list_id, &real);
        }
        (Undo::ListRenamed { list_id, .. }, Written::List(list)) => {
            if let Some(shown) = tasks.lists.ready_mut().and_then(|ls| ls.iter_mut().find(|l| l.id == list_id)) {
                shown.name = list.name;
            }
        }
        (Undo::TaskCreated { list_id, task_id }, Written::Task(task)) => {
            let real = task.id.clone();
            let open = tasks.open_list.as_deref() == Some(list_id.as_str());
            match tasks.task_mut(&list_id, &task_id) {
                // Changes made since are queued and keep showing; the service adds its own fields.
                Some(shown) => {
                    shown.id = task.id;
                    shown.created = task.created;
                    shown.modified = task.modified;
                }
                None if open => {
                    if let Some(rows) = tasks.tasks.ready_mut().filter(|rows| !rows.iter().any(|t| t.id == real)) {
                        rows.push(*task);
                    }
                }
                None => {}
            }
            tasks.writes.rename_id(&task_id, &real);
        }
        (Undo::TaskChanged { list_id, task_id, before }, Written::Task(task)) => {
            if let Some(shown) = tasks.task_mut(&list_id, &task_id) {
                before.take_answer(shown, *task);
            }
        }
        (Undo::StepAdded { list_id, task_id, item_id }, Written::Step(item)) => {
            let real = item.id.clone();
            if let Some(shown) = step_mut(store, &list_id, &task_id, &item_id) {
                shown.id = item.id;
                shown.checked = item.checked;
            }
            store.tasks.writes.rename_id(&item_id, &real);
        }
        (Undo::StepTicked { list_id, task_id, before }, Written::Step(item)) => {
            if let Some(shown) = step_mut(store, &list_id, &task_id, &before.id) {
                shown.is_checked = item.is_checked;
                shown.checked = item.checked;
            }
        }
        // Deletes answer nothing to take; an answer of another shape changes nothing.
        _ => {}
    }
}

fn step_mut<'a>(
    store: &'a mut Store,
    list_id: &str,
    task_id: &str,
    item_id: &str,
) -> Option<&'a mut crate::domain::ChecklistItem> {
    store.tasks.task_mut(list_id, task_id)?.checklist.iter_mut().find(|item| item.id == item_id)
}

/// The service refused the write: what it changed in the store goes back as it was. Something
/// created here goes, with the writes still waiting to change it.
fn roll_back(store: &mut Store, undo: Undo) -> Vec<Effect> {
    let tasks = &mut store.tasks;
    match undo {
        Undo::ListCreated { list_id } => {
            if let Some(lists) = tasks.lists.ready_mut() {
                lists.retain(|l| l.id != list_id);
            }
            tasks.writes.drop_writes_to(&list_id);
            if tasks.open_list.as_deref() == Some(list_id.as_str()) {
                tasks.open_list = None;
                relayout(store);
                return open_selected_list(store);
            }
        }
        Undo::ListRenamed { list_id, name } => {
            if let Some(shown) = tasks.lists.ready_mut().and_then(|ls| ls.iter_mut().find(|l| l.id == list_id)) {
                shown.name = name;
            }
        }
        Undo::ListDeleted { index, list } => {
            if let Some(lists) = tasks.lists.ready_mut() {
                let at = index.min(lists.len());
                lists.insert(at, list);
                // The cursor stays on the open list (the one it moved to when this one went).
                let open = tasks.open_list.as_deref();
                match lists.iter().position(|l| Some(l.id.as_str()) == open) {
                    Some(open) => tasks.list_cursor.selected = open,
                    None if at < tasks.list_cursor.selected => tasks.list_cursor.selected += 1,
                    None => {}
                }
            }
        }
        Undo::TaskCreated { list_id, task_id } => {
            if tasks.open_list.as_deref() == Some(list_id.as_str())
                && let Some(rows) = tasks.tasks.ready_mut()
            {
                rows.retain(|t| t.id != task_id);
            }
            tasks.writes.drop_writes_to(&task_id);
        }
        Undo::TaskChanged { list_id, task_id, before } => {
            if let Some(shown) = tasks.task_mut(&list_id, &task_id) {
                before.restore(shown);
            }
        }
        Undo::TaskDeleted { list_id, index, task } => {
            // The cursor stays on its task (`on_written` sees to it), wherever this one shows.
            if tasks.open_list.as_deref() == Some(list_id.as_str())
                && let Some(rows) = tasks.tasks.ready_mut()
            {
                rows.insert(index.min(rows.len()), task);
            }
        }
        Undo::StepAdded { list_id, task_id, item_id } => {
            if let Some(task) = tasks.task_mut(&list_id, &task_id) {
                task.checklist.retain(|item| item.id != item_id);
            }
            if is_local_id(&item_id) {
                tasks.writes.drop_writes_to(&item_id);
            }
        }
        Undo::StepTicked { list_id, task_id, before } => {
            if let Some(shown) = step_mut(store, &list_id, &task_id, &before.id) {
                *shown = before;
            }
        }
        Undo::StepDeleted { list_id, task_id, index, item } => {
            if let Some(task) = tasks.task_mut(&list_id, &task_id) {
                let at = index.min(task.checklist.len());
                task.checklist.insert(at, item);
            }
        }
    }
    Vec::new()
}
