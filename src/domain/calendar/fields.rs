//! An event's fields as a person types them (the CLI's flags, the TUI's form): times in the
//! user's zone, lengths, attendees, a reminder, a repeat rule; checked and turned into an
//! `EventInput`. Both faces use this one reading, each naming its fields its own way.
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::Event;
use super::draft::{EventInput, When};
use super::repeat::{Repeat, RepeatEnd};
use crate::domain::EventTime;
use crate::domain::time_zones::{graph_zone_name, in_zone};
use crate::human::dates::{parse_day, parse_instant};
use crate::human::durations::parse_duration;
use o365_graph::dto::{Sensitivity, ShowAs};

/// The fields as typed; `None` and empty lists leave a field out (unchanged on an edit).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventText {
    pub subject: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub duration: Option<String>,
    pub all_day: bool,
    pub location: Option<String>,
    pub required: Vec<String>,
    pub optional: Vec<String>,
    pub body: Option<String>,
    pub teams: bool,
    pub reminder: Option<String>,
    pub show_as: Option<ShowAs>,
    pub sensitivity: Option<Sensitivity>,
    pub categories: Vec<String>,
    pub repeat: Option<String>,
    pub every: Option<u32>,
    pub until: Option<String>,
    pub count: Option<u32>,
}

/// What each face calls its fields, for its error messages.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    pub start: &'static str,
    pub end: &'static str,
    pub duration: &'static str,
    pub reminder: &'static str,
    pub repeat: &'static str,
    pub every: &'static str,
    pub until: &'static str,
    pub count: &'static str,
    /// The whole message when neither an end nor a length is given.
    pub missing_end: &'static str,
}

/// The CLI's flags.
pub const FLAGS: Labels = Labels {
    start: "--start",
    end: "--end",
    duration: "--duration",
    reminder: "--reminder",
    repeat: "--repeat",
    every: "--every",
    until: "--until",
    count: "--count",
    missing_end: "--end TIME or --duration LENGTH is needed (e.g. --duration 30m)",
};

/// A field that does not read, named as the face names it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FieldError(pub String);

fn bad(text: impl Into<String>) -> FieldError {
    FieldError(text.into())
}

/// A date-time as a wall-clock time in `zone`.
fn local_time(label: &str, arg: &str, zone: Tz, now: DateTime<Utc>) -> Result<NaiveDateTime, FieldError> {
    let instant = parse_instant(arg, zone, now).map_err(|e| bad(format!("{label}: {e}")))?;
    Ok(in_zone(&instant, &zone).naive_local())
}

fn day(label: &str, arg: &str, zone: Tz, now: DateTime<Utc>) -> Result<NaiveDate, FieldError> {
    parse_day(arg, in_zone(&now, &zone).date_naive()).map_err(|e| bad(format!("{label}: {e}")))
}

/// The event's times as start, end, length and all-day set them, starting from `existing` (an
/// edit) where they leave something out. `None` when no time field is given.
fn when(
    text: &EventText,
    labels: &Labels,
    zone: Tz,
    now: DateTime<Utc>,
    existing: Option<&EventTime>,
) -> Result<Option<When>, FieldError> {
    let l = labels;
    if text.start.is_none() && text.end.is_none() && text.duration.is_none() && !text.all_day {
        return Ok(None);
    }
    let duration =
        text.duration.as_deref().map(parse_duration).transpose().map_err(|e| bad(format!("{}: {e}", l.duration)))?;
    let all_day = text.all_day || (matches!(existing, Some(EventTime::AllDay { .. })) && text.start.is_none());
    if all_day {
        let first = match (&text.start, existing) {
            (Some(start), _) => day(l.start, start, zone, now)?,
            (None, Some(EventTime::AllDay { start, .. })) => *start,
            (None, Some(EventTime::Timed { start, .. })) => in_zone(start, &zone).date_naive(),
            (None, None) => return Err(bad(format!("{} DATE is needed", l.start))),
        };
        let last = match (&text.end, duration, existing) {
            (Some(end), _, _) => day(l.end, end, zone, now)?,
            (None, Some(length), _) => {
                if length.num_minutes() % 1440 != 0 {
                    return Err(bad(format!("{} of an all-day event is whole days (2d)", l.duration)));
                }
                first.checked_add_days(Days::new(u64::try_from(length.num_days() - 1).unwrap_or(0))).unwrap_or(first)
            }
            (None, None, Some(EventTime::AllDay { start, end_exclusive })) => {
                let days = (*end_exclusive - *start).num_days().max(1);
                first.checked_add_days(Days::new(u64::try_from(days - 1).unwrap_or(0))).unwrap_or(first)
            }
            _ => first,
        };
        if last < first {
            return Err(bad(format!("{} must not be before {}", l.end, l.start)));
        }
        return Ok(Some(When::AllDay { first, last }));
    }
    let old = match existing {
        Some(EventTime::Timed { start, end }) => {
            Some((in_zone(start, &zone).naive_local(), in_zone(end, &zone).naive_local()))
        }
        _ => None,
    };
    let start = match (&text.start, old) {
        (Some(arg), _) => local_time(l.start, arg, zone, now)?,
        (None, Some((start, _))) => start,
        (None, None) => return Err(bad(format!("{} TIME is needed", l.start))),
    };
    let end = match (&text.end, duration, old) {
        (Some(arg), _, _) => local_time(l.end, arg, zone, now)?,
        (None, Some(length), _) => start + length,
        // A new start keeps the event's length.
        (None, None, Some((old_start, old_end))) => start + (old_end - old_start),
        (None, None, None) => return Err(bad(l.missing_end)),
    };
    if end <= start {
        return Err(bad(format!("{} must be after {}", l.end, l.start)));
    }
    Ok(Some(When::Timed { start, end }))
}

