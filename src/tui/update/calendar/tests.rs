//! The calendar pane's `update`: first load, grouping by day in the user's zone, moving over
//! events (headings skipped), week switching that drops stale results, failure and retry.
use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::domain::{Event, EventTime};
use crate::tui::action::{Action, Pane};
use crate::tui::effect::{Effect, LoadKey};
use crate::tui::loadable::{Generation, Loadable};
use crate::tui::msg::Msg;
use crate::tui::store::{AgendaRow, CalendarFocus, Store};
use crate::tui::update::update;

const PARIS: Tz = chrono_tz::Europe::Paris;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn timed(id: &str, d: u32, h: u32, hours: i64) -> Event {
    let start = Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap().fixed_offset();
    Event {
        id: id.into(),
        subject: format!("Event {id}"),
        time: Some(EventTime::Timed { start, end: start + chrono::TimeDelta::hours(hours) }),
        ..Default::default()
    }
}

fn all_day(id: &str, d: u32, days: u64) -> Event {
    Event {
        id: id.into(),
        subject: format!("All {id}"),
        time: Some(EventTime::AllDay { start: day(d), end_exclusive: day(d) + chrono::Days::new(days) }),
        ..Default::default()
    }
}

fn the_load(effects: &[Effect]) -> (Generation, LoadKey) {
    match effects {
        [Effect::Load { generation, key }] => (*generation, key.clone()),
        other => panic!("expected one load, got {other:?}"),
    }
}

fn shown() -> (Store, Generation, LoadKey) {
    let mut store = Store::new("me", PARIS, 140, 40);
    store.calendar.today = Some(day(23));
    let effects = update(&mut store, Action::ShowPane(Pane::Calendar));
    let (generation, key) = the_load(&effects);
    (store, generation, key)
}

fn loaded(events: Vec<Event>) -> Store {
    let (mut store, generation, _) = shown();
    update(&mut store, Msg::Agenda { generation, result: Ok(events.into()) });
    store
}

#[test]
fn first_view_loads_the_week_from_local_midnight_once() {
    let (mut store, _, key) = shown();
    // Midnight in Paris (UTC+1 in November) is 23:00 UTC the day before.
    let start = Utc.with_ymd_and_hms(2026, 11, 22, 23, 0, 0).unwrap();
    assert_eq!(key, LoadKey::Agenda { start, end: start + chrono::TimeDelta::days(7) });
    assert!(store.calendar.agenda.is_loading());
    assert_eq!(store.loading_what(), vec!["agenda"]);
    update(&mut store, Action::ShowPane(Pane::Mail));
    assert!(update(&mut store, Action::ShowPane(Pane::Calendar)).is_empty(), "not loaded twice");
}

#[test]
fn today_without_events_keeps_its_heading_and_the_cursor_goes_to_the_first_event() {
    // Today is the 23rd (a Monday); the week's only event is on the 25th.
    let mut store = loaded(vec![timed("wed", 25, 9, 1)]);
    let agenda = store.calendar.agenda.ready().unwrap();
    assert_eq!(
        agenda.rows,
        [
            AgendaRow::Day(day(23)),
            AgendaRow::NoEvents,
            AgendaRow::Day(day(25)),
            AgendaRow::Event { index: 0, day: day(25) }
        ]
    );
    assert!(agenda.has_events());
    assert_eq!(store.calendar.cursor.selected, 3, "the event, not today's empty heading");
    update(&mut store, Action::Up);
    assert_eq!(store.calendar.cursor.selected, 3, "nothing to select above it");

    let empty = loaded(Vec::new());
    let agenda = empty.calendar.agenda.ready().unwrap();
    assert_eq!(agenda.rows, [AgendaRow::Day(day(23)), AgendaRow::NoEvents]);
    assert!(!agenda.has_events(), "an empty week still says so");
}

