//! The event form's keys and its saving: `a` opens it for a new event (on the selected day, or
//! at a time free/busy suggested), `e` for the selected event (after "this occurrence or the
//! series?"); Tab and the arrows move between fields, Space changes a choice, addresses are
//! offered from contacts and people while one is typed. Saving reads the fields as the CLI
//! reads its flags (src/domain/calendar/fields.rs); the event shows at once and its write is
//! queued with what to put back.
use chrono::{NaiveDateTime, Timelike};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::super::effect::Effect;
use super::super::super::effect::calendar::EventWrite;
use super::super::super::effect::compose::ComposeEffect;
use super::super::super::store::Store;
use super::super::super::store::calendar::form::{EventForm, FieldId, FieldKind, FormField, FormMode};
use super::super::super::store::calendar::writes::EventUndo;
use super::super::compose::completion::suggest;
use super::super::notify;
use super::rebuild;
use super::writes::send;
use crate::domain::calendar::draft::{EventInput, When};
use crate::domain::calendar::fields::{self, EventText, Labels};
use crate::domain::time_zones::{in_zone, local_to_instant};
use crate::domain::{AttendeeType, Event, EventAttendee, EventTime, Mailbox, Sensitivity, ShowAs};
use crate::human::addresses::split_addresses;

/// The form's names for the fields, in its error messages.
const LABELS: Labels = Labels {
    start: "Start",
    end: "End",
    duration: "End",
    reminder: "Reminder",
    repeat: "Repeat",
    every: "Every",
    until: "Until",
    count: "Until",
    missing_end: "End is needed: a time (10:30), a date and time, or a length (30m)",
};

/// Where a new event starts when something suggested it (a free/busy suggestion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::tui::update) struct Seed {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub attendees: Vec<String>,
}

const DAY_TIME: &str = "%Y-%m-%d %H:%M";

fn choices(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(label, value)| ((*label).to_owned(), (*value).to_owned())).collect()
}

fn show_as_choices() -> Vec<(String, String)> {
    choices(&[
        ("busy", "busy"),
        ("free", "free"),
        ("tentative", "tentative"),
        ("out of office", "oof"),
        ("working elsewhere", "workingElsewhere"),
    ])
}

fn sensitivity_choices() -> Vec<(String, String)> {
    choices(&[("normal", "normal"), ("personal", "personal"), ("private", "private"), ("confidential", "confidential")])
}

/// The fields every form has, filled from `event` (a new one is mostly empty).
fn fields(event: &Event, start: String, end: String, all_day: bool) -> Vec<FormField> {
    let addresses = |kind: Option<AttendeeType>| {
        let wanted = |a: &&EventAttendee| match &kind {
            Some(AttendeeType::Optional) => a.kind == Some(AttendeeType::Optional),
            _ => a.kind != Some(AttendeeType::Optional),
        };
        event.attendees.iter().filter(wanted).map(|a| a.mailbox.address.clone()).collect::<Vec<_>>().join(", ")
    };
    let reminder = match event.reminder_minutes {
        None => "none".to_owned(),
        Some(minutes) if minutes % 60 == 0 && minutes > 0 => format!("{}h", minutes / 60),
        Some(minutes) => format!("{minutes}m"),
    };
    let body = match &event.body {
        Some(body) => crate::render::body_text(body, 500).split_whitespace().collect::<Vec<_>>().join(" "),
        None => String::new(),
    };
    let show_as = event.show_as.as_ref().map_or("busy", |s| s.as_str()).to_owned();
    let sensitivity = event.sensitivity.as_ref().map_or("normal", |s| s.as_str()).to_owned();
    vec![
        FormField::text(FieldId::Subject, "Subject", crate::sanitize::line(&event.subject), "what it is"),
        FormField::text(FieldId::Start, "Start", start, "2026-12-24 09:00, tomorrow; a date when all day"),
        FormField::text(FieldId::End, "End", end, "10:30, a date and time, or a length: 30m, 1h"),
        FormField::toggle(FieldId::AllDay, "All day", all_day),
        FormField::text(
            FieldId::Location,
            "Location",
            event.location.clone().unwrap_or_default(),
            "a room, an address",
        ),
        FormField::text(
            FieldId::Attendees,
            "Attendees",
            addresses(Some(AttendeeType::Required)),
            "addresses, comma separated",
        ),
        FormField::text(
            FieldId::Optional,
            "Optional",
            addresses(Some(AttendeeType::Optional)),
            "addresses, comma separated",
        ),
        FormField::toggle(FieldId::Teams, "Teams", event.is_online_meeting),
        FormField::text(FieldId::Reminder, "Reminder", reminder, "15m, 1h, none"),
        FormField::choice(FieldId::ShowAs, "Show as", show_as_choices(), show_as),
        FormField::choice(FieldId::Sensitivity, "Sensitivity", sensitivity_choices(), sensitivity),
        FormField::text(FieldId::Categories, "Categories", event.categories.join(", "), "names, comma separated"),
        FormField::text(FieldId::Body, "Description", body, "text"),
    ]
}

