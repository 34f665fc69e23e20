//! The calendar pane's reactions: moving through events, the calendars shown or hidden, one
//! event's detail, clicks, and routing the worker's results. The period shown and its loading
//! are `period`'s; writing (`form`, `writes`, `answers`) and free/busy live in the submodules.
mod agenda;
mod answers;
pub(super) mod form;
pub(super) mod free_busy;
mod invitation;
mod period;
#[cfg(test)]
mod tests;
mod writes;

use super::super::action::{Action, CalendarAction};
use super::super::effect::Effect;
use super::super::layout;
use super::super::loadable::Loadable;
use super::super::msg::Msg;
use super::super::msg::calendar::CalendarMsg;
use super::super::store::calendar::CalendarView;
use super::super::store::prompt::{Prompt, Purpose};
use super::super::store::{AgendaRow, CalendarFocus, Store};
use super::notify;

pub(super) use answers::answer as answer_prompt;
pub(super) use invitation::answer_key as invitation_answer;
pub(super) use period::{go_to, refresh_quietly, reload};
use period::{load_period, on_agenda, shift};

/// The pane came into view: the first time, load the week from today.
pub(super) fn show(store: &mut Store) -> Vec<Effect> {
    store.pane = super::super::action::Pane::Calendar;
    if !matches!(store.calendar.agenda, Loadable::Idle) {
        return Vec::new();
    }
    let Some(anchor) = store.calendar.anchor.or(store.calendar.week_start).or(store.calendar.today) else {
        return Vec::new();
    };
    load_period(store, anchor)
}

/// Shows the period in `view`; loads again only when the window changes.
fn set_view(store: &mut Store, view: CalendarView) -> Vec<Effect> {
    store.calendar.view = view;
    let Some(anchor) = store.calendar.anchor.or(store.calendar.today) else { return Vec::new() };
    let window = view.window(anchor);
    if Some(window) == store.calendar.week_start.map(|start| (start, store.calendar.days))
        && !matches!(store.calendar.agenda, Loadable::Idle)
    {
        relayout(store);
        return Vec::new();
    }
    reload(store)
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    if store.calendar.free_busy.is_some() {
        return free_busy::on_action(store, action);
    }
    if super::filter::on_key(&mut store.calendar.filter, &action).is_some() {
        return refilter(store);
    }
    if store.calendar.focus == CalendarFocus::Calendars
        && let Some(effects) = on_calendars_action(store, &action)
    {
        return effects;
    }
    if let Some(step) = super::list_step(&action, page_rows(store)) {
        return move_by(store, step);
    }
    match action {
        Action::Open if store.calendar.selected_event().is_some() => focus(store, CalendarFocus::Detail),
        Action::Back => focus(store, CalendarFocus::Agenda),
        Action::FocusNext | Action::FocusPrev => {
            let has_event = store.calendar.selected_event().is_some();
            let forward = action == Action::FocusNext;
            let next = match (store.calendar.focus, forward) {
                (CalendarFocus::Calendars, true) => CalendarFocus::Agenda,
                (CalendarFocus::Agenda, true) if has_event => CalendarFocus::Detail,
                (CalendarFocus::Agenda, true) => CalendarFocus::Calendars,
                (CalendarFocus::Detail, true) => CalendarFocus::Calendars,
                (CalendarFocus::Calendars, false) if has_event => CalendarFocus::Detail,
                (CalendarFocus::Calendars, false) => CalendarFocus::Agenda,
                (CalendarFocus::Agenda, false) => CalendarFocus::Calendars,
                (CalendarFocus::Detail, false) => CalendarFocus::Agenda,
            };
            focus(store, next)
        }
        Action::GoToDate => {
            store.prompt = Some(Prompt::text("Go to date", "", Purpose::CalendarGoTo));
            Vec::new()
        }
        Action::Today => match store.calendar.today {
            Some(today) => load_period(store, today),
            None => Vec::new(),
        },
        Action::ToggleWeekGrid => {
            let view =
                if store.calendar.view == CalendarView::Week { CalendarView::Agenda } else { CalendarView::Week };
            set_view(store, view)
        }
        Action::StartFilter => {
            super::filter::start(&mut store.calendar.filter);
            store.calendar.focus = CalendarFocus::Agenda;
            refilter(store)
        }
        Action::PrevWeek => shift(store, -1),
        Action::NextWeek => shift(store, 1),
        Action::Refresh => {
            notify(store, "Refreshing…".to_owned());
            reload(store)
        }
        Action::Add => form::open_new(store, None),
        Action::Rename => answers::edit_selected(store),
        Action::Delete => answers::delete_selected(store),
        Action::Calendar(action) => on_calendar_action(store, action),
        _ => Vec::new(),
    }
}

