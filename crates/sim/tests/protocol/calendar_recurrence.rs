//! Recurrence expansion of the simulated calendar: every pattern and range type, DST, and
//! window edges, on pinned dates.
use chrono::{NaiveDate, TimeZone, Utc};
use o365_sim::calendar::expand::{self, Span, occurrence_id, parse_occurrence_id};
use o365_sim::calendar::recurrence::Recurrence;
use o365_sim::calendar::time::OutputZone;
use serde_json::{Value, json};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dates(pattern: Value, range: Value, until: NaiveDate) -> Vec<NaiveDate> {
    Recurrence::parse(&json!({"pattern": pattern, "range": range})).unwrap().dates_until(until)
}

#[test]
fn daily_every_other_day_with_end_date() {
    let got = dates(
        json!({"type": "daily", "interval": 2}),
        json!({"type": "endDate", "startDate": "2024-05-30", "endDate": "2024-06-05"}),
        d(2024, 12, 31),
    );
    assert_eq!(got, vec![d(2024, 5, 30), d(2024, 6, 1), d(2024, 6, 3), d(2024, 6, 5)]);
}

#[test]
fn weekly_biweekly_two_days_counts_weeks_from_first_day_of_week() {
    // Start on Wednesday 2024-05-08; weeks begin on Monday; every 2 weeks on Mon and Wed.
    // The Monday of the first week (05-06) is before the start and is skipped.
    let got = dates(
        json!({"type": "weekly", "interval": 2, "daysOfWeek": ["monday", "wednesday"], "firstDayOfWeek": "monday"}),
        json!({"type": "numbered", "startDate": "2024-05-08", "numberOfOccurrences": 4}),
        d(2025, 1, 1),
    );
    assert_eq!(got, vec![d(2024, 5, 8), d(2024, 5, 20), d(2024, 5, 22), d(2024, 6, 3)]);
}

#[test]
fn weekly_first_day_of_week_changes_which_weeks_count() {
    // Start Sunday 2024-05-05, every 2 weeks on Sunday and Monday.
    let sunday_weeks = dates(
        json!({"type": "weekly", "interval": 2, "daysOfWeek": ["sunday", "monday"], "firstDayOfWeek": "sunday"}),
        json!({"type": "endDate", "startDate": "2024-05-05", "endDate": "2024-05-20"}),
        d(2025, 1, 1),
    );
    assert_eq!(sunday_weeks, vec![d(2024, 5, 5), d(2024, 5, 6), d(2024, 5, 19), d(2024, 5, 20)]);
    let monday_weeks = dates(
        json!({"type": "weekly", "interval": 2, "daysOfWeek": ["sunday", "monday"], "firstDayOfWeek": "monday"}),
        json!({"type": "endDate", "startDate": "2024-05-05", "endDate": "2024-05-20"}),
        d(2025, 1, 1),
    );
    // Week of Mon 04-29 holds Sun 05-05; the next counted week starts Mon 05-13.
    assert_eq!(monday_weeks, vec![d(2024, 5, 5), d(2024, 5, 13), d(2024, 5, 19)]);
}

#[test]
fn absolute_monthly_day_31_falls_on_last_day_of_short_months() {
    let got = dates(
        json!({"type": "absoluteMonthly", "interval": 1, "dayOfMonth": 31}),
        json!({"type": "numbered", "startDate": "2024-01-31", "numberOfOccurrences": 4}),
        d(2030, 1, 1),
    );
    assert_eq!(got, vec![d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31), d(2024, 4, 30)]);
}

#[test]
fn relative_monthly_last_friday_and_second_tuesday() {
    let last_friday = dates(
        json!({"type": "relativeMonthly", "interval": 1, "daysOfWeek": ["friday"], "index": "last"}),
        json!({"type": "noEnd", "startDate": "2024-01-01"}),
        d(2024, 5, 31),
    );
    assert_eq!(last_friday, vec![d(2024, 1, 26), d(2024, 2, 23), d(2024, 3, 29), d(2024, 4, 26), d(2024, 5, 31)]);
    let second_tuesday_quarterly = dates(
        json!({"type": "relativeMonthly", "interval": 3, "daysOfWeek": ["tuesday"], "index": "second"}),
        json!({"type": "endDate", "startDate": "2024-01-01", "endDate": "2024-12-31"}),
        d(2030, 1, 1),
    );
    assert_eq!(second_tuesday_quarterly, vec![d(2024, 1, 9), d(2024, 4, 9), d(2024, 7, 9), d(2024, 10, 8)]);
}

