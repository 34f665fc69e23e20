//! `o365 calendar add | edit | rm | respond`: events written in the user's zone, series made
//! from `--repeat`, one occurrence or the whole series changed as `--occurrence`/`--series`
//! say (asked every time an id names an occurrence), meetings the user organizes cancelled
//! with a note, invitations answered.
use anyhow::Context;
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::super::args::{AnswerArg, EventFields, SensitivityArg, SeriesScope, ShowAsArg};
use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::pick_calendars;
use crate::domain::calendar::draft::{EventInput, When};
use crate::domain::calendar::repeat::{Repeat, RepeatEnd};
use crate::domain::time_zones::{graph_zone_name, in_zone};
use crate::domain::{Event, EventTime, ShowAs};
use crate::human::dates::{parse_day, parse_instant};
use crate::human::durations::parse_duration;
use crate::render::event::when_text;
use o365_graph::calendar::{self, EventAnswer};
use o365_graph::dto::{self, EventType, Sensitivity};

fn usage(text: impl Into<String>) -> anyhow::Error {
    UsageError(text.into()).into()
}

fn show_as(arg: ShowAsArg) -> ShowAs {
    match arg {
        ShowAsArg::Free => ShowAs::Free,
        ShowAsArg::Tentative => ShowAs::Tentative,
        ShowAsArg::Busy => ShowAs::Busy,
        ShowAsArg::Oof => ShowAs::Oof,
        ShowAsArg::WorkingElsewhere => ShowAs::WorkingElsewhere,
    }
}

fn sensitivity(arg: SensitivityArg) -> Sensitivity {
    match arg {
        SensitivityArg::Normal => Sensitivity::Normal,
        SensitivityArg::Personal => Sensitivity::Personal,
        SensitivityArg::Private => Sensitivity::Private,
        SensitivityArg::Confidential => Sensitivity::Confidential,
    }
}

/// A date-time argument as a wall-clock time in `zone`.
fn local_time(flag: &str, arg: &str, zone: Tz, now: DateTime<Utc>) -> anyhow::Result<NaiveDateTime> {
    let instant = parse_instant(arg, zone, now).map_err(|e| usage(format!("{flag}: {e}")))?;
    Ok(in_zone(&instant, &zone).naive_local())
}

fn day(flag: &str, arg: &str, zone: Tz, now: DateTime<Utc>) -> anyhow::Result<NaiveDate> {
    parse_day(arg, in_zone(&now, &zone).date_naive()).map_err(|e| usage(format!("{flag}: {e}")))
}

