//! The Drive pane's commands (issue 8) through the real worker against the simulated tenant,
//! asserting the tenant's state: a new folder and a move into it through the picker, a move the
//! service refuses put back, a copy (monitor polled) with its bytes, marked files saved into a
//! folder made after a yes, a sharing link, an older version restored, deleting for good, and
//! search and recent files in the list.
use crate::drive_open::{ended, written};
use crate::harness;
use crate::tui_driver;

use o365::tui::action::drive::DriveAction;
use o365::tui::action::{Action, Pane};
use o365::tui::msg::Msg;
use o365::tui::msg::drive::{DriveMsg, TransferDone};
use o365_graph::drive::location::DriveRoot;
use o365_graph::drive::upload::{Conflict, UploadOptions, upload_file};
use o365_sim::store::Content;
use tui_driver::Tui;

async fn drive_root(h: &harness::Harness) -> Tui {
    let mut tui = Tui::start(h).await;
    tui.store.calendar.today = Some(harness::anchor().date_naive());
    tui.act(Action::ShowPane(Pane::Drive));
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    tui
}

fn command(tui: &mut Tui, action: DriveAction) {
    tui.act(Action::Drive(action));
}

fn select(tui: &mut Tui, name: &str) {
    tui.act(Action::Top);
    while tui.store.drive.selected().is_some_and(|e| e.item.name != name) {
        let before = tui.store.drive.cursor.selected;
        tui.act(Action::Down);
        assert_ne!(tui.store.drive.cursor.selected, before, "no {name} in the listing");
    }
}

/// The first file of the listing (folders come first).
fn first_file(tui: &mut Tui) -> o365::domain::DriveItem {
    tui.act(Action::Top);
    while tui.store.drive.selected().is_some_and(|e| e.item.is_folder()) {
        let before = tui.store.drive.cursor.selected;
        tui.act(Action::Down);
        assert_ne!(tui.store.drive.cursor.selected, before, "no file in the listing");
    }
    tui.store.drive.selected().expect("a file").item.clone()
}

/// The first file of the listing whose name has no control character (the seeded drive holds
/// hostile names, which the service refuses for a new item such as a copy).
fn plain_file(tui: &mut Tui) -> o365::domain::DriveItem {
    first_file(tui);
    while tui.store.drive.selected().is_some_and(|e| e.item.name.chars().any(char::is_control)) {
        let before = tui.store.drive.cursor.selected;
        tui.act(Action::Down);
        assert_ne!(tui.store.drive.cursor.selected, before, "no plain file in the listing");
    }
    tui.store.drive.selected().expect("a file").item.clone()
}

/// The Documents folder listed (the seeded drive's files are there).
async fn into_documents(tui: &mut Tui) -> String {
    select(tui, "Documents");
    let id = tui.store.drive.selected().unwrap().item.id.clone();
    tui.act(Action::Open);
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    id
}

async fn root_id(h: &harness::Harness) -> String {
    o365_graph::drive::organise::get_item(&h.client(), &DriveRoot::new("me/drive"), "/").await.unwrap().id
}

fn content(h: &harness::Harness, id: &str) -> Vec<u8> {
    let tenant = h.state.tenant.read().unwrap();
    let content: &Content = &tenant.drive_content[id];
    content.read_range(0, content.len())
}

fn parent_of(h: &harness::Harness, id: &str) -> String {
    let tenant = h.state.tenant.read().unwrap();
    tenant.drive_items.get(id).unwrap()["parentReference"]["id"].as_str().unwrap().to_owned()
}

async fn picker_folders(tui: &mut Tui) {
    tui.until(|m| matches!(m, Msg::Drive(DriveMsg::PickerFolders { .. }))).await;
}

