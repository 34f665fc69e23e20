//! Snapshots of the tasks pane drawn on a fixed-size TestBackend with fixed lists and tasks, a
//! pinned "today" (Mon 23 Nov 2026) and zone (Europe/Paris): loaded (lists, tasks, detail with
//! a checklist and a note), loading, failed, empty, narrow, and the delete confirmation.
use crate::screen;

use screen::draw;

use chrono::{NaiveDate, TimeZone, Utc};
use o365::domain::{Body, ChecklistItem, Importance, Task, TaskList, TaskStatus, WellknownListName};
use o365::tui::action::{Action, Pane};
use o365::tui::effect::Effect;
use o365::tui::effect::tasks::TaskEffect;
use o365::tui::msg::Msg;
use o365::tui::msg::tasks::TaskMsg;
use o365::tui::store::Store;
use o365::tui::update::update;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

fn list(id: &str, name: &str, wellknown: WellknownListName, shared: bool) -> TaskList {
    TaskList { id: id.into(), name: name.into(), wellknown: Some(wellknown), is_owner: true, is_shared: shared }
}

fn lists() -> Vec<TaskList> {
    vec![
        list("l-tasks", "Tasks", WellknownListName::DefaultList, false),
        list("l-flagged", "Flagged email", WellknownListName::FlaggedEmails, false),
        list("l-groceries", "Groceries 🛒", WellknownListName::None, true),
        list("l-reading", "Reading \u{1b}[31mlist", WellknownListName::None, false),
    ]
}

fn task(id: &str, title: &str, status: TaskStatus, importance: Importance, due: Option<(u32, u32)>) -> Task {
    Task {
        id: id.into(),
        title: title.into(),
        status,
        importance,
        due: due.and_then(|(m, d)| NaiveDate::from_ymd_opt(2026, m, d)),
        reminder: None,
        completed: None,
        note: None,
        checklist: Vec::new(),
        categories: Vec::new(),
        created: Some(Utc.with_ymd_and_hms(2026, 11, 2, 8, 15, 0).unwrap()),
        modified: None,
        links: Vec::new(),
    }
}

fn tasks() -> Vec<Task> {
    let step = |id: &str, title: &str, checked: bool| ChecklistItem {
        id: id.into(),
        title: title.into(),
        is_checked: checked,
        checked: None,
    };
    let mut report = task("t-report", "Write the Q4 report", TaskStatus::InProgress, Importance::High, Some((11, 20)));
    report.checklist =
        vec![step("c-1", "Gather numbers", true), step("c-2", "Draft", false), step("c-3", "Send it", false)];
    report.note = Some(Body::Text("Loop in the finance team.\u{1b}[2J Numbers are in the shared drive.".into()));
    let mut paid = task("t-rent", "Pay rent", TaskStatus::Completed, Importance::Normal, Some((11, 1)));
    paid.completed = Some(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap());
    vec![
        report,
        task("t-milk", "Buy oat milk", TaskStatus::NotStarted, Importance::Normal, Some((11, 24))),
        paid,
        task("t-dentist", "Call the dentist", TaskStatus::NotStarted, Importance::Low, None),
        task("t-old", "Renew passport", TaskStatus::WaitingOnOthers, Importance::Normal, Some((10, 30))),
    ]
}

/// The pane shown, its lists answered; returns the generation of the default list's tasks.
fn tasks_store(width: u16, height: u16) -> (Store, u64) {
    let mut store = Store::new("adele@contoso.test", ZONE, width, height);
    store.tasks.today = NaiveDate::from_ymd_opt(2026, 11, 23);
    let generation = match update(&mut store, Action::ShowPane(Pane::Tasks)).as_slice() {
        [Effect::Tasks(TaskEffect::LoadLists { generation })] => *generation,
        other => panic!("expected the lists load, got {other:?}"),
    };
    let effects = update(&mut store, Msg::Tasks(TaskMsg::Lists { generation, result: Ok(lists()) }));
    let generation = match effects.as_slice() {
        [Effect::Tasks(TaskEffect::LoadTasks { generation, .. })] => *generation,
        other => panic!("expected the tasks load, got {other:?}"),
    };
    (store, generation)
}

fn loaded(width: u16, height: u16) -> Store {
    let (mut store, generation) = tasks_store(width, height);
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation, result: Ok(tasks()) }));
    store
}

#[test]
fn tasks_loaded() {
    let mut store = loaded(130, 20);
    update(&mut store, Action::Open);
    update(&mut store, Action::Open);
    update(&mut store, Action::Down);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn tasks_loading() {
    let (store, _) = tasks_store(100, 10);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn tasks_failed() {
    let (mut store, generation) = tasks_store(100, 10);
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation, result: Err("HTTP 503: service unavailable".into()) }));
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn tasks_empty() {
    let (mut store, generation) = tasks_store(100, 10);
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation, result: Ok(Vec::new()) }));
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn tasks_narrow_shows_one_column() {
    let mut store = loaded(60, 14);
    let lists = draw(&store);
    update(&mut store, Action::Open);
    let tasks = draw(&store);
    update(&mut store, Action::Open);
    let detail = draw(&store);
    insta::assert_snapshot!(format!("{}\n{}\n{}", lists.backend(), tasks.backend(), detail.backend()));
}

#[test]
fn tasks_delete_asks_first() {
    let mut store = loaded(100, 14);
    update(&mut store, Action::Open);
    update(&mut store, Action::Down);
    update(&mut store, Action::Delete);
    insta::assert_snapshot!(draw(&store).backend());
}
