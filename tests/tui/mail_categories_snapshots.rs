//! Snapshots of categories in the mail pane on a fixed-size TestBackend with fixed data and a
//! pinned zone: squares before the subjects of categorised rows and the reader's
//! "Categories:" header (a hostile name drawn harmless), the `#` picker with its every / some /
//! none marks, and the title of combined quick filters.
use crate::screen;

use chrono::{TimeZone, Utc};
use o365::domain::{Mailbox, Message, MessageSummary};
use o365::tui::action::Action;
use o365::tui::action::mail_ops::MailOp;
use o365::tui::effect::mail_ops::MailOpsEffect;
use o365::tui::effect::{Effect, LoadKey};
use o365::tui::fixtures::{MailData, folder, load_generation, load_mail, type_text};
use o365::tui::loadable::Loadable;
use o365::tui::msg::mail_ops::MailOpsMsg;
use o365::tui::msg::{FullMessage, MessagePage, Msg};
use o365::tui::store::Store;
use o365::tui::store::mail::ops::CategoryRow;
use o365::tui::update::update;
use screen::draw;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

fn messages() -> Vec<MessageSummary> {
    let categories: [&[&str]; 5] = [
        &["Red category"],
        &[],
        &["Blue category", "Travel", "Green category", "Red category"],
        &["Evil \u{1b}[31mred"],
        &[],
    ];
    let subjects = ["Q3 numbers", "Lunch on Friday?", "Falcon launch plan", "Invoice 2026-031", "Team offsite"];
    subjects
        .iter()
        .zip(categories)
        .enumerate()
        .map(|(i, (subject, categories))| MessageSummary {
            id: format!("m{i}"),
            subject: (*subject).into(),
            from: Some(Mailbox { name: format!("Sender {i}"), address: format!("s{i}@contoso.test") }),
            received: Some(Utc.with_ymd_and_hms(2026, 3, 10 - i as u32, 9 + i as u32, 0, 0).unwrap()),
            is_read: i % 2 == 1,
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            ..Default::default()
        })
        .collect()
}

/// The inbox loaded, the master list answered, the list focused.
fn loaded(width: u16, height: u16) -> Store {
    let mut store = Store::new("adele@contoso.test", ZONE, width, height);
    let row = |name: &str, preset| CategoryRow { name: name.into(), preset: Some(preset) };
    let categories =
        vec![row("Red category", 0), row("Green category", 4), row("Blue category", 7), row("Purple category", 8)];
    let folders = vec![folder("inbox", "Inbox", 0, 3, 5)];
    load_mail(&mut store, MailData { folders, messages: messages(), next_link: None, categories: Some(categories) });
    update(&mut store, Action::FocusNext);
    store
}

#[test]
fn categorised_rows_have_squares_and_the_reader_lists_the_categories() {
    let mut store = loaded(130, 14);
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    let generation = load_generation(&update(&mut store, Action::Open), |k| matches!(k, LoadKey::Message { .. }));
    let summary = messages().remove(2);
    let message = Message { categories: summary.categories.clone(), summary, ..Default::default() };
    update(&mut store, Msg::Message { generation, result: Ok(Box::new(FullMessage { message, attachments: vec![] })) });
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("■ Q3 numbers"), "one square for one category: {screen}");
    assert!(screen.contains("■■■ Falcon"), "three squares at most: {screen}");
    assert!(screen.contains("Categories: ■ Blue category, ■ Travel, ■ Green"), "{screen}");
    assert!(!screen.contains('\u{1b}') && !screen.contains("[31m"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_categories_picker_marks_what_every_or_some_messages_have() {
    let mut store = loaded(100, 16);
    // m0 (Red) and m2 (Blue, Travel, Green, Red).
    update(&mut store, Action::Mail(MailOp::ToggleMark));
    update(&mut store, Action::Down);
    update(&mut store, Action::Mail(MailOp::ToggleMark));
    assert!(update(&mut store, Action::Mail(MailOp::Categorize)).is_empty());
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Categories of 2 messages"), "{screen}");
    assert!(screen.contains("[x] ■ Red category"), "both have it: {screen}");
    assert!(screen.contains("[-] ■ Blue category") && screen.contains("[ ] ■ Purple category"), "{screen}");
    assert!(screen.contains("[-] Travel"), "a name the master list lacks has no colour: {screen}");
    assert!(screen.contains("Enter toggles"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn combined_quick_filters_say_so_in_the_title() {
    let mut store = loaded(110, 8);
    store.calendar.today = Some(chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
    update(&mut store, Action::Mail(MailOp::UnreadOnly));
    assert!(matches!(store.mail.messages, Loadable::Loading { .. }));
    update(&mut store, Action::Mail(MailOp::ReceivedSince));
    type_text(&mut store, "2026-03-01..today");
    let effects = update(&mut store, Action::TextSubmit);
    let generation = effects
        .iter()
        .find_map(|e| match e {
            Effect::MailOps(MailOpsEffect::List { generation, .. }) => Some(*generation),
            _ => None,
        })
        .expect("a list");
    let items = vec![messages().remove(0)];
    update(
        &mut store,
        Msg::MailOps(MailOpsMsg::Listed { generation, result: Ok(MessagePage { items, next_link: None }) }),
    );
    let terminal = draw(&store);
    assert!(
        terminal.backend().to_string().contains("Inbox · unread, received 2026-03-01 – 2026-03-10 only · 1"),
        "{}",
        terminal.backend()
    );
    insta::assert_snapshot!(terminal.backend());
}
