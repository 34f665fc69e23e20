//! The mail pane's daily use through `update` (issue 13): an opened message marked read after
//! its delay, `G` to the end of the folder, the reader on the selected message only and `J`/`K`
//! from it, threads, the background refresh merging new mail in, links, distinguished folders.
use chrono::{TimeZone, Utc};
use chrono_tz::Tz;

use crate::domain::{Body, Folder, Mailbox, Message, MessageSummary, WellKnown};
use crate::tui::action::Action;
use crate::tui::action::mail_ops::MailOp;
use crate::tui::effect::mail_ops::MailOpsEffect;
use crate::tui::effect::{Effect, LoadKey};
use crate::tui::loadable::{Generation, Loadable};
use crate::tui::msg::{FolderRow, FullMessage, MessagePage, Msg};
use crate::tui::store::mail::live::MailSettings;
use crate::tui::store::mail::ops::{MessageChange, PickFor};
use crate::tui::store::{MailFocus, Store};
use crate::tui::update::update;

fn folder(id: &str, name: &str, depth: usize, unread: u64, total: u64, well_known: Option<WellKnown>) -> FolderRow {
    let folder = Folder {
        id: id.into(),
        name: name.into(),
        unread_count: unread,
        total_count: total,
        well_known,
        ..Default::default()
    };
    FolderRow { folder, depth }
}

/// Message `i`, unread when `i` is even, received `i` hours before the anchor (newest first).
fn message(i: usize) -> MessageSummary {
    MessageSummary {
        id: format!("m{i}"),
        subject: format!("Subject {i}"),
        from: Some(Mailbox { name: format!("Sender {i}"), address: format!("s{i}@x.test") }),
        received: Some(Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap() - chrono::TimeDelta::hours(i as i64)),
        is_read: i % 2 == 1,
        folder_id: Some("f-in".into()),
        conversation_id: Some(format!("c{}", i / 3)),
        ..Default::default()
    }
}

fn generation_of(effects: &[Effect], wanted: impl Fn(&LoadKey) -> bool) -> Generation {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Load { generation, key } if wanted(key) => Some(*generation),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no such load in {effects:?}"))
}

/// Folders loaded (Inbox 50 unread of 250, Projects, Sent Items), the inbox's first 100
/// messages, the list focused.
fn store_with(settings: MailSettings) -> Store {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 40);
    store.mail.settings = settings;
    let effects = update(&mut store, Action::Start);
    let generation = generation_of(&effects, |k| *k == LoadKey::Folders);
    let rows = vec![
        folder("f-in", "Inbox", 0, 50, 250, Some(WellKnown::Inbox)),
        folder("f-pr", "Projects", 1, 1, 7, None),
        folder("f-pr2", "Archive 2025", 2, 0, 5, None),
        folder("f-sent", "Sent Items", 0, 0, 12, Some(WellKnown::SentItems)),
    ];
    let effects = update(&mut store, Msg::Folders { generation, result: Ok(rows) });
    let generation = generation_of(&effects, |k| matches!(k, LoadKey::Messages { .. }));
    let page = MessagePage { items: (0..100).map(message).collect(), next_link: Some("https://graph/next1".into()) };
    update(&mut store, Msg::Messages { generation, result: Ok(page) });
    update(&mut store, Action::FocusNext);
    store
}

fn loaded() -> Store {
    store_with(MailSettings::default())
}

/// Opens the selected row and answers the reader's load.
fn open_selected(store: &mut Store) {
    let effects = update(store, Action::Open);
    let generation = generation_of(&effects, |k| matches!(k, LoadKey::Message { .. }));
    let summary = store.mail.selected_message().unwrap().clone();
    let body = Body::Html(
        "<p>See <a href=\"https://contoso.test/q3\">the sheet</a> or <a href=\"mailto:a@b.test\">write</a>; \
         not <a href=\"javascript:alert(1)\">this</a>.</p>"
            .into(),
    );
    let message = Message { summary, body, ..Default::default() };
    let full = Box::new(FullMessage { message, attachments: Vec::new() });
    update(store, Msg::Message { generation, result: Ok(full) });
}

fn read_change(effects: &[Effect]) -> Option<Vec<String>> {
    effects.iter().find_map(|e| match e {
        Effect::MailOps(MailOpsEffect::Change { ids, change: MessageChange::Read(true), .. }) => Some(ids.clone()),
        _ => None,
    })
}

fn inbox_unread(store: &Store) -> u64 {
    store.mail.folder_row("f-in").unwrap().folder.unread_count
}