#[test]
fn relative_monthly_first_weekday_uses_the_set_of_days() {
    let got = dates(
        json!({"type": "relativeMonthly", "interval": 1,
               "daysOfWeek": ["monday", "tuesday", "wednesday", "thursday", "friday"], "index": "first"}),
        json!({"type": "numbered", "startDate": "2024-06-01", "numberOfOccurrences": 3}),
        d(2030, 1, 1),
    );
    // June 1 2024 is a Saturday, so the first weekday is Monday June 3.
    assert_eq!(got, vec![d(2024, 6, 3), d(2024, 7, 1), d(2024, 8, 1)]);
}

#[test]
fn yearly_patterns() {
    let leap_day = dates(
        json!({"type": "absoluteYearly", "interval": 1, "month": 2, "dayOfMonth": 29}),
        json!({"type": "numbered", "startDate": "2024-02-29", "numberOfOccurrences": 3}),
        d(2040, 1, 1),
    );
    assert_eq!(leap_day, vec![d(2024, 2, 29), d(2025, 2, 28), d(2026, 2, 28)]);
    let thanksgiving = dates(
        json!({"type": "relativeYearly", "interval": 1, "month": 11, "daysOfWeek": ["thursday"], "index": "fourth"}),
        json!({"type": "endDate", "startDate": "2023-01-01", "endDate": "2025-12-31"}),
        d(2040, 1, 1),
    );
    assert_eq!(thanksgiving, vec![d(2023, 11, 23), d(2024, 11, 28), d(2025, 11, 27)]);
}

#[test]
fn no_end_stops_at_until_and_bad_patterns_are_rejected() {
    let got = dates(
        json!({"type": "daily", "interval": 1}),
        json!({"type": "noEnd", "startDate": "2024-05-01"}),
        d(2024, 5, 3),
    );
    assert_eq!(got.len(), 3);
    for bad in [
        json!({"pattern": {"type": "hourly"}, "range": {"type": "noEnd", "startDate": "2024-05-01"}}),
        json!({"pattern": {"type": "weekly"}, "range": {"type": "noEnd", "startDate": "2024-05-01"}}),
        json!({"pattern": {"type": "daily"}, "range": {"type": "numbered", "startDate": "2024-05-01"}}),
        json!({"pattern": {"type": "daily"}, "range": {"type": "endDate", "startDate": "2024-05-01"}}),
    ] {
        assert!(Recurrence::parse(&bad).is_err(), "{bad}");
    }
}

fn weekly_master_in(zone: &str) -> Value {
    json!({
        "id": "MASTER1", "type": "seriesMaster", "subject": "Standup",
        "start": {"dateTime": "2024-03-25T09:00:00.0000000", "timeZone": zone},
        "end": {"dateTime": "2024-03-25T09:30:00.0000000", "timeZone": zone},
        "recurrence": {
            "pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["monday"], "firstDayOfWeek": "monday"},
            "range": {"type": "noEnd", "startDate": "2024-03-25", "recurrenceTimeZone": zone}
        }
    })
}

fn span(start: (u32, u32, u32, u32), end: (u32, u32, u32, u32)) -> Span {
    Span {
        start: Utc.with_ymd_and_hms(2024, start.0, start.1, start.2, start.3, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2024, end.0, end.1, end.2, end.3, 0).unwrap(),
    }
}

