//! `update` fed with the local search: Tab in the `s` prompt switches to the cache (only where
//! there is one), each keystroke asks the worker for the cache's answer (never a service
//! request), only the answer for the text typed last is shown, Enter keeps it and opens from it.
use super::super::super::update;
use super::{ids, loaded, op, summaries};
use crate::tui::action::Action;
use crate::tui::action::mail_ops::MailOp;
use crate::tui::effect::{Effect, LoadKey};
use crate::tui::loadable::Generation;
use crate::tui::msg::mail_ops::MailOpsMsg;
use crate::tui::msg::{MessagePage, Msg};
use crate::tui::store::mail::ops::ListView;
use crate::tui::store::{MailFocus, Store};

/// The local search among `effects`, and no other list or service work.
fn local_search(effects: &[Effect]) -> (Generation, String) {
    let mut found = effects.iter().filter_map(|e| match e {
        Effect::SearchCache { generation, folder_id, text } if folder_id == "f-in" => Some((*generation, text.clone())),
        _ => None,
    });
    let search = found.next().unwrap_or_else(|| panic!("no local search in {effects:?}"));
    assert!(
        effects.iter().all(|e| matches!(e, Effect::SearchCache { .. } | Effect::Cancel(_))),
        "nothing for the service: {effects:?}"
    );
    search
}

fn answer(store: &mut Store, generation: Generation, of: &[usize]) {
    let items = of.iter().map(|&i| summaries()[i].clone()).collect();
    update(store, Msg::MailOps(MailOpsMsg::Listed { generation, result: Ok(MessagePage { items, next_link: None }) }));
}

fn cached() -> Store {
    let mut store = loaded();
    store.sync.cached = true;
    store
}

#[test]
fn tab_switches_to_the_cache_and_each_keystroke_searches_it() {
    let mut store = cached();
    op(&mut store, MailOp::Search);
    assert_eq!(store.prompt.as_ref().unwrap().title, "Search Inbox on the server (Tab: in the local cache)");
    assert!(update(&mut store, Action::TextComplete).is_empty(), "nothing typed: nothing to search yet");
    assert_eq!(
        store.prompt.as_ref().unwrap().title,
        "Search Inbox in the local cache, as you type (Tab: on the server)"
    );

    assert!(update(&mut store, Action::TextInput('b')).is_empty(), "one letter: not yet");
    let (first, text) = local_search(&update(&mut store, Action::TextInput('u')));
    assert_eq!(text, "bu");
    assert_eq!(ids(&store).len(), 10, "the list keeps what it shows while the answer comes");
    let (second, text) = local_search(&update(&mut store, Action::TextInput('d')));
    assert_eq!(text, "bud");
    assert!(second > first);

    answer(&mut store, second, &[2, 4]);
    assert_eq!(ids(&store), ["m2", "m4"]);
    answer(&mut store, first, &[1, 2, 3]);
    assert_eq!(ids(&store), ["m2", "m4"], "the answer for older text is dropped");
    assert!(matches!(store.mail.shown_view(), ListView::Search { text, local: true, .. } if text == "bud"));

    // Enter keeps the results (no search again) and the list takes the keys; Enter opens one.
    assert!(update(&mut store, Action::TextSubmit).is_empty());
    assert!(store.prompt.is_none());
    assert_eq!(store.mail.focus, MailFocus::Messages);
    let effects = update(&mut store, Action::Open);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Load { key: LoadKey::Message { id }, .. } if id == "m2")),
        "{effects:?}"
    );

    // `s` again asks the cache first (the choice is kept), with the text searched.
    op(&mut store, MailOp::Search);
    let prompt = store.prompt.as_ref().unwrap();
    assert!(prompt.title.starts_with("Search Inbox in the local cache") && prompt.typed() == "bud");
}

#[test]
fn erasing_the_text_shows_the_folder_and_without_a_cache_tab_says_why() {
    let mut store = cached();
    op(&mut store, MailOp::Search);
    update(&mut store, Action::TextComplete);
    update(&mut store, Action::TextInput('x'));
    let (generation, _) = local_search(&update(&mut store, Action::TextInput('y')));
    answer(&mut store, generation, &[]);
    assert!(ids(&store).is_empty());
    assert!(update(&mut store, Action::TextBackspace).is_empty(), "one letter left: the list stays");
    let effects = update(&mut store, Action::TextBackspace);
    assert_eq!(*store.mail.shown_view(), ListView::Folder);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Load { key: LoadKey::Messages { folder_id }, .. } if folder_id == "f-in")),
        "the folder again: {effects:?}"
    );

    let mut store = loaded();
    op(&mut store, MailOp::Search);
    assert_eq!(store.prompt.as_ref().unwrap().title, "Search Inbox on the server");
    assert!(update(&mut store, Action::TextComplete).is_empty());
    let prompt = store.prompt.as_ref().unwrap();
    assert!(prompt.error.as_deref().is_some_and(|e| e.contains("no local cache")), "{prompt:?}");
    assert!(update(&mut store, Action::TextInput('x')).is_empty(), "still the server's search: nothing until Enter");
}