fn on_calendar_action(store: &mut Store, action: CalendarAction) -> Vec<Effect> {
    match action {
        CalendarAction::CycleView => set_view(store, store.calendar.view.next()),
        CalendarAction::DayView => {
            let view = if store.calendar.view == CalendarView::Day { CalendarView::Agenda } else { CalendarView::Day };
            // The day view is about the selected event's day, when one is selected.
            if view == CalendarView::Day
                && let Some(AgendaRow::Event { day, .. }) =
                    store.calendar.agenda.ready().and_then(|a| a.rows.get(store.calendar.cursor.selected).copied())
            {
                store.calendar.anchor = Some(day);
            }
            set_view(store, view)
        }
        CalendarAction::MonthView => {
            let view =
                if store.calendar.view == CalendarView::Month { CalendarView::Agenda } else { CalendarView::Month };
            set_view(store, view)
        }
        CalendarAction::FocusCalendars => {
            let next = if store.calendar.focus == CalendarFocus::Calendars {
                CalendarFocus::Agenda
            } else {
                CalendarFocus::Calendars
            };
            focus(store, next)
        }
        CalendarAction::ToggleCalendar => toggle_calendar(store),
        CalendarAction::Answer(answer) => answers::answer_selected(store, answer),
        CalendarAction::FreeBusy => free_busy::ask_people(store, Vec::new()),
        CalendarAction::FindTime => {
            notify(store, "Find a time from the free/busy view: b names the people, then f".to_owned());
            Vec::new()
        }
        CalendarAction::FormKey(_) | CalendarAction::FormSave | CalendarAction::FormCancel => Vec::new(),
    }
}

/// Keys of the calendar list (when it has the focus): moving, showing or hiding one.
fn on_calendars_action(store: &mut Store, action: &Action) -> Option<Vec<Effect>> {
    let len = store.calendar.calendars.len();
    let height = layout::inner_height(store.calendar_layout().calendars);
    if let Some(step) = super::list_step(action, height) {
        store.calendar.calendar_cursor.move_by(step, len, height);
        return Some(Vec::new());
    }
    match action {
        Action::Open => Some(toggle_calendar(store)),
        Action::Back => Some(focus(store, CalendarFocus::Agenda)),
        _ => None,
    }
}

/// Shows or hides the selected calendar's events (no reload: every calendar is loaded).
fn toggle_calendar(store: &mut Store) -> Vec<Effect> {
    let Some(calendar) = store.calendar.calendars.get(store.calendar.calendar_cursor.selected).cloned() else {
        return Vec::new();
    };
    let hidden = &mut store.calendar.hidden;
    let word = if hidden.remove(&calendar.id) {
        "shown"
    } else {
        hidden.insert(calendar.id.clone());
        "hidden"
    };
    notify(store, format!("{} {word}", crate::sanitize::line(&calendar.name)));
    rebuild(store);
    Vec::new()
}

fn page_rows(store: &Store) -> usize {
    let layout = store.calendar_layout();
    match store.calendar.focus {
        CalendarFocus::Calendars => layout::inner_height(layout.calendars),
        CalendarFocus::Agenda => layout::inner_height(layout.agenda),
        CalendarFocus::Detail => layout::inner_height(layout.detail),
    }
}

