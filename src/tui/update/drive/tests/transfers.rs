//! Transfers in `update`: bounded concurrency, progress, failures tried again with the reason
//! kept, cancelling, trying a failed one again; saving through the folder check; copies.
use super::*;
use crate::tui::action::drive::DriveAction;
use crate::tui::msg::FailureKind;
use crate::tui::store::drive::transfers::{MAX_ATTEMPTS, MAX_RUNNING, TransferState};

fn upload(store: &mut Store, name: &str) -> Vec<Effect> {
    update(store, Action::Add);
    type_in(store, name)
}

fn started(effects: &[Effect]) -> Vec<u64> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Drive(DriveEffect::StartTransfer { id, .. }) => Some(*id),
            _ => None,
        })
        .collect()
}

fn end(store: &mut Store, id: u64, result: Result<TransferDone, Failure>) -> Vec<Effect> {
    update(store, Msg::Drive(DriveMsg::TransferEnded { id, result }))
}

fn state(store: &Store, id: u64) -> TransferState {
    store.drive.transfers.rows.iter().find(|t| t.id == id).unwrap().state.clone()
}

#[test]
fn at_most_three_run_and_the_next_starts_when_one_ends() {
    assert_eq!(MAX_RUNNING, 3);
    let mut store = at_root();
    let mut ids = Vec::new();
    for name in ["1.txt", "2.txt", "3.txt", "4.txt"] {
        ids.extend(started(&upload(&mut store, name)));
    }
    assert_eq!(ids, [1, 2, 3], "the fourth waits");
    assert_eq!(state(&store, 4), TransferState::Queued);
    assert!(store.notice.as_ref().unwrap().text.contains("waits for a free slot"));
    update(&mut store, Msg::Drive(DriveMsg::TransferProgress { id: 2, done: 50, total: 200 }));
    let row = &store.drive.transfers.rows[1];
    assert_eq!((row.done, row.total), (50, 200));
    let effects = end(&mut store, 2, Ok(TransferDone::Uploaded("x".into())));
    assert_eq!(started(&effects), [4], "a free slot takes the next");
    assert_eq!(state(&store, 2), TransferState::Done("uploaded".into()));
}

#[test]
fn a_failure_that_may_pass_is_tried_again_with_its_reason_then_given_up() {
    let mut store = at_root();
    upload(&mut store, "big.bin");
    let cut = Failure::new(FailureKind::Offline, "connection reset");
    for attempt in 2..=MAX_ATTEMPTS {
        let effects = end(&mut store, 1, Err(cut.clone()));
        assert_eq!(started(&effects), [1], "started again at once (a free slot)");
        let row = &store.drive.transfers.rows[0];
        assert_eq!((row.attempt, row.retry_reason.as_deref()), (attempt, Some("connection reset")));
        assert!(store.notice.as_ref().unwrap().text.contains(&format!("trying again ({attempt} of {MAX_ATTEMPTS})")));
    }
    assert!(started(&end(&mut store, 1, Err(cut))).is_empty(), "the last attempt is the last");
    assert_eq!(state(&store, 1), TransferState::Failed("connection reset".into()));
    assert!(store.notice.as_ref().unwrap().is_error);

    // A refusal that will not pass fails at once.
    upload(&mut store, "again.txt");
    end(
        &mut store,
        2,
        Err(Failure::new(FailureKind::Service { status: 409, code: "nameAlreadyExists".into() }, "exists")),
    );
    assert_eq!(state(&store, 2), TransferState::Failed("exists".into()));

    // r in the transfers view tries a failed one again, from its first attempt.
    command(&mut store, DriveAction::Transfers);
    assert!(store.drive.transfers.open);
    let effects = update(&mut store, Action::Refresh);
    assert_eq!(started(&effects), [1]);
    assert_eq!(store.drive.transfers.rows[0].attempt, 1);
}

