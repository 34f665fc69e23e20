//! The Drive pane's writes in `update`: marks, a new folder, move through the folder picker,
//! delete of several items as one batch, each shown at once and put back exactly when refused.
use super::*;
use crate::tui::action::drive::DriveAction;
use crate::tui::msg::drive::FolderRow;

fn ops(effects: &[Effect]) -> Vec<u64> {
    effects
        .iter()
        .map(|effect| match effect {
            Effect::Drive(DriveEffect::Delete { op, .. } | DriveEffect::Move { op, .. }) => *op,
            other => panic!("expected a delete or move, got {other:?}"),
        })
        .collect()
}

#[test]
fn v_marks_and_moves_down_capital_v_marks_all_and_esc_clears() {
    let mut store = at_root();
    command(&mut store, DriveAction::ToggleMark);
    assert_eq!(store.drive.marked, ["a"]);
    assert_eq!(store.drive.selected().unwrap().item.id, "b", "on to the next");
    command(&mut store, DriveAction::ToggleMark);
    update(&mut store, Action::Up);
    command(&mut store, DriveAction::ToggleMark);
    assert_eq!(store.drive.marked, ["a"], "again unmarks");
    command(&mut store, DriveAction::MarkAll);
    assert_eq!(store.drive.marked.len(), 4);
    command(&mut store, DriveAction::MarkAll);
    assert!(store.drive.marked.is_empty(), "again clears");
    command(&mut store, DriveAction::ToggleMark);
    assert!(update(&mut store, Action::Back).is_empty(), "Esc clears the marks first");
    assert!(store.drive.marked.is_empty());
    assert!(store.drive.path.is_empty());
}

#[test]
fn deleting_marked_items_is_one_batch_and_a_refused_one_comes_back_in_place() {
    let mut store = at_root();
    update(&mut store, Action::Down);
    command(&mut store, DriveAction::ToggleMark);
    command(&mut store, DriveAction::ToggleMark);
    assert_eq!(store.drive.marked, ["b", "c"]);
    command(&mut store, DriveAction::DeletePermanently);
    assert_eq!(store.prompt.as_ref().unwrap().title, "Delete 2 items for good? It cannot be restored");
    let effects = update(&mut store, Action::TextInput('y'));
    assert!(effects.iter().all(|e| matches!(e, Effect::Drive(DriveEffect::Delete { permanent: true, .. }))));
    let ops = ops(&effects);
    assert_eq!(names(&store), ["a", "f.txt"], "both go at once");
    assert!(store.drive.marked.is_empty(), "the marks are spent");
    written(&mut store, ops[1], Err(Failure::local("accessDenied")));
    assert_eq!(names(&store), ["a", "c", "f.txt"], "the refused one is back where it was");
    assert!(!store.notice.as_ref().unwrap().is_error, "the batch is not over yet");
    written(&mut store, ops[0], Ok(None));
    let notice = store.notice.as_ref().unwrap();
    assert!(notice.is_error);
    assert_eq!(notice.text, "Deleting 2 items: 1 of 2 failed (put back): c: accessDenied");
}

#[test]
fn a_new_folder_shows_among_the_folders_and_takes_the_service_id_or_goes_away() {
    let mut store = at_root();
    command(&mut store, DriveAction::NewFolder);
    assert_eq!(store.prompt.as_ref().unwrap().title, "New folder in My files");
    type_in(&mut store, "B");
    assert_eq!(store.prompt.as_ref().unwrap().error.as_deref(), Some("`B` already exists here"));
    update(&mut store, Action::TextBackspace);
    let effects = type_in(&mut store, "bb");
    let op = write_op(&effects);
    assert!(
        matches!(&effects[0], Effect::Drive(DriveEffect::CreateFolder { parent_id: None, name, .. }) if name == "bb")
    );
    assert_eq!(names(&store), ["a", "b", "bb", "c", "f.txt"]);
    assert_eq!(store.drive.selected().unwrap().item.name, "bb", "the new folder is selected");
    let mut made = entry("bb-id", true);
    made.item.name = "bb".into();
    written(&mut store, op, Ok(Some(made)));
    assert_eq!(store.drive.selected().unwrap().item.id, "bb-id", "the service's id replaces the local one");
    assert_eq!(store.notice.as_ref().unwrap().text, "Made the folder bb");

    command(&mut store, DriveAction::NewFolder);
    let op = write_op(&type_in(&mut store, "zz"));
    assert_eq!(names(&store), ["a", "b", "bb", "c", "zz", "f.txt"]);
    written(&mut store, op, Err(Failure::local("quota")));
    assert_eq!(names(&store), ["a", "b", "bb", "c", "f.txt"], "refused: gone again");
    assert!(store.notice.as_ref().unwrap().is_error);
}

