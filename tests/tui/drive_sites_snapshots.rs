//! Snapshots of the Drive pane's other places on a fixed-size TestBackend with fixed items and a
//! pinned zone (Europe/Paris): the shared list (and its honest empty state, since Microsoft
//! retired sharedWithMe), followed sites, a site search that finds nothing, a site's libraries,
//! and a library's folder under its breadcrumb.
use crate::screen;

use screen::draw;

use chrono::{TimeZone, Utc};
use o365::domain::{DriveItem, DriveItemKind};
use o365::tui::action::{Action, Pane};
use o365::tui::effect::{Effect, LoadKey};
use o365::tui::msg::{DriveEntry, Msg, PlaceKind, PlaceRow};
use o365::tui::store::Store;
use o365::tui::store::drive::Place;
use o365::tui::update::update;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

fn item(id: &str, name: &str, folder: bool, drive: &str) -> DriveEntry {
    let at = |d, h| Some(Utc.with_ymd_and_hms(2026, 11, d, h, 5, 0).unwrap());
    let kind = if folder {
        DriveItemKind::Folder { child_count: 5 }
    } else {
        DriveItemKind::File { mime: Some("application/pdf".into()), size: 48_213 }
    };
    DriveEntry {
        item: DriveItem {
            id: id.into(),
            name: name.into(),
            kind,
            size: if folder { 1_250_000 } else { 48_213 },
            modified: at(20, 9),
            modified_by: Some("Megan Bowen".into()),
            drive_id: Some(drive.into()),
            parent_id: Some("P".into()),
            parent_path: Some("/".into()),
            web_url: Some(format!("https://contoso-my.sharepoint.com/personal/megan/Documents/{id}")),
            download_url: None,
            is_root: false,
            is_deleted: false,
            special_folder: None,
            e_tag: None,
        },
        created: at(21, 16),
        created_by: Some("Megan \u{1b}[31mBowen".into()),
    }
}

fn shared_items() -> Vec<DriveEntry> {
    vec![
        item("q4", "Q4 planning", true, "b!megan"),
        item("nda", "Signed NDA.pdf", false, "b!megan"),
        item("brief", "Campaign brief \u{7}v2.pdf", false, "b!marketing"),
    ]
}

fn site(id: &str, name: &str, url: &str, about: &str) -> PlaceRow {
    PlaceRow {
        id: id.into(),
        name: name.into(),
        kind: PlaceKind::Site,
        web_url: Some(url.into()),
        description: Some(about.into()),
    }
}

fn sites() -> Vec<PlaceRow> {
    vec![
        site(
            "contoso.sharepoint.com,1a,2b",
            "Marketing",
            "https://contoso.sharepoint.com/sites/Marketing",
            "Campaigns, brand assets and press",
        ),
        site(
            "contoso.sharepoint.com,3c,4d",
            "Engineering",
            "https://contoso.sharepoint.com/sites/Engineering",
            "Specs, architecture and release notes",
        ),
    ]
}

fn library(id: &str, name: &str, url: &str) -> PlaceRow {
    PlaceRow {
        id: id.into(),
        name: name.into(),
        kind: PlaceKind::Library,
        web_url: Some(url.into()),
        description: None,
    }
}

/// The Drive pane at `width`×`height`, switched to `place`; the load it asked for.
fn at_place(place: Place, width: u16, height: u16) -> (Store, u64) {
    let mut store = Store::new("adele@contoso.test", ZONE, width, height);
    update(&mut store, Action::ShowPane(Pane::Drive));
    let generation = one_load(&update(&mut store, Action::DrivePlace(place)));
    (store, generation)
}

fn one_load(effects: &[Effect]) -> u64 {
    match effects {
        [Effect::Load { generation, .. }] => *generation,
        other => panic!("expected one load, got {other:?}"),
    }
}

#[test]
fn shared_with_me_lists_items_from_other_drives() {
    let (mut store, generation) = at_place(Place::Shared, 120, 14);
    update(&mut store, Msg::DriveChildren { generation, result: Ok(shared_items()) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn shared_with_me_empty_says_the_list_was_retired() {
    let (mut store, generation) = at_place(Place::Shared, 100, 10);
    update(&mut store, Msg::DriveChildren { generation, result: Ok(Vec::new()) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn followed_sites_with_details() {
    let (mut store, generation) = at_place(Place::Sites, 120, 12);
    update(&mut store, Msg::DrivePlaces { generation, result: Ok(sites()) });
    update(&mut store, Action::Down);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn a_site_search_that_finds_nothing() {
    let (mut store, _) = at_place(Place::Sites, 100, 10);
    update(&mut store, Action::SearchSites);
    for c in "zeta".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let generation = one_load(&update(&mut store, Action::TextSubmit));
    update(&mut store, Msg::DrivePlaces { generation, result: Ok(Vec::new()) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn a_sites_libraries_then_a_library_folder() {
    let (mut store, generation) = at_place(Place::Sites, 120, 12);
    update(&mut store, Msg::DrivePlaces { generation, result: Ok(sites()) });
    update(&mut store, Action::Down);
    let generation = one_load(&update(&mut store, Action::Open));
    let libraries = vec![
        library("b!eng-docs", "Documents", "https://contoso.sharepoint.com/sites/Engineering/Shared%20Documents"),
        library("b!eng-builds", "Release builds", "https://contoso.sharepoint.com/sites/Engineering/Release%20builds"),
    ];
    update(&mut store, Msg::DrivePlaces { generation, result: Ok(libraries) });
    let libraries_screen = draw(&store);

    let effects = update(&mut store, Action::Open);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Load { key: LoadKey::DriveChildren { drive_id: Some(d), folder_id: None }, .. }] if d == "b!eng-docs"
    ));
    let generation = one_load(&effects);
    let files = vec![item("specs", "Specs", true, "b!eng-docs"), item("readme", "README.md", false, "b!eng-docs")];
    update(&mut store, Msg::DriveChildren { generation, result: Ok(files) });
    insta::assert_snapshot!(format!("{}\n{}", libraries_screen.backend(), draw(&store).backend()));
}
