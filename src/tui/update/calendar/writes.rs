//! Event writes' way out and back: `send` queues a write already shown (with what to put
//! back) and hands the worker the next one; an answer takes the service's version of the
//! event (its real id for one made here) or, refused, puts back exactly what the write changed
//! and says why. A write that changes a series loads the period again once it is done.
use super::super::super::effect::Effect;
use super::super::super::effect::calendar::{CalendarEffect, EventWrite, OpId};
use super::super::super::msg::Outcome;
use super::super::super::msg::calendar::Written;
use super::super::super::msg::{Failure, FailureKind};
use super::super::super::store::Store;
use super::super::super::store::calendar::writes::{EventUndo, PendingEvent};
use super::super::{notify, report_error};
use super::{rebuild, refresh_quietly};
use crate::domain::Event;

/// Queues a write already shown in the store; it goes out when the ones before it are answered.
pub(super) fn send(store: &mut Store, write: EventWrite, undo: EventUndo, what: String, reload: bool) -> Vec<Effect> {
    // Offline, what the store shows already is put back at once (the write is not queued).
    if super::super::sync::refuse_offline_change(store, &what) {
        roll_back(store, undo);
        return Vec::new();
    }
    store.calendar.writes.push(write, PendingEvent { undo, what, reload });
    next_write(store)
}

fn next_write(store: &mut Store) -> Vec<Effect> {
    match store.calendar.writes.next_to_send() {
        Some((op, write)) => vec![Effect::Calendar(CalendarEffect::Write { op, write })],
        None => Vec::new(),
    }
}

pub(super) fn on_written(store: &mut Store, op: OpId, result: Outcome<Written>) -> Vec<Effect> {
    let Some(pending) = store.calendar.writes.answered(op) else { return Vec::new() };
    let mut effects = Vec::new();
    match result {
        Ok(written) => {
            let reload = pending.reload || matches!(&written, Written::Event(e) if e.is_recurring);
            reconcile(store, &pending.undo, written);
            notify(store, format!("{}: done", pending.what));
            if store.calendar.agenda.is_loading() {
                // A load sent before this write may not have it: ask again.
                effects.extend(super::reload(store));
            } else if reload && !store.calendar.writes.is_busy() {
                effects.extend(refresh_quietly(store));
            }
        }
        Err(reason) => {
            let read_only = refused_read_only(store, &pending.undo, &reason);
            roll_back(store, pending.undo);
            let text = match read_only {
                Some(name) => format!("{} failed: «{name}» is shared with you to read only ({reason})", pending.what),
                None => format!("{} failed: {reason}", pending.what),
            };
            report_error(store, text);
        }
    }
    effects.extend(next_write(store));
    effects
}

/// The calendar's name when the service refused access (403) to a write into a calendar the
/// user may only read (a colleague's, shared read-only): Graph's own words do not say that.
fn refused_read_only(store: &Store, undo: &EventUndo, reason: &Failure) -> Option<String> {
    if !matches!(&reason.kind, FailureKind::Service { status: 403, .. }) {
        return None;
    }
    let shown = store.calendar.agenda.ready().map(|a| a.events.as_slice()).unwrap_or_default();
    let added = undo.added.iter().filter_map(|id| shown.iter().find(|e| &e.id == id));
    let touched = added.chain(&undo.changed).chain(&undo.removed);
    let calendar_ids: Vec<&str> = touched.filter_map(|e| e.calendar_id.as_deref()).collect();
    let calendars = &store.calendar.calendars;
    calendar_ids
        .iter()
        .find_map(|id| calendars.iter().find(|c| c.id == *id && !c.can_edit && !c.is_default))
        .map(|c| c.name.clone())
}

/// The service's version of a created or changed event replaces the one shown.
fn reconcile(store: &mut Store, undo: &EventUndo, written: Written) {
    let Written::Event(event) = written else { return };
    let shown_id = undo.added.first().cloned().or_else(|| undo.changed.first().map(|e| e.id.clone()));
    let Some(shown_id) = shown_id else { return };
    let real = event.id.clone();
    if let Some(agenda) = store.calendar.agenda.ready_mut()
        && let Some(shown) = agenda.events.iter_mut().find(|e| e.id == shown_id)
    {
        let calendar_id = shown.calendar_id.clone();
        *shown = Event { calendar_id: event.calendar_id.clone().or(calendar_id), ..*event };
    }
    if shown_id != real {
        store.calendar.writes.rename_in_queue(&shown_id, &real);
    }
    rebuild(store);
}

/// The service refused: events made here go (with the writes waiting to change them), changed
/// ones are as they were, removed ones come back; an invitation's answer in the reader too.
fn roll_back(store: &mut Store, undo: EventUndo) {
    for id in &undo.added {
        store.calendar.writes.drop_writes_to(id);
    }
    if let Some(agenda) = store.calendar.agenda.ready_mut() {
        agenda.events.retain(|e| !undo.added.contains(&e.id));
        for before in undo.changed {
            match agenda.events.iter_mut().find(|e| e.id == before.id) {
                Some(shown) => *shown = before,
                None => agenda.events.push(before),
            }
        }
        for removed in undo.removed {
            if !agenda.events.iter().any(|e| e.id == removed.id) {
                agenda.events.push(removed);
            }
        }
    }
    if let (Some(before), Some(invitation)) = (undo.invitation_answer, store.calendar.invitation.as_mut())
        && let Some(event) = invitation.event.as_mut()
    {
        event.my_response = before;
    }
    rebuild(store);
}
