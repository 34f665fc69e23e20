//! Graph's zoned wall-clock times (`dateTimeTimeZone`, graph-facts §3.4) turned into instants, and
//! instants shown in the user's zone. The zone is always passed in: nothing here reads the
//! machine's zone, so results do not depend on where they run.
use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::graph::dto::DateTimeTimeZone;
use crate::graph::dto::lenient::parse_naive_date_time;

mod windows;

/// Why a `dateTimeTimeZone` could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("unreadable date-time {0:?}")]
    BadDateTime(String),
    #[error("unknown time zone {0:?}")]
    UnknownZone(String),
}

/// Resolves a zone name as Graph writes it: `UTC`, a Windows name (`Pacific Standard Time`,
/// matched ignoring case) or an IANA name (`Europe/Berlin`). `None` for anything else, such as
/// `tzone://Microsoft/Custom`.
pub fn resolve_zone(name: &str) -> Option<Tz> {
    let name = name.trim();
    if ["UTC", "GMT", "Z", "Etc/UTC", "Etc/GMT"].iter().any(|utc| name.eq_ignore_ascii_case(utc)) {
        return Some(Tz::UTC);
    }
    if let Some((_, iana)) = windows::WINDOWS_TO_IANA.iter().find(|(windows, _)| windows.eq_ignore_ascii_case(name)) {
        return iana.parse().ok();
    }
    name.parse().ok()
}

/// The Windows → IANA table, for callers that list or check zones.
pub fn windows_zone_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    windows::WINDOWS_TO_IANA.iter().copied()
}

/// The instant a wall-clock time names in `zone`. A time that occurs twice (clocks going back)
/// takes the earlier; a time skipped by a clock change is read with the offset in force just
/// before the gap (02:30 on a spring-forward night becomes 03:30 summer time).
pub fn local_to_instant(local: NaiveDateTime, zone: &Tz) -> DateTime<FixedOffset> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(at) => at.fixed_offset(),
        LocalResult::Ambiguous(earlier, _) => earlier.fixed_offset(),
        LocalResult::None => {
            let before_gap = zone.offset_from_local_datetime(&(local - Duration::hours(3))).earliest();
            let offset = before_gap.map_or_else(|| Utc.fix(), |offset| offset.fix());
            let utc = local - Duration::seconds(i64::from(offset.local_minus_utc()));
            zone.from_utc_datetime(&utc).fixed_offset()
        }
    }
}

/// A `dateTimeTimeZone` as an instant (with the offset it had in its zone). A missing zone means
/// UTC, Graph's default.
pub fn to_instant(value: &DateTimeTimeZone) -> Result<DateTime<FixedOffset>, TimeError> {
    let local =
        parse_naive_date_time(&value.date_time).ok_or_else(|| TimeError::BadDateTime(value.date_time.clone()))?;
    let zone = match value.time_zone.as_deref() {
        None | Some("") => Tz::UTC,
        Some(name) => resolve_zone(name).ok_or_else(|| TimeError::UnknownZone(name.to_owned()))?,
    };
    Ok(local_to_instant(local, &zone))
}

/// Like [`to_instant`], but an unknown zone is read as UTC (Graph answers in UTC unless asked
/// otherwise, so this only matters for custom zones); `None` only for an unreadable date-time.
pub fn to_instant_lenient(value: &DateTimeTimeZone) -> Option<DateTime<FixedOffset>> {
    match to_instant(value) {
        Ok(at) => Some(at),
        Err(TimeError::UnknownZone(_)) => {
            parse_naive_date_time(&value.date_time).map(|local| local.and_utc().fixed_offset())
        }
        Err(TimeError::BadDateTime(_)) => None,
    }
}

/// An instant as wall-clock time in the user's zone.
pub fn in_zone<Z: TimeZone>(instant: &DateTime<Z>, user_zone: &Tz) -> DateTime<Tz> {
    instant.with_timezone(user_zone)
}

/// An instant formatted in the user's zone with a chrono format string.
pub fn format_in_zone<Z: TimeZone>(instant: &DateTime<Z>, user_zone: &Tz, format: &str) -> String {
    in_zone(instant, user_zone).format(format).to_string()
}

/// A `dateTimeTimeZone` for request bodies: the instant's UTC wall clock with zone `UTC`.
pub fn to_date_time_time_zone<Z: TimeZone>(instant: &DateTime<Z>) -> DateTimeTimeZone {
    let utc = instant.with_timezone(&Utc);
    DateTimeTimeZone::new(&utc.format("%Y-%m-%dT%H:%M:%S%.f").to_string(), "UTC")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_windows_row_names_a_known_iana_zone() {
        let mut count = 0;
        for (windows, iana) in windows_zone_names() {
            assert!(iana.parse::<Tz>().is_ok(), "{windows} → {iana} is not in chrono-tz");
            assert!(resolve_zone(windows).is_some(), "{windows}");
            count += 1;
        }
        assert!(count >= 140, "only {count} rows");
    }

    #[test]
    fn resolves_names_ignoring_case_and_rejects_custom_zones() {
        assert_eq!(resolve_zone("pacific standard time"), Some(chrono_tz::America::Los_Angeles));
        assert_eq!(resolve_zone("W. Europe Standard Time"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(resolve_zone("Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(resolve_zone("utc"), Some(Tz::UTC));
        assert_eq!(resolve_zone("tzone://Microsoft/Custom"), None);
        assert_eq!(resolve_zone("Mars Standard Time"), None);
    }
}
