//! `update` fed with categories: the master list asked for at start, the `#` picker's marks
//! (every / some / none of the targets), Enter toggling one category on all of them at once
//! with each message's own list sent, the rollback when the service refuses, the reader
//! following along, and the quick filters from the sender, a received range and a category.
use chrono::{TimeZone, Utc};

use super::super::super::update;
use super::{change_of, failed, list_of, load_generation, loaded, mark_three, ok, op};
use crate::domain::Message;
use crate::domain::QuickFilters;
use crate::tui::action::Action;
use crate::tui::action::mail_ops::MailOp;
use crate::tui::effect::mail_ops::{ListQuery, MailOpsEffect};
use crate::tui::effect::{Effect, LoadKey};
use crate::tui::loadable::Loadable;
use crate::tui::msg::mail_ops::MailOpsMsg;
use crate::tui::msg::{FullMessage, Msg};
use crate::tui::store::Store;
use crate::tui::store::mail::ops::{CategoryRow, ListView, MessageChange};
use crate::tui::store::prompt::PromptKind;

fn row(name: &str, preset: Option<u8>) -> CategoryRow {
    CategoryRow { name: name.into(), preset }
}

/// `loaded()` with the master list (Red, Blue) answered, m1 in Red and m2 in Red and Travel.
fn with_categories() -> Store {
    let mut store = loaded();
    let Loadable::Loading { generation } = store.mail.ops.categories else { panic!("asked for at start") };
    let master = vec![row("Red category", Some(0)), row("Blue category", Some(7))];
    update(&mut store, Msg::MailOps(MailOpsMsg::Categories { generation, result: Ok(master) }));
    let items = &mut store.mail.messages.ready_mut().unwrap().items;
    items[1].categories = vec!["Red category".into()];
    items[2].categories = vec!["Red category".into(), "Travel".into()];
    store
}

fn categories_of(store: &Store, id: &str) -> Vec<String> {
    store.mail.messages.ready().unwrap().items.iter().find(|m| m.id == id).unwrap().categories.clone()
}

/// (mark, label) of each picker row.
fn picker_rows(store: &Store) -> Vec<(&'static str, String)> {
    let picker = store.mail.ops.picker.as_ref().expect("the picker is open");
    picker.items.iter().map(|i| (i.mark, i.label.clone())).collect()
}

fn lists(change: &MessageChange) -> Vec<(String, Vec<String>)> {
    match change {
        MessageChange::Categories { lists, .. } => lists.clone(),
        other => panic!("expected categories, got {other:?}"),
    }
}

fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn start_asks_for_the_master_list_once() {
    let mut store = Store::new("me@x.test", chrono_tz::Tz::UTC, 120, 30);
    let effects = update(&mut store, Action::Start);
    let asked: Vec<_> =
        effects.iter().filter(|e| matches!(e, Effect::MailOps(MailOpsEffect::LoadCategories { .. }))).collect();
    assert_eq!(asked.len(), 1, "{effects:?}");
    let Loadable::Loading { generation } = store.mail.ops.categories else { panic!("loading") };
    update(&mut store, Msg::MailOps(MailOpsMsg::Categories { generation: generation + 99, result: Ok(vec![]) }));
    assert!(store.mail.ops.categories.is_loading(), "a stale answer is dropped");
    update(&mut store, Msg::MailOps(MailOpsMsg::Categories { generation, result: Ok(vec![row("Red", Some(0))]) }));
    assert_eq!(store.mail.ops.categories.ready().unwrap().len(), 1);
}

#[test]
fn the_picker_marks_what_every_or_some_targets_have_and_enter_toggles_on_all_of_them() {
    let mut store = with_categories();
    mark_three(&mut store);
    assert!(op(&mut store, MailOp::Categorize).is_empty());
    assert_eq!(
        picker_rows(&store),
        [("[-] ", "Red category".into()), ("[ ] ", "Blue category".into()), ("[-] ", "Travel".into())],
        "the master list first, then names only the messages carry"
    );
    assert_eq!(store.mail.ops.picker.as_ref().unwrap().title, "Categories of 3 messages");

    // Red is on m1 and m2 only: Enter adds it to m4, the only message that changes.
    let (op_id, sent, change) = change_of(&update(&mut store, Action::TextSubmit));
    assert_eq!(sent, ["m4"]);
    assert_eq!(lists(&change), [("m4".to_owned(), owned(&["Red category"]))]);
    assert_eq!(categories_of(&store, "m4"), ["Red category"], "at once");
    assert_eq!(picker_rows(&store)[0], ("[x] ", "Red category".into()), "the picker stays open, marks redrawn");
    update(&mut store, Msg::MailOps(MailOpsMsg::Changed { op: op_id, result: Ok(vec![ok("m4")]) }));
    assert_eq!(store.notice.as_ref().unwrap().text, "Message categorised");

    // Now every one has it: Enter takes it off all three, each keeping its other categories.
    let (_, sent, change) = change_of(&update(&mut store, Action::TextSubmit));
    assert_eq!(sent, ["m1", "m2", "m4"]);
    assert_eq!(
        lists(&change),
        [("m1".to_owned(), vec![]), ("m2".to_owned(), owned(&["Travel"])), ("m4".to_owned(), vec![])]
    );
    assert_eq!(categories_of(&store, "m2"), ["Travel"]);
    update(&mut store, Action::Back);
    assert!(store.mail.ops.picker.is_none(), "Esc closes");
}

