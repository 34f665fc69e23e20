//! A link for anyone with a password, the permissions view and a removal (optimistic, put back
//! when refused), and saving or uploading folders, in `update`.
use super::*;
use crate::tui::action::drive::DriveAction;
use crate::tui::effect::drive::LinkSpec;
use crate::tui::msg::drive::PermissionRow;
use crate::tui::store::drive::picker::DrivePick;

#[test]
fn a_link_for_anyone_asks_for_a_password_typed_as_a_secret() {
    let mut store = at_root();
    store.calendar.today = chrono::NaiveDate::from_ymd_opt(2026, 3, 10);
    update(&mut store, Action::Bottom);
    command(&mut store, DriveAction::Share);
    // The third kind: a view link for anyone.
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    update(&mut store, Action::TextSubmit);
    assert!(type_in(&mut store, "").is_empty(), "no expiry: the password comes next");
    let prompt = store.prompt.as_ref().expect("the password question");
    assert_eq!(prompt.title, "A password for the link (empty: none)");
    assert!(prompt.secret, "typed as dots");
    let effects = type_in(&mut store, "open sesame");
    let link = LinkSpec { edit: false, anyone: true, expires: None, password: Some("open sesame".into()) };
    assert_eq!(
        effects,
        [Effect::Drive(DriveEffect::Share { drive_id: None, item_id: "f.txt".into(), name: "f.txt".into(), link })]
    );
    // An empty answer makes a link without one.
    command(&mut store, DriveAction::Share);
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    update(&mut store, Action::TextSubmit);
    type_in(&mut store, "");
    let [Effect::Drive(DriveEffect::Share { ref link, .. })] = type_in(&mut store, "")[..] else { panic!() };
    assert_eq!(link.password, None);
}

fn row(id: &str, roles: &[&str], who: &str) -> PermissionRow {
    PermissionRow {
        id: id.into(),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        who: who.into(),
        expires: None,
        has_password: false,
    }
}

fn rows() -> Vec<PermissionRow> {
    let mut link = row("link1", &["read"], "anyone with the link");
    link.expires = Some("2026-03-17T23:00:00Z".into());
    link.has_password = true;
    vec![row("owner", &["owner"], "Megan \u{1b}[31mBowen"), link]
}

fn labels(store: &Store) -> Vec<String> {
    store.drive.picker.as_ref().unwrap().picker.items.iter().map(|i| i.label.clone()).collect()
}

/// `P` on the file, its permissions arrived.
fn permissions_shown() -> Store {
    let mut store = at_root();
    update(&mut store, Action::Bottom);
    let effects = command(&mut store, DriveAction::Permissions);
    let [Effect::Drive(DriveEffect::LoadPermissions { generation, ref item_id, drive_id: None })] = effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(item_id, "f.txt");
    update(&mut store, Msg::Drive(DriveMsg::Permissions { generation, result: Ok(rows()) }));
    store
}

#[test]
fn capital_p_lists_who_has_access_with_expiry_and_password() {
    let store = permissions_shown();
    let drive = store.drive.picker.as_ref().unwrap();
    assert_eq!(drive.picker.title, "Who has access to f.txt");
    assert_eq!(labels(&store), ["owner · Megan Bowen", "read · anyone with the link · until 2026-03-17 · password"]);
    // A late answer to an earlier `P` is dropped.
    let mut store = store;
    update(&mut store, Msg::Drive(DriveMsg::Permissions { generation: 1, result: Ok(Vec::new()) }));
    assert_eq!(labels(&store).len(), 2);
}

#[test]
fn the_owner_cannot_be_removed() {
    let mut store = permissions_shown();
    assert!(update(&mut store, Action::TextSubmit).is_empty());
    assert!(store.prompt.is_none());
    assert_eq!(store.notice.as_ref().unwrap().text, "The owner's access cannot be removed");
    assert!(store.drive.picker.is_some(), "the view stays");
}

#[test]
fn a_removal_asks_goes_at_once_and_a_refusal_puts_it_back_with_a_notice() {
    let mut store = permissions_shown();
    update(&mut store, Action::Down);
    assert!(update(&mut store, Action::TextSubmit).is_empty());
    let prompt = store.prompt.as_ref().expect("asks first");
    assert!(prompt.title.starts_with("Remove access: read · anyone with the link"), "{}", prompt.title);
    let effects = update(&mut store, Action::TextInput('y'));
    let [Effect::Drive(DriveEffect::RemovePermission { op, ref permission_id, ref item_id, .. })] = effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!((permission_id.as_str(), item_id.as_str()), ("link1", "f.txt"));
    assert_eq!(labels(&store).len(), 1, "gone at once");
    written(&mut store, op, Err(Failure::local("accessDenied")));
    assert_eq!(labels(&store).len(), 2, "put back");
    let DrivePick::Permissions { rows: shown, .. } = &store.drive.picker.as_ref().unwrap().pick else { panic!() };
    assert_eq!(shown[1].id, "link1", "where it was");
    let notice = store.notice.as_ref().unwrap();
    assert!(notice.is_error && notice.text.contains("accessDenied"), "{}", notice.text);

    // Accepted: it stays gone.
    update(&mut store, Action::Bottom);
    update(&mut store, Action::TextSubmit);
    let op = write_op(&update(&mut store, Action::TextInput('y')));
    written(&mut store, op, Ok(None));
    assert_eq!(labels(&store).len(), 1);
    assert!(store.notice.as_ref().unwrap().text.starts_with("Removed access for anyone with the link"));
}

#[test]
fn s_saves_a_folder_and_u_takes_a_folder_path() {
    let mut store = at_root();
    // The first row is the folder `a`.
    command(&mut store, DriveAction::Save);
    assert_eq!(store.prompt.as_ref().expect("asks where").title, "Save a into folder");
    // The prompt starts at the default save folder: typed over.
    let typed = store.prompt.as_ref().unwrap().typed().chars().count();
    for _ in 0..typed {
        update(&mut store, Action::TextBackspace);
    }
    let effects = type_in(&mut store, "/tmp/x");
    assert_eq!(effects, [Effect::Drive(DriveEffect::CheckSaveFolder { folder: "/tmp/x".into() })]);
    let effects = update(
        &mut store,
        Msg::Drive(DriveMsg::SaveFolder { typed: "/tmp/x".into(), result: Ok(("/tmp/x".into(), true)) }),
    );
    let job = TransferJob::Save {
        drive_id: None,
        item_id: "a".into(),
        name: "a".into(),
        folder: "/tmp/x".into(),
        create: false,
    };
    assert_eq!(effects, [Effect::Drive(DriveEffect::StartTransfer { id: 1, job })]);

    update(&mut store, Action::Add);
    let effects = type_in(&mut store, "~/reports/q3/");
    let job = TransferJob::Upload { drive_id: None, folder_id: None, local: "~/reports/q3/".into() };
    assert_eq!(effects, [Effect::Drive(DriveEffect::StartTransfer { id: 2, job })]);
    assert_eq!(store.drive.transfers.rows[1].name, "q3", "named by the folder, not the slash");
}
