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
        self.dates_between(self.start, until).collect()
    }

    /// The dates the series occurs on from `from` up to `until` (both inclusive), in order, found
    /// lazily: the walk starts at the period holding `from` (a series that began years earlier
    /// is not replayed from its start), and a numbered series counts the occurrences before it
    /// arithmetically, so the cost is the dates in the range, not the series' age.
    pub fn dates_between(&self, from: NaiveDate, until: NaiveDate) -> impl Iterator<Item = NaiveDate> + use<> {
        self.clone().into_dates(from, until)
    }

    /// `dates_between`, owning the series.
    pub fn into_dates(self, from: NaiveDate, until: NaiveDate) -> impl Iterator<Item = NaiveDate> {
        let last = match self.end {
            RangeEnd::EndDate(end) => end.min(until),
            _ => until,
        };
        let first_period = self.period_near(from.max(self.start));
        let remaining = match self.end {
            RangeEnd::Numbered(n) => n.saturating_sub(self.count_before(first_period)),
            _ => usize::MAX,
        };
        let mut remaining = remaining;
        let mut k = first_period;
        let stop = first_period.saturating_add(MAX_PERIODS);
        let mut pending = std::collections::VecDeque::new();
        std::iter::from_fn(move || {
            loop {
                if remaining == 0 {
                    return None;
                }
                if let Some(d) = pending.pop_front() {
                    if d > last {
                        remaining = 0;
                        return None;
                    }
                    if d < self.start {
                        continue;
                    }
                    remaining -= 1;
                    if d < from {
                        continue;
                    }
                    return Some(d);
                }
                if k >= stop {
                    return None;
                }
                let (period_start, dates) = self.period(k)?;
                k += 1;
                if period_start > last {
                    return None;
                }
                pending.extend(dates);
            }
        })
    }

    /// A period that starts on or before `day` (at most one before the period holding it).
    fn period_near(&self, day: NaiveDate) -> u32 {
        let interval = i64::from(self.interval.max(1));
        let steps = match &self.pattern {
            Pattern::Daily => (day - self.start).num_days(),
            Pattern::Weekly { first_day, .. } => {
                let back = (7 + self.start.weekday().num_days_from_monday() - first_day.num_days_from_monday()) % 7;
                (day - (self.start - Days::new(u64::from(back)))).num_days() / 7
            }
            Pattern::AbsoluteMonthly { .. } | Pattern::RelativeMonthly { .. } => {
                i64::from(day.year() - self.start.year()) * 12 + i64::from(day.month()) - i64::from(self.start.month())
            }
            Pattern::AbsoluteYearly { .. } | Pattern::RelativeYearly { .. } => {
                i64::from(day.year() - self.start.year())
            }
        };
        u32::try_from((steps / interval - 1).max(0)).unwrap_or(u32::MAX)
    }

    /// Occurrences in the periods before `k`: every period holds the same number of dates, except
    /// that the first may hold some before the series starts.
    fn count_before(&self, k: u32) -> usize {
        if k == 0 {
            return 0;
        }
        let in_first = self.period(0).map_or(0, |(_, dates)| dates.iter().filter(|d| **d >= self.start).count());
        let per_period = match &self.pattern {
            Pattern::Weekly { days, .. } => days.len(),
            _ => 1,
        };
        in_first + per_period * (k as usize - 1)
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every date from the series' start, period by period (the walk as first written).
    fn replayed(r: &Recurrence, until: NaiveDate) -> Vec<NaiveDate> {
        let limit = match r.end {
            RangeEnd::Numbered(n) => n,
            _ => usize::MAX,
        };
        let last = match r.end {
            RangeEnd::EndDate(end) => end.min(until),
            _ => until,
        };
        let mut out = Vec::new();
        for k in 0.. {
            let Some((start, dates)) = r.period(k) else { break };
            if start > last {
                break;
            }
            for d in dates.into_iter().filter(|d| *d >= r.start) {
                if d > last || out.len() >= limit {
                    return out;
                }
                out.push(d);
            }
        }
        out
    }

    #[test]
    fn a_range_starting_late_finds_what_a_walk_from_the_start_finds() {
        let patterns = [
            json!({"type": "daily", "interval": 3}),
            json!({"type": "weekly", "interval": 2, "daysOfWeek": ["monday", "wednesday", "sunday"], "firstDayOfWeek": "monday"}),
            json!({"type": "weekly", "interval": 1, "daysOfWeek": ["friday"]}),
            json!({"type": "absoluteMonthly", "interval": 1, "dayOfMonth": 31}),
            json!({"type": "absoluteMonthly", "interval": 2, "dayOfMonth": 3}),
            json!({"type": "relativeMonthly", "interval": 1, "daysOfWeek": ["tuesday"], "index": "last"}),
            json!({"type": "absoluteYearly", "interval": 1, "month": 2, "dayOfMonth": 29}),
            json!({"type": "relativeYearly", "interval": 3, "month": 11, "daysOfWeek": ["thursday"], "index": "fourth"}),
        ];
        let ranges = [
            json!({"type": "noEnd", "startDate": "2021-03-17"}),
            json!({"type": "numbered", "startDate": "2021-03-17", "numberOfOccurrences": 40}),
            json!({"type": "endDate", "startDate": "2021-03-17", "endDate": "2024-02-29"}),
        ];
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let until = d(2031, 6, 1);
        for pattern in &patterns {
            for range in &ranges {
                let r = Recurrence::parse(&json!({"pattern": pattern, "range": range})).unwrap();
                let all = replayed(&r, until);
                for from in
                    [d(2000, 1, 1), d(2021, 3, 17), d(2021, 3, 20), d(2022, 7, 4), d(2024, 2, 29), d(2030, 1, 1)]
                {
                    let want: Vec<NaiveDate> = all.iter().copied().filter(|x| *x >= from).collect();
                    let got: Vec<NaiveDate> = r.dates_between(from, until).collect();
                    assert_eq!(got, want, "{pattern} {range} from {from}");
                }
            }
        }
    }

    #[test]
    fn a_range_far_from_the_start_costs_only_its_own_periods() {
        let r = Recurrence::parse(&json!({"pattern": {"type": "daily", "interval": 1},
            "range": {"type": "noEnd", "startDate": "2001-01-01"}}))
        .unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // 9,000 years of days from the start would pass MAX_PERIODS long before the range.
        assert_eq!(r.dates_between(d(9999, 12, 1), d(9999, 12, 31)).count(), 31);
    }
}
