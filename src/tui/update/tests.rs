//! `update` fed with action and message sequences: navigation, paging, stale results,
//! failures, filtering and the reader.
use chrono_tz::Tz;

use super::update;
use crate::domain::{Body, Mailbox, Message, MessageSummary};
use crate::tui::action::Action;
use crate::tui::effect::{Effect, LoadKey, Slot};
use crate::tui::fixtures::{MailData, folder, load_generation, load_mail};
use crate::tui::loadable::{Loadable, MoreState};
use crate::tui::msg::{FullMessage, MessagePage, Msg};
use crate::tui::store::{MailFocus, Store};

fn summaries(range: std::ops::Range<usize>) -> Vec<MessageSummary> {
    range
        .map(|i| MessageSummary {
            id: format!("m{i}"),
            subject: format!("Subject {i}"),
            from: Some(Mailbox { name: format!("Sender {}", i % 3), address: format!("s{}@x.test", i % 3) }),
            ..Default::default()
        })
        .collect()
}

/// A store with three folders, the inbox open and its first page (0..100 of 250) loaded.
fn loaded_store() -> Store {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 120, 30);
    let folders = vec![
        folder("f-in", "Inbox", 0, 0, 250),
        folder("f-pr", "Projects", 1, 0, 3),
        folder("f-sent", "Sent", 0, 0, 0),
    ];
    let next_link = Some("https://graph/next1".into());
    load_mail(&mut store, MailData { folders, messages: summaries(0..100), next_link, ..MailData::default() });
    store
}

#[test]
fn start_loads_folders_then_opens_the_inbox() {
    let store = loaded_store();
    assert_eq!(store.mail.open_folder.as_deref(), Some("f-in"));
    let page = store.mail.messages.ready().unwrap();
    assert_eq!((page.items.len(), page.total), (100, Some(250)));
    assert_eq!(store.mail.folder_cursor.selected, 0);
}

#[test]
fn cursor_moves_clamp_and_scroll_only_as_needed() {
    let mut store = loaded_store();
    update(&mut store, Action::FocusNext);
    assert_eq!(store.mail.focus, MailFocus::Messages);
    update(&mut store, Action::Up);
    assert_eq!(store.mail.message_cursor.selected, 0, "no move above the top");
    // 30 rows minus tab bar, status bar and borders: 26 visible rows.
    for _ in 0..30 {
        update(&mut store, Action::Down);
    }
    assert_eq!(store.mail.message_cursor.selected, 30);
    assert_eq!(store.mail.message_cursor.offset, 5, "selection kept on the last visible row");
    update(&mut store, Action::Top);
    assert_eq!((store.mail.message_cursor.selected, store.mail.message_cursor.offset), (0, 0));
}

#[test]
fn nearing_the_end_loads_the_next_page_once_and_appends_it() {
    let mut store = loaded_store();
    update(&mut store, Action::FocusNext);
    let effects = update(&mut store, Action::PageDown);
    assert!(effects.is_empty(), "row 26 of 100 is not near the end: {effects:?}");
    let effects = update(&mut store, Action::Bottom);
    let generation = load_generation(
        &effects,
        |k| matches!(k, LoadKey::MoreMessages { folder_id, next_link, to_end: true } if folder_id == "f-in" && next_link == "https://graph/next1"),
    );
    assert!(update(&mut store, Action::Up).is_empty(), "one page at a time");
    let page = MessagePage { items: summaries(100..200), next_link: None };
    let effects = update(&mut store, Msg::MoreMessages { generation, result: Ok(page) });
    assert!(effects.is_empty(), "no next link, nothing more to load: {effects:?}");
    let page = store.mail.messages.ready().unwrap();
    assert_eq!(page.items.len(), 200);
    assert_eq!(page.items[150].id, "m150");
    assert_eq!(page.more, MoreState::Idle);
    assert!(update(&mut store, Action::Bottom).is_empty());
    assert_eq!(store.mail.message_cursor.selected, 199);
}

