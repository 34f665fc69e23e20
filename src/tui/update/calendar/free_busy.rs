//! The free/busy view's reactions: `b` asks whose free/busy to show (the People pane's `b`
//! opens it for the selected person), the day's schedules load, `[`/`]` change the day, `f`
//! asks for a length and loads the times that suit everyone, `Enter` on one opens the event
//! form with those people at that time, `Esc` goes back to the calendar.
use chrono::{Days, NaiveDate, NaiveTime};

use super::super::super::action::Action;
use super::super::super::effect::Effect;
use super::super::super::effect::calendar::{CalendarEffect, LocalWindow};
use super::super::super::loadable::Loadable;
use super::super::super::msg::calendar::CalendarMsg;
use super::super::super::store::Store;
use super::super::super::store::calendar::CalendarPrompt;
use super::super::super::store::calendar::free_busy::FreeBusy;
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::prompt::Answered;
use super::super::{notify, report_error};
use super::form::{Seed, open_new};
use crate::domain::time_zones::in_zone;
use crate::human::addresses::split_addresses;
use crate::human::durations::parse_duration;
use o365_graph::calendar::schedule::MAX_SCHEDULES;

/// Days findMeetingTimes looks through, from the day shown.
const SEARCH_DAYS: u64 = 7;

/// `b`: asks whose free/busy to show, with the people shown now (or `people`) filled in.
pub(super) fn ask_people(store: &mut Store, people: Vec<String>) -> Vec<Effect> {
    let shown = store.calendar.free_busy.as_ref().map(|f| f.people.clone()).unwrap_or(people);
    let title = "Free/busy of (addresses, comma separated)";
    store.prompt = Some(Prompt::text(title, shown.join(", "), Purpose::Calendar(CalendarPrompt::People)));
    Vec::new()
}

/// The addresses typed: the view opens (or shows them instead) on its day.
pub(super) fn people_answered(store: &mut Store, typed: &str) -> Answered {
    let people: Vec<String> = split_addresses(typed)
        .iter()
        .map(|entry| match (entry.rfind('<'), entry.rfind('>')) {
            (Some(open), Some(close)) if open < close => entry[open + 1..close].trim().to_owned(),
            _ => entry.trim().to_owned(),
        })
        .collect();
    if people.is_empty() {
        return Err("Name at least one address".to_owned());
    }
    if let Some(bad) = people.iter().find(|a| !a.contains('@') || a.starts_with('@') || a.ends_with('@')) {
        return Err(format!("{bad:?} is not an email address"));
    }
    if people.len() > MAX_SCHEDULES {
        return Err(format!("At most {MAX_SCHEDULES} people at a time"));
    }
    Ok(open_for(store, people))
}

/// Shows the free/busy of `people` on the day the calendar is about (today at first).
pub(in crate::tui::update) fn open_for(store: &mut Store, people: Vec<String>) -> Vec<Effect> {
    store.pane = super::super::super::action::Pane::Calendar;
    let day = store
        .calendar
        .free_busy
        .as_ref()
        .map(|f| f.day)
        .or(store.calendar.anchor)
        .or(store.calendar.today)
        .unwrap_or_default();
    store.calendar.free_busy = Some(FreeBusy::new(people, day));
    load(store)
}

fn window(store: &Store, first: NaiveDate, days: u64) -> LocalWindow {
    let start = first.and_time(NaiveTime::MIN);
    let end = first.checked_add_days(Days::new(days)).unwrap_or(first).and_time(NaiveTime::MIN);
    LocalWindow { start, end, zone: store.zone }
}

/// Loads the schedules of the day shown (and the suggestions again, if asked for).
fn load(store: &mut Store) -> Vec<Effect> {
    let generation = store.next_generation();
    let Some(view) = store.calendar.free_busy.as_ref() else { return Vec::new() };
    let (people, day, minutes, suggest) = (view.people.clone(), view.day, view.minutes, view.suggestions.is_some());
    let window = window(store, day, 1);
    let mut effects = vec![Effect::Calendar(CalendarEffect::Schedule { generation, addresses: people, window })];
    if let Some(view) = store.calendar.free_busy.as_mut() {
        view.schedules = Loadable::Loading { generation };
    }
    if suggest {
        effects.extend(find(store, minutes));
    }
    effects
}

