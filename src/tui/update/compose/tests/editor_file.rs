//! The `$EDITOR` file through `update`. A reply's quote: text above an untouched quote keeps
//! the service's quote apart; answers below or between quoted lines make the whole text the
//! body, the service's quote goes (with a notice) and the next edit shows it all as text; a
//! file whose headers do not parse keeps every line too. A resumed HTML draft: its body is the
//! text to edit, with no quote, and its HTML rides along in the local draft.
use super::{act, msg, store_with_selected_message};
use crate::domain::Body;
use crate::tui::action::compose::ComposeAction;
use crate::tui::effect::Effect;
use crate::tui::effect::compose::{ComposeEffect, EditorJob};
use crate::tui::msg::compose::{ComposeMsg, Prepared};
use crate::tui::store::Store;
use crate::tui::store::compose::Kind;
use crate::tui::store::compose::draft::ResumedHtml;
use crate::tui::store::compose::header::{Fields, QUOTE_MARKER};

fn reply_open_in_editor() -> (Store, EditorJob) {
    let mut store = store_with_selected_message(false);
    store.compose.env.editor = Some(vec!["vi".into()]);
    act(&mut store, ComposeAction::Open(Kind::Reply));
    let prepared = Prepared {
        server_draft_id: "d9".into(),
        fields: Fields { to: "ann@contoso.example".into(), subject: "RE: Plans".into(), ..Fields::default() },
        quoted: Some(Body::Html("<p>Friday?</p><p>Or Monday?</p>".into())),
        quote_lines: vec!["> Friday?".into(), "> Or Monday?".into()],
        resumed_html: None,
        attachments: Vec::new(),
    };
    let effects = msg(&mut store, ComposeMsg::Prepared(Ok(Box::new(prepared))));
    let [Effect::RunEditor(job)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(job.text.ends_with(&format!("\n{QUOTE_MARKER}\n> Friday?\n> Or Monday?\n")), "{}", job.text);
    (store, job.clone())
}

fn saved_draft(effects: &[Effect]) -> &crate::tui::store::compose::draft::LocalDraft {
    let [Effect::Compose(ComposeEffect::SaveLocal { draft, .. })] = effects else { panic!("{effects:?}") };
    draft
}

#[test]
fn text_above_an_untouched_quote_keeps_the_services_quote_apart() {
    let (mut store, job) = reply_open_in_editor();
    let written = job.text.replacen("\n\n", "\n\nSounds good.\n", 1);
    let effects = msg(&mut store, ComposeMsg::Edited(Ok(written)));
    let draft = saved_draft(&effects);
    assert_eq!(draft.body, "Sounds good.\n");
    assert_eq!(draft.quoted, Some(Body::Html("<p>Friday?</p><p>Or Monday?</p>".into())), "sent below the text");
    assert_eq!(store.compose.open.as_ref().unwrap().quote_lines.len(), 2);
}

#[test]
fn answers_below_or_inside_the_quote_make_the_whole_text_the_body() {
    let (mut store, job) = reply_open_in_editor();
    let written = job.text.replace("> Friday?\n", "> Friday?\nYes, Friday.\n") + "\nSee you then.\n";
    let effects = msg(&mut store, ComposeMsg::Edited(Ok(written)));
    let draft = saved_draft(&effects);
    assert_eq!(draft.body, "> Friday?\nYes, Friday.\n> Or Monday?\n\nSee you then.\n");
    assert_eq!(draft.quoted, None, "the service's quote is not added again");
    let compose = store.compose.open.as_ref().unwrap();
    assert!(compose.quote_lines.is_empty() && compose.problem.is_none());
    assert!(store.notice.as_ref().unwrap().text.contains("quote was changed"), "{:?}", store.notice);
    // Editing again: all of it is text to edit, with no marker.
    let effects = act(&mut store, ComposeAction::EditAgain);
    let [Effect::RunEditor(again)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(!again.text.contains(QUOTE_MARKER));
    assert!(again.text.ends_with("\n\n> Friday?\nYes, Friday.\n> Or Monday?\n\nSee you then.\n"), "{}", again.text);
}

#[test]
fn a_file_whose_headers_do_not_parse_keeps_every_line() {
    // The quote untouched: it stays apart, the text above (bad header and all) is the body.
    let (mut store, job) = reply_open_in_editor();
    let written = job.text.replacen("Cc: ", "X-Evil: 1\nCc: ", 1).replacen("\n\n", "\n\nmy text\n", 1);
    msg(&mut store, ComposeMsg::Edited(Ok(written)));
    let compose = store.compose.open.as_ref().unwrap();
    assert!(compose.problem.as_ref().unwrap().contains("unknown header `X-Evil`"), "{:?}", compose.problem);
    assert!(compose.fields.body.contains("X-Evil: 1") && compose.fields.body.contains("my text"));
    assert!(!compose.fields.body.contains("> Friday?") && compose.quoted.is_some());
    // The quote answered too: every line is in the body and the service's quote goes.
    let (mut store, job) = reply_open_in_editor();
    let written = job.text.replacen("Cc: ", "X-Evil: 1\nCc: ", 1) + "below\n";
    msg(&mut store, ComposeMsg::Edited(Ok(written)));
    let compose = store.compose.open.as_ref().unwrap();
    assert!(compose.fields.body.contains("X-Evil: 1") && compose.fields.body.ends_with("> Or Monday?\nbelow\n"));
    assert!(compose.quoted.is_none() && compose.quote_lines.is_empty());
}

#[test]
fn a_resumed_html_draft_is_edited_as_its_text_with_its_html_kept_aside() {
    let mut store = store_with_selected_message(true);
    store.compose.env.editor = Some(vec!["vi".into()]);
    act(&mut store, ComposeAction::Open(Kind::Draft));
    let resumed = ResumedHtml { html: "<p>Dear team,</p><p>Budget</p>".into(), text: "Dear team,\n\nBudget\n".into() };
    let prepared = Prepared {
        server_draft_id: "m1".into(),
        fields: Fields { to: "ivy@contoso.example".into(), body: resumed.text.clone(), ..Fields::default() },
        quoted: None,
        quote_lines: Vec::new(),
        resumed_html: Some(resumed.clone()),
        attachments: Vec::new(),
    };
    let effects = msg(&mut store, ComposeMsg::Prepared(Ok(Box::new(prepared))));
    let [Effect::RunEditor(job)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(job.text.ends_with("\n\nDear team,\n\nBudget\n") && !job.text.contains(QUOTE_MARKER), "{}", job.text);
    let effects = msg(&mut store, ComposeMsg::Edited(Ok(job.text.replace("Budget", "Revised budget"))));
    let draft = saved_draft(&effects);
    assert_eq!(draft.body, "Dear team,\n\nRevised budget\n");
    assert_eq!((draft.resumed_html.as_ref(), draft.quoted.as_ref()), (Some(&resumed), None));
    assert!(!store.compose.open.as_ref().unwrap().created_here, "a discard leaves the resumed draft in Drafts");
}
