//! Snapshots of the calendar pane drawn on a fixed-size TestBackend with fixed events and a
//! pinned zone (Europe/Paris): loaded (agenda and detail), loading, failed, empty, narrow; the
//! day, week and month views with overlapping and all-day events in two calendars, a hidden
//! calendar, the event form, and free/busy with suggestions (the invitation reader is in
//! invitation_reader.rs).
use crate::screen;

use screen::draw;

use chrono::{NaiveDate, TimeZone, Utc};
use o365::domain::{Body, Calendar, Event, EventAttendee, EventTime, Mailbox, ResponseType};
use o365::tui::action::{Action, CalendarAction, Pane};
use o365::tui::effect::Effect;
use o365::tui::msg::Msg;
use o365::tui::store::Store;
use o365::tui::store::calendar::CalendarPage;
use o365::tui::update::update;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

fn mailbox(name: &str, address: &str) -> Mailbox {
    Mailbox { name: name.into(), address: address.into() }
}

fn events() -> Vec<Event> {
    let at = |d, h, m| Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap().fixed_offset();
    let attendee = |name: &str, address: &str, response| EventAttendee {
        mailbox: mailbox(name, address),
        kind: None,
        response: Some(response),
        responded: None,
    };
    vec![
        Event {
            id: "standup".into(),
            subject: "Team stand-up".into(),
            time: Some(EventTime::Timed { start: at(23, 8, 30), end: at(23, 8, 45) }),
            location: Some("Room 4".into()),
            organizer: Some(mailbox("Megan Bowen", "megan@contoso.test")),
            attendees: vec![
                attendee("Adele Vance", "adele@contoso.test", ResponseType::Accepted),
                attendee("Lee Gu", "lee@contoso.test", ResponseType::Declined),
                attendee("Alex Wilber", "alex@contoso.test", ResponseType::NotResponded),
            ],
            online_meeting_url: Some("https://teams.example.test/l/meetup/123".into()),
            body: Some(Body::Html("<p>Daily <b>sync</b>.\u{1b}[2J</p><p>Bring blockers.</p>".into())),
            ..Default::default()
        },
        Event {
            id: "offsite".into(),
            subject: "Offsite \u{1b}[31mLyon".into(),
            time: Some(EventTime::AllDay {
                start: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
                end_exclusive: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            }),
            ..Default::default()
        },
        Event {
            id: "review".into(),
            subject: "Design review".into(),
            time: Some(EventTime::Timed { start: at(24, 13, 0), end: at(24, 14, 0) }),
            ..Default::default()
        },
        Event {
            id: "cancelled".into(),
            subject: "1:1".into(),
            is_cancelled: true,
            time: Some(EventTime::Timed { start: at(27, 15, 0), end: at(27, 15, 30) }),
            ..Default::default()
        },
    ]
}

fn calendar_store(width: u16, height: u16) -> (Store, u64) {
    let mut store = Store::new("adele@contoso.test", ZONE, width, height);
    store.calendar.today = NaiveDate::from_ymd_opt(2026, 11, 23);
    let effects = update(&mut store, Action::ShowPane(Pane::Calendar));
    let generation = match effects.as_slice() {
        [Effect::Load { generation, .. }] => *generation,
        other => panic!("expected the agenda load, got {other:?}"),
    };
    (store, generation)
}

