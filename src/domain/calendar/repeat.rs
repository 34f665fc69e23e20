//! How an event repeats, as people say it (`daily`, `weekdays`, `weekly:MO,WE`, `monthly`,
//! `monthly:2TU`, `yearly`; every N; until a date or N times) and as Graph stores it
//! (`patternedRecurrence`, graph-facts §3.4).
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use o365_graph::dto::{
    DayOfWeek, PatternedRecurrence, RecurrencePattern, RecurrencePatternType, RecurrenceRange, RecurrenceRangeType,
    WeekIndex,
};

/// The pattern of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repeat {
    Daily,
    /// Monday to Friday.
    Weekdays,
    /// On these days (the start's weekday when none are named).
    Weekly(Vec<Weekday>),
    /// On the start's day of the month.
    Monthly,
    /// On the nth (1-4, or 5 for the last) given weekday of the month.
    MonthlyNth(u8, Weekday),
    /// On the start's day and month.
    Yearly,
}

/// When a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepeatEnd {
    Never,
    /// The last day an occurrence may fall on.
    Until(NaiveDate),
    /// After this many occurrences.
    Count(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a repeat rule: use daily, weekdays, weekly, weekly:MO,WE, monthly, monthly:2TU (L for the last), yearly"
)]
pub struct RepeatArgError(pub String);

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

impl FromStr for Repeat {
    type Err = RepeatArgError;

    fn from_str(arg: &str) -> Result<Self, Self::Err> {
        let bad = || RepeatArgError(arg.trim().to_owned());
        let text = arg.trim().to_ascii_lowercase();
        let (kind, detail) = match text.split_once(':') {
            Some((kind, detail)) => (kind, Some(detail)),
            None => (text.as_str(), None),
        };
        match (kind, detail) {
            ("daily", None) => Ok(Repeat::Daily),
            ("weekdays", None) => Ok(Repeat::Weekdays),
            ("weekly", None) => Ok(Repeat::Weekly(Vec::new())),
            ("weekly", Some(days)) => {
                let mut list = Vec::new();
                for code in days.split(',') {
                    let day = weekday(code.trim()).ok_or_else(bad)?;
                    if !list.contains(&day) {
                        list.push(day);
                    }
                }
                Ok(Repeat::Weekly(list))
            }
            ("monthly", None) => Ok(Repeat::Monthly),
            ("monthly", Some(nth)) if nth.len() == 3 => {
                let index = match &nth[..1] {
                    "l" => 5,
                    digit => digit.parse::<u8>().ok().filter(|n| (1..=4).contains(n)).ok_or_else(bad)?,
                };
                Ok(Repeat::MonthlyNth(index, weekday(&nth[1..]).ok_or_else(bad)?))
            }
            ("yearly", None) => Ok(Repeat::Yearly),
            _ => Err(bad()),
        }
    }
}

fn graph_day(day: Weekday) -> DayOfWeek {
    match day {
        Weekday::Mon => DayOfWeek::Monday,
        Weekday::Tue => DayOfWeek::Tuesday,
        Weekday::Wed => DayOfWeek::Wednesday,
        Weekday::Thu => DayOfWeek::Thursday,
        Weekday::Fri => DayOfWeek::Friday,
        Weekday::Sat => DayOfWeek::Saturday,
        Weekday::Sun => DayOfWeek::Sunday,
    }
}

fn graph_index(index: u8) -> WeekIndex {
    match index {
        1 => WeekIndex::First,
        2 => WeekIndex::Second,
        3 => WeekIndex::Third,
        4 => WeekIndex::Fourth,
        _ => WeekIndex::Last,
    }
}

