//! The tasks pane end to end: `update` and the real worker against the simulated tenant over
//! loopback. Every To Do operation the pane offers is made with its keys and checked in the
//! tenant's own state; a write the service refuses (a fault, a 404) is rolled back in the store
//! with a notice naming it.
use crate::harness;

use chrono::NaiveDate;
use harness::Harness;
use o365::domain::TaskStatus;
use o365::tui::action::{Action, Pane};
use o365::tui::driver::Driver;
use o365::tui::store::Store;
use o365::tui::store::tasks::TasksFocus;
use o365::tui::update::Input;
use o365_sim::faults::FaultKind;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// The tasks pane on the loop without a terminal (`Driver`).
struct Pane4 {
    driver: Driver,
}

impl Pane4 {
    async fn open(h: &Harness) -> Pane4 {
        let mut store = Store::new("adele@contoso.test", ZONE, 140, 40);
        store.tasks.today = NaiveDate::from_ymd_opt(2026, 3, 10);
        let mut pane = Pane4 { driver: Driver::new(store, h.client()) };
        pane.apply(Action::ShowPane(Pane::Tasks)).await;
        pane
    }

    /// Feeds `input` through `update`, then the worker's answers until nothing is pending.
    async fn apply(&mut self, input: impl Into<Input>) {
        self.driver.apply(input);
        self.driver
            .settle(|store| {
                let tasks = &store.tasks;
                tasks.lists.is_loading() || tasks.tasks.is_loading() || tasks.writes.is_busy()
            })
            .await;
    }

    async fn type_in(&mut self, text: &str) {
        for c in text.chars() {
            self.apply(Action::TextInput(c)).await;
        }
        self.apply(Action::TextSubmit).await;
    }

    async fn clear_prompt(&mut self) {
        let typed = self.driver.store.prompt.as_ref().map_or(0, |p| p.typed().chars().count());
        for _ in 0..typed {
            self.apply(Action::TextBackspace).await;
        }
    }

    fn select_list(&mut self, name: &str) -> usize {
        let lists = self.driver.store.tasks.lists.ready().unwrap();
        lists.iter().position(|l| l.name == name).unwrap_or_else(|| panic!("no list {name}"))
    }

    async fn open_list(&mut self, name: &str) {
        self.driver.store.tasks.focus = TasksFocus::Lists;
        let at = self.select_list(name);
        let now = self.driver.store.tasks.list_cursor.selected;
        let action = if at > now { Action::Down } else { Action::Up };
        for _ in 0..at.abs_diff(now) {
            self.apply(action.clone()).await;
        }
        assert_eq!(self.driver.store.tasks.open_list_row().unwrap().name, name);
    }

    fn selected_id(&self) -> String {
        self.driver.store.tasks.selected_task().unwrap().id.clone()
    }
}

fn list_id(h: &Harness, name: &str) -> Option<String> {
    let tenant = h.state.tenant.read().unwrap();
    tenant.todo_lists.iter().find(|l| l["displayName"] == name).map(|l| l["id"].as_str().unwrap().to_owned())
}

fn stored_task(h: &Harness, id: &str) -> Option<Value> {
    h.state.tenant.read().unwrap().todo_tasks.get(id).cloned()
}

fn tasks_in(h: &Harness, list_id: &str) -> usize {
    h.state.tenant.read().unwrap().todo_tasks.iter().filter(|t| t["_listId"] == list_id).count()
}

#[tokio::test]
async fn the_lists_and_the_default_lists_tasks_load_with_their_checklists() {
    let h = harness::start().await;
    let pane = Pane4::open(&h).await;
    let names: Vec<&str> = pane.driver.store.tasks.lists.ready().unwrap().iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Tasks", "Flagged email", "Groceries 🛒", "Project Alpha", "Reading"]);
    assert_eq!(pane.driver.store.tasks.open_list_row().unwrap().name, "Tasks");
    let shown = pane.driver.store.tasks.tasks.ready().unwrap();
    assert_eq!(shown.len(), tasks_in(&h, &list_id(&h, "Tasks").unwrap()));
    let with_steps = shown.iter().find(|t| !t.checklist.is_empty()).expect("seeded checklists come expanded");
    assert_eq!(with_steps.checklist[0].title, "Gather documents");
}

