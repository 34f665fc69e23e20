//! Recurring series (graph-facts §3.4 patternedRecurrence): a Mon–Fri stand-up, a weekly 1:1, a
//! first-Tuesday monthly review, a numbered daily series, a fortnightly team review, and yearly
//! all-day birthdays. Each `startDate` is the date of the first occurrence, as Graph requires.
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde_json::{Value, json};

use super::{Calendars, Ctx, HOME_ZONE, Spec, event};

const NO_END: &str = "0001-01-01";

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// A pattern with Graph's zero values for the fields the type does not use.
pub(super) fn pattern(
    kind: &str,
    interval: u32,
    days: &[Weekday],
    month: u32,
    day_of_month: u32,
    index: &str,
) -> Value {
    json!({
        "type": kind,
        "interval": interval,
        "month": month,
        "dayOfMonth": day_of_month,
        "daysOfWeek": days.iter().map(|d| weekday_name(*d)).collect::<Vec<_>>(),
        "firstDayOfWeek": "sunday",
        "index": index,
    })
}

pub(super) fn range(kind: &str, start: NaiveDate, end: Option<NaiveDate>, occurrences: u32, zone: &str) -> Value {
    json!({
        "type": kind,
        "startDate": start.format("%Y-%m-%d").to_string(),
        "endDate": end.map_or(NO_END.to_owned(), |d| d.format("%Y-%m-%d").to_string()),
        "recurrenceTimeZone": zone,
        "numberOfOccurrences": occurrences,
    })
}

/// The first date on or after `from` that falls on `day`.
pub(super) fn next_weekday(from: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() as i64 - from.weekday().num_days_from_monday() as i64) % 7;
    from + Duration::days(ahead)
}

pub(super) fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, minute, 0).unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn series(
    ctx: &mut Ctx,
    calendar: &str,
    subject: &str,
    start: NaiveDateTime,
    minutes: i64,
    zone: &'static str,
    recurrence: Value,
    online: bool,
) -> String {
    let cast = ctx.cast;
    let me = cast.me();
    let mut attendees = Vec::new();
    for i in 0..ctx.rng.range(2, 7) as usize {
        attendees.push(&cast.directory[1 + (i * 7 + ctx.rng.below(5)) % (cast.directory.len() - 1)]);
    }
    attendees.dedup_by(|a, b| a.address == b.address);
    let spec = Spec {
        calendar,
        subject: subject.to_owned(),
        start,
        end: start + Duration::minutes(minutes),
        zone,
        all_day: false,
        recurrence: Some(recurrence),
        organizer: me,
        attendees,
        online,
        room: (!online).then_some("Conference Room Rainier"),
        show_as: "busy",
        sensitivity: "normal",
        importance: "normal",
        categories: vec![],
        cancelled: false,
    };
    event(ctx, spec)
}

pub fn generate(ctx: &mut Ctx, calendars: &Calendars) {
    let today = ctx.anchor.date_naive();
    let main = calendars.main.as_str();

    let standup = next_weekday(today - Duration::days(90), Weekday::Mon);
    let weekdays = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];
    let recurrence = json!({
        "pattern": pattern("weekly", 1, &weekdays, 0, 0, "first"),
        "range": range("noEnd", standup, None, 0, HOME_ZONE),
    });
    series(ctx, main, "Daily stand-up", at(standup, 9, 30), 15, HOME_ZONE, recurrence, true);

    let one_on_one = next_weekday(today - Duration::days(60), Weekday::Thu);
    let recurrence = json!({
        "pattern": pattern("weekly", 1, &[Weekday::Thu], 0, 0, "first"),
        "range": range("endDate", one_on_one, Some(today + Duration::days(120)), 0, "Eastern Standard Time"),
    });
    series(ctx, main, "1:1 with manager", at(one_on_one, 14, 0), 30, "Eastern Standard Time", recurrence, true);

    // First Tuesday of the month three months back.
    let month_start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today) - Duration::days(85);
    let month_start = NaiveDate::from_ymd_opt(month_start.year(), month_start.month(), 1).unwrap_or(month_start);
    let review = next_weekday(month_start, Weekday::Tue);
    let recurrence = json!({
        "pattern": pattern("relativeMonthly", 1, &[Weekday::Tue], 0, 0, "first"),
        "range": range("numbered", review, None, 12, "W. Europe Standard Time"),
    });
    series(ctx, main, "Monthly business review", at(review, 10, 0), 60, "W. Europe Standard Time", recurrence, false);

    let onboarding = today + Duration::days(3);
    let recurrence = json!({
        "pattern": pattern("daily", 1, &[], 0, 0, "first"),
        "range": range("numbered", onboarding, None, 10, "India Standard Time"),
    });
    series(
        ctx,
        main,
        "Onboarding check-in (Bengaluru team)",
        at(onboarding, 16, 0),
        30,
        "India Standard Time",
        recurrence,
        true,
    );

    let sprint = next_weekday(today - Duration::days(42), Weekday::Wed);
    let recurrence = json!({
        "pattern": pattern("weekly", 2, &[Weekday::Wed], 0, 0, "first"),
        "range": range("noEnd", sprint, None, 0, "Tokyo Standard Time"),
    });
    let team = calendars.team.clone();
    series(ctx, &team, "Sprint review (Tokyo + Sydney)", at(sprint, 9, 0), 60, "Tokyo Standard Time", recurrence, true);

    birthdays(ctx, &calendars.birthdays);
}

/// Yearly all-day birthdays of a few colleagues.
fn birthdays(ctx: &mut Ctx, calendar: &str) {
    let cast = ctx.cast;
    let year = ctx.anchor.year() - 1;
    for k in 0..5 {
        let person = &cast.directory[1 + k * 9 % (cast.directory.len() - 1)];
        let month = ctx.rng.range(1, 13) as u32;
        let day = ctx.rng.range(1, 29) as u32;
        let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else { continue };
        let recurrence = json!({
            "pattern": pattern("absoluteYearly", 1, &[], month, day, "first"),
            "range": range("noEnd", date, None, 0, HOME_ZONE),
        });
        let spec = Spec {
            calendar,
            subject: format!("{}'s birthday 🎂", person.name),
            start: at(date, 0, 0),
            end: at(date + Duration::days(1), 0, 0),
            zone: HOME_ZONE,
            all_day: true,
            recurrence: Some(recurrence),
            organizer: cast.me(),
            attendees: vec![],
            online: false,
            room: None,
            show_as: "free",
            sensitivity: "normal",
            importance: "normal",
            categories: vec![],
            cancelled: false,
        };
        event(ctx, spec);
    }
}
