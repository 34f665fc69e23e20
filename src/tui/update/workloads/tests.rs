//! `update` between workloads: `L` on a message asks for the To Do list and orders the linked
//! task (refused offline), the answer reloads the open list, and `o` on a task made from a
//! message opens it.
use chrono_tz::Tz;

use super::super::update;
use crate::domain::todo::TaskLink;
use crate::domain::{Folder, Importance, MessageSummary, Task, TaskStatus};
use crate::tui::action::{Action, Pane};
use crate::tui::effect::tasks::TaskEffect;
use crate::tui::effect::{Effect, LoadKey};
use crate::tui::msg::{FolderRow, MessagePage, Msg};
use crate::tui::store::{MailFocus, Store};

fn load_of(effects: &[Effect], wanted: impl Fn(&LoadKey) -> bool) -> u64 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Load { generation, key } if wanted(key) => Some(*generation),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no such load in {effects:?}"))
}

/// The Inbox open with two messages, the cursor in the message list.
fn mail_store() -> Store {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 120, 30);
    let effects = update(&mut store, Action::Start);
    let folders = load_of(&effects, |k| *k == LoadKey::Folders);
    let inbox = Folder { id: "f-in".into(), name: "Inbox".into(), total_count: 2, ..Default::default() };
    let effects = update(
        &mut store,
        Msg::Folders { generation: folders, result: Ok(vec![FolderRow { folder: inbox, depth: 0 }]) },
    );
    let generation = load_of(&effects, |k| matches!(k, LoadKey::Messages { .. }));
    let items = ["m-1", "m-2"]
        .map(|id| MessageSummary { id: id.into(), subject: format!("About {id}"), ..Default::default() })
        .to_vec();
    update(&mut store, Msg::Messages { generation, result: Ok(MessagePage { items, next_link: None }) });
    update(&mut store, Action::FocusNext);
    assert_eq!(store.mail.focus, MailFocus::Messages);
    store
}

#[test]
fn a_message_becomes_a_task_in_the_list_named() {
    let mut store = mail_store();
    update(&mut store, Action::Down);
    assert!(update(&mut store, Action::MailToTask).is_empty());
    assert_eq!(store.prompt.as_ref().unwrap().typed(), "Tasks", "the default list is offered");
    for _ in 0.."Tasks".len() {
        update(&mut store, Action::TextBackspace);
    }
    assert!(update(&mut store, Action::TextSubmit).is_empty(), "a list must be named");
    assert_eq!(store.prompt.as_ref().unwrap().error.as_deref(), Some("Name a To Do list"));
    for c in " Groceries ".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let effects = update(&mut store, Action::TextSubmit);
    assert_eq!(effects, [Effect::MailToTask { list: "Groceries".into(), message_id: "m-2".into() }]);
    // The list is open in the Tasks pane: it is loaded again to show the task.
    store.tasks.open_list = Some("l-groceries".into());
    let effects = update(&mut store, Msg::MailToTask(Ok(("l-groceries".into(), "About m-2".into()))));
    assert!(
        matches!(effects.as_slice(), [Effect::Tasks(TaskEffect::LoadTasks { list_id, .. })] if list_id == "l-groceries")
    );
    assert_eq!(store.notice.as_ref().unwrap().text, "Added the task About m-2, linked to the message");
}

#[test]
fn offline_no_task_is_asked_for() {
    let mut store = mail_store();
    store.sync.offline = true;
    assert!(update(&mut store, Action::MailToTask).is_empty());
    assert!(store.prompt.is_none(), "the list is not asked for: its answer could not be sent");
    assert!(store.notice.as_ref().unwrap().text.starts_with("Making a task of the message was not done."));
}

#[test]
fn a_task_made_from_a_message_opens_it_in_the_reader() {
    let mut store = mail_store();
    let link = |message_id: Option<&str>| TaskLink {
        name: "About m-1".into(),
        web_url: None,
        application: "o365-tui".into(),
        message_id: message_id.map(str::to_owned),
    };
    let task = Task {
        id: "t-1".into(),
        title: "Answer it".into(),
        status: TaskStatus::NotStarted,
        importance: Importance::Normal,
        due: None,
        reminder: None,
        completed: None,
        note: None,
        checklist: Vec::new(),
        categories: Vec::new(),
        created: None,
        modified: None,
        links: vec![link(None), link(Some("m-1"))],
    };
    store.tasks.tasks = crate::tui::store::tasks::Remote::Ready(vec![task]);
    store.pane = Pane::Tasks;
    let effects = update(&mut store, Action::OpenLinkedMessage);
    assert_eq!(store.pane, Pane::Mail);
    assert_eq!(store.mail.focus, MailFocus::Reader);
    load_of(&effects, |k| *k == LoadKey::Message { id: "m-1".into() });
}
