//! `update` on the people pane: the sources load once and the first folder opens, stale answers
//! are dropped, the directory waits for a search (and a personal account has none), a
//! colleague's card asks for the manager once, `c` opens compose with To filled, and contact
//! writes show at once and are put back when the service refuses them.
use chrono_tz::Tz;

use super::super::update;
use crate::domain::{Contact, Mailbox};
use crate::tui::action::{Action, Pane, PeopleAction};
use crate::tui::effect::Effect;
use crate::tui::effect::people::{ContactWrite, OpId, PeopleEffect};
use crate::tui::loadable::Generation;
use crate::tui::msg::people::PeopleMsg;
use crate::tui::msg::{Failure, Msg};
use crate::tui::store::Store;
use crate::tui::store::people::{Colleague, Entry, ManagerLine, NO_DIRECTORY, PeopleFocus, Source};

fn contact(id: &str, name: &str, address: &str) -> Entry {
    Entry::Contact(Box::new(Contact {
        id: id.into(),
        name: name.into(),
        emails: vec![Mailbox { name: name.into(), address: address.into() }],
        folder_id: None,
        ..Contact::default()
    }))
}

fn colleague(id: &str, name: &str) -> Entry {
    Entry::Colleague(Colleague {
        id: id.into(),
        name: name.into(),
        email: Some(format!("{}@contoso.test", name.split(' ').next().unwrap().to_lowercase())),
        in_directory: true,
        ..Colleague::default()
    })
}

fn sources() -> Vec<Source> {
    vec![
        Source::Folder { id: None, name: "Contacts".into() },
        Source::Folder { id: Some("cf-suppliers".into()), name: "Suppliers".into() },
        Source::People,
        Source::Directory,
    ]
}

fn load_of(effects: &[Effect]) -> (Generation, Source, Option<String>) {
    match effects {
        [Effect::People(PeopleEffect::LoadEntries { generation, source, search })] => {
            (*generation, source.clone(), search.clone())
        }
        other => panic!("expected one people load, got {other:?}"),
    }
}

fn write_of(effects: &[Effect]) -> (OpId, ContactWrite) {
    match effects {
        [Effect::People(PeopleEffect::Write { op, write })] => (*op, write.clone()),
        other => panic!("expected one contact write, got {other:?}"),
    }
}

fn names(store: &Store) -> Vec<String> {
    store.people.entries.ready().expect("people shown").iter().map(Entry::name).collect()
}

fn error_text(store: &Store) -> String {
    let notice = store.notice.clone().expect("a notice");
    assert!(notice.is_error, "{notice:?}");
    notice.text
}

/// The pane at 140×30, the sources answered and the default folder's contacts shown.
fn loaded() -> Store {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 140, 30);
    let generation = match update(&mut store, Action::ShowPane(Pane::People)).as_slice() {
        [Effect::People(PeopleEffect::LoadSources { generation })] => *generation,
        other => panic!("expected the sources load, got {other:?}"),
    };
    let effects = update(&mut store, Msg::People(PeopleMsg::Sources { generation, result: Ok(sources()) }));
    let (generation, source, search) = load_of(&effects);
    assert_eq!((source, search), (sources()[0].clone(), None), "the default folder opens first");
    let entries =
        vec![contact("c-1", "Ada Lovelace", "ada@example.test"), contact("c-2", "Ben Ng", "ben@example.test")];
    update(&mut store, Msg::People(PeopleMsg::Entries { generation, result: Ok(entries) }));
    store
}

#[test]
fn the_sources_load_once_and_a_stale_answer_is_dropped() {
    let mut store = loaded();
    assert_eq!(store.pane, Pane::People);
    assert_eq!(names(&store), ["Ada Lovelace", "Ben Ng"]);
    assert!(store.people.loading_what().is_empty());
    update(&mut store, Action::ShowPane(Pane::Mail));
    assert!(update(&mut store, Action::ShowPane(Pane::People)).is_empty(), "loaded once");
    // Moving to Suppliers loads it; an answer for the folder left behind changes nothing.
    let (suppliers, source, _) = load_of(&update(&mut store, Action::Down));
    assert_eq!(source.title(), "Suppliers");
    let (people, _, _) = load_of(&update(&mut store, Action::Down));
    let late = vec![contact("c-9", "Late Answer", "late@example.test")];
    update(&mut store, Msg::People(PeopleMsg::Entries { generation: suppliers, result: Ok(late) }));
    assert!(store.people.entries.is_loading(), "still waiting for the people");
    let failure = Failure::from("HTTP 403: People.Read is missing");
    update(&mut store, Msg::People(PeopleMsg::Entries { generation: people, result: Err(failure) }));
    assert_eq!(error_text(&store), "Loading People you work with failed: HTTP 403: People.Read is missing");
    assert!(matches!(store.people.entries, crate::tui::store::people::Remote::Failed { .. }));
}

