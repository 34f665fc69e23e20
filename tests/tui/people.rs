//! The People pane end to end: `update` and the real worker against the simulated tenant over
//! loopback. A colleague found in the directory is added as a contact (`a`, the form filled
//! from their card, saved), edited in the form (`e`), and deleted (`d`, asked first), each
//! checked in the tenant's own state.
use crate::harness;

use harness::Harness;
use o365::tui::action::{Action, Pane, PeopleAction};
use o365::tui::driver::Driver;
use o365::tui::store::Store;
use o365::tui::store::people::{Entry, Source};
use o365::tui::update::Input;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

struct Pane5 {
    driver: Driver,
}

impl Pane5 {
    async fn open(h: &Harness) -> Pane5 {
        let store = Store::new("adele@contoso.test", chrono_tz::Tz::UTC, 140, 40);
        let mut pane = Pane5 { driver: Driver::new(store, h.client()) };
        pane.apply(Action::ShowPane(Pane::People)).await;
        pane
    }

    /// Feeds `input` through `update`, then the worker's answers until nothing is pending.
    async fn apply(&mut self, input: impl Into<Input>) {
        self.driver.apply(input);
        self.driver
            .settle(|store| {
                let people = &store.people;
                people.sources.is_loading() || people.entries.is_loading() || people.writes.is_busy()
            })
            .await;
    }

    async fn type_in(&mut self, text: &str) {
        for c in text.chars() {
            self.apply(Action::TextInput(c)).await;
        }
        self.apply(Action::TextSubmit).await;
    }

    /// Opens the source `wanted` from the sources column.
    async fn open_source(&mut self, wanted: &Source) {
        self.apply(Action::Back).await;
        self.apply(Action::Back).await;
        let sources = self.driver.store.people.sources.ready().expect("the sources").clone();
        let at = sources.iter().position(|s| s == wanted).expect("the source is listed");
        self.apply(Action::Top).await;
        for _ in 0..at {
            self.apply(Action::Down).await;
        }
        self.apply(Action::Open).await;
    }

    /// Selects the entry called `name` in the middle column.
    async fn select(&mut self, name: &str) {
        let entries = self.driver.store.people.entries.ready().expect("the people").clone();
        let at = entries.iter().position(|e| e.name() == name).unwrap_or_else(|| panic!("{name} is listed"));
        self.apply(Action::Top).await;
        for _ in 0..at {
            self.apply(Action::Down).await;
        }
    }
}

fn contacts_called(h: &Harness, name: &str) -> Vec<Value> {
    let tenant = h.state.tenant.read().unwrap();
    tenant.contacts.iter().filter(|c| c["displayName"] == name).cloned().collect()
}

#[tokio::test]
async fn a_colleague_becomes_a_contact_then_is_edited_and_deleted_in_the_tenant() {
    let h = harness::start().await;
    let mut pane = Pane5::open(&h).await;
    pane.open_source(&Source::Directory).await;
    pane.apply(Action::StartFilter).await;
    pane.type_in("megan").await;
    let entries = pane.driver.store.people.entries.ready().expect("found").clone();
    let Some(Entry::Colleague(megan)) = entries.first() else { panic!("a colleague: {entries:?}") };
    let (name, address) = (megan.name.clone(), megan.email.clone().expect("an address"));

    // `a` on the colleague: the form, filled from the card; saved as shown.
    pane.apply(Action::Add).await;
    assert!(pane.driver.store.people.form.is_some(), "the contact form is open");
    pane.apply(Action::People(PeopleAction::FormSave)).await;
    let made = contacts_called(&h, &name);
    assert_eq!(made.len(), 1, "one contact called {name}");
    assert_eq!(made[0]["emailAddresses"][0]["address"], address.as_str());

    // `e` in the default folder: the form's first field is the name; typed before it.
    pane.open_source(&Source::Folder { id: None, name: "Contacts".into() }).await;
    pane.select(&name).await;
    pane.apply(Action::Rename).await;
    for c in "Dr ".chars() {
        pane.apply(Action::People(PeopleAction::FormKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))).await;
    }
    pane.apply(Action::People(PeopleAction::FormSave)).await;
    let renamed = format!("Dr {name}");
    assert!(contacts_called(&h, &name).is_empty());
    let edited = contacts_called(&h, &renamed);
    assert_eq!(edited.len(), 1, "renamed in place: {edited:?}");
    assert_eq!(edited[0]["id"], made[0]["id"]);

    // `d` asks; a deliberate `y` deletes.
    pane.select(&renamed).await;
    pane.apply(Action::Delete).await;
    assert!(pane.driver.store.prompt.as_ref().unwrap().title.contains(&renamed));
    pane.apply(Action::TextInput('y')).await;
    assert!(contacts_called(&h, &renamed).is_empty(), "gone from the tenant");
    assert!(pane.driver.store.people.entries.ready().unwrap().iter().all(|e| e.name() != renamed));
}
