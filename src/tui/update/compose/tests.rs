//! The compose state machine through `update`: opening, editors coming back, review, sends
//! that succeed or fail (the text stays), discarding (asked first), recovery, key routing.
use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{Body, MessageSummary};
use crate::tui::action::Action;
use crate::tui::action::compose::ComposeAction;
use crate::tui::effect::Effect;
use crate::tui::effect::compose::{ComposeEffect, EditorJob};
use crate::tui::input::{Input, translate};
use crate::tui::keymap::Keymap;
use crate::tui::loadable::{Loadable, MoreState, Paged};
use crate::tui::msg::Msg;
use crate::tui::msg::compose::{ComposeMsg, Failure, Prepared, SendProgress};
use crate::tui::store::compose::draft::{DraftDir, Leftover, LocalDraft};
use crate::tui::store::compose::header::QUOTE_MARKER;
use crate::tui::store::compose::{ComposeEnv, Kind, Mode, Status};
use crate::tui::store::prompt::{PromptKind, Purpose};
use crate::tui::store::{MailFocus, Store};
use crate::tui::update::update;

pub(super) fn dirs() -> DraftDir {
    DraftDir { base: PathBuf::from("/state/compose"), own: PathBuf::from("/state/compose/42-00000001") }
}

pub(super) fn store_with(editor: Option<&str>) -> Store {
    let mut store = Store::new("me", chrono_tz::Tz::UTC, 100, 30);
    let env = ComposeEnv { dirs: Some(dirs()), editor: editor.map(|e| vec![e.to_owned()]), ..ComposeEnv::default() };
    update(&mut store, Msg::Compose(ComposeMsg::Ready { env: Box::new(env), leftovers: Vec::new() }));
    store
}

pub(super) fn act(store: &mut Store, action: ComposeAction) -> Vec<Effect> {
    update(store, Action::Compose(action))
}

pub(super) fn msg(store: &mut Store, msg: ComposeMsg) -> Vec<Effect> {
    update(store, Msg::Compose(msg))
}

