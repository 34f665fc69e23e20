//! Contact writes' way out and back: `send` queues a write already shown and hands the worker
//! the next one; an answer takes the service's version (a real id for a new contact) or,
//! refused, puts back exactly what the write changed and says so.
use super::super::super::effect::Effect;
use super::super::super::effect::people::{ContactWrite, OpId, PeopleEffect};
use super::super::super::msg::Outcome;
use super::super::super::store::Store;
use super::super::super::store::people::pending::PendingContact;
use super::super::super::store::people::{ContactUndo, Entry};
use super::super::report_error;
use super::relayout;
use crate::domain::Contact;

pub(super) fn send(store: &mut Store, write: ContactWrite, undo: ContactUndo, what: String) -> Vec<Effect> {
    // Offline, what the store shows already is put back at once (the write is not queued).
    if super::super::sync::refuse_offline_change(store, &what) {
        roll_back(store, undo);
        relayout(store);
        return Vec::new();
    }
    store.people.writes.push(write, PendingContact { undo, what });
    next_write(store)
}

fn next_write(store: &mut Store) -> Vec<Effect> {
    match store.people.writes.next_to_send() {
        Some((op, write)) => vec![Effect::People(PeopleEffect::Write { op, write })],
        None => Vec::new(),
    }
}

pub(super) fn on_written(store: &mut Store, op: OpId, result: Outcome<Option<Box<Contact>>>) -> Vec<Effect> {
    let Some(pending) = store.people.writes.answered(op) else { return Vec::new() };
    match result {
        Ok(answer) => reconcile(store, pending.undo, answer),
        Err(reason) => {
            roll_back(store, pending.undo);
            report_error(store, format!("{} failed: {reason}", pending.what));
        }
    }
    relayout(store);
    next_write(store)
}

fn shown_mut<'a>(store: &'a mut Store, id: &str) -> Option<&'a mut Entry> {
    store.people.entries.ready_mut()?.iter_mut().find(|e| e.id() == id)
}

fn reconcile(store: &mut Store, undo: ContactUndo, answer: Option<Box<Contact>>) {
    let Some(contact) = answer else { return };
    let id = match &undo {
        ContactUndo::Created { local_id } => local_id.clone(),
        ContactUndo::Changed { before } => before.id.clone(),
        ContactUndo::Deleted { .. } => return,
    };
    if let ContactUndo::Created { local_id } = &undo {
        store.people.writes.rename_in_queue(local_id, &contact.id);
    }
    if let Some(shown) = shown_mut(store, &id) {
        *shown = Entry::Contact(contact);
    }
}

fn roll_back(store: &mut Store, undo: ContactUndo) {
    let Some(entries) = store.people.entries.ready_mut() else { return };
    match undo {
        ContactUndo::Created { local_id } => entries.retain(|e| e.id() != local_id),
        ContactUndo::Changed { before } => {
            if let Some(shown) = entries.iter_mut().find(|e| e.id() == before.id) {
                *shown = Entry::Contact(before);
            }
        }
        ContactUndo::Deleted { index, contact } => {
            let at = index.min(entries.len());
            entries.insert(at, Entry::Contact(contact));
            if at < store.people.entry_cursor.selected {
                store.people.entry_cursor.selected += 1;
            }
        }
    }
}
