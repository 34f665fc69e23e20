//! `GET /me/calendarView/delta?startDateTime=…&endDateTime=…` (graph-facts §2.8, event-delta):
//! the default calendar's events in the window, series expanded into their occurrences, with
//! `crate::delta`'s rounds, tokens and paging (the window stays in the links). A later round
//! gives, for each stored event changed since (a single event or a series master), its
//! occurrences in the window now; an event deleted, cancelled or out of the window comes as
//! `@removed` (the client drops it and, for a series, the occurrences it no longer gets).
use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::Value;

use super::expand;
use super::time::OutputZone;
use super::{calendar_of, default_calendar_id, requested_uri, window_from_query, with_zone_applied};
use crate::SharedState;
use crate::delta::token::Round;
use crate::delta::{cut, page, removed, round_of, typed};
use crate::errors::GraphResult;
use crate::odata::{QueryOptions, project};
use crate::paging::{PageRules, preferred_page_size};
use crate::store::Tenant;

/// The one journal scope of events (every calendar's; the view keeps the default calendar's).
const SCOPE: &str = "";

/// A stored event (single or series master) was made, changed, answered or deleted.
pub fn note_event(tenant: &mut Tenant, id: &str) {
    tenant.event_changes.record(SCOPE, &Arc::from(id));
}

pub async fn calendar_view(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let window = window_from_query(&uri)?;
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&uri)?;
    let size = PageRules::OUTLOOK.with_preferred_size(preferred_page_size(&parts.headers)).default_size;
    let tenant = state.read_tenant();
    let calendar = default_calendar_id(&tenant)?;
    let round = round_of(&uri, &tenant.event_changes, SCOPE)?;
    let mine = |e: &Value| calendar_of(e) == Some(calendar.as_str());
    let id_of = |v: &Value| v.get("id").and_then(Value::as_str).map(Arc::<str>::from);
    // Every item of the round, drawn (a window of a calendar is small), in order.
    let mut drawn: HashMap<Arc<str>, Value> = HashMap::new();
    let mut all: Vec<Arc<str>> = Vec::new();
    let mut add = |value: Value, all: &mut Vec<Arc<str>>| {
        if let Some(id) = id_of(&value) {
            all.push(id.clone());
            drawn.insert(id, value);
        }
    };
    match round {
        Round::Full { .. } => {
            for value in expand::view(tenant.events.iter().filter(|e| mine(e)), &window, &zone) {
                add(typed(value, "event"), &mut all);
            }
        }
        Round::Changes { since, until, .. } => {
            for id in tenant.event_changes.changed(SCOPE, since, until) {
                let stored = tenant.events.get(&id).filter(|e| mine(e));
                let now: Vec<Value> =
                    stored.map(|e| expand::view(std::iter::once(e), &window, &zone)).unwrap_or_default();
                if now.is_empty() {
                    add(removed("event", &id), &mut all);
                }
                for value in now {
                    add(typed(value, "event"), &mut all);
                }
            }
        }
    }
    let page_cut = cut(&all, round, size);
    let items = page_cut.ids.iter().filter_map(|id| drawn.remove(id)).map(|v| project(&v, &options)).collect();
    Ok(with_zone_applied(page(&state, &uri, SCOPE, items, &page_cut, "event"), &zone))
}
