//! What the tasks column shows (issue 13): completed tasks hidden until `c`, the order `s`
//! picks, the `/` filter, and the note written as several lines in the built-in editor.
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::domain::Body;
use crate::domain::TaskEdit;
use crate::tui::store::tasks::TaskSort;

/// The default list with one task completed and different due dates and importances.
fn with_a_done_task() -> Store {
    let mut store = loaded();
    update(&mut store, Action::FocusNext);
    let (generation, _) = load_tasks_of(&update(&mut store, Action::Refresh));
    let mut tasks = default_tasks();
    tasks[0].status = TaskStatus::Completed;
    tasks[1].importance = Importance::High;
    tasks[1].due = NaiveDate::from_ymd_opt(2026, 11, 25);
    tasks.push(task("t-alpha", "Archive photos"));
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation, result: Ok(tasks) }));
    assert_eq!(store.tasks.focus, TasksFocus::Tasks);
    store
}

fn shown_titles(store: &Store) -> Vec<String> {
    let tasks = store.tasks.tasks.ready().unwrap();
    store.tasks.shown().iter().map(|&i| tasks[i].title.clone()).collect()
}

#[test]
fn completed_tasks_are_hidden_until_c_shows_them() {
    let mut store = with_a_done_task();
    assert_eq!(shown_titles(&store), ["Write the report", "Pay rent", "Archive photos"]);
    assert_eq!(store.tasks.selected_task().unwrap().title, "Write the report");
    update(&mut store, Action::ToggleCompleted);
    assert_eq!(shown_titles(&store), ["Buy milk", "Write the report", "Pay rent", "Archive photos"]);
    assert_eq!(store.tasks.selected_task().unwrap().title, "Write the report", "the cursor stays on its task");
    update(&mut store, Action::ToggleCompleted);
    assert!(store.notice.as_ref().unwrap().text.starts_with("1 completed task hidden"));

    // Completing a task takes it out of the list; the cursor is on the next one.
    let (op, write) = write_of(&update(&mut store, Action::ToggleDone));
    assert!(matches!(write, TaskWrite::UpdateTask { edit: TaskEdit::Status(TaskStatus::Completed), .. }));
    assert_eq!(shown_titles(&store), ["Pay rent", "Archive photos"]);
    assert_eq!(store.tasks.selected_task().unwrap().title, "Pay rent");
    assert!(store.notice.as_ref().unwrap().text.contains("c shows completed tasks"));
    // Refused: it is back, and the cursor stayed where it was.
    answer(&mut store, op, Err("HTTP 500"));
    assert_eq!(shown_titles(&store), ["Write the report", "Pay rent", "Archive photos"]);
    assert_eq!(store.tasks.selected_task().unwrap().title, "Pay rent");
}

#[test]
fn s_orders_by_due_date_importance_and_title_keeping_the_selection() {
    let mut store = with_a_done_task();
    update(&mut store, Action::Down);
    assert_eq!(store.tasks.selected_task().unwrap().title, "Pay rent");
    let mut seen = Vec::new();
    for _ in 0..4 {
        update(&mut store, Action::CycleSort);
        assert_eq!(store.tasks.selected_task().unwrap().title, "Pay rent", "{:?}", store.tasks.sort);
        seen.push((store.tasks.sort, shown_titles(&store).join(", ")));
    }
    assert_eq!(
        seen,
        [
            (TaskSort::Due, "Pay rent, Write the report, Archive photos".to_owned()),
            (TaskSort::Importance, "Write the report, Pay rent, Archive photos".to_owned()),
            (TaskSort::Title, "Archive photos, Pay rent, Write the report".to_owned()),
            (TaskSort::AsListed, "Write the report, Pay rent, Archive photos".to_owned()),
        ]
    );
}

