//! The review screen while the files go, drawn on a fixed-size TestBackend: the files and the
//! inline image listed (with its content id), the file being uploaded named with its bytes, and
//! one progress bar for all of them.
use crate::screen;

use std::path::PathBuf;

use o365::tui::action::Action;
use o365::tui::action::compose::ComposeAction;
use o365::tui::msg::Msg;
use o365::tui::msg::compose::ComposeMsg;
use o365::tui::msg::compose::SendProgress;
use o365::tui::store::Store;
use o365::tui::store::compose::Kind;
use o365::tui::store::compose::draft::DraftDir;
use o365::tui::store::compose::{AttachmentRef, ComposeEnv};
use o365::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn file(name: &str, size: u64) -> AttachmentRef {
    AttachmentRef { path: Some(PathBuf::from(format!("/home/adele/{name}"))), name: name.into(), size, server_id: None }
}

/// A new message on the review screen with two files and an inline image, being sent.
fn sending() -> Store {
    let mut store = Store::new("adele@contoso.example", chrono_tz::Tz::UTC, 90, 24);
    let dirs = DraftDir { base: PathBuf::from("/state/compose"), own: PathBuf::from("/state/compose/1-0") };
    let env = ComposeEnv { dirs: Some(dirs), html: true, ..ComposeEnv::default() };
    update(&mut store, Msg::Compose(ComposeMsg::Ready { env: Box::new(env), leftovers: Vec::new() }));
    update(&mut store, Action::Compose(ComposeAction::Open(Kind::New)));
    for c in "ben@fabrikam.example\n\n\nQ3 numbers\nThe <b>chart</b> is below.".chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        update(&mut store, Action::Compose(ComposeAction::Key(KeyEvent::new(code, KeyModifiers::NONE))));
    }
    update(&mut store, Action::Compose(ComposeAction::Done));
    update(&mut store, Msg::Compose(ComposeMsg::Attachment(Ok(file("notes.txt", 12_000)))));
    update(&mut store, Msg::Compose(ComposeMsg::Attachment(Ok(file("budget.xlsx", 9_437_184)))));
    update(&mut store, Msg::Compose(ComposeMsg::InlineImage(Ok(file("chart.png", 48_000)))));
    update(&mut store, Action::Compose(ComposeAction::Send));
    store
}

#[test]
fn review_screen_mid_upload_shows_the_file_and_a_progress_bar() {
    let mut store = sending();
    let progress = SendProgress {
        file: "budget.xlsx".into(),
        file_done: 3_932_160,
        file_size: 9_437_184,
        done: 12_000 + 48_000 + 3_932_160,
        total: 12_000 + 48_000 + 9_437_184,
    };
    update(&mut store, Msg::Compose(ComposeMsg::Progress(progress)));
    insta::assert_snapshot!(screen::draw(&store).backend());
}

#[test]
fn before_the_first_range_the_screen_says_sending_without_a_bar() {
    let store = sending();
    let text = screen::draw(&store).backend().to_string();
    assert!(text.contains("Sending…"), "{text}");
    assert!(!text.contains("Upload:"), "no bar before the worker reports progress");
    assert!(text.contains("chart.png") && text.contains("cid:chart.png@o365-tui"));
}
