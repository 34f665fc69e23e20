//! `update` on the tasks pane: loading the lists and tasks, stale answers dropped, failures and
//! `r`, moving and focus. Edits with their answers and rollbacks are in `tests/edits.rs`
//! (tasks, checklist items) and `tests/lists.rs`; what shows (completed, order, filter) and the
//! note's editors in `tests/shown.rs`.
mod edits;
mod lists;
mod shown;

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::super::update;
use crate::domain::{ChecklistItem, Importance, Task, TaskList, TaskStatus, WellknownListName};
use crate::tui::action::{Action, Pane};
use crate::tui::effect::Effect;
use crate::tui::effect::tasks::{OpId, TaskEffect, TaskWrite};
use crate::tui::loadable::Generation;
use crate::tui::msg::tasks::{TaskMsg, Written};
use crate::tui::msg::{Failure, Msg};
use crate::tui::store::Store;
use crate::tui::store::tasks::{Remote, TasksFocus};

pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub(super) fn list(id: &str, name: &str, wellknown: WellknownListName) -> TaskList {
    TaskList { id: id.into(), name: name.into(), wellknown: Some(wellknown), is_owner: true, is_shared: false }
}

pub(super) fn lists() -> Vec<TaskList> {
    vec![
        list("l-groceries", "Groceries", WellknownListName::None),
        list("l-tasks", "Tasks", WellknownListName::DefaultList),
        list("l-flagged", "Flagged email", WellknownListName::FlaggedEmails),
        list("l-reading", "Reading", WellknownListName::None),
    ]
}

pub(super) fn task(id: &str, title: &str) -> Task {
    Task {
        id: id.into(),
        title: title.into(),
        status: TaskStatus::NotStarted,
        importance: Importance::Normal,
        due: None,
        reminder: None,
        completed: None,
        note: None,
        checklist: Vec::new(),
        categories: Vec::new(),
        created: Some(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()),
        modified: None,
        links: Vec::new(),
    }
}

pub(super) fn step(id: &str, title: &str, checked: bool) -> ChecklistItem {
    ChecklistItem { id: id.into(), title: title.into(), is_checked: checked, checked: None }
}

/// The default list's tasks: a plain one, one with a checklist, one overdue.
pub(super) fn default_tasks() -> Vec<Task> {
    let mut report = task("t-report", "Write the report");
    report.checklist = vec![step("c-1", "Gather numbers", true), step("c-2", "Draft", false)];
    let mut rent = task("t-rent", "Pay rent");
    rent.due = NaiveDate::from_ymd_opt(2026, 11, 20);
    vec![task("t-milk", "Buy milk"), report, rent]
}

pub(super) fn load_lists_generation(effects: &[Effect]) -> Generation {
    match effects {
        [Effect::Tasks(TaskEffect::LoadLists { generation })] => *generation,
        other => panic!("expected the lists load, got {other:?}"),
    }
}

pub(super) fn load_tasks_of(effects: &[Effect]) -> (Generation, String) {
    match effects {
        [Effect::Tasks(TaskEffect::LoadTasks { generation, list_id })] => (*generation, list_id.clone()),
        other => panic!("expected one tasks load, got {other:?}"),
    }
}

/// The one write among `effects`.
pub(super) fn write_of(effects: &[Effect]) -> (OpId, TaskWrite) {
    match effects {
        [Effect::Tasks(TaskEffect::Write { op, write })] => (*op, write.clone()),
        other => panic!("expected one write, got {other:?}"),
    }
}

pub(super) fn answer(store: &mut Store, op: OpId, result: Result<Written, &str>) -> Vec<Effect> {
    update(store, Msg::Tasks(TaskMsg::Written { op, result: result.map_err(Failure::from) }))
}

/// Types `text` into the open prompt and presses Enter.
pub(super) fn type_in(store: &mut Store, text: &str) -> Vec<Effect> {
    for c in text.chars() {
        update(store, Action::TextInput(c));
    }
    update(store, Action::TextSubmit)
}