#[test]
fn calendar_loaded() {
    let (mut store, generation) = calendar_store(120, 24);
    update(&mut store, Msg::Agenda { generation, result: Ok(events().into()) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn calendar_loading() {
    let (store, _) = calendar_store(100, 12);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn calendar_failed() {
    let (mut store, generation) = calendar_store(100, 12);
    update(&mut store, Msg::Agenda { generation, result: Err("HTTP 503: service unavailable".into()) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn calendar_empty() {
    let (mut store, generation) = calendar_store(100, 12);
    update(&mut store, Msg::Agenda { generation, result: Ok(Vec::new().into()) });
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn calendar_narrow_shows_one_column() {
    let (mut store, generation) = calendar_store(60, 24);
    update(&mut store, Msg::Agenda { generation, result: Ok(events().into()) });
    let agenda = draw(&store);
    update(&mut store, Action::Open);
    let detail = draw(&store);
    insta::assert_snapshot!(format!("{}\n{}", agenda.backend(), detail.backend()));
}

#[test]
fn calendar_week_grid() {
    let (mut store, generation) = calendar_store(140, 24);
    update(&mut store, Msg::Agenda { generation, result: Ok(events().into()) });
    update(&mut store, Action::ToggleWeekGrid);
    update(&mut store, Action::Down);
    let grid = draw(&store);
    // Too narrow for seven day columns: the grid says so instead of drawing slivers.
    let mut narrow = store.clone();
    update(&mut narrow, Action::Resize { width: 50, height: 10 });
    insta::assert_snapshot!(format!("{}\n{}", grid.backend(), draw(&narrow).backend()));
}

#[test]
fn the_prompt_draws_over_the_pane_with_its_complaint() {
    let (mut store, generation) = calendar_store(80, 12);
    update(&mut store, Msg::Agenda { generation, result: Ok(events().into()) });
    update(&mut store, Action::GoToDate);
    for c in "next friday".chars() {
        update(&mut store, Action::TextInput(c));
    }
    update(&mut store, Action::TextSubmit);
    insta::assert_snapshot!(draw(&store).backend());
}

// Views of a week with overlapping and all-day events in two calendars (the Team one in its
// colour), and the invitation reader.

fn calendars() -> Vec<Calendar> {
    vec![
        Calendar {
            id: "cal-main".into(),
            name: "Calendar".into(),
            is_default: true,
            can_edit: true,
            ..Default::default()
        },
        Calendar {
            id: "cal-team".into(),
            name: "Team".into(),
            color: Some("#4b9ce5".into()),
            can_edit: true,
            ..Default::default()
        },
        Calendar {
            id: "cal-megan".into(),
            name: "Megan \u{1b}[2JBowen".into(),
            color: Some("#f7a35c".into()),
            ..Default::default()
        },
    ]
}

/// Monday 23 November: the stand-up (09:30–09:45 Paris), a design sync and a 1:1 overlapping
/// it, a lunch apart; an offsite over Tuesday and Wednesday; a team day on Tuesday.
fn busy_week() -> CalendarPage {
    let at = |d, h, m| Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap().fixed_offset();
    let timed = |id: &str, subject: &str, calendar: &str, d, h, m, minutes| Event {
        id: id.into(),
        subject: subject.into(),
        calendar_id: Some(calendar.into()),
        time: Some(EventTime::Timed { start: at(d, h, m), end: at(d, h, m) + chrono::TimeDelta::minutes(minutes) }),
        ..Default::default()
    };
    let mut events = events();
    for event in &mut events {
        event.calendar_id = Some("cal-main".into());
    }
    events.extend([
        timed("sync", "Design sync", "cal-team", 23, 8, 30, 60),
        timed("one", "1:1 Lee", "cal-main", 23, 9, 0, 30),
        timed("lunch", "Lunch", "cal-main", 23, 11, 0, 60),
        timed("late", "Release", "cal-team", 26, 16, 0, 90),
        Event {
            id: "teamday".into(),
            subject: "Team day".into(),
            calendar_id: Some("cal-team".into()),
            time: Some(EventTime::AllDay {
                start: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
                end_exclusive: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            }),
            ..Default::default()
        },
    ]);
    CalendarPage { calendars: calendars(), events }
}

/// The store at `width` × `height`, the busy week loaded, in `view` (loaded for it).
fn busy(width: u16, height: u16, view: Option<CalendarAction>) -> Store {
    let (mut store, generation) = calendar_store(width, height);
    update(&mut store, Msg::Agenda { generation, result: Ok(busy_week()) });
    let effects = match view {
        Some(action) => update(&mut store, Action::Calendar(action)),
        None => update(&mut store, Action::ToggleWeekGrid),
    };
    if let [Effect::Load { generation, .. }] = effects.as_slice() {
        update(&mut store, Msg::Agenda { generation: *generation, result: Ok(busy_week()) });
    }
    store
}

#[test]
fn calendar_day_view_with_overlapping_and_all_day_events() {
    let mut store = busy(120, 24, Some(CalendarAction::DayView));
    // The 1:1 selected: the overlapping three share the column.
    update(&mut store, Action::Down);
    update(&mut store, Action::Down);
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn calendar_week_view_with_overlapping_and_all_day_events_in_their_colours() {
    let store = busy(150, 30, None);
    let terminal = draw(&store);
    let buffer = terminal.backend().buffer();
    // The Team calendar's events are drawn in its colour.
    let (x, y) = (0..buffer.area.height)
        .flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
        .find(|&(x, y)| {
            buffer[(x, y)].symbol() == "T" && buffer[(x + 1, y)].symbol() == "e" && buffer[(x + 5, y)].symbol() == "d"
        })
        .expect("Team day drawn");
    assert_eq!(buffer[(x, y)].fg, ratatui::style::Color::Rgb(0x4b, 0x9c, 0xe5), "at {x},{y}");
    let screen = terminal.backend().to_string();
    assert!(!screen.contains("[2J"), "calendar names are sanitised: {screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn calendar_month_view_with_overlapping_and_all_day_events() {
    let store = busy(140, 40, Some(CalendarAction::MonthView));
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn calendar_hidden_calendar_and_the_calendar_list() {
    let mut store = busy(120, 24, Some(CalendarAction::CycleView));
    update(&mut store, Action::Calendar(CalendarAction::FocusCalendars));
    update(&mut store, Action::Down);
    update(&mut store, Action::Calendar(CalendarAction::ToggleCalendar));
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn calendar_event_form_with_a_complaint() {
    let (mut store, generation) = calendar_store(100, 30);
    update(&mut store, Msg::Agenda { generation, result: Ok(busy_week()) });
    update(&mut store, Action::Add);
    let key = |c| Action::Calendar(CalendarAction::FormKey(ratatui::crossterm::event::KeyEvent::from(c)));
    for c in "Review".chars() {
        update(&mut store, key(ratatui::crossterm::event::KeyCode::Char(c)));
    }
    update(&mut store, key(ratatui::crossterm::event::KeyCode::Tab));
    update(&mut store, key(ratatui::crossterm::event::KeyCode::Tab));
    for c in "zz".chars() {
        update(&mut store, key(ratatui::crossterm::event::KeyCode::Char(c)));
    }
    update(&mut store, Action::Calendar(CalendarAction::FormSave));
    assert!(store.calendar.form.as_ref().unwrap().problem.is_some(), "kept open with the reason");
    insta::assert_snapshot!(draw(&store).backend());
}

#[test]
fn calendar_free_busy_rows_and_suggestions() {
    use o365::tui::msg::calendar::{BusyBlock, CalendarMsg, PersonSchedule, Suggestions, TimeSuggestion};
    let (mut store, _) = calendar_store(120, 20);
    update(&mut store, Action::Calendar(CalendarAction::FreeBusy));
    for c in "lee@contoso.test, nobody@contoso.test".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let effects = update(&mut store, Action::TextSubmit);
    let generation = match effects.as_slice() {
        [Effect::Calendar(o365::tui::effect::calendar::CalendarEffect::Schedule { generation, .. })] => *generation,
        other => panic!("expected the schedule load, got {other:?}"),
    };
    let utc = |h, m| Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap();
    let block = |h, m, minutes, status: &str| BusyBlock {
        start: utc(h, m),
        end: utc(h, m) + chrono::TimeDelta::minutes(minutes),
        status: status.into(),
    };
    let people = vec![
        PersonSchedule {
            address: "lee@contoso.test".into(),
            blocks: vec![block(8, 0, 90, "busy"), block(12, 0, 60, "tentative"), block(15, 0, 120, "oof")],
            problem: None,
        },
        PersonSchedule {
            address: "nobody@contoso.test".into(),
            blocks: vec![],
            problem: Some("The user was not found".into()),
        },
    ];
    update(&mut store, Msg::Calendar(CalendarMsg::Schedule { generation, result: Ok(people) }));
    update(&mut store, Action::Calendar(CalendarAction::FindTime));
    let effects = update(&mut store, Action::TextSubmit);
    let generation = match effects.as_slice() {
        [
            Effect::Calendar(o365::tui::effect::calendar::CalendarEffect::FindTimes {
                generation, minutes: 30, ..
            }),
        ] => *generation,
        other => panic!("expected the meeting times, got {other:?}"),
    };
    let times = vec![
        TimeSuggestion { start: utc(10, 0), end: utc(10, 30), confidence: Some(100.0) },
        TimeSuggestion { start: utc(13, 30), end: utc(14, 0), confidence: Some(50.0) },
    ];
    let found = Suggestions { times, empty_reason: None };
    update(&mut store, Msg::Calendar(CalendarMsg::Times { generation, result: Ok(found) }));
    update(&mut store, Action::Down);
    insta::assert_snapshot!(draw(&store).backend());
}
