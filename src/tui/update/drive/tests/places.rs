//! The Drive pane's update tests of the places beside My files: Shared with me (items open in
//! their own drive) and Sites (a site, its libraries, their folders; the site search).
use super::*;

fn place_row(id: &str, kind: PlaceKind) -> crate::tui::msg::PlaceRow {
    crate::tui::msg::PlaceRow { id: id.into(), name: id.to_uppercase(), kind, web_url: None, description: None }
}

fn places_arrive(store: &mut Store, generation: u64, rows: Vec<crate::tui::msg::PlaceRow>) {
    update(store, Msg::DrivePlaces { generation, result: Ok(rows) });
}

#[test]
fn shared_items_open_in_their_own_drive_and_back_returns_to_the_shared_list() {
    let mut store = at_root();
    let (generation, key) = one_load(&update(&mut store, Action::DrivePlace(Place::Shared)));
    assert_eq!(key, LoadKey::SharedWithMe);
    assert_eq!(store.drive.place, Place::Shared);
    arrive(&mut store, generation, vec![entry_in("plans", true, Some("D2")), entry_in("x.docx", false, Some("D3"))]);
    let (generation, key) = one_load(&update(&mut store, Action::Open));
    assert_eq!(key, LoadKey::DriveChildren { drive_id: Some("D2".into()), folder_id: Some("plans".into()) });
    arrive(&mut store, generation, vec![entry_in("sub", true, Some("D2"))]);
    // Deeper folders stay in the shared item's drive.
    let (generation, key) = one_load(&update(&mut store, Action::Open));
    assert_eq!(key, LoadKey::DriveChildren { drive_id: Some("D2".into()), folder_id: Some("sub".into()) });
    arrive(&mut store, generation, Vec::new());
    update(&mut store, Action::Back);
    let (generation, key) = one_load(&update(&mut store, Action::Back));
    assert_eq!(key, LoadKey::SharedWithMe);
    arrive(&mut store, generation, vec![entry_in("x.docx", false, Some("D3")), entry_in("plans", true, Some("D2"))]);
    assert_eq!(store.drive.selected().unwrap().item.id, "plans", "back on the shared folder left");
    // My files starts again at the user's own root.
    let (_, key) = one_load(&update(&mut store, Action::DrivePlace(Place::MyFiles)));
    assert_eq!(key, LoadKey::DriveChildren { drive_id: None, folder_id: None });
    assert!(store.drive.path.is_empty());
}

#[test]
fn sites_then_a_library_then_its_folders() {
    let mut store = at_root();
    let (generation, key) = one_load(&update(&mut store, Action::DrivePlace(Place::Sites)));
    assert_eq!(key, LoadKey::Sites { search: None }, "followed sites first");
    assert!(store.drive.places.is_loading());
    places_arrive(&mut store, generation, vec![place_row("s1", PlaceKind::Site), place_row("s2", PlaceKind::Site)]);
    assert!(store.drive.shows_places());
    assert_eq!(store.drive.len(), 2);
    assert!(store.drive.selected().is_none(), "no drive item is selected on a sites list");
    update(&mut store, Action::Down);
    let (generation, key) = one_load(&update(&mut store, Action::Open));
    assert_eq!(key, LoadKey::SiteDrives { site_id: "s2".into() });
    places_arrive(&mut store, generation, vec![place_row("lib", PlaceKind::Library)]);
    let (generation, key) = one_load(&update(&mut store, Action::Open));
    assert_eq!(key, LoadKey::DriveChildren { drive_id: Some("lib".into()), folder_id: None });
    assert!(!store.drive.shows_places());
    arrive(&mut store, generation, vec![entry_in("Specs", true, Some("lib"))]);
    let (generation, key) = one_load(&update(&mut store, Action::Open));
    assert_eq!(key, LoadKey::DriveChildren { drive_id: Some("lib".into()), folder_id: Some("Specs".into()) });
    arrive(&mut store, generation, Vec::new());
    let names: Vec<&str> = store.drive.path.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["S2", "LIB", "Specs"]);

    // Back up to the site's libraries, then to the sites with the cursor on the site left.
    update(&mut store, Action::Back);
    let (generation, key) = one_load(&update(&mut store, Action::Back));
    assert_eq!(key, LoadKey::SiteDrives { site_id: "s2".into() });
    places_arrive(&mut store, generation, vec![place_row("lib", PlaceKind::Library)]);
    let (generation, key) = one_load(&update(&mut store, Action::Back));
    assert_eq!(key, LoadKey::Sites { search: None });
    places_arrive(&mut store, generation, vec![place_row("s1", PlaceKind::Site), place_row("s2", PlaceKind::Site)]);
    assert_eq!(store.drive.selected_place().unwrap().id, "s2");
}

#[test]
fn the_site_search_goes_through_the_prompt() {
    let mut store = at_root();
    assert!(update(&mut store, Action::SearchSites).is_empty());
    assert!(store.wants_text(), "the prompt takes the keys");
    for c in "eng".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let (generation, key) = one_load(&update(&mut store, Action::TextSubmit));
    assert_eq!(key, LoadKey::Sites { search: Some("eng".into()) });
    assert!(store.prompt.is_none());
    assert_eq!(store.drive.place, Place::Sites);
    update(&mut store, Msg::DrivePlaces { generation, result: Err("403 forbidden".into()) });
    match &store.drive.places {
        Loadable::Failed { retry, .. } => assert_eq!(retry, &LoadKey::Sites { search: Some("eng".into()) }),
        other => panic!("expected a failure, got {other:?}"),
    }
    // An empty search returns to the followed sites.
    update(&mut store, Action::SearchSites);
    assert_eq!(store.prompt.as_ref().unwrap().typed(), "eng");
    for _ in 0..3 {
        update(&mut store, Action::TextBackspace);
    }
    let (_, key) = one_load(&update(&mut store, Action::TextSubmit));
    assert_eq!(key, LoadKey::Sites { search: None });
}

#[test]
fn a_listing_of_another_place_arriving_late_is_dropped() {
    let mut store = at_root();
    let (shared, _) = one_load(&update(&mut store, Action::DrivePlace(Place::Shared)));
    let (sites, _) = one_load(&update(&mut store, Action::DrivePlace(Place::Sites)));
    arrive(&mut store, shared, vec![entry("late", false)]);
    assert!(!matches!(store.drive.children, Loadable::Ready(_)), "the shared list is no longer awaited");
    places_arrive(&mut store, sites, vec![place_row("s1", PlaceKind::Site)]);
    assert_eq!(store.drive.len(), 1);
}
