//! The default calendar's events in the cache: what the agenda shows (subject, when, where,
//! cancelled or not), single events and each occurrence of a series (under its master's id, so
//! a series that changed replaces its occurrences), in the app's own columns.
use std::collections::HashSet;

use chrono::{DateTime, NaiveDate};
use rusqlite::{Transaction, params};

use super::mail::Written;
use super::{Cache, CacheError};
use crate::domain::{Event, EventTime};

/// Adds or replaces events (occurrences included).
pub fn upsert_events(tx: &Transaction<'_>, events: &[Event]) -> Result<Written, CacheError> {
    let mut written = Written::default();
    let mut exists = tx.prepare_cached("SELECT 1 FROM events WHERE id = ?1")?;
    let mut put = tx.prepare_cached(
        "INSERT INTO events (id, series_master_id, subject, all_day, start, end, start_utc, location, is_cancelled)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET series_master_id = excluded.series_master_id, subject = excluded.subject,
             all_day = excluded.all_day, start = excluded.start, end = excluded.end,
             start_utc = excluded.start_utc, location = excluded.location, is_cancelled = excluded.is_cancelled",
    )?;
    for event in events {
        match exists.exists([&event.id])? {
            true => written.updated += 1,
            false => written.added += 1,
        }
        let (all_day, start, end) = match &event.time {
            Some(EventTime::AllDay { start, end_exclusive }) => {
                (true, Some(start.to_string()), Some(end_exclusive.to_string()))
            }
            Some(EventTime::Timed { start, end }) => (false, Some(start.to_rfc3339()), Some(end.to_rfc3339())),
            None => (false, None, None),
        };
        let start_utc = event.time.as_ref().map(|t| t.start_utc().timestamp_millis());
        put.execute(params![
            event.id,
            event.series_master_id,
            event.subject,
            all_day,
            start,
            end,
            start_utc,
            event.location,
            event.is_cancelled
        ])?;
    }
    Ok(written)
}

/// Removes events by id, and the occurrences of those that are series; returns how many rows went.
pub fn remove_events(tx: &Transaction<'_>, ids: &[String]) -> Result<usize, CacheError> {
    let mut removed = 0;
    for id in ids {
        removed += tx.execute("DELETE FROM events WHERE id = ?1 OR series_master_id = ?1", [id])?;
    }
    Ok(removed)
}

/// Removes the occurrences of series `master_id` not in `keep` (its occurrences now).
pub fn retain_occurrences(tx: &Transaction<'_>, master_id: &str, keep: &HashSet<String>) -> Result<usize, CacheError> {
    let mut ids = tx.prepare_cached("SELECT id FROM events WHERE series_master_id = ?1")?;
    let stale: Vec<String> = ids
        .query_map([master_id], |row| row.get::<_, String>(0))?
        .filter_map(Result::ok)
        .filter(|id| !keep.contains(id))
        .collect();
    let mut removed = 0;
    for id in stale {
        removed += tx.execute("DELETE FROM events WHERE id = ?1", [id])?;
    }
    Ok(removed)
}

/// Removes every event not in `keep` (after a full round).
pub fn retain_events(tx: &Transaction<'_>, keep: &HashSet<String>) -> Result<usize, CacheError> {
    let mut ids = tx.prepare_cached("SELECT id FROM events")?;
    let stale: Vec<String> = ids
        .query_map([], |row| row.get::<_, String>(0))?
        .filter_map(Result::ok)
        .filter(|id| !keep.contains(id))
        .collect();
    let mut removed = 0;
    for id in stale {
        removed += tx.execute("DELETE FROM events WHERE id = ?1", [id])?;
    }
    Ok(removed)
}

impl Cache {
    /// Every cached event, by start.
    pub fn events(&self) -> Result<Vec<Event>, CacheError> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, series_master_id, subject, all_day, start, end, location, is_cancelled FROM events
             ORDER BY start_utc, id",
        )?;
        let events = statement
            .query_map([], |row| {
                let (all_day, start, end): (bool, Option<String>, Option<String>) =
                    (row.get(3)?, row.get(4)?, row.get(5)?);
                let time = match (all_day, start, end) {
                    (true, Some(s), Some(e)) => match (s.parse::<NaiveDate>(), e.parse::<NaiveDate>()) {
                        (Ok(start), Ok(end_exclusive)) => Some(EventTime::AllDay { start, end_exclusive }),
                        _ => None,
                    },
                    (false, Some(s), Some(e)) => {
                        match (DateTime::parse_from_rfc3339(&s), DateTime::parse_from_rfc3339(&e)) {
                            (Ok(start), Ok(end)) => Some(EventTime::Timed { start, end }),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                let series_master_id: Option<String> = row.get(1)?;
                Ok(Event {
                    id: row.get(0)?,
                    is_recurring: series_master_id.is_some(),
                    series_master_id,
                    subject: row.get(2)?,
                    time,
                    location: row.get(6)?,
                    is_cancelled: row.get(7)?,
                    ..Event::default()
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(events)
    }
}