#[test]
fn switching_folders_fast_drops_stale_results() {
    let mut store = loaded_store();
    let first = update(&mut store, Action::Down);
    assert!(first.contains(&Effect::Cancel(Slot::MessagePage)));
    let stale = load_generation(&first, |k| matches!(k, LoadKey::Messages { folder_id } if folder_id == "f-pr"));
    let second = update(&mut store, Action::Down);
    let current = load_generation(&second, |k| matches!(k, LoadKey::Messages { folder_id } if folder_id == "f-sent"));
    assert_ne!(stale, current);
    let page = MessagePage { items: summaries(0..3), next_link: None };
    update(&mut store, Msg::Messages { generation: stale, result: Ok(page) });
    assert!(store.mail.messages.is_loading(), "the Projects page arrived late and was dropped");
    update(
        &mut store,
        Msg::Messages { generation: current, result: Ok(MessagePage { items: vec![], next_link: None }) },
    );
    assert_eq!(store.mail.messages.ready().map(|p| p.items.len()), Some(0));
    assert_eq!(store.mail.open_folder.as_deref(), Some("f-sent"));
}

#[test]
fn failures_keep_the_reason_and_retry_key_and_r_retries() {
    let mut store = loaded_store();
    let effects = update(&mut store, Action::Down);
    let generation = load_generation(&effects, |_| true);
    update(&mut store, Msg::Messages { generation, result: Err("ErrorAccessDenied (HTTP 403)".into()) });
    let retry = LoadKey::Messages { folder_id: "f-pr".into() };
    assert_eq!(
        store.mail.messages,
        Loadable::Failed { reason: "ErrorAccessDenied (HTTP 403)".into(), retry: retry.clone() }
    );
    let notice = store.notice.clone().unwrap();
    assert!(notice.is_error && notice.text.contains("ErrorAccessDenied"), "{notice:?}");
    update(&mut store, Action::FocusNext);
    let effects = update(&mut store, Action::Refresh);
    let again = load_generation(&effects, |k| *k == retry);
    assert!(again > generation);
    assert!(store.mail.messages.is_loading());
}

/// Issue 14: the worker follows a failure caused by `o365 logout` in another process with
/// `Msg::SignedOut`; the status bar then says so plainly, and keeps saying it.
#[test]
fn a_sign_out_in_another_process_is_said_plainly_and_stays() {
    let mut store = loaded_store();
    let effects = update(&mut store, Action::Down);
    let generation = load_generation(&effects, |_| true);
    let reason = "signed out in another o365 process: run `o365 login`";
    update(&mut store, Msg::Messages { generation, result: Err(reason.into()) });
    assert!(update(&mut store, Msg::SignedOut).is_empty());
    let notice = store.notice.clone().unwrap();
    assert_eq!(notice.text, super::SIGNED_OUT_NOTICE);
    assert!(notice.is_error && notice.until_ms.is_none(), "{notice:?}");
    assert!(notice.text.contains("Signed out in another o365 process") && notice.text.contains("o365 login"));
    update(&mut store, Action::Tick { now_ms: 60_000 });
    assert_eq!(store.notice, Some(notice), "an error notice does not time out");
    assert!(matches!(&store.mail.messages, Loadable::Failed { reason: r, .. } if r == reason));
}

/// Issue 14: a throttled request's wait is said in the status bar while it lasts, and does not
/// hide an error already there.
#[test]
fn a_throttling_wait_is_said_in_the_status_bar_while_it_lasts() {
    let mut store = loaded_store();
    assert!(update(&mut store, Msg::Throttled(std::time::Duration::from_secs(100))).is_empty());
    let notice = store.notice.clone().unwrap();
    assert_eq!(notice.text, "Throttled by the service, retrying in 100 s");
    assert!(!notice.is_error);
    update(&mut store, Action::Tick { now_ms: 99_000 });
    assert_eq!(store.notice.as_ref().map(|n| n.text.as_str()), Some(notice.text.as_str()));
    update(&mut store, Action::Tick { now_ms: 100_000 });
    assert_eq!(store.notice, None, "gone once the wait is over");
    update(&mut store, Msg::SignedOut);
    update(&mut store, Msg::Throttled(std::time::Duration::from_secs(2)));
    assert_eq!(store.notice.unwrap().text, super::SIGNED_OUT_NOTICE);
}

#[test]
fn scrolling_near_the_end_asks_for_a_screens_worth_and_g_for_the_largest_page() {
    let mut store = loaded_store();
    update(&mut store, Action::FocusNext);
    let effects = (0..20).map(|_| update(&mut store, Action::PageDown)).find(|e| !e.is_empty()).unwrap();
    load_generation(&effects, |k| matches!(k, LoadKey::MoreMessages { to_end: false, .. }));
}

