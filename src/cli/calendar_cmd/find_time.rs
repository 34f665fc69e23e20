//! `o365 calendar find-time ADDRESS... --duration 1h [--from] [--to]`: times within the range
//! when the user and everyone named are free, from Graph's findMeetingTimes (working hours),
//! shown in the user's zone.
use anyhow::Context;

use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::super::table::Table;
use super::free::window;
use crate::domain::time_zones::{in_zone, local_date_time_time_zone, to_instant_lenient};
use crate::human::durations::parse_duration;
use o365_graph::calendar;
use o365_graph::dto::{Attendee, AttendeeType, EmailAddress, MeetingTimesRequest, TimeConstraint, TimeSlot};

/// Without `--to`, the search covers a week.
const DEFAULT_DAYS: u64 = 7;
/// At most this many suggestions.
const MAX_SUGGESTIONS: u32 = 20;

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
    let attendees = addresses
        .iter()
        .map(|a| Attendee {
            kind: Some(AttendeeType::Required),
            status: None,
            email_address: Some(EmailAddress { name: None, address: Some(a.trim().to_owned()) }),
        })
        .collect();
    let request = MeetingTimesRequest {
        attendees,
        time_constraint: TimeConstraint {
            activity_domain: Some("work".to_owned()),
            time_slots: vec![TimeSlot {
                start: Some(local_date_time_time_zone(in_zone(&start, &zone).naive_local(), &zone)),
                end: Some(local_date_time_time_zone(in_zone(&end, &zone).naive_local(), &zone)),
            }],
        },
        meeting_duration: format!("PT{minutes}M"),
        max_candidates: Some(MAX_SUGGESTIONS),
        return_suggestion_reasons: Some(true),
    };
    let result = calendar::find_meeting_times(&session.client, &request).await.context("finding a meeting time")?;
    if out.json() {
        return out.json_line(&result);
    }
    let mut table = Table::new(&["Day", "Time", "Confidence"]);
    for suggestion in &result.meeting_time_suggestions {
        let Some(slot) = &suggestion.meeting_time_slot else { continue };
        let (Some(from), Some(to)) =
            (slot.start.as_ref().and_then(to_instant_lenient), slot.end.as_ref().and_then(to_instant_lenient))
        else {
            continue;
        };
        let (from, to) = (in_zone(&from, &zone), in_zone(&to, &zone));
        let confidence = suggestion.confidence.map(|c| format!("{c:.0}%")).unwrap_or_default();
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
