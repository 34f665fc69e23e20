//! The questions before a write of the calendar and their answers: "only this occurrence or
//! the whole series?" (asked every time an occurrence is edited, deleted or answered), a
//! meeting the user organizes cancelled with a message, someone else's declined or removed,
//! an invitation answered with a comment and told to the organizer or not (also from the
//! mail reader). Each write shows at once and is put back if the service refuses it.
use super::super::super::effect::Effect;
use super::super::super::effect::calendar::EventWrite;
use super::super::super::store::Store;
use super::super::super::store::calendar::writes::EventUndo;
use super::super::super::store::calendar::{CalendarPrompt, Then};
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::notify;
use super::super::prompt::Answered;
use super::writes::send;
use super::{form, free_busy, rebuild};
use crate::domain::calendar::Answer;
use crate::domain::{Event, EventType};
use crate::sanitize;

fn ask(store: &mut Store, prompt: Prompt) -> Vec<Effect> {
    store.prompt = Some(prompt);
    Vec::new()
}

fn calendar_prompt(asked: CalendarPrompt) -> Purpose {
    Purpose::Calendar(asked)
}

fn subject(event: &Event) -> String {
    let subject = if event.subject.is_empty() { "(no subject)" } else { event.subject.as_str() };
    crate::human::fit(&sanitize::line(subject), 40)
}

fn in_series(event: &Event) -> bool {
    matches!(event.kind, Some(EventType::Occurrence | EventType::Exception)) && event.series_master_id.is_some()
}

/// An event of the period by id.
fn loaded(store: &Store, id: &str) -> Option<Event> {
    store.calendar.agenda.ready()?.events.iter().find(|e| e.id == id).cloned()
}

/// Starts `then` on the selected event: first, for an occurrence, which part of the series.
fn begin(store: &mut Store, then: Then) -> Vec<Effect> {
    let Some(event) = store.calendar.selected_event().cloned() else {
        notify(store, "No event selected".to_owned());
        return Vec::new();
    };
    if in_series(&event) {
        let verb = match &then {
            Then::Edit => "Edit",
            Then::Delete => "Delete",
            Then::Answer(answer) => answer.verb(),
        };
        let options = vec![('o', "only this occurrence".to_owned()), ('s', "the whole series".to_owned())];
        let title = format!("{verb} «{}»: it repeats", subject(&event));
        return ask(
            store,
            Prompt::choice(title, options, calendar_prompt(CalendarPrompt::Scope { event_id: event.id, then })),
        );
    }
    go_on(store, &event, event.id.clone(), false, then)
}

pub(super) fn edit_selected(store: &mut Store) -> Vec<Effect> {
    begin(store, Then::Edit)
}

pub(super) fn delete_selected(store: &mut Store) -> Vec<Effect> {
    begin(store, Then::Delete)
}

pub(super) fn answer_selected(store: &mut Store, answer: Answer) -> Vec<Effect> {
    begin(store, Then::Answer(answer))
}

/// `then` on `target` (the occurrence itself, or its series' master when `series`).
fn go_on(store: &mut Store, event: &Event, target: String, series: bool, then: Then) -> Vec<Effect> {
    match then {
        Then::Edit => form::open_edit(store, event, target, series),
        Then::Delete => ask_delete(store, event, target, series),
        Then::Answer(answer) => ask_comment(store, event, target, series, answer),
    }
}

fn ask_delete(store: &mut Store, event: &Event, target: String, series: bool) -> Vec<Effect> {
    let what = if series { "the whole series".to_owned() } else { format!("«{}»", subject(event)) };
    if event.is_organizer && !event.attendees.is_empty() {
        let title = format!("Cancel {what} for its attendees: a message for them (may be empty)");
        return ask(store, Prompt::text(title, "", calendar_prompt(CalendarPrompt::CancelMessage { target, series })));
    }
    if !event.is_organizer && event.organizer.is_some() && !event.attendees.is_empty() {
        let organizer = event.organizer.as_ref().map(crate::render::mailbox).unwrap_or_default();
        let title = format!("{what} is {}'s meeting", sanitize::line(&organizer));
        let options = vec![('d', "decline it (tells the organizer)".to_owned()), ('r', "only remove it".to_owned())];
        return ask(
            store,
            Prompt::choice(title, options, calendar_prompt(CalendarPrompt::DeclineOrRemove { target, series })),
        );
    }
    ask(store, Prompt::yes_no(format!("Delete {what}?"), calendar_prompt(CalendarPrompt::Delete { target, series })))
}

pub(super) fn ask_comment(
    store: &mut Store,
    event: &Event,
    target: String,
    series: bool,
    answer: Answer,
) -> Vec<Effect> {
    if event.is_organizer || event.organizer.is_none() {
        notify(store, format!("«{}» is your own event: there is no invitation to answer", subject(event)));
        return Vec::new();
    }
    let title = format!("{} «{}»: a comment for the organizer (may be empty)", answer.verb(), subject(event));
    ask(store, Prompt::text(title, "", calendar_prompt(CalendarPrompt::Comment { target, answer, series })))
}

