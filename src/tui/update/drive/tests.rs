//! The Drive pane's update tests: My files browsing, and the Shared with me and Sites places.
use super::super::update;
use super::*;
use crate::domain::{DriveItem, DriveItemKind};
use crate::tui::action::Pane;
use crate::tui::effect::drive::{DriveEffect, TransferJob};
use crate::tui::msg::drive::{DriveMsg, TransferDone};
use crate::tui::msg::{DriveEntry, Failure};

mod organise;
mod permissions;
mod places;
mod share;
mod transfers;

fn command(store: &mut Store, action: crate::tui::action::drive::DriveAction) -> Vec<Effect> {
    update(store, Action::Drive(action))
}

/// Types `text` into the open prompt and answers it.
fn type_in(store: &mut Store, text: &str) -> Vec<Effect> {
    for c in text.chars() {
        update(store, Action::TextInput(c));
    }
    update(store, Action::TextSubmit)
}

fn entry(id: &str, folder: bool) -> DriveEntry {
    entry_in(id, folder, None)
}

fn entry_in(id: &str, folder: bool, drive_id: Option<&str>) -> DriveEntry {
    let kind =
        if folder { DriveItemKind::Folder { child_count: 1 } } else { DriveItemKind::File { mime: None, size: 5 } };
    let item = DriveItem {
        id: id.into(),
        name: id.into(),
        kind,
        size: 5,
        drive_id: drive_id.map(str::to_owned),
        parent_path: Some("/".into()),
        ..DriveItem::default()
    };
    DriveEntry { item, created: None, created_by: None }
}

fn ordered(effects: &[Effect]) -> (u64, Option<String>) {
    match effects {
        [Effect::Load { generation, key: LoadKey::DriveChildren { drive_id: None, folder_id } }] => {
            (*generation, folder_id.clone())
        }
        other => panic!("expected one drive load, got {other:?}"),
    }
}

fn arrive(store: &mut Store, generation: u64, entries: Vec<DriveEntry>) {
    update(store, Msg::DriveChildren { generation, result: Ok(entries) });
}

fn root() -> Vec<DriveEntry> {
    vec![entry("a", true), entry("b", true), entry("c", true), entry("f.txt", false)]
}

/// A store showing the drive root with `root()` listed.
fn at_root() -> Store {
    let mut store = Store::new("me", chrono_tz::Europe::Paris, 140, 40);
    let (generation, folder) = ordered(&update(&mut store, Action::ShowPane(Pane::Drive)));
    assert_eq!(folder, None, "the root is listed first");
    arrive(&mut store, generation, root());
    store
}

#[test]
fn entering_and_leaving_restores_the_cursor_on_the_folder_left() {
    let mut store = at_root();
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    let (generation, folder) = ordered(&update(&mut store, Action::Open));
    assert_eq!(folder.as_deref(), Some("c"));
    assert_eq!(store.drive.path.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["c"]);
    arrive(&mut store, generation, vec![entry("inner", false)]);
    assert_eq!(store.drive.selected().unwrap().item.id, "inner");

    let (generation, folder) = ordered(&update(&mut store, Action::Back));
    assert_eq!(folder, None, "back goes to the root");
    assert!(store.drive.path.is_empty());
    arrive(&mut store, generation, root());
    assert_eq!(store.drive.selected().unwrap().item.id, "c", "the cursor is back on the folder left");
    assert!(update(&mut store, Action::Back).is_empty(), "nothing above the root");
}

#[test]
fn opening_a_file_downloads_and_opens_it_and_details_stay_on_i() {
    let mut store = at_root();
    update(&mut store, Action::Bottom);
    let entry = store.drive.selected().unwrap().item.clone();
    assert!(!entry.is_folder());
    let effects = update(&mut store, Action::Open);
    let job = TransferJob::Open { drive_id: None, item_id: entry.id.clone(), name: entry.name.clone() };
    assert_eq!(effects, [Effect::Drive(DriveEffect::StartTransfer { id: 1, job })]);
    assert!(store.drive.path.is_empty(), "a file is not entered");
    assert!(store.notice.as_ref().unwrap().text.starts_with("Downloading"));
    let opened = DriveMsg::TransferEnded { id: 1, result: Ok(TransferDone::Opened("/tmp/o365-x/a.txt".into())) };
    assert!(update(&mut store, Msg::Drive(opened)).is_empty());
    assert_eq!(store.notice.as_ref().unwrap().text, "Opened /tmp/o365-x/a.txt");
    update(&mut store, Action::Open);
    let failed = DriveMsg::TransferEnded { id: 2, result: Err(Failure::local("no program")) };
    update(&mut store, Msg::Drive(failed));
    assert!(store.notice.as_ref().unwrap().is_error);
    assert!(update(&mut store, Action::ToggleDetails).is_empty());
    assert!(store.drive.details_open);
    assert!(update(&mut store, Action::Back).is_empty(), "back first closes the details");
    assert!(!store.drive.details_open);
}

