//! `patternedRecurrence` (graph-facts §3.4): parsing the pattern and range, and the dates on
//! which a series occurs. Times of day and zones are the caller's business (see `expand`).
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    Daily,
    Weekly { days: Vec<Weekday>, first_day: Weekday },
    AbsoluteMonthly { day: u32 },
    RelativeMonthly { days: Vec<Weekday>, index: WeekIndex },
    AbsoluteYearly { month: u32, day: u32 },
    RelativeYearly { month: u32, days: Vec<Weekday>, index: WeekIndex },
}

/// `index` of relative patterns: which matching day of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekIndex {
    Nth(usize),
    Last,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    EndDate(NaiveDate),
    NoEnd,
    Numbered(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    pub pattern: Pattern,
    pub interval: u32,
    pub start: NaiveDate,
    pub end: RangeEnd,
}

/// A stop for runaway series: no calendar has more periods than this in view.
const MAX_PERIODS: u32 = 200_000;

fn weekday(name: &str) -> Result<Weekday, String> {
    name.parse::<Weekday>().map_err(|_| format!("'{name}' is not a valid dayOfWeek."))
}

fn days_of_week(pattern: &Value) -> Result<Vec<Weekday>, String> {
    let days = pattern
        .get("daysOfWeek")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(weekday).collect::<Result<Vec<_>, _>>())
        .transpose()?
        .unwrap_or_default();
    if days.is_empty() {
        return Err("daysOfWeek is required for this recurrence pattern type.".to_owned());
    }
    Ok(days)
}

fn week_index(pattern: &Value) -> Result<WeekIndex, String> {
    match pattern.get("index").and_then(Value::as_str).unwrap_or("first") {
        "first" => Ok(WeekIndex::Nth(0)),
        "second" => Ok(WeekIndex::Nth(1)),
        "third" => Ok(WeekIndex::Nth(2)),
        "fourth" => Ok(WeekIndex::Nth(3)),
        "last" => Ok(WeekIndex::Last),
        other => Err(format!("'{other}' is not a valid index.")),
    }
}

fn number(pattern: &Value, key: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, String> {
    let n = pattern.get(key).and_then(Value::as_u64).unwrap_or(0);
    u32::try_from(n)
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| format!("{key} must be between {} and {}.", range.start(), range.end()))
}

fn date(range: &Value, key: &str) -> Result<NaiveDate, String> {
    let text = range.get(key).and_then(Value::as_str).ok_or_else(|| format!("range.{key} is required."))?;
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("range.{key} '{text}' is not a valid date."))
}

impl Recurrence {
    /// Parses a `recurrence` object; the error text is for a 400.
    pub fn parse(value: &Value) -> Result<Self, String> {
        let pattern = value.get("pattern").ok_or("recurrence.pattern is required.")?;
        let range = value.get("range").ok_or("recurrence.range is required.")?;
        let interval = pattern.get("interval").and_then(Value::as_u64).unwrap_or(1).max(1);
        let interval = u32::try_from(interval).map_err(|_| "interval is too large.".to_owned())?;
        let kind = pattern.get("type").and_then(Value::as_str).unwrap_or_default();
        let pattern = match kind {
            "daily" => Pattern::Daily,
            "weekly" => Pattern::Weekly {
                days: days_of_week(pattern)?,
                first_day: match pattern.get("firstDayOfWeek").and_then(Value::as_str) {
                    Some(name) => weekday(name)?,
                    None => Weekday::Sun,
                },
            },
            "absoluteMonthly" => Pattern::AbsoluteMonthly { day: number(pattern, "dayOfMonth", 1..=31)? },
            "relativeMonthly" => Pattern::RelativeMonthly { days: days_of_week(pattern)?, index: week_index(pattern)? },
            "absoluteYearly" => Pattern::AbsoluteYearly {
                month: number(pattern, "month", 1..=12)?,
                day: number(pattern, "dayOfMonth", 1..=31)?,
            },
            "relativeYearly" => Pattern::RelativeYearly {
                month: number(pattern, "month", 1..=12)?,
                days: days_of_week(pattern)?,
                index: week_index(pattern)?,
            },
            other => return Err(format!("'{other}' is not a valid recurrence pattern type.")),
        };
        let start = date(range, "startDate")?;
        let end = match range.get("type").and_then(Value::as_str).unwrap_or_default() {
            "endDate" => RangeEnd::EndDate(date(range, "endDate")?),
            "noEnd" => RangeEnd::NoEnd,
            "numbered" => {
                let n = range.get("numberOfOccurrences").and_then(Value::as_u64).unwrap_or(0);
                if n == 0 {
                    return Err("numberOfOccurrences must be greater than 0.".to_owned());
                }
                RangeEnd::Numbered(usize::try_from(n).unwrap_or(usize::MAX))
            }
            other => return Err(format!("'{other}' is not a valid recurrence range type.")),
        };
        Ok(Self { pattern, interval, start, end })
    }

