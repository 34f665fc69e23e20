//! The lists and tasks shown from the local cache while the service's answer is still to come
//! (issue 10): the service's answer of the same generation replaces them keeping the selection,
//! a late cache answer is ignored, a failure shows as without the cache, and a change keeps the
//! cache's rows (the service's older answer is dropped).
use super::*;

/// The cache's tasks: no checklists (the cache does not keep them).
fn cached_tasks() -> Vec<Task> {
    default_tasks().into_iter().map(|t| Task { checklist: Vec::new(), ..t }).collect()
}

/// The pane opened, the lists and the default list's tasks answered by the cache only; the
/// generations the service's answers will carry.
fn from_the_cache(store: &mut Store) -> (Generation, Generation) {
    store.tasks.today = Some(today());
    let lists_load = load_lists_generation(&update(store, Action::ShowPane(Pane::Tasks)));
    let effects = update(store, Msg::Tasks(TaskMsg::ListsCached { generation: lists_load, lists: lists() }));
    let (tasks_load, list_id) = load_tasks_of(&effects);
    assert_eq!(list_id, "l-tasks", "the cached lists open the default list");
    update(store, Msg::Tasks(TaskMsg::TasksCached { generation: tasks_load, tasks: cached_tasks() }));
    (lists_load, tasks_load)
}

#[test]
fn the_caches_rows_show_at_once_and_the_services_replace_them_keeping_the_selection() {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 30);
    let (lists_load, tasks_load) = from_the_cache(&mut store);
    assert_eq!(titles(&store), ["Buy milk", "Write the report", "Pay rent"]);
    assert!(store.tasks.tasks_cached.is_shown());
    update(&mut store, Action::FocusNext);
    update(&mut store, Action::Down);
    assert_eq!(store.tasks.selected_task().unwrap().id, "t-report");
    assert!(store.tasks.selected_task().unwrap().checklist.is_empty());

    // The service's lists, in another order: the open list stays, its tasks are not asked again.
    let mut reordered = lists();
    reordered.reverse();
    let effects = update(&mut store, Msg::Tasks(TaskMsg::Lists { generation: lists_load, result: Ok(reordered) }));
    assert!(effects.is_empty(), "the tasks' own load is under way: {effects:?}");
    assert_eq!(store.tasks.selected_list().unwrap().id, "l-tasks");
    // The service's tasks, another first: the selected task stays, with its checklist.
    let mut tasks = default_tasks();
    tasks.insert(0, task("t-new", "Call the bank"));
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation: tasks_load, result: Ok(tasks) }));
    let selected = store.tasks.selected_task().unwrap();
    assert_eq!((selected.id.as_str(), selected.checklist.len()), ("t-report", 2));
    assert!(!store.tasks.tasks_cached.is_shown() && !store.tasks.lists_cached.is_shown());
}

#[test]
fn a_late_cache_answer_never_covers_the_services() {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 30);
    store.tasks.today = Some(today());
    let lists_load = load_lists_generation(&update(&mut store, Action::ShowPane(Pane::Tasks)));
    let effects = update(&mut store, Msg::Tasks(TaskMsg::Lists { generation: lists_load, result: Ok(lists()) }));
    let (tasks_load, _) = load_tasks_of(&effects);
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation: tasks_load, result: Ok(default_tasks()) }));
    let shown = store.tasks.clone();

    let stale = vec![list("l-old", "Gone", WellknownListName::None)];
    assert!(update(&mut store, Msg::Tasks(TaskMsg::ListsCached { generation: lists_load, lists: stale })).is_empty());
    update(&mut store, Msg::Tasks(TaskMsg::TasksCached { generation: tasks_load, tasks: cached_tasks() }));
    assert_eq!(store.tasks.lists, shown.lists);
    assert_eq!(store.tasks.tasks, shown.tasks, "the checklists stay");
    assert!(!store.tasks.tasks_cached.is_shown());

    // Another list opened: the older load's service answer is stale, even after the newer's
    // cache answer.
    let (reload, list_id) = load_tasks_of(&update(&mut store, Action::Down));
    assert_eq!(list_id, "l-flagged");
    let flagged = vec![task("f-1", "Flagged")];
    update(&mut store, Msg::Tasks(TaskMsg::TasksCached { generation: reload, tasks: flagged.clone() }));
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation: tasks_load, result: Ok(default_tasks()) }));
    assert_eq!(titles(&store), ["Flagged"], "the older load's answer is stale");
    // Nor a change made since: a task marked done, then a cache answer of the same load.
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation: reload, result: Ok(flagged.clone()) }));
    update(&mut store, Action::FocusNext);
    write_of(&update(&mut store, Action::ToggleDone));
    let changed = store.tasks.tasks.clone();
    update(&mut store, Msg::Tasks(TaskMsg::TasksCached { generation: reload, tasks: flagged }));
    assert_eq!(store.tasks.tasks, changed, "the change stays");
}

#[test]
fn the_service_failing_after_the_cache_answered_shows_the_error_not_the_cached_rows() {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 30);
    let (_, tasks_load) = from_the_cache(&mut store);
    let failure = Failure::from("403 Forbidden: accessDenied");
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation: tasks_load, result: Err(failure) }));
    assert!(matches!(store.tasks.tasks, Remote::Failed { .. }), "{:?}", store.tasks.tasks);
    let notice = store.notice.clone().expect("a notice");
    assert!(notice.is_error && notice.text.contains("Loading the tasks failed"), "{notice:?}");
    assert!(!store.tasks.tasks_cached.is_shown());
}

#[test]
fn a_change_on_the_caches_rows_keeps_them_and_drops_the_older_service_answer() {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 30);
    let (lists_load, tasks_load) = from_the_cache(&mut store);
    update(&mut store, Action::FocusNext);
    write_of(&update(&mut store, Action::ToggleDone));
    let changed = store.tasks.tasks.clone();
    assert_eq!(changed.ready().unwrap()[0].status, TaskStatus::Completed, "shown at once");
    assert!(!store.tasks.tasks_cached.is_shown() && !store.tasks.lists_cached.is_shown());
    // The service's answers, asked for before the change, would show the task not done.
    update(&mut store, Msg::Tasks(TaskMsg::Lists { generation: lists_load, result: Ok(lists()) }));
    update(&mut store, Msg::Tasks(TaskMsg::Tasks { generation: tasks_load, result: Ok(default_tasks()) }));
    assert_eq!(store.tasks.tasks, changed, "the change stays");
}
