//! Date arguments (`--from`, `--to`, `--due`, the TUI's "go to date"): any text is a date or a
//! clear error, never a panic; every day written as YYYY-MM-DD reads back as itself, and as
//! its own midnight in any zone.
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::{config, hostile_text};
use crate::human::dates::{local_midnight, parse_day, parse_instant};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-10T12:00:00Z").unwrap().to_utc()
}

fn zone() -> impl Strategy<Value = Tz> {
    proptest::sample::select(chrono_tz::TZ_VARIANTS.to_vec())
}

fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        hostile_text(8),
        "[+-]?[0-9]{0,20}d?",
        "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}(T[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?)?([+-][0-9]{2}:[0-9]{2}|Z)?",
        proptest::sample::select(vec!["today", "TOMORROW", "yesterday", "+99999999999d", "-1d", " today "])
            .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn any_date_argument_is_a_date_or_an_error(arg in date_like(), zone in zone()) {
        if let Err(e) = parse_instant(&arg, zone, now()) {
            prop_assert!(e.to_string().contains("is not a date"));
        }
        let _ = parse_day(&arg, now().date_naive());
    }

    #[test]
    fn a_written_day_reads_back_as_itself(days in -700_000i32..2_900_000, zone in zone()) {
        let Some(day) = NaiveDate::from_num_days_from_ce_opt(days) else { return Ok(()) };
        let text = day.format("%Y-%m-%d").to_string();
        if day.year_ce().1 <= 9999 && day.year_ce().0 {
            prop_assert_eq!(parse_day(&text, now().date_naive()), Ok(day));
            if let Some(midnight) = local_midnight(day, zone) {
                prop_assert_eq!(parse_instant(&text, zone, now()), Ok(midnight));
            }
        }
    }
}

use chrono::Datelike;
