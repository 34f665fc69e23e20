//! A OneDrive file linked in the message through `update`: `L` on the review screen opens a
//! picker over the own drive (keys routed to it, arrows and typed letters), folders are
//! browsed as the Drive pane's move picker does, a file asks the kind of link (the
//! organization's view link first), and the link made goes into the body above the signature,
//! as an anchor when the message is written in HTML. A refusal leaves the body as it was.
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::{act, msg, reviewed_new_message, store_with};
use crate::tui::action::Action;
use crate::tui::action::compose::ComposeAction;
use crate::tui::effect::Effect;
use crate::tui::effect::compose::ComposeEffect;
use crate::tui::effect::drive::DriveEffect;
use crate::tui::input::{Input, translate};
use crate::tui::keymap::Keymap;
use crate::tui::msg::compose::ComposeMsg;
use crate::tui::msg::drive::{DriveMsg, FolderRow};
use crate::tui::msg::{Failure, Msg};
use crate::tui::store::Store;
use crate::tui::update::update;

fn file(id: &str, name: &str, size: u64) -> FolderRow {
    FolderRow { id: id.into(), name: name.into(), is_folder: false, size }
}

/// The rows arrive for the listing `effects` asked for.
fn rows_arrive(store: &mut Store, effects: &[Effect], rows: Vec<FolderRow>) {
    let [Effect::Drive(DriveEffect::LoadPickerFolders { generation, drive_id: None, files: true, .. })] = effects
    else {
        panic!("the own drive's folder is listed with its files: {effects:?}")
    };
    update(store, Msg::Drive(DriveMsg::PickerFolders { generation: *generation, result: Ok(rows) }));
}

fn labels(store: &Store) -> Vec<String> {
    store.compose.drive_picker.as_ref().unwrap().picker.items.iter().map(|i| i.label.clone()).collect()
}

fn body(store: &Store) -> String {
    store.compose.open.as_ref().unwrap().fields.body.clone()
}

#[test]
fn l_browses_the_drive_and_puts_an_organization_link_in_the_body() {
    let mut store = store_with(None);
    reviewed_new_message(&mut store);
    let keymap = Keymap::load(None).unwrap();
    let key = Event::Key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT));
    assert_eq!(translate(&store, &keymap, &key), Input::Action(Action::Compose(ComposeAction::LinkDriveFile)));
    let effects = act(&mut store, ComposeAction::LinkDriveFile);
    assert!(store.wants_text(), "the picker takes typed letters");
    rows_arrive(&mut store, &effects, vec![FolderRow::folder("f-docs", "Documents"), file("f-1", "notes.txt", 2048)]);
    assert_eq!(labels(&store), ["Documents/", "notes.txt  (2.0 KB)"]);
    assert_eq!(
        store.compose.drive_picker.as_ref().unwrap().picker.title,
        "Link a file from OneDrive: the top of the drive"
    );

    // Enter on a folder goes into it; `..` comes back up.
    let effects = update(&mut store, Action::TextSubmit);
    assert!(
        matches!(&effects[..], [Effect::Drive(DriveEffect::LoadPickerFolders { folder_id: Some(id), .. })] if id == "f-docs")
    );
    rows_arrive(&mut store, &effects, vec![file("f-2", "Plan <v2>.docx", 12_000), file("f-3", "Budget.xlsx", 9)]);
    assert_eq!(labels(&store), ["..", "Plan <v2>.docx  (11.7 KB)", "Budget.xlsx  (9 B)"]);
    // The arrow keys move as in the Drive pane's lists.
    let down = Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    assert_eq!(translate(&store, &keymap, &down), Input::Action(Action::Down));
    update(&mut store, Action::Down);
    assert!(update(&mut store, Action::TextSubmit).is_empty(), "a file asks which link");
    let kinds = labels(&store);
    assert_eq!(kinds[0], "View link: people in your organization", "the organization's view link first");
    assert_eq!(kinds.len(), 4);

    let effects = update(&mut store, Action::TextSubmit);
    assert_eq!(
        effects,
        vec![Effect::Compose(ComposeEffect::LinkDriveFile {
            item_id: "f-2".into(),
            name: "Plan <v2>.docx".into(),
            edit: false,
            anyone: false
        })]
    );
    assert!(store.compose.drive_picker.is_none());
    assert_eq!(body(&store), "Body line one\nline two\n", "nothing in the body until the link exists");
    let effects = msg(
        &mut store,
        ComposeMsg::DriveFileLinked { name: "Plan <v2>.docx".into(), result: Ok("https://contoso/s/Ab1".into()) },
    );
    assert_eq!(body(&store), "Body line one\nline two\nPlan <v2>.docx: https://contoso/s/Ab1\n");
    let [Effect::Compose(ComposeEffect::SaveLocal { draft, .. })] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(draft.body.contains("https://contoso/s/Ab1"), "the local draft has the link too");
    assert_eq!(store.notice.as_ref().unwrap().text, "Linked Plan <v2>.docx in the message");
}

