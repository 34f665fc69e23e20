//! Graph's zoned wall-clock times (`dateTimeTimeZone`, graph-facts §3.4) turned into instants, and
//! instants shown in the user's zone. The zone is always passed in: nothing here reads the
//! machine's zone, so results do not depend on where they run.
use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use o365_graph::dto::DateTimeTimeZone;
use o365_graph::dto::lenient::parse_naive_date_time;
use o365_graph::zones;

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
    if let Some(iana) = zones::windows_to_iana(name) {
        return iana.parse().ok();
    }
    name.parse().ok()
}

/// The name to write in a request's `dateTimeTimeZone` for the user's zone: its Windows name
/// (Outlook's own form, from CLDR), else the IANA name, which Graph also accepts.
pub fn graph_zone_name(zone: &Tz) -> String {
    zones::iana_to_windows(zone.name()).map_or_else(|| zone.name().to_owned(), str::to_owned)
}

/// A wall-clock time in the user's zone as a request's `dateTimeTimeZone`: written as the local
/// time with the zone's Windows name, so Exchange keeps the zone (a weekly series stays at 09:00
/// across a DST change).
pub fn local_date_time_time_zone(local: NaiveDateTime, zone: &Tz) -> DateTimeTimeZone {
    DateTimeTimeZone::new(&local.format("%Y-%m-%dT%H:%M:%S").to_string(), &graph_zone_name(zone))
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
        for (windows, iana) in zones::windows_zones() {
            assert!(iana.parse::<Tz>().is_ok(), "{windows} → {iana} is not in chrono-tz");
            assert!(resolve_zone(windows).is_some(), "{windows}");
            count += 1;
        }
        assert!(count >= 130, "only {count} rows");
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

    #[test]
    fn user_zones_are_written_with_their_windows_name() {
        assert_eq!(graph_zone_name(&chrono_tz::Europe::Berlin), "W. Europe Standard Time");
        assert_eq!(graph_zone_name(&chrono_tz::Asia::Kolkata), "India Standard Time");
        assert_eq!(graph_zone_name(&chrono_tz::Pacific::Kiritimati), "Line Islands Standard Time");
        let local = NaiveDateTime::parse_from_str("2026-03-30T09:00:00", "%Y-%m-%dT%H:%M:%S").unwrap();
        let written = local_date_time_time_zone(local, &chrono_tz::Europe::Berlin);
        assert_eq!(written, DateTimeTimeZone::new("2026-03-30T09:00:00", "W. Europe Standard Time"));
        assert_eq!(to_instant(&written).unwrap(), utc("2026-03-30T07:00:00Z"));
    }
    fn instant(date_time: &str, zone: &str) -> DateTime<FixedOffset> {
        to_instant(&DateTimeTimeZone::new(date_time, zone)).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn windows_zone_across_the_spring_forward_change() {
        // US clocks went 02:00 → 03:00 on 2024-03-10.
        let before = instant("2024-03-10T01:30:00.0000000", "Pacific Standard Time");
        assert_eq!(before.offset().local_minus_utc(), -8 * 3600);
        assert_eq!(before, utc("2024-03-10T09:30:00Z"));
        let after = instant("2024-03-10T03:30:00.0000000", "Pacific Standard Time");
        assert_eq!(after.offset().local_minus_utc(), -7 * 3600);
        assert_eq!(after, utc("2024-03-10T10:30:00Z"));
        // 02:30 never happened: read with the offset before the gap, i.e. 03:30 PDT.
        assert_eq!(instant("2024-03-10T02:30:00", "Pacific Standard Time"), utc("2024-03-10T10:30:00Z"));
        // 01:30 happened twice on 2024-11-03: the earlier one (PDT) is taken.
        assert_eq!(instant("2024-11-03T01:30:00", "Pacific Standard Time"), utc("2024-11-03T08:30:00Z"));
    }

    #[test]
    fn iana_and_windows_names_agree_across_the_european_change() {
        // Europe went 02:00 CET → 03:00 CEST on 2024-03-31.
        for zone in ["Europe/Berlin", "W. Europe Standard Time"] {
            assert_eq!(instant("2024-03-31T01:30:00", zone), utc("2024-03-31T00:30:00Z"), "{zone}");
            assert_eq!(instant("2024-03-31T03:30:00", zone), utc("2024-03-31T01:30:00Z"), "{zone}");
            assert_eq!(instant("2024-07-01T12:00:00", zone).offset().local_minus_utc(), 2 * 3600);
        }
    }

    #[test]
    fn reads_fraction_digits_and_trailing_z() {
        let expected = utc("2024-05-06T07:00:00Z");
        for text in
            ["2024-05-06T07:00:00", "2024-05-06T07:00:00.0", "2024-05-06T07:00:00.0000000", "2024-05-06T07:00:00Z"]
        {
            assert_eq!(instant(text, "UTC"), expected, "{text}");
        }
        let precise = instant("2024-05-06T07:00:00.1234567", "UTC");
        assert_eq!(precise.timestamp_subsec_nanos(), 123_456_700);
        let no_zone = DateTimeTimeZone { date_time: "2024-05-06T07:00:00".into(), time_zone: None };
        assert_eq!(to_instant(&no_zone).unwrap(), expected);
    }

    #[test]
    fn unknown_zones_and_bad_times_are_reported() {
        let custom = DateTimeTimeZone::new("2024-05-06T07:00:00", "tzone://Microsoft/Custom");
        assert_eq!(to_instant(&custom), Err(TimeError::UnknownZone("tzone://Microsoft/Custom".into())));
        assert_eq!(to_instant_lenient(&custom), Some(utc("2024-05-06T07:00:00Z").fixed_offset()));
        let garbage = DateTimeTimeZone::new("next tuesday", "UTC");
        assert!(matches!(to_instant(&garbage), Err(TimeError::BadDateTime(_))));
        assert_eq!(to_instant_lenient(&garbage), None);
    }

    #[test]
    fn shows_instants_in_the_zone_given() {
        let at = utc("2024-05-06T07:00:00Z");
        assert_eq!(format_in_zone(&at, &chrono_tz::America::New_York, "%Y-%m-%d %H:%M %Z"), "2024-05-06 03:00 EDT");
        assert_eq!(format_in_zone(&at, &chrono_tz::Asia::Kolkata, "%H:%M"), "12:30");
        let winter = utc("2024-01-15T07:00:00Z");
        assert_eq!(format_in_zone(&winter, &chrono_tz::America::New_York, "%H:%M %Z"), "02:00 EST");
        let sent = to_date_time_time_zone(&instant("2024-05-06T09:00:00", "W. Europe Standard Time"));
        assert_eq!(sent, DateTimeTimeZone::new("2024-05-06T07:00:00", "UTC"));
    }
}