/// The events a write to `target` touches among those loaded: it, and with `series` every
/// occurrence of it.
fn touched(store: &Store, target: &str, series: bool) -> Vec<Event> {
    let Some(agenda) = store.calendar.agenda.ready() else { return Vec::new() };
    agenda
        .events
        .iter()
        .filter(|e| e.id == target || (series && e.series_master_id.as_deref() == Some(target)))
        .cloned()
        .collect()
}

fn remove(store: &mut Store, target: &str, series: bool) -> Vec<Event> {
    let removed = touched(store, target, series);
    if let Some(agenda) = store.calendar.agenda.ready_mut() {
        agenda.events.retain(|e| !removed.iter().any(|r| r.id == e.id));
    }
    rebuild(store);
    removed
}

fn what_of(store: &Store, target: &str, series: bool) -> String {
    let name = loaded(store, target)
        .or_else(|| touched(store, target, series).into_iter().next())
        .or_else(|| store.calendar.invitation.as_ref().and_then(|i| i.event.clone()))
        .map(|e| subject(&e))
        .unwrap_or_else(|| "the event".to_owned());
    if series { format!("the series «{name}»") } else { format!("«{name}»") }
}

fn delete(store: &mut Store, target: String, series: bool) -> Vec<Effect> {
    let what = format!("Deleting {}", what_of(store, &target, series));
    let removed = remove(store, &target, series);
    let undo = EventUndo { removed, ..EventUndo::default() };
    send(store, EventWrite::Delete { id: target }, undo, what, false)
}

fn cancel(store: &mut Store, target: String, series: bool, message: &str) -> Vec<Effect> {
    let what = format!("Cancelling {}", what_of(store, &target, series));
    let removed = remove(store, &target, series);
    let undo = EventUndo { removed, ..EventUndo::default() };
    let message = Some(message.to_owned()).filter(|m| !m.is_empty());
    send(store, EventWrite::Cancel { id: target, message }, undo, what, false)
}

fn respond(
    store: &mut Store,
    target: String,
    series: bool,
    answer: Answer,
    comment: Option<String>,
    send_it: bool,
) -> Vec<Effect> {
    let told = if send_it { "telling the organizer" } else { "not telling the organizer" };
    let what = format!("{} {} ({told})", answer.verb(), what_of(store, &target, series));
    let changed = touched(store, &target, series);
    if let Some(agenda) = store.calendar.agenda.ready_mut() {
        for event in agenda.events.iter_mut().filter(|e| changed.iter().any(|c| c.id == e.id)) {
            event.my_response = Some(answer.response());
        }
    }
    let mut undo = EventUndo { changed, ..EventUndo::default() };
    if let Some(event) = store.calendar.invitation.as_mut().and_then(|i| i.event.as_mut()).filter(|e| e.id == target) {
        undo.invitation_answer = Some(event.my_response.replace(answer.response()));
    }
    rebuild(store);
    send(store, EventWrite::Respond { id: target, answer, comment, send: send_it }, undo, what, false)
}

/// The answer to one of the calendar's questions.
pub(in crate::tui::update) fn answer(store: &mut Store, asked: CalendarPrompt, typed: &str) -> Answered {
    Ok(match asked {
        CalendarPrompt::Scope { event_id, then } => {
            let Some(event) = loaded(store, &event_id) else { return Ok(Vec::new()) };
            match (typed, event.series_master_id.clone()) {
                ("s", Some(master)) => go_on(store, &event, master, true, then),
                ("s", None) => return Err("The series of this occurrence is not known".to_owned()),
                _ => go_on(store, &event, event_id, false, then),
            }
        }
        CalendarPrompt::CancelMessage { target, series } => cancel(store, target, series, typed),
        CalendarPrompt::Delete { target, series } => delete(store, target, series),
        CalendarPrompt::DeclineOrRemove { target, series } => match typed {
            "d" => {
                let title =
                    format!("Decline {}: a comment for the organizer (may be empty)", what_of(store, &target, series));
                let purpose = calendar_prompt(CalendarPrompt::Comment { target, answer: Answer::Decline, series });
                ask(store, Prompt::text(title, "", purpose))
            }
            _ => delete(store, target, series),
        },
        CalendarPrompt::Comment { target, answer, series } => {
            let comment = Some(typed.to_owned()).filter(|c| !c.is_empty());
            let options = vec![('y', "tell the organizer".to_owned()), ('n', "answer without telling".to_owned())];
            let title = format!("{} {}", answer.verb(), what_of(store, &target, series));
            let purpose = calendar_prompt(CalendarPrompt::Send { target, answer, series, comment });
            ask(store, Prompt::choice(title, options, purpose))
        }
        CalendarPrompt::Send { target, answer, series, comment } => {
            respond(store, target, series, answer, comment, typed == "y")
        }
        CalendarPrompt::People => return free_busy::people_answered(store, typed),
        CalendarPrompt::Length => return free_busy::length_answered(store, typed),
    })
}