    /// The dates the series occurs on, in order, from its start up to `until` (inclusive).
    pub fn dates_until(&self, until: NaiveDate) -> Vec<NaiveDate> {
        let last = match self.end {
            RangeEnd::EndDate(end) => end.min(until),
            _ => until,
        };
        let limit = match self.end {
            RangeEnd::Numbered(n) => n,
            _ => usize::MAX,
        };
        let mut out = Vec::new();
        for period in 0..MAX_PERIODS {
            let Some((period_start, dates)) = self.period(period) else { break };
            if period_start > last {
                break;
            }
            for d in dates {
                if d < self.start {
                    continue;
                }
                if d > last || out.len() >= limit {
                    return out;
                }
                out.push(d);
            }
        }
        out
    }

    /// The first day of period `k` and the dates in it, ascending.
    fn period(&self, k: u32) -> Option<(NaiveDate, Vec<NaiveDate>)> {
        let step = k.checked_mul(self.interval)?;
        match &self.pattern {
            Pattern::Daily => {
                let d = self.start.checked_add_days(Days::new(u64::from(step)))?;
                Some((d, vec![d]))
            }
            Pattern::Weekly { days, first_day } => {
                let back = (7 + self.start.weekday().num_days_from_monday() - first_day.num_days_from_monday()) % 7;
                let week = self.start.checked_sub_days(Days::new(u64::from(back)))?;
                let week = week.checked_add_days(Days::new(7 * u64::from(step)))?;
                let dates = (0..7)
                    .filter_map(|i| week.checked_add_days(Days::new(i)))
                    .filter(|d| days.contains(&d.weekday()))
                    .collect();
                Some((week, dates))
            }
            Pattern::AbsoluteMonthly { day } => {
                let month = first_of_month(self.start).checked_add_months(Months::new(step))?;
                Some((month, vec![clamped_day(month, *day)]))
            }
            Pattern::RelativeMonthly { days, index } => {
                let month = first_of_month(self.start).checked_add_months(Months::new(step))?;
                Some((month, relative_day(month, days, *index).into_iter().collect()))
            }
            Pattern::AbsoluteYearly { month, day } => {
                let first = NaiveDate::from_ymd_opt(add_years(self.start.year(), step)?, *month, 1)?;
                Some((first, vec![clamped_day(first, *day)]))
            }
            Pattern::RelativeYearly { month, days, index } => {
                let first = NaiveDate::from_ymd_opt(add_years(self.start.year(), step)?, *month, 1)?;
                Some((first, relative_day(first, days, *index).into_iter().collect()))
            }
        }
    }
}

fn add_years(year: i32, years: u32) -> Option<i32> {
    year.checked_add(i32::try_from(years).ok()?)
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn days_in_month(first: NaiveDate) -> u32 {
    first.checked_add_months(Months::new(1)).and_then(|next| next.pred_opt()).map_or(28, |last| last.day())
}

/// Day `day` of the month, or its last day when the month is shorter (Outlook's rule for
/// "day 31 of every month").
fn clamped_day(first: NaiveDate, day: u32) -> NaiveDate {
    first.with_day(day.min(days_in_month(first))).unwrap_or(first)
}

/// The `index`-th day of the month whose weekday is in `days` (`last` = the final one).
fn relative_day(first: NaiveDate, days: &[Weekday], index: WeekIndex) -> Option<NaiveDate> {
    let mut matching = (0..days_in_month(first))
        .filter_map(|i| first.checked_add_days(Days::new(u64::from(i))))
        .filter(|d| days.contains(&d.weekday()));
    match index {
        WeekIndex::Nth(n) => matching.nth(n),
        WeekIndex::Last => matching.next_back(),
    }
}