#[test]
fn the_directory_waits_for_a_search_and_asks_for_the_manager_once() {
    let mut store = loaded();
    for _ in 0..3 {
        update(&mut store, Action::Down);
    }
    assert_eq!(store.people.open, Some(Source::Directory));
    assert_eq!(names(&store), Vec::<String>::new(), "nothing asked without a term");
    update(&mut store, Action::StartFilter);
    assert!(store.prompt.as_ref().unwrap().title.starts_with("Search the directory"));
    let mut effects = Vec::new();
    for c in "ann".chars() {
        update(&mut store, Action::TextInput(c));
    }
    effects.extend(update(&mut store, Action::TextSubmit));
    let (generation, source, search) = load_of(&effects);
    assert_eq!((source, search.as_deref()), (Source::Directory, Some("ann")));
    let found = vec![colleague("u-1", "Ann Archer"), colleague("u-2", "Annika Berg")];
    // The card is on screen (140 columns): the first one's manager is asked for at once.
    let effects = update(&mut store, Msg::People(PeopleMsg::Entries { generation, result: Ok(found) }));
    assert_eq!(effects, [Effect::People(PeopleEffect::LoadManager { user_id: "u-1".into() })]);
    assert_eq!(store.people.focus, PeopleFocus::Entries);
    assert!(update(&mut store, Action::Open).is_empty(), "asked for already");
    assert_eq!(store.people.managers.get("u-1"), Some(&ManagerLine::Loading));
    let refused = Failure::from("not shown: it needs User.Read.All");
    update(&mut store, Msg::People(PeopleMsg::Manager { user_id: "u-1".into(), result: Err(refused) }));
    assert_eq!(store.people.managers["u-1"], ManagerLine::Unavailable("not shown: it needs User.Read.All".into()));
    update(&mut store, Action::Back);
    assert!(update(&mut store, Action::Open).is_empty(), "the manager is asked for once");
}

#[test]
fn a_personal_account_has_no_directory() {
    let mut store = loaded();
    store.people.personal_account = true;
    for _ in 0..3 {
        update(&mut store, Action::Down);
    }
    assert_eq!(store.people.open, Some(Source::Directory));
    assert!(update(&mut store, Action::StartFilter).is_empty());
    assert!(store.prompt.is_none());
    assert_eq!(error_text(&store), NO_DIRECTORY);
}

#[test]
fn writing_to_the_selected_person_opens_compose_with_to_filled() {
    let mut store = loaded();
    // Compose's start-up findings are in (no $EDITOR): it opens its built-in editor at once.
    store.compose.ready = true;
    update(&mut store, Action::Open);
    update(&mut store, Action::Down);
    update(&mut store, Action::People(PeopleAction::WriteTo));
    let compose = store.compose.open.as_ref().expect("compose is open");
    assert_eq!(compose.fields.to, "Ben Ng <ben@example.test>");
    let editor = compose.editor.as_ref().expect("no $EDITOR: the built-in editor");
    assert_eq!(crate::tui::store::compose::FIELD_NAMES[editor.focus], "Subject", "To is filled: the subject is next");
}

#[test]
fn copying_an_address_goes_to_the_clipboard() {
    let mut store = loaded();
    update(&mut store, Action::Open);
    let effects = update(&mut store, Action::People(PeopleAction::CopyAddress));
    assert_eq!(effects, [Effect::CopyToClipboard("ada@example.test".into())]);
}

#[test]
fn a_refused_delete_puts_the_contact_back_in_place() {
    let mut store = loaded();
    update(&mut store, Action::Open);
    update(&mut store, Action::Delete);
    assert_eq!(store.prompt.as_ref().unwrap().title, "Delete the contact Ada Lovelace?");
    assert!(update(&mut store, Action::TextSubmit).is_empty(), "Enter is no");
    assert_eq!(names(&store).len(), 2);
    update(&mut store, Action::Delete);
    let (op, write) = write_of(&update(&mut store, Action::TextInput('y')));
    assert_eq!(write, ContactWrite::Delete { id: "c-1".into() });
    assert_eq!(names(&store), ["Ben Ng"], "gone at once");
    let failure = Failure::from("HTTP 403: Contacts.ReadWrite is missing");
    update(&mut store, Msg::People(PeopleMsg::Written { op, result: Err(failure) }));
    assert_eq!(names(&store), ["Ada Lovelace", "Ben Ng"]);
    assert_eq!(error_text(&store), "Deleting the contact Ada Lovelace failed: HTTP 403: Contacts.ReadWrite is missing");
}

