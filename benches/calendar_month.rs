//! Benchmark: the time to draw one frame of the Calendar pane's month grid with 2,000 events in
//! its six weeks (three calendars, meetings overlapping, all-day events spanning days), on a
//! 200x60 ratatui TestBackend; and a step to the next event with its frame (the selection and
//! the detail move). The store is filled the way the UI fills it: `update` with the month's
//! load and its answer. Goal (issue 9): a frame under 2 ms in a release build.
//!
//! Run with `cargo bench --bench calendar_month` (optionally `-- --events N --frames N`).
#[path = "support/bench.rs"]
#[allow(dead_code)]
mod bench;

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
use o365::domain::{Calendar, Event, EventTime, Mailbox};
use o365::tui::action::{Action, CalendarAction, Pane};
use o365::tui::effect::Effect;
use o365::tui::keymap::Keymap;
use o365::tui::msg::Msg;
use o365::tui::store::Store;
use o365::tui::store::calendar::CalendarPage;
use o365::tui::theme::Theme;
use o365::tui::update::update;
use o365::tui::view::ScreenView;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;
const GOAL: Duration = Duration::from_millis(2);

fn main() {
    let Some(args) = bench::bench_args("calendar_month", "cargo bench --bench calendar_month") else { return };
    let count = bench::flag(&args, "--events").unwrap_or(2_000);
    let frames = bench::flag(&args, "--frames").unwrap_or(2_000);

    let started = Instant::now();
    let mut store = month_store(count);
    let fill = started.elapsed();
    let agenda = store.calendar.agenda.ready().expect("the month is loaded");
    assert_eq!(agenda.shown.len(), count, "every event is shown");
    let rows = agenda.rows.len();

    let keymap = Keymap::load(None).expect("built-in keymap");
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal");
    let mut draw = |store: &Store| {
        let view = ScreenView { store, theme: &theme, keymap: &keymap };
        terminal.draw(|frame| frame.render_widget(&view, frame.area())).expect("draw");
    };

    for _ in 0..100 {
        draw(&store);
    }
    let (frame_times, frame_cpu) = bench::sample(frames, || draw(&store));
    // Down through the month, then back up, so every step moves.
    let mut step = 0;
    let (step_times, step_cpu) = bench::sample(frames, || {
        let action = if (step / 1_000) % 2 == 0 { Action::Down } else { Action::Up };
        update(&mut store, action);
        draw(&store);
        step += 1;
    });
    println!(
        "calendar_month: month grid at {WIDTH}x{HEIGHT}, {count} events in six weeks ({rows} agenda rows) loaded through update in {:.1} ms, {frames} samples each",
        fill.as_secs_f64() * 1e3
    );
    bench::print_table(
        GOAL,
        vec![
            ("draw one frame (wall clock)", frame_times),
            ("draw one frame (thread CPU time)", frame_cpu),
            ("next event + draw (wall clock)", step_times),
            ("next event + draw (thread CPU time)", step_cpu),
        ],
    );
}

/// `count` events over the six weeks from Monday 26 October 2026: mostly meetings of 30 to 90
/// minutes between 07:00 and 19:00 (so many overlap), one in twenty all day over one to three
/// days, spread over three calendars, with attendees and a body like real ones.
fn events(count: usize) -> Vec<Event> {
    let first = Utc.with_ymd_and_hms(2026, 10, 26, 0, 0, 0).single().expect("a day");
    let subjects =
        ["Stand-up", "Design review", "1:1", "Planning", "Customer call", "Lunch", "Interview", "日本語の会議"];
    let calendars = ["cal-main", "cal-team", "cal-shared"];
    (0..count)
        .map(|n| {
            let day = (n * 7919) % 42;
            let time = if n % 20 == 0 {
                let start = NaiveDate::from_ymd_opt(2026, 10, 26).expect("a day") + TimeDelta::days(day as i64);
                EventTime::AllDay { start, end_exclusive: start + TimeDelta::days(1 + (n % 3) as i64) }
            } else {
                let minutes = 7 * 60 + ((n * 37) % (12 * 60)) as i64;
                let start = first + TimeDelta::days(day as i64) + TimeDelta::minutes(minutes);
                let end = start + TimeDelta::minutes(30 + ((n % 3) * 30) as i64);
                EventTime::Timed { start: start.fixed_offset(), end: end.fixed_offset() }
            };
            Event {
                id: format!("AAMkAGI2TG93AAA={n:0>140}"),
                subject: format!("{} #{n}", subjects[n % subjects.len()]),
                time: Some(time),
                location: Some(format!("Room {}", n % 12)),
                organizer: Some(Mailbox { name: "Megan Bowen".into(), address: "megan@contoso.test".into() }),
                calendar_id: Some(calendars[n % calendars.len()].into()),
                preview: "Agenda: the numbers, the plan, questions".into(),
                ..Default::default()
            }
        })
        .collect()
}

/// The Calendar pane in the month view of November 2026, loaded with `count` events.
fn month_store(count: usize) -> Store {
    let mut store = Store::new("adele@contoso.test", chrono_tz::Europe::Paris, WIDTH, HEIGHT);
    store.calendar.today = NaiveDate::from_ymd_opt(2026, 11, 23);
    update(&mut store, Action::ShowPane(Pane::Calendar));
    let effects = update(&mut store, Action::Calendar(CalendarAction::MonthView));
    let Some(Effect::Load { generation, .. }) = effects.first() else { panic!("the month loads: {effects:?}") };
    let calendars = ["cal-main", "cal-team", "cal-shared"]
        .iter()
        .zip(["#0078d4", "#4b9ce5", "#f7a35c"])
        .map(|(id, colour)| Calendar {
            id: (*id).into(),
            name: (*id).into(),
            color: Some(colour.into()),
            ..Default::default()
        })
        .collect();
    let page = CalendarPage { calendars, events: events(count) };
    update(&mut store, Msg::Agenda { generation: *generation, result: Ok(page) });
    store
}
