//! Where stored events fall in time: single instances and the occurrences of series masters
//! as UTC spans, computed in the series' own zone so daylight saving keeps the wall-clock time.
//! All-day events are floating: their dates are read in the zone the response speaks in.
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use base64::Engine;
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::exceptions;
use super::recurrence::Recurrence;
use super::time::{OutputZone, local_to_utc, parse_date_time_time_zone, parse_local};

/// A half-open stretch of time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Span {
    /// Whether the span meets the window `[start, end)`. A zero-length event counts when it
    /// sits inside the window.
    pub fn overlaps(&self, window: &Span) -> bool {
        if self.start == self.end {
            return self.start >= window.start && self.start < window.end;
        }
        self.start < window.end && self.end > window.start
    }
}

fn is_all_day(event: &Value) -> bool {
    event.get("isAllDay").and_then(Value::as_bool).unwrap_or(false)
}

/// The local start and end of an event and the zone they are in (for all-day events, `floating`).
fn local_times(event: &Value, floating: Tz) -> Option<(NaiveDateTime, NaiveDateTime, Tz)> {
    if is_all_day(event) {
        let start = parse_local(event.get("start")?.get("dateTime")?.as_str()?)?;
        let end = parse_local(event.get("end")?.get("dateTime")?.as_str()?)?;
        return Some((start, end, floating));
    }
    let (start, tz) = parse_date_time_time_zone(event.get("start")?)?;
    let (end, end_tz) = parse_date_time_time_zone(event.get("end")?)?;
    let end_local = local_to_utc(end, end_tz).with_timezone(&tz).naive_local();
    Some((start, end_local, tz))
}

/// The span of a stored single instance (or of a series master's first slot).
pub fn event_span(event: &Value, floating: Tz) -> Option<Span> {
    let (start, end, tz) = local_times(event, floating)?;
    Some(Span { start: local_to_utc(start, tz), end: local_to_utc(end, tz) })
}

/// The occurrences of a series master that meet `window`: (occurrence date, span). The
/// error text is for a 400 (a malformed recurrence).
pub fn occurrences(master: &Value, floating: Tz, window: &Span) -> Result<Vec<(NaiveDate, Span)>, String> {
    Ok(occurrences_in(master, floating, window)?.collect())
}

/// `occurrences`, found one at a time in date order: the series is walked from the window's
/// start (less the length of one occurrence, which may begin before and still overlap), never
/// from the series' own start, and only as far as the caller reads.
pub fn occurrences_in(
    master: &Value,
    floating: Tz,
    window: &Span,
) -> Result<impl Iterator<Item = (NaiveDate, Span)> + use<>, String> {
    let recurrence = Recurrence::parse(master.get("recurrence").unwrap_or(&Value::Null))?;
    let (start, end, tz) = local_times(master, floating).ok_or("The event has no valid start and end.")?;
    let length = end - start;
    let deleted: Vec<String> = master
        .get("_deletedOccurrences")
        .and_then(Value::as_array)
        .map(|dates| dates.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let moved = exceptions::moved_spans(master);
    let until = window.end.with_timezone(&tz).date_naive().checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX);
    let reach = Days::new(u64::try_from(length.num_days()).unwrap_or(0) + 1);
    let from = window.start.with_timezone(&tz).date_naive().checked_sub_days(reach).unwrap_or(NaiveDate::MIN);
    let window = *window;
    Ok(recurrence
        .into_dates(from, until)
        .filter(move |date| !deleted.iter().any(|d| *d == date.format("%Y-%m-%d").to_string()))
        .filter_map(move |date| {
            let local_start = date.and_time(start.time());
            let span = moved.get(&date).copied().unwrap_or_else(|| Span {
                start: local_to_utc(local_start, tz),
                end: local_to_utc(local_start + length, tz),
            });
            span.overlaps(&window).then_some((date, span))
        }))
}

/// Tag that marks an occurrence id, before its date and the master id.
const OCCURRENCE_TAG: &str = "OccurrenceOf:";

