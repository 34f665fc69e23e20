//! The default calendar by delta (graph-facts §2.8, event-delta): its view of a window around
//! today (30 days back, 90 ahead), collected whole (a window is small) and applied in one
//! transaction with the new deltaLink. A series that changed comes with its occurrences now, so
//! those it no longer has are dropped; a deleted, cancelled or out-of-window event comes as
//! `@removed`. When the window has moved on (another day), or the service lost the sync state,
//! the calendar starts over from a full round.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Days, Utc};

use super::report::{ResourceChanges, SyncReport};
use super::{RoundError, SyncError, stamp};
use crate::cache::calendar as cached;
use crate::cache::{Cache, links};
use crate::domain::Event;
use o365_graph::calendar::delta::calendar_view_delta_request;
use o365_graph::client::GraphClient;
use o365_graph::delta;
use o365_graph::dto;
use o365_graph::request::Request;

/// Days of the window before today and after it.
const DAYS_BACK: u64 = 30;
const DAYS_AHEAD: u64 = 90;

/// The window a sync at `now` keeps: from midnight UTC `DAYS_BACK` days ago.
pub fn window(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let today = now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc();
    (today - Days::new(DAYS_BACK), today + Days::new(DAYS_AHEAD))
}

/// Syncs the default calendar's window around `now` (the app's clock; tests pin it).
pub async fn sync_calendar(
    client: &GraphClient,
    cache: &mut Cache,
    now: DateTime<Utc>,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::new("calendar");
    let key = links::calendar_view();
    let (start, end) = window(now);
    let template = calendar_view_delta_request(client, start, end);
    let stored = cache.delta_link(&key)?;
    // A link made for another window (the days moved on) is not resumed.
    let window_start = start.format("%Y-%m-%dT%H").to_string();
    let changes = match stored.filter(|link| link.contains(&window_start)) {
        None => round(client, cache, template, true, &mut report.requests).await?,
        Some(link) => {
            let first = delta::resume(client, &template, &link)?;
            match round(client, cache, first, false, &mut report.requests).await {
                Err(e) if e.needs_resync() => {
                    tracing::warn!("the service lost the calendar's sync state: syncing it again");
                    cache.in_transaction(|tx| links::forget(tx, &key))?;
                    let changes = round(client, cache, template, true, &mut report.requests).await?;
                    ResourceChanges { resynced: true, ..changes }
                }
                other => other?,
            }
        }
    };
    report.tree = ResourceChanges { name: "events".into(), ..changes };
    Ok(report)
}

async fn round(
    client: &GraphClient,
    cache: &mut Cache,
    first: Request,
    full: bool,
    requests: &mut usize,
) -> Result<ResourceChanges, RoundError> {
    let key = links::calendar_view();
    let round = delta::round::<dto::Event>(client, first).await;
    // A failed round made at least the request that failed.
    *requests += round.as_ref().map_or(1, |r| r.pages);
    let round = round?;
    let events: Vec<Event> = round.items.iter().map(Event::from).collect();
    let mut series: HashMap<String, HashSet<String>> = HashMap::new();
    for event in &events {
        if let Some(master) = &event.series_master_id {
            series.entry(master.clone()).or_default().insert(event.id.clone());
        }
    }
    let at = stamp();
    let changes = cache.in_transaction(|tx| {
        let written = cached::upsert_events(tx, &events)?;
        let mut removed = cached::remove_events(tx, &round.removed)?;
        if full {
            let seen: HashSet<String> = events.iter().map(|e| e.id.clone()).collect();
            removed += cached::retain_events(tx, &seen)?;
        } else {
            for (master, now) in &series {
                removed += cached::retain_occurrences(tx, master, now)?;
            }
        }
        links::store(tx, &key, &round.delta_link, &at)?;
        Ok(ResourceChanges { added: written.added, updated: written.updated, removed, full, ..Default::default() })
    })?;
    Ok(changes)
}