#[tokio::test]
async fn n_makes_a_folder_and_m_moves_a_file_into_it_through_the_picker() {
    let h = harness::start().await;
    let mut tui = drive_root(&h).await;
    into_documents(&mut tui).await;
    command(&mut tui, DriveAction::NewFolder);
    tui.type_text("Archive 2026");
    tui.act(Action::TextSubmit);
    assert!(tui.store.drive.selected().unwrap().item.id.starts_with("local:"), "shown before the answer");
    written(&mut tui).await.expect("made");
    let folder = tui.store.drive.selected().unwrap().item.clone();
    assert_eq!(folder.name, "Archive 2026");
    assert_eq!(h.state.tenant.read().unwrap().drive_items.get(&folder.id).unwrap()["name"], "Archive 2026");

    let file = first_file(&mut tui);
    command(&mut tui, DriveAction::Move);
    picker_folders(&mut tui).await;
    tui.type_text("Documents");
    tui.act(Action::TextSubmit);
    picker_folders(&mut tui).await;
    tui.type_text("archive");
    tui.act(Action::TextSubmit);
    picker_folders(&mut tui).await;
    let title = tui.store.drive.picker.as_ref().unwrap().picker.items[0].label.clone();
    assert_eq!(title, "Move here: Archive 2026");
    tui.act(Action::TextSubmit);
    assert!(tui.store.drive.children.ready().unwrap().iter().all(|e| e.item.id != file.id), "gone at once");
    written(&mut tui).await.expect("moved");
    assert_eq!(parent_of(&h, &file.id), folder.id);
    assert!(tui.notice().starts_with("Moved "), "{}", tui.notice());
}

#[tokio::test]
async fn a_move_the_service_refuses_is_put_back_with_the_reason() {
    let h = harness::start().await;
    let mut tui = drive_root(&h).await;
    let documents = into_documents(&mut tui).await;
    let file = plain_file(&mut tui);
    // The same name waits at the top of the drive: the service refuses the move (409).
    let local = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(local.path(), b"taken").unwrap();
    let (client, drive) = (h.client(), DriveRoot::new("me/drive"));
    let root = root_id(&h).await;
    upload_file(&client, &drive, &root, &file.name, local.path(), &UploadOptions::default(), &mut |_, _| {})
        .await
        .unwrap();
    let before: Vec<String> = tui.store.drive.children.ready().unwrap().iter().map(|e| e.item.id.clone()).collect();
    command(&mut tui, DriveAction::Move);
    picker_folders(&mut tui).await;
    tui.act(Action::TextSubmit);
    let refused = written(&mut tui).await.unwrap_err();
    assert!(refused.to_string().contains("already exists"), "{refused}");
    let after: Vec<String> = tui.store.drive.children.ready().unwrap().iter().map(|e| e.item.id.clone()).collect();
    assert_eq!(after, before, "put back where it was");
    assert!(tui.store.notice.as_ref().unwrap().is_error);
    assert!(tui.notice().contains("(put back)"), "{}", tui.notice());
    assert_eq!(parent_of(&h, &file.id), documents, "not moved on the service");
}

#[tokio::test]
async fn y_copies_with_the_monitor_polled_and_the_copy_has_the_same_bytes() {
    let h = harness::start().await;
    let mut tui = drive_root(&h).await;
    into_documents(&mut tui).await;
    let file = plain_file(&mut tui);
    command(&mut tui, DriveAction::Copy);
    picker_folders(&mut tui).await;
    tui.act(Action::TextSubmit);
    assert_eq!(tui.store.drive.transfers.rows.len(), 1, "a transfer at once");
    let Some(TransferDone::Copied(id)) = ended(&mut tui).await.expect("copied") else { panic!("not a copy") };
    assert_eq!(tui.store.drive.transfers.rows[0].done, 100, "the monitor's last percentage");
    assert_ne!(id, file.id);
    assert_eq!(content(&h, &id), content(&h, &file.id));
    assert_eq!(parent_of(&h, &id), root_id(&h).await, "at the top of the drive");
    let tenant = h.state.tenant.read().unwrap();
    assert_eq!(tenant.drive_items.get(&id).unwrap()["name"].as_str(), Some(file.name.as_str()));
}