#[test]
fn events_group_by_local_day_with_all_day_first_and_moves_skip_headings() {
    // 23:30 UTC on the 23rd is 00:30 on the 24th in Paris.
    let late = Event {
        time: Some(EventTime::Timed {
            start: Utc.with_ymd_and_hms(2026, 11, 23, 23, 30, 0).unwrap().fixed_offset(),
            end: Utc.with_ymd_and_hms(2026, 11, 24, 0, 30, 0).unwrap().fixed_offset(),
        }),
        ..timed("late", 23, 0, 1)
    };
    let store_events = vec![timed("b", 23, 14, 1), timed("a", 23, 8, 1), all_day("x", 23, 2), late];
    let mut store = loaded(store_events);
    let agenda = store.calendar.agenda.ready().unwrap();
    let ids: Vec<String> = agenda
        .rows
        .iter()
        .map(|row| match row {
            AgendaRow::Day(d) => d.format("%d").to_string(),
            AgendaRow::Event { index, .. } => agenda.events[*index].id.clone(),
            AgendaRow::NoEvents => "-".to_owned(),
        })
        .collect();
    assert_eq!(ids, ["23", "x", "a", "b", "24", "x", "late"]);
    assert_eq!(store.calendar.cursor.selected, 1, "the first event, not the heading");
    assert_eq!(store.calendar.detail.as_ref().unwrap().event_id, "x");
    for _ in 0..3 {
        update(&mut store, Action::Down);
    }
    assert_eq!(store.calendar.cursor.selected, 5, "skipped the heading of the 24th");
    update(&mut store, Action::Up);
    assert_eq!(store.calendar.selected_event().unwrap().id, "b");
    update(&mut store, Action::Bottom);
    assert_eq!(store.calendar.selected_event().unwrap().id, "late");
    update(&mut store, Action::Top);
    assert_eq!(store.calendar.cursor.selected, 1);
    assert_eq!(store.calendar.cursor.offset, 0, "the day heading stays in view");
    update(&mut store, Action::Open);
    assert_eq!(store.calendar.focus, CalendarFocus::Detail);
    update(&mut store, Action::Back);
    assert_eq!(store.calendar.focus, CalendarFocus::Agenda);
}

#[test]
fn switching_weeks_drops_the_stale_result() {
    let (mut store, first, _) = shown();
    let effects = update(&mut store, Action::NextWeek);
    let (second, key) = the_load(&effects);
    let start = Utc.with_ymd_and_hms(2026, 11, 29, 23, 0, 0).unwrap();
    assert!(matches!(key, LoadKey::Agenda { start: s, .. } if s == start));
    assert_eq!(store.calendar.week_start, Some(day(30)));
    // The first week's answer arrives late: ignored.
    update(&mut store, Msg::Agenda { generation: first, result: Ok(vec![timed("old", 23, 9, 1)].into()) });
    assert!(store.calendar.agenda.awaits(second));
    update(&mut store, Msg::Agenda { generation: second, result: Ok(vec![timed("new", 30, 9, 1)].into()) });
    assert_eq!(store.calendar.selected_event().unwrap().id, "new");
    let (_, back) = the_load(&update(&mut store, Action::PrevWeek));
    assert!(
        matches!(back, LoadKey::Agenda { start: s, .. } if s == Utc.with_ymd_and_hms(2026, 11, 22, 23, 0, 0).unwrap())
    );
}

#[test]
fn a_failure_is_shown_and_r_retries_the_same_week() {
    let (mut store, generation, key) = shown();
    update(&mut store, Msg::Agenda { generation, result: Err("503 Service Unavailable".into()) });
    match &store.calendar.agenda {
        Loadable::Failed { reason, retry } => {
            assert_eq!(reason, "503 Service Unavailable");
            assert_eq!(retry, &key);
        }
        other => panic!("not failed: {other:?}"),
    }
    assert!(store.notice.as_ref().unwrap().is_error);
    let (_, again) = the_load(&update(&mut store, Action::Refresh));
    assert_eq!(again, key);
}

#[test]
fn go_to_date_asks_then_loads_that_week_and_refuses_what_is_not_a_date() {
    let (mut store, _, _) = shown();
    assert!(update(&mut store, Action::GoToDate).is_empty());
    assert!(store.prompt.is_some(), "the prompt opens");
    for c in "2026-13-01".chars() {
        update(&mut store, Action::TextInput(c));
    }
    assert!(update(&mut store, Action::TextSubmit).is_empty(), "a bad date loads nothing");
    let prompt = store.prompt.as_ref().expect("stays open");
    assert!(prompt.error.as_deref().unwrap().contains("`2026-13-01` is not a day"), "{prompt:?}");
    assert_eq!(prompt.typed(), "2026-13-01", "the text is kept to be corrected");
    for _ in 0..5 {
        update(&mut store, Action::TextBackspace);
    }
    for c in "12-24".chars() {
        update(&mut store, Action::TextInput(c));
    }
    assert_eq!(store.prompt.as_ref().unwrap().error, None, "typing clears the complaint");
    let (_, key) = the_load(&update(&mut store, Action::TextSubmit));
    assert!(store.prompt.is_none());
    assert_eq!(store.calendar.week_start, Some(NaiveDate::from_ymd_opt(2026, 12, 24).unwrap()));
    // Midnight in Paris (UTC+1 in December) is 23:00 UTC the day before.
    assert_eq!(
        key,
        LoadKey::Agenda {
            start: Utc.with_ymd_and_hms(2026, 12, 23, 23, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 12, 30, 23, 0, 0).unwrap(),
        }
    );
    let (_, key) = the_load(&update(&mut store, Action::Today));
    assert_eq!(store.calendar.week_start, Some(day(23)), "t goes back to the week from today");
    assert!(matches!(key, LoadKey::Agenda { .. }));
}

