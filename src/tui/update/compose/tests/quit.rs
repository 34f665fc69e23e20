//! Quitting through `update` while a message is being written: nothing typed quits at once;
//! text in the built-in editor or on the review screen asks to save it to Drafts, `n` goes
//! back with the text intact, `y` saves and quits only once the service has it; after a
//! failure the question is whether to quit anyway. Esc on the review screen edits again.
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::{act, mode, msg, reviewed_new_message, store_with, type_text};
use crate::tui::action::Action;
use crate::tui::action::compose::ComposeAction;
use crate::tui::effect::Effect;
use crate::tui::effect::compose::ComposeEffect;
use crate::tui::input::{Input, translate};
use crate::tui::keymap::Keymap;
use crate::tui::msg::compose::{ComposeMsg, Failure};
use crate::tui::store::Store;
use crate::tui::store::compose::{ComposePrompt, Kind, Mode};
use crate::tui::store::prompt::Purpose;
use crate::tui::update::compose::quit::{QUIT_ANYWAY, SAVE_AND_QUIT};
use crate::tui::update::update;

fn asked(store: &Store) -> Option<(&str, &Purpose)> {
    store.prompt.as_ref().map(|p| (p.title.as_str(), &p.purpose))
}

#[test]
fn quitting_without_a_message_or_with_nothing_typed_is_at_once() {
    let mut store = store_with(None);
    update(&mut store, Action::Quit);
    assert!(store.quit);
    let mut store = store_with(None);
    act(&mut store, ComposeAction::Open(Kind::New));
    update(&mut store, Action::Quit);
    assert!(store.quit, "an empty new message loses nothing");
}

#[test]
fn text_in_the_built_in_editor_asks_and_no_goes_back_to_it() {
    let mut store = store_with(None);
    act(&mut store, ComposeAction::Open(Kind::New));
    type_text(&mut store, "bob@fabrikam.example\n\n\nHalf\nnot finished");
    // Ctrl-C in the editor is the quit action.
    let keymap = Keymap::load(None).unwrap();
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(translate(&store, &keymap, &ctrl_c), Input::Action(Action::Quit));
    assert!(update(&mut store, Action::Quit).is_empty());
    assert!(!store.quit);
    let question = (SAVE_AND_QUIT, &Purpose::Compose(ComposePrompt::SaveAndQuit));
    assert_eq!(asked(&store), Some(question));
    update(&mut store, Action::Quit);
    assert_eq!(asked(&store), Some(question), "asking again changes nothing");
    update(&mut store, Action::TextInput('n'));
    assert!(!store.quit && store.prompt.is_none());
    assert_eq!(mode(&store), Mode::Editor);
    type_text(&mut store, " yet");
    let typed = store.compose.open.as_ref().unwrap().editor.as_ref().unwrap().fields();
    assert_eq!(typed.body, "not finished yet\n", "the text is as it was");

    update(&mut store, Action::Quit);
    let effects = update(&mut store, Action::TextInput('y'));
    let [Effect::Compose(ComposeEffect::SaveToDrafts { draft, .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!((draft.subject.as_str(), draft.body.as_str()), ("Half", "not finished yet\n"));
    assert!(!store.quit, "not before the service has it");
    assert_eq!(mode(&store), Mode::Review);
    msg(&mut store, ComposeMsg::DraftSaved(Ok("d1".into())));
    assert!(store.quit && !store.compose.is_open());
}

#[test]
fn a_failed_save_stays_and_the_next_quit_asks_to_leave_the_local_draft() {
    let mut store = store_with(None);
    let path = reviewed_new_message(&mut store);
    update(&mut store, Action::Quit);
    update(&mut store, Action::TextInput('y'));
    let failure = Failure {
        reason: "saving failed: network error".into(),
        maybe_sent: false,
        server_draft_id: None,
        attachments_uploaded: false,
    };
    msg(&mut store, ComposeMsg::DraftSaved(Err(Box::new(failure))));
    assert!(!store.quit, "a failure keeps the message and the app");
    assert_eq!(mode(&store), Mode::Review);
    // A later save that works does not quit by surprise.
    let compose = store.compose.open.as_ref().unwrap();
    assert!(!compose.quit_when_saved && compose.local_path.as_ref() == Some(&path));
    update(&mut store, Action::Quit);
    assert_eq!(asked(&store), Some((QUIT_ANYWAY, &Purpose::Compose(ComposePrompt::QuitAnyway))));
    assert!(update(&mut store, Action::TextInput('y')).is_empty(), "the local draft stays for C");
    assert!(store.quit);
}

#[test]
fn esc_and_q_on_the_review_screen_never_discard() {
    let keymap = Keymap::load(None).unwrap();
    let mut store = store_with(None);
    reviewed_new_message(&mut store);
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    assert_eq!(translate(&store, &keymap, &key(KeyCode::Esc)), Input::Action(Action::Compose(ComposeAction::Done)));
    act(&mut store, ComposeAction::Done);
    assert_eq!(mode(&store), Mode::Editor, "Esc edits again");
    act(&mut store, ComposeAction::Done);
    assert_eq!(translate(&store, &keymap, &key(KeyCode::Char('q'))), Input::Action(Action::Quit));
    update(&mut store, Action::Quit);
    assert!(!store.quit && store.compose.is_open());
    update(&mut store, Action::Back);
    assert!(store.prompt.is_none() && store.compose.is_open(), "Esc on the question keeps the message");
}