#[test]
fn an_opened_message_is_marked_read_after_its_delay_and_the_unread_count_follows() {
    let mut store = loaded();
    open_selected(&mut store);
    assert_eq!(store.mail.open_message.as_deref(), Some("m0"));
    assert_eq!(store.next_deadline_ms(), Some(0), "the timer waits for the next tick to start");
    assert!(read_change(&update(&mut store, Action::Tick { now_ms: 5_000 })).is_none(), "started, not run out");
    assert_eq!(store.next_deadline_ms(), Some(6_000));
    assert!(read_change(&update(&mut store, Action::Tick { now_ms: 5_999 })).is_none());
    let effects = update(&mut store, Action::Tick { now_ms: 6_000 });
    assert_eq!(read_change(&effects), Some(vec!["m0".to_owned()]));
    assert!(store.mail.messages.ready().unwrap().items[0].is_read, "the row shows it read at once");
    assert_eq!(inbox_unread(&store), 49, "the folder's unread count follows");
    assert!(store.mail.reader.ready().unwrap().message.message.summary.is_read);
    assert!(read_change(&update(&mut store, Action::Tick { now_ms: 9_000 })).is_none(), "once");
}

#[test]
fn a_message_left_before_its_delay_stays_unread_and_the_option_switches_marking_off() {
    let mut store = loaded();
    open_selected(&mut store);
    update(&mut store, Action::Tick { now_ms: 0 });
    // `J` opens the next one (read already: no timer), then `J` again: m2, unread.
    update(&mut store, Action::Mail(MailOp::NextMessage));
    assert!(read_change(&update(&mut store, Action::Tick { now_ms: 1_000 })).is_none(), "m0 was left in time");
    assert!(!store.mail.messages.ready().unwrap().items[0].is_read);
    assert_eq!(inbox_unread(&store), 50);

    let mut off = store_with(MailSettings { mark_read_after_ms: None, ..MailSettings::default() });
    open_selected(&mut off);
    assert_eq!(off.mail.read_mark, None, "no timer runs");
    assert!(read_change(&update(&mut off, Action::Tick { now_ms: 50_000 })).is_none());
    let mut at_once = store_with(MailSettings { mark_read_after_ms: Some(0), ..MailSettings::default() });
    open_selected(&mut at_once);
    assert_eq!(read_change(&update(&mut at_once, Action::Tick { now_ms: 10 })), Some(vec!["m0".to_owned()]));
}

#[test]
fn bottom_goes_to_the_end_of_the_folder_loading_every_page_with_progress() {
    let mut store = loaded();
    let effects = update(&mut store, Action::Bottom);
    let mut generation = generation_of(&effects, |k| matches!(k, LoadKey::MoreMessages { .. }));
    for (page, next) in [(1, Some("https://graph/next2")), (2, None)] {
        let items = (page * 100..page * 100 + 100).map(message).collect();
        let answer = MessagePage { items, next_link: next.map(str::to_owned) };
        let effects = update(&mut store, Msg::MoreMessages { generation, result: Ok(answer) });
        let last = store.mail.visible_len() - 1;
        assert_eq!(store.mail.message_cursor.selected, last, "the cursor follows the end");
        match next {
            Some(link) => {
                generation = generation_of(
                    &effects,
                    |k| matches!(k, LoadKey::MoreMessages { next_link, .. } if next_link == link),
                );
                let notice = store.notice.clone().unwrap().text;
                assert_eq!(notice, "Going to the end… 200 of 250 loaded");
            }
            None => assert!(effects.is_empty(), "{effects:?}"),
        }
    }
    assert_eq!(store.mail.visible_len(), 300);
    assert_eq!(store.notice.clone().unwrap().text, "At the end: all 300 messages loaded");
    assert!(!store.mail.walking_to_end);
}

#[test]
fn a_next_page_shifted_by_new_mail_adds_only_the_messages_not_loaded() {
    let mut store = loaded();
    let effects = update(&mut store, Action::Bottom);
    let generation = generation_of(&effects, |k| matches!(k, LoadKey::MoreMessages { .. }));
    // Two messages arrived since the first page: the next `$skip` page starts two earlier.
    let items = (98..198).map(message).collect();
    let answer = MessagePage { items, next_link: None };
    update(&mut store, Msg::MoreMessages { generation, result: Ok(answer) });
    let ids: Vec<String> = store.mail.messages.ready().unwrap().items.iter().map(|m| m.id.clone()).collect();
    let expected: Vec<String> = (0..198).map(|i| format!("m{i}")).collect();
    assert_eq!(ids, expected, "m98 and m99 once each, then the rest in order");
}