fn move_by(store: &mut Store, delta: isize) -> Vec<Effect> {
    let height = page_rows(store);
    match store.calendar.focus {
        CalendarFocus::Agenda | CalendarFocus::Calendars => {
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
    let Some(row) = (if upwards { before.or(after) } else { after.or(before) }) else {
        store.calendar.cursor = Default::default();
        store.calendar.detail = None;
        return;
    };
    let cursor = &mut store.calendar.cursor;
    cursor.select(row, rows.len(), height);
    if row > 0 && matches!(rows[row - 1], AgendaRow::Day(_)) {
        cursor.offset = cursor.offset.min(row - 1);
    }
    rebuild_detail(store);
}

/// Selects the event `id` when it is listed, else the nearest row to the cursor.
fn reselect(store: &mut Store, id: Option<&str>) {
    let row = id.and_then(|id| store.calendar.agenda.ready()?.row_of(id));
    match row {
        Some(row) => select_event(store, row, false),
        None => select_event(store, store.calendar.cursor.selected, false),
    }
}

/// The agenda's rows again for the filter's text, on the first event they list.
fn refilter(store: &mut Store) -> Vec<Effect> {
    rebuild(store);
    store.calendar.cursor = Default::default();
    store.calendar.detail = None;
    select_event(store, 0, false);
    Vec::new()
}

/// The rows again from the loaded events (a calendar shown or hidden, an event changed here),
/// the selection kept on its event.
pub(super) fn rebuild(store: &mut Store) {
    let selected = store.calendar.selected_event().map(|e| e.id.clone());
    let (Some(start), days) = (store.calendar.week_start, store.calendar.days.max(1)) else { return };
    let Some(agenda) = store.calendar.agenda.ready_mut() else { return };
    let events = std::mem::take(&mut agenda.events);
    let calendar = &store.calendar;
    let built = agenda::build(events, start, days, &store.zone, calendar.today, &calendar.hidden, &calendar.filter);
    store.calendar.agenda = Loadable::Ready(built);
    // The detail of a changed event is built again.
    store.calendar.detail = None;
    reselect(store, selected.as_deref());
}

/// A click: the column under the pointer takes the focus; in the agenda list the event row
/// under it is selected, and a click on the selected one opens its detail.
pub(super) fn click(store: &mut Store, column: u16, row: u16) -> Vec<Effect> {
    let layout = store.calendar_layout();
    let at = ratatui::layout::Position { x: column, y: row };
    if layout.detail.is_some_and(|area| area.contains(at)) && store.calendar.selected_event().is_some() {
        return focus(store, CalendarFocus::Detail);
    }
    if let Some(area) = layout.calendars.filter(|area| area.contains(at)) {
        store.calendar.focus = CalendarFocus::Calendars;
        let len = store.calendar.calendars.len();
        if let Some(index) = layout::row_at(area, store.calendar.calendar_cursor.offset, len, row) {
            if index == store.calendar.calendar_cursor.selected {
                return toggle_calendar(store);
            }
            store.calendar.calendar_cursor.select(index, len, layout::inner_height(Some(area)));
        }
        return Vec::new();
    }
    let Some(area) = layout.agenda.filter(|area| area.contains(at)) else { return Vec::new() };
    store.calendar.focus = CalendarFocus::Agenda;
    if store.calendar.is_grid() {
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
    layout::inner_width(layout::calendar::split(body, CalendarFocus::Detail, store.calendar.layout_view()).detail)
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
        let calendar = store.calendar.calendar(event.calendar_id.as_deref()).map(|c| c.name.as_str());
        store.calendar.detail = Some(agenda::detail(event, calendar, width, &store.zone));
    }
}

/// After a resize or focus change: the cursor stays visible, the detail rewraps.
pub(super) fn relayout(store: &mut Store) {
    let selected = store.calendar.cursor.selected;
    select_event(store, selected, false);
    let height = layout::inner_height(store.calendar_layout().calendars);
    let len = store.calendar.calendars.len();
    let at = store.calendar.calendar_cursor.selected;
    store.calendar.calendar_cursor.select(at, len, height);
}

pub(super) fn on_msg(store: &mut Store, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Agenda { generation, result } => on_agenda(store, generation, result),
        Msg::Calendar(CalendarMsg::Written { op, result }) => writes::on_written(store, op, result),
        Msg::Calendar(msg) => free_busy::on_msg(store, msg),
        _ => Vec::new(),
    }
}
