//! Calendars and events, attendees and recurrence (graph-facts §3.4, §4.4).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attachment::Attachment;
use super::common::{DateTimeTimeZone, EmailAddress, Importance, ItemBody, Recipient, Removed};
use super::contact::PhysicalAddress;
use super::lenient;

open_enum! {
    /// `event.showAs` (free/busy).
    ShowAs { Free = "free", Tentative = "tentative", Busy = "busy", Oof = "oof", WorkingElsewhere = "workingElsewhere", Unknown = "unknown" }
}

open_enum! {
    Sensitivity { Normal = "normal", Personal = "personal", Private = "private", Confidential = "confidential" }
}

open_enum! {
    /// `event.type`.
    EventType { SingleInstance = "singleInstance", Occurrence = "occurrence", Exception = "exception", SeriesMaster = "seriesMaster" }
}

open_enum! {
    /// `responseStatus.response`.
    ResponseType {
        None = "none",
        Organizer = "organizer",
        TentativelyAccepted = "tentativelyAccepted",
        Accepted = "accepted",
        Declined = "declined",
        NotResponded = "notResponded",
    }
}

open_enum! {
    /// `attendee.type`.
    AttendeeType { Required = "required", Optional = "optional", Resource = "resource" }
}

open_enum! {
    OnlineMeetingProvider {
        Unknown = "unknown",
        TeamsForBusiness = "teamsForBusiness",
        SkypeForBusiness = "skypeForBusiness",
        SkypeForConsumer = "skypeForConsumer",
    }
}

open_enum! {
    /// `recurrencePattern.type`.
    RecurrencePatternType {
        Daily = "daily",
        Weekly = "weekly",
        AbsoluteMonthly = "absoluteMonthly",
        RelativeMonthly = "relativeMonthly",
        AbsoluteYearly = "absoluteYearly",
        RelativeYearly = "relativeYearly",
    }
}

open_enum! {
    /// `recurrenceRange.type`.
    RecurrenceRangeType { EndDate = "endDate", NoEnd = "noEnd", Numbered = "numbered" }
}

open_enum! {
    DayOfWeek {
        Sunday = "sunday",
        Monday = "monday",
        Tuesday = "tuesday",
        Wednesday = "wednesday",
        Thursday = "thursday",
        Friday = "friday",
        Saturday = "saturday",
    }
}

open_enum! {
    /// `recurrencePattern.index`.
    WeekIndex { First = "first", Second = "second", Third = "third", Fourth = "fourth", Last = "last" }
}

/// `calendar`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Calendar {
    #[serde(deserialize_with = "lenient::null_default", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hex_color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_default_calendar: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_edit: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_share: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_view_private_items: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<EmailAddress>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub allowed_online_meeting_providers: Vec<OnlineMeetingProvider>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_online_meeting_provider: Option<OnlineMeetingProvider>,
}

/// `location {displayName, locationType, uniqueId, uniqueIdType, address}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_id_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<PhysicalAddress>,
}

/// `responseStatus {response, time}`; `time` is `0001-01-01T00:00:00Z` when never answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResponseStatus {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseType>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub time: Option<DateTime<Utc>>,
}

/// `attendee {type, status, emailAddress}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Attendee {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<AttendeeType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ResponseStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_address: Option<EmailAddress>,
}

/// `onlineMeetingInfo` (read-only; set by the server).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OnlineMeetingInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conference_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toll_number: Option<String>,
}

/// `recurrencePattern`. Graph returns 0 for unused numeric fields (§4.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecurrencePattern {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<RecurrencePatternType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_of_month: Option<i32>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub days_of_week: Vec<DayOfWeek>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_day_of_week: Option<DayOfWeek>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<WeekIndex>,
}

/// `recurrenceRange`; dates are `YYYY-MM-DD` (kept as text: Graph writes `0001-01-01` for unset).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecurrenceRange {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<RecurrenceRangeType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_time_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_occurrences: Option<i32>,
}

/// `patternedRecurrence {pattern, range}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PatternedRecurrence {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<RecurrencePattern>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<RecurrenceRange>,
}

/// `event`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    #[serde(rename = "@odata.etag", skip_serializing_if = "Option::is_none")]
    pub odata_etag: Option<String>,
    #[serde(deserialize_with = "lenient::null_default", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_key: Option<String>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_start_time_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_end_time_zone: Option<String>,
    #[serde(rename = "iCalUId", skip_serializing_if = "Option::is_none")]
    pub ical_uid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminder_minutes_before_start: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_reminder_on: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_attachments: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_preview: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importance: Option<Importance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_all_day: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_cancelled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_organizer: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_requested: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series_master_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_as: Option<ShowAs>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<EventType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_link: Option<String>,
    /// Deprecated by Graph in favour of `onlineMeeting.joinUrl`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online_meeting_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_online_meeting: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online_meeting_provider: Option<OnlineMeetingProvider>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_new_time_proposals: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_draft: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hide_attendees: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_status: Option<ResponseStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<ItemBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTimeTimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTimeTimeZone>,
    /// For occurrences and exceptions: the start the series gave this instance.
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub original_start: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<PatternedRecurrence>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<Attendee>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organizer: Option<Recipient>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online_meeting: Option<OnlineMeetingInfo>,
    /// Only with `$expand=attachments`.
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    #[serde(rename = "@removed", skip_serializing_if = "Option::is_none")]
    pub removed: Option<Removed>,
}
