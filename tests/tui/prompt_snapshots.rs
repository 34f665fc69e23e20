//! Snapshots of the prompt overlay completing a path: the choices Tab found under the field
//! (a crowded folder ends in "… N more", a name with a terminal escape drawn harmless), and
//! "Nothing matches".
use crate::screen;

use screen::draw;

use o365::tui::action::Action;
use o365::tui::msg::Msg;
use o365::tui::store::Store;
use o365::tui::store::compose::ComposePrompt;
use o365::tui::store::prompt::{PathMatches, Prompt, Purpose};
use o365::tui::update::update;

fn asking(typed: &str) -> Store {
    let mut store = Store::new("adele@contoso.example", chrono_tz::Tz::UTC, 90, 20);
    store.prompt = Some(Prompt::path("Attach a file (path)", typed, Purpose::Compose(ComposePrompt::AttachPath)));
    store
}

#[test]
fn choices_fill_four_rows_and_say_how_many_more() {
    let mut store = asking("~/Documents/r");
    let mut choices: Vec<String> = (1..=40).map(|i| format!("report-{i:02}.pdf")).collect();
    choices.insert(0, "reports/".into());
    choices.insert(1, "r\u{1b}]52;c;aGk=\u{7}isky.txt".into());
    let found = choices.len();
    update(
        &mut store,
        Msg::PathCompleted(PathMatches {
            typed: "~/Documents/r".into(),
            completed: "~/Documents/r".into(),
            choices,
            found,
        }),
    );
    let screen = draw(&store).backend().to_string();
    assert!(!screen.contains('\u{1b}'));
    insta::assert_snapshot!(screen);
}

#[test]
fn nothing_matching_is_said_under_the_field() {
    let mut store = asking("~/zzz");
    let nothing = PathMatches { typed: "~/zzz".into(), completed: "~/zzz".into(), choices: Vec::new(), found: 0 };
    update(&mut store, Msg::PathCompleted(nothing));
    let screen = draw(&store).backend().to_string();
    assert!(screen.contains("Nothing matches"), "{screen}");
    update(&mut store, Action::TextBackspace);
    assert!(!draw(&store).backend().to_string().contains("Nothing matches"));
}
