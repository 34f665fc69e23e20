//! A folder's items shown from the local cache while the service's answer is still to come
//! (issue 10): replaced by it keeping the selected item, a late cache answer ignored, a
//! failure shown as without the cache.
use super::*;

fn cached(store: &mut Store, generation: u64, entries: Vec<DriveEntry>) {
    update(store, Msg::Drive(DriveMsg::ChildrenCached { generation, entries }));
}

#[test]
fn the_services_items_replace_the_caches_keeping_the_selected_one() {
    let mut store = Store::new("me", chrono_tz::Europe::Paris, 140, 40);
    let (generation, _) = ordered(&update(&mut store, Action::ShowPane(Pane::Drive)));
    cached(&mut store, generation, root());
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    assert_eq!(store.drive.selected().unwrap().item.id, "c");

    let mut listed = root();
    listed.insert(0, entry("new", true));
    arrive(&mut store, generation, listed.clone());
    assert_eq!(store.drive.selected().unwrap().item.id, "c", "the same item stays selected");
    assert!(!store.drive.children_cached.is_shown());
    cached(&mut store, generation, vec![entry("stale", false)]);
    assert_eq!(store.drive.children.ready().unwrap(), &listed, "a late cache answer is ignored");
}

#[test]
fn the_service_failing_after_the_cache_answered_shows_the_error() {
    let mut store = Store::new("me", chrono_tz::Europe::Paris, 140, 40);
    let (generation, _) = ordered(&update(&mut store, Action::ShowPane(Pane::Drive)));
    cached(&mut store, generation, root());
    let failure = Failure::from("403 Forbidden: accessDenied");
    update(&mut store, Msg::DriveChildren { generation, result: Err(failure) });
    assert!(matches!(store.drive.children, Loadable::Failed { .. }), "{:?}", store.drive.children);
    assert!(store.notice.clone().unwrap().text.contains("Listing the folder failed"));
}

#[test]
fn a_row_to_reselect_the_cache_lacks_waits_for_the_services_items() {
    let mut store = at_root();
    // As after an upload: the listing again, the new file to select once it shows.
    let (generation, _) = ordered(&update(&mut store, Action::Refresh));
    store.drive.reselect = Some("uploaded.txt".into());
    cached(&mut store, generation, root());
    assert_eq!(store.drive.selected().unwrap().item.id, "a");
    let mut listed = root();
    listed.push(entry("uploaded.txt", false));
    arrive(&mut store, generation, listed);
    assert_eq!(store.drive.selected().unwrap().item.id, "uploaded.txt");
}
