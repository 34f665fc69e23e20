//! A OneDrive file linked in a message through the TUI's store, update and worker against the
//! simulated tenant: `L` on the review screen browses the own drive, the first file found is
//! picked with the default kind of link (view, the organization), and the message that arrives
//! in Sent Items carries the link with the file's name, while the tenant holds the link's
//! permission on that file.
use crate::compose_ui;
use crate::harness;
use crate::mail_harness;

use compose_ui::Ui;
use mail_harness::by_subject;
use o365::tui::action::Action;
use o365::tui::action::compose::ComposeAction;
use o365::tui::msg::Msg;
use o365::tui::msg::compose::ComposeMsg;
use o365::tui::msg::drive::DriveMsg;
use o365::tui::store::drive::picker::FolderChoice;

/// Waits for the picker's rows, then walks into folders until a file shows; picks it.
async fn pick_first_file(ui: &mut Ui) -> String {
    for _ in 0..4 {
        ui.until_msg(|m| matches!(m, Msg::Drive(DriveMsg::PickerFolders { .. }))).await;
        let picker = ui.store.compose.drive_picker.clone().expect("the picker is open");
        let choices = match &picker.pick {
            o365::tui::store::drive::picker::DrivePick::File { browse } => browse.choices.clone(),
            other => panic!("a browsing picker: {other:?}"),
        };
        let file = choices.iter().position(|c| matches!(c, FolderChoice::File(_)));
        let at = file.or_else(|| choices.iter().position(|c| matches!(c, FolderChoice::Into(_)))).expect("a row");
        for _ in 0..at {
            ui.feed(Action::Down);
        }
        ui.feed(Action::TextSubmit);
        if let Some(FolderChoice::File(row)) = file.map(|i| &choices[i]) {
            return row.id.clone();
        }
    }
    panic!("no file in the first folders of the drive")
}

#[tokio::test]
async fn a_linked_drive_file_reaches_the_recipient_and_its_permission_is_on_the_file() {
    let h = harness::start().await;
    let mut ui = Ui::new(h.client());
    ui.new_message("fay@fabrikam.example", "The file", "Here it is.").await;
    ui.act(ComposeAction::LinkDriveFile);
    let item_id = pick_first_file(&mut ui).await;
    // The organization's view link is the first kind offered: Enter takes it.
    ui.feed(Action::TextSubmit);
    let ComposeMsg::DriveFileLinked { name, result } =
        ui.until(|m| matches!(m, ComposeMsg::DriveFileLinked { .. })).await
    else {
        unreachable!()
    };
    let url = result.expect("a link");
    assert!(matches!(ui.until(|m| matches!(m, ComposeMsg::LocalSaved(_))).await, ComposeMsg::LocalSaved(Ok(_))));
    ui.act(ComposeAction::Send);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));

    let sent = by_subject(&h.state, "sentitems", "The file");
    assert_eq!(sent["body"]["content"], format!("Here it is.\n{name}: {url}\n"));
    let tenant = h.state.tenant.read().unwrap();
    let links = &tenant.drive_permissions[&item_id];
    let link = links.iter().find(|p| p["link"]["webUrl"] == url.as_str()).expect("the link's permission");
    assert_eq!((link["link"]["type"].as_str(), link["link"]["scope"].as_str()), (Some("view"), Some("organization")));
}