impl Repeat {
    /// Graph's form for a series whose first occurrence is on `start` (a date in `zone_name`,
    /// the series' zone), every `every` days/weeks/months/years.
    pub fn to_graph(&self, start: NaiveDate, every: u32, end: RepeatEnd, zone_name: &str) -> PatternedRecurrence {
        let interval = Some(i32::try_from(every.max(1)).unwrap_or(i32::MAX));
        let day_of_month = Some(i32::try_from(start.day()).unwrap_or(1));
        let mut pattern = RecurrencePattern { interval, ..RecurrencePattern::default() };
        match self {
            Repeat::Daily => pattern.kind = Some(RecurrencePatternType::Daily),
            Repeat::Weekdays | Repeat::Weekly(_) => {
                let days = match self {
                    Repeat::Weekly(days) if !days.is_empty() => days.clone(),
                    Repeat::Weekly(_) => vec![start.weekday()],
                    _ => vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri],
                };
                pattern.kind = Some(RecurrencePatternType::Weekly);
                pattern.days_of_week = days.into_iter().map(graph_day).collect();
                pattern.first_day_of_week = Some(DayOfWeek::Monday);
            }
            Repeat::Monthly => {
                pattern.kind = Some(RecurrencePatternType::AbsoluteMonthly);
                pattern.day_of_month = day_of_month;
            }
            Repeat::MonthlyNth(index, day) => {
                pattern.kind = Some(RecurrencePatternType::RelativeMonthly);
                pattern.days_of_week = vec![graph_day(*day)];
                pattern.index = Some(graph_index(*index));
            }
            Repeat::Yearly => {
                pattern.kind = Some(RecurrencePatternType::AbsoluteYearly);
                pattern.day_of_month = day_of_month;
                pattern.month = Some(i32::try_from(start.month()).unwrap_or(1));
            }
        }
        let mut range = RecurrenceRange {
            start_date: Some(start.format("%Y-%m-%d").to_string()),
            recurrence_time_zone: Some(zone_name.to_owned()),
            ..RecurrenceRange::default()
        };
        match end {
            RepeatEnd::Never => range.kind = Some(RecurrenceRangeType::NoEnd),
            RepeatEnd::Until(date) => {
                range.kind = Some(RecurrenceRangeType::EndDate);
                range.end_date = Some(date.format("%Y-%m-%d").to_string());
            }
            RepeatEnd::Count(count) => {
                range.kind = Some(RecurrenceRangeType::Numbered);
                range.number_of_occurrences = Some(i32::try_from(count).unwrap_or(i32::MAX));
            }
        }
        PatternedRecurrence { pattern: Some(pattern), range: Some(range) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_every_spelling_the_cli_documents() {
        assert_eq!("daily".parse(), Ok(Repeat::Daily));
        assert_eq!("Weekdays".parse(), Ok(Repeat::Weekdays));
        assert_eq!("weekly".parse(), Ok(Repeat::Weekly(vec![])));
        assert_eq!("weekly:MO,WE".parse(), Ok(Repeat::Weekly(vec![Weekday::Mon, Weekday::Wed])));
        assert_eq!("monthly".parse(), Ok(Repeat::Monthly));
        assert_eq!("monthly:2TU".parse(), Ok(Repeat::MonthlyNth(2, Weekday::Tue)));
        assert_eq!("monthly:LFR".parse(), Ok(Repeat::MonthlyNth(5, Weekday::Fri)));
        assert_eq!("yearly".parse(), Ok(Repeat::Yearly));
        for bad in ["", "hourly", "weekly:XX", "monthly:5TU", "monthly:2", "daily:MO"] {
            assert!(bad.parse::<Repeat>().is_err(), "{bad}");
        }
    }

    #[test]
    fn weekly_on_two_days_until_a_date_in_graphs_form() {
        let rule = Repeat::Weekly(vec![Weekday::Mon, Weekday::Wed]);
        let graph = rule.to_graph(day("2026-03-23"), 1, RepeatEnd::Until(day("2026-04-08")), "W. Europe Standard Time");
        let json = serde_json::to_value(&graph).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["monday", "wednesday"], "firstDayOfWeek": "monday"},
                "range": {"type": "endDate", "startDate": "2026-03-23", "endDate": "2026-04-08", "recurrenceTimeZone": "W. Europe Standard Time"}
            })
        );
    }

    #[test]
    fn monthly_and_yearly_take_their_day_from_the_start() {
        let nth = Repeat::MonthlyNth(2, Weekday::Tue).to_graph(day("2026-03-10"), 2, RepeatEnd::Count(5), "UTC");
        let json = serde_json::to_value(&nth).unwrap();
        assert_eq!(json["pattern"]["type"], "relativeMonthly");
        assert_eq!(json["pattern"]["index"], "second");
        assert_eq!(json["pattern"]["interval"], 2);
        assert_eq!(json["range"]["numberOfOccurrences"], 5);
        let yearly =
            serde_json::to_value(Repeat::Yearly.to_graph(day("2026-02-28"), 1, RepeatEnd::Never, "UTC")).unwrap();
        assert_eq!(
            (yearly["pattern"]["dayOfMonth"].clone(), yearly["pattern"]["month"].clone()),
            (28.into(), 2.into())
        );
        assert_eq!(yearly["range"]["type"], "noEnd");
    }
}
