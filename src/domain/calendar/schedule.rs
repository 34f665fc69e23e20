//! Free/busy and meeting times as both faces ask for them and read them: getSchedule and
//! findMeetingTimes requests for a window of wall-clock times in the user's zone (Graph takes
//! its Windows name), and the answers' blocks and suggestions as instants.
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use chrono_tz::Tz;

use crate::domain::time_zones::{local_date_time_time_zone, to_instant_lenient};
use o365_graph::dto::{
    Attendee, AttendeeType, EmailAddress, MeetingTimeSuggestionsResult, MeetingTimesRequest, ScheduleInformation,
    ScheduleRequest, TimeConstraint, TimeSlot,
};

/// At most this many suggestions are asked for.
pub const MAX_SUGGESTIONS: u32 = 20;

/// getSchedule for `addresses` over `[start, end)` in `zone`, `interval` minutes per digit of
/// the availability view.
pub fn schedule_request(
    addresses: &[String],
    (start, end): (NaiveDateTime, NaiveDateTime),
    zone: &Tz,
    interval: Option<u32>,
) -> ScheduleRequest {
    ScheduleRequest {
        schedules: addresses.to_vec(),
        start_time: local_date_time_time_zone(start, zone),
        end_time: local_date_time_time_zone(end, zone),
        availability_view_interval: interval,
    }
}

/// findMeetingTimes for a meeting of `minutes` with `addresses` (required) in working hours
/// within `[start, end)` in `zone`.
pub fn meeting_times_request(
    addresses: &[String],
    minutes: i64,
    (start, end): (NaiveDateTime, NaiveDateTime),
    zone: &Tz,
) -> MeetingTimesRequest {
    let attendees = addresses
        .iter()
        .map(|a| Attendee {
            kind: Some(AttendeeType::Required),
            status: None,
            email_address: Some(EmailAddress { name: None, address: Some(a.trim().to_owned()) }),
        })
        .collect();
    MeetingTimesRequest {
        attendees,
        time_constraint: TimeConstraint {
            activity_domain: Some("work".to_owned()),
            time_slots: vec![TimeSlot {
                start: Some(local_date_time_time_zone(start, zone)),
                end: Some(local_date_time_time_zone(end, zone)),
            }],
        },
        meeting_duration: format!("PT{minutes}M"),
        max_candidates: Some(MAX_SUGGESTIONS),
        return_suggestion_reasons: Some(true),
    }
}

/// One busy stretch of a schedule, as instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// Lower case: `busy`, `tentative`, `oof`, `workingelsewhere`, `free`, `unknown`.
    pub status: String,
    pub subject: String,
}

/// A schedule's blocks (those whose times do not read are left out).
pub fn blocks(schedule: &ScheduleInformation) -> Vec<Block> {
    schedule
        .schedule_items
        .iter()
        .filter_map(|item| {
            Some(Block {
                start: to_instant_lenient(item.start.as_ref()?)?,
                end: to_instant_lenient(item.end.as_ref()?)?,
                status: item.status.clone().unwrap_or_default().to_ascii_lowercase(),
                subject: item.subject.clone().unwrap_or_default(),
            })
        })
        .collect()
}

/// Why a schedule could not be read, as the service said it.
pub fn schedule_problem(schedule: &ScheduleInformation) -> Option<String> {
    let error = schedule.error.as_ref()?;
    Some(error.message.clone().or_else(|| error.response_code.clone()).unwrap_or_else(|| "unknown".to_owned()))
}

/// The suggested times, as instants, with the service's confidence (0 to 100).
pub fn suggestions(
    result: &MeetingTimeSuggestionsResult,
) -> Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>, Option<f64>)> {
    result
        .meeting_time_suggestions
        .iter()
        .filter_map(|s| {
            let slot = s.meeting_time_slot.as_ref()?;
            Some((to_instant_lenient(slot.start.as_ref()?)?, to_instant_lenient(slot.end.as_ref()?)?, s.confidence))
        })
        .collect()
}
