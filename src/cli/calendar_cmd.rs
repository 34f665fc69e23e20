//! `o365 calendar ...`: the account's calendars and the agenda (events between two times in the
//! user's zone, recurring series expanded by Graph's calendarView, whose end is exclusive as
//! `--to` is); one event, writes and free/busy live in the submodules.
mod find_time;
mod free;
mod show;
mod writes;

use anyhow::Context;
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;

use super::args::CalendarCommand;
use super::failure::UsageError;
use super::output::Output;
use super::session::Session;
use super::table::Table;
use crate::calendar_lookup::{self, Listed};
use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime};
use crate::human::dates::parse_instant;
use crate::sanitize;
use o365_graph::calendar;
use o365_graph::dto;

/// Without `--to`, an agenda covers a week.
const DEFAULT_DAYS: u64 = 7;

pub async fn run(command: &CalendarCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    match command {
        CalendarCommand::Calendars => list_calendars(session, out).await,
        CalendarCommand::Agenda { calendar, from, to, ids, limit, cached } => {
            let (start, end) = window(from.as_deref(), to.as_deref(), session.zone, crate::clock::now())?;
            match cached {
                true => super::cached_reads::agenda(session, out, (start, end), *ids, limit.get()),
                false => agenda(session, out, calendar, (start, end), *ids, limit.get()).await,
            }
        }
        CalendarCommand::Show { id } => show::run(session, out, id).await,
        CalendarCommand::Add { fields, calendar } => writes::add(session, out, fields, calendar.as_deref()).await,
        CalendarCommand::Edit { id, fields, scope } => writes::edit(session, out, id, fields, *scope).await,
        CalendarCommand::Rm { id, scope, message } => {
            writes::remove(session, out, id, *scope, message.as_deref()).await
        }
        CalendarCommand::Respond { id, answer, comment, no_send } => {
            writes::respond(session, out, id, *answer, comment.as_deref(), !no_send).await
        }
        CalendarCommand::FindTime { addresses, duration, from, to } => {
            find_time::run(session, out, addresses, duration, from.as_deref(), to.as_deref()).await
        }
        CalendarCommand::Free { addresses, from, to, interval } => {
            free::run(session, out, addresses, from.as_deref(), to.as_deref(), interval).await
        }
    }
}

/// The calendars `names` pick (by id, or by name in any case), or every calendar when none
/// are given. An unknown or ambiguous name fails naming what to use instead.
pub async fn pick_calendars(session: &Session, names: &[String]) -> anyhow::Result<Vec<Listed>> {
    let all = calendar_lookup::list_all(&session.client).await.context("listing calendars")?;
    if names.is_empty() {
        return Ok(all);
    }
    let mut picked: Vec<Listed> = Vec::new();
    for name in names {
        let by_id = all.iter().find(|c| c.calendar.id == *name);
        let by_name: Vec<&Listed> = all.iter().filter(|c| c.calendar.name.eq_ignore_ascii_case(name.trim())).collect();
        let found = match (by_id, by_name.as_slice()) {
            (Some(c), _) => c,
            (None, [c]) => *c,
            (None, []) => anyhow::bail!("no calendar is named {name:?}; `o365 calendar calendars` lists them"),
            (None, several) => {
                let ids: Vec<&str> = several.iter().map(|c| c.calendar.id.as_str()).collect();
                anyhow::bail!(
                    "{} calendars are named {name:?}; give one of their ids: {}",
                    several.len(),
                    ids.join(", ")
                )
            }
        };
        if !picked.iter().any(|c| c.calendar.id == found.calendar.id) {
            picked.push(found.clone());
        }
    }
    Ok(picked)
}

/// One row per calendar; a group's whose details cannot be read says why under the table.
async fn list_calendars(session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let calendars = calendar_lookup::list_all(&session.client).await.context("listing calendars")?;
    if out.json() {
        for c in &calendars {
            out.json_line(&c.graph)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Name", "Colour", "Owner", "Access", "Id"]).shrink_column(0);
    let mut notes = Vec::new();
    for c in calendars.into_iter().map(|c| c.calendar) {
        let access = match (c.is_default, c.can_edit, &c.group_id) {
            (true, _, _) => "default",
            (false, true, None) => "edit",
            (false, true, Some(_)) => "group, edit",
            (false, false, Some(_)) => "group, read",
            (false, false, None) => "read",
        };
        let owner = c.owner.as_ref().map(|o| o.address.clone()).unwrap_or_default();
        if let Some(why) = &c.limited {
            notes.push(format!("{}: {why}", c.name));
        }
        table.row([c.name, c.color.unwrap_or_default(), owner, access.to_owned(), c.id]);
    }
    out.table(&table)?;
    for note in notes {
        out.text(&format!("{}\n", sanitize::line(&note)))?;
    }
    Ok(())
}

async fn agenda(
    session: &Session,
    out: &mut Output,
    names: &[String],
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    ids: bool,
    limit: Option<usize>,
) -> anyhow::Result<()> {
    let calendars = pick_calendars(session, names).await?;
    let mut events: Vec<(String, dto::Event)> = Vec::new();
    for c in calendars.iter().map(|c| &c.calendar) {
        let name = c.name.clone();
        let found = calendar_lookup::events(&session.client, c, start, end, limit)
            .await
            .with_context(|| format!("reading the calendar {name:?}"))?;
        events.extend(found.into_iter().map(|e| (name.clone(), e)));
    }
    // One list across calendars, by start (a stable sort keeps each calendar's own order).
    events.sort_by_key(|(_, e)| Event::from(e).time.map(|t| t.start_utc()));
    if let Some(limit) = limit {
        events.truncate(limit);
    }
    if out.json() {
        for (_, event) in &events {
            out.json_line(event)?;
        }
        return Ok(());
    }
    let rows: Vec<(String, Event)> = events.iter().map(|(name, e)| (name.clone(), Event::from(e))).collect();
    print_agenda(session, out, &rows, calendars.len() > 1, ids)
}

/// Events (each with its calendar's name) as a Day / Time / Subject / Location table, the
/// calendar named when there are `several`.
pub(super) fn print_agenda(
    session: &Session,
    out: &mut Output,
    events: &[(String, Event)],
    several: bool,
    ids: bool,
) -> anyhow::Result<()> {
    let mut headers = vec!["Day", "Time", "Subject", "Location"];
    if several {
        headers.push("Calendar");
    }
    if ids {
        headers.push("Id");
    }
    let mut table = Table::new(&headers).shrink_column(2);
    for (calendar_name, event) in events {
        let (day, time) = when(event, &session.zone);
        let subject = if event.is_cancelled { format!("[cancelled] {}", event.subject) } else { event.subject.clone() };
        let mut row = vec![day, time, subject, event.location.clone().unwrap_or_default()];
        if several {
            row.push(calendar_name.clone());
        }
        if ids {
            row.push(event.id.clone());
        }
        table.row(row);
    }
    if table.is_empty() {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), b"No events in that time.\n");
        return Ok(());
    }
    out.table(&table)
}

