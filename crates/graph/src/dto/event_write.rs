//! What the client sends to create or change an event (graph-facts §3.4: `POST /me/events`,
//! `PATCH /me/events/{id}`), the free/busy request and answer (`POST /me/calendar/getSchedule`,
//! GD: calendar-getschedule.md) and findMeetingTimes' (GD: user-findmeetingtimes.md).
use serde::{Deserialize, Serialize};

use super::calendar::{Attendee, Location, OnlineMeetingProvider, PatternedRecurrence, Sensitivity, ShowAs};
use super::common::{DateTimeTimeZone, ItemBody};
use super::lenient;

/// An event's writable properties; only the ones set are sent, so the same type serves a
/// create (everything the user gave) and a patch (only what changed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventDraft {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<ItemBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTimeTimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTimeTimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_all_day: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendees: Option<Vec<Attendee>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_online_meeting: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online_meeting_provider: Option<OnlineMeetingProvider>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_reminder_on: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminder_minutes_before_start: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_as: Option<ShowAs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<PatternedRecurrence>,
    /// Makes a retried create return the first event instead of a second one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
}

/// `POST /me/events/{id}/cancel`: the organizer's message to the attendees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelRequest {
    #[serde(rename = "Comment", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// `POST /me/calendar/getSchedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRequest {
    /// SMTP addresses of users, distribution lists or rooms (at most 20).
    pub schedules: Vec<String>,
    pub start_time: DateTimeTimeZone,
    pub end_time: DateTimeTimeZone,
    /// Minutes per digit of `availabilityView` (5 to 1440; 30 when not given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_view_interval: Option<u32>,
}

/// One busy stretch of a schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScheduleItem {
    pub is_private: Option<bool>,
    /// `free`, `tentative`, `busy`, `oof`, `workingElsewhere`, `unknown` (the service's
    /// examples capitalise them; compare ignoring case).
    pub status: Option<String>,
    pub subject: Option<String>,
    pub location: Option<String>,
    pub start: Option<DateTimeTimeZone>,
    pub end: Option<DateTimeTimeZone>,
}

/// Why one schedule could not be read (an unknown address, no permission).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FreeBusyError {
    pub message: Option<String>,
    pub response_code: Option<String>,
}

/// One person's (or room's) availability over the window.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScheduleInformation {
    pub schedule_id: String,
    /// One digit per interval: 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere.
    pub availability_view: Option<String>,
    #[serde(deserialize_with = "lenient::vec")]
    pub schedule_items: Vec<ScheduleItem>,
    pub error: Option<FreeBusyError>,
}

/// `timeSlot {start, end}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TimeSlot {
    pub start: Option<DateTimeTimeZone>,
    pub end: Option<DateTimeTimeZone>,
}

/// `timeConstraint`: when the meeting may be; `activityDomain` `work` keeps to working hours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeConstraint {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_domain: Option<String>,
    pub time_slots: Vec<TimeSlot>,
}

/// `POST /me/findMeetingTimes` (GD: user-findmeetingtimes.md).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingTimesRequest {
    pub attendees: Vec<Attendee>,
    pub time_constraint: TimeConstraint,
    /// ISO 8601, e.g. `PT1H`.
    pub meeting_duration: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_candidates: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_suggestion_reasons: Option<bool>,
}

/// One attendee's availability at a suggested time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AttendeeAvailability {
    pub attendee: Option<Attendee>,
    pub availability: Option<String>,
}

/// One suggested time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MeetingTimeSuggestion {
    pub confidence: Option<f64>,
    pub organizer_availability: Option<String>,
    #[serde(deserialize_with = "lenient::vec")]
    pub attendee_availability: Vec<AttendeeAvailability>,
    pub meeting_time_slot: Option<TimeSlot>,
    pub suggestion_reason: Option<String>,
}

/// The answer of findMeetingTimes: suggestions, or why there are none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MeetingTimeSuggestionsResult {
    #[serde(deserialize_with = "lenient::vec")]
    pub meeting_time_suggestions: Vec<MeetingTimeSuggestion>,
    pub empty_suggestions_reason: Option<String>,
}
