//! Inline images through `update`: `I` asks for a path, a checked image gets a content id no
//! other image of the message has, the local draft carries it, and a recovered draft keeps it.
use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::{act, dirs, msg, reviewed_new_message, store_with};
use crate::tui::action::Action;
use crate::tui::action::compose::ComposeAction;
use crate::tui::effect::Effect;
use crate::tui::effect::compose::ComposeEffect;
use crate::tui::input::{Input, translate};
use crate::tui::keymap::Keymap;
use crate::tui::msg::compose::ComposeMsg;
use crate::tui::store::compose::draft::{InlineImageFile, LocalDraft};
use crate::tui::store::compose::{AttachmentRef, ComposePrompt, Mode};
use crate::tui::store::prompt::Purpose;
use crate::tui::update::compose::from_local;
use crate::tui::update::update;

fn image(name: &str, size: u64) -> AttachmentRef {
    AttachmentRef { path: Some(PathBuf::from(format!("/home/me/{name}"))), name: name.into(), size, server_id: None }
}

#[test]
fn i_asks_for_an_image_and_the_answer_is_checked_by_the_worker() {
    let mut store = store_with(None);
    reviewed_new_message(&mut store);
    let keymap = Keymap::load(None).unwrap();
    let key = Event::Key(KeyEvent::new(KeyCode::Char('I'), KeyModifiers::SHIFT));
    assert_eq!(translate(&store, &keymap, &key), Input::Action(Action::Compose(ComposeAction::AttachInline)));
    act(&mut store, ComposeAction::AttachInline);
    let prompt = store.prompt.as_ref().expect("a path prompt");
    assert_eq!(prompt.purpose, Purpose::Compose(ComposePrompt::InlineImagePath));
    assert!(update(&mut store, Action::TextSubmit).is_empty(), "an empty answer is refused");
    assert!(store.prompt.as_ref().unwrap().error.as_deref().unwrap().contains("PNG, JPEG or GIF"));
    for c in "~/logo.png".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let effects = update(&mut store, Action::TextSubmit);
    assert_eq!(effects, vec![Effect::Compose(ComposeEffect::CheckInlineImage { path: "~/logo.png".into() })]);
    assert!(store.prompt.is_none());
}

#[test]
fn checked_images_get_unique_content_ids_that_the_local_draft_keeps() {
    let mut store = store_with(None);
    reviewed_new_message(&mut store);
    let effects = msg(&mut store, ComposeMsg::InlineImage(Ok(image("logo.png", 2048))));
    assert!(store.notice.as_ref().unwrap().text.contains("goes as HTML"), "text mode says what happens");
    let [Effect::Compose(ComposeEffect::SaveLocal { draft, .. })] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(
        draft.inline_images,
        [InlineImageFile { path: "/home/me/logo.png".into(), content_id: "logo.png@o365-tui".into() }]
    );
    msg(&mut store, ComposeMsg::InlineImage(Ok(image("logo.png", 4096))));
    let compose = store.compose.open.as_ref().unwrap();
    let ids: Vec<&str> = compose.inline_images.iter().map(|i| i.content_id.as_str()).collect();
    assert_eq!(ids, ["logo.png@o365-tui", "logo-2.png@o365-tui"]);
    assert_eq!(compose.total_size(), 6144);
    assert!(compose.attachments.is_empty(), "inline images are not listed as files");

    msg(&mut store, ComposeMsg::InlineImage(Err("notes.txt: only PNG, JPEG and GIF images can be inline".into())));
    assert!(store.notice.as_ref().unwrap().is_error);
    assert_eq!(store.compose.open.as_ref().unwrap().inline_images.len(), 2);
}

#[test]
fn html_mode_names_the_content_id_and_a_recovered_draft_keeps_its_images() {
    let mut store = store_with(None);
    store.compose.env.html = true;
    reviewed_new_message(&mut store);
    msg(&mut store, ComposeMsg::InlineImage(Ok(image("chart.gif", 10))));
    assert_eq!(store.notice.as_ref().unwrap().text, "Inline image chart.gif (cid:chart.gif@o365-tui)");

    let draft = LocalDraft {
        kind: "new".into(),
        inline_images: vec![InlineImageFile { path: "/x/chart.gif".into(), content_id: "chart.gif@o365-tui".into() }],
        ..LocalDraft::default()
    };
    let compose = from_local(draft, Some(dirs().own.join("draft-1.json")));
    assert_eq!(compose.mode, Mode::Review);
    assert_eq!(compose.inline_images[0].name, "chart.gif");
    assert_eq!(compose.local_draft().inline_images[0].content_id, "chart.gif@o365-tui");
    // A draft file written before inline images existed still reads.
    let old: LocalDraft = serde_json::from_str(
        r#"{"to":"","cc":"","bcc":"","subject":"s","body":"","kind":"new","server_draft_id":null,
            "created_here":false,"quoted":null,"attachments":[]}"#,
    )
    .unwrap();
    assert!(old.inline_images.is_empty());
}