/// The repeat fields (a new event, or a whole series: empty leaves its rule as it is).
fn repeat_fields(hint: &'static str) -> Vec<FormField> {
    vec![
        FormField::text(FieldId::Repeat, "Repeat", "", hint),
        FormField::text(FieldId::Every, "Every", "", "N days, weeks, months or years (1)"),
        FormField::text(FieldId::Until, "Until", "", "a last day (2027-06-30), or a count (10x); empty: no end"),
    ]
}

fn open(store: &mut Store, form: EventForm) -> Vec<Effect> {
    store.calendar.form = Some(form);
    // Address suggestions come from compose's list, loaded once.
    if store.compose.candidates_loaded {
        return Vec::new();
    }
    vec![Effect::Compose(ComposeEffect::LoadCandidates)]
}

/// `a`: a new event on the selected event's day (today when nothing is selected) at the next
/// hour, or as `seed` says.
pub(in crate::tui::update) fn open_new(store: &mut Store, seed: Option<Seed>) -> Vec<Effect> {
    let day = store
        .calendar
        .agenda
        .ready()
        .and_then(|a| match a.rows.get(store.calendar.cursor.selected) {
            Some(super::AgendaRow::Event { day, .. }) => Some(*day),
            _ => None,
        })
        .or(store.calendar.anchor)
        .or(store.calendar.today)
        .unwrap_or_default();
    // Today: the next full hour from now (when the loop set the clock); another day: 09:00.
    let now = store.started.map(|at| at + chrono::TimeDelta::milliseconds(store.now_ms as i64));
    let hour = match now.filter(|_| Some(day) == store.calendar.today) {
        Some(now) => (in_zone(&now, &store.zone).hour() + 1).clamp(8, 23),
        None => 9,
    };
    let (start, end) = match &seed {
        Some(seed) => (seed.start.format(DAY_TIME).to_string(), seed.end.format("%H:%M").to_string()),
        None => (format!("{} {hour:02}:00", day.format("%Y-%m-%d")), "1h".to_owned()),
    };
    let base = Event { reminder_minutes: Some(15), ..Event::default() };
    let mut all = fields(&base, start, end, false);
    if let Some(seed) = &seed
        && let Some(field) = all.iter_mut().find(|f| f.id == FieldId::Attendees)
    {
        field.value = seed.attendees.join(", ");
    }
    let calendars: Vec<(String, String)> = store
        .calendar
        .calendars
        .iter()
        .filter(|c| c.can_edit || c.is_default)
        .map(|c| (crate::sanitize::line(&c.name).into_owned(), c.id.clone()))
        .collect();
    if !calendars.is_empty() {
        let default = store.calendar.default_calendar().map(|c| c.id.clone()).unwrap_or_default();
        all.insert(4, FormField::choice(FieldId::Calendar, "Calendar", calendars, default));
    }
    all.extend(repeat_fields("daily, weekdays, weekly:MO,WE, monthly, monthly:2TU, yearly; empty: once"));
    let focus = 0;
    open(
        store,
        EventForm { mode: FormMode::New, fields: all, focus, suggestions: Vec::new(), chosen: 0, problem: None },
    )
}

/// `e`: the event (an occurrence alone, or its whole series when `series`) in the form.
pub(in crate::tui::update) fn open_edit(store: &mut Store, event: &Event, target: String, series: bool) -> Vec<Effect> {
    let zone = store.zone;
    let (start, end, all_day) = match &event.time {
        Some(EventTime::AllDay { start, end_exclusive }) => {
            let last = end_exclusive.pred_opt().unwrap_or(*start);
            (start.format("%Y-%m-%d").to_string(), last.format("%Y-%m-%d").to_string(), true)
        }
        Some(EventTime::Timed { start, end }) => {
            let (start, end) = (in_zone(start, &zone), in_zone(end, &zone));
            let end_format = if start.date_naive() == end.date_naive() { "%H:%M" } else { DAY_TIME };
            (start.format(DAY_TIME).to_string(), end.format(end_format).to_string(), false)
        }
        None => (String::new(), String::new(), false),
    };
    let mut all = fields(event, start, end, all_day);
    if series {
        all.extend(repeat_fields("a new rule for the series (daily, weekly:MO,WE…); empty: as it is"));
    }
    let mode = FormMode::Edit { target, series, base: Box::new(event.clone()) };
    open(store, EventForm { mode, fields: all, focus: 0, suggestions: Vec::new(), chosen: 0, problem: None })
}