fn folders_arrive(store: &mut Store, effects: &[Effect], folders: &[&str]) {
    let [Effect::Drive(DriveEffect::LoadPickerFolders { generation, .. })] = effects else {
        panic!("expected the picker's folders to load, got {effects:?}")
    };
    let rows = folders.iter().map(|id| FolderRow::folder(*id, id.to_uppercase())).collect();
    update(store, Msg::Drive(DriveMsg::PickerFolders { generation: *generation, result: Ok(rows) }));
}

fn picker_labels(store: &Store) -> Vec<String> {
    store.drive.picker.as_ref().unwrap().picker.items.iter().map(|i| i.label.clone()).collect()
}

#[test]
fn move_picks_a_folder_by_browsing_and_the_items_leave_at_once() {
    let mut store = at_root();
    update(&mut store, Action::Bottom);
    let effects = command(&mut store, DriveAction::Move);
    assert!(store.wants_text(), "the picker takes typed letters");
    folders_arrive(&mut store, &effects, &["a", "b"]);
    assert_eq!(picker_labels(&store), ["Move here: the top of the drive", "A/", "B/"]);
    update(&mut store, Action::Down);
    let effects = update(&mut store, Action::TextSubmit);
    assert!(
        matches!(&effects[..], [Effect::Drive(DriveEffect::LoadPickerFolders { folder_id: Some(id), .. })] if id == "a")
    );
    folders_arrive(&mut store, &effects, &["inner"]);
    assert_eq!(picker_labels(&store), ["Move here: A", "..", "INNER/"]);
    let effects = update(&mut store, Action::TextSubmit);
    assert!(
        matches!(&effects[..], [Effect::Drive(DriveEffect::Move { to_folder_id: Some(to), item_id, .. })] if to == "a" && item_id == "f.txt")
    );
    assert!(store.drive.picker.is_none());
    assert_eq!(names(&store), ["a", "b", "c"], "gone from this folder at once");
    written(&mut store, write_op(&effects), Err(Failure::local("nameAlreadyExists")));
    assert_eq!(names(&store), ["a", "b", "c", "f.txt"], "put back");
    assert_eq!(store.notice.as_ref().unwrap().text, "Moving f.txt to A failed: nameAlreadyExists (put back)");
}

#[test]
fn the_picker_never_offers_a_moved_folder_and_filters_as_typed() {
    let mut store = at_root();
    let effects = command(&mut store, DriveAction::Move);
    folders_arrive(&mut store, &effects, &["a", "b", "c"]);
    assert_eq!(picker_labels(&store), ["Move here: the top of the drive", "B/", "C/"], "not into itself");
    update(&mut store, Action::TextInput('c'));
    let picker = &store.drive.picker.as_ref().unwrap().picker;
    assert_eq!(picker.matches.iter().map(|&i| picker.items[i].label.as_str()).collect::<Vec<_>>(), ["C/"]);
    update(&mut store, Action::Back);
    assert!(store.drive.picker.is_some(), "Esc first clears the typed text");
    update(&mut store, Action::Back);
    assert!(store.drive.picker.is_none());
}

#[test]
fn moving_into_the_folder_shown_changes_nothing() {
    let mut store = at_root();
    update(&mut store, Action::Bottom);
    let effects = command(&mut store, DriveAction::Move);
    folders_arrive(&mut store, &effects, &["a"]);
    assert!(update(&mut store, Action::TextSubmit).is_empty());
    assert_eq!(store.notice.as_ref().unwrap().text, "f.txt is already there");
    assert_eq!(names(&store), ["a", "b", "c", "f.txt"]);
}
