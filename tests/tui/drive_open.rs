//! The Drive pane's file actions (issue 8) through the real worker against the simulated tenant:
//! Enter on a file downloads it into a private folder inside the session's temporary one (gone
//! when the interface ends, issue 13), byte-equal, and hands it to the configured opener (a stub script here, never a real viewer); `u` uploads a file picked with
//! path completion; `e` renames; `d` asks, then deletes to the recycle bin.
use crate::harness;
use crate::tui_driver;

use std::sync::Arc;

use o365::tui::action::{Action, Pane};
use o365::tui::msg::Msg;
use o365::tui::msg::drive::{DriveMsg, TransferDone};
use o365::tui::worker::opener::Opener;
use o365::tui::worker::scratch::Scratch;
use o365_sim::store::Content;
use tui_driver::Tui;

#[tokio::test]
async fn enter_on_a_file_downloads_it_privately_and_opens_it() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened.txt");
    let script = dir.path().join("opener.sh");
    std::fs::write(&script, format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", opened.display())).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let scratch = Arc::new(Scratch::default());
    let opener = Opener::Command(vec![script.display().to_string()]);
    let mut tui = Tui::start_with_scratch(&h, opener, scratch.clone()).await;
    tui.act(Action::ShowPane(Pane::Drive));
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    // Folders come first: go to Documents, then down to its first file.
    while tui.store.drive.selected().is_some_and(|e| e.item.name != "Documents") {
        tui.act(Action::Down);
    }
    tui.act(Action::Open);
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    while tui.store.drive.selected().is_some_and(|e| e.item.is_folder()) {
        tui.act(Action::Down);
    }
    let file = tui.store.drive.selected().expect("a file in Documents").item.clone();
    assert!(!file.is_folder());
    tui.act(Action::Open);
    assert!(tui.notice().starts_with("Downloading"), "{}", tui.notice());
    let Some(TransferDone::Opened(path)) = ended(&mut tui).await.expect("downloaded and opened") else {
        panic!("not opened")
    };
    let expected = {
        let tenant = h.state.tenant.read().unwrap();
        let content: &Content = &tenant.drive_content[&file.id];
        content.read_range(0, content.len())
    };
    assert_eq!(std::fs::read(&path).unwrap(), expected, "byte-equal");
    // The seeded Documents folder starts with a hostile name (a bell and an escape): the file
    // lands under the safe form of it, inside the private folder.
    let safe = o365_graph::mail::filenames::safe_file_name(&file.name);
    assert_eq!(path.file_name().unwrap().to_string_lossy(), safe);
    assert!(!safe.contains(['\u{7}', '\u{1b}', '/']), "{safe:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path.parent().unwrap()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "a private folder");
    }
    assert!(tui.notice().starts_with("Opened "), "{}", tui.notice());
    assert_eq!(tui.store.drive.path.len(), 1, "the listing stays in Documents");
    // The opener runs detached; its record appears once it has run.
    let mut recorded = String::new();
    for _ in 0..100 {
        recorded = std::fs::read_to_string(&opened).unwrap_or_default();
        if !recorded.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(recorded.trim(), path.display().to_string());
    // The session's temporary folder holds it, and takes it along when the interface ends.
    let session_dir = scratch.dir().unwrap();
    assert!(path.starts_with(&session_dir), "{} is not in {}", path.display(), session_dir.display());
    scratch.remove();
    assert!(!path.exists() && !session_dir.exists(), "removed with the session's folder");
}

#[tokio::test]
async fn d_asks_then_deletes_to_the_recycle_bin() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    tui.act(Action::ShowPane(Pane::Drive));
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    tui.act(Action::Bottom);
    let doomed = tui.store.drive.selected().expect("an item at the root").item.clone();
    let before = tui.store.drive.len();
    tui.act(Action::Delete);
    assert!(tui.store.prompt.as_ref().is_some_and(|p| p.title.contains("to the recycle bin?")));
    tui.act(Action::TextInput('y'));
    assert_eq!(tui.store.drive.len(), before - 1, "gone from the list at once");
    written(&mut tui).await.expect("deleted");
    let tenant = h.state.tenant.read().unwrap();
    assert!(tenant.drive_items.get(&doomed.id).is_none(), "gone from the tenant");
    assert_eq!(tenant.drive_recycle_bin.iter().map(|i| i["id"].as_str().unwrap()).collect::<Vec<_>>(), [doomed.id]);
    drop(tenant);
    assert!(tui.notice().starts_with("Deleted "), "{}", tui.notice());
}