#[test]
fn moving_the_cursor_while_going_to_the_end_stops_there() {
    let mut store = loaded();
    let generation = generation_of(&update(&mut store, Action::Bottom), |k| matches!(k, LoadKey::MoreMessages { .. }));
    update(&mut store, Action::Top);
    let answer = MessagePage { items: (100..200).map(message).collect(), next_link: Some("https://graph/n".into()) };
    let effects = update(&mut store, Msg::MoreMessages { generation, result: Ok(answer) });
    assert!(effects.is_empty(), "no further page: {effects:?}");
    assert_eq!(store.mail.message_cursor.selected, 0);
}

#[test]
fn the_reader_shows_the_selected_message_only_and_j_k_step_through_the_list() {
    let mut store = loaded();
    open_selected(&mut store);
    assert_eq!(store.mail.focus, MailFocus::Reader);
    // From the reader: the next message opens, the list's selection goes with it.
    let effects = update(&mut store, Action::Mail(MailOp::NextMessage));
    assert!(matches!(&effects[..], [Effect::Load { key: LoadKey::Message { id }, .. }] if id == "m1"), "{effects:?}");
    assert_eq!(store.mail.message_cursor.selected, 1);
    assert_eq!(store.mail.focus, MailFocus::Reader);
    let effects = update(&mut store, Action::Mail(MailOp::PrevMessage));
    assert!(matches!(&effects[..], [Effect::Load { key: LoadKey::Message { id }, .. }] if id == "m0"));
    // Marks made in the list do not steer the reader's keys: `u` acts on what it shows.
    store.mail.ops.marked.insert("m5".into());
    let effects = update(&mut store, Action::Mail(MailOp::ToggleRead));
    assert!(
        matches!(&effects[..], [Effect::MailOps(MailOpsEffect::Change { ids, .. })] if ids == &["m0".to_owned()]),
        "{effects:?}"
    );
    store.mail.ops.marked.clear();
    // Back in the list, moving the selection away empties the reader.
    update(&mut store, Action::Back);
    update(&mut store, Action::Down);
    assert_eq!(store.mail.open_message, None);
    assert!(matches!(store.mail.reader, Loadable::Idle));
}

#[test]
fn a_list_that_changes_under_the_reader_keeps_its_message_selected() {
    let mut store = loaded();
    for _ in 0..3 {
        update(&mut store, Action::Down);
    }
    open_selected(&mut store);
    assert_eq!(store.mail.open_message.as_deref(), Some("m3"));
    // The background refresh brings two new messages at the top.
    store.mail.refresh.page = Some(("f-in".into(), 999));
    let mut items: Vec<MessageSummary> = (0..100).map(message).collect();
    let newer = |n: usize| MessageSummary {
        id: format!("new{n}"),
        received: Some(Utc.with_ymd_and_hms(2026, 3, 10, 12, 30 + n as u32, 0).unwrap()),
        ..message(n)
    };
    items.insert(0, newer(1));
    items.insert(0, newer(2));
    items.truncate(100);
    update(
        &mut store,
        Msg::NewestMessages { generation: 999, result: Ok(MessagePage { items, next_link: Some("x".into()) }) },
    );
    let ids: Vec<String> = store.mail.messages.ready().unwrap().items[..3].iter().map(|m| m.id.clone()).collect();
    assert_eq!(ids, ["new2", "new1", "m0"], "new mail at the top");
    assert_eq!(store.mail.selected_message().unwrap().id, "m3", "the selection stayed on its message");
    assert_eq!(store.mail.open_message.as_deref(), Some("m3"), "the reader was not disturbed");
    assert_eq!(store.mail.visible_len(), 102, "nothing lost below the page");
}

