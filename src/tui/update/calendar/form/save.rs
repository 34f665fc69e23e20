//! Saving the event form: the fields are read as the CLI reads its flags
//! (src/domain/calendar/fields.rs); the event shows at once as the form describes it (a new one
//! with a local id, or the occurrence or series changed in place) and its write is queued with
//! what to put back if the service refuses.
use super::LABELS;
use crate::domain::calendar::draft::{EventInput, When};
use crate::domain::calendar::fields::{self, EventText};
use crate::domain::time_zones::local_to_instant;
use crate::domain::{AttendeeType, Event, EventAttendee, EventTime, Mailbox, Sensitivity, ShowAs};
use crate::human::addresses::split_addresses;
use crate::tui::effect::Effect;
use crate::tui::effect::calendar::EventWrite;
use crate::tui::store::Store;
use crate::tui::store::calendar::form::{EventForm, FieldId, FormField, FormMode};
use crate::tui::store::calendar::writes::EventUndo;
use crate::tui::update::calendar::writes::send;
use crate::tui::update::calendar::{rebuild, select_event};
use crate::tui::update::notify;

fn list(value: &str) -> Vec<String> {
    split_addresses(value)
        .iter()
        .map(|entry| match (entry.rfind('<'), entry.rfind('>')) {
            (Some(open), Some(close)) if open < close => entry[open + 1..close].trim().to_owned(),
            _ => entry.trim().to_owned(),
        })
        .filter(|a| !a.is_empty())
        .collect()
}

