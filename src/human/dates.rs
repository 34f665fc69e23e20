//! Date arguments of the CLI (`--from`, `--to`): dates or date-times in the user's zone, or
//! instants with an offset, and a few words people type (`today`, `tomorrow`, `+7d`).
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:MM, an RFC 3339 time, today, tomorrow or +Nd")]
pub struct DateArgError(pub String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a day: use YYYY-MM-DD, today, tomorrow, yesterday or +Nd")]
pub struct DayArgError(pub String);

/// The instant an argument names; a bare date means its midnight in `zone`.
pub fn parse_instant(arg: &str, zone: Tz, now: DateTime<Utc>) -> Result<DateTime<Utc>, DateArgError> {
    let arg = arg.trim();
    let bad = || DateArgError(arg.to_owned());
    let today = now.with_timezone(&zone).date_naive();
    if let Some(date) = relative_day(arg, today) {
        return local_midnight(date, zone).ok_or_else(bad);
    }
    if let Ok(instant) = DateTime::parse_from_rfc3339(arg) {
        return Ok(instant.with_timezone(&Utc));
    }
    if let Ok(date) = NaiveDate::parse_from_str(arg, "%Y-%m-%d") {
        return local_midnight(date, zone).ok_or_else(bad);
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(arg, format) {
            return local(naive, zone).ok_or_else(bad);
        }
    }
    Err(bad())
}

/// The day an argument names: YYYY-MM-DD or one of the words (`today`, `tomorrow`,
/// `yesterday`, `+Nd`) counted from `today`.
pub fn parse_day(arg: &str, today: NaiveDate) -> Result<NaiveDate, DayArgError> {
    let arg = arg.trim();
    relative_day(arg, today)
        .or_else(|| NaiveDate::parse_from_str(arg, "%Y-%m-%d").ok())
        .ok_or_else(|| DayArgError(arg.to_owned()))
}

fn relative_day(arg: &str, today: NaiveDate) -> Option<NaiveDate> {
    match arg.to_ascii_lowercase().as_str() {
        "today" => Some(today),
        "tomorrow" => today.checked_add_days(Days::new(1)),
        "yesterday" => today.checked_sub_days(Days::new(1)),
        word => {
            let count = |rest: &str| rest.strip_suffix('d').and_then(|d| d.parse::<u64>().ok()).map(Days::new);
            match word.strip_prefix('-') {
                // `-7d`: a week ago, for "received since" and the like.
                Some(rest) => today.checked_sub_days(count(rest)?),
                None => today.checked_add_days(count(word.strip_prefix('+')?)?),
            }
        }
    }
}

/// Midnight at the start of `date` in `zone` (the first valid instant of the day when a DST
/// change skips midnight).
pub fn local_midnight(date: NaiveDate, zone: Tz) -> Option<DateTime<Utc>> {
    local(date.and_time(NaiveTime::MIN), zone)
}

/// A wall-clock time in `zone` as an instant: the earlier one when the time is ambiguous, the
/// time an hour later when it falls in a DST gap.
fn local(naive: NaiveDateTime, zone: Tz) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&naive)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(naive + chrono::Duration::hours(1))).earliest())
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 28, 23, 30, 0).unwrap()
    }

    #[test]
    fn dates_are_midnight_in_the_users_zone() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(parse_instant("2026-11-23", berlin, now()).unwrap().to_rfc3339(), "2026-11-22T23:00:00+00:00");
        assert_eq!(parse_instant("2026-11-23T09:30", berlin, now()).unwrap().to_rfc3339(), "2026-11-23T08:30:00+00:00");
        assert_eq!(
            parse_instant("2026-11-23T09:30:00-05:00", berlin, now()).unwrap().to_rfc3339(),
            "2026-11-23T14:30:00+00:00"
        );
    }

    #[test]
    fn words_are_relative_to_the_local_day() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // 23:30 UTC on 28 March is already 29 March in Berlin (00:30 CET, before the switch).
        assert_eq!(parse_instant("today", berlin, now()).unwrap().to_rfc3339(), "2026-03-28T23:00:00+00:00");
        // 30 March starts at 00:00 CEST = 22:00 UTC the day before.
        assert_eq!(parse_instant("tomorrow", berlin, now()).unwrap().to_rfc3339(), "2026-03-29T22:00:00+00:00");
        assert_eq!(parse_instant("+2d", berlin, now()).unwrap().to_rfc3339(), "2026-03-30T22:00:00+00:00");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(parse_day("-7d", today), Ok(NaiveDate::from_ymd_opt(2026, 11, 16).unwrap()));
        assert!(parse_day("-d", today).is_err() && parse_day("7d", today).is_err());
    }

    #[test]
    fn a_time_in_the_dst_gap_moves_forward() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // 02:30 does not exist on 29 March 2026 in Berlin.
        assert_eq!(parse_instant("2026-03-29T02:30", berlin, now()).unwrap().to_rfc3339(), "2026-03-29T01:30:00+00:00");
    }

    #[test]
    fn nonsense_is_refused_with_the_argument_named() {
        let e = parse_instant("next tuesday", Tz::UTC, now()).unwrap_err();
        assert!(e.to_string().contains("`next tuesday`"));
    }
}