/// Tasks pane at 140×30 (three columns), the lists and the default list's tasks loaded.
pub(super) fn loaded() -> Store {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 30);
    store.tasks.today = Some(today());
    let generation = load_lists_generation(&update(&mut store, Action::ShowPane(Pane::Tasks)));
    let effects = update(&mut store, Msg::Tasks(TaskMsg::Lists { generation, result: Ok(lists()) }));
    let (generation, list_id) = load_tasks_of(&effects);
    assert_eq!(list_id, "l-tasks", "the default list opens first");
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation, result: Ok(default_tasks()) }));
    store
}

pub(super) fn titles(store: &Store) -> Vec<String> {
    store.tasks.tasks.ready().unwrap().iter().map(|t| t.title.clone()).collect()
}

#[test]
fn first_view_loads_the_lists_once_and_opens_the_default_list() {
    let mut store = loaded();
    assert_eq!(store.pane, Pane::Tasks);
    assert_eq!(store.tasks.selected_list().unwrap().name, "Tasks");
    assert_eq!(titles(&store), ["Buy milk", "Write the report", "Pay rent"]);
    assert!(store.tasks.loading_what().is_empty());
    update(&mut store, Action::ShowPane(Pane::Mail));
    assert!(update(&mut store, Action::ShowPane(Pane::Tasks)).is_empty(), "loaded once");
}

#[test]
fn moving_through_the_lists_opens_each_and_drops_a_stale_answer() {
    let mut store = loaded();
    let (first, list_id) = load_tasks_of(&update(&mut store, Action::Down));
    assert_eq!(list_id, "l-flagged");
    let (second, list_id) = load_tasks_of(&update(&mut store, Action::Down));
    assert_eq!(list_id, "l-reading");
    let stale = vec![task("f-1", "Flagged mail")];
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation: first, result: Ok(stale) }));
    assert!(store.tasks.tasks.is_loading(), "the flagged list's tasks came too late and were dropped");
    assert_eq!(store.tasks.loading_what(), ["tasks"]);
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation: second, result: Ok(vec![task("b-1", "Dune")]) }));
    assert_eq!(titles(&store), ["Dune"]);
    assert_eq!(store.tasks.open_list.as_deref(), Some("l-reading"));
    // A stale lists answer is dropped too.
    let generation = load_lists_generation(&update(&mut store, Action::Refresh));
    update(&mut store, Msg::Tasks(TaskMsg::Lists { generation: generation + 100, result: Ok(Vec::new()) }));
    assert!(store.tasks.lists.is_loading());
}

#[test]
fn failed_lists_are_shown_and_r_loads_them_again() {
    let mut store = Store::new("me", Tz::UTC, 140, 30);
    let generation = load_lists_generation(&update(&mut store, Action::ShowPane(Pane::Tasks)));
    let failed = Err("HTTP 503: busy".into());
    assert!(update(&mut store, Msg::Tasks(TaskMsg::Lists { generation, result: failed })).is_empty());
    assert_eq!(store.tasks.lists, Remote::Failed { reason: "HTTP 503: busy".into(), retry: () });
    let notice = store.notice.clone().unwrap();
    assert!(notice.is_error && notice.text.contains("To Do lists"), "{notice:?}");
    let retry = load_lists_generation(&update(&mut store, Action::Refresh));
    assert!(retry > generation);
    let effects = update(&mut store, Msg::Tasks(TaskMsg::Lists { generation: retry, result: Ok(lists()) }));
    assert_eq!(load_tasks_of(&effects).1, "l-tasks");
}

#[test]
fn failed_tasks_are_retried_for_the_open_list() {
    let mut store = loaded();
    let (generation, _) = load_tasks_of(&update(&mut store, Action::Up));
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation, result: Err("HTTP 500".into()) }));
    assert_eq!(store.tasks.tasks, Remote::Failed { reason: "HTTP 500".into(), retry: () });
    update(&mut store, Action::FocusNext);
    assert_eq!(store.tasks.focus, TasksFocus::Tasks);
    let (retry, list_id) = load_tasks_of(&update(&mut store, Action::Refresh));
    assert_eq!(list_id, "l-groceries");
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation: retry, result: Ok(Vec::new()) }));
    assert_eq!(store.tasks.tasks, Remote::Ready(Vec::new()));
}