#[tokio::test]
async fn e_renames_on_the_service() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    tui.act(Action::ShowPane(Pane::Drive));
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    tui.act(Action::Bottom);
    let item = tui.store.drive.selected().expect("an item at the root").item.clone();
    tui.act(Action::Rename);
    for _ in 0..item.name.chars().count() {
        tui.act(Action::TextBackspace);
    }
    tui.type_text("Renamed été.txt");
    tui.act(Action::TextSubmit);
    written(&mut tui).await.expect("renamed");
    let tenant = h.state.tenant.read().unwrap();
    assert_eq!(tenant.drive_items.get(&item.id).unwrap()["name"], "Renamed été.txt");
    drop(tenant);
    assert_eq!(tui.notice(), "Renamed to Renamed été.txt");
}

#[tokio::test]
async fn u_uploads_a_file_picked_with_path_completion_into_the_folder() {
    let h = harness::start().await;
    let local = tempfile::tempdir().unwrap();
    std::fs::write(local.path().join("quarterly report.csv"), b"q,total\n3,42\n").unwrap();
    let mut tui = Tui::start(&h).await;
    tui.act(Action::ShowPane(Pane::Drive));
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    while tui.store.drive.selected().is_some_and(|e| e.item.name != "Documents") {
        tui.act(Action::Down);
    }
    let documents = tui.store.drive.selected().unwrap().item.id.clone();
    tui.act(Action::Open);
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    tui.act(Action::Add);
    assert_eq!(tui.store.prompt.as_ref().unwrap().title, "Upload which file or folder?");
    tui.type_text(&format!("{}/quar", local.path().display()));
    tui.act(Action::TextComplete);
    tui.until(|m| matches!(m, Msg::PathCompleted(_))).await;
    assert!(tui.store.prompt.as_ref().unwrap().typed().ends_with("/quarterly report.csv"), "completed");
    tui.act(Action::TextSubmit);
    let Some(TransferDone::Uploaded(id)) = ended(&mut tui).await.expect("uploaded") else { panic!("not uploaded") };
    {
        let tenant = h.state.tenant.read().unwrap();
        let item = tenant.drive_items.get(&id).unwrap();
        assert_eq!(
            (item["name"].as_str(), item["parentReference"]["id"].as_str()),
            (Some("quarterly report.csv"), Some(documents.as_str()))
        );
        let content: &Content = &tenant.drive_content[&id];
        assert_eq!(content.read_range(0, content.len()), b"q,total\n3,42\n");
    }
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    assert_eq!(tui.store.drive.selected().unwrap().item.id, id, "the listing again, on the new file");
    // The same name again is refused, never replaced.
    tui.act(Action::Add);
    tui.type_text(&format!("{}/quarterly report.csv", local.path().display()));
    tui.act(Action::TextSubmit);
    let refused = ended(&mut tui).await.unwrap_err();
    assert!(refused.to_string().contains("already exists"), "{refused}");
}

/// The next transfer's end (its progress fed through on the way).
pub async fn ended(tui: &mut Tui) -> Result<Option<TransferDone>, o365::tui::msg::Failure> {
    let msg = tui.until(|m| matches!(m, Msg::Drive(DriveMsg::TransferEnded { .. }))).await;
    let Msg::Drive(DriveMsg::TransferEnded { result, .. }) = msg else { unreachable!() };
    result.map(Some)
}

/// The next write's answer.
pub async fn written(tui: &mut Tui) -> Result<(), o365::tui::msg::Failure> {
    let msg = tui.until(|m| matches!(m, Msg::Drive(DriveMsg::Written { .. }))).await;
    let Msg::Drive(DriveMsg::Written { result, .. }) = msg else { unreachable!() };
    result.map(|_| ())
}
