//! Snapshots of the mail pane's organising screens on a fixed-size TestBackend with fixed data
//! and a pinned zone: marked rows (mark column, "N selected"), the folder picker filtered by
//! typing, a server search's results with their title, and a local search as it is typed.
use crate::screen;

use screen::draw;

use chrono::{TimeZone, Utc};
use o365::domain::{Mailbox, MessageSummary};
use o365::tui::action::Action;
use o365::tui::action::mail_ops::MailOp;
use o365::tui::effect::Effect;
use o365::tui::effect::mail_ops::MailOpsEffect;
use o365::tui::fixtures::{MailData, folder, load_mail, type_text};
use o365::tui::msg::mail_ops::MailOpsMsg;
use o365::tui::msg::{FolderRow, MessagePage, Msg};
use o365::tui::store::Store;
use o365::tui::update::update;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// The generation of the search listing among `effects`.
fn listing(effects: &[Effect]) -> u64 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::MailOps(MailOpsEffect::List { generation, .. }) => Some(*generation),
            _ => None,
        })
        .expect("a listing was ordered")
}

fn folders() -> Vec<FolderRow> {
    vec![
        folder("inbox", "Inbox", 0, 3, 6),
        folder("projects", "Projects", 1, 0, 2),
        folder("falcon", "Falcon \u{1b}[31mlaunch", 2, 1, 1),
        folder("receipts", "Receipts", 1, 0, 0),
        folder("archive", "Archive", 0, 0, 40),
        folder("sent", "Sent Items", 0, 0, 12),
    ]
}

fn messages() -> Vec<MessageSummary> {
    let subjects =
        ["Q3 numbers", "Lunch on Friday?", "Falcon launch plan", "Invoice 2026-031", "Team offsite", "Re: Q3 numbers"];
    subjects
        .iter()
        .enumerate()
        .map(|(i, subject)| MessageSummary {
            id: format!("m{i}"),
            subject: (*subject).into(),
            from: Some(Mailbox { name: format!("Sender {i}"), address: format!("s{i}@contoso.test") }),
            received: Some(Utc.with_ymd_and_hms(2026, 3, 10 - i as u32, 9 + i as u32, 0, 0).unwrap()),
            is_read: i % 2 == 1,
            is_flagged: i == 2,
            has_attachments: i == 3,
            ..Default::default()
        })
        .collect()
}

/// Folders and the inbox loaded, the list focused.
fn loaded(width: u16, height: u16) -> Store {
    let mut store = Store::new("adele@contoso.test", ZONE, width, height);
    load_mail(&mut store, MailData { folders: folders(), messages: messages(), ..MailData::default() });
    update(&mut store, Action::FocusNext);
    store
}

#[test]
fn marked_rows_show_a_mark_column_and_the_count() {
    let mut store = loaded(100, 12);
    update(&mut store, Action::Mail(MailOp::ToggleMark));
    update(&mut store, Action::Down);
    update(&mut store, Action::Mail(MailOp::ToggleMark));
    update(&mut store, Action::Mail(MailOp::ToggleMark));
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Inbox · 6 of 6 · 3 selected"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_folder_picker_filters_as_one_types() {
    let mut store = loaded(100, 16);
    update(&mut store, Action::Mail(MailOp::ToggleMark));
    update(&mut store, Action::Mail(MailOp::ToggleMark));
    update(&mut store, Action::Mail(MailOp::Move));
    update(&mut store, Action::TextInput('c'));
    update(&mut store, Action::Down);
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Move 2 messages to") && !screen.contains("[31m"), "{screen}");
    let picker = store.mail.ops.picker.as_ref().unwrap();
    let shown: Vec<&str> = picker.matches.iter().map(|&i| picker.items[i].label.as_str()).collect();
    assert_eq!(shown, ["Projects", "Falcon \u{1b}[31mlaunch", "Receipts", "Archive"], "Sent Items has no c");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn search_results_replace_the_list_with_a_title_saying_so() {
    let mut store = loaded(100, 12);
    update(&mut store, Action::Mail(MailOp::Search));
    type_text(&mut store, "q3 \"numbers\"");
    let generation = listing(&update(&mut store, Action::TextSubmit));
    let items = vec![messages().remove(0), messages().remove(5)];
    update(
        &mut store,
        Msg::MailOps(MailOpsMsg::Listed { generation, result: Ok(MessagePage { items, next_link: None }) }),
    );
    let terminal = draw(&store);
    assert!(terminal.backend().to_string().contains("Search \"q3 \"numbers\"\" in Inbox · 2"));
    insta::assert_snapshot!(terminal.backend());
}

/// The local search (issue 10) while typing: the prompt says it searches the local cache as
/// one types and how to switch; the list shows the cache's answer for the text so far.
#[test]
fn a_local_search_shows_its_results_under_the_prompt_as_one_types() {
    let mut store = loaded(100, 12);
    store.sync.cached = true;
    update(&mut store, Action::Mail(MailOp::Search));
    update(&mut store, Action::TextComplete);
    let mut generation = None;
    for c in "q3 n".chars() {
        generation = update(&mut store, Action::TextInput(c)).iter().find_map(|e| match e {
            Effect::SearchCache { generation, .. } => Some(*generation),
            _ => None,
        });
    }
    let items = vec![messages().remove(0), messages().remove(5)];
    let generation = generation.expect("each keystroke searches the cache");
    update(
        &mut store,
        Msg::MailOps(MailOpsMsg::Listed { generation, result: Ok(MessagePage { items, next_link: None }) }),
    );
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Local search \"q3 n\" in Inbox · 2"), "{screen}");
    assert!(screen.contains("in the local cache, as you type"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}
