//! `update` fed with the organising commands: marks, each optimistic change and its rollback on
//! a partial or total failure, the picker, search and quick-filter views, conversations, files
//! and folder management.
use chrono_tz::Tz;

use super::super::update;
use crate::domain::QuickFilters;
use crate::domain::{AttachmentInfo, AttachmentKind, Mailbox, Message, MessageSummary};
use crate::tui::action::Action;
use crate::tui::action::mail_ops::MailOp;
use crate::tui::effect::mail_ops::{ListQuery, MailOpsEffect};
use crate::tui::effect::{Effect, LoadKey};
use crate::tui::fixtures::{self, MailData, folder, load_mail};
use crate::tui::loadable::{Generation, Loadable};
use crate::tui::msg::mail_ops::{ItemOutcome, MailOpsMsg};
use crate::tui::msg::{FullMessage, MessagePage, Msg};
use crate::tui::store::mail::ops::{ListView, MessageChange, PickFor};
use crate::tui::store::prompt::PromptKind;
use crate::tui::store::{MailFocus, Store};

/// Ten inbox messages; even ones unread; m3 flagged.
fn summaries() -> Vec<MessageSummary> {
    (0..10)
        .map(|i| MessageSummary {
            id: format!("m{i}"),
            subject: format!("Subject {i}"),
            from: Some(Mailbox { name: format!("Sender {i}"), address: format!("s{i}@x.test") }),
            is_read: i % 2 == 1,
            is_flagged: i == 3,
            conversation_id: Some(format!("conv-{}", i % 3)),
            folder_id: Some("f-in".into()),
            ..Default::default()
        })
        .collect()
}

/// The generation of the one load among `effects`.
fn load_generation(effects: &[Effect]) -> Generation {
    fixtures::load_generation(effects, |_| true)
}

/// Folders Inbox (5 unread of 10) > Projects, Archive, Deleted Items; the inbox loaded and the
/// message list focused.
fn loaded() -> Store {
    let mut store = Store::new("me@x.test", Tz::UTC, 120, 30);
    let folders = vec![
        folder("f-in", "Inbox", 0, 5, 10),
        folder("f-pr", "Projects", 1, 0, 2),
        folder("f-ar", "Archive", 0, 0, 0),
        folder("f-del", "Deleted Items", 0, 0, 1),
    ];
    load_mail(&mut store, MailData { folders, messages: summaries(), ..MailData::default() });
    update(&mut store, Action::FocusNext);
    store
}

fn op(store: &mut Store, op: MailOp) -> Vec<Effect> {
    update(store, Action::Mail(op))
}

fn ids(store: &Store) -> Vec<String> {
    store.mail.messages.ready().unwrap().items.iter().map(|m| m.id.clone()).collect()
}

fn counts(store: &Store, id: &str) -> (u64, u64) {
    let row = store.mail.folders.ready().unwrap().iter().find(|r| r.folder.id == id).unwrap();
    (row.folder.unread_count, row.folder.total_count)
}

/// The one change effect: (op, ids, change).
fn change_of(effects: &[Effect]) -> (Generation, Vec<String>, MessageChange) {
    match effects {
        [Effect::MailOps(MailOpsEffect::Change { op, ids, change })] => (*op, ids.clone(), change.clone()),
        other => panic!("expected one change, got {other:?}"),
    }
}

fn ok(id: &str) -> ItemOutcome {
    ItemOutcome { id: id.into(), new_id: Some(format!("{id}-new")), error: None }
}

fn failed(id: &str) -> ItemOutcome {
    ItemOutcome { id: id.into(), new_id: None, error: Some("ErrorItemNotFound (HTTP 404): gone".into()) }
}

/// Marks rows 1, 2 and 4 (v moves down after each mark).
fn mark_three(store: &mut Store) {
    update(store, Action::Down);
    op(store, MailOp::ToggleMark);
    op(store, MailOp::ToggleMark);
    update(store, Action::Down);
    op(store, MailOp::ToggleMark);
}

mod categories;
mod folders;
mod local_search;