#[test]
fn a_failed_next_page_is_shown_and_retried_by_refresh() {
    let mut store = loaded_store();
    update(&mut store, Action::FocusNext);
    let generation = load_generation(&update(&mut store, Action::Bottom), |_| true);
    update(&mut store, Msg::MoreMessages { generation, result: Err("timed out".into()) });
    let page = store.mail.messages.ready().unwrap();
    assert_eq!(page.more, MoreState::Failed { reason: "timed out".into() });
    assert_eq!(page.items.len(), 100, "what was loaded stays");
    assert!(update(&mut store, Action::Up).is_empty(), "no automatic retry loop");
    let effects = update(&mut store, Action::Refresh);
    load_generation(
        &effects,
        |k| matches!(k, LoadKey::MoreMessages { next_link, .. } if next_link == "https://graph/next1"),
    );
}

#[test]
fn filter_narrows_the_list_and_escape_restores_the_selection() {
    let mut store = loaded_store();
    update(&mut store, Action::StartFilter);
    for c in "subject 7".chars() {
        update(&mut store, Action::TextInput(c));
    }
    // "Subject 7" and "Subject 70" to "Subject 79".
    assert_eq!(store.mail.visible_len(), 11);
    update(&mut store, Action::TextSubmit);
    update(&mut store, Action::Down);
    assert_eq!(store.mail.visible_message(1).unwrap().id, "m70");
    assert_eq!(store.mail.message_cursor.selected, 1);
    update(&mut store, Action::Back);
    assert_eq!(store.mail.visible_len(), 100);
    assert_eq!(store.mail.message_cursor.selected, 70, "still on m70");
}

#[test]
fn opening_a_message_loads_it_and_drops_an_older_answer() {
    let mut store = loaded_store();
    update(&mut store, Action::FocusNext);
    let first = load_generation(&update(&mut store, Action::Open), |k| *k == LoadKey::Message { id: "m0".into() });
    assert_eq!(store.mail.focus, MailFocus::Reader);
    update(&mut store, Action::Back);
    update(&mut store, Action::Down);
    let second = load_generation(&update(&mut store, Action::Open), |k| *k == LoadKey::Message { id: "m1".into() });
    let full = |id: &str| {
        let summary = MessageSummary { id: id.into(), subject: format!("About {id}"), ..Default::default() };
        let message = Message {
            summary,
            body: Body::Html("<p>Hi <a href=\"https://x.test/\">there</a></p>".into()),
            ..Default::default()
        };
        Box::new(FullMessage { message, attachments: vec![] })
    };
    update(&mut store, Msg::Message { generation: first, result: Ok(full("m0")) });
    assert!(store.mail.reader.is_loading(), "the answer for m0 came after m1 was asked for");
    update(&mut store, Msg::Message { generation: second, result: Ok(full("m1")) });
    let doc = store.mail.reader.ready().unwrap();
    assert!(doc.headers.contains(&("Subject:", "About m1".into())));
    assert!(doc.body.iter().any(|l| l.contains("https://x.test/")), "{:?}", doc.body);
}

#[test]
fn help_overlay_swallows_keys_until_closed() {
    let mut store = loaded_store();
    update(&mut store, Action::ToggleHelp);
    assert!(update(&mut store, Action::Down).is_empty());
    assert_eq!(store.mail.folder_cursor.selected, 0);
    update(&mut store, Action::Back);
    assert!(!store.help_open);
    update(&mut store, Action::Quit);
    assert!(store.quit);
}

#[test]
fn clicks_focus_select_and_then_open() {
    let mut store = loaded_store();
    // 120 columns: folders 0..26, list 26..63, reader beyond; the list's rows start at y = 2.
    assert!(update(&mut store, Action::Click { column: 30, row: 5 }).is_empty());
    assert_eq!(store.mail.focus, MailFocus::Messages);
    assert_eq!(store.mail.message_cursor.selected, 3);
    let effects = update(&mut store, Action::Click { column: 30, row: 5 });
    load_generation(&effects, |k| *k == LoadKey::Message { id: "m3".into() });
    let effects = update(&mut store, Action::Click { column: 3, row: 3 });
    load_generation(&effects, |k| matches!(k, LoadKey::Messages { folder_id } if folder_id == "f-pr"));
    assert_eq!(store.mail.focus, MailFocus::Folders);
    assert!(update(&mut store, Action::Click { column: 3, row: 20 }).is_empty(), "below the last folder");
    assert_eq!(store.mail.folder_cursor.selected, 1);
}