#[test]
fn the_prompt_takes_every_key_and_esc_cancels_it() {
    let (mut store, _, _) = shown();
    update(&mut store, Action::GoToDate);
    assert!(update(&mut store, Action::NextWeek).is_empty(), "swallowed while the prompt is open");
    assert_eq!(store.calendar.week_start, Some(day(23)));
    update(&mut store, Action::TextInput('x'));
    update(&mut store, Action::Back);
    assert!(store.prompt.is_none());
    assert_eq!(the_load(&update(&mut store, Action::NextWeek)).1, {
        let mut other = Store::new("me", PARIS, 140, 40);
        other.calendar.today = Some(day(30));
        the_load(&update(&mut other, Action::ShowPane(Pane::Calendar))).1
    });
}

#[test]
fn a_click_selects_the_event_under_it_and_a_second_click_opens_it() {
    let mut store = loaded(vec![timed("a", 23, 8, 1), timed("b", 23, 14, 1), timed("c", 24, 9, 1)]);
    // Rows: tab bar (0), border (1), then "23" heading at 2, a at 3, b at 4, "24" at 5, c at 6.
    let agenda_x = store.calendar_layout().agenda.unwrap().x + 3;
    update(&mut store, Action::Click { column: agenda_x, row: 5 });
    assert_eq!(store.calendar.selected_event().unwrap().id, "a", "a heading is not selectable");
    update(&mut store, Action::Click { column: agenda_x, row: 6 });
    assert_eq!(store.calendar.selected_event().unwrap().id, "c");
    assert_eq!(store.calendar.focus, CalendarFocus::Agenda);
    update(&mut store, Action::Click { column: agenda_x, row: 6 });
    assert_eq!(store.calendar.focus, CalendarFocus::Detail, "clicking the selected event opens it");
    update(&mut store, Action::Click { column: agenda_x, row: 4 });
    assert_eq!(
        (store.calendar.focus, store.calendar.selected_event().unwrap().id.as_str()),
        (CalendarFocus::Agenda, "b")
    );
}

/// Issue 13: `/` narrows the agenda to the events whose subject, place or organiser has the
/// text; Enter keeps it (also for another week), Esc clears it.
#[test]
fn slash_filters_the_agenda_and_esc_clears_it() {
    let mut standup = timed("a", 24, 8, 1);
    standup.subject = "Daily stand-up".into();
    let mut review = timed("b", 25, 13, 1);
    review.location = Some("Room Stand 4".into());
    let mut store = loaded(vec![standup, review, timed("c", 26, 9, 1), all_day("d", 27, 1)]);
    let events = |store: &Store| -> Vec<String> {
        let agenda = store.calendar.agenda.ready().unwrap();
        (0..agenda.rows.len()).filter_map(|row| agenda.event_at(row)).map(|e| e.id.clone()).collect()
    };
    assert_eq!(events(&store), ["a", "b", "c", "d"]);
    update(&mut store, Action::StartFilter);
    assert!(store.wants_text());
    for c in "STAND".chars() {
        update(&mut store, Action::TextInput(c));
    }
    assert_eq!(events(&store), ["a", "b"], "the subject or the place");
    assert_eq!(store.calendar.selected_event().unwrap().id, "a");
    update(&mut store, Action::TextSubmit);
    update(&mut store, Action::Down);
    assert_eq!(store.calendar.selected_event().unwrap().id, "b");
    update(&mut store, Action::TextInput('x'));
    assert_eq!(store.calendar.filter.text, "stand".to_uppercase(), "typing is over: keys act again");
    update(&mut store, Action::Back);
    assert_eq!(events(&store), ["a", "b", "c", "d"]);
    // A filter that keeps nothing leaves no event selected.
    update(&mut store, Action::StartFilter);
    update(&mut store, Action::TextInput('#'));
    assert!(store.calendar.selected_event().is_none() && store.calendar.detail.is_none());
}