#[test]
fn an_edit_in_the_form_is_saved_and_a_refusal_restores_the_old_contact() {
    let mut store = loaded();
    update(&mut store, Action::Open);
    update(&mut store, Action::Rename);
    let form = store.people.form.as_ref().expect("no $EDITOR: the built-in form");
    assert!(form.original.contains("Name: Ada Lovelace"), "{}", form.original);
    // The cursor starts on the name's value: replace it.
    let mut text: Vec<String> = form.text.lines().to_vec();
    let at = text.iter().position(|l| l.starts_with("Name:")).unwrap();
    text[at] = "Name: Ada King".into();
    store.people.form.as_mut().unwrap().text = ratatui_textarea::TextArea::new(text);
    let (op, write) = write_of(&update(&mut store, Action::People(PeopleAction::FormSave)));
    let ContactWrite::Update { id, contact } = write else { panic!("an update") };
    assert_eq!((id.as_str(), contact.name.as_str()), ("c-1", "Ada King"));
    assert_eq!(contact.emails[0].address, "ada@example.test", "the rest is kept");
    assert_eq!(names(&store)[0], "Ada King", "shown at once");
    update(&mut store, Msg::People(PeopleMsg::Written { op, result: Err(Failure::from("HTTP 500")) }));
    assert_eq!(names(&store)[0], "Ada Lovelace");
    assert!(store.people.form.is_none());
}

#[test]
fn a_new_contact_takes_the_service_id() {
    let mut store = loaded();
    update(&mut store, Action::Open);
    update(&mut store, Action::Add);
    let form = store.people.form.as_mut().expect("the form");
    let mut text: Vec<String> = form.text.lines().to_vec();
    let name = text.iter().position(|l| l.starts_with("Name:")).unwrap();
    text[name] = "Name: Cy Young".into();
    let email = text.iter().position(|l| l.starts_with("Email:")).unwrap();
    text[email] = "Email: cy@example.test".into();
    form.text = ratatui_textarea::TextArea::new(text);
    let (op, write) = write_of(&update(&mut store, Action::People(PeopleAction::FormSave)));
    let ContactWrite::Create { folder_id, contact } = write else { panic!("a create") };
    assert_eq!((folder_id, contact.name.as_str()), (None, "Cy Young"));
    assert_eq!(names(&store), ["Ada Lovelace", "Ben Ng", "Cy Young"]);
    let local = store.people.entries.ready().unwrap()[2].id().to_owned();
    let mut answered = (*contact).clone();
    answered.id = "c-3".into();
    update(&mut store, Msg::People(PeopleMsg::Written { op, result: Ok(Some(Box::new(answered))) }));
    let ids: Vec<&str> = store.people.entries.ready().unwrap().iter().map(Entry::id).collect();
    assert_eq!(ids, ["c-1", "c-2", "c-3"], "the local id {local} became the service's");
}

#[test]
fn a_colleague_added_as_a_contact_is_saved_as_shown() {
    let mut store = loaded();
    for _ in 0..3 {
        update(&mut store, Action::Down);
    }
    update(&mut store, Action::StartFilter);
    for c in "ann".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let (generation, _, _) = load_of(&update(&mut store, Action::TextSubmit));
    update(
        &mut store,
        Msg::People(PeopleMsg::Entries { generation, result: Ok(vec![colleague("u-1", "Ann Archer")]) }),
    );
    update(&mut store, Action::Add);
    assert!(store.people.form.as_ref().unwrap().original.contains("Email: ann@contoso.test"));
    // Saved untouched: the form was filled from the card.
    let (_, write) = write_of(&update(&mut store, Action::People(PeopleAction::FormSave)));
    let ContactWrite::Create { folder_id, contact } = write else { panic!("a create") };
    assert_eq!(
        (folder_id, contact.name.as_str(), contact.emails[0].address.as_str()),
        (None, "Ann Archer", "ann@contoso.test")
    );
    // An empty new contact is refused in the form, which stays open.
    update(&mut store, Action::Back);
    store.people.open = Some(sources()[0].clone());
    store.people.entries = crate::tui::store::people::Remote::Ready(Vec::new());
    update(&mut store, Action::Add);
    assert!(update(&mut store, Action::People(PeopleAction::FormSave)).is_empty());
    assert!(store.people.form.as_ref().unwrap().problem.as_deref().unwrap().contains("needs a name or an email"));
}