#[tokio::test]
async fn a_task_is_added_edited_completed_and_deleted_in_the_tenant() {
    let h = harness::start().await;
    let mut pane = Pane4::open(&h).await;
    let default = list_id(&h, "Tasks").unwrap();
    let before = tasks_in(&h, &default);
    pane.apply(Action::FocusNext).await;
    pane.apply(Action::Add).await;
    pane.type_in("Buy oat milk").await;
    let id = pane.selected_id();
    assert!(!id.starts_with("local-"), "the service's id replaced the local one");
    assert_eq!(stored_task(&h, &id).unwrap()["title"], "Buy oat milk");
    assert_eq!(tasks_in(&h, &default), before + 1);

    pane.apply(Action::Rename).await;
    pane.clear_prompt().await;
    pane.type_in("Buy soy milk").await;
    pane.apply(Action::EditDue).await;
    pane.type_in("+2d").await;
    pane.apply(Action::CycleImportance).await;
    // No $EDITOR here: the note opens in the built-in editor, typed into key by key; Esc keeps it.
    pane.apply(Action::EditNote).await;
    for c in "The barista one".chars() {
        pane.apply(Action::NoteKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))).await;
    }
    pane.apply(Action::NoteSave).await;
    let stored = stored_task(&h, &id).unwrap();
    assert_eq!(stored["title"], "Buy soy milk");
    assert_eq!(stored["dueDateTime"]["dateTime"], "2026-03-12T00:00:00.0000000");
    assert_eq!(stored["dueDateTime"]["timeZone"], "Europe/Paris");
    assert_eq!(stored["importance"], "high");
    assert_eq!(stored["body"]["content"], "The barista one");

    // Completed tasks are hidden at first; shown, the completed one stays under the cursor.
    pane.apply(Action::ToggleCompleted).await;
    pane.apply(Action::ToggleDone).await;
    assert_eq!(stored_task(&h, &id).unwrap()["status"], "completed");
    let shown = pane.driver.store.tasks.selected_task().unwrap();
    assert_eq!(shown.status, TaskStatus::Completed);
    assert!(shown.completed.is_some(), "the service's completion stamp is taken");
    pane.apply(Action::ToggleDone).await;
    let stored = stored_task(&h, &id).unwrap();
    assert_eq!(stored["status"], "notStarted");
    assert!(stored.get("completedDateTime").is_none());

    pane.apply(Action::EditDue).await;
    pane.clear_prompt().await;
    pane.type_in("").await;
    assert!(stored_task(&h, &id).unwrap().get("dueDateTime").is_none(), "an empty due date clears it");

    pane.apply(Action::Delete).await;
    pane.apply(Action::TextInput('y')).await;
    assert!(stored_task(&h, &id).is_none());
    assert_eq!(tasks_in(&h, &default), before);
    assert!(pane.driver.store.tasks.tasks.ready().unwrap().iter().all(|t| t.id != id));
    assert!(pane.driver.store.notice.as_ref().is_none_or(|n| !n.is_error), "{:?}", pane.driver.store.notice);
}

#[tokio::test]
async fn checklist_items_are_added_ticked_and_deleted_in_the_tenant() {
    let h = harness::start().await;
    let mut pane = Pane4::open(&h).await;
    pane.apply(Action::FocusNext).await;
    pane.apply(Action::Add).await;
    pane.type_in("Pack").await;
    let id = pane.selected_id();
    pane.apply(Action::Open).await;
    assert_eq!(pane.driver.store.tasks.focus, TasksFocus::Detail);
    for step in ["Socks", "Charger"] {
        pane.apply(Action::Add).await;
        pane.type_in(step).await;
    }
    let steps = |h: &Harness| stored_task(h, &id).unwrap()["checklistItems"].as_array().unwrap().clone();
    let names: Vec<Value> = steps(&h).iter().map(|s| s["displayName"].clone()).collect();
    assert_eq!(names, ["Socks", "Charger"]);
    let shown: Vec<String> =
        pane.driver.store.tasks.selected_task().unwrap().checklist.iter().map(|s| s.id.clone()).collect();
    let stored: Vec<String> = steps(&h).iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(shown, stored, "the service's ids replaced the local ones");

    pane.apply(Action::ToggleDone).await;
    assert_eq!(steps(&h)[1]["isChecked"], true);
    assert!(pane.driver.store.tasks.selected_step().unwrap().checked.is_some(), "the service's stamp is taken");
    pane.apply(Action::ToggleDone).await;
    assert_eq!(steps(&h)[1]["isChecked"], false);

    pane.apply(Action::Up).await;
    pane.apply(Action::Delete).await;
    pane.apply(Action::TextInput('y')).await;
    let names: Vec<Value> = steps(&h).iter().map(|s| s["displayName"].clone()).collect();
    assert_eq!(names, ["Charger"]);
}

