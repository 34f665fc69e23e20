//! Snapshots of the Drive pane's new views (issue 8) on a fixed-size TestBackend: marked rows
//! with their column and count, the folder picker for a move, the transfers view with one
//! transfer in every state (waiting, running with a bar, tried again with its reason, done,
//! failed, cancelled), a version list, who has access (a removal asked) and a link's password
//! drawn as dots. Remote names carry escapes and must come out clean.
use crate::screen;

use screen::draw;

use o365::domain::{DriveItem, DriveItemKind};
use o365::tui::action::drive::DriveAction;
use o365::tui::action::{Action, Pane};
use o365::tui::effect::drive::DriveEffect;
use o365::tui::effect::{Effect, LoadKey};
use o365::tui::msg::drive::{DriveMsg, FolderRow, PermissionRow, TransferDone, VersionRow};
use o365::tui::msg::{DriveEntry, Failure, FailureKind, Msg};
use o365::tui::store::Store;
use o365::tui::update::update;

fn entry(id: &str, folder: bool, size: u64) -> DriveEntry {
    let kind = if folder {
        DriveItemKind::Folder { child_count: 2 }
    } else {
        DriveItemKind::File { mime: Some("text/plain".into()), size }
    };
    let item =
        DriveItem { id: id.into(), name: id.into(), kind, size, parent_path: Some("/".into()), ..DriveItem::default() };
    DriveEntry { item, created: None, created_by: None }
}

/// The drive root listed at `width` x `height`.
fn listed(width: u16, height: u16) -> Store {
    let mut store = Store::new("adele@contoso.test", chrono_tz::Europe::Paris, width, height);
    let [Effect::Load { generation, key: LoadKey::DriveChildren { .. } }] =
        update(&mut store, Action::ShowPane(Pane::Drive))[..]
    else {
        panic!("the root listed")
    };
    let entries = vec![
        entry("Archive", true, 0),
        entry("Reports", true, 0),
        entry("budget.xlsx", false, 48_213),
        entry("notes\u{1b}[31m.txt", false, 1_200),
        entry("q3.pdf", false, 2_500_000),
    ];
    update(&mut store, Msg::DriveChildren { generation, result: Ok(entries) });
    store
}

fn command(store: &mut Store, action: DriveAction) -> Vec<Effect> {
    update(store, Action::Drive(action))
}

fn clean(screen: &str) {
    assert!(!screen.contains('\u{1b}'), "{screen}");
}

#[test]
fn marked_rows_show_a_column_and_the_count() {
    let mut store = listed(100, 12);
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    command(&mut store, DriveAction::ToggleMark);
    command(&mut store, DriveAction::ToggleMark);
    let terminal = draw(&store);
    clean(&terminal.backend().to_string());
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_move_picker_browses_folders() {
    let mut store = listed(100, 16);
    update(&mut store, Action::Bottom);
    let [Effect::Drive(DriveEffect::LoadPickerFolders { generation, .. })] = command(&mut store, DriveAction::Move)[..]
    else {
        panic!("the picker's folders load")
    };
    let folders = ["Archive", "Reports", "Team \u{1b}]0;x\u{7}space"]
        .iter()
        .map(|name| FolderRow::folder(name.to_lowercase(), *name))
        .collect();
    update(&mut store, Msg::Drive(DriveMsg::PickerFolders { generation, result: Ok(folders) }));
    update(&mut store, Action::Down);
    let terminal = draw(&store);
    clean(&terminal.backend().to_string());
    insta::assert_snapshot!(terminal.backend());
}

fn upload(store: &mut Store, name: &str) {
    update(store, Action::Add);
    for c in name.chars() {
        update(store, Action::TextInput(c));
    }
    update(store, Action::TextSubmit);
}

fn ended(store: &mut Store, id: u64, result: Result<TransferDone, Failure>) {
    update(store, Msg::Drive(DriveMsg::TransferEnded { id, result }));
}

#[test]
fn the_transfers_view_shows_every_state() {
    let mut store = listed(120, 14);
    for name in
        ["~/done.txt", "~/failed.bin", "~/cut.iso", "~/big.iso", "~/cancel\u{1b}[2J.me", "~/later.txt", "~/waits.txt"]
    {
        upload(&mut store, name);
    }
    ended(&mut store, 1, Ok(TransferDone::Uploaded("new".into())));
    ended(
        &mut store,
        2,
        Err(Failure::new(FailureKind::Service { status: 403, code: "accessDenied".into() }, "Access denied")),
    );
    ended(&mut store, 3, Err(Failure::new(FailureKind::Offline, "connection reset by peer")));
    update(&mut store, Msg::Drive(DriveMsg::TransferProgress { id: 3, done: 300 << 20, total: 1 << 30 }));
    update(&mut store, Msg::Drive(DriveMsg::TransferProgress { id: 4, done: 768 << 20, total: 1 << 30 }));
    command(&mut store, DriveAction::Transfers);
    for _ in 0..4 {
        update(&mut store, Action::Down);
    }
    command(&mut store, DriveAction::CancelTransfer);
    let terminal = draw(&store);
    clean(&terminal.backend().to_string());
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_versions_of_a_file() {
    let mut store = listed(100, 12);
    update(&mut store, Action::Bottom);
    let [Effect::Drive(DriveEffect::LoadVersions { generation, .. })] = command(&mut store, DriveAction::Versions)[..]
    else {
        panic!("the versions load")
    };
    let at = |day| chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, day, 9, 30, 0).single();
    let rows = vec![
        VersionRow { id: "3.0".into(), modified: at(9), size: 2_500_000, by: Some("Adele Vance".into()) },
        VersionRow { id: "2.0".into(), modified: at(4), size: 2_100_000, by: Some("Megan \u{1b}[31mBowen".into()) },
        VersionRow { id: "1.0".into(), modified: at(1), size: 900_000, by: None },
    ];
    update(&mut store, Msg::Drive(DriveMsg::Versions { generation, result: Ok(rows) }));
    let terminal = draw(&store);
    clean(&terminal.backend().to_string());
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn who_has_access_with_the_removal_asked() {
    let mut store = listed(100, 12);
    update(&mut store, Action::Bottom);
    let [Effect::Drive(DriveEffect::LoadPermissions { generation, .. })] =
        command(&mut store, DriveAction::Permissions)[..]
    else {
        panic!("the permissions load")
    };
    let rows = vec![
        PermissionRow {
            id: "owner".into(),
            roles: vec!["owner".into()],
            who: "Adele \u{1b}[31mVance".into(),
            expires: None,
            has_password: false,
        },
        PermissionRow {
            id: "l1".into(),
            roles: vec!["write".into()],
            who: "anyone with the link".into(),
            expires: Some("2026-03-18T00:00:00Z".into()),
            has_password: true,
        },
    ];
    update(&mut store, Msg::Drive(DriveMsg::Permissions { generation, result: Ok(rows) }));
    let terminal = draw(&store);
    clean(&terminal.backend().to_string());
    insta::assert_snapshot!("who_has_access", terminal.backend());
    update(&mut store, Action::Down);
    update(&mut store, Action::TextSubmit);
    let terminal = draw(&store);
    insta::assert_snapshot!("who_has_access_removal_asked", terminal.backend());
}

#[test]
fn a_link_password_is_drawn_as_dots() {
    let mut store = listed(100, 12);
    update(&mut store, Action::Bottom);
    command(&mut store, DriveAction::Share);
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    update(&mut store, Action::TextSubmit);
    update(&mut store, Action::TextSubmit);
    for c in "hunter2".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(!screen.contains("hunter2") && screen.contains("•••••••"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}
