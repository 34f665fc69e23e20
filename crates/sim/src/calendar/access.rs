//! Who may write where: a calendar the owner can only read (a colleague's calendar shared with
//! them, a holiday calendar: `canEdit: false`) refuses every write as Exchange does, with 403
//! `ErrorAccessDenied`, and nothing changes.
use serde_json::Value;

use super::calendar_of;
use super::expand::parse_occurrence_id;
use crate::errors::GraphResult;
use crate::permissions::{Workload, denied};
use crate::store::Tenant;

/// Refuses a write into `calendar_id` when the owner may only read it. An unknown calendar is
/// left to the caller's own not-found.
pub(crate) fn require_editable(tenant: &Tenant, calendar_id: &str) -> GraphResult<()> {
    let read_only =
        tenant.calendars.get(calendar_id).and_then(|c| c.get("canEdit")).and_then(Value::as_bool) == Some(false);
    if read_only { Err(denied(Workload::Outlook)) } else { Ok(()) }
}

/// The same for a write to an event (or an occurrence of a series, by its id): the calendar
/// that holds it decides.
pub(crate) fn require_editable_event(tenant: &Tenant, event_id: &str) -> GraphResult<()> {
    let stored = match tenant.events.get(event_id) {
        Some(event) => Some(event),
        None => parse_occurrence_id(event_id).and_then(|(master, _)| tenant.events.get(&master)),
    };
    match stored.and_then(calendar_of) {
        Some(calendar_id) => require_editable(tenant, calendar_id),
        None => Ok(()),
    }
}
