//! The calendar pane's reactions: loading a week's agenda (on first view, `r`, `[`/`]`),
//! moving through events, showing one's detail, and taking in the worker's results.
mod agenda;
#[cfg(test)]
mod tests;

use chrono::{NaiveDate, TimeDelta, Utc};

use super::super::action::Action;
use super::super::effect::{Effect, LoadKey};
use super::super::layout;
use super::super::loadable::Loadable;
use super::super::msg::Msg;
use super::super::store::calendar::AGENDA_DAYS;
use super::super::store::prompt::{Prompt, Purpose};
use super::super::store::{AgendaRow, CalendarFocus, Store};
use super::{notify, report_error};
use crate::domain::time_zones::local_to_instant;
use crate::human::dates::parse_day;

/// The pane came into view: the first time, load the week from today.
pub(super) fn show(store: &mut Store) -> Vec<Effect> {
    store.pane = super::super::action::Pane::Calendar;
    if !matches!(store.calendar.agenda, Loadable::Idle) {
        return Vec::new();
    }
    let Some(start) = store.calendar.week_start.or(store.calendar.today) else { return Vec::new() };
    load_week(store, start)
}

/// The window `[start, start + 7 days)` in the user's zone, as instants.
fn window(store: &Store, start: NaiveDate) -> LoadKey {
    let end = start + TimeDelta::days(AGENDA_DAYS);
    let at = |day: NaiveDate| local_to_instant(day.and_time(chrono::NaiveTime::MIN), &store.zone).with_timezone(&Utc);
    LoadKey::Agenda { start: at(start), end: at(end) }
}

/// The answer to "Go to date": the week from that day.
pub(super) fn go_to(store: &mut Store, answer: &str) -> super::prompt::Answered {
    let today = store.calendar.today.or(store.calendar.week_start).unwrap_or_default();
    let day = parse_day(answer, today).map_err(|e| e.to_string())?;
    Ok(load_week(store, day))
}

/// Marks the agenda as loading the week from `start` under a fresh generation; a result for
/// any earlier request is stale from here on.
fn load_week(store: &mut Store, start: NaiveDate) -> Vec<Effect> {
    let key = window(store, start);
    let generation = store.next_generation();
    let calendar = &mut store.calendar;
    calendar.week_start = Some(start);
    calendar.agenda = Loadable::Loading { generation };
    calendar.cursor = Default::default();
    calendar.detail = None;
    calendar.focus = CalendarFocus::Agenda;
    vec![Effect::Load { generation, key }]
}

