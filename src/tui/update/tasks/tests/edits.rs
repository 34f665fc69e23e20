//! Task and checklist edits: each shows at once, its write goes to the worker one at a time,
//! the answer reconciles, and a refusal puts back exactly what it changed with a notice.
use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::{Body, TaskEdit};
use crate::tui::store::prompt::PromptKind;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn focus_tasks(store: &mut Store) {
    update(store, Action::FocusNext);
    assert_eq!(store.tasks.focus, TasksFocus::Tasks);
}

fn selected(store: &Store) -> Task {
    store.tasks.selected_task().unwrap().clone()
}

fn error_text(store: &Store) -> String {
    let notice = store.notice.clone().expect("a notice");
    assert!(notice.is_error, "{notice:?}");
    notice.text
}

#[test]
fn an_added_task_shows_at_once_then_takes_the_service_id() {
    let mut store = loaded();
    // Completed tasks stay in view here (they are hidden by default: `tests/shown.rs`).
    store.tasks.show_completed = true;
    focus_tasks(&mut store);
    assert!(update(&mut store, Action::Add).is_empty());
    assert_eq!(store.prompt.as_ref().unwrap().title, "New task in Tasks");
    // An empty title is refused and the prompt stays.
    assert!(type_in(&mut store, "  ").is_empty());
    assert_eq!(store.prompt.as_ref().unwrap().error.as_deref(), Some("A task needs a title"));
    update(&mut store, Action::Back);
    update(&mut store, Action::Add);
    let (op, write) = write_of(&type_in(&mut store, "Call Bob"));
    assert_eq!(write, TaskWrite::CreateTask { list_id: "l-tasks".into(), title: "Call Bob".into() });
    let shown = selected(&store);
    assert_eq!(shown.title, "Call Bob");
    assert!(shown.id.starts_with("local-"), "{}", shown.id);
    assert_eq!(store.tasks.loading_what(), ["saving"]);

    // Completed before the service answered: queued, not sent yet.
    assert!(update(&mut store, Action::ToggleDone).is_empty(), "one write at a time");
    assert!(selected(&store).is_completed());

    let mut created = task("t-bob", "Call Bob");
    created.created = Some(Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap());
    let (next, write) = write_of(&answer(&mut store, op, Ok(Written::Task(Box::new(created)))));
    let shown = selected(&store);
    assert_eq!(
        (shown.id.as_str(), shown.created),
        ("t-bob", Some(Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()))
    );
    assert!(shown.is_completed(), "the queued change keeps showing");
    let edit = TaskEdit::Status(TaskStatus::Completed);
    assert_eq!(write, TaskWrite::UpdateTask { list_id: "l-tasks".into(), task_id: "t-bob".into(), edit });
    let mut done = task("t-bob", "Call Bob");
    done.status = TaskStatus::Completed;
    done.completed = Some(Utc.with_ymd_and_hms(2026, 11, 23, 10, 1, 0).unwrap());
    assert!(answer(&mut store, next, Ok(Written::Task(Box::new(done.clone())))).is_empty());
    assert_eq!(selected(&store).completed, done.completed, "the service's completion time is taken");
    assert!(store.tasks.writes.pending.is_empty() && !store.tasks.writes.is_busy());
}

#[test]
fn a_refused_new_task_goes_with_the_changes_queued_for_it() {
    let mut store = loaded();
    focus_tasks(&mut store);
    update(&mut store, Action::Add);
    let (op, _) = write_of(&type_in(&mut store, "Call Bob"));
    update(&mut store, Action::CycleImportance);
    assert_eq!(store.tasks.writes.queue.len(), 1);
    assert!(answer(&mut store, op, Err("HTTP 500: generalException")).is_empty(), "the queued change is dropped");
    assert_eq!(titles(&store), ["Buy milk", "Write the report", "Pay rent"]);
    assert_eq!(error_text(&store), "Adding the task Call Bob failed: HTTP 500: generalException");
    assert!(store.tasks.writes.pending.is_empty() && !store.tasks.writes.is_busy());
}