#[test]
fn weekly_series_keeps_wall_clock_time_across_dst() {
    // Europe (Berlin) moves to summer time on 2024-03-31: 09:00 local is 08:00Z before, 07:00Z after.
    let master = weekly_master_in("W. Europe Standard Time");
    let window = span((3, 20, 0, 0), (4, 10, 0, 0));
    let got = expand::occurrences(&master, chrono_tz::UTC, &window).unwrap();
    let starts: Vec<_> = got.iter().map(|(_, s)| s.start).collect();
    assert_eq!(
        starts,
        vec![
            Utc.with_ymd_and_hms(2024, 3, 25, 8, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2024, 4, 1, 7, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2024, 4, 8, 7, 0, 0).unwrap(),
        ]
    );
    assert_eq!(got[1].1.end, Utc.with_ymd_and_hms(2024, 4, 1, 7, 30, 0).unwrap());
    // The same series in Pacific time changed earlier (2024-03-10), so no shift here.
    let pacific = weekly_master_in("Pacific Standard Time");
    let got = expand::occurrences(&pacific, chrono_tz::UTC, &window).unwrap();
    assert!(got.iter().all(|(_, s)| s.start.format("%H:%M").to_string() == "16:00"));
}

#[test]
fn window_edges_are_half_open() {
    let master = weekly_master_in("UTC");
    // Window ending exactly at an occurrence's start excludes it; starting at its end excludes it.
    let ends_at_start = span((3, 25, 0, 0), (4, 1, 9, 0));
    let got = expand::occurrences(&master, chrono_tz::UTC, &ends_at_start).unwrap();
    assert_eq!(got.iter().map(|(date, _)| *date).collect::<Vec<_>>(), vec![d(2024, 3, 25)]);
    let starts_at_end = span((3, 25, 9, 30), (4, 1, 9, 1));
    let got = expand::occurrences(&master, chrono_tz::UTC, &starts_at_end).unwrap();
    assert_eq!(got.iter().map(|(date, _)| *date).collect::<Vec<_>>(), vec![d(2024, 4, 1)]);
    // A window inside an occurrence still finds it.
    let inside = span((4, 8, 9, 10), (4, 8, 9, 20));
    assert_eq!(expand::occurrences(&master, chrono_tz::UTC, &inside).unwrap().len(), 1);
}

#[test]
fn occurrence_ids_are_stable_and_reversible() {
    let id = occurrence_id("AAMkADNVxRAAA=", d(2024, 5, 6));
    assert_eq!(id, occurrence_id("AAMkADNVxRAAA=", d(2024, 5, 6)));
    assert_ne!(id, occurrence_id("AAMkADNVxRAAA=", d(2024, 5, 13)));
    assert_eq!(parse_occurrence_id(&id), Some(("AAMkADNVxRAAA=".to_owned(), d(2024, 5, 6))));
    assert_eq!(parse_occurrence_id("AAMkADNVxRAAA="), None);
}

#[test]
fn view_renders_occurrences_and_all_day_events_in_the_output_zone() {
    let all_day = json!({
        "id": "ALLDAY", "type": "singleInstance", "isAllDay": true,
        "start": {"dateTime": "2024-04-02T00:00:00.0000000", "timeZone": "UTC"},
        "end": {"dateTime": "2024-04-03T00:00:00.0000000", "timeZone": "UTC"},
    });
    let master = weekly_master_in("W. Europe Standard Time");
    let zone =
        OutputZone { name: "Pacific Standard Time".into(), tz: chrono_tz::America::Los_Angeles, requested: true };
    let window = span((4, 1, 0, 0), (4, 3, 12, 0));
    let got = expand::view([&all_day, &master].into_iter(), &window, &zone);
    assert_eq!(got.len(), 2);
    // 07:00Z on April 1 is 00:00 in Los Angeles.
    assert_eq!(
        got[0]["start"],
        json!({"dateTime": "2024-04-01T00:00:00.0000000", "timeZone": "Pacific Standard Time"})
    );
    assert_eq!(got[0]["type"], "occurrence");
    assert_eq!(got[0]["seriesMasterId"], "MASTER1");
    assert_eq!(got[0]["recurrence"], Value::Null);
    assert_eq!(got[1]["id"], "ALLDAY");
    assert_eq!(got[1]["start"]["dateTime"], "2024-04-02T00:00:00.0000000");
    assert_eq!(got[1]["end"]["dateTime"], "2024-04-03T00:00:00.0000000");
}