#[test]
fn the_background_refresh_runs_on_its_interval_and_waits_for_changes_on_their_way() {
    let mut store = store_with(MailSettings { refresh_every_ms: Some(30_000), ..MailSettings::default() });
    assert!(update(&mut store, Action::Tick { now_ms: 100 }).is_empty(), "starts counting");
    let effects = update(&mut store, Action::Tick { now_ms: 30_100 });
    let folders = generation_of(&effects, |k| *k == LoadKey::RefreshFolders);
    let page = generation_of(&effects, |k| matches!(k, LoadKey::NewestMessages { folder_id } if folder_id == "f-in"));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Cancel(_))), "the user's loads are left alone");
    assert_eq!(store.next_deadline_ms(), Some(60_100));
    // Fresh counts: the inbox has one more unread; the highlight stays on the inbox.
    let mut rows: Vec<FolderRow> = store.mail.folders.ready().unwrap().clone();
    rows[0].folder.unread_count = 51;
    rows[0].folder.total_count = 251;
    // The refresh does not ask again which folders are the distinguished ones: they keep it.
    rows.iter_mut().for_each(|row| row.folder.well_known = None);
    update(&mut store, Msg::FoldersRefreshed { generation: folders, result: Ok(rows) });
    assert_eq!(inbox_unread(&store), 51);
    let sent = store.mail.folder_row("f-sent").unwrap();
    assert_eq!(sent.folder.well_known, Some(WellKnown::SentItems), "still protected after a refresh");
    assert_eq!(store.mail.messages.ready().unwrap().total, Some(251));
    // A change still on its way: the page is not merged (it could bring back a moved row).
    update(&mut store, Action::Mail(MailOp::Archive));
    let first = MessageSummary {
        id: "brand-new".into(),
        received: Some(Utc.with_ymd_and_hms(2026, 3, 10, 13, 0, 0).unwrap()),
        ..message(0)
    };
    let answer = MessagePage { items: vec![first], next_link: Some("x".into()) };
    update(&mut store, Msg::NewestMessages { generation: page, result: Ok(answer) });
    assert!(store.mail.messages.ready().unwrap().items.iter().all(|m| m.id != "brand-new"));
    let off = store_with(MailSettings { refresh_every_ms: None, ..MailSettings::default() });
    assert_eq!(off.next_deadline_ms(), None, "switched off: nothing wakes the loop");
}

#[test]
fn threads_gather_conversations_with_replies_indented_and_the_selection_stays() {
    let mut store = loaded();
    update(&mut store, Action::Down);
    assert_eq!(store.mail.selected_message().unwrap().id, "m1");
    update(&mut store, Action::Mail(MailOp::ToggleThreads));
    // Conversation c0 holds m0..m2: oldest first, the newer ones under it.
    let shown: Vec<(String, usize)> = (0..4)
        .map(|row| (store.mail.visible_message(row).unwrap().id.clone(), store.mail.visible_depth(row)))
        .collect();
    assert_eq!(shown, [("m2".into(), 0), ("m1".into(), 1), ("m0".into(), 1), ("m5".into(), 0)]);
    assert_eq!(store.mail.selected_message().unwrap().id, "m1", "still selected");
    // The `/` filter works on the threaded rows.
    update(&mut store, Action::StartFilter);
    for c in "subject 1".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let first = store.mail.visible_message(0).unwrap().id.clone();
    assert_eq!(first, "m1", "threaded order kept under the filter");
    update(&mut store, Action::Back);
    update(&mut store, Action::Mail(MailOp::ToggleThreads));
    assert_eq!(store.mail.visible_message(0).unwrap().id, "m0", "newest first again");
}

#[test]
fn links_are_listed_as_numbered_and_only_safe_schemes_are_opened() {
    let mut store = loaded();
    open_selected(&mut store);
    update(&mut store, Action::Mail(MailOp::ListLinks));
    let picker = store.mail.ops.picker.clone().expect("the links picker");
    assert_eq!(picker.purpose, PickFor::OpenLink);
    let labels: Vec<&str> = picker.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["[1] https://contoso.test/q3", "[2] mailto:a@b.test", "[3] javascript:alert(1)"]);
    let effects = update(&mut store, Action::TextSubmit);
    assert_eq!(effects, [Effect::MailOps(MailOpsEffect::OpenLink { url: "https://contoso.test/q3".into() })]);
    update(&mut store, Action::Mail(MailOp::ListLinks));
    update(&mut store, Action::Bottom);
    assert!(update(&mut store, Action::TextSubmit).is_empty(), "javascript: is never handed over");
    assert!(store.notice.clone().unwrap().is_error);
}

#[test]
fn distinguished_folders_are_never_offered_for_rename_or_deletion_and_d_deletes_no_folder() {
    let mut store = loaded();
    update(&mut store, Action::FocusPrev);
    assert_eq!(store.mail.selected_folder().unwrap().folder.id, "f-in");
    for op in [MailOp::DeleteFolder, MailOp::RenameFolder, MailOp::Delete] {
        update(&mut store, Action::Mail(op));
        assert!(store.prompt.is_none(), "{op:?} asked about the Inbox");
    }
    // Projects: `d` in the folder tree still deletes no folder; X asks, naming the messages.
    update(&mut store, Action::Down);
    update(&mut store, Action::Mail(MailOp::Delete));
    assert!(store.prompt.is_none(), "d deleted no folder");
    assert!(store.notice.clone().unwrap().text.contains("X deletes"));
    update(&mut store, Action::Mail(MailOp::DeleteFolder));
    let title = store.prompt.clone().expect("X asks").title;
    assert_eq!(title, "Delete the folder Projects and its 12 messages (in it and its 1 subfolder)?");
}
