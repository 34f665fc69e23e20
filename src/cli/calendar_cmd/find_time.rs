//! `o365 calendar find-time ADDRESS... --duration 1h [--from] [--to]`: times within the range
//! when the user and everyone named are free, from Graph's findMeetingTimes (working hours),
//! shown in the user's zone.
use anyhow::Context;

use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::super::table::Table;
use super::free::window;
use crate::domain::calendar::schedule;
use crate::domain::time_zones::in_zone;
use crate::human::durations::parse_duration;
use o365_graph::calendar;

/// Without `--to`, the search covers a week.
const DEFAULT_DAYS: u64 = 7;

fn usage(text: impl Into<String>) -> anyhow::Error {
    UsageError(text.into()).into()
}

pub async fn run(
    session: &Session,
    out: &mut Output,
    addresses: &[String],
    duration: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> anyhow::Result<()> {
    for address in addresses {
        if !address.contains('@') || address.starts_with('@') || address.ends_with('@') {
            return Err(usage(format!("{address:?} is not an email address")));
        }
    }
    let minutes = parse_duration(duration).map_err(|e| usage(format!("--duration: {e}")))?.num_minutes();
    let (start, end) = window(session, from, to, DEFAULT_DAYS)?;
    let zone = session.zone;
    let local = (in_zone(&start, &zone).naive_local(), in_zone(&end, &zone).naive_local());
    let request = schedule::meeting_times_request(addresses, minutes, local, &zone);
    let result = calendar::find_meeting_times(&session.client, &request).await.context("finding a meeting time")?;
    if out.json() {
        return out.json_line(&result);
    }
    let mut table = Table::new(&["Day", "Time", "Confidence"]);
    for (from, to, confidence) in schedule::suggestions(&result) {
        let (from, to) = (in_zone(&from, &zone), in_zone(&to, &zone));
        let confidence = confidence.map(|c| format!("{c:.0}%")).unwrap_or_default();
        table.row([
            from.format("%a %Y-%m-%d").to_string(),
            format!("{}–{}", from.format("%H:%M"), to.format("%H:%M")),
            confidence,
        ]);
    }
    if table.is_empty() {
        let reason = result.empty_suggestions_reason.filter(|r| !r.is_empty()).unwrap_or_else(|| "unknown".to_owned());
        let line = format!("No time in that range suits everyone ({}).\n", crate::sanitize::line(&reason));
        let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
        return Ok(());
    }
    out.table(&table)
}
