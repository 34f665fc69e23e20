//! The sources and people shown from the local cache while the service's answer is still to
//! come (issue 10): replaced by it keeping the selected person, a late cache answer ignored, a
//! failure shown as without the cache, a change keeping the cache's rows.
use super::*;

/// The pane opened with the sources and the default folder's people from the cache; the
/// generations the service's answers will carry.
fn from_the_cache(store: &mut Store) -> (Generation, Generation) {
    let sources_load = match update(store, Action::ShowPane(Pane::People)).as_slice() {
        [Effect::People(PeopleEffect::LoadSources { generation })] => *generation,
        other => panic!("expected the sources load, got {other:?}"),
    };
    let effects = update(store, Msg::People(PeopleMsg::SourcesCached { generation: sources_load, sources: sources() }));
    let (entries_load, source, _) = load_of(&effects);
    assert_eq!(source, sources()[0]);
    let entries =
        vec![contact("c-1", "Ada Lovelace", "ada@example.test"), contact("c-2", "Ben Ng", "ben@example.test")];
    update(store, Msg::People(PeopleMsg::EntriesCached { generation: entries_load, entries }));
    (sources_load, entries_load)
}

#[test]
fn the_services_people_replace_the_caches_keeping_the_selected_one() {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 30);
    let (sources_load, entries_load) = from_the_cache(&mut store);
    assert_eq!(names(&store), ["Ada Lovelace", "Ben Ng"]);
    update(&mut store, Action::FocusNext);
    update(&mut store, Action::Down);
    assert_eq!(store.people.selected_entry().unwrap().id(), "c-2");
    let effects =
        update(&mut store, Msg::People(PeopleMsg::Sources { generation: sources_load, result: Ok(sources()) }));
    assert!(effects.is_empty(), "the folder's own load is under way: {effects:?}");
    let entries = vec![
        contact("c-0", "Aaron Abe", "aaron@example.test"),
        contact("c-1", "Ada Lovelace", "ada@example.test"),
        contact("c-2", "Ben Ng", "ben@example.test"),
    ];
    update(&mut store, Msg::People(PeopleMsg::Entries { generation: entries_load, result: Ok(entries) }));
    assert_eq!(store.people.selected_entry().unwrap().id(), "c-2", "the same person stays selected");
    assert!(!store.people.entries_cached.is_shown() && !store.people.sources_cached.is_shown());
    // A late cache answer of the same load changes nothing.
    let stale = vec![contact("c-9", "Gone", "gone@example.test")];
    update(&mut store, Msg::People(PeopleMsg::EntriesCached { generation: entries_load, entries: stale }));
    assert_eq!(names(&store), ["Aaron Abe", "Ada Lovelace", "Ben Ng"]);
}

#[test]
fn the_service_failing_after_the_cache_answered_shows_the_error() {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 30);
    let (_, entries_load) = from_the_cache(&mut store);
    let failure = Failure::from("403 Forbidden: accessDenied");
    update(&mut store, Msg::People(PeopleMsg::Entries { generation: entries_load, result: Err(failure) }));
    assert!(store.people.entries.ready().is_none(), "no cached rows left as if current");
    assert!(error_text(&store).contains("failed"));
}

#[test]
fn a_change_on_the_caches_people_keeps_them_and_drops_the_older_service_answer() {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 30);
    let (_, entries_load) = from_the_cache(&mut store);
    update(&mut store, Action::Open);
    update(&mut store, Action::Delete);
    write_of(&update(&mut store, Action::TextInput('y')));
    assert_eq!(names(&store), ["Ben Ng"], "gone at once");
    // The service's answer, asked for before the delete, would show the contact again.
    let before = vec![contact("c-1", "Ada Lovelace", "ada@example.test"), contact("c-2", "Ben Ng", "ben@example.test")];
    update(&mut store, Msg::People(PeopleMsg::Entries { generation: entries_load, result: Ok(before) }));
    assert_eq!(names(&store), ["Ben Ng"], "the change stays");
}
