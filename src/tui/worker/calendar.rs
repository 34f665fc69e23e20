//! The calendar pane's work as Graph calls (o365_graph::calendar): the period's events of every
//! calendar, event writes, free/busy and meeting times, and an invitation's event with the
//! user's other events around it. Each runs as its own tokio task and answers with one message.
//! An event write the service confirmed is kept in the local cache (`cached_panes`).
use chrono::{DateTime, Duration, Utc};
use tokio::sync::mpsc::UnboundedSender;

use super::super::effect::calendar::{CalendarEffect, EventWrite, LocalWindow};
use super::super::msg::Msg;
use super::super::msg::calendar::{
    BusyBlock, CalendarMsg, Invitation, PersonSchedule, Suggestions, TimeSuggestion, Written,
};
use super::super::store::calendar::CalendarPage;
use super::Failures;
use super::cached::CacheAccess;
use super::cached_panes::keep_written;
use crate::cache::Cache;
use crate::calendar_lookup;
use crate::domain::calendar::{Answer, schedule};
use crate::domain::{Calendar, Event};
use o365_graph::calendar::{self, EventAnswer};
use o365_graph::client::GraphClient;
use o365_graph::error::{GraphError, GraphResult};

pub(super) fn run(
    client: &GraphClient,
    cache: Option<&CacheAccess>,
    messages: &UnboundedSender<Msg>,
    effect: CalendarEffect,
) {
    let (client, cache, messages) = (client.clone(), cache.cloned(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let failed = |e: GraphError| failures.failure(e);
        let msg = match effect {
            CalendarEffect::Write { op, write } => {
                // What the local cache takes once the service confirmed it (issue 10).
                let (made_in, removed) = match &write {
                    EventWrite::Create { calendar_id, .. } => (Some(calendar_id.clone()), None),
                    EventWrite::Delete { id } | EventWrite::Cancel { id, .. } => (None, Some(id.clone())),
                    _ => (None, None),
                };
                let result = write_one(&client, write).await;
                if let Ok(written) = &result {
                    let event = match written {
                        Written::Event(event) => Some((**event).clone()),
                        Written::Done => None,
                    };
                    let keep = move |c: &mut Cache| {
                        let default = c.calendars()?.into_iter().find(|cal| cal.is_default).map(|cal| cal.id);
                        let new_in_default = made_in.is_some_and(|id| id.is_none() || id == default);
                        c.keep_event(event.as_ref(), new_in_default, removed.as_deref())
                    };
                    keep_written(cache.as_ref(), keep).await;
                }
                CalendarMsg::Written { op, result: result.map_err(failed) }
            }
            CalendarEffect::Schedule { generation, addresses, window } => CalendarMsg::Schedule {
                generation,
                result: schedules(&client, &addresses, &window).await.map_err(failed),
            },
            CalendarEffect::FindTimes { generation, addresses, minutes, window } => CalendarMsg::Times {
                generation,
                result: meeting_times(&client, &addresses, minutes, &window).await.map_err(failed),
            },
        };
        // The loop may have ended; then nobody needs the answer.
        let _ = messages.send(Msg::Calendar(msg));
        failures.announce(&messages);
    });
}

/// Every calendar (the user's, then their groups'), then each one's events in `[start, end)`
/// (series expanded), each event knowing its calendar.
pub(super) async fn period(
    client: &GraphClient,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> GraphResult<CalendarPage> {
    let listed = calendar_lookup::list_all(client).await?;
    let calendars: Vec<Calendar> = listed.into_iter().map(|c| c.calendar).collect();
    let mut events = Vec::new();
    for c in &calendars {
        events.extend(calendar_lookup::domain_events(client, c, start, end).await?);
    }
    Ok(CalendarPage { calendars, events })
}

async fn write_one(client: &GraphClient, write: EventWrite) -> GraphResult<Written> {
    Ok(match write {
        EventWrite::Create { calendar_id, input, zone } => {
            let event = calendar::create_event(client, calendar_id.as_deref(), &input.to_graph(&zone)).await?;
            Written::Event(Box::new(Event { calendar_id, ..Event::from(&event) }))
        }
        EventWrite::Update { id, input, zone } => {
            let event = calendar::update_event(client, &id, &input.to_graph(&zone)).await?;
            Written::Event(Box::new(Event::from(&event)))
        }
        EventWrite::Delete { id } => {
            calendar::delete_event(client, &id).await?;
            Written::Done
        }
        EventWrite::Cancel { id, message } => {
            calendar::cancel_event(client, &id, message.as_deref()).await?;
            Written::Done
        }
        EventWrite::Respond { id, answer, comment, send } => {
            let answer = match answer {
                Answer::Accept => EventAnswer::Accept,
                Answer::Tentative => EventAnswer::Tentative,
                Answer::Decline => EventAnswer::Decline,
            };
            calendar::respond_to_event(client, &id, answer, comment.as_deref(), send).await?;
            Written::Done
        }
    })
}

async fn schedules(
    client: &GraphClient,
    addresses: &[String],
    window: &LocalWindow,
) -> GraphResult<Vec<PersonSchedule>> {
    let request = schedule::schedule_request(addresses, (window.start, window.end), &window.zone, Some(30));
    let answered = calendar::get_schedule(client, &request).await?;
    Ok(answered
        .iter()
        .map(|person| PersonSchedule {
            address: person.schedule_id.clone(),
            blocks: schedule::blocks(person)
                .into_iter()
                .map(|b| BusyBlock { start: b.start.to_utc(), end: b.end.to_utc(), status: b.status })
                .collect(),
            problem: schedule::schedule_problem(person),
        })
        .collect())
}

async fn meeting_times(
    client: &GraphClient,
    addresses: &[String],
    minutes: i64,
    window: &LocalWindow,
) -> GraphResult<Suggestions> {
    let request = schedule::meeting_times_request(addresses, minutes, (window.start, window.end), &window.zone);
    let result = calendar::find_meeting_times(client, &request).await?;
    Ok(Suggestions {
        times: schedule::suggestions(&result)
            .into_iter()
            .map(|(start, end, confidence)| TimeSuggestion { start: start.to_utc(), end: end.to_utc(), confidence })
            .collect(),
        empty_reason: result.empty_suggestions_reason.filter(|r| !r.is_empty()),
    })
}

/// The user's events in the day around `event` (a day either side, so any zone's day is
/// covered; the store keeps those of the invitation's day in the user's zone).
async fn around(client: &GraphClient, event: &Event) -> GraphResult<Vec<Event>> {
    let Some(time) = &event.time else { return Ok(Vec::new()) };
    let start = time.start_utc() - Duration::days(1);
    let end = start + Duration::days(3);
    let found = calendar::calendar_view(client, None, start, end, None).await?;
    Ok(found.iter().map(Event::from).collect())
}

/// A meeting's mail: its event (expanded with the message) and the user's events around it.
pub(super) async fn invitation(client: &GraphClient, message_id: &str) -> GraphResult<Box<Invitation>> {
    let message = calendar::get_meeting_message(client, message_id).await?;
    let event = message.event.as_deref().map(Event::from);
    let nearby = match &event {
        Some(event) => around(client, event).await?,
        None => Vec::new(),
    };
    Ok(Box::new(Invitation { kind: message.meeting_message_type.clone(), event, nearby }))
}