/// The event's times as `--start`, `--end`, `--duration` and `--all-day` set them, starting
/// from `existing` (an edit) where they leave something out. `None` when no time flag is given.
fn when(
    fields: &EventFields,
    zone: Tz,
    now: DateTime<Utc>,
    existing: Option<&EventTime>,
) -> anyhow::Result<Option<When>> {
    if fields.start.is_none() && fields.end.is_none() && fields.duration.is_none() && !fields.all_day {
        return Ok(None);
    }
    let duration =
        fields.duration.as_deref().map(parse_duration).transpose().map_err(|e| usage(format!("--duration: {e}")))?;
    let all_day = fields.all_day || (matches!(existing, Some(EventTime::AllDay { .. })) && fields.start.is_none());
    if all_day {
        let first = match (&fields.start, existing) {
            (Some(start), _) => day("--start", start, zone, now)?,
            (None, Some(EventTime::AllDay { start, .. })) => *start,
            (None, Some(EventTime::Timed { start, .. })) => in_zone(start, &zone).date_naive(),
            (None, None) => return Err(usage("--start DATE is needed")),
        };
        let last = match (&fields.end, duration, existing) {
            (Some(end), _, _) => day("--end", end, zone, now)?,
            (None, Some(length), _) => {
                if length.num_minutes() % 1440 != 0 {
                    return Err(usage("--duration of an all-day event is whole days (2d)"));
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
            return Err(usage("--end must not be before --start"));
        }
        return Ok(Some(When::AllDay { first, last }));
    }
    let old = match existing {
        Some(EventTime::Timed { start, end }) => {
            Some((in_zone(start, &zone).naive_local(), in_zone(end, &zone).naive_local()))
        }
        _ => None,
    };
    let start = match (&fields.start, old) {
        (Some(arg), _) => local_time("--start", arg, zone, now)?,
        (None, Some((start, _))) => start,
        (None, None) => return Err(usage("--start TIME is needed")),
    };
    let end = match (&fields.end, duration, old) {
        (Some(arg), _, _) => local_time("--end", arg, zone, now)?,
        (None, Some(length), _) => start + length,
        // A new start keeps the event's length.
        (None, None, Some((old_start, old_end))) => start + (old_end - old_start),
        (None, None, None) => return Err(usage("--end TIME or --duration LENGTH is needed (e.g. --duration 30m)")),
    };
    if end <= start {
        return Err(usage("--end must be after --start"));
    }
    Ok(Some(When::Timed { start, end }))
}

/// Everything the flags say, checked; `existing` is the event an edit starts from.
fn input(fields: &EventFields, zone: Tz, now: DateTime<Utc>, existing: Option<&Event>) -> anyhow::Result<EventInput> {
    let when = when(fields, zone, now, existing.and_then(|e| e.time.as_ref()))?;
    for address in fields.attendee.iter().chain(&fields.optional) {
        let address = address.trim();
        if !address.contains('@') || address.starts_with('@') || address.ends_with('@') {
            return Err(usage(format!("{address:?} is not an email address")));
        }
    }
    let reminder_minutes = match fields.reminder.as_deref() {
        None => None,
        Some("0") => Some(0),
        Some(text) => Some(parse_duration(text).map_err(|e| usage(format!("--reminder: {e}")))?.num_minutes()),
    };
    let recurrence = match &fields.repeat {
        None => None,
        Some(rule) => {
            let rule: Repeat = rule.parse().map_err(|e| usage(format!("--repeat: {e}")))?;
            let start = when
                .map(|w| w.start_date())
                .or_else(|| existing.and_then(|e| e.time.as_ref()).map(|t| in_zone(&t.start_utc(), &zone).date_naive()))
                .ok_or_else(|| usage("--repeat needs --start"))?;
            let end = match (&fields.until, fields.count) {
                (Some(until), _) => {
                    let until = day("--until", until, zone, now)?;
                    if until < start {
                        return Err(usage("--until is before the first occurrence"));
                    }
                    RepeatEnd::Until(until)
                }
                (None, Some(0)) => return Err(usage("--count must be at least 1")),
                (None, Some(count)) => RepeatEnd::Count(count),
                (None, None) => RepeatEnd::Never,
            };
            Some(rule.to_graph(start, fields.every.unwrap_or(1), end, &graph_zone_name(&zone)))
        }
    };
    if fields.every == Some(0) {
        return Err(usage("--every must be at least 1"));
    }
    Ok(EventInput {
        subject: fields.subject.clone(),
        when,
        location: fields.location.clone(),
        required: fields.attendee.clone(),
        optional: fields.optional.clone(),
        body: fields.body.clone(),
        teams: fields.teams,
        reminder_minutes,
        show_as: fields.show_as.map(show_as),
        sensitivity: fields.sensitivity.map(sensitivity),
        categories: fields.category.clone(),
        recurrence,
    })
}

fn report(out: &mut Output, verb: &str, event: &dto::Event, zone: &Tz) -> anyhow::Result<()> {
    if out.json() {
        return out.json_line(event);
    }
    let shown = Event::from(event);
    let when = when_text(&shown, zone, None);
    out.text(&crate::sanitize::line(&format!("{verb} {}  {when}  {}", event.id, shown.subject)))
}

pub async fn add(
    session: &Session,
    out: &mut Output,
    fields: &EventFields,
    calendar_name: Option<&str>,
) -> anyhow::Result<()> {
    if fields.subject.as_deref().is_none_or(|s| s.trim().is_empty()) {
        return Err(usage("--subject TEXT is needed"));
    }
    if fields.start.is_none() {
        return Err(usage("--start TIME is needed"));
    }
    let input = input(fields, session.zone, crate::clock::now(), None)?;
    let calendar_id = match calendar_name {
        Some(name) => pick_calendars(session, &[name.to_owned()]).await?.first().map(|c| c.id.clone()),
        None => None,
    };
    let event = calendar::create_event(&session.client, calendar_id.as_deref(), &input.to_graph(&session.zone))
        .await
        .context("creating the event")?;
    report(out, "created", &event, &session.zone)
}

/// The id a command acts on: the occurrence itself or its series, as the flags say. An
/// occurrence id without either flag is refused, so a series is never changed by surprise.
fn target(event: &dto::Event, scope: SeriesScope) -> anyhow::Result<String> {
    let in_series = matches!(event.kind, Some(EventType::Occurrence | EventType::Exception));
    match (in_series, event.series_master_id.as_deref(), scope.occurrence, scope.series) {
        (true, Some(master), false, true) => Ok(master.to_owned()),
        (true, _, true, false) => Ok(event.id.clone()),
        (true, _, false, false) => Err(usage(
            "this id is one occurrence of a recurring series: add --occurrence (only this one) or --series (all of them)",
        )),
        _ if matches!(event.kind, Some(EventType::SeriesMaster)) && scope.occurrence => Err(usage(
            "this id is a whole series; give one occurrence's id (`o365 calendar agenda --ids`) with --occurrence",
        )),
        _ if !matches!(event.kind, Some(EventType::SeriesMaster)) && (scope.occurrence || scope.series) => {
            Err(usage("this event is not part of a recurring series: leave out --occurrence and --series"))
        }
        _ => Ok(event.id.clone()),
    }
}

pub async fn edit(
    session: &Session,
    out: &mut Output,
    id: &str,
    fields: &EventFields,
    scope: SeriesScope,
) -> anyhow::Result<()> {
    let event = calendar::get_event(&session.client, id).await.context("reading the event")?;
    let target_id = target(&event, scope)?;
    let base = if target_id == event.id {
        event
    } else {
        calendar::get_event(&session.client, &target_id).await.context("reading the series")?
    };
    if fields.repeat.is_some() && !matches!(base.kind, Some(EventType::SeriesMaster | EventType::SingleInstance) | None)
    {
        return Err(usage("--repeat changes a whole series: use --series"));
    }
    let input = input(fields, session.zone, crate::clock::now(), Some(&Event::from(&base)))?;
    let changes = input.to_graph(&session.zone);
    if changes == dto::EventDraft::default() {
        return Err(usage("nothing to change: give --subject, --start, --location or another field"));
    }
    let updated = calendar::update_event(&session.client, &target_id, &changes).await.context("changing the event")?;
    report(out, "updated", &updated, &session.zone)
}

pub async fn remove(
    session: &Session,
    out: &mut Output,
    id: &str,
    scope: SeriesScope,
    message: Option<&str>,
) -> anyhow::Result<()> {
    let event = calendar::get_event(&session.client, id).await.context("reading the event")?;
    let target_id = target(&event, scope)?;
    let meeting = event.is_organizer == Some(true) && !event.attendees.is_empty();
    if meeting {
        calendar::cancel_event(&session.client, &target_id, message).await.context("cancelling the meeting")?;
    } else {
        if message.is_some() {
            return Err(usage(
                "--message is for meetings you organize; to answer an invitation use `o365 calendar respond ID decline --comment TEXT`",
            ));
        }
        calendar::delete_event(&session.client, &target_id).await.context("deleting the event")?;
    }
    let verb = if meeting { "cancelled (the attendees were told)" } else { "deleted" };
    if out.json() {
        return out.json_line(&serde_json::json!({"id": target_id, "cancelled": meeting, "deleted": true}));
    }
    out.text(&format!("{verb} {}", crate::sanitize::line(&target_id)))
}

pub async fn respond(
    session: &Session,
    out: &mut Output,
    id: &str,
    answer: AnswerArg,
    comment: Option<&str>,
    send: bool,
) -> anyhow::Result<()> {
    let (answer, word) = match answer {
        AnswerArg::Accept => (EventAnswer::Accept, "accepted"),
        AnswerArg::Tentative => (EventAnswer::Tentative, "tentatively accepted"),
        AnswerArg::Decline => (EventAnswer::Decline, "declined"),
    };
    calendar::respond_to_event(&session.client, id, answer, comment, send).await.context("answering the invitation")?;
    if out.json() {
        return out.json_line(&serde_json::json!({"id": id, "response": answer.action(), "sent": send}));
    }
    let told = if send { "the organizer was told" } else { "the organizer was not told" };
    out.text(&format!("{word} {} ({told})", crate::sanitize::line(id)))
}
