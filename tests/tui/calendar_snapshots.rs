//! Snapshots of the calendar pane drawn on a fixed-size TestBackend with fixed events and a
//! pinned zone (Europe/Paris): loaded (agenda and detail), loading, failed, empty, narrow.
use crate::screen;

use screen::draw;

use chrono::{NaiveDate, TimeZone, Utc};
use o365::domain::{Body, Event, EventAttendee, EventTime, Mailbox, ResponseType};
use o365::tui::action::{Action, Pane};
use o365::tui::effect::Effect;
use o365::tui::msg::Msg;
use o365::tui::store::Store;
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
