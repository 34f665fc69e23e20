//! The period the pane shows: its window in the user's zone, loading it (first view, a date,
//! `[`/`]`, another view, `r`), loading it again quietly after a write, and taking in the answer.
use chrono::{NaiveDate, TimeDelta, Utc};

use super::{agenda, relayout, reselect};
use crate::domain::time_zones::local_to_instant;
use crate::human::dates::parse_day;
use crate::tui::effect::{Effect, LoadKey};
use crate::tui::loadable::Loadable;
use crate::tui::store::calendar::CalendarPage;
use crate::tui::store::{CalendarFocus, Store};
use crate::tui::update::report_error;

/// The window `[start, start + days)` in the user's zone, as instants.
pub(super) fn window(store: &Store, start: NaiveDate, days: i64) -> LoadKey {
    let end = start + TimeDelta::days(days);
    let at = |day: NaiveDate| local_to_instant(day.and_time(chrono::NaiveTime::MIN), &store.zone).with_timezone(&Utc);
    LoadKey::Agenda { start: at(start), end: at(end) }
}

/// The answer to "Go to date": the period of that day.
pub(in crate::tui::update) fn go_to(store: &mut Store, answer: &str) -> crate::tui::update::prompt::Answered {
    let today = store.calendar.today.or(store.calendar.week_start).unwrap_or_default();
    let day = parse_day(answer, today).map_err(|e| e.to_string())?;
    Ok(load_period(store, day))
}

/// Marks the agenda as loading the view's period around `anchor` under a fresh generation; a
/// result for any earlier request is stale from here on.
pub(super) fn load_period(store: &mut Store, anchor: NaiveDate) -> Vec<Effect> {
    let (start, days) = store.calendar.view.window(anchor);
    let key = window(store, start, days);
    let generation = store.next_generation();
    let calendar = &mut store.calendar;
    calendar.anchor = Some(anchor);
    calendar.week_start = Some(start);
    calendar.days = days;
    calendar.agenda = Loadable::Loading { generation };
    calendar.refresh = None;
    calendar.cursor = Default::default();
    calendar.detail = None;
    if calendar.focus == CalendarFocus::Detail {
        calendar.focus = CalendarFocus::Agenda;
    }
    vec![Effect::Load { generation, key }]
}

/// Loads the period again in the background (after a write): the agenda stays on screen and
/// the selection stays on its event.
pub(in crate::tui::update) fn refresh_quietly(store: &mut Store) -> Vec<Effect> {
    let (Some(start), Loadable::Ready(_)) = (store.calendar.week_start, &store.calendar.agenda) else {
        return Vec::new();
    };
    let key = window(store, start, store.calendar.days.max(1));
    let generation = store.next_generation();
    store.calendar.refresh = Some(generation);
    vec![Effect::Load { generation, key }]
}

/// Loads the period shown again from the start, the selection kept on its event.
pub(in crate::tui::update) fn reload(store: &mut Store) -> Vec<Effect> {
    let Some(anchor) = store.calendar.anchor.or(store.calendar.today) else { return Vec::new() };
    let selected = store.calendar.selected_event().map(|e| e.id.clone()).or(store.calendar.reselect.take());
    let effects = load_period(store, anchor);
    store.calendar.reselect = selected;
    effects
}

pub(super) fn shift(store: &mut Store, steps: i32) -> Vec<Effect> {
    let Some(anchor) = store.calendar.anchor.or(store.calendar.today) else { return Vec::new() };
    let next = store.calendar.view.shift(anchor, steps);
    load_period(store, next)
}

pub(super) fn on_agenda(
    store: &mut Store,
    generation: crate::tui::loadable::Generation,
    result: crate::tui::msg::Outcome<CalendarPage>,
) -> Vec<Effect> {
    let quiet = store.calendar.refresh == Some(generation);
    if !quiet && !store.calendar.agenda.awaits(generation) {
        return Vec::new();
    }
    store.calendar.refresh = None;
    let Some(start) = store.calendar.week_start else { return Vec::new() };
    let days = store.calendar.days.max(1);
    match result {
        Ok(page) => {
            let selected = match quiet {
                true => store.calendar.selected_event().map(|e| e.id.clone()),
                false => store.calendar.reselect.take(),
            };
            if !page.calendars.is_empty() {
                store.calendar.calendars = page.calendars;
            }
            // Events written here and not answered yet stay as they are shown.
            let events = if quiet { keep_pending(store, page.events) } else { page.events };
            let calendar = &store.calendar;
            let built =
                agenda::build(events, start, days, &store.zone, calendar.today, &calendar.hidden, &calendar.filter);
            store.calendar.agenda = Loadable::Ready(built);
            if !quiet {
                store.calendar.cursor = Default::default();
            }
            store.calendar.detail = None;
            reselect(store, selected.as_deref());
            relayout(store);
        }
        Err(reason) if quiet => report_error(store, format!("Loading the calendar again failed: {reason}")),
        Err(reason) => {
            report_error(store, format!("Loading the agenda failed: {reason}"));
            let retry = window(store, start, days);
            store.calendar.agenda = Loadable::Failed { reason: reason.text, retry };
        }
    }
    Vec::new()
}

/// A background reload answered while writes were still waiting: the events made here under
/// a local id stay on screen until their own answer.
fn keep_pending(store: &Store, mut events: Vec<crate::domain::Event>) -> Vec<crate::domain::Event> {
    if !store.calendar.writes.is_busy() {
        return events;
    }
    if let Some(agenda) = store.calendar.agenda.ready() {
        let local =
            agenda.events.iter().filter(|e| e.id.starts_with(crate::tui::store::calendar::writes::LOCAL_EVENT_PREFIX));
        events.extend(local.cloned());
    }
    events
}
