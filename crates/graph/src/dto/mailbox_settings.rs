//! `mailboxSettings` (learn.microsoft.com resources/mailboxsettings, automaticrepliessetting,
//! workinghours, localeinfo): automatic replies, the mailbox's time zone, working hours and
//! language. Every field is optional, so a `PATCH` body names only what it changes.
use serde::{Deserialize, Serialize};

use super::DateTimeTimeZone;

open_enum!(
    /// `automaticRepliesStatus`.
    AutomaticRepliesStatus { Disabled = "disabled", AlwaysEnabled = "alwaysEnabled", Scheduled = "scheduled" }
);

open_enum!(
    /// `externalAudienceScope`: who outside the organisation gets the external reply.
    ExternalAudienceScope { NoOne = "none", ContactsOnly = "contactsOnly", All = "all" }
);

/// `automaticRepliesSetting`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutomaticRepliesSetting {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<AutomaticRepliesStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_audience: Option<ExternalAudienceScope>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_start_date_time: Option<DateTimeTimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_end_date_time: Option<DateTimeTimeZone>,
    /// HTML or text, as the service keeps it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_reply_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_reply_message: Option<String>,
}

/// `localeInfo`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LocaleInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

/// `timeZoneBase {name}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TimeZoneBase {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `workingHours`: days (`monday`...), times of day (`08:00:00.0000000`) and their zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkingHours {
    #[serde(deserialize_with = "super::lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub days_of_week: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<TimeZoneBase>,
}

/// `mailboxSettings`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MailboxSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_replies_setting: Option<AutomaticRepliesSetting>,
    /// A Windows zone name (`Pacific Standard Time`) or an IANA one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_hours: Option<WorkingHours>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<LocaleInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegate_meeting_message_delivery_options: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archive_folder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_purpose: Option<String>,
}
