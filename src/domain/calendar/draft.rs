//! An event as the user describes it (subject, when in their zone, who, where, how it repeats)
//! and the request body Graph takes for it. Times are written as wall-clock times in the user's
//! zone with its Windows name, so Exchange keeps the zone: a series stays at 09:00 local across
//! a daylight saving change.
use chrono::{Days, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::super::time_zones::local_date_time_time_zone;
use o365_graph::dto::{
    Attendee, AttendeeType, DateTimeTimeZone, EmailAddress, EventDraft, ItemBody, Location, OnlineMeetingProvider,
    PatternedRecurrence, Sensitivity, ShowAs,
};

/// When an event happens, in the user's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Timed {
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    /// From the first day to the last, both included.
    AllDay {
        first: NaiveDate,
        last: NaiveDate,
    },
}

impl When {
    /// The day the event starts on (a series' first occurrence).
    pub fn start_date(&self) -> NaiveDate {
        match self {
            When::Timed { start, .. } => start.date(),
            When::AllDay { first, .. } => *first,
        }
    }
}

/// What the user gave; `None` and empty lists leave a field out (unchanged on an edit).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventInput {
    pub subject: Option<String>,
    pub when: Option<When>,
    pub location: Option<String>,
    pub required: Vec<String>,
    pub optional: Vec<String>,
    pub body: Option<String>,
    pub teams: bool,
    /// Minutes before the start; `Some(0)` turns the reminder off.
    pub reminder_minutes: Option<i64>,
    pub show_as: Option<ShowAs>,
    pub sensitivity: Option<Sensitivity>,
    pub categories: Vec<String>,
    pub recurrence: Option<PatternedRecurrence>,
}

fn midnight(date: NaiveDate, zone: &Tz) -> DateTimeTimeZone {
    local_date_time_time_zone(date.and_time(chrono::NaiveTime::MIN), zone)
}

fn attendee(address: &str, kind: AttendeeType) -> Attendee {
    Attendee {
        kind: Some(kind),
        status: None,
        email_address: Some(EmailAddress { name: None, address: Some(address.trim().to_owned()) }),
    }
}

impl EventInput {
    /// The request body for a create or a patch.
    pub fn to_graph(&self, zone: &Tz) -> EventDraft {
        let mut draft = EventDraft { subject: self.subject.clone(), ..EventDraft::default() };
        match self.when {
            Some(When::Timed { start, end }) => {
                draft.start = Some(local_date_time_time_zone(start, zone));
                draft.end = Some(local_date_time_time_zone(end, zone));
                draft.is_all_day = Some(false);
            }
            Some(When::AllDay { first, last }) => {
                // Graph wants midnights, the end on the day after the last day.
                let after = last.checked_add_days(Days::new(1)).unwrap_or(last);
                draft.start = Some(midnight(first, zone));
                draft.end = Some(midnight(after, zone));
                draft.is_all_day = Some(true);
            }
            None => {}
        }
        draft.location =
            self.location.as_ref().map(|name| Location { display_name: Some(name.clone()), ..Location::default() });
        if !self.required.is_empty() || !self.optional.is_empty() {
            let required = self.required.iter().map(|a| attendee(a, AttendeeType::Required));
            let optional = self.optional.iter().map(|a| attendee(a, AttendeeType::Optional));
            draft.attendees = Some(required.chain(optional).collect());
        }
        draft.body = self.body.as_deref().map(ItemBody::text);
        if self.teams {
            draft.is_online_meeting = Some(true);
            draft.online_meeting_provider = Some(OnlineMeetingProvider::TeamsForBusiness);
        }
        if let Some(minutes) = self.reminder_minutes {
            draft.is_reminder_on = Some(minutes > 0);
            if minutes > 0 {
                draft.reminder_minutes_before_start = Some(i32::try_from(minutes).unwrap_or(i32::MAX));
            }
        }
        draft.show_as = self.show_as.clone();
        draft.sensitivity = self.sensitivity.clone();
        if !self.categories.is_empty() {
            draft.categories = Some(self.categories.clone());
        }
        draft.recurrence = self.recurrence.clone();
        draft
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn a_meeting_is_written_in_the_users_zone_by_its_windows_name() {
        let input = EventInput {
            subject: Some("Planning".into()),
            when: Some(When::Timed { start: at("2026-03-23T09:00"), end: at("2026-03-23T09:30") }),
            required: vec!["alex@contoso.com".into()],
            optional: vec!["sam@contoso.com".into()],
            teams: true,
            reminder_minutes: Some(0),
            ..EventInput::default()
        };
        let json = serde_json::to_value(input.to_graph(&chrono_tz::Europe::Berlin)).unwrap();
        assert_eq!(
            json["start"],
            serde_json::json!({"dateTime": "2026-03-23T09:00:00", "timeZone": "W. Europe Standard Time"})
        );
        assert_eq!(json["end"]["dateTime"], "2026-03-23T09:30:00");
        assert_eq!(json["attendees"][0]["type"], "required");
        assert_eq!(json["attendees"][1]["type"], "optional");
        assert_eq!(json["attendees"][1]["emailAddress"]["address"], "sam@contoso.com");
        assert_eq!(
            (json["isOnlineMeeting"].clone(), json["onlineMeetingProvider"].clone()),
            (true.into(), "teamsForBusiness".into())
        );
        assert_eq!(json["isReminderOn"], false);
        assert!(json.get("location").is_none() && json.get("recurrence").is_none());
    }

    #[test]
    fn all_day_events_end_at_the_midnight_after_their_last_day() {
        let first = NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
        let last = NaiveDate::from_ymd_opt(2026, 12, 26).unwrap();
        let input = EventInput { when: Some(When::AllDay { first, last }), ..EventInput::default() };
        let json = serde_json::to_value(input.to_graph(&chrono_tz::America::New_York)).unwrap();
        assert_eq!(json["start"]["dateTime"], "2026-12-24T00:00:00");
        assert_eq!(json["end"]["dateTime"], "2026-12-27T00:00:00");
        assert_eq!(json["start"]["timeZone"], "Eastern Standard Time");
        assert_eq!(json["isAllDay"], true);
    }

    #[test]
    fn an_edit_sends_only_what_was_given() {
        let input = EventInput { location: Some("Room 4".into()), ..EventInput::default() };
        let json = serde_json::to_value(input.to_graph(&Tz::UTC)).unwrap();
        assert_eq!(json, serde_json::json!({"location": {"displayName": "Room 4"}}));
    }
}