#[test]
fn a_refusal_puts_each_failed_messages_list_back_with_one_notice() {
    let mut store = with_categories();
    mark_three(&mut store);
    op(&mut store, MailOp::Categorize);
    for c in "blue".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let (op_id, sent, _) = change_of(&update(&mut store, Action::TextSubmit));
    assert_eq!(sent, ["m1", "m2", "m4"]);
    assert_eq!(categories_of(&store, "m2"), ["Red category", "Travel", "Blue category"]);
    let outcomes = vec![ok("m1"), failed("m2"), ok("m4")];
    update(&mut store, Msg::MailOps(MailOpsMsg::Changed { op: op_id, result: Ok(outcomes) }));
    assert_eq!(categories_of(&store, "m1"), ["Red category", "Blue category"], "kept");
    assert_eq!(categories_of(&store, "m2"), ["Red category", "Travel"], "put back");
    let notice = store.notice.as_ref().unwrap();
    assert!(notice.is_error);
    assert_eq!(notice.text, "1 of 3 could not be categorised: ErrorItemNotFound (HTTP 404): gone");

    // Enter again adds Blue to m2, the one still without it; a batch refused as a whole puts
    // that back too.
    let (op_id, sent, _) = change_of(&update(&mut store, Action::TextSubmit));
    assert_eq!(sent, ["m2"]);
    update(&mut store, Msg::MailOps(MailOpsMsg::Changed { op: op_id, result: Err("network down".into()) }));
    assert_eq!(categories_of(&store, "m2"), ["Red category", "Travel"]);
    assert_eq!(store.notice.as_ref().unwrap().text, "The message could not be categorised: network down");
}

#[test]
fn a_typed_name_nobody_has_is_added_and_the_reader_follows() {
    let mut store = with_categories();
    update(&mut store, Action::Down);
    let generation = load_generation(&update(&mut store, Action::Open));
    let summary = store.mail.messages.ready().unwrap().items[1].clone();
    let message = Message { categories: summary.categories.clone(), summary, ..Default::default() };
    update(&mut store, Msg::Message { generation, result: Ok(Box::new(FullMessage { message, attachments: vec![] })) });
    let doc = store.mail.reader.ready().unwrap();
    assert!(doc.headers.contains(&("Categories:", "Red category".into())), "{:?}", doc.headers);

    op(&mut store, MailOp::Categorize);
    for c in "Urgent".chars() {
        update(&mut store, Action::TextInput(c));
    }
    assert!(store.mail.ops.picker.as_ref().unwrap().matches.is_empty());
    let (_, sent, change) = change_of(&update(&mut store, Action::TextSubmit));
    assert_eq!(
        (sent, lists(&change)),
        (vec!["m1".to_owned()], vec![("m1".to_owned(), owned(&["Red category", "Urgent"]))])
    );
    let doc = store.mail.reader.ready().unwrap();
    assert!(doc.headers.contains(&("Categories:", "Red category, Urgent".into())), "{:?}", doc.headers);
}

#[test]
fn from_sender_a_received_range_and_a_category_make_one_filter() {
    let mut store = with_categories();
    store.calendar.today = Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let (_, query) = list_of(&op(&mut store, MailOp::FromSender));
    let from = QuickFilters { from: Some("s0@x.test".into()), ..Default::default() };
    assert_eq!(query, ListQuery::Filter(from.clone()));

    op(&mut store, MailOp::ReceivedSince);
    assert!(store.prompt.as_ref().unwrap().title.starts_with("Received since"));
    let answer = |store: &mut Store, text: &str| {
        if let Some(PromptKind::Text { text: typed }) = store.prompt.as_mut().map(|p| &mut p.kind) {
            *typed = text.to_owned();
        }
        update(store, Action::TextSubmit)
    };
    assert!(answer(&mut store, "next week").is_empty());
    assert!(store.prompt.as_ref().unwrap().error.as_deref().unwrap().contains("is not a day"));
    assert!(answer(&mut store, "today..-3d").is_empty(), "backwards");
    let (_, query) = list_of(&answer(&mut store, "-22d..2026-11-15"));
    let ranged = QuickFilters {
        since: Some(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()),
        until: Some(Utc.with_ymd_and_hms(2026, 11, 16, 0, 0, 0).unwrap()),
        ..from.clone()
    };
    assert_eq!(query, ListQuery::Filter(ranged.clone()));

    // `%` picks the category from the master list.
    assert!(op(&mut store, MailOp::CategoryOnly).is_empty());
    for c in "blue".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let (_, query) = list_of(&update(&mut store, Action::TextSubmit));
    let all = QuickFilters { category: Some("Blue category".into()), ..ranged.clone() };
    assert_eq!(query, ListQuery::Filter(all));
    let ListView::Filtered { filters, .. } = store.mail.shown_view().clone() else { panic!("filtered") };
    let title = crate::tui::store::mail::ops::describe_filters(&filters, &store.zone);
    assert_eq!(title, "from s0@x.test, received 2026-11-01 – 2026-11-15, in Blue category");

    // Each again turns itself off; the last one off returns to the folder.
    let (_, query) = list_of(&op(&mut store, MailOp::CategoryOnly));
    assert_eq!(query, ListQuery::Filter(ranged));
    let (_, query) = list_of(&op(&mut store, MailOp::FromSender));
    assert!(matches!(query, ListQuery::Filter(f) if f.from.is_none() && f.since.is_some()));
    op(&mut store, MailOp::ReceivedSince);
    let effects = answer(&mut store, "");
    assert!(matches!(&effects[..], [.., Effect::Load { key: LoadKey::Messages { .. }, .. }]), "{effects:?}");
    assert_eq!(*store.mail.shown_view(), ListView::Folder);
}
