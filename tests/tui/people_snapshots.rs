//! Snapshots of the people pane and the settings screen on a fixed-size TestBackend with fixed
//! contacts, colleagues and settings (zone Europe/Paris): the pane loaded with a contact's card,
//! a colleague's card whose manager needs an administrator's permission, empty, failed, narrow
//! (one column at a time), a personal account's directory, and the settings screen.
use crate::screen;

use screen::draw;

use chrono::{NaiveDate, TimeZone, Utc};
use o365::domain::contact::{AddressKind, ContactPhone, PhoneKind, PostalAddress};
use o365::domain::mailbox_settings::{Audience, AutoReplies, MailboxSettings, RepliesState, WorkingHours};
use o365::domain::{Contact, Mailbox};
use o365::tui::action::{Action, Pane};
use o365::tui::effect::Effect;
use o365::tui::effect::people::PeopleEffect;
use o365::tui::effect::settings::SettingsEffect;
use o365::tui::msg::Msg;
use o365::tui::msg::people::PeopleMsg;
use o365::tui::msg::settings::SettingsMsg;
use o365::tui::store::Store;
use o365::tui::store::people::{Colleague, Entry, Source};
use o365::tui::update::update;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

fn sources() -> Vec<Source> {
    vec![
        Source::Folder { id: None, name: "Contacts".into() },
        Source::Folder { id: Some("cf-suppliers".into()), name: "Suppliers \u{1b}[31m".into() },
        Source::People,
        Source::Directory,
    ]
}

fn pavel() -> Contact {
    Contact {
        id: "c-pavel".into(),
        name: "Pavel Bansky".into(),
        given_name: "Pavel".into(),
        surname: "Bansky".into(),
        emails: vec![
            Mailbox { name: "Pavel Bansky".into(), address: "pavelb@fabrikam.example".into() },
            Mailbox { name: String::new(), address: "pavel@home.example".into() },
        ],
        phones: vec![
            ContactPhone { kind: PhoneKind::Mobile, number: "+1 412 555 0109".into() },
            ContactPhone { kind: PhoneKind::Business, number: "+1 732 555 0102".into() },
        ],
        company: Some("Fabrikam".into()),
        title: Some("Product Manager".into()),
        addresses: vec![(
            AddressKind::Business,
            PostalAddress {
                street: "123 Some Street".into(),
                city: "Seattle".into(),
                state: "WA".into(),
                postal_code: "98121".into(),
                country: "United States".into(),
            },
        )],
        birthday: NaiveDate::from_ymd_opt(1984, 5, 17),
        notes: "Met at the Lisbon fair.\u{1b}]0;pwned\u{7} Prefers calls.".into(),
        categories: vec!["Suppliers".into()],
        ..Contact::default()
    }
}

fn contacts() -> Vec<Entry> {
    let plain = |id: &str, name: &str, address: &str, company: &str| {
        Entry::Contact(Box::new(Contact {
            id: id.into(),
            name: name.into(),
            emails: vec![Mailbox { name: name.into(), address: address.into() }],
            company: Some(company.into()),
            ..Contact::default()
        }))
    };
    vec![
        plain("c-ada", "Ada Lovelace", "ada@analytical.example", "Analytical Engines"),
        Entry::Contact(Box::new(pavel())),
        plain("c-zoe", "Zoë Quinn", "zoe@quinn.example", "Self-employed"),
    ]
}

fn colleague() -> Entry {
    Entry::Colleague(Colleague {
        id: "u-megan".into(),
        name: "Megan Bowen".into(),
        email: Some("MeganB@contoso.test".into()),
        title: Some("Marketing Manager".into()),
        department: Some("Marketing".into()),
        company: Some("Contoso".into()),
        office: Some("12/1110".into()),
        phones: vec!["+1 412 555 0109".into()],
        in_directory: true,
    })
}

/// The pane shown and its sources answered; returns the default folder's load generation.
fn people_store(width: u16, height: u16) -> (Store, u64) {
    let mut store = Store::new("adele@contoso.test", ZONE, width, height);
    let generation = match update(&mut store, Action::ShowPane(Pane::People)).as_slice() {
        [Effect::People(PeopleEffect::LoadSources { generation })] => *generation,
        other => panic!("expected the sources load, got {other:?}"),
    };
    let effects = update(&mut store, Msg::People(PeopleMsg::Sources { generation, result: Ok(sources()) }));
    let generation = match effects.as_slice() {
        [Effect::People(PeopleEffect::LoadEntries { generation, .. })] => *generation,
        other => panic!("expected the contacts load, got {other:?}"),
    };
    (store, generation)
}

fn loaded(width: u16, height: u16) -> Store {
    let (mut store, generation) = people_store(width, height);
    update(&mut store, Msg::People(PeopleMsg::Entries { generation, result: Ok(contacts()) }));
    store
}

/// The directory opened and searched for "megan"; returns the search's generation.
fn searched_directory(width: u16, height: u16) -> (Store, u64) {
    let (mut store, _) = people_store(width, height);
    for _ in 0..3 {
        update(&mut store, Action::Down);
    }
    update(&mut store, Action::StartFilter);
    for c in "megan".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let generation = match update(&mut store, Action::TextSubmit).as_slice() {
        [Effect::People(PeopleEffect::LoadEntries { generation, .. })] => *generation,
        other => panic!("expected the directory search, got {other:?}"),
    };
    (store, generation)
}

