//! Folders in the Drive pane (issue 8) through the real worker against the simulated tenant:
//! `u` uploads a local folder with everything in it (a file large enough for an upload session
//! among them), `s` saves a remote folder with everything in it, byte-equal, as `o365 drive get`
//! and `put -r` do (the same o365-graph code). Run again, a folder transfer counts the files
//! already there with the same bytes as done; a different file of the same name is refused,
//! never replaced, on either side.
use crate::drive_open::ended;
use crate::harness;
use crate::tui_driver;

use std::path::Path;

use o365::tui::action::drive::DriveAction;
use o365::tui::action::{Action, Pane};
use o365::tui::msg::Msg;
use o365::tui::msg::drive::{DriveMsg, TransferDone};
use o365_sim::store::Content;
use serde_json::Value;
use tui_driver::Tui;

/// A tree of three files, one of them 5 MiB (over the 4 MiB of a single PUT).
fn local_tree(root: &Path) -> u64 {
    let big: Vec<u8> = (0..5 * 1024 * 1024u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    std::fs::create_dir_all(root.join("sub dir")).unwrap();
    std::fs::write(root.join("a.txt"), b"alpha\n").unwrap();
    std::fs::write(root.join("sub dir/big.bin"), &big).unwrap();
    std::fs::write(root.join("sub dir/été.md"), "# été\n").unwrap();
    6 + big.len() as u64 + "# été\n".len() as u64
}

/// The child of folder `parent` called `name` in the tenant, and its bytes when it is a file.
fn child(h: &harness::Harness, parent: &str, name: &str) -> (String, Option<Vec<u8>>) {
    let tenant = h.state.tenant.read().unwrap();
    let item: &Value = tenant.drive_items.child_named(parent, name).unwrap_or_else(|| panic!("no {name}"));
    let id = item["id"].as_str().unwrap().to_owned();
    let bytes = tenant.drive_content.get(&id).map(|c: &Content| c.read_range(0, c.len()));
    (id, bytes)
}

async fn upload(tui: &mut Tui, local: &Path) -> Result<Option<TransferDone>, o365::tui::msg::Failure> {
    tui.act(Action::Add);
    // As completion leaves a folder: with a slash at the end.
    tui.answer(&format!("{}/", local.display()));
    ended(tui).await
}

async fn save(tui: &mut Tui, into: &Path) -> Result<Option<TransferDone>, o365::tui::msg::Failure> {
    tui.act(Action::Drive(DriveAction::Save));
    tui.answer(&into.display().to_string());
    tui.until(|m| matches!(m, Msg::Drive(DriveMsg::SaveFolder { .. }))).await;
    ended(tui).await
}

#[tokio::test]
async fn u_uploads_a_folder_and_s_saves_it_back_each_again_without_replacing_anything() {
    let h = harness::start().await;
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("Team notes");
    let total = local_tree(&local);
    let mut tui = Tui::start(&h).await;
    tui.act(Action::ShowPane(Pane::Drive));
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    let root = o365_graph::drive::organise::get_item(
        &h.client(),
        &o365_graph::drive::location::DriveRoot::new("me/drive"),
        "/",
    )
    .await
    .unwrap()
    .id;

    let Some(TransferDone::Uploaded(folder)) = upload(&mut tui, &local).await.expect("uploaded") else { panic!() };
    let row = tui.store.drive.transfers.rows.last().unwrap();
    assert_eq!((row.name.as_str(), row.done, row.total), ("Team notes", total, total), "one total for the tree");
    assert_eq!(child(&h, &root, "Team notes").0, folder);
    assert_eq!(child(&h, &folder, "a.txt").1.unwrap(), b"alpha\n");
    let (sub, _) = child(&h, &folder, "sub dir");
    assert_eq!(child(&h, &sub, "big.bin").1.unwrap(), std::fs::read(local.join("sub dir/big.bin")).unwrap());
    assert_eq!(child(&h, &sub, "été.md").1.unwrap(), "# été\n".as_bytes());
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    assert_eq!(tui.store.drive.selected().unwrap().item.id, folder, "the listing again, on the new folder");

    // Again: the files there with the same bytes are done; a changed one is refused.
    let (a_before, _) = child(&h, &folder, "a.txt");
    assert!(matches!(upload(&mut tui, &local).await, Ok(Some(TransferDone::Uploaded(_)))), "nothing to send");
    tui.until(|m| matches!(m, Msg::DriveChildren { .. })).await;
    assert_eq!(child(&h, &folder, "a.txt").0, a_before, "not replaced");
    std::fs::write(local.join("a.txt"), b"changed\n").unwrap();
    let refused = upload(&mut tui, &local).await.unwrap_err();
    assert!(refused.to_string().contains("already exists"), "{refused}");
    assert_eq!(child(&h, &folder, "a.txt").1.unwrap(), b"alpha\n", "the service's copy is kept");

    // `s` on the folder: everything below it, byte-equal, under its name in the folder chosen.
    let saved = work.path().join("saved");
    std::fs::create_dir(&saved).unwrap();
    tui.act(Action::Top);
    while tui.store.drive.selected().is_some_and(|e| e.item.id != folder) {
        tui.act(Action::Down);
    }
    let Some(TransferDone::Saved(path)) = save(&mut tui, &saved).await.expect("saved") else { panic!() };
    assert_eq!(path, saved.join("Team notes"));
    assert_eq!(std::fs::read(path.join("a.txt")).unwrap(), b"alpha\n");
    assert_eq!(
        std::fs::read(path.join("sub dir/big.bin")).unwrap(),
        std::fs::read(local.join("sub dir/big.bin")).unwrap()
    );
    assert_eq!(std::fs::read_to_string(path.join("sub dir/été.md")).unwrap(), "# été\n");
    let row = tui.store.drive.transfers.rows.last().unwrap();
    assert_eq!((row.done, row.total), (total, total));
    // Again into the same folder: done, nothing doubled; a local file changed since is refused.
    assert!(matches!(save(&mut tui, &saved).await, Ok(Some(TransferDone::Saved(_)))));
    assert_eq!(std::fs::read_dir(&saved).unwrap().count(), 1, "no `Team notes (1)`");
    std::fs::write(path.join("sub dir/été.md"), "mine\n").unwrap();
    let refused = save(&mut tui, &saved).await.unwrap_err();
    assert!(refused.to_string().contains("not overwritten"), "{refused}");
    assert_eq!(std::fs::read_to_string(path.join("sub dir/été.md")).unwrap(), "mine\n", "kept");
}