#[test]
fn title_due_importance_and_note_edits_reconcile_or_roll_back() {
    let mut store = loaded();
    focus_tasks(&mut store);
    update(&mut store, Action::Bottom);
    let original = selected(&store);
    assert_eq!(original.title, "Pay rent");

    // Title.
    update(&mut store, Action::Rename);
    assert_eq!(store.prompt.as_ref().unwrap().typed(), "Pay rent", "the old title to edit");
    for _ in 0.."rent".len() {
        update(&mut store, Action::TextBackspace);
    }
    let (op, write) = write_of(&type_in(&mut store, "the landlord"));
    let edit = TaskEdit::Title("Pay the landlord".into());
    assert_eq!(write, TaskWrite::UpdateTask { list_id: "l-tasks".into(), task_id: "t-rent".into(), edit });
    assert_eq!(selected(&store).title, "Pay the landlord");
    answer(&mut store, op, Err("HTTP 404: not found"));
    assert_eq!(selected(&store), original);
    assert_eq!(error_text(&store), "Renaming Pay rent failed: HTTP 404: not found");

    // Due: words count from the pinned today, a bad date keeps the prompt, empty clears.
    update(&mut store, Action::EditDue);
    assert_eq!(store.prompt.as_ref().unwrap().typed(), "2026-11-20");
    for _ in 0..10 {
        update(&mut store, Action::TextBackspace);
    }
    assert!(type_in(&mut store, "someday").is_empty());
    assert!(store.prompt.as_ref().unwrap().error.as_ref().unwrap().contains("someday"));
    for _ in 0..7 {
        update(&mut store, Action::TextBackspace);
    }
    let (op, write) = write_of(&type_in(&mut store, "tomorrow"));
    let tomorrow = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert_eq!(selected(&store).due, Some(tomorrow));
    let edit = TaskEdit::Due { day: Some(tomorrow), zone: chrono_tz::Tz::UTC };
    assert_eq!(write, TaskWrite::UpdateTask { list_id: "l-tasks".into(), task_id: "t-rent".into(), edit });
    answer(&mut store, op, Err("HTTP 400: bad due"));
    assert_eq!(selected(&store).due, original.due);
    update(&mut store, Action::EditDue);
    for _ in 0..10 {
        update(&mut store, Action::TextBackspace);
    }
    let (op, write) = write_of(&type_in(&mut store, ""));
    let TaskWrite::UpdateTask { edit, .. } = write else { panic!("{write:?}") };
    assert_eq!(edit, TaskEdit::Due { day: None, zone: chrono_tz::Tz::UTC }, "an empty answer clears the due date");
    assert_eq!(selected(&store).due, None);
    let mut cleared = original.clone();
    cleared.due = None;
    answer(&mut store, op, Ok(Written::Task(Box::new(cleared))));
    assert_eq!(selected(&store).due, None);

    // Importance cycles normal → high → low → normal; a refusal restores the one before.
    let (op, _) = write_of(&update(&mut store, Action::CycleImportance));
    assert_eq!(selected(&store).importance, Importance::High);
    answer(&mut store, op, Err("HTTP 503"));
    assert_eq!(selected(&store).importance, Importance::Normal);
    assert!(error_text(&store).starts_with("Changing the importance of Pay rent failed"));

    // Note, in the built-in editor (no $EDITOR here).
    update(&mut store, Action::EditNote);
    for c in "By transfer".chars() {
        update(&mut store, Action::NoteKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    let (op, write) = write_of(&update(&mut store, Action::NoteSave));
    let edit = TaskEdit::Note("By transfer".into());
    assert_eq!(write, TaskWrite::UpdateTask { list_id: "l-tasks".into(), task_id: "t-rent".into(), edit });
    assert_eq!(selected(&store).note, Some(Body::Text("By transfer".into())));
    answer(&mut store, op, Err("HTTP 500"));
    assert_eq!(selected(&store).note, None);
    assert!(store.tasks.writes.pending.is_empty());
}

#[test]
fn completing_and_reopening_take_the_service_stamp_or_roll_back() {
    let mut store = loaded();
    store.tasks.show_completed = true;
    focus_tasks(&mut store);
    let (op, _) = write_of(&update(&mut store, Action::ToggleDone));
    assert_eq!(selected(&store).status, TaskStatus::Completed);
    answer(&mut store, op, Err("HTTP 500"));
    assert_eq!(selected(&store).status, TaskStatus::NotStarted);
    assert_eq!(error_text(&store), "Completing Buy milk failed: HTTP 500");

    let (op, _) = write_of(&update(&mut store, Action::ToggleDone));
    let mut done = task("t-milk", "Buy milk");
    done.status = TaskStatus::Completed;
    done.completed = Some(Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap());
    answer(&mut store, op, Ok(Written::Task(Box::new(done.clone()))));
    assert_eq!(selected(&store).completed, done.completed);

    let (op, write) = write_of(&update(&mut store, Action::ToggleDone));
    let TaskWrite::UpdateTask { edit, .. } = write else { panic!("{write:?}") };
    assert_eq!(edit, TaskEdit::Status(TaskStatus::NotStarted));
    assert_eq!((selected(&store).status, selected(&store).completed), (TaskStatus::NotStarted, None));
    answer(&mut store, op, Err("HTTP 500"));
    assert_eq!(selected(&store), done, "reopening refused: completed again, with its stamp");
}

#[test]
fn deleting_a_task_asks_first_and_a_refusal_puts_it_back_in_place() {
    let mut store = loaded();
    focus_tasks(&mut store);
    update(&mut store, Action::Down);
    update(&mut store, Action::Delete);
    let prompt = store.prompt.clone().unwrap();
    assert_eq!((prompt.title.as_str(), &prompt.kind), ("Delete the task Write the report?", &PromptKind::YesNo));
    assert!(update(&mut store, Action::TextSubmit).is_empty(), "Enter is no");
    assert!(store.prompt.is_none());
    assert_eq!(titles(&store).len(), 3);
    update(&mut store, Action::Delete);
    let (op, write) = write_of(&update(&mut store, Action::TextInput('y')));
    assert_eq!(write, TaskWrite::DeleteTask { list_id: "l-tasks".into(), task_id: "t-report".into() });
    assert_eq!(titles(&store), ["Buy milk", "Pay rent"]);
    answer(&mut store, op, Err("HTTP 403: denied"));
    assert_eq!(titles(&store), ["Buy milk", "Write the report", "Pay rent"]);
    assert_eq!(selected(&store).id, "t-report", "the cursor is back on it");
    assert_eq!(error_text(&store), "Deleting the task Write the report failed: HTTP 403: denied");

    update(&mut store, Action::Delete);
    let (op, _) = write_of(&update(&mut store, Action::TextInput('y')));
    assert!(answer(&mut store, op, Ok(Written::Deleted)).is_empty());
    assert_eq!(titles(&store), ["Buy milk", "Pay rent"]);
}

#[test]
fn checklist_items_are_added_ticked_and_deleted_with_rollback() {
    let mut store = loaded();
    focus_tasks(&mut store);
    update(&mut store, Action::Down);
    update(&mut store, Action::Open);
    assert_eq!(store.tasks.focus, TasksFocus::Detail);
    let steps = |store: &Store| selected(store).checklist;

    // Add: shown at once under a local id, then the service's id.
    update(&mut store, Action::Add);
    let (op, write) = write_of(&type_in(&mut store, "Send it"));
    assert_eq!(
        write,
        TaskWrite::AddStep { list_id: "l-tasks".into(), task_id: "t-report".into(), name: "Send it".into() }
    );
    assert_eq!(store.tasks.selected_step().unwrap().title, "Send it");
    // Ticked before the answer: queued, then sent with the service's id.
    assert!(update(&mut store, Action::ToggleDone).is_empty());
    let (op, write) = write_of(&answer(&mut store, op, Ok(Written::Step(step("c-3", "Send it", false)))));
    assert_eq!(
        write,
        TaskWrite::TickStep {
            list_id: "l-tasks".into(),
            task_id: "t-report".into(),
            item_id: "c-3".into(),
            checked: true
        }
    );
    let mut ticked = step("c-3", "Send it", true);
    ticked.checked = Some(Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).unwrap());
    answer(&mut store, op, Ok(Written::Step(ticked.clone())));
    assert_eq!(steps(&store)[2], ticked);

    // Untick refused: ticked again with its stamp.
    let (op, _) = write_of(&update(&mut store, Action::ToggleDone));
    assert!(!steps(&store)[2].is_checked);
    answer(&mut store, op, Err("HTTP 500"));
    assert_eq!(steps(&store)[2], ticked);
    assert_eq!(error_text(&store), "Unticking the checklist item Send it failed: HTTP 500");

    // Delete asks, refused puts it back in its place.
    update(&mut store, Action::Up);
    update(&mut store, Action::Delete);
    assert_eq!(store.prompt.as_ref().unwrap().title, "Delete the checklist item Draft?");
    let (op, write) = write_of(&update(&mut store, Action::TextInput('y')));
    assert_eq!(
        write,
        TaskWrite::DeleteStep { list_id: "l-tasks".into(), task_id: "t-report".into(), item_id: "c-2".into() }
    );
    assert_eq!(steps(&store).iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["c-1", "c-3"]);
    answer(&mut store, op, Err("HTTP 404"));
    assert_eq!(steps(&store).iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["c-1", "c-2", "c-3"]);

    // A refused new item goes.
    update(&mut store, Action::Add);
    let (op, _) = write_of(&type_in(&mut store, "Celebrate"));
    assert_eq!(steps(&store).len(), 4);
    answer(&mut store, op, Err("HTTP 400"));
    assert_eq!(steps(&store).len(), 3);
    assert!(store.tasks.writes.pending.is_empty());
}