/// The one write effect's op id.
fn write_op(effects: &[Effect]) -> u64 {
    match effects {
        [
            Effect::Drive(
                DriveEffect::Delete { op, .. }
                | DriveEffect::Rename { op, .. }
                | DriveEffect::Move { op, .. }
                | DriveEffect::CreateFolder { op, .. }
                | DriveEffect::RestoreVersion { op, .. }
                | DriveEffect::RemovePermission { op, .. },
            ),
        ] => *op,
        other => panic!("expected one drive write, got {other:?}"),
    }
}

fn written(store: &mut Store, op: u64, result: Result<Option<DriveEntry>, Failure>) -> Vec<Effect> {
    update(store, Msg::Drive(DriveMsg::Written { op, result: result.map(|made| made.map(Box::new)) }))
}

fn names(store: &Store) -> Vec<String> {
    store.drive.children.ready().unwrap().iter().map(|e| e.item.name.clone()).collect()
}

#[test]
fn delete_asks_then_takes_the_row_off_and_a_refusal_puts_it_back() {
    let mut store = at_root();
    update(&mut store, Action::Bottom);
    assert!(update(&mut store, Action::Delete).is_empty());
    let prompt = store.prompt.as_ref().expect("a question");
    assert_eq!(prompt.title, "Delete f.txt to the recycle bin?");
    assert!(update(&mut store, Action::TextInput('n')).is_empty(), "no: nothing happens");
    assert!(store.prompt.is_none() && store.drive.len() == 4);
    update(&mut store, Action::Delete);
    let effects = update(&mut store, Action::TextInput('y'));
    let op = write_op(&effects);
    assert!(
        matches!(&effects[0], Effect::Drive(DriveEffect::Delete { drive_id: None, item_id, permanent: false, .. }) if item_id == "f.txt")
    );
    assert_eq!(store.drive.len(), 3, "the row goes at once");
    assert!(written(&mut store, op, Ok(None)).is_empty());
    assert_eq!(store.notice.as_ref().unwrap().text, "Deleted f.txt (it is in the recycle bin)");

    update(&mut store, Action::Bottom);
    update(&mut store, Action::Delete);
    let op = write_op(&update(&mut store, Action::TextInput('y')));
    assert_eq!(names(&store), ["a", "b"]);
    assert!(written(&mut store, op, Err(Failure::local("accessDenied"))).is_empty(), "no listing again");
    assert_eq!(names(&store), ["a", "b", "c"], "put back where it was");
    let notice = store.notice.as_ref().unwrap();
    assert!(notice.is_error);
    assert_eq!(notice.text, "Deleting c failed: accessDenied (put back)");
}

#[test]
fn rename_asks_with_the_name_shows_the_new_one_at_once_and_a_refusal_puts_the_old_back() {
    let mut store = at_root();
    update(&mut store, Action::Bottom);
    assert!(update(&mut store, Action::Rename).is_empty());
    assert_eq!(store.prompt.as_ref().unwrap().typed(), "f.txt", "the current name to edit");
    for _ in 0.."f.txt".len() {
        update(&mut store, Action::TextBackspace);
    }
    update(&mut store, Action::TextSubmit);
    assert!(store.prompt.as_ref().unwrap().error.is_some(), "an empty name is refused in the prompt");
    let effects = type_in(&mut store, "g h.txt");
    let op = write_op(&effects);
    assert!(
        matches!(&effects[0], Effect::Drive(DriveEffect::Rename { drive_id: None, item_id, new_name, .. }) if item_id == "f.txt" && new_name == "g h.txt")
    );
    assert_eq!(store.drive.selected().unwrap().item.name, "g h.txt", "shown at once");
    assert!(written(&mut store, op, Err(Failure::local("nameAlreadyExists"))).is_empty());
    assert_eq!(store.drive.selected().unwrap().item.name, "f.txt", "the old name is back");
    assert!(store.notice.as_ref().unwrap().is_error);
}