#[test]
fn slash_filters_the_tasks_by_title_and_esc_clears_it() {
    let mut store = with_a_done_task();
    update(&mut store, Action::StartFilter);
    assert!(store.wants_text(), "letters go into the filter");
    for c in "RE".chars() {
        update(&mut store, Action::TextInput(c));
    }
    assert_eq!(shown_titles(&store), ["Write the report", "Pay rent"]);
    update(&mut store, Action::TextSubmit);
    assert!(!store.wants_text());
    update(&mut store, Action::Down);
    assert_eq!(store.tasks.selected_task().unwrap().title, "Pay rent");
    update(&mut store, Action::Back);
    assert_eq!(shown_titles(&store).len(), 3, "Esc cleared the filter");
    assert_eq!(store.tasks.focus, TasksFocus::Tasks, "and did nothing else");
    assert_eq!(store.tasks.selected_task().unwrap().title, "Pay rent");
}

fn key(code: KeyCode) -> Action {
    Action::NoteKey(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn the_note_is_written_as_several_lines_in_the_built_in_editor() {
    let mut store = with_a_done_task();
    assert!(update(&mut store, Action::EditNote).is_empty(), "no $EDITOR: the built-in editor");
    assert!(store.tasks.note_editor.is_some());
    for c in "Numbers first".chars() {
        update(&mut store, key(KeyCode::Char(c)));
    }
    update(&mut store, key(KeyCode::Enter));
    for c in "then the draft".chars() {
        update(&mut store, key(KeyCode::Char(c)));
    }
    assert!(update(&mut store, Action::Quit).is_empty() && !store.quit, "q with a note typed does not quit");
    let (_, write) = write_of(&update(&mut store, Action::NoteSave));
    let edit = TaskEdit::Note("Numbers first\nthen the draft".into());
    assert_eq!(write, TaskWrite::UpdateTask { list_id: "l-tasks".into(), task_id: "t-report".into(), edit });
    assert_eq!(store.tasks.selected_task().unwrap().note, Some(Body::Text("Numbers first\nthen the draft".into())));
    assert!(store.tasks.note_editor.is_none());

    // Opened again with the note; dropped with Ctrl-X, nothing is written.
    update(&mut store, Action::EditNote);
    assert_eq!(store.tasks.note_editor.as_ref().unwrap().text(), "Numbers first\nthen the draft");
    update(&mut store, key(KeyCode::Backspace));
    assert!(update(&mut store, Action::NoteCancel).is_empty());
    assert!(update(&mut store, Action::EditNote).is_empty());
    assert!(update(&mut store, Action::NoteSave).is_empty(), "unchanged: nothing to write");
}

#[test]
fn with_an_editor_set_the_note_goes_to_it_and_comes_back() {
    use crate::tui::effect::tasks::NoteJob;
    let mut store = with_a_done_task();
    store.compose.env.editor = Some(vec!["vi".into()]);
    let dirs = crate::drafts::DraftDir { base: "/nowhere/compose".into(), own: "/nowhere/compose/1-a".into() };
    store.compose.env.dirs = Some(dirs);
    let effects = update(&mut store, Action::EditNote);
    let [Effect::EditNote(NoteJob { job, list_id, task_id })] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!((job.command.as_slice(), job.text.as_str()), (&["vi".to_owned()][..], "\n"));
    let edited = TaskMsg::NoteEdited {
        list_id: list_id.clone(),
        task_id: task_id.clone(),
        result: Ok("Line one\nLine two\n\n".into()),
    };
    let (_, write) = write_of(&update(&mut store, Msg::Tasks(edited)));
    assert!(
        matches!(write, TaskWrite::UpdateTask { edit: TaskEdit::Note(ref text), .. } if text == "Line one\nLine two")
    );
    let gave_up =
        TaskMsg::NoteEdited { list_id: list_id.clone(), task_id: task_id.clone(), result: Err("vi: exit 1".into()) };
    assert!(update(&mut store, Msg::Tasks(gave_up)).is_empty());
    assert!(store.notice.as_ref().unwrap().is_error);
}