/// A stable id for the occurrence of `master_id` on `date`.
pub fn occurrence_id(master_id: &str, date: NaiveDate) -> String {
    let raw = format!("{OCCURRENCE_TAG}{}:{master_id}", date.format("%Y%m%d"));
    format!("AAMkOcc{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw))
}

/// The master id and date an occurrence id was made from.
pub fn parse_occurrence_id(id: &str) -> Option<(String, NaiveDate)> {
    let encoded = id.strip_prefix("AAMkOcc")?;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(encoded).ok()?;
    let raw = String::from_utf8(raw).ok()?;
    let rest = raw.strip_prefix(OCCURRENCE_TAG)?;
    let (date, master) = rest.split_once(':')?;
    Some((master.to_owned(), NaiveDate::parse_from_str(date, "%Y%m%d").ok()?))
}

/// A stored event as the response carries it: start and end in the response's zone.
pub fn render_event(event: &Value, span: Span, zone: &OutputZone) -> Value {
    let mut out = event.clone();
    if let Some(map) = out.as_object_mut() {
        map.insert("start".to_owned(), zone.date_time_time_zone(span.start));
        map.insert("end".to_owned(), zone.date_time_time_zone(span.end));
    }
    out
}

/// One occurrence of `master` as calendarView and instances return it; one changed on its own
/// is an `exception` carrying its changes.
pub fn render_occurrence(master: &Value, date: NaiveDate, span: Span, zone: &OutputZone) -> Value {
    let mut out = render_event(master, span, zone);
    let master_id = master.get("id").and_then(Value::as_str).unwrap_or_default();
    let changes = exceptions::changes_on(master, date);
    if let Some(map) = out.as_object_mut() {
        map.insert("id".to_owned(), json!(occurrence_id(master_id, date)));
        map.insert("type".to_owned(), json!(if changes.is_some() { "exception" } else { "occurrence" }));
        for (key, value) in changes.into_iter().flatten() {
            if key != "start" && key != "end" {
                map.insert(key.clone(), value.clone());
            }
        }
        map.insert("seriesMasterId".to_owned(), json!(master_id));
        map.insert("recurrence".to_owned(), Value::Null);
        let original = exceptions::original_start(master, date).unwrap_or(span.start);
        map.insert("originalStart".to_owned(), json!(original.format("%Y-%m-%dT%H:%M:%SZ").to_string()));
    }
    out
}

/// One event or occurrence found in a window, not drawn yet: which of the events, on which date
/// (for an occurrence of a series) and when.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub event: usize,
    pub date: Option<NaiveDate>,
    pub span: Span,
}

/// How much calendar views have found and drawn, for tests that a request stays within bounds.
#[derive(Debug, Default)]
pub struct ViewCounts {
    /// Occurrences and single events found in windows.
    pub found: AtomicUsize,
    /// Events and occurrences drawn as JSON.
    pub rendered: AtomicUsize,
}

/// Every event of `events` (stored form) that meets `window`, series expanded, by start (ties
/// in the order of `events`), found lazily: all events' occurrences are merged as the caller
/// reads, so a page of a long window finds little more than the page.
pub fn in_window<'a>(
    events: &'a [&'a Value],
    window: &Span,
    floating: Tz,
    counts: &'a ViewCounts,
) -> impl Iterator<Item = Found> + 'a {
    let mut sources: Vec<Box<dyn Iterator<Item = Found> + 'a>> = Vec::with_capacity(events.len());
    for (i, event) in events.iter().enumerate() {
        let is_master = event.get("type").and_then(Value::as_str) == Some("seriesMaster");
        if is_master && event.get("recurrence").is_some_and(|r| !r.is_null()) {
            // A malformed series shows nothing rather than failing the whole view.
            if let Ok(found) = occurrences_in(event, floating, window) {
                sources.push(Box::new(found.map(move |(date, span)| Found { event: i, date: Some(date), span })));
            }
        } else if let Some(span) = event_span(event, floating)
            && span.overlaps(window)
        {
            sources.push(Box::new(std::iter::once(Found { event: i, date: None, span })));
        }
    }
    let mut merge = Merge { heap: BinaryHeap::new(), pending: vec![None; sources.len()], sources, counts };
    for s in 0..merge.sources.len() {
        merge.pull(s);
    }
    merge
}

/// Events' occurrences merged by start: the next of each source waits in `pending`, and the
/// heap says whose is earliest (ties to the earlier source).
struct Merge<'a> {
    heap: BinaryHeap<Reverse<(DateTime<Utc>, usize)>>,
    pending: Vec<Option<Found>>,
    sources: Vec<Box<dyn Iterator<Item = Found> + 'a>>,
    counts: &'a ViewCounts,
}

impl Merge<'_> {
    fn pull(&mut self, s: usize) {
        if let Some(found) = self.sources[s].next() {
            self.counts.found.fetch_add(1, AtomicOrdering::Relaxed);
            self.heap.push(Reverse((found.span.start, s)));
            self.pending[s] = Some(found);
        }
    }
}

impl Iterator for Merge<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        let Reverse((_, s)) = self.heap.pop()?;
        let found = self.pending[s].take()?;
        self.pull(s);
        Some(found)
    }
}

/// What was found, drawn in the response's zone.
pub fn render_found(events: &[&Value], found: &Found, zone: &OutputZone, counts: &ViewCounts) -> Value {
    counts.rendered.fetch_add(1, AtomicOrdering::Relaxed);
    let event = events[found.event];
    match found.date {
        Some(date) => render_occurrence(event, date, found.span, zone),
        None => render_event(event, found.span, zone),
    }
}

/// Every event of `events` (stored form) that meets `window`, rendered, series expanded.
pub fn view<'a>(events: impl Iterator<Item = &'a Value>, window: &Span, zone: &OutputZone) -> Vec<Value> {
    let events: Vec<&Value> = events.collect();
    let counts = ViewCounts::default();
    in_window(&events, window, zone.tz, &counts).map(|found| render_found(&events, &found, zone, &counts)).collect()
}
