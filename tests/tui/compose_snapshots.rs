//! Snapshots of compose drawn on a fixed-size TestBackend: the built-in editor (fields, body,
//! suggestions, the quote), the review screen (recipients, attachments with sizes, total) and
//! the review screen after a failed send (the reason, the retry key, the text intact); the
//! OneDrive file picker over the review screen, and the link it put in the body.
use crate::screen;

use screen::draw;

use std::path::PathBuf;

use o365::domain::Body;
use o365::tui::action::Action;
use o365::tui::action::compose::ComposeAction;
use o365::tui::effect::drive::DriveEffect;
use o365::tui::msg::Msg;
use o365::tui::msg::compose::{ComposeMsg, Failure, Prepared};
use o365::tui::msg::drive::{DriveMsg, FolderRow};
use o365::tui::store::Store;
use o365::tui::store::compose::Kind;
use o365::tui::store::compose::draft::DraftDir;
use o365::tui::store::compose::header::Fields;
use o365::tui::store::compose::{AttachmentRef, Candidate, ComposeEnv};
use o365::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn store() -> Store {
    let mut store = Store::new("adele@contoso.example", chrono_tz::Tz::UTC, 90, 24);
    let dirs = DraftDir { base: PathBuf::from("/state/compose"), own: PathBuf::from("/state/compose/1-0") };
    let env = ComposeEnv { dirs: Some(dirs), ..ComposeEnv::default() };
    update(&mut store, Msg::Compose(ComposeMsg::Ready { env: Box::new(env), leftovers: Vec::new() }));
    let candidates = vec![
        Candidate { name: "Alex Wilber".into(), address: "alexw@contoso.example".into() },
        Candidate { name: "Allan Deyoung".into(), address: "allan@contoso.example".into() },
        Candidate { name: "Ben Walters".into(), address: "ben@fabrikam.example".into() },
    ];
    update(&mut store, Msg::Compose(ComposeMsg::Candidates(Ok(candidates))));
    store
}

fn type_text(store: &mut Store, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        update(store, Action::Compose(ComposeAction::Key(KeyEvent::new(code, KeyModifiers::NONE))));
    }
}

/// A reply whose service draft has arrived, with the user's text typed.
fn reply(store: &mut Store) {
    store.mail.messages = o365::tui::loadable::Loadable::Ready(o365::tui::loadable::Paged {
        items: vec![o365::domain::MessageSummary { id: "m1".into(), ..Default::default() }],
        next_link: None,
        total: None,
        more: o365::tui::loadable::MoreState::Idle,
    });
    store.mail.focus = o365::tui::store::MailFocus::Messages;
    update(store, Action::Compose(ComposeAction::Open(Kind::Reply)));
    let prepared = Prepared {
        server_draft_id: "d1".into(),
        fields: Fields {
            to: "Ben Walters <ben@fabrikam.example>".into(),
            cc: "Alex Wilber <alexw@contoso.example>".into(),
            subject: "RE: Launch plan".into(),
            ..Fields::default()
        },
        quoted: Some(Body::Text("x".into())),
        quote_lines: vec!["> From: Ben Walters".into(), "> Can we ship on Friday?".into()],
        resumed_html: None,
        attachments: vec![AttachmentRef {
            path: None,
            name: "plan.pdf".into(),
            size: 250_000,
            server_id: Some("att-plan".into()),
        }],
    };
    update(store, Msg::Compose(ComposeMsg::Prepared(Ok(Box::new(prepared)))));
    type_text(store, "Friday works.\nI'll book the room.");
}

#[test]
fn built_in_editor_with_suggestions() {
    let mut store = store();
    update(&mut store, Action::Compose(ComposeAction::Open(Kind::New)));
    type_text(&mut store, "ben@fabrikam.example, al");
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn built_in_editor_of_a_reply_shows_the_quote() {
    let mut store = store();
    reply(&mut store);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn review_screen() {
    let mut store = store();
    reply(&mut store);
    update(&mut store, Action::Compose(ComposeAction::Done));
    update(
        &mut store,
        Msg::Compose(ComposeMsg::Attachment(Ok(AttachmentRef {
            path: Some("/home/adele/budget.xlsx".into()),
            name: "budget.xlsx".into(),
            size: 3_500_000,
            server_id: None,
        }))),
    );
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn review_screen_after_a_failed_send() {
    let mut store = store();
    reply(&mut store);
    update(&mut store, Action::Compose(ComposeAction::Done));
    update(&mut store, Action::Compose(ComposeAction::Send));
    let failure = Failure {
        reason: "sending failed: network error: connection closed before message completed (the answer was lost: the message may have gone out; check Sent Items before sending again); the message is kept in Drafts (id d1)".into(),
        maybe_sent: true,
        server_draft_id: Some("d1".into()),
        attachments_uploaded: false,
    };
    update(&mut store, Msg::Compose(ComposeMsg::Sent(Err(Box::new(failure)))));
    insta::assert_snapshot!(draw(&store).backend());
}

/// A new message on the review screen at 80 columns, `L` pressed: the own drive's top folder
/// listed in the picker (a hostile name drawn clean), the second row chosen.
fn drive_picker_open() -> Store {
    let mut store = store();
    store.size = ratatui::layout::Rect::new(0, 0, 80, 24);
    update(&mut store, Action::Compose(ComposeAction::Open(Kind::New)));
    type_text(&mut store, "dana@fabrikam.example\n\n\nThe deck\nHere is the deck for Friday.");
    update(&mut store, Action::Compose(ComposeAction::Done));
    let effects = update(&mut store, Action::Compose(ComposeAction::LinkDriveFile));
    let [o365::tui::effect::Effect::Drive(DriveEffect::LoadPickerFolders { generation, .. })] = effects[..] else {
        panic!("the drive's top folder is listed: {effects:?}")
    };
    let file = |id: &str, name: &str, size| FolderRow { id: id.into(), name: name.into(), is_folder: false, size };
    let rows = vec![
        FolderRow::folder("f-docs", "Documents"),
        file("f-deck", "Launch deck.pptx", 2_400_000),
        file("f-evil", "notes\u{1b}]0;pwned\u{7}.txt", 120),
    ];
    update(&mut store, Msg::Drive(DriveMsg::PickerFolders { generation, result: Ok(rows) }));
    update(&mut store, Action::Down);
    store
}

#[test]
fn review_screen_with_the_onedrive_picker() {
    let store = drive_picker_open();
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn review_screen_with_a_linked_onedrive_file() {
    let mut store = drive_picker_open();
    update(&mut store, Action::TextSubmit);
    update(&mut store, Action::TextSubmit);
    let linked = ComposeMsg::DriveFileLinked {
        name: "Launch deck.pptx".into(),
        result: Ok("https://contoso-my.sharepoint.com/:p:/g/personal/adele/EQx1".into()),
    };
    update(&mut store, Msg::Compose(linked));
    insta::assert_snapshot!(draw(&store).backend());
}
