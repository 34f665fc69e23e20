//! One occurrence of a series changed on its own (graph-facts §3.4: `PATCH` on an occurrence id
//! turns it into an `exception`). The changes are kept on the series master under the internal
//! `_exceptions` object, keyed by the occurrence's original date; calendar views draw them.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use super::expand::{Span, parse_occurrence_id};
use super::time::{local_to_utc, parse_date_time_time_zone};
use crate::errors::{GraphError, GraphResult};
use crate::store::Tenant;

const KEY: &str = "_exceptions";

fn date_key(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The changes made to the occurrence of `master` on `date`, if it was changed.
pub fn changes_on(master: &Value, date: NaiveDate) -> Option<&Map<String, Value>> {
    master.get(KEY)?.get(date_key(date))?.as_object()
}

fn span_of(changes: &Map<String, Value>) -> Option<Span> {
    let (start, start_tz) = parse_date_time_time_zone(changes.get("start")?)?;
    let (end, end_tz) = parse_date_time_time_zone(changes.get("end")?)?;
    Some(Span { start: local_to_utc(start, start_tz), end: local_to_utc(end, end_tz) })
}

/// Occurrences given another time, by original date. (A view finds an occurrence by its
/// original date, so one moved far from it shows in windows around that date; Exchange keeps
/// exceptions within the series' pattern the same way.)
pub fn moved_spans(master: &Value) -> HashMap<NaiveDate, Span> {
    let Some(all) = master.get(KEY).and_then(Value::as_object) else { return HashMap::new() };
    all.iter()
        .filter_map(|(date, changes)| {
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
            Some((date, span_of(changes.as_object()?)?))
        })
        .collect()
}

/// When the occurrence on `date` was due before any change: the series' start time that day.
pub fn original_start(master: &Value, date: NaiveDate) -> Option<DateTime<Utc>> {
    let (start, tz) = parse_date_time_time_zone(master.get("start")?)?;
    Some(local_to_utc(date.and_time(start.time()), tz))
}

/// Properties an occurrence cannot change on its own.
const SERIES_ONLY: &[&str] = &["recurrence", "type", "seriesMasterId", "id", "iCalUId", "organizer", "isOrganizer"];

/// Records `input` as changes to the occurrence `id`. `start` and `end` must come together
/// (already checked dateTimeTimeZone values from the caller) and keep the end after the start.
pub fn edit_occurrence(tenant: &mut Tenant, id: &str, input: Map<String, Value>) -> GraphResult<()> {
    let (master_id, date) = parse_occurrence_id(id).ok_or_else(GraphError::outlook_not_found)?;
    if input.contains_key("recurrence") {
        return Err(GraphError::bad_request("The recurrence of a series can only be changed on its series master."));
    }
    super::delta::note_event(tenant, &master_id);
    let master = tenant.events.get_mut(&master_id).ok_or_else(GraphError::outlook_not_found)?;
    let map = master.as_object_mut().ok_or_else(GraphError::outlook_not_found)?;
    let all = map.entry(KEY).or_insert_with(|| Value::Object(Map::new()));
    let all = all.as_object_mut().ok_or_else(GraphError::outlook_not_found)?;
    let mut changes = all.get(&date_key(date)).and_then(Value::as_object).cloned().unwrap_or_default();
    for (key, value) in input {
        if !SERIES_ONLY.contains(&key.as_str()) && !key.starts_with('@') && !key.starts_with('_') {
            changes.insert(key, value);
        }
    }
    if changes.contains_key("start") != changes.contains_key("end") {
        return Err(GraphError::bad_request("Moving one occurrence needs both its new start and its new end."));
    }
    if let Some(span) = span_of(&changes)
        && span.end < span.start
    {
        return Err(GraphError::bad_request("The end of an event cannot be before its start."));
    }
    all.insert(date_key(date), Value::Object(changes));
    Ok(())
}

/// Takes the occurrence on `date` out of its series (kept in the master's internal
/// `_deletedOccurrences`).
pub fn remove_occurrence(master: &mut Value, date: NaiveDate) {
    if let Some(map) = master.as_object_mut() {
        let deleted = map.entry("_deletedOccurrences").or_insert(Value::Array(Vec::new()));
        if let Some(list) = deleted.as_array_mut() {
            list.push(Value::String(date_key(date)));
        }
    }
}