pub(super) fn type_text(store: &mut Store, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        act(store, ComposeAction::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

pub(super) fn mode(store: &Store) -> Mode {
    store.compose.open.as_ref().unwrap().mode
}

/// Writes a new message in the built-in editor and reaches the review screen.
pub(super) fn reviewed_new_message(store: &mut Store) -> PathBuf {
    assert_eq!(act(store, ComposeAction::Open(Kind::New)), vec![Effect::Compose(ComposeEffect::LoadCandidates)]);
    assert_eq!(mode(store), Mode::Editor);
    type_text(store, "bob@fabrikam.example\n\n\nHello\nBody line one\nline two");
    let effects = act(store, ComposeAction::Done);
    let [Effect::Compose(ComposeEffect::SaveLocal { path, draft })] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(path.starts_with(&dirs().own), "the local draft is in this process's directory");
    assert_eq!((draft.to.as_str(), draft.subject.as_str()), ("bob@fabrikam.example", "Hello"));
    assert_eq!(draft.body, "Body line one\nline two\n");
    assert_eq!(mode(store), Mode::Review);
    path.clone()
}

#[test]
fn the_built_in_editor_leads_to_review_and_a_send_that_closes_on_success() {
    let mut store = store_with(None);
    let path = reviewed_new_message(&mut store);
    assert_eq!(store.compose.open.as_ref().unwrap().problem, None);
    let effects = act(&mut store, ComposeAction::Send);
    let [Effect::Compose(ComposeEffect::Send { path: sent_path, draft, html: false })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(sent_path, &path, "the same local file is kept up to date");
    assert_eq!(draft.server_draft_id, None);
    assert_eq!(store.compose.open.as_ref().unwrap().status, Status::Busy("Sending"));
    assert_eq!(store.notice.as_ref().unwrap().text, "Sending…");
    assert!(act(&mut store, ComposeAction::Send).is_empty(), "no second send while one runs");
    let progress = SendProgress { file: "a.bin".into(), file_done: 50, file_size: 100, done: 50, total: 200 };
    msg(&mut store, ComposeMsg::Progress(progress.clone()));
    assert_eq!(store.notice.as_ref().unwrap().text, "Sending… 25%");
    assert_eq!(store.compose.open.as_ref().unwrap().progress, Some(progress));
    msg(&mut store, ComposeMsg::Sent(Ok(())));
    assert!(store.compose.open.is_none());
    assert_eq!(store.notice.as_ref().unwrap().text, "Sent");
}

#[test]
fn a_failed_send_keeps_the_review_with_the_reason_and_the_text_and_retries_into_the_draft() {
    let mut store = store_with(None);
    reviewed_new_message(&mut store);
    act(&mut store, ComposeAction::Send);
    let failure = Failure {
        reason: "sending failed: Graph refused the request: 503".into(),
        maybe_sent: false,
        server_draft_id: Some("draft-1".into()),
        attachments_uploaded: true,
    };
    msg(&mut store, ComposeMsg::Sent(Err(Box::new(failure))));
    let compose = store.compose.open.as_ref().unwrap();
    assert_eq!(compose.mode, Mode::Review);
    assert!(matches!(&compose.status, Status::Failed { reason, .. } if reason.contains("503")));
    assert_eq!(compose.fields.body, "Body line one\nline two\n", "the text is intact");
    assert!(store.notice.as_ref().unwrap().is_error);
    let effects = act(&mut store, ComposeAction::Retry);
    let [Effect::Compose(ComposeEffect::Send { draft, .. })] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(draft.server_draft_id.as_deref(), Some("draft-1"), "the retry sends the kept draft, no duplicate");
    assert!(draft.created_here);
}

#[test]
fn an_external_editor_gets_a_header_block_and_a_bad_header_reopens_with_the_reason() {
    let mut store = store_with(Some("vi"));
    let effects = act(&mut store, ComposeAction::Open(Kind::New));
    let [_, Effect::RunEditor(EditorJob { command, path, text })] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(command, &["vi"]);
    assert!(path.starts_with(&dirs().own));
    assert_eq!(text, "To: \nCc: \nBcc: \nSubject: \n\n");
    assert_eq!(mode(&store), Mode::External);
    // The editor comes back with an unknown header: nothing typed is lost, the reason shows.
    let written = "To: bob@fabrikam.example\nX-Evil: yes\n\nmy text\n";
    let effects = msg(&mut store, ComposeMsg::Edited(Ok(written.into())));
    assert!(matches!(effects.as_slice(), [Effect::Compose(ComposeEffect::SaveLocal { .. })]));
    let compose = store.compose.open.as_ref().unwrap();
    assert_eq!(compose.mode, Mode::Review);
    assert!(compose.problem.as_ref().unwrap().contains("unknown header `X-Evil`"), "{:?}", compose.problem);
    assert_eq!(compose.fields.body, written);
    assert!(act(&mut store, ComposeAction::Send).is_empty(), "refused while the text does not parse");
    // Edit again: the editor opens on what was written.
    let effects = act(&mut store, ComposeAction::EditAgain);
    let [Effect::RunEditor(job)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(job.text.contains("X-Evil: yes"));
    msg(&mut store, ComposeMsg::Edited(Ok("To: bob@fabrikam.example\nSubject: ok\n\nmy text\n".into())));
    let compose = store.compose.open.as_ref().unwrap();
    assert_eq!((compose.problem.as_ref(), compose.fields.body.as_str()), (None, "my text\n"));
    // A bad address is named, too.
    act(&mut store, ComposeAction::EditAgain);
    msg(&mut store, ComposeMsg::Edited(Ok("To: bob@\n\nx\n".into())));
    let problem = store.compose.open.as_ref().unwrap().problem.clone().unwrap();
    assert_eq!(problem, "To: `bob@` is not an e-mail address: no domain after the @");
}

#[test]
fn an_editor_that_cannot_run_falls_back_to_the_built_in_one() {
    let mut store = store_with(Some("no-such-editor"));
    act(&mut store, ComposeAction::Open(Kind::New));
    msg(&mut store, ComposeMsg::Edited(Err("cannot run the editor `no-such-editor`: not found".into())));
    assert_eq!(mode(&store), Mode::Editor);
    assert!(store.notice.as_ref().unwrap().text.contains("built-in editor"));
}

#[test]
fn discarding_asks_first_and_deletes_only_a_draft_made_here() {
    let mut store = store_with(None);
    let path = reviewed_new_message(&mut store);
    assert!(act(&mut store, ComposeAction::Discard).is_empty());
    let prompt = store.prompt.as_ref().unwrap();
    assert_eq!((&prompt.kind, &prompt.purpose), (&PromptKind::YesNo, &Purpose::Compose(super::ComposePrompt::Discard)));
    update(&mut store, Action::TextInput('n'));
    assert!(store.prompt.is_none() && store.compose.is_open(), "no keeps the message");
    act(&mut store, ComposeAction::Discard);
    let effects = update(&mut store, Action::TextInput('y'));
    assert_eq!(effects, vec![Effect::Compose(ComposeEffect::Discard { path: Some(path), server_draft: None })]);
    assert!(!store.compose.is_open());
}

fn store_with_selected_message(is_draft: bool) -> Store {
    let mut store = store_with(None);
    let summary = MessageSummary { id: "m1".into(), subject: "Plans".into(), is_draft, ..Default::default() };
    store.mail.messages =
        Loadable::Ready(Paged { items: vec![summary], next_link: None, total: None, more: MoreState::Idle });
    store.mail.focus = MailFocus::Messages;
    store
}

#[test]
fn a_reply_waits_for_the_service_draft_then_edits_above_the_quote() {
    let mut store = store_with_selected_message(false);
    let effects = act(&mut store, ComposeAction::Open(Kind::Reply));
    assert_eq!(effects[1], Effect::Compose(ComposeEffect::Prepare { kind: Kind::Reply, message_id: "m1".into() }));
    assert_eq!(mode(&store), Mode::Preparing);
    let prepared = Prepared {
        server_draft_id: "d9".into(),
        fields: super::header::Fields {
            to: "ann@contoso.example".into(),
            subject: "RE: Plans".into(),
            ..Default::default()
        },
        quoted: Some(Body::Html("<p>old</p>".into())),
        quote_lines: vec!["> old".into()],
        resumed_html: None,
        attachments: Vec::new(),
    };
    msg(&mut store, ComposeMsg::Prepared(Ok(Box::new(prepared))));
    let compose = store.compose.open.as_ref().unwrap();
    assert_eq!(
        (compose.mode, compose.server_draft_id.as_deref(), compose.created_here),
        (Mode::Editor, Some("d9"), true)
    );
    assert_eq!(
        compose.editor.as_ref().unwrap().focus,
        crate::tui::store::compose::BODY,
        "recipients filled: the body has the keys"
    );
    type_text(&mut store, "Sounds good");
    let effects = act(&mut store, ComposeAction::Done);
    let [Effect::Compose(ComposeEffect::SaveLocal { draft, .. })] = effects.as_slice() else { panic!() };
    assert_eq!((draft.kind.as_str(), draft.body.as_str()), ("reply", "Sounds good\n"));
    assert_eq!(draft.quoted, Some(Body::Html("<p>old</p>".into())));
    // Discarding a reply removes the service's draft made for it.
    act(&mut store, ComposeAction::Discard);
    let effects = update(&mut store, Action::TextInput('y'));
    assert!(
        matches!(effects.as_slice(), [Effect::Compose(ComposeEffect::Discard { server_draft: Some(id), .. })] if id == "d9")
    );
}

#[test]
fn the_external_editor_file_shows_the_quote_below_the_marker() {
    let mut store = store_with_selected_message(false);
    store.compose.env.editor = Some(vec!["vi".into()]);
    act(&mut store, ComposeAction::Open(Kind::Forward));
    let prepared = Prepared {
        server_draft_id: "d1".into(),
        fields: super::header::Fields { subject: "FW: Plans".into(), ..Default::default() },
        quoted: Some(Body::Text("old".into())),
        quote_lines: vec!["> old".into()],
        resumed_html: None,
        attachments: Vec::new(),
    };
    let effects = msg(&mut store, ComposeMsg::Prepared(Ok(Box::new(prepared))));
    let [Effect::RunEditor(job)] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(job.text, format!("To: \nCc: \nBcc: \nSubject: FW: Plans\n\n\n{QUOTE_MARKER}\n> old\n"));
}

#[test]
fn edit_draft_only_on_drafts_and_failures_to_prepare_close_with_the_reason() {
    let mut store = store_with_selected_message(false);
    assert!(act(&mut store, ComposeAction::Open(Kind::Draft)).is_empty());
    assert!(!store.compose.is_open());
    let mut store = store_with_selected_message(true);
    assert_eq!(act(&mut store, ComposeAction::Open(Kind::Draft)).len(), 2);
    msg(&mut store, ComposeMsg::Prepared(Err("Graph refused the request: 404".into())));
    assert!(!store.compose.is_open());
    assert!(store.notice.as_ref().unwrap().text.contains("404"));
    let mut empty = store_with(None);
    assert!(act(&mut empty, ComposeAction::Open(Kind::Reply)).is_empty(), "nothing selected");
}

#[test]
fn leftover_drafts_are_announced_and_reopen_on_the_review_screen() {
    let mut store = Store::new("me", chrono_tz::Tz::UTC, 100, 30);
    let draft =
        LocalDraft { to: "a@b.example".into(), subject: "lost".into(), kind: "new".into(), ..Default::default() };
    let path = PathBuf::from("/state/compose/7-00000000/draft-x.json");
    let leftovers = vec![Leftover { path: path.clone(), draft }];
    let env = ComposeEnv { dirs: Some(dirs()), ..ComposeEnv::default() };
    msg(&mut store, ComposeMsg::Ready { env: Box::new(env), leftovers });
    assert!(store.notice.as_ref().unwrap().text.starts_with("1 unsent draft(s)"));
    let effects = act(&mut store, ComposeAction::Recover);
    assert!(matches!(&effects[1], Effect::Compose(ComposeEffect::SaveLocal { path: p, .. }) if *p == path));
    let compose = store.compose.open.as_ref().unwrap();
    assert_eq!((compose.mode, compose.fields.subject.as_str()), (Mode::Review, "lost"));
    assert!(store.compose.leftovers.is_empty());
}

#[test]
fn keys_reach_the_built_in_editor_raw_and_the_review_screen_through_the_keymap() {
    let keymap = Keymap::load(None).unwrap();
    let mut store = store_with(None);
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    assert_eq!(
        translate(&store, &keymap, &key(KeyCode::Char('c'))),
        Input::Action(Action::Compose(ComposeAction::Open(Kind::New)))
    );
    act(&mut store, ComposeAction::Open(Kind::New));
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(translate(&store, &keymap, &Event::Key(q)), Input::Action(Action::Compose(ComposeAction::Key(q))));
    assert_eq!(
        translate(&store, &keymap, &key(KeyCode::Tab)),
        Input::Action(Action::Compose(ComposeAction::NextField))
    );
    assert_eq!(translate(&store, &keymap, &key(KeyCode::Esc)), Input::Action(Action::Compose(ComposeAction::Done)));
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(translate(&store, &keymap, &ctrl_c), Input::Action(Action::Quit));
    act(&mut store, ComposeAction::Done);
    assert_eq!(
        translate(&store, &keymap, &key(KeyCode::Char('s'))),
        Input::Action(Action::Compose(ComposeAction::Send))
    );
    assert_eq!(translate(&store, &keymap, &key(KeyCode::Char('q'))), Input::Action(Action::Quit));
    assert_eq!(translate(&store, &keymap, &key(KeyCode::Char('j'))), Input::Ignore, "the mail pane's keys wait");
    // While the attach prompt is open, letters go to it and Tab completes the path.
    act(&mut store, ComposeAction::Attach);
    assert_eq!(translate(&store, &keymap, &key(KeyCode::Char('s'))), Input::Action(Action::TextInput('s')));
    assert_eq!(translate(&store, &keymap, &key(KeyCode::Tab)), Input::Action(Action::TextComplete));
    update(&mut store, Action::Back);
    act(&mut store, ComposeAction::AttachInline);
    assert_eq!(translate(&store, &keymap, &key(KeyCode::Tab)), Input::Action(Action::TextComplete), "an image too");
}

#[test]
fn the_configured_body_format_survives_start_up_and_reaches_the_send() {
    let mut store = Store::new("me", chrono_tz::Tz::UTC, 100, 30);
    // What the loop sets from `compose_format = "html"` before the worker reports in.
    store.compose.env.html = true;
    let env = ComposeEnv { dirs: Some(dirs()), ..ComposeEnv::default() };
    update(&mut store, Msg::Compose(ComposeMsg::Ready { env: Box::new(env), leftovers: Vec::new() }));
    assert!(store.compose.env.html, "the worker's report keeps the config's format");
    reviewed_new_message(&mut store);
    let effects = act(&mut store, ComposeAction::Send);
    assert!(matches!(effects.as_slice(), [Effect::Compose(ComposeEffect::Send { html: true, .. })]), "{effects:?}");
}

mod drive_link;
mod editor_file;
mod inline;
mod offline;
mod quit;
mod signature;

#[test]
fn a_message_opened_before_start_up_finishes_waits_for_the_editor_it_should_have() {
    // `c` right after start, before the worker said $EDITOR is set: opening the built-in
    // editor then would ignore the user's editor (the pty test met it on a loaded machine).
    let mut store = Store::new("me", chrono_tz::Tz::UTC, 100, 30);
    assert_eq!(act(&mut store, ComposeAction::Open(Kind::New)), vec![Effect::Compose(ComposeEffect::LoadCandidates)]);
    assert_eq!(mode(&store), Mode::Preparing, "no editor chosen yet");
    let env = ComposeEnv { dirs: Some(dirs()), editor: Some(vec!["vi".to_owned()]), ..ComposeEnv::default() };
    let effects = msg(&mut store, ComposeMsg::Ready { env: Box::new(env), leftovers: Vec::new() });
    let [Effect::RunEditor(EditorJob { command, .. })] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(command, &vec!["vi".to_owned()]);
    assert_eq!(mode(&store), Mode::External);
}