#[test]
fn refreshing_the_tasks_keeps_the_selected_task() {
    let mut store = loaded();
    update(&mut store, Action::FocusNext);
    update(&mut store, Action::Bottom);
    let (generation, list_id) = load_tasks_of(&update(&mut store, Action::Refresh));
    assert_eq!(list_id, "l-tasks");
    let mut reordered = default_tasks();
    reordered.reverse();
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation, result: Ok(reordered) }));
    assert_eq!(store.tasks.selected_task().unwrap().id, "t-rent");
    assert_eq!(store.tasks.task_cursor.selected, 0);
}

#[test]
fn enter_and_esc_walk_lists_tasks_and_detail() {
    let mut store = loaded();
    assert!(update(&mut store, Action::Open).is_empty(), "the open list is not loaded again");
    assert_eq!(store.tasks.focus, TasksFocus::Tasks);
    update(&mut store, Action::Down);
    update(&mut store, Action::Open);
    assert_eq!(store.tasks.focus, TasksFocus::Detail);
    assert_eq!(store.tasks.selected_task().unwrap().id, "t-report");
    update(&mut store, Action::Down);
    assert_eq!(store.tasks.selected_step().unwrap().title, "Draft");
    update(&mut store, Action::Down);
    assert_eq!(store.tasks.step_cursor, 1, "the cursor stays on the last checklist item");
    update(&mut store, Action::Back);
    assert_eq!(store.tasks.focus, TasksFocus::Tasks);
    update(&mut store, Action::Down);
    assert_eq!(store.tasks.step_cursor, 0, "another task starts at its first item");
    update(&mut store, Action::Back);
    assert_eq!(store.tasks.focus, TasksFocus::Lists);
    update(&mut store, Action::FocusPrev);
    assert_eq!(store.tasks.focus, TasksFocus::Detail);
    update(&mut store, Action::FocusNext);
    assert_eq!(store.tasks.focus, TasksFocus::Lists);
}

#[test]
fn a_narrow_screen_shows_only_the_focused_column() {
    let mut store = loaded();
    update(&mut store, Action::Resize { width: 60, height: 20 });
    let layout = super::pane_layout(&store);
    assert!(layout.lists.is_some() && layout.tasks.is_none() && layout.detail.is_none());
    update(&mut store, Action::Open);
    let layout = super::pane_layout(&store);
    assert!(layout.lists.is_none() && layout.tasks.is_some());
    update(&mut store, Action::Resize { width: 100, height: 20 });
    let layout = super::pane_layout(&store);
    assert!(layout.lists.is_some() && layout.tasks.is_some() && layout.detail.is_none(), "two columns");
}

#[test]
fn clicks_focus_a_column_select_its_row_and_open_the_task() {
    let mut store = loaded();
    let layout = super::pane_layout(&store);
    let (lists, tasks) = (layout.lists.unwrap(), layout.tasks.unwrap());
    // The first row of a column is just under its top border.
    let effects = update(&mut store, Action::Click { column: lists.x + 2, row: lists.y + 1 });
    assert_eq!(store.tasks.focus, TasksFocus::Lists);
    assert_eq!(load_tasks_of(&effects).1, "l-groceries", "a click on a list opens it");

    let mut store = loaded();
    update(&mut store, Action::Click { column: tasks.x + 2, row: tasks.y + 3 });
    assert_eq!((store.tasks.focus, store.tasks.selected_task().unwrap().id.as_str()), (TasksFocus::Tasks, "t-rent"));
    update(&mut store, Action::Click { column: tasks.x + 2, row: tasks.y + 3 });
    assert_eq!(store.tasks.focus, TasksFocus::Detail, "a second click opens the task");
    update(&mut store, Action::Click { column: tasks.x + 2, row: tasks.y + 10 });
    assert_eq!(store.tasks.selected_task().unwrap().id, "t-rent", "below the last task selects nothing");
}
