//! `o365 calendar free ADDRESS... [--from] [--to] [--interval 30m]`: when people are busy, from
//! Graph's getSchedule, in the user's zone: one row per busy block, and a row saying so for a
//! person free all along or an address the service could not look up.
use anyhow::Context;
use chrono::{DateTime, Days, Utc};

use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::super::table::Table;
use crate::domain::calendar::schedule;
use crate::domain::time_zones::in_zone;
use crate::human::dates::{local_midnight, parse_instant};
use crate::human::durations::parse_duration;
use o365_graph::calendar::{self, schedule::MAX_SCHEDULES};

fn usage(text: impl Into<String>) -> anyhow::Error {
    UsageError(text.into()).into()
}

/// `[from, to)`: today by default, `days` long unless `--to` says otherwise.
pub(super) fn window(
    session: &Session,
    from: Option<&str>,
    to: Option<&str>,
    days: u64,
) -> anyhow::Result<(DateTime<Utc>, DateTime<Utc>)> {
    let now = crate::clock::now();
    let zone = session.zone;
    let start = parse_instant(from.unwrap_or("today"), zone, now).map_err(|e| usage(format!("--from: {e}")))?;
    let end = match to {
        Some(to) => parse_instant(to, zone, now).map_err(|e| usage(format!("--to: {e}")))?,
        None => in_zone(&start, &zone)
            .date_naive()
            .checked_add_days(Days::new(days))
            .and_then(|day| local_midnight(day, zone))
            .ok_or_else(|| usage("--from is too close to the end of time"))?,
    };
    if end <= start {
        return Err(usage("--to must be after --from"));
    }
    // getSchedule answers for at most 62 days (findMeetingTimes is held to the same).
    if end - start > chrono::Duration::days(62) {
        return Err(usage("--from and --to are at most 62 days apart: ask for a shorter range"));
    }
    Ok((start, end))
}

pub async fn run(
    session: &Session,
    out: &mut Output,
    addresses: &[String],
    from: Option<&str>,
    to: Option<&str>,
    interval: &str,
) -> anyhow::Result<()> {
    if addresses.len() > MAX_SCHEDULES {
        return Err(usage(format!("at most {MAX_SCHEDULES} addresses at a time")));
    }
    let minutes = parse_duration(interval).map_err(|e| usage(format!("--interval: {e}")))?.num_minutes();
    if !(5..=1440).contains(&minutes) {
        return Err(usage("--interval must be between 5m and 1d"));
    }
    let (start, end) = window(session, from, to, 1)?;
    let zone = session.zone;
    let local = (in_zone(&start, &zone).naive_local(), in_zone(&end, &zone).naive_local());
    let request = schedule::schedule_request(addresses, local, &zone, u32::try_from(minutes).ok());
    let schedules = calendar::get_schedule(&session.client, &request).await.context("reading free/busy")?;
    if out.json() {
        for schedule in &schedules {
            out.json_line(schedule)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Address", "Day", "Time", "Status", "Subject"]).shrink_column(4);
    for person in &schedules {
        if let Some(why) = schedule::schedule_problem(person) {
            table.row([person.schedule_id.as_str(), "", "", "unknown", why.as_str()]);
            continue;
        }
        if person.schedule_items.is_empty() {
            table.row([person.schedule_id.as_str(), "", "", "free", ""]);
        }
        for block in schedule::blocks(person) {
            let (start, end) = (in_zone(&block.start, &zone), in_zone(&block.end, &zone));
            let time = format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"));
            let day = start.format("%a %Y-%m-%d").to_string();
            table.row([person.schedule_id.clone(), day, time, block.status, block.subject]);
        }
    }
    out.table(&table)
}
