//! Snapshots of the drive pane drawn on a fixed-size TestBackend with fixed items and a pinned
//! zone (Europe/Paris): the root loaded (folders first, details beside), loading, failed, an
//! empty folder under its breadcrumb, a narrow terminal (list, then details), a file's details.
use crate::screen;

use screen::draw;

use chrono::{DateTime, TimeZone, Utc};
use o365::domain::{DriveItem, DriveItemKind};
use o365::tui::action::{Action, Pane};
use o365::tui::effect::{Effect, LoadKey};
use o365::tui::msg::{DriveEntry, Msg};
use o365::tui::store::Store;
use o365::tui::update::update;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// The one drive listing `effects` order: its generation and folder.
fn drive_load(effects: &[Effect]) -> (u64, Option<String>) {
    match effects {
        [Effect::Load { generation, key: LoadKey::DriveChildren { folder_id, .. } }] => {
            (*generation, folder_id.clone())
        }
        other => panic!("expected one drive listing, got {other:?}"),
    }
}

fn at(month: u32, day: u32, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
    Some(Utc.with_ymd_and_hms(2026, month, day, hour, minute, 0).unwrap())
}

fn entry(id: &str, name: &str, kind: DriveItemKind, size: u64, modified: Option<DateTime<Utc>>) -> DriveEntry {
    DriveEntry {
        item: DriveItem {
            id: id.into(),
            name: name.into(),
            kind,
            size,
            modified,
            modified_by: Some("Megan Bowen".into()),
            drive_id: Some("drive-1".into()),
            parent_id: Some("root".into()),
            parent_path: Some("/".into()),
            web_url: Some(format!("https://contoso-my.sharepoint.test/personal/adele/Documents/{id}")),
            download_url: None,
            is_root: false,
            is_deleted: false,
            special_folder: None,
            e_tag: None,
        },
        created: at(1, 5, 9, 0),
        created_by: Some("Adele Vance".into()),
    }
}

/// The root as the worker hands it over: folders first, then files.
fn root() -> Vec<DriveEntry> {
    let file = |mime: &str, size| DriveItemKind::File { mime: Some(mime.into()), size };
    vec![
        entry("projects", "Projects", DriveItemKind::Folder { child_count: 0 }, 0, at(11, 20, 16, 45)),
        entry("reports", "Reports 2026", DriveItemKind::Folder { child_count: 12 }, 48_300_000, at(10, 2, 8, 5)),
        entry("budget", "Budget Q3.xlsx", file("application/vnd.ms-excel", 24_576), 24_576, at(11, 22, 23, 30)),
        entry(
            "evil",
            "invoice\u{1b}[31m \u{202e}fdp.exe",
            file("application/octet-stream", 1_048_576),
            1_048_576,
            at(3, 29, 0, 59),
        ),
        entry(
            "notes",
            "日本語のメモ and a very long file name that has to be cut somewhere.txt",
            file("text/plain", 512),
            512,
            None,
        ),
    ]
}

/// The drive pane shown, its root listing ordered (and returned).
fn drive_store(width: u16, height: u16) -> (Store, u64) {
    let mut store = Store::new("adele@contoso.test", ZONE, width, height);
    let (generation, folder) = drive_load(&update(&mut store, Action::ShowPane(Pane::Drive)));
    assert_eq!(folder, None, "the root is listed first");
    (store, generation)
}

fn loaded(width: u16, height: u16) -> Store {
    let (mut store, generation) = drive_store(width, height);
    update(&mut store, Msg::DriveChildren { generation, result: Ok(root()) });
    store
}

#[test]
fn drive_loaded_folders_first() {
    let store = loaded(120, 14);
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}') && !screen.contains("[31m"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn drive_loading() {
    let (store, _) = drive_store(100, 12);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn drive_failed() {
    let (mut store, generation) = drive_store(100, 12);
    let reason = "ErrorAccessDenied (HTTP 403): Access denied.".to_owned();
    update(&mut store, Msg::DriveChildren { generation, result: Err(reason.into()) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn drive_empty_folder() {
    let mut store = loaded(100, 12);
    let (generation, folder) = drive_load(&update(&mut store, Action::Open));
    assert_eq!(folder.as_deref(), Some("projects"));
    update(&mut store, Msg::DriveChildren { generation, result: Ok(Vec::new()) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn drive_narrow_shows_the_list_then_the_details() {
    let mut store = loaded(60, 14);
    update(&mut store, Action::Down);
    let list = draw(&store);
    assert!(update(&mut store, Action::ToggleDetails).is_empty());
    let details = draw(&store);
    insta::assert_snapshot!(format!("{}\n{}", list.backend(), details.backend()));
}

#[test]
fn drive_details_of_a_file() {
    let mut store = loaded(120, 14);
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    assert_eq!(store.drive.selected().map(|e| e.item.id.as_str()), Some("evil"));
    // `i` shows the details (Enter on a file downloads and opens it: tests/tui/drive_open.rs).
    assert!(update(&mut store, Action::ToggleDetails).is_empty(), "the details load nothing");
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("1.0 MB (1048576 bytes)"), "{screen}");
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}