fn is_address_field(field: Option<&FormField>) -> bool {
    field.is_some_and(|f| matches!(f.id, FieldId::Attendees | FieldId::Optional))
}

/// The address being typed: what follows the last comma or semicolon.
fn current_word(value: &str) -> String {
    value.rsplit([',', ';']).next().unwrap_or("").trim().to_owned()
}

/// Tab, Enter, Down: take the chosen suggestion when there is one, else the next field.
fn next(form: &mut EventForm) {
    let chosen = form.suggestions.get(form.chosen).cloned();
    form.suggestions.clear();
    form.chosen = 0;
    if let (Some(chosen), Some(field)) = (chosen, form.fields.get_mut(form.focus)) {
        let kept = match field.value.rfind([',', ';']) {
            Some(at) => format!("{}, ", field.value[..at].trim_end()),
            None => String::new(),
        };
        field.value = format!("{kept}{}, ", chosen.address);
        return;
    }
    form.focus = (form.focus + 1) % form.fields.len().max(1);
}

fn cycle(field: &mut FormField, forward: bool) {
    match &field.kind {
        FieldKind::Toggle => field.value = if field.is_on() { "no" } else { "yes" }.to_owned(),
        FieldKind::Choice(options) if !options.is_empty() => {
            let at = options.iter().position(|(_, value)| *value == field.value).unwrap_or(0);
            let next = if forward { (at + 1) % options.len() } else { (at + options.len() - 1) % options.len() };
            field.value = options[next].1.clone();
        }
        _ => {}
    }
}

/// A key for the form: typed into the focused field, or moving between fields.
pub(in crate::tui::update) fn key(store: &mut Store, key: KeyEvent) -> Vec<Effect> {
    let candidates = &store.compose.candidates;
    let Some(form) = store.calendar.form.as_mut() else { return Vec::new() };
    form.problem = None;
    let offered = form.suggestions.len();
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Down if offered > 0 => form.chosen = (form.chosen + 1) % offered,
        KeyCode::Up if offered > 0 => form.chosen = (form.chosen + offered - 1) % offered,
        KeyCode::Tab | KeyCode::Enter | KeyCode::Down => next(form),
        KeyCode::BackTab | KeyCode::Up => {
            form.suggestions.clear();
            form.focus = (form.focus + form.fields.len() - 1) % form.fields.len().max(1);
        }
        KeyCode::Left | KeyCode::Right => {
            if let Some(field) = form.fields.get_mut(form.focus) {
                cycle(field, key.code == KeyCode::Right);
            }
        }
        KeyCode::Char('u') if ctrl => {
            if let Some(field) = form.fields.get_mut(form.focus).filter(|f| f.kind == FieldKind::Text) {
                field.value.clear();
            }
        }
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
            if let Some(field) = form.fields.get_mut(form.focus) {
                match field.kind {
                    FieldKind::Text => field.value.push(c),
                    _ if c == ' ' => cycle(field, true),
                    _ => {}
                }
            }
        }
        KeyCode::Backspace => {
            if let Some(field) = form.fields.get_mut(form.focus).filter(|f| f.kind == FieldKind::Text) {
                field.value.pop();
            }
        }
        _ => {}
    }
    let typing = matches!(key.code, KeyCode::Char(_) | KeyCode::Backspace);
    if typing && is_address_field(form.focused()) {
        let word = current_word(&form.focused().map(|f| f.value.clone()).unwrap_or_default());
        form.suggestions = suggest(word, candidates);
        form.chosen = 0;
    } else if typing {
        form.suggestions.clear();
    }
    Vec::new()
}

/// Ctrl-G: the form closes and nothing is saved.
pub(in crate::tui::update) fn cancel(store: &mut Store) -> Vec<Effect> {
    if store.calendar.form.take().is_some() {
        notify(store, "Not saved".to_owned());
    }
    Vec::new()
}

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
        super::select_event(store, row, false);
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