#[tokio::test]
async fn s_saves_marked_files_into_a_folder_made_after_a_yes() {
    let h = harness::start().await;
    let mut tui = drive_root(&h).await;
    into_documents(&mut tui).await;
    let first = first_file(&mut tui);
    command(&mut tui, DriveAction::ToggleMark);
    let second = tui.store.drive.selected().expect("a second file").item.clone();
    assert!(!second.is_folder());
    command(&mut tui, DriveAction::ToggleMark);
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("saved here");
    command(&mut tui, DriveAction::Save);
    tui.answer(&target.display().to_string());
    tui.until(|m| matches!(m, Msg::Drive(DriveMsg::SaveFolder { .. }))).await;
    assert!(tui.store.prompt.as_ref().unwrap().title.ends_with("does not exist: create it and save there?"));
    tui.act(Action::TextInput('y'));
    let mut saved = Vec::new();
    for _ in 0..2 {
        let Some(TransferDone::Saved(path)) = ended(&mut tui).await.expect("saved") else { panic!("not saved") };
        saved.push(path);
    }
    for item in [&first, &second] {
        let safe = o365_graph::mail::filenames::safe_file_name(&item.name);
        let path =
            saved.iter().find(|p| p.file_name().unwrap().to_string_lossy() == safe).expect("saved under its safe name");
        assert_eq!(path.parent().unwrap(), target, "inside the folder chosen");
        assert_eq!(std::fs::read(path).unwrap(), content(&h, &item.id), "byte-equal");
    }
    // The same file again gets a number, never over the first.
    select(&mut tui, &second.name);
    command(&mut tui, DriveAction::Save);
    tui.answer(&target.display().to_string());
    tui.until(|m| matches!(m, Msg::Drive(DriveMsg::SaveFolder { .. }))).await;
    let Some(TransferDone::Saved(again)) = ended(&mut tui).await.expect("saved again") else { panic!() };
    assert!(again.file_name().unwrap().to_string_lossy().contains(" (1)"), "{}", again.display());
}

#[tokio::test]
async fn l_makes_an_edit_link_for_anyone_with_an_expiry_and_a_password_and_p_removes_it() {
    let h = harness::start().await;
    let mut tui = drive_root(&h).await;
    into_documents(&mut tui).await;
    let file = first_file(&mut tui);
    command(&mut tui, DriveAction::Share);
    tui.type_text("Edit link: anyone");
    tui.act(Action::TextSubmit);
    tui.answer("+7d");
    assert!(tui.store.prompt.as_ref().unwrap().secret, "a link for anyone: a password next");
    tui.answer("open sesame");
    let msg = tui.until(|m| matches!(m, Msg::Drive(DriveMsg::Shared { .. }))).await;
    let Msg::Drive(DriveMsg::Shared { result, .. }) = msg else { unreachable!() };
    let url = result.expect("a link");
    assert!(tui.store.prompt.as_ref().unwrap().title.contains(&url));
    assert!(tui.notice().contains(&url), "{}", tui.notice());
    let link = {
        let tenant = h.state.tenant.read().unwrap();
        let links = &tenant.drive_permissions[&file.id];
        links.iter().find(|p| p["link"]["webUrl"] == url.as_str()).expect("the link's permission").clone()
    };
    assert_eq!((link["link"]["type"].as_str(), link["link"]["scope"].as_str()), (Some("edit"), Some("anonymous")));
    // The end of 17 March in the store's zone (UTC).
    assert_eq!(link["expirationDateTime"], "2026-03-18T00:00:00Z");
    assert_eq!(link["hasPassword"], true);
    let link_id = link["id"].as_str().unwrap().to_owned();

    // `P` lists who has access: the owner, then the link; Enter on the link asks, then removes it.
    tui.act(Action::Back);
    command(&mut tui, DriveAction::Permissions);
    tui.until(|m| matches!(m, Msg::Drive(DriveMsg::Permissions { .. }))).await;
    let labels: Vec<String> =
        tui.store.drive.picker.as_ref().unwrap().picker.items.iter().map(|i| i.label.clone()).collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels[0].starts_with("owner · "), "{labels:?}");
    assert_eq!(labels[1], "write · anyone with the link · until 2026-03-18 · password");
    tui.act(Action::Down);
    tui.act(Action::TextSubmit);
    tui.act(Action::TextInput('y'));
    written(&mut tui).await.expect("removed");
    let tenant = h.state.tenant.read().unwrap();
    assert!(tenant.drive_permissions[&file.id].iter().all(|p| p["id"] != link_id.as_str()), "gone on the service");
}

