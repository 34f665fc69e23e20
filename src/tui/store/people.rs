//! The people pane's part of the store: where people come from (the contact folders, the
//! people Graph ranks, the organisation's directory), the people of the one open, the card of
//! the selected one (a colleague's manager is fetched for it), the contact being edited and the
//! contact writes not yet answered.
pub mod pending;

use std::collections::BTreeMap;

use super::super::loadable::Loadable;
use super::mail::Cursor;
use crate::domain::Contact;
pub use crate::tui::layout::people::PeopleFocus;
pub use pending::{ContactUndo, ContactWrites};

/// What the pane says when the directory is asked for on a personal account.
pub const NO_DIRECTORY: &str = "A personal Microsoft account has no organisation directory";

/// A collection this pane loads; `r` loads again what the pane shows.
pub type Remote<T> = Loadable<T, ()>;

/// Where people come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A contact folder: `None` is the default one ("Contacts").
    Folder { id: Option<String>, name: String },
    /// `/me/people`: the people Graph ranks as relevant.
    People,
    /// The organisation's directory, searched.
    Directory,
}

impl Source {
    pub fn title(&self) -> &str {
        match self {
            Source::Folder { name, .. } => name,
            Source::People => "People you work with",
            Source::Directory => "Directory",
        }
    }

    pub fn is_folder(&self) -> bool {
        matches!(self, Source::Folder { .. })
    }

    pub fn folder_id(&self) -> Option<&str> {
        match self {
            Source::Folder { id, .. } => id.as_deref(),
            _ => None,
        }
    }
}

/// Someone from `/me/people` or the directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Colleague {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub company: Option<String>,
    pub office: Option<String>,
    pub phones: Vec<String>,
    /// A member of the organisation (a directory user), whose manager can be asked for.
    pub in_directory: bool,
}

/// One row of the middle column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Boxed: a contact has every field Graph has, a colleague a handful.
    Contact(Box<Contact>),
    Colleague(Colleague),
}

impl Entry {
    pub fn name(&self) -> String {
        match self {
            Entry::Contact(contact) => contact.shown_name(),
            Entry::Colleague(colleague) => colleague.name.clone(),
        }
    }

    pub fn email(&self) -> Option<&str> {
        match self {
            Entry::Contact(contact) => contact.first_email(),
            Entry::Colleague(colleague) => colleague.email.as_deref(),
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Entry::Contact(contact) => &contact.id,
            Entry::Colleague(colleague) => &colleague.id,
        }
    }
}

/// A colleague's manager, for the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManagerLine {
    Loading,
    /// "Name <address>", or none.
    Known(Option<String>),
    /// Why it is not shown (User.Read.All is an administrator's permission).
    Unavailable(String),
}

/// What a people prompt asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeoplePrompt {
    /// A search term for the open source.
    Search,
    DeleteContact {
        id: String,
    },
}

/// The contact being edited in the built-in form.
#[derive(Debug, Clone)]
pub struct ContactForm {
    /// The contact as it was (`Contact::default()` with a folder for a new one).
    pub base: Contact,
    pub text: ratatui_textarea::TextArea<'static>,
    /// The text it opened with, to tell an untouched form from an edited one.
    pub original: String,
    /// Why the text could not be taken (a line that does not read), shown in the form.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct PeopleState {
    pub focus: PeopleFocus,
    pub sources: Remote<Vec<Source>>,
    pub source_cursor: Cursor,
    /// The source whose people are shown (or being loaded).
    pub open: Option<Source>,
    pub entries: Remote<Vec<Entry>>,
    pub entry_cursor: Cursor,
    /// What the open source was searched for (`/`); the directory needs one.
    pub search: Option<String>,
    /// A personal Microsoft account: it has no directory (set at start-up).
    pub personal_account: bool,
    /// Managers by user id, for directory cards.
    pub managers: BTreeMap<String, ManagerLine>,
    /// The contact being edited in the built-in form.
    pub form: Option<ContactForm>,
    /// The contact an `$EDITOR` run edits, until its text comes back.
    pub editing: Option<Contact>,
    pub writes: ContactWrites,
}

impl PeopleState {
    pub fn selected_source(&self) -> Option<&Source> {
        self.sources.ready()?.get(self.source_cursor.selected)
    }

    pub fn source_count(&self) -> usize {
        self.sources.ready().map_or(0, Vec::len)
    }

    pub fn entry_count(&self) -> usize {
        self.entries.ready().map_or(0, Vec::len)
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.entries.ready()?.get(self.entry_cursor.selected)
    }

    /// What is loading or saving, for the status bar.
    pub fn loading_what(&self) -> Vec<&'static str> {
        let mut what = Vec::new();
        if self.sources.is_loading() {
            what.push("contact folders");
        }
        if self.entries.is_loading() {
            what.push("people");
        }
        if self.writes.is_busy() {
            what.push("saving");
        }
        what
    }
}
