//! Times on the calendar wire: `dateTimeTimeZone` values, the `startDateTime`/`endDateTime`
//! window, and the zone a response speaks in (`Prefer: outlook.timezone`, graph-facts §2.6).
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::zones::resolve_zone;
use crate::errors::GraphError;

/// The zone start/end are expressed in: the name as the client wrote it, and what it means.
#[derive(Debug, Clone)]
pub struct OutputZone {
    pub name: String,
    pub tz: Tz,
    /// Whether the client asked for it (then the response says `Preference-Applied`).
    pub requested: bool,
}

impl OutputZone {
    pub fn utc() -> Self {
        Self { name: "UTC".to_owned(), tz: Tz::UTC, requested: false }
    }

    /// The zone named by `Prefer: outlook.timezone="..."`, or UTC. An unknown name is a 400.
    pub fn from_headers(headers: &HeaderMap) -> Result<Self, GraphError> {
        let Some(name) = preferred_zone_name(headers) else {
            return Ok(Self::utc());
        };
        match resolve_zone(&name) {
            Some(tz) => Ok(Self { name, tz, requested: true }),
            None => Err(unsupported_zone(&name)),
        }
    }

    /// `Preference-Applied` value when the zone was asked for.
    pub fn preference_applied(&self) -> Option<String> {
        self.requested.then(|| format!("outlook.timezone=\"{}\"", self.name))
    }

    /// `{"dateTime": "2024-05-06T09:00:00.0000000", "timeZone": name}` for an instant.
    pub fn date_time_time_zone(&self, instant: DateTime<Utc>) -> Value {
        json!({"dateTime": format_local(instant.with_timezone(&self.tz).naive_local()), "timeZone": self.name})
    }
}

/// Graph's answer to a zone name it does not know.
pub fn unsupported_zone(name: &str) -> GraphError {
    GraphError::new(
        StatusCode::BAD_REQUEST,
        "TimeZoneNotSupportedException",
        format!("A valid TimeZone value must be specified. The following TimeZone value is not supported: '{name}'."),
    )
}

fn preferred_zone_name(headers: &HeaderMap) -> Option<String> {
    headers.get_all("prefer").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).find_map(|pref| {
        let (key, value) = pref.trim().split_once('=')?;
        key.trim().eq_ignore_ascii_case("outlook.timezone").then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// An instant as Graph writes `createdDateTime` and the like: seven fractional digits and `Z`.
pub fn graph_timestamp(instant: DateTime<Utc>) -> String {
    format!("{}.{:07}Z", instant.format("%Y-%m-%dT%H:%M:%S"), instant.timestamp_subsec_nanos() / 100)
}

/// Graph's local date-time format, seven fractional digits and no zone suffix.
pub fn format_local(local: NaiveDateTime) -> String {
    local.format("%Y-%m-%dT%H:%M:%S.0000000").to_string()
}

/// The local date-time of a `dateTime` string (`2024-05-06T09:00:00`, optional fraction, a
/// trailing `Z` tolerated).
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim().trim_end_matches('Z');
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// The instant a wall-clock time in `tz` stands for. In the autumn overlap the first (summer)
/// reading wins; a time in the spring gap moves forward by the gap, as Outlook does.
pub fn local_to_utc(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t.with_timezone(&Utc);
    }
    // In a gap: read the time with the offset in force just before it (02:30 → 03:30).
    let before = local - Duration::hours(3);
    if let Some(t) = tz.from_local_datetime(&before).earliest() {
        let offset = t.offset().fix().local_minus_utc();
        return Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(offset))));
    }
    Utc.from_utc_datetime(&local)
}

/// A stored `dateTimeTimeZone` as (local time, zone). `None` when malformed.
pub fn parse_date_time_time_zone(value: &Value) -> Option<(NaiveDateTime, Tz)> {
    let local = parse_local(value.get("dateTime")?.as_str()?)?;
    let zone = value.get("timeZone").and_then(Value::as_str).unwrap_or("UTC");
    Some((local, resolve_zone(zone)?))
}

/// A `startDateTime`/`endDateTime` query value: ISO 8601 with an offset, or without one (UTC).
/// A `+` that arrived unencoded (decoded to a space) is taken back as `+`.
pub fn parse_window_bound(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim().replace(' ', "+");
    if let Ok(t) = DateTime::parse_from_rfc3339(&text) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(t.with_timezone(&Utc));
    }
    if let Some(local) = parse_local(&text) {
        return Some(Utc.from_utc_datetime(&local));
    }
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|l| Utc.from_utc_datetime(&l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn timestamps_have_seven_fraction_digits() {
        let t = Utc.with_ymd_and_hms(2024, 5, 1, 9, 3, 5).unwrap() + Duration::nanoseconds(833_919_200);
        assert_eq!(graph_timestamp(t), "2024-05-01T09:03:05.8339192Z");
    }

    #[test]
    fn window_bounds_with_and_without_offset() {
        let with = parse_window_bound("2020-01-01T19:00:00-08:00").unwrap();
        assert_eq!(with, Utc.with_ymd_and_hms(2020, 1, 2, 3, 0, 0).unwrap());
        let plus_as_space = parse_window_bound("2020-01-01T19:00:00 02:00").unwrap();
        assert_eq!(plus_as_space, Utc.with_ymd_and_hms(2020, 1, 1, 17, 0, 0).unwrap());
        let bare = parse_window_bound("2020-01-01T19:00:00.000").unwrap();
        assert_eq!(bare, Utc.with_ymd_and_hms(2020, 1, 1, 19, 0, 0).unwrap());
        assert!(parse_window_bound("yesterday").is_none());
    }

    #[test]
    fn gap_and_overlap_times_resolve_like_outlook() {
        let berlin = chrono_tz::Europe::Berlin;
        let gap = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(local_to_utc(gap, berlin), Utc.with_ymd_and_hms(2024, 3, 31, 1, 30, 0).unwrap());
        let overlap = NaiveDate::from_ymd_opt(2024, 10, 27).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(local_to_utc(overlap, berlin), Utc.with_ymd_and_hms(2024, 10, 27, 0, 30, 0).unwrap());
    }

    #[test]
    fn prefer_header_picks_the_zone_among_other_preferences() {
        let mut headers = HeaderMap::new();
        headers.append("Prefer", HeaderValue::from_static("odata.maxpagesize=5"));
        headers.append(
            "Prefer",
            HeaderValue::from_static("outlook.body-content-type=\"text\", outlook.timezone=\"Tokyo Standard Time\""),
        );
        let zone = OutputZone::from_headers(&headers).unwrap();
        assert_eq!(zone.tz, chrono_tz::Asia::Tokyo);
        assert_eq!(zone.preference_applied().unwrap(), "outlook.timezone=\"Tokyo Standard Time\"");
        let at = Utc.with_ymd_and_hms(2024, 5, 6, 0, 30, 0).unwrap();
        assert_eq!(
            zone.date_time_time_zone(at),
            json!({"dateTime": "2024-05-06T09:30:00.0000000", "timeZone": "Tokyo Standard Time"})
        );
        headers.insert("Prefer", HeaderValue::from_static("outlook.timezone=\"Mars Standard Time\""));
        let err = OutputZone::from_headers(&headers).unwrap_err();
        assert_eq!(err.code, "TimeZoneNotSupportedException");
    }
}
