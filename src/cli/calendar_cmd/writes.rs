//! `o365 calendar add | edit | rm | respond`: events written in the user's zone, series made
//! from `--repeat`, one occurrence or the whole series changed as `--occurrence`/`--series`
//! say (asked every time an id names an occurrence), meetings the user organizes cancelled
//! with a note, invitations answered.
use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::super::args::{AnswerArg, EventFields, SensitivityArg, SeriesScope, ShowAsArg};
use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::pick_calendars;
use crate::domain::ShowAs;
use crate::domain::calendar::Event;
use crate::domain::calendar::draft::EventInput;
use crate::domain::calendar::fields::{self, EventText};
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

/// Everything the flags say, checked (src/domain/calendar/fields.rs reads them, as it reads
/// the TUI's form); `existing` is the event an edit starts from.
fn input(fields: &EventFields, zone: Tz, now: DateTime<Utc>, existing: Option<&Event>) -> anyhow::Result<EventInput> {
    let text = EventText {
        subject: fields.subject.clone(),
        start: fields.start.clone(),
        end: fields.end.clone(),
        duration: fields.duration.clone(),
        all_day: fields.all_day,
        location: fields.location.clone(),
        required: fields.attendee.clone(),
        optional: fields.optional.clone(),
        body: fields.body.clone(),
        teams: fields.teams,
        reminder: fields.reminder.clone(),
        show_as: fields.show_as.map(show_as),
        sensitivity: fields.sensitivity.map(sensitivity),
        categories: fields.category.clone(),
        repeat: fields.repeat.clone(),
        every: fields.every,
        until: fields.until.clone(),
        count: fields.count,
    };
    fields::input(&text, &fields::FLAGS, zone, now, existing).map_err(|e| usage(e.0))
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
    let picked = match calendar_name {
        Some(name) => pick_calendars(session, &[name.to_owned()]).await?.into_iter().next().map(|c| c.calendar),
        None => None,
    };
    let draft = input.to_graph(&session.zone);
    let created = match picked.as_ref().map(|c| (c, c.group_id.as_deref())) {
        Some((_, Some(group))) => calendar::create_group_event(&session.client, group, &draft).await,
        Some((c, None)) => calendar::create_event(&session.client, Some(&c.id), &draft).await,
        None => calendar::create_event(&session.client, None, &draft).await,
    };
    let event = created.context("creating the event")?;
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