#[test]
fn upload_asks_for_a_path_in_a_folder_and_lists_again_on_the_new_file() {
    let mut store = at_root();
    assert!(update(&mut store, Action::Add).is_empty());
    assert!(store.prompt.as_ref().unwrap().paths.is_some(), "the prompt completes paths");
    let effects = type_in(&mut store, "~/r.csv");
    let job = TransferJob::Upload { drive_id: None, folder_id: None, local: "~/r.csv".into() };
    assert_eq!(effects, [Effect::Drive(DriveEffect::StartTransfer { id: 1, job })]);
    let done = DriveMsg::TransferEnded { id: 1, result: Ok(TransferDone::Uploaded("new".into())) };
    let (_, folder) = ordered(&update(&mut store, Msg::Drive(done)));
    assert_eq!(folder, None);
    assert_eq!(store.drive.reselect.as_deref(), Some("new"));
    update(&mut store, Action::Add);
    type_in(&mut store, "~/r.csv");
    let failed = DriveMsg::TransferEnded { id: 2, result: Err(Failure::local("exists")) };
    assert!(update(&mut store, Msg::Drive(failed)).is_empty());
    assert!(store.notice.as_ref().unwrap().is_error);
}

#[test]
fn a_stale_listing_is_dropped() {
    let mut store = at_root();
    let (into_a, _) = ordered(&update(&mut store, Action::Open));
    let (back_to_root, _) = ordered(&update(&mut store, Action::Back));
    // a's children arrive after the user already went back up: they must not show.
    arrive(&mut store, into_a, vec![entry("stale", false)]);
    assert!(store.drive.children.is_loading());
    arrive(&mut store, back_to_root, root());
    assert_eq!(store.drive.len(), 4);
    assert_eq!(store.drive.selected().unwrap().item.id, "a");
}

#[test]
fn a_failure_is_shown_and_r_retries_the_same_folder() {
    let mut store = at_root();
    let (generation, _) = ordered(&update(&mut store, Action::Open));
    update(&mut store, Msg::DriveChildren { generation, result: Err("503 busy".into()) });
    match &store.drive.children {
        Loadable::Failed { reason, retry } => {
            assert_eq!(reason, "503 busy");
            assert_eq!(retry, &LoadKey::DriveChildren { drive_id: None, folder_id: Some("a".into()) });
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    assert!(store.notice.as_ref().unwrap().is_error);
    let (retry, folder) = ordered(&update(&mut store, Action::Refresh));
    assert_eq!(folder.as_deref(), Some("a"));
    assert!(retry > generation);
}

#[test]
fn refresh_keeps_the_selected_item() {
    let mut store = at_root();
    update(&mut store, Action::Down);
    let (generation, folder) = ordered(&update(&mut store, Action::Refresh));
    assert_eq!(folder, None);
    let mut reordered = root();
    reordered.reverse();
    arrive(&mut store, generation, reordered);
    assert_eq!(store.drive.selected().unwrap().item.id, "b");
}

/// The one load an action asked for.
fn one_load(effects: &[Effect]) -> (u64, LoadKey) {
    match effects {
        [Effect::Load { generation, key }] => (*generation, key.clone()),
        other => panic!("expected one load, got {other:?}"),
    }
}

/// Issue 13: `/` filters the listing in view (it used to search sites, now `f`).
#[test]
fn slash_filters_the_listing_by_name_and_esc_clears_it() {
    let mut store = at_root();
    assert!(update(&mut store, Action::StartFilter).is_empty(), "nothing to load");
    assert!(store.prompt.is_none() && store.wants_text(), "letters go into the filter");
    update(&mut store, Action::TextInput('B'));
    let shown: Vec<_> =
        store.drive.shown().iter().map(|&i| store.drive.children.ready().unwrap()[i].item.id.clone()).collect();
    assert_eq!(store.drive.len(), shown.len());
    assert!(!shown.is_empty() && shown.len() < 4, "{shown:?}");
    let first = store.drive.selected().unwrap().item.name.to_lowercase();
    assert!(first.contains('b'), "{first}");
    update(&mut store, Action::TextSubmit);
    assert!(!store.wants_text());
    // Enter opens the selected (filtered) row; Esc first clears the filter.
    update(&mut store, Action::Back);
    assert_eq!(store.drive.len(), 4);
    assert!(store.drive.filter.text.is_empty());
    assert!(update(&mut store, Action::Back).is_empty(), "at the root: nothing above");
}

#[test]
fn a_click_selects_a_row_and_a_second_click_opens_it() {
    let mut store = at_root();
    // Tab bar on row 0, breadcrumb on row 1, the list's border on row 2: "b" is on row 4.
    assert!(update(&mut store, Action::Click { column: 5, row: 4 }).is_empty());
    assert_eq!(store.drive.selected().unwrap().item.id, "b");
    let (_, folder) = ordered(&update(&mut store, Action::Click { column: 5, row: 4 }));
    assert_eq!(folder.as_deref(), Some("b"));
    let mut store = at_root();
    assert!(update(&mut store, Action::Click { column: 5, row: 20 }).is_empty(), "below the last row");
    assert!(update(&mut store, Action::Click { column: 120, row: 4 }).is_empty(), "in the details column");
    assert_eq!(store.drive.selected().unwrap().item.id, "a");
}