#[test]
fn an_html_message_gets_an_anchor_and_a_refusal_changes_nothing() {
    let mut store = store_with(None);
    store.compose.env.html = true;
    reviewed_new_message(&mut store);
    let effects = act(&mut store, ComposeAction::LinkDriveFile);
    rows_arrive(&mut store, &effects, vec![file("f-1", "Q&A.txt", 1)]);
    update(&mut store, Action::TextSubmit);
    // "anyone" only when picked.
    for c in "view link: anyone".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let effects = update(&mut store, Action::TextSubmit);
    assert!(matches!(&effects[..], [Effect::Compose(ComposeEffect::LinkDriveFile { edit: false, anyone: true, .. })]));
    msg(&mut store, ComposeMsg::DriveFileLinked { name: "Q&A.txt".into(), result: Ok("https://x/s?a=1&b=2".into()) });
    assert!(
        body(&store).ends_with("line two\n<a href=\"https://x/s?a=1&amp;b=2\">Q&amp;A.txt</a>\n"),
        "{}",
        body(&store)
    );

    let before = body(&store);
    msg(
        &mut store,
        ComposeMsg::DriveFileLinked { name: "Q&A.txt".into(), result: Err(Failure::local("accessDenied")) },
    );
    assert_eq!(body(&store), before);
    let notice = store.notice.as_ref().unwrap();
    assert!(notice.is_error && notice.text == "No link to Q&A.txt: accessDenied", "{notice:?}");
}

#[test]
fn a_personal_account_is_offered_only_links_anyone_can_open() {
    let mut store = store_with(None);
    store.people.personal_account = true;
    reviewed_new_message(&mut store);
    let effects = act(&mut store, ComposeAction::LinkDriveFile);
    rows_arrive(&mut store, &effects, vec![file("f-1", "a.txt", 1)]);
    update(&mut store, Action::TextSubmit);
    assert_eq!(labels(&store), ["View link: anyone with the link", "Edit link: anyone with the link"]);
    let effects = update(&mut store, Action::TextSubmit);
    assert!(matches!(&effects[..], [Effect::Compose(ComposeEffect::LinkDriveFile { edit: false, anyone: true, .. })]));
}

#[test]
fn esc_closes_the_picker_and_the_review_keys_work_again() {
    let mut store = store_with(None);
    reviewed_new_message(&mut store);
    act(&mut store, ComposeAction::LinkDriveFile);
    assert!(act(&mut store, ComposeAction::Send).is_empty(), "the picker has the keys");
    update(&mut store, Action::Back);
    assert!(store.compose.drive_picker.is_none());
    assert!(!store.wants_text());
    assert!(matches!(&act(&mut store, ComposeAction::Send)[..], [Effect::Compose(ComposeEffect::Send { .. })]));
}

#[test]
fn a_link_made_while_editing_again_goes_into_the_text_being_edited() {
    let mut store = store_with(None);
    reviewed_new_message(&mut store);
    let effects = act(&mut store, ComposeAction::LinkDriveFile);
    rows_arrive(&mut store, &effects, vec![file("f-1", "a.txt", 1)]);
    update(&mut store, Action::TextSubmit);
    update(&mut store, Action::TextSubmit);
    act(&mut store, ComposeAction::EditAgain);
    msg(&mut store, ComposeMsg::DriveFileLinked { name: "a.txt".into(), result: Ok("https://x/1".into()) });
    let effects = act(&mut store, ComposeAction::Done);
    let [Effect::Compose(ComposeEffect::SaveLocal { draft, .. })] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(draft.body, "Body line one\nline two\na.txt: https://x/1\n");
}