#[tokio::test]
async fn h_restores_an_older_version_and_capital_d_deletes_for_good() {
    let h = harness::start().await;
    let (client, drive) = (h.client(), DriveRoot::new("me/drive"));
    let root = root_id(&h).await;
    let local = tempfile::tempdir().unwrap();
    let path = local.path().join("history.txt");
    let replace = UploadOptions { conflict: Conflict::Replace, ..UploadOptions::default() };
    for text in ["first words", "second words"] {
        std::fs::write(&path, text).unwrap();
        upload_file(&client, &drive, &root, "history.txt", &path, &replace, &mut |_, _| {}).await.unwrap();
    }
    let mut tui = drive_root(&h).await;
    select(&mut tui, "history.txt");
    let id = tui.store.drive.selected().unwrap().item.id.clone();
    command(&mut tui, DriveAction::Versions);
    tui.until(|m| matches!(m, Msg::Drive(DriveMsg::Versions { .. }))).await;
    let labels: Vec<String> =
        tui.store.drive.picker.as_ref().unwrap().picker.items.iter().map(|i| i.label.clone()).collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels[0].ends_with("(current)"));
    tui.act(Action::Down);
    tui.act(Action::TextSubmit);
    tui.act(Action::TextInput('y'));
    assert_eq!(tui.store.drive.selected().unwrap().item.size, 11, "the older size at once");
    written(&mut tui).await.expect("restored");
    assert_eq!(content(&h, &id), b"first words");

    command(&mut tui, DriveAction::DeletePermanently);
    assert!(tui.store.prompt.as_ref().unwrap().title.contains("for good"));
    tui.act(Action::TextInput('y'));
    written(&mut tui).await.expect("deleted");
    let tenant = h.state.tenant.read().unwrap();
    assert!(tenant.drive_items.get(&id).is_none());
    assert!(tenant.drive_recycle_bin.iter().all(|i| i["id"] != id.as_str()), "not in the recycle bin");
}

#[tokio::test]
async fn f_lists_what_the_search_finds_and_capital_r_the_recent_files() {
    let h = harness::start().await;
    let mut tui = drive_root(&h).await;
    into_documents(&mut tui).await;
    let file = first_file(&mut tui);
    let word: String = file.name.split(|c: char| !c.is_alphanumeric()).find(|w| w.len() > 3).unwrap().to_owned();
    command(&mut tui, DriveAction::Search);
    tui.answer(&word);
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    let found = tui.store.drive.children.ready().unwrap();
    assert!(found.iter().any(|e| e.item.id == file.id), "{word} finds {}", file.name);
    assert!(found.iter().all(|e| e.item.name.to_lowercase().contains(&word.to_lowercase())));
    tui.act(Action::Back);
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    assert_eq!(tui.store.drive.path.len(), 1, "back in Documents");

    command(&mut tui, DriveAction::Recent);
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    let recent = tui.store.drive.children.ready().unwrap();
    assert!(!recent.is_empty() && recent.iter().all(|e| !e.item.is_folder()));
    let newest = recent[0].item.modified;
    assert!(recent.iter().all(|e| e.item.modified <= newest), "last changed first");
}