#[tokio::test]
async fn lists_are_created_renamed_and_deleted_in_the_tenant() {
    let h = harness::start().await;
    let mut pane = Pane4::open(&h).await;
    pane.apply(Action::Add).await;
    pane.type_in("Travel").await;
    let id = list_id(&h, "Travel").expect("the tenant has the new list");
    assert_eq!(pane.driver.store.tasks.open_list.as_deref(), Some(id.as_str()));

    pane.apply(Action::Rename).await;
    pane.type_in(" 2027").await;
    assert_eq!(list_id(&h, "Travel 2027").as_deref(), Some(id.as_str()));

    pane.apply(Action::Open).await;
    pane.apply(Action::Add).await;
    pane.type_in("Passport").await;
    assert_eq!(tasks_in(&h, &id), 1);

    pane.apply(Action::Back).await;
    pane.apply(Action::Delete).await;
    pane.apply(Action::TextInput('y')).await;
    assert_eq!(list_id(&h, "Travel 2027"), None);
    assert_eq!(tasks_in(&h, &id), 0, "its tasks went with it");
    assert!(pane.driver.store.tasks.lists.ready().unwrap().iter().all(|l| l.id != id));

    // The default list is refused here, before anything is sent.
    pane.open_list("Tasks").await;
    h.clear_seen();
    pane.apply(Action::Delete).await;
    assert!(pane.driver.store.prompt.is_none());
    assert!(pane.driver.store.notice.as_ref().unwrap().text.contains("cannot be deleted"));
    assert!(h.graph_requests().is_empty(), "{:?}", h.graph_requests());
    assert!(list_id(&h, "Tasks").is_some());
}

#[tokio::test]
async fn refused_writes_are_rolled_back_with_a_notice_naming_them() {
    let h = harness::start().await;
    let mut pane = Pane4::open(&h).await;
    pane.open_list("Groceries 🛒").await;
    let groceries = list_id(&h, "Groceries 🛒").unwrap();
    let before: Vec<String> = pane.driver.store.tasks.tasks.ready().unwrap().iter().map(|t| t.title.clone()).collect();
    pane.apply(Action::FocusNext).await;

    // A create is a POST: a 500 is not repeated, so the service's refusal reaches the pane.
    h.faults().fail_next_matching(1, "/tasks", FaultKind::ServerError);
    pane.apply(Action::Add).await;
    pane.type_in("Saffron").await;
    let after: Vec<String> = pane.driver.store.tasks.tasks.ready().unwrap().iter().map(|t| t.title.clone()).collect();
    assert_eq!(after, before, "the new task is gone again");
    assert_eq!(tasks_in(&h, &groceries), before.len());
    let notice = pane.driver.store.notice.clone().unwrap();
    assert!(notice.is_error && notice.text.starts_with("Adding the task Saffron failed:"), "{notice:?}");

    // A task deleted behind the pane's back: completing it is Graph's 404, and it reopens.
    let id = pane.selected_id();
    let status = pane.driver.store.tasks.selected_task().unwrap().status.clone();
    h.state.tenant.write().unwrap().todo_tasks.remove(&id);
    pane.apply(Action::ToggleDone).await;
    assert_eq!(pane.driver.store.tasks.selected_task().unwrap().status, status, "rolled back");
    let notice = pane.driver.store.notice.clone().unwrap();
    assert!(notice.is_error && notice.text.contains("failed") && notice.text.contains("404"), "{notice:?}");
    assert!(!pane.driver.store.tasks.writes.is_busy() && pane.driver.store.tasks.writes.pending.is_empty());
}
