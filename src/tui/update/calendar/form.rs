//! The event form's keys: `a` opens it for a new event (on the selected day, or at a time
//! free/busy suggested), `e` for the selected event (after "this occurrence or the series?");
//! Tab and the arrows move between fields, Space changes a choice, addresses are offered from
//! contacts and people while one is typed. Saving is `save`'s (form/save.rs).
use chrono::{NaiveDateTime, Timelike};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::super::effect::Effect;
use super::super::super::effect::compose::ComposeEffect;
use super::super::super::store::Store;
use super::super::super::store::calendar::form::{EventForm, FieldId, FieldKind, FormField, FormMode};
use super::super::compose::completion::suggest;
use super::super::notify;
use crate::domain::calendar::fields::Labels;
use crate::domain::time_zones::in_zone;
use crate::domain::{AttendeeType, Event, EventAttendee, EventTime};

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

mod save;

pub(in crate::tui::update) use save::save;

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
        // A group's calendar takes new events through the group, which the form does not send yet.
        .filter(|c| (c.can_edit || c.is_default) && c.group_id.is_none())
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