/// `[start, end)` from the arguments: today's midnight and a week later by default.
pub fn window(
    from: Option<&str>,
    to: Option<&str>,
    zone: Tz,
    now: DateTime<Utc>,
) -> anyhow::Result<(DateTime<Utc>, DateTime<Utc>)> {
    let start = parse_instant(from.unwrap_or("today"), zone, now).map_err(|e| UsageError(format!("--from: {e}")))?;
    let end = match to {
        Some(to) => parse_instant(to, zone, now).map_err(|e| UsageError(format!("--to: {e}")))?,
        None => {
            let local = in_zone(&start, &zone).date_naive().checked_add_days(Days::new(DEFAULT_DAYS));
            let end = local.and_then(|day| crate::human::dates::local_midnight(day, zone));
            end.ok_or_else(|| UsageError("--from is too close to the end of time".into()))?
        }
    };
    if end <= start {
        return Err(UsageError("--to must be after --from".into()).into());
    }
    let days = calendar::view_days(start, end);
    if days > calendar::MAX_VIEW_DAYS {
        return Err(UsageError(format!(
            "--from and --to are {days} days apart; Microsoft Graph's calendar view covers at most {} days \
             (about five years): ask for a shorter range",
            calendar::MAX_VIEW_DAYS
        ))
        .into());
    }
    Ok((start, end))
}

/// The day and time columns in the user's zone; all-day events keep their own dates.
pub fn when(event: &Event, zone: &Tz) -> (String, String) {
    match &event.time {
        Some(EventTime::AllDay { start, end_exclusive }) => {
            let days = (*end_exclusive - *start).num_days();
            let time = if days > 1 { format!("all day ({days} days)") } else { "all day".to_owned() };
            (start.format("%a %Y-%m-%d").to_string(), time)
        }
        Some(EventTime::Timed { start, end }) => {
            let (start, end) = (in_zone(start, zone), in_zone(end, zone));
            let end_text = if end.date_naive() == start.date_naive() {
                end.format("%H:%M").to_string()
            } else {
                end.format("%a %H:%M").to_string()
            };
            (start.format("%a %Y-%m-%d").to_string(), format!("{}–{end_text}", start.format("%H:%M")))
        }
        None => (String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn default_window_is_a_week_from_local_midnight() {
        let now = at("2026-03-10T23:30:00Z"); // already the 11th in Tokyo
        let (start, end) = window(None, None, chrono_tz::Asia::Tokyo, now).unwrap();
        assert_eq!(start, at("2026-03-10T15:00:00Z"));
        assert_eq!(end, at("2026-03-17T15:00:00Z"));
    }

    #[test]
    fn window_across_a_dst_change_ends_at_local_midnight() {
        let now = at("2026-03-05T12:00:00Z");
        let (start, end) = window(Some("2026-03-07"), None, chrono_tz::America::New_York, now).unwrap();
        assert_eq!(start, at("2026-03-07T05:00:00Z"));
        assert_eq!(end, at("2026-03-14T04:00:00Z"), "EDT begins on 8 March");
    }

    #[test]
    fn inverted_or_unreadable_windows_are_usage_errors() {
        let now = at("2026-03-10T12:00:00Z");
        let error = window(Some("2026-03-10"), Some("2026-03-09"), Tz::UTC, now).unwrap_err();
        assert!(error.downcast_ref::<UsageError>().is_some());
        let error = window(Some("next tuesday"), None, Tz::UTC, now).unwrap_err();
        assert!(error.to_string().starts_with("--from:"), "{error}");
    }

    #[test]
    fn windows_past_graphs_limit_are_usage_errors_naming_it() {
        let now = at("2026-03-10T12:00:00Z");
        let (start, end) = window(Some("2026-01-01"), Some("2030-12-31"), Tz::UTC, now).unwrap();
        assert_eq!(calendar::view_days(start, end), 1825, "five years less a leap day is allowed");
        let error = window(Some("2026-01-01"), Some("2031-01-01"), Tz::UTC, now).unwrap_err();
        assert!(error.downcast_ref::<UsageError>().is_some());
        assert!(error.to_string().contains("1826 days apart") && error.to_string().contains("at most 1825 days"));
        let error = window(Some("2026-01-01T00:00"), Some("2030-12-31T00:00:01"), Tz::UTC, now).unwrap_err();
        assert!(error.to_string().contains("1826 days apart"), "{error}");
    }
}