#[test]
fn x_in_the_transfers_view_cancels_and_a_late_answer_changes_nothing() {
    let mut store = at_root();
    for name in ["1", "2", "3", "4"] {
        upload(&mut store, name);
    }
    command(&mut store, DriveAction::Transfers);
    update(&mut store, Action::Down);
    let effects = command(&mut store, DriveAction::CancelTransfer);
    assert_eq!(effects[0], Effect::Drive(DriveEffect::CancelTransfer(2)));
    assert_eq!(started(&effects), [4], "its slot goes to the next");
    assert_eq!(state(&store, 2), TransferState::Cancelled);
    assert!(end(&mut store, 2, Ok(TransferDone::Uploaded("late".into()))).is_empty());
    assert_eq!(state(&store, 2), TransferState::Cancelled);
    // Keys other than the view's do nothing to the listing under it.
    assert!(update(&mut store, Action::Delete).is_empty() && store.prompt.is_none());
    update(&mut store, Action::Back);
    assert!(!store.drive.transfers.open);
}

#[test]
fn s_checks_the_folder_then_saves_and_a_missing_one_is_made_after_a_yes() {
    let mut store = at_root();
    update(&mut store, Action::Bottom);
    command(&mut store, DriveAction::Save);
    let prompt = store.prompt.as_ref().unwrap();
    assert_eq!((prompt.title.as_str(), prompt.typed()), ("Save f.txt into folder", "~/Downloads"));
    assert!(prompt.paths.as_ref().is_some_and(|p| p.folders_only), "Tab completes folders");
    for _ in 0.."~/Downloads".len() {
        update(&mut store, Action::TextBackspace);
    }
    let effects = type_in(&mut store, "/tmp/new");
    assert_eq!(effects, [Effect::Drive(DriveEffect::CheckSaveFolder { folder: "/tmp/new".into() })]);
    let missing = DriveMsg::SaveFolder { typed: "/tmp/new".into(), result: Ok(("/tmp/new".into(), false)) };
    assert!(update(&mut store, Msg::Drive(missing)).is_empty());
    assert_eq!(store.prompt.as_ref().unwrap().title, "/tmp/new does not exist: create it and save there?");
    let effects = update(&mut store, Action::TextInput('y'));
    let job = TransferJob::Save {
        drive_id: None,
        item_id: "f.txt".into(),
        name: "f.txt".into(),
        folder: "/tmp/new".into(),
        create: true,
    };
    assert_eq!(effects, [Effect::Drive(DriveEffect::StartTransfer { id: 1, job })]);
    end(&mut store, 1, Ok(TransferDone::Saved("/tmp/new/f.txt".into())));
    assert_eq!(store.notice.as_ref().unwrap().text, "Saved f.txt to /tmp/new/f.txt");

    // A folder is saved too (with everything in it: `permissions::s_saves_a_folder_…`).
    update(&mut store, Action::Top);
    assert!(command(&mut store, DriveAction::Save).is_empty());
    assert_eq!(store.prompt.as_ref().unwrap().title, "Save a into folder");
}

#[test]
fn a_copy_runs_as_a_transfer_and_one_into_the_folder_shown_lists_it_again() {
    let mut store = at_root();
    update(&mut store, Action::Bottom);
    let effects = command(&mut store, DriveAction::Copy);
    let [Effect::Drive(DriveEffect::LoadPickerFolders { generation, .. })] = effects[..] else { panic!() };
    update(&mut store, Msg::Drive(DriveMsg::PickerFolders { generation, result: Ok(Vec::new()) }));
    let effects = update(&mut store, Action::TextSubmit);
    let job = TransferJob::Copy { drive_id: None, item_id: "f.txt".into(), name: "f.txt".into(), to_folder_id: None };
    assert_eq!(effects, [Effect::Drive(DriveEffect::StartTransfer { id: 1, job })]);
    update(&mut store, Msg::Drive(DriveMsg::TransferProgress { id: 1, done: 40, total: 100 }));
    assert!(store.drive.transfers.rows[0].in_percent());
    let (_, folder) = ordered(&end(&mut store, 1, Ok(TransferDone::Copied("copy".into()))));
    assert_eq!(folder, None, "the root again, on the copy");
    assert_eq!(store.drive.reselect.as_deref(), Some("copy"));
}