#[test]
fn people_loaded_with_a_contacts_card() {
    let mut store = loaded(120, 26);
    update(&mut store, Action::Open);
    update(&mut store, Action::Down);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn people_a_colleagues_card_says_why_the_manager_is_not_shown() {
    let (mut store, generation) = searched_directory(120, 20);
    update(&mut store, Msg::People(PeopleMsg::Entries { generation, result: Ok(vec![colleague()]) }));
    update(&mut store, Action::Open);
    let why = "reading a colleague's manager needs the permission User.Read.All, which this sign-in was not \
               granted: the app registration must include it (delegated, with admin consent) and `o365 login \
               --scopes User.Read.All` asks for it";
    let result = Err(why.into());
    update(&mut store, Msg::People(PeopleMsg::Manager { user_id: "u-megan".into(), result }));
    insta::assert_snapshot!(draw(&store).backend());
}

/// With `User.ReadBasic.All` (the default), the directory gives a colleague's name and
/// addresses only: the card shows what there is, and no empty Title or Department lines.
#[test]
fn people_a_colleague_with_only_the_basic_profile() {
    let (mut store, generation) = searched_directory(120, 16);
    let basic = Entry::Colleague(Colleague {
        id: "u-megan".into(),
        name: "Megan Bowen".into(),
        email: Some("MeganB@contoso.test".into()),
        title: None,
        department: None,
        company: None,
        office: None,
        phones: Vec::new(),
        in_directory: true,
    });
    update(&mut store, Msg::People(PeopleMsg::Entries { generation, result: Ok(vec![basic]) }));
    update(&mut store, Action::Open);
    let result = Err("reading a colleague's manager needs the permission User.Read.All".into());
    update(&mut store, Msg::People(PeopleMsg::Manager { user_id: "u-megan".into(), result }));
    let screen = draw(&store).backend().to_string();
    for absent in ["Title", "Department", "Company", "Office", "Phone"] {
        assert!(!screen.contains(absent), "{absent} shows with nothing in it:\n{screen}");
    }
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn people_empty() {
    let (mut store, generation) = people_store(100, 10);
    update(&mut store, Msg::People(PeopleMsg::Entries { generation, result: Ok(Vec::new()) }));
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn people_failed() {
    let (mut store, generation) = people_store(100, 10);
    let result = Err("HTTP 403: the sign-in lacks Contacts.Read".into());
    update(&mut store, Msg::People(PeopleMsg::Entries { generation, result }));
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn people_narrow_shows_one_column() {
    let mut store = loaded(60, 16);
    let sources = draw(&store);
    update(&mut store, Action::Open);
    let entries = draw(&store);
    update(&mut store, Action::Down);
    update(&mut store, Action::Open);
    let card = draw(&store);
    insta::assert_snapshot!(format!("{}\n{}\n{}", sources.backend(), entries.backend(), card.backend()));
}

#[test]
fn people_a_personal_account_has_no_directory() {
    let (mut store, _) = people_store(100, 10);
    store.people.personal_account = true;
    for _ in 0..3 {
        update(&mut store, Action::Down);
    }
    update(&mut store, Action::StartFilter);
    insta::assert_snapshot!(draw(&store).backend());
}

fn settings() -> MailboxSettings {
    MailboxSettings {
        replies: AutoReplies {
            state: RepliesState::Scheduled {
                start: Utc.with_ymd_and_hms(2026, 12, 21, 7, 0, 0).unwrap(),
                end: Utc.with_ymd_and_hms(2027, 1, 4, 17, 0, 0).unwrap(),
            },
            audience: Audience::Contacts,
            internal: "Away until 4 January.\nAsk Ben for anything urgent.".into(),
            external: "Out of the office until 4 January.".into(),
        },
        time_zone: Some("Romance Standard Time".into()),
        working_hours: Some(WorkingHours {
            days: ["monday", "tuesday", "wednesday", "thursday", "friday"].map(String::from).to_vec(),
            start: "08:30:00.0000000".into(),
            end: "17:30:00.0000000".into(),
            zone: "Romance Standard Time".into(),
        }),
        language: Some(("French (France)".into(), "fr-FR".into())),
    }
}

#[test]
fn settings_screen() {
    let mut store = loaded(100, 24);
    let generation = match update(&mut store, Action::ToggleSettings).as_slice() {
        [Effect::Settings(SettingsEffect::Load { generation })] => *generation,
        other => panic!("expected the settings load, got {other:?}"),
    };
    let loading = draw(&store);
    update(&mut store, Msg::Settings(SettingsMsg::Loaded { generation, result: Ok(Box::new(settings())) }));
    let shown = draw(&store);
    insta::assert_snapshot!(format!("{}\n{}", loading.backend(), shown.backend()));
}

#[test]
fn settings_screen_at_80x24() {
    let mut store = loaded(80, 24);
    let generation = match update(&mut store, Action::ToggleSettings).as_slice() {
        [Effect::Settings(SettingsEffect::Load { generation })] => *generation,
        other => panic!("expected the settings load, got {other:?}"),
    };
    update(&mut store, Msg::Settings(SettingsMsg::Loaded { generation, result: Ok(Box::new(settings())) }));
    insta::assert_snapshot!(draw(&store).backend());
}
