//! List edits: create (the service's id replaces the local one, also for writes queued in the
//! new list), rename, delete after a yes/no, each rolled back when refused; the well-known
//! lists are not offered for deletion.
use super::*;

fn names(store: &Store) -> Vec<String> {
    store.tasks.lists.ready().unwrap().iter().map(|l| l.name.clone()).collect()
}

#[test]
fn a_new_list_opens_empty_and_its_queued_task_goes_to_the_service_id() {
    let mut store = loaded();
    update(&mut store, Action::Add);
    assert_eq!(store.prompt.as_ref().unwrap().title, "New list");
    let (op, write) = write_of(&type_in(&mut store, "Travel"));
    assert_eq!(write, TaskWrite::CreateList { name: "Travel".into() });
    assert_eq!(names(&store), ["Groceries", "Tasks", "Flagged email", "Reading", "Travel"]);
    let local = store.tasks.open_list.clone().unwrap();
    assert!(local.starts_with("local-") && store.tasks.selected_list().unwrap().id == local);
    assert_eq!(store.tasks.tasks, Remote::Ready(Vec::new()), "nothing to load for a list not saved yet");

    update(&mut store, Action::Open);
    update(&mut store, Action::Add);
    assert!(type_in(&mut store, "Passport").is_empty(), "waits for the list");
    assert_eq!(titles(&store), ["Passport"]);

    let saved = list("l-travel", "Travel", WellknownListName::None);
    let (_, write) = write_of(&answer(&mut store, op, Ok(Written::List(saved))));
    assert_eq!(write, TaskWrite::CreateTask { list_id: "l-travel".into(), title: "Passport".into() });
    assert_eq!(store.tasks.open_list.as_deref(), Some("l-travel"));
    assert_eq!(store.tasks.selected_list().unwrap().id, "l-travel");
}

#[test]
fn a_refused_new_list_goes_and_the_list_under_the_cursor_opens() {
    let mut store = loaded();
    update(&mut store, Action::Add);
    let (op, _) = write_of(&type_in(&mut store, "Travel"));
    let effects = answer(&mut store, op, Err("HTTP 400: invalidRequest"));
    assert_eq!(load_tasks_of(&effects).1, "l-reading");
    assert_eq!(names(&store), ["Groceries", "Tasks", "Flagged email", "Reading"]);
    let notice = store.notice.clone().unwrap();
    assert!(notice.is_error);
    assert_eq!(notice.text, "Creating the list Travel failed: HTTP 400: invalidRequest");
}

#[test]
fn renaming_a_list_shows_at_once_and_rolls_back_when_refused() {
    let mut store = loaded();
    update(&mut store, Action::Top);
    update(&mut store, Action::Rename);
    assert_eq!(store.prompt.as_ref().unwrap().typed(), "Groceries");
    update(&mut store, Action::TextInput('!'));
    let (op, write) = write_of(&update(&mut store, Action::TextSubmit));
    assert_eq!(write, TaskWrite::RenameList { list_id: "l-groceries".into(), name: "Groceries!".into() });
    assert_eq!(names(&store)[0], "Groceries!");
    answer(&mut store, op, Err("HTTP 409"));
    assert_eq!(names(&store)[0], "Groceries");
    assert_eq!(store.notice.clone().unwrap().text, "Renaming the list Groceries failed: HTTP 409");

    update(&mut store, Action::Rename);
    let (op, _) = write_of(&type_in(&mut store, " 🛒"));
    answer(&mut store, op, Ok(Written::List(list("l-groceries", "Groceries 🛒", WellknownListName::None))));
    assert_eq!(names(&store)[0], "Groceries 🛒");
}

#[test]
fn deleting_a_list_asks_and_a_refusal_restores_it() {
    let mut store = loaded();
    update(&mut store, Action::Bottom);
    let (generation, _) = load_tasks_of(&update(&mut store, Action::Top));
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation, result: Ok(vec![task("g-1", "Eggs")]) }));
    update(&mut store, Action::Delete);
    assert_eq!(store.prompt.as_ref().unwrap().title, "Delete the list Groceries and all its tasks?");
    update(&mut store, Action::TextInput('n'));
    assert!(store.prompt.is_none() && names(&store).len() == 4);

    update(&mut store, Action::Delete);
    let effects = update(&mut store, Action::TextInput('y'));
    // The deleted list was open: the one now under the cursor opens, and the delete goes out.
    assert_eq!(effects.len(), 2, "{effects:?}");
    assert!(matches!(&effects[0], Effect::Tasks(TaskEffect::LoadTasks { list_id, .. }) if list_id == "l-tasks"));
    let (op, write) = write_of(&effects[1..]);
    assert_eq!(write, TaskWrite::DeleteList { list_id: "l-groceries".into() });
    assert_eq!(names(&store), ["Tasks", "Flagged email", "Reading"]);
    answer(&mut store, op, Err("HTTP 500"));
    assert_eq!(names(&store), ["Groceries", "Tasks", "Flagged email", "Reading"]);
    assert_eq!(store.tasks.selected_list().unwrap().name, "Tasks", "the cursor stays on the list it was on");
    assert_eq!(store.notice.clone().unwrap().text, "Deleting the list Groceries failed: HTTP 500");
}

#[test]
fn the_default_and_flagged_lists_are_not_deleted() {
    let mut store = loaded();
    assert_eq!(store.tasks.selected_list().unwrap().name, "Tasks");
    assert!(update(&mut store, Action::Delete).is_empty());
    assert!(store.prompt.is_none(), "not even asked");
    let notice = store.notice.clone().unwrap();
    assert!(notice.is_error);
    assert_eq!(notice.text, "The list Tasks belongs to To Do itself and cannot be deleted");
    update(&mut store, Action::Down);
    update(&mut store, Action::Delete);
    assert!(store.prompt.is_none());
    assert_eq!(names(&store).len(), 4);
    assert!(store.tasks.writes.pending.is_empty());
}
