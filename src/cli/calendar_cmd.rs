//! `o365 calendar agenda`: the events between two times in the user's zone, recurring series
//! expanded by Graph's calendarView (whose end is exclusive, as `--to` is).
use anyhow::Context;
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;

use super::args::CalendarCommand;
use super::failure::UsageError;
use super::output::Output;
use super::session::Session;
use super::table::Table;
use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime};
use crate::human::dates::parse_instant;
use o365_graph::calendar;

/// Without `--to`, an agenda covers a week.
const DEFAULT_DAYS: u64 = 7;

pub async fn run(command: &CalendarCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let CalendarCommand::Agenda { from, to, limit } = command;
    let (start, end) = window(from.as_deref(), to.as_deref(), session.zone, crate::clock::now())?;
    let events = calendar::calendar_view(&session.client, None, start, end, limit.get())
        .await
        .context("reading the calendar")?;
    if out.json() {
        for event in &events {
            out.json_line(event)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Day", "Time", "Subject", "Location"]).shrink_column(2);
    for event in events.iter().map(Event::from) {
        let (day, time) = when(&event, &session.zone);
        let subject = if event.is_cancelled { format!("[cancelled] {}", event.subject) } else { event.subject };
        table.row([day, time, subject, event.location.unwrap_or_default()]);
    }
    if table.is_empty() {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), b"No events in that time.\n");
        return Ok(());
    }
    out.table(&table)
}

/// `[start, end)` from the arguments: today's midnight and a week later by default.
pub fn window(
    from: Option<&str>,
    to: Option<&str>,
    zone: Tz,
    now: DateTime<Utc>,
) -> anyhow::Result<(DateTime<Utc>, DateTime<Utc>)> {
    let start = parse_instant(from.unwrap_or("today"), zone, now).map_err(|e| UsageError(format!("--from: {e}")))?;
    let end = match to {
        Some(to) => parse_instant(to, zone, now).map_err(|e| UsageError(format!("--to: {e}")))?,
        None => {
            let local = in_zone(&start, &zone).date_naive().checked_add_days(Days::new(DEFAULT_DAYS));
            let end = local.and_then(|day| crate::human::dates::local_midnight(day, zone));
            end.ok_or_else(|| UsageError("--from is too close to the end of time".into()))?
        }
    };
    if end <= start {
        return Err(UsageError("--to must be after --from".into()).into());
    }
    let days = calendar::view_days(start, end);
    if days > calendar::MAX_VIEW_DAYS {
        return Err(UsageError(format!(
            "--from and --to are {days} days apart; Microsoft Graph's calendar view covers at most {} days \
             (about five years): ask for a shorter range",
            calendar::MAX_VIEW_DAYS
        ))
        .into());
    }
    Ok((start, end))
}

/// The day and time columns in the user's zone; all-day events keep their own dates.
fn when(event: &Event, zone: &Tz) -> (String, String) {
    match &event.time {
        Some(EventTime::AllDay { start, end_exclusive }) => {
            let days = (*end_exclusive - *start).num_days();
            let time = if days > 1 { format!("all day ({days} days)") } else { "all day".to_owned() };
            (start.format("%a %Y-%m-%d").to_string(), time)
        }
        Some(EventTime::Timed { start, end }) => {
            let (start, end) = (in_zone(start, zone), in_zone(end, zone));
            let end_text = if end.date_naive() == start.date_naive() {
                end.format("%H:%M").to_string()
            } else {
                end.format("%a %H:%M").to_string()
            };
            (start.format("%a %Y-%m-%d").to_string(), format!("{}–{end_text}", start.format("%H:%M")))
        }
        None => (String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn default_window_is_a_week_from_local_midnight() {
        let now = at("2026-03-10T23:30:00Z"); // already the 11th in Tokyo
        let (start, end) = window(None, None, chrono_tz::Asia::Tokyo, now).unwrap();
        assert_eq!(start, at("2026-03-10T15:00:00Z"));
        assert_eq!(end, at("2026-03-17T15:00:00Z"));
    }

    #[test]
    fn window_across_a_dst_change_ends_at_local_midnight() {
        let now = at("2026-03-05T12:00:00Z");
        let (start, end) = window(Some("2026-03-07"), None, chrono_tz::America::New_York, now).unwrap();
        assert_eq!(start, at("2026-03-07T05:00:00Z"));
        assert_eq!(end, at("2026-03-14T04:00:00Z"), "EDT begins on 8 March");
    }

    #[test]
    fn inverted_or_unreadable_windows_are_usage_errors() {
        let now = at("2026-03-10T12:00:00Z");
        let error = window(Some("2026-03-10"), Some("2026-03-09"), Tz::UTC, now).unwrap_err();
        assert!(error.downcast_ref::<UsageError>().is_some());
        let error = window(Some("next tuesday"), None, Tz::UTC, now).unwrap_err();
        assert!(error.to_string().starts_with("--from:"), "{error}");
    }

    #[test]
    fn windows_past_graphs_limit_are_usage_errors_naming_it() {
        let now = at("2026-03-10T12:00:00Z");
        let (start, end) = window(Some("2026-01-01"), Some("2030-12-31"), Tz::UTC, now).unwrap();
        assert_eq!(calendar::view_days(start, end), 1825, "five years less a leap day is allowed");
        let error = window(Some("2026-01-01"), Some("2031-01-01"), Tz::UTC, now).unwrap_err();
        assert!(error.downcast_ref::<UsageError>().is_some());
        assert!(error.to_string().contains("1826 days apart") && error.to_string().contains("at most 1825 days"));
        let error = window(Some("2026-01-01T00:00"), Some("2030-12-31T00:00:01"), Tz::UTC, now).unwrap_err();
        assert!(error.to_string().contains("1826 days apart"), "{error}");
    }
}
