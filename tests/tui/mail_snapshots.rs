//! Snapshots of the mail pane drawn on a fixed-size TestBackend with fixed data and a pinned
//! zone: loaded (three columns, a message open), loading, failed, empty, narrow, help.
use crate::screen;

use screen::draw;

use chrono::{TimeZone, Utc};
use o365::domain::{AttachmentInfo, AttachmentKind, Body, Mailbox, Message, MessageSummary};
use o365::tui::action::Action;
use o365::tui::effect::LoadKey;
use o365::tui::fixtures::{MailData, folder, load_generation, load_mail};
use o365::tui::msg::{FolderRow, FullMessage, MessagePage, Msg};
use o365::tui::store::Store;
use o365::tui::update::update;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

fn folders() -> Vec<FolderRow> {
    vec![
        folder("inbox", "Inbox", 0, 2, 4),
        folder("projects", "Projects", 1, 0, 0),
        folder("falcon", "Falcon \u{1b}[31mlaunch", 2, 1, 1),
        folder("sent", "Sent Items", 0, 0, 12),
    ]
}

fn messages() -> Vec<MessageSummary> {
    let at = |d, h, m| Some(Utc.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap());
    let from = |name: &str, address: &str| Some(Mailbox { name: name.into(), address: address.into() });
    vec![
        MessageSummary {
            id: "m1".into(),
            subject: "Q3 numbers \u{1b}]0;pwned\u{7}for review".into(),
            from: from("Adele Vance", "adele@contoso.test"),
            received: at(10, 12, 5),
            has_attachments: true,
            ..Default::default()
        },
        MessageSummary {
            id: "m2".into(),
            subject: "Lunch 🍜 on Friday?".into(),
            from: from("", "megan@contoso.test"),
            received: at(9, 23, 30),
            is_read: true,
            is_flagged: true,
            ..Default::default()
        },
        MessageSummary {
            id: "m3".into(),
            subject: "日本語の件名 and a very long subject line that has to be cut somewhere".into(),
            from: from("Nestor Wilke", "nestor@contoso.test"),
            received: at(1, 8, 0),
            is_read: true,
            ..Default::default()
        },
    ]
}

/// Folders loaded; the inbox's first page loaded (3 of 4, more to come).
fn loaded(width: u16, height: u16) -> Store {
    let mut store = Store::new("adele@contoso.test", ZONE, width, height);
    // The pinned day the list dates are told against (the time today, the day this year).
    store.calendar.today = chrono::NaiveDate::from_ymd_opt(2026, 3, 10);
    let next_link = Some("https://graph.test/next".into());
    load_mail(&mut store, MailData { folders: folders(), messages: messages(), next_link, ..MailData::default() });
    store
}

fn open_first_message(store: &mut Store) {
    update(store, Action::FocusNext);
    let generation = load_generation(&update(store, Action::Open), |k| matches!(k, LoadKey::Message { .. }));
    let summary = messages().remove(0);
    let message = Message {
        summary,
        to: vec![Mailbox { name: "Me".into(), address: "me@contoso.test".into() }],
        body: Body::Html(
            "<p>Hi,</p><p>The numbers are in the <a href=\"https://contoso.sharepoint.test/q3\">Q3 sheet</a>.\u{1b}[2J</p>"
                .into(),
        ),
        ..Default::default()
    };
    let attachments = vec![AttachmentInfo {
        id: "a1".into(),
        name: "q3.xlsx".into(),
        content_type: None,
        size: 2048,
        inline: false,
        kind: AttachmentKind::File,
    }];
    let full = Box::new(FullMessage { message, attachments });
    update(store, Msg::Message { generation, result: Ok(full) });
}

#[test]
fn mail_loaded_three_columns_with_a_message_open() {
    let mut store = loaded(130, 20);
    open_first_message(&mut store);
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(!screen.contains('\u{1b}') && !screen.contains("pwned") && !screen.contains("[31m"), "{screen}");
    assert!(!screen.contains("[2J"), "escape sequence in the body left no trace: {screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn mail_loading() {
    let mut store = Store::new("adele@contoso.test", ZONE, 100, 12);
    update(&mut store, Action::Start);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn mail_failed() {
    let mut store = Store::new("adele@contoso.test", ZONE, 100, 12);
    let effects = update(&mut store, Action::Start);
    let generation = load_generation(&effects, |k| *k == LoadKey::Folders);
    let effects = update(&mut store, Msg::Folders { generation, result: Ok(folders()) });
    let generation = load_generation(&effects, |k| matches!(k, LoadKey::Messages { .. }));
    let reason = "ErrorAccessDenied (HTTP 403): Access is denied.".to_owned();
    update(&mut store, Msg::Messages { generation, result: Err(reason.into()) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn mail_empty_folder() {
    let mut store = loaded(100, 12);
    let effects = update(&mut store, Action::Bottom);
    let generation = load_generation(&effects, |k| matches!(k, LoadKey::Messages { folder_id } if folder_id == "sent"));
    update(&mut store, Msg::Messages { generation, result: Ok(MessagePage { items: vec![], next_link: None }) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn mail_narrow_shows_one_column() {
    let mut store = loaded(60, 12);
    update(&mut store, Action::FocusNext);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn help_overlay_lists_the_bindings() {
    let mut store = loaded(100, 34);
    update(&mut store, Action::ToggleHelp);
    let terminal = draw(&store);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Filter the message list"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn help_too_tall_for_the_screen_flows_into_two_columns_and_shows_every_binding() {
    let mut store = loaded(140, 40);
    update(&mut store, Action::ToggleHelp);
    // Two columns side by side, then PageDown for what is still below (issue 13: the help
    // scrolls); every page together shows every binding.
    let mut pages = vec![draw(&store).backend().to_string()];
    assert!(pages[0].contains("│Everywhere") && pages[0].matches("Quick filter").count() > 0);
    loop {
        update(&mut store, Action::PageDown);
        let page = draw(&store).backend().to_string();
        if Some(&page) == pages.last() {
            break;
        }
        pages.push(page);
    }
    let screen = pages.join("\n");
    let keymap = o365::tui::keymap::Keymap::load(None).unwrap();
    use o365::tui::keymap::Context;
    for binding in keymap.of(Context::Global).chain(keymap.of(Context::Mail)) {
        // Long descriptions may be cut at the column's edge; their start is always there.
        let start: String = binding.description.chars().take(24).collect();
        assert!(screen.contains(&start), "`{}` is missing from the help:\n{screen}", binding.action_name);
    }
}

#[test]
fn a_hundred_thousand_messages_draw_only_the_rows_in_view() {
    let mut store = Store::new("adele@contoso.test", ZONE, 100, 12);
    let messages: Vec<MessageSummary> = (0..100_000)
        .map(|i| MessageSummary { id: format!("m{i}"), subject: format!("Subject {i}"), ..Default::default() })
        .collect();
    load_mail(&mut store, MailData { folders: folders(), messages, ..MailData::default() });
    update(&mut store, Action::FocusNext);
    update(&mut store, Action::Bottom);
    assert_eq!(store.mail.message_cursor.selected, 99_999);
    // 12 rows: tab bar, status bar and two borders leave 8 list rows, the last eight messages.
    assert_eq!(store.mail.message_cursor.offset, 99_992);
    let screen = draw(&store).backend().to_string();
    assert!(screen.contains("Subject 99999") && screen.contains("Subject 99992"), "{screen}");
    assert!(!screen.contains("Subject 99991 "), "{screen}");
    assert!(screen.contains("Inbox · 100000 of 4"), "loaded and total counts in the title: {screen}");
}