#[test]
fn marks_toggle_move_down_and_esc_clears_them_before_anything_else() {
    let mut store = loaded();
    mark_three(&mut store);
    let marked: Vec<&str> = store.mail.ops.marked.iter().map(String::as_str).collect();
    assert_eq!(marked, ["m1", "m2", "m4"]);
    assert_eq!(store.mail.message_cursor.selected, 5);
    update(&mut store, Action::Up);
    op(&mut store, MailOp::ToggleMark);
    assert!(!store.mail.ops.marked.contains("m4"), "a second v unmarks");
    update(&mut store, Action::Back);
    assert!(store.mail.ops.marked.is_empty());
    assert_eq!(store.mail.focus, MailFocus::Messages, "Esc cleared the marks and stayed");
    op(&mut store, MailOp::MarkAll);
    assert_eq!(store.mail.ops.marked.len(), 10);
    op(&mut store, MailOp::MarkAll);
    assert!(store.mail.ops.marked.is_empty(), "again: all cleared");
}

#[test]
fn moving_marked_rows_is_optimistic_and_failed_rows_come_back_with_one_notice() {
    let mut store = loaded();
    mark_three(&mut store);
    let effects = op(&mut store, MailOp::Move);
    assert!(effects.is_empty());
    let picker = store.mail.ops.picker.as_ref().unwrap();
    assert!(picker.items.iter().all(|i| i.value != "f-in"), "the open folder is not offered");
    assert_eq!(picker.purpose, PickFor::MoveTo { ids: vec!["m1".into(), "m2".into(), "m4".into()] });
    // Typing filters; Enter picks the one left.
    for c in "proj".chars() {
        update(&mut store, Action::TextInput(c));
    }
    assert_eq!(store.mail.ops.picker.as_ref().unwrap().matches.len(), 1);
    let (op_id, sent, change) = change_of(&update(&mut store, Action::TextSubmit));
    assert_eq!(change, MessageChange::Move("f-pr".into()));
    assert_eq!(sent, ["m1", "m2", "m4"]);
    assert!(store.mail.ops.picker.is_none() && store.mail.ops.marked.is_empty());
    assert_eq!(ids(&store), ["m0", "m3", "m5", "m6", "m7", "m8", "m9"], "rows left at once");
    assert_eq!(counts(&store, "f-in"), (3, 7), "m2 and m4 were unread");
    assert_eq!(counts(&store, "f-pr"), (2, 5));

    let outcomes = vec![ok("m1"), failed("m2"), failed("m4")];
    update(&mut store, Msg::MailOps(MailOpsMsg::Changed { op: op_id, result: Ok(outcomes) }));
    assert_eq!(ids(&store), ["m0", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"], "failed rows back in place");
    assert_eq!(counts(&store, "f-in"), (5, 9));
    assert_eq!(counts(&store, "f-pr"), (0, 3));
    let notice = store.notice.as_ref().unwrap();
    assert!(notice.is_error);
    assert_eq!(notice.text, "2 of 3 could not be moved: ErrorItemNotFound (HTTP 404): gone");
}

#[test]
fn bulk_changes_show_one_progress_notice() {
    let mut store = loaded();
    op(&mut store, MailOp::MarkAll);
    let (op_id, _, change) = change_of(&op(&mut store, MailOp::Archive));
    assert_eq!(change, MessageChange::Move("archive".into()));
    assert_eq!(store.notice.as_ref().unwrap().text, "Moving 10 messages…");
    assert_eq!(counts(&store, "f-ar"), (5, 10), "the Archive row is counted by name");
    update(&mut store, Msg::MailOps(MailOpsMsg::Progress { op: op_id, done: 5, total: 10 }));
    assert_eq!(store.notice.as_ref().unwrap().text, "Moving 10 messages… 5/10");
    let outcomes = (0..10).map(|i| ok(&format!("m{i}"))).collect();
    update(&mut store, Msg::MailOps(MailOpsMsg::Changed { op: op_id, result: Ok(outcomes) }));
    assert_eq!(store.notice.as_ref().unwrap().text, "10 messages moved");
    assert!(ids(&store).is_empty());
}

#[test]
fn read_and_flag_toggle_in_place_and_a_refused_batch_rolls_everything_back() {
    let mut store = loaded();
    // m0 is unread: u marks it read.
    let (op_id, sent, change) = change_of(&op(&mut store, MailOp::ToggleRead));
    assert_eq!((sent, change), (vec!["m0".to_owned()], MessageChange::Read(true)));
    assert!(store.mail.messages.ready().unwrap().items[0].is_read);
    assert_eq!(counts(&store, "f-in"), (4, 10));
    update(&mut store, Msg::MailOps(MailOpsMsg::Changed { op: op_id, result: Err("network down".into()) }));
    assert!(!store.mail.messages.ready().unwrap().items[0].is_read, "rolled back");
    assert_eq!(counts(&store, "f-in"), (5, 10));
    assert_eq!(store.notice.as_ref().unwrap().text, "The message could not be marked read: network down");

    // m3 is flagged: with m2 marked too, f flags both (not all flagged); again unflags both.
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    op(&mut store, MailOp::ToggleMark);
    op(&mut store, MailOp::ToggleMark);
    let (op_id, _, change) = change_of(&op(&mut store, MailOp::ToggleFlag));
    assert_eq!(change, MessageChange::Flag(true));
    let flagged = |s: &Store| s.mail.messages.ready().unwrap().items.iter().filter(|m| m.is_flagged).count();
    assert_eq!(flagged(&store), 2);
    assert_eq!(store.mail.ops.marked.len(), 2, "marks stay after a flag");
    update(&mut store, Msg::MailOps(MailOpsMsg::Changed { op: op_id, result: Ok(vec![ok("m2"), failed("m3")]) }));
    assert_eq!(flagged(&store), 2, "m3 was flagged before: restoring keeps it flagged");
    let (_, _, change) = change_of(&op(&mut store, MailOp::ToggleFlag));
    assert_eq!(change, MessageChange::Flag(false));
    assert_eq!(flagged(&store), 0);
}

#[test]
fn delete_moves_to_deleted_items_and_closes_the_reader_on_that_message() {
    let mut store = loaded();
    let generation = load_generation(&update(&mut store, Action::Open));
    let message = Message { summary: summaries().remove(0), ..Default::default() };
    let full = Box::new(FullMessage { message, attachments: Vec::new() });
    update(&mut store, Msg::Message { generation, result: Ok(full) });
    assert_eq!(store.mail.focus, MailFocus::Reader);
    let (_, sent, change) = change_of(&op(&mut store, MailOp::Delete));
    assert_eq!((sent, change), (vec!["m0".to_owned()], MessageChange::Delete));
    assert_eq!(store.mail.focus, MailFocus::Messages);
    assert_eq!(store.mail.reader, Loadable::Idle);
    assert_eq!(counts(&store, "f-del"), (1, 2));
    assert_eq!(ids(&store).len(), 9);
}

#[test]
fn permanent_delete_asks_and_only_y_deletes() {
    let mut store = loaded();
    op(&mut store, MailOp::MarkAll);
    assert!(op(&mut store, MailOp::DeletePermanently).is_empty());
    let prompt = store.prompt.as_ref().unwrap();
    assert_eq!(
        (prompt.kind.clone(), prompt.title.as_str()),
        (PromptKind::YesNo, "Delete 10 messages for good? They cannot be recovered")
    );
    assert!(update(&mut store, Action::TextSubmit).is_empty(), "Enter means no");
    assert_eq!(ids(&store).len(), 10);
    op(&mut store, MailOp::DeletePermanently);
    let (_, sent, change) = change_of(&update(&mut store, Action::TextInput('y')));
    assert_eq!((sent.len(), change), (10, MessageChange::PermanentDelete));
    assert!(ids(&store).is_empty());
    assert_eq!(counts(&store, "f-in"), (0, 0));
    assert_eq!(counts(&store, "f-del"), (0, 1), "nothing lands in Deleted Items");
}

fn list_of(effects: &[Effect]) -> (Generation, ListQuery) {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::MailOps(MailOpsEffect::List { generation, folder_id, query }) => {
                assert_eq!(folder_id, "f-in");
                Some((*generation, query.clone()))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no list in {effects:?}"))
}

#[test]
fn server_search_replaces_the_list_and_esc_returns_to_the_folder() {
    let mut store = loaded();
    op(&mut store, MailOp::Search);
    assert_eq!(store.prompt.as_ref().unwrap().title, "Search Inbox on the server");
    assert!(update(&mut store, Action::TextSubmit).is_empty(), "an empty search is refused");
    assert!(store.prompt.as_ref().unwrap().error.is_some());
    for c in "say \"hi\"".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let (generation, query) = list_of(&update(&mut store, Action::TextSubmit));
    assert_eq!(query, ListQuery::Search("say \"hi\"".into()));
    assert!(store.mail.messages.is_loading());
    let page = MessagePage { items: summaries()[..2].to_vec(), next_link: None };
    update(&mut store, Msg::MailOps(MailOpsMsg::Listed { generation, result: Ok(page) }));
    assert_eq!(ids(&store), ["m0", "m1"]);
    assert!(matches!(store.mail.shown_view(), ListView::Search { text, .. } if text == "say \"hi\""));
    // A folder page answering late for an older load is dropped.
    update(
        &mut store,
        Msg::Messages { generation: 1, result: Ok(MessagePage { items: summaries(), next_link: None }) },
    );
    assert_eq!(ids(&store).len(), 2);

    let effects = update(&mut store, Action::Back);
    assert!(
        matches!(&effects[..], [.., Effect::Load { key: LoadKey::Messages { folder_id }, .. }] if folder_id == "f-in")
    );
    assert_eq!(*store.mail.shown_view(), ListView::Folder);
    assert_eq!(store.mail.focus, MailFocus::Messages);
}

#[test]
fn quick_filters_toggle_and_combine_and_the_last_one_off_returns_to_the_folder() {
    let mut store = loaded();
    let (_, query) = list_of(&op(&mut store, MailOp::UnreadOnly));
    assert_eq!(query, ListQuery::Filter(QuickFilters { unread: true, ..Default::default() }));
    let (generation, query) = list_of(&op(&mut store, MailOp::FlaggedOnly));
    assert_eq!(query, ListQuery::Filter(QuickFilters { unread: true, flagged: true, ..Default::default() }));
    update(
        &mut store,
        Msg::MailOps(MailOpsMsg::Listed { generation, result: Ok(MessagePage { items: Vec::new(), next_link: None }) }),
    );
    let (_, query) = list_of(&op(&mut store, MailOp::UnreadOnly));
    assert_eq!(query, ListQuery::Filter(QuickFilters { flagged: true, ..Default::default() }));
    let effects = op(&mut store, MailOp::FlaggedOnly);
    assert!(matches!(&effects[..], [.., Effect::Load { key: LoadKey::Messages { .. }, .. }]), "{effects:?}");
    // Moving in the folder tree leaves a view too.
    list_of(&op(&mut store, MailOp::WithAttachments));
    update(&mut store, Action::FocusPrev);
    let effects = update(&mut store, Action::Down);
    assert!(
        matches!(&effects[..], [.., Effect::Load { key: LoadKey::Messages { folder_id }, .. }] if folder_id == "f-pr")
    );
    assert_eq!(*store.mail.shown_view(), ListView::Folder);
}

#[test]
fn conversation_lists_the_selected_messages_thread() {
    let mut store = loaded();
    update(&mut store, Action::Down);
    let (_, query) = list_of(&op(&mut store, MailOp::Conversation));
    assert_eq!(query, ListQuery::Conversation("conv-1".into()));
    assert!(matches!(store.mail.shown_view(), ListView::Conversation { subject, .. } if subject == "Subject 1"));
}

#[test]
fn saving_an_attachment_picks_one_then_asks_for_the_folder() {
    let mut store = loaded();
    assert!(op(&mut store, MailOp::SaveAttachment).is_empty());
    assert_eq!(store.notice.as_ref().unwrap().text, "Open a message first");
    let generation = load_generation(&update(&mut store, Action::Open));
    let file = |id: &str, name: &str, kind| AttachmentInfo {
        id: id.into(),
        name: name.into(),
        content_type: None,
        size: 1,
        inline: false,
        kind,
    };
    let attachments = vec![
        file("a1", "../../.bashrc", AttachmentKind::File),
        file("a2", "b.pdf", AttachmentKind::File),
        file("a3", "mail", AttachmentKind::Item),
    ];
    let message = Message { summary: summaries().remove(0), ..Default::default() };
    update(&mut store, Msg::Message { generation, result: Ok(Box::new(FullMessage { message, attachments })) });
    op(&mut store, MailOp::SaveAttachment);
    assert_eq!(store.mail.ops.picker.as_ref().unwrap().items.len(), 2, "item attachments have no bytes to save");
    update(&mut store, Action::TextInput('j'));
    update(&mut store, Action::TextInput('k'));
    assert!(update(&mut store, Action::TextSubmit).is_empty());
    assert_eq!(store.prompt.as_ref().unwrap().typed(), "~/Downloads");
    let effects = update(&mut store, Action::TextSubmit);
    assert_eq!(
        effects,
        [Effect::MailOps(MailOpsEffect::SaveAttachments {
            message_id: "m0".into(),
            attachment: Some(("a1".into(), "../../.bashrc".into())),
            dir: "~/Downloads".into(),
            create: false,
        })]
    );
    update(&mut store, Msg::MailOps(MailOpsMsg::Saved { result: Err("/nope is not a folder".into()) }));
    assert_eq!(store.notice.as_ref().unwrap().text, "Saving failed: /nope is not a folder");
}