/// Asks for the times a meeting of `minutes` suits everyone, over the week from the day shown.
fn find(store: &mut Store, minutes: i64) -> Vec<Effect> {
    let generation = store.next_generation();
    let Some(view) = store.calendar.free_busy.as_ref() else { return Vec::new() };
    let (people, day) = (view.people.clone(), view.day);
    let window = window(store, day, SEARCH_DAYS);
    if let Some(view) = store.calendar.free_busy.as_mut() {
        view.minutes = minutes;
        view.suggestions = Some(Loadable::Loading { generation });
        view.cursor = 0;
    }
    vec![Effect::Calendar(CalendarEffect::FindTimes { generation, addresses: people, minutes, window })]
}

/// The meeting's length typed: the suggestions load.
pub(super) fn length_answered(store: &mut Store, typed: &str) -> Answered {
    let minutes = parse_duration(typed).map_err(|e| e.to_string())?.num_minutes();
    if !(5..=24 * 60).contains(&minutes) {
        return Err("A meeting lasts between 5m and 24h".to_owned());
    }
    Ok(find(store, minutes))
}

fn shift(store: &mut Store, days: i64) -> Vec<Effect> {
    if let Some(view) = store.calendar.free_busy.as_mut() {
        view.day = view.day.checked_add_signed(chrono::TimeDelta::days(days)).unwrap_or(view.day);
    }
    load(store)
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    use super::super::super::action::CalendarAction;
    match action {
        Action::Back => {
            store.calendar.free_busy = None;
            Vec::new()
        }
        Action::PrevWeek => shift(store, -1),
        Action::NextWeek => shift(store, 1),
        Action::Today => {
            let today = store.calendar.today.unwrap_or_default();
            if let Some(view) = store.calendar.free_busy.as_mut() {
                view.day = today;
            }
            load(store)
        }
        Action::Refresh => load(store),
        Action::Down | Action::Up => {
            let up = action == Action::Up;
            if let Some(view) = store.calendar.free_busy.as_mut() {
                let count = view.suggestions.as_ref().and_then(Loadable::ready).map_or(0, |s| s.times.len());
                view.cursor =
                    if up { view.cursor.saturating_sub(1) } else { (view.cursor + 1).min(count.saturating_sub(1)) };
            }
            Vec::new()
        }
        Action::Open => {
            let Some(view) = store.calendar.free_busy.as_ref() else { return Vec::new() };
            let Some(time) = view.suggestions.as_ref().and_then(Loadable::ready).and_then(|s| s.times.get(view.cursor))
            else {
                notify(store, "f finds times that suit everyone; Enter on one makes the meeting".to_owned());
                return Vec::new();
            };
            let zone = store.zone;
            let seed = Seed {
                start: in_zone(&time.start, &zone).naive_local(),
                end: in_zone(&time.end, &zone).naive_local(),
                attendees: view.people.clone(),
            };
            store.calendar.free_busy = None;
            open_new(store, Some(seed))
        }
        Action::Calendar(CalendarAction::FindTime) => {
            let length = store.calendar.free_busy.as_ref().map_or(30, |f| f.minutes);
            let title = "Find a time for a meeting of (30m, 1h)";
            store.prompt = Some(Prompt::text(title, format!("{length}m"), Purpose::Calendar(CalendarPrompt::Length)));
            Vec::new()
        }
        Action::Calendar(CalendarAction::FreeBusy) => ask_people(store, Vec::new()),
        _ => Vec::new(),
    }
}

pub(super) fn on_msg(store: &mut Store, msg: CalendarMsg) -> Vec<Effect> {
    match msg {
        CalendarMsg::Schedule { generation, result } => {
            let Some(view) = store.calendar.free_busy.as_mut().filter(|v| v.schedules.awaits(generation)) else {
                return Vec::new();
            };
            match result {
                Ok(schedules) => view.schedules = Loadable::Ready(schedules),
                Err(reason) => {
                    view.schedules = Loadable::Failed { reason: reason.text.clone(), retry: () };
                    report_error(store, format!("Reading free/busy failed: {reason}"));
                }
            }
        }
        CalendarMsg::Times { generation, result } => {
            let Some(view) = store.calendar.free_busy.as_mut() else { return Vec::new() };
            if !view.suggestions.as_ref().is_some_and(|s| s.awaits(generation)) {
                return Vec::new();
            }
            match result {
                Ok(found) => view.suggestions = Some(Loadable::Ready(found)),
                Err(reason) => {
                    view.suggestions = Some(Loadable::Failed { reason: reason.text.clone(), retry: () });
                    report_error(store, format!("Finding a time failed: {reason}"));
                }
            }
        }
        CalendarMsg::Invitation { message_id, result } => super::invitation::arrived(store, message_id, result),
        CalendarMsg::Written { .. } => {}
    }
    Vec::new()
}