/// Everything typed, checked; `existing` is the event an edit starts from.
pub fn input(
    text: &EventText,
    labels: &Labels,
    zone: Tz,
    now: DateTime<Utc>,
    existing: Option<&Event>,
) -> Result<EventInput, FieldError> {
    let l = labels;
    let when = when(text, labels, zone, now, existing.and_then(|e| e.time.as_ref()))?;
    for address in text.required.iter().chain(&text.optional) {
        let address = address.trim();
        if !address.contains('@') || address.starts_with('@') || address.ends_with('@') {
            return Err(bad(format!("{address:?} is not an email address")));
        }
    }
    let reminder_minutes = match text.reminder.as_deref().map(str::trim) {
        None => None,
        Some("0" | "none" | "off") => Some(0),
        Some(arg) => Some(parse_duration(arg).map_err(|e| bad(format!("{}: {e}", l.reminder)))?.num_minutes()),
    };
    if text.every == Some(0) {
        return Err(bad(format!("{} must be at least 1", l.every)));
    }
    let recurrence = match &text.repeat {
        None => None,
        Some(rule) => {
            let rule: Repeat = rule.parse().map_err(|e| bad(format!("{}: {e}", l.repeat)))?;
            let start = when
                .map(|w| w.start_date())
                .or_else(|| existing.and_then(|e| e.time.as_ref()).map(|t| in_zone(&t.start_utc(), &zone).date_naive()))
                .ok_or_else(|| bad(format!("{} needs {}", l.repeat, l.start)))?;
            let end = match (&text.until, text.count) {
                (Some(until), _) => {
                    let until = day(l.until, until, zone, now)?;
                    if until < start {
                        return Err(bad(format!("{} is before the first occurrence", l.until)));
                    }
                    RepeatEnd::Until(until)
                }
                (None, Some(0)) => return Err(bad(format!("{} must be at least 1", l.count))),
                (None, Some(count)) => RepeatEnd::Count(count),
                (None, None) => RepeatEnd::Never,
            };
            Some(rule.to_graph(start, text.every.unwrap_or(1), end, &graph_zone_name(&zone)))
        }
    };
    Ok(EventInput {
        subject: text.subject.clone(),
        when,
        location: text.location.clone(),
        required: text.required.clone(),
        optional: text.optional.clone(),
        body: text.body.clone(),
        teams: text.teams,
        reminder_minutes,
        show_as: text.show_as.clone(),
        sensitivity: text.sensitivity.clone(),
        categories: text.categories.clone(),
        recurrence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-10T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn each_face_names_its_own_fields_in_errors() {
        let text = EventText { start: Some("2026-03-11T09:00".into()), ..EventText::default() };
        assert_eq!(input(&text, &FLAGS, Tz::UTC, now(), None).unwrap_err().0, FLAGS.missing_end);
        let form = Labels { start: "Start", end: "End", ..FLAGS };
        let text = EventText { end: Some("2026-03-11T08:00".into()), ..text };
        assert_eq!(input(&text, &form, Tz::UTC, now(), None).unwrap_err().0, "End must be after Start");
    }

    #[test]
    fn a_length_and_a_weekly_rule_make_a_series_in_the_users_zone() {
        let text = EventText {
            start: Some("2026-03-23T09:00".into()),
            duration: Some("45m".into()),
            repeat: Some("weekly:MO,WE".into()),
            count: Some(4),
            reminder: Some("none".into()),
            ..EventText::default()
        };
        let input = input(&text, &FLAGS, chrono_tz::Europe::Berlin, now(), None).unwrap();
        let at = |t: &str| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(input.when, Some(When::Timed { start: at("2026-03-23T09:00"), end: at("2026-03-23T09:45") }));
        assert_eq!(input.reminder_minutes, Some(0));
        let range = input.recurrence.unwrap().range.unwrap();
        assert_eq!(range.number_of_occurrences, Some(4));
        assert_eq!(range.recurrence_time_zone.as_deref(), Some("W. Europe Standard Time"));
    }
}
