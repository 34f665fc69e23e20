//! Contact edits from the people pane: `a` adds and `e` edits a contact as text (in `$EDITOR`
//! when one is set, else in the built-in form), `d` deletes one after a yes/no question. The
//! change shows at once and its write is queued with what to put back (`answers.rs`).
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::super::super::action::Action;
use super::super::super::effect::Effect;
use super::super::super::effect::compose::EditorJob;
use super::super::super::effect::people::ContactWrite;
use super::super::super::store::Store;
use super::super::super::store::people::{ContactForm, ContactUndo, Entry, PeopleFocus, PeoplePrompt, Source};
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::prompt::Answered;
use super::super::{notify, report_error};
use super::answers::send;
use super::relayout;
use crate::domain::Contact;
use crate::domain::contact::card_text;

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    match action {
        Action::Add => add(store),
        Action::Rename => match store.people.selected_entry().cloned() {
            Some(Entry::Contact(contact)) => begin(store, *contact),
            Some(Entry::Colleague(colleague)) => {
                notify(store, format!("{} is in the directory, not your contacts: a adds a contact", colleague.name));
                Vec::new()
            }
            None => Vec::new(),
        },
        Action::Delete => match store.people.selected_entry().cloned() {
            Some(Entry::Contact(contact)) => {
                let title = format!("Delete the contact {}?", contact.shown_name());
                store.prompt =
                    Some(Prompt::yes_no(title, Purpose::People(PeoplePrompt::DeleteContact { id: contact.id })));
                Vec::new()
            }
            Some(Entry::Colleague(_)) => {
                notify(store, "Only your own contacts can be deleted".into());
                Vec::new()
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// A new contact in the open folder (the default one when a colleague list is open), filled
/// with the selected colleague's name and address when there is one.
fn add(store: &mut Store) -> Vec<Effect> {
    let folder_id = store.people.open.as_ref().and_then(Source::folder_id).map(str::to_owned);
    let mut contact = Contact { folder_id, ..Contact::default() };
    if let Some(Entry::Colleague(colleague)) = store.people.selected_entry() {
        contact.name = colleague.name.clone();
        contact.emails = colleague
            .email
            .iter()
            .map(|address| crate::domain::Mailbox { name: colleague.name.clone(), address: address.clone() })
            .collect();
        contact.company = colleague.company.clone();
        contact.title = colleague.title.clone();
        contact.department = colleague.department.clone();
        contact.office = colleague.office.clone();
    }
    begin(store, contact)
}

/// Editing `contact` begins: in `$EDITOR` when set (the loop runs it), else in the form.
fn begin(store: &mut Store, contact: Contact) -> Vec<Effect> {
    let text = card_text::to_text(&contact);
    match (&store.compose.env.editor, &store.compose.env.dirs) {
        (Some(command), Some(dirs)) => {
            let job = EditorJob { command: command.clone(), path: dirs.new_path("contact", "txt"), text };
            store.people.editing = Some(contact);
            vec![Effect::EditContact(job)]
        }
        _ => {
            let lines: Vec<String> = text.lines().map(str::to_owned).collect();
            let mut area = TextArea::new(lines);
            area.set_cursor_line_style(ratatui::style::Style::default());
            // The cursor starts on the first field's value.
            area.move_cursor(ratatui_textarea::CursorMove::Jump(3, 6));
            store.people.form = Some(ContactForm { base: contact, text: area, original: text, problem: None });
            Vec::new()
        }
    }
}

/// A key for the built-in form: `Save` and `Cancel` close it, anything else edits the text.
pub(in crate::tui::update) fn form_key(store: &mut Store, key: Option<KeyEvent>, save: bool) -> Vec<Effect> {
    let Some(form) = store.people.form.as_mut() else { return Vec::new() };
    if let Some(key) = key {
        form.text.input(key);
        form.problem = None;
        return Vec::new();
    }
    if !save {
        store.people.form = None;
        notify(store, "Not saved".into());
        return Vec::new();
    }
    let mut text = form.text.lines().join("\n");
    text.push('\n');
    // An existing contact left as it was saves nothing; a new one (perhaps filled from a
    // colleague's card) is saved as shown.
    if !form.base.id.is_empty() && text.trim_end() == form.original.trim_end() {
        store.people.form = None;
        notify(store, "Unchanged: nothing saved".into());
        return Vec::new();
    }
    match card_text::from_text(&text, &form.base) {
        Ok(contact) => {
            store.people.form = None;
            save_contact(store, contact)
        }
        Err(error) => {
            form.problem = Some(error.to_string());
            Vec::new()
        }
    }
}

/// What `$EDITOR` left: the contact it describes is saved; an unchanged text saves nothing.
pub(super) fn edited(store: &mut Store, result: Result<String, String>) -> Vec<Effect> {
    let Some(base) = store.people.editing.take() else { return Vec::new() };
    match result.map_err(|e| e.to_string()).and_then(|text| {
        if !base.id.is_empty() && text.trim_end() == card_text::to_text(&base).trim_end() {
            return Ok(None);
        }
        card_text::from_text(&text, &base).map(Some).map_err(|e| e.to_string())
    }) {
        Ok(Some(contact)) => save_contact(store, contact),
        Ok(None) => {
            notify(store, "Unchanged: nothing saved".into());
            Vec::new()
        }
        Err(reason) => {
            report_error(store, format!("The contact was not saved: {reason}"));
            Vec::new()
        }
    }
}

/// Shows the contact at once (a new one under a local id) and queues its write.
fn save_contact(store: &mut Store, mut contact: Contact) -> Vec<Effect> {
    let name = contact.shown_name();
    if contact.id.is_empty() {
        let local_id = store.people.writes.local_id();
        contact.id = local_id.clone();
        let shows_folder =
            store.people.open.as_ref().is_some_and(|s| s.is_folder() && s.folder_id() == contact.folder_id.as_deref());
        if shows_folder && let Some(entries) = store.people.entries.ready_mut() {
            entries.push(Entry::Contact(Box::new(contact.clone())));
            store.people.entry_cursor.selected = entries.len() - 1;
            store.people.focus = PeopleFocus::Entries;
            relayout(store);
        }
        let write = ContactWrite::Create { folder_id: contact.folder_id.clone(), contact: Box::new(contact) };
        return send(store, write, ContactUndo::Created { local_id }, format!("Adding the contact {name}"));
    }
    let Some(entries) = store.people.entries.ready_mut() else { return Vec::new() };
    let Some(shown) = entries.iter_mut().find(|e| e.id() == contact.id) else { return Vec::new() };
    let before = match std::mem::replace(shown, Entry::Contact(Box::new(contact.clone()))) {
        Entry::Contact(before) => before,
        Entry::Colleague(_) => return Vec::new(),
    };
    let write = ContactWrite::Update { id: contact.id.clone(), contact: Box::new(contact) };
    send(store, write, ContactUndo::Changed { before }, format!("Saving the contact {name}"))
}

/// The answer to a people prompt.
pub(in crate::tui::update) fn answer(store: &mut Store, asked: PeoplePrompt, answer: &str) -> Answered {
    match asked {
        PeoplePrompt::Search => Ok(super::search(store, answer)),
        PeoplePrompt::DeleteContact { id } => Ok(delete(store, id)),
    }
}

fn delete(store: &mut Store, id: String) -> Vec<Effect> {
    let Some(entries) = store.people.entries.ready_mut() else { return Vec::new() };
    let Some(index) = entries.iter().position(|e| e.id() == id) else { return Vec::new() };
    let Entry::Contact(contact) = entries.remove(index) else { return Vec::new() };
    relayout(store);
    let what = format!("Deleting the contact {}", contact.shown_name());
    send(store, ContactWrite::Delete { id }, ContactUndo::Deleted { index, contact }, what)
}