fn shift_week(store: &mut Store, weeks: i64) -> Vec<Effect> {
    let Some(start) = store.calendar.week_start.or(store.calendar.today) else { return Vec::new() };
    load_week(store, start + TimeDelta::days(AGENDA_DAYS * weeks))
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    if super::filter::on_key(&mut store.calendar.filter, &action).is_some() {
        return refilter(store);
    }
    if let Some(step) = super::list_step(&action, page_rows(store)) {
        return move_by(store, step);
    }
    match action {
        Action::Open if store.calendar.selected_event().is_some() => focus(store, CalendarFocus::Detail),
        Action::Back => focus(store, CalendarFocus::Agenda),
        Action::FocusNext | Action::FocusPrev => {
            let other = match store.calendar.focus {
                CalendarFocus::Agenda if store.calendar.selected_event().is_some() => CalendarFocus::Detail,
                _ => CalendarFocus::Agenda,
            };
            focus(store, other)
        }
        Action::GoToDate => {
            store.prompt = Some(Prompt::text("Go to date", "", Purpose::CalendarGoTo));
            Vec::new()
        }
        Action::Today => match store.calendar.today {
            Some(today) => load_week(store, today),
            None => Vec::new(),
        },
        Action::ToggleWeekGrid => {
            store.calendar.week_grid = !store.calendar.week_grid;
            relayout(store);
            Vec::new()
        }
        Action::StartFilter => {
            super::filter::start(&mut store.calendar.filter);
            store.calendar.focus = CalendarFocus::Agenda;
            refilter(store)
        }
        Action::PrevWeek => shift_week(store, -1),
        Action::NextWeek => shift_week(store, 1),
        Action::Refresh => match store.calendar.week_start.or(store.calendar.today) {
            Some(start) => {
                notify(store, "Refreshing…".to_owned());
                load_week(store, start)
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The agenda's rows again for the filter's text, on the first event they list.
fn refilter(store: &mut Store) -> Vec<Effect> {
    let Some(start) = store.calendar.week_start else { return Vec::new() };
    let calendar = &mut store.calendar;
    if let Loadable::Ready(shown) = &mut calendar.agenda {
        let events = std::mem::take(&mut shown.events);
        *shown = agenda::build(events, start, &store.zone, calendar.today, &calendar.filter);
    }
    calendar.cursor = Default::default();
    calendar.detail = None;
    select_event(store, 0, false);
    Vec::new()
}

fn page_rows(store: &Store) -> usize {
    let layout = store.calendar_layout();
    match store.calendar.focus {
        CalendarFocus::Agenda => layout::inner_height(layout.agenda),
        CalendarFocus::Detail => layout::inner_height(layout.detail),
    }
}

fn move_by(store: &mut Store, delta: isize) -> Vec<Effect> {
    let height = page_rows(store);
    match store.calendar.focus {
        CalendarFocus::Agenda => {
            let target = store.calendar.cursor.selected.saturating_add_signed(delta);
            select_event(store, target, delta < 0);
        }
        CalendarFocus::Detail => {
            if let Some(doc) = store.calendar.detail.as_mut() {
                let last = doc.lines.len().saturating_sub(height);
                doc.scroll = doc.scroll.saturating_add_signed(delta).min(last);
            }
        }
    }
    Vec::new()
}

/// Selects the event row nearest `target` (searching backwards first when moving up), keeps
/// its day heading in view when it is the day's first row, and rebuilds the detail.
fn select_event(store: &mut Store, target: usize, upwards: bool) {
    let height = layout::inner_height(store.calendar_layout().agenda);
    let Some(agenda) = store.calendar.agenda.ready() else { return };
    let rows = &agenda.rows;
    let is_event = |i: &usize| matches!(rows.get(*i), Some(AgendaRow::Event { .. }));
    let target = target.min(rows.len().saturating_sub(1));
    let before = (0..=target).rev().find(is_event);
    let after = (target..rows.len()).find(is_event);
    let Some(row) = (if upwards { before.or(after) } else { after.or(before) }) else { return };
    let cursor = &mut store.calendar.cursor;
    cursor.select(row, rows.len(), height);
    if row > 0 && matches!(rows[row - 1], AgendaRow::Day(_)) {
        cursor.offset = cursor.offset.min(row - 1);
    }
    rebuild_detail(store);
}

/// A click: the column under the pointer takes the focus; in the agenda list the event row
/// under it is selected, and a click on the selected one opens its detail.
pub(super) fn click(store: &mut Store, column: u16, row: u16) -> Vec<Effect> {
    let layout = store.calendar_layout();
    let at = ratatui::layout::Position { x: column, y: row };
    if layout.detail.is_some_and(|area| area.contains(at)) && store.calendar.selected_event().is_some() {
        return focus(store, CalendarFocus::Detail);
    }
    let Some(area) = layout.agenda.filter(|area| area.contains(at)) else { return Vec::new() };
    store.calendar.focus = CalendarFocus::Agenda;
    if store.calendar.week_grid {
        return Vec::new();
    }
    let Some(index) = layout::row_at(area, store.calendar.cursor.offset, usize::MAX, row) else { return Vec::new() };
    let is_event = store.calendar.agenda.ready().is_some_and(|a| a.event_at(index).is_some());
    if !is_event {
        return Vec::new();
    }
    if index == store.calendar.cursor.selected {
        return focus(store, CalendarFocus::Detail);
    }
    select_event(store, index, false);
    Vec::new()
}

fn focus(store: &mut Store, focus: CalendarFocus) -> Vec<Effect> {
    store.calendar.focus = focus;
    relayout(store);
    Vec::new()
}

/// The width the detail is drawn at: its column now, or the one it gets when focused.
fn detail_width(store: &Store) -> usize {
    let body = layout::screen(store.size).body;
    layout::inner_width(layout::calendar::split(body, CalendarFocus::Detail, store.calendar.week_grid).detail)
}

/// Builds the selected event's detail for the current width (kept when neither changed).
fn rebuild_detail(store: &mut Store) {
    let width = detail_width(store);
    let Some(event) = store.calendar.selected_event() else {
        store.calendar.detail = None;
        return;
    };
    let same = store.calendar.detail.as_ref().is_some_and(|d| d.event_id == event.id && d.width == width);
    if !same {
        store.calendar.detail = Some(agenda::detail(event, width, &store.zone));
    }
}

/// After a resize or focus change: the cursor stays visible, the detail rewraps.
pub(super) fn relayout(store: &mut Store) {
    let selected = store.calendar.cursor.selected;
    select_event(store, selected, false);
}

pub(super) fn on_msg(store: &mut Store, msg: Msg) -> Vec<Effect> {
    let Msg::Agenda { generation, result } = msg else { return Vec::new() };
    if !store.calendar.agenda.awaits(generation) {
        return Vec::new();
    }
    let Some(start) = store.calendar.week_start else { return Vec::new() };
    match result {
        Ok(events) => {
            let calendar = &store.calendar;
            let agenda = agenda::build(events, start, &store.zone, calendar.today, &calendar.filter);
            store.calendar.agenda = Loadable::Ready(agenda);
            store.calendar.cursor = Default::default();
            select_event(store, 0, false);
        }
        Err(reason) => {
            report_error(store, format!("Loading the agenda failed: {reason}"));
            let retry = window(store, start);
            store.calendar.agenda = Loadable::Failed { reason: reason.text, retry };
        }
    }
    Vec::new()
}
