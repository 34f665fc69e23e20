//! The prompt's path completion: Tab asks the worker only in a prompt for a path, the answer
//! fills the field and lists the choices, a late answer to older text is dropped and typing
//! clears the choices.
use chrono_tz::Tz;

use super::super::update;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::msg::Msg;
use crate::tui::store::Store;
use crate::tui::store::compose::ComposePrompt;
use crate::tui::store::prompt::{PathMatches, PathQuery, Prompt, PromptKind, Purpose};

fn store_asking(prompt: Prompt) -> Store {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 120, 30);
    store.prompt = Some(prompt);
    store
}

fn attach_prompt(typed: &str) -> Prompt {
    Prompt::path("Attach a file (path)", typed, Purpose::Compose(ComposePrompt::AttachPath))
}

fn typed(store: &Store) -> &str {
    store.prompt.as_ref().map(Prompt::typed).unwrap_or_default()
}

fn matches(typed: &str, completed: &str, choices: &[&str]) -> Msg {
    let choices: Vec<String> = choices.iter().map(|c| (*c).to_owned()).collect();
    let found = choices.len().max(usize::from(completed != typed));
    Msg::PathCompleted(PathMatches { typed: typed.into(), completed: completed.into(), choices, found })
}

#[test]
fn tab_asks_for_the_typed_path_only_in_a_prompt_for_one() {
    let mut store = store_asking(attach_prompt("~/Doc"));
    let effects = update(&mut store, Action::TextComplete);
    assert_eq!(effects, [Effect::CompletePath(PathQuery { typed: "~/Doc".into(), folders_only: false })]);

    let mut store = store_asking(Prompt::folder("Save into folder", "~/", Purpose::CalendarGoTo));
    let effects = update(&mut store, Action::TextComplete);
    assert_eq!(effects, [Effect::CompletePath(PathQuery { typed: "~/".into(), folders_only: true })]);

    let mut store = store_asking(Prompt::text("Go to date", "2026", Purpose::CalendarGoTo));
    assert!(update(&mut store, Action::TextComplete).is_empty());
    assert_eq!(typed(&store), "2026");
}

#[test]
fn the_answer_fills_the_field_and_lists_the_choices_until_typing_goes_on() {
    let mut store = store_asking(attach_prompt("~/Do"));
    update(&mut store, matches("~/Do", "~/Do", &["Documents/", "Downloads/"]));
    let paths = store.prompt.as_ref().and_then(|p| p.paths.as_ref()).unwrap();
    assert_eq!((paths.choices.len(), paths.found, paths.answered), (2, 2, true));

    update(&mut store, Action::TextInput('c'));
    update(&mut store, matches("~/Doc", "~/Documents/", &[]));
    assert_eq!(typed(&store), "~/Documents/");
    update(&mut store, Action::TextInput('r'));
    let paths = store.prompt.as_ref().and_then(|p| p.paths.as_ref()).unwrap();
    assert!(!paths.answered && paths.choices.is_empty(), "typing clears the last choices");
}

#[test]
fn an_answer_for_text_typed_over_since_is_dropped() {
    let mut store = store_asking(attach_prompt("~/Do"));
    update(&mut store, Action::TextComplete);
    update(&mut store, Action::TextBackspace);
    update(&mut store, matches("~/Do", "~/Documents/", &[]));
    assert_eq!(typed(&store), "~/D");
    store.prompt = None;
    assert!(update(&mut store, matches("~/D", "~/Documents/", &[])).is_empty(), "no prompt, nothing to fill");
}

#[test]
fn nothing_matching_is_said_and_the_text_stays() {
    let mut store = store_asking(attach_prompt("~/zzz"));
    update(&mut store, matches("~/zzz", "~/zzz", &[]));
    let prompt = store.prompt.as_ref().unwrap();
    assert!(matches!(&prompt.kind, PromptKind::Text { text } if text == "~/zzz"));
    let paths = prompt.paths.as_ref().unwrap();
    assert_eq!((paths.found, paths.answered), (0, true));
}