fn words(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// The End field as the fields reader takes it: a length, or a time (on the start's day when
/// only a time is given).
fn end_and_length(start: &str, end: &str) -> (Option<String>, Option<String>) {
    let end = end.trim();
    if end.is_empty() {
        return (None, None);
    }
    if crate::human::durations::parse_duration(end).is_ok() {
        return (None, Some(end.to_owned()));
    }
    let is_time = chrono::NaiveTime::parse_from_str(end, "%H:%M").is_ok();
    match start.trim().get(..10).filter(|day| is_time && chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok()) {
        Some(day) => (Some(format!("{day} {end}")), None),
        None => (Some(end.to_owned()), None),
    }
}

/// The fields as the reader of typed fields takes them; on an edit only what changed.
fn text_of(form: &EventForm) -> EventText {
    let editing = matches!(form.mode, FormMode::Edit { .. });
    let field = |id: FieldId| form.field(id);
    let wanted = |id: FieldId| field(id).is_some_and(|f| !editing || f.changed());
    let value = |id: FieldId| form.value(id).trim().to_owned();
    let optional = |id: FieldId| wanted(id).then(|| value(id));
    let times = wanted(FieldId::Start) || wanted(FieldId::End) || wanted(FieldId::AllDay);
    let (end, duration) =
        if times { end_and_length(&value(FieldId::Start), &value(FieldId::End)) } else { (None, None) };
    let (until, count) = match value(FieldId::Until) {
        until if until.is_empty() => (None, None),
        until => match until.trim_end_matches(['x', 'X']).trim().parse::<u32>() {
            Ok(count) => (None, Some(count)),
            Err(_) => (Some(until), None),
        },
    };
    let repeat = Some(value(FieldId::Repeat)).filter(|r| !r.is_empty());
    EventText {
        subject: optional(FieldId::Subject),
        start: if times { Some(value(FieldId::Start)) } else { None },
        end,
        duration,
        all_day: times && field(FieldId::AllDay).is_some_and(FormField::is_on),
        location: optional(FieldId::Location),
        required: if wanted(FieldId::Attendees) { list(&value(FieldId::Attendees)) } else { Vec::new() },
        optional: if wanted(FieldId::Optional) { list(&value(FieldId::Optional)) } else { Vec::new() },
        // A new event without a description sends none.
        body: optional(FieldId::Body).filter(|b| editing || !b.is_empty()),
        teams: wanted(FieldId::Teams) && field(FieldId::Teams).is_some_and(FormField::is_on),
        reminder: optional(FieldId::Reminder),
        show_as: optional(FieldId::ShowAs).map(|s| ShowAs::from_wire(&s)),
        sensitivity: optional(FieldId::Sensitivity).map(|s| Sensitivity::from_wire(&s)),
        categories: if wanted(FieldId::Categories) { words(&value(FieldId::Categories)) } else { Vec::new() },
        every: if repeat.is_some() { value(FieldId::Every).parse().ok() } else { None },
        until: if repeat.is_some() { until } else { None },
        count: if repeat.is_some() { count } else { None },
        repeat,
    }
}

/// Esc or Ctrl-S: the fields are read; what does not read keeps the form open saying why.
pub(in crate::tui::update) fn save(store: &mut Store) -> Vec<Effect> {
    let Some(form) = store.calendar.form.as_ref() else { return Vec::new() };
    let text = text_of(form);
    let (existing, new) = match &form.mode {
        FormMode::New => (None, true),
        FormMode::Edit { base, .. } => (Some(base.as_ref().clone()), false),
    };
    if !new && text == EventText::default() {
        store.calendar.form = None;
        notify(store, "Unchanged: nothing saved".to_owned());
        return Vec::new();
    }
    if new && text.subject.as_deref().is_none_or(str::is_empty) {
        return refuse(store, "Subject is needed");
    }
    if let Some(every) = text.repeat.as_ref().and(Some(form.value(FieldId::Every).trim())).filter(|e| !e.is_empty())
        && every.parse::<u32>().is_err()
    {
        return refuse(store, &format!("Every: `{every}` is not a number"));
    }
    match fields::input(&text, &LABELS, store.zone, crate::clock::now(), existing.as_ref()) {
        Ok(input) => {
            let form = store.calendar.form.take().unwrap_or_else(|| unreachable!("checked above"));
            let calendar_id = Some(form.value(FieldId::Calendar).to_owned()).filter(|id| !id.is_empty());
            match form.mode {
                FormMode::New => create(store, input, calendar_id),
                FormMode::Edit { target, series, .. } => change(store, input, target, series),
            }
        }
        Err(problem) => refuse(store, &problem.0),
    }
}

fn refuse(store: &mut Store, why: &str) -> Vec<Effect> {
    if let Some(form) = store.calendar.form.as_mut() {
        form.problem = Some(why.to_owned());
    }
    Vec::new()
}

/// When `when` is, as instants in the user's zone.
fn time_of(when: When, zone: &chrono_tz::Tz) -> EventTime {
    match when {
        When::Timed { start, end } => {
            EventTime::Timed { start: local_to_instant(start, zone), end: local_to_instant(end, zone) }
        }
        When::AllDay { first, last } => {
            EventTime::AllDay { start: first, end_exclusive: last.succ_opt().unwrap_or(last) }
        }
    }
}

fn attendees(input: &EventInput) -> Vec<EventAttendee> {
    let one = |address: &String, kind| EventAttendee {
        mailbox: Mailbox { name: String::new(), address: address.clone() },
        kind: Some(kind),
        response: None,
        responded: None,
    };
    let required = input.required.iter().map(|a| one(a, AttendeeType::Required));
    required.chain(input.optional.iter().map(|a| one(a, AttendeeType::Optional))).collect()
}

/// What an edit changes in an event shown (its time only when it is one event, not a series).
fn apply(event: &mut Event, input: &EventInput, zone: &chrono_tz::Tz, with_time: bool) {
    if let Some(subject) = &input.subject {
        event.subject = subject.clone();
    }
    if let (Some(when), true) = (input.when, with_time) {
        event.time = Some(time_of(when, zone));
    }
    if let Some(location) = &input.location {
        event.location = Some(location.clone()).filter(|l| !l.is_empty());
    }
    if !input.required.is_empty() || !input.optional.is_empty() {
        event.attendees = attendees(input);
    }
    if let Some(body) = &input.body {
        event.body = Some(crate::domain::Body::Text(body.clone()));
    }
    if let Some(show_as) = &input.show_as {
        event.show_as = Some(show_as.clone());
    }
    if !input.categories.is_empty() {
        event.categories = input.categories.clone();
    }
    if input.teams {
        event.is_online_meeting = true;
    }
}

fn create(store: &mut Store, input: EventInput, calendar_id: Option<String>) -> Vec<Effect> {
    let zone = store.zone;
    let local_id = store.calendar.writes.local_id();
    let mut event = Event {
        id: local_id.clone(),
        is_organizer: true,
        calendar_id: calendar_id.clone().or_else(|| store.calendar.default_calendar().map(|c| c.id.clone())),
        is_recurring: input.recurrence.is_some(),
        ..Event::default()
    };
    apply(&mut event, &input, &zone, true);
    let name = crate::human::fit(&crate::sanitize::line(&event.subject), 40);
    if let Some(agenda) = store.calendar.agenda.ready_mut() {
        agenda.events.push(event);
    }
    rebuild(store);
    if let Some(row) = store.calendar.agenda.ready().and_then(|a| a.row_of(&local_id)) {
        select_event(store, row, false);
    }
    let reload = input.recurrence.is_some();
    let undo = EventUndo { added: vec![local_id], ..EventUndo::default() };
    let write = EventWrite::Create { calendar_id, input: Box::new(input), zone };
    send(store, write, undo, format!("Creating «{name}»"), reload)
}

fn change(store: &mut Store, input: EventInput, target: String, series: bool) -> Vec<Effect> {
    let zone = store.zone;
    let mut changed = Vec::new();
    if let Some(agenda) = store.calendar.agenda.ready_mut() {
        for event in agenda
            .events
            .iter_mut()
            .filter(|e| e.id == target || (series && e.series_master_id.as_deref() == Some(target.as_str())))
        {
            changed.push(event.clone());
            apply(event, &input, &zone, !series);
        }
    }
    rebuild(store);
    let name = changed.first().map(|e| crate::human::fit(&crate::sanitize::line(&e.subject), 40)).unwrap_or_default();
    let what = if series { format!("Changing the series «{name}»") } else { format!("Changing «{name}»") };
    let undo = EventUndo { changed, ..EventUndo::default() };
    let write = EventWrite::Update { id: target, input: Box::new(input), zone };
    send(store, write, undo, what, series)
}
