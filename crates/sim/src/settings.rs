//! Mailbox settings (learn.microsoft.com user-get-mailboxsettings, user-update-mailboxsettings,
//! resources/mailboxsettings, automaticrepliessetting): `GET /me/mailboxSettings`, one of its
//! properties (`/me/mailboxSettings/automaticRepliesSetting`, ...), and `PATCH` of the writable
//! ones, answered with what was changed. Kept on the owner's user object under the internal
//! `_mailboxSettings` key (never shown: `public_view` strips it).
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDateTime;
use serde_json::{Map, Value, json};

use super::SharedState;
use super::auth::RequestedUri;
use super::calendar::time::parse_date_time_time_zone;
use super::calendar::zones::resolve_zone;
use super::errors::{GraphError, GraphResult};
use super::mail::json_object;
use super::paging::context_url;
use super::store::Tenant;

const KEY: &str = "_mailboxSettings";
const WRITABLE: &[&str] = &[
    "automaticRepliesSetting",
    "dateFormat",
    "delegateMeetingMessageDeliveryOptions",
    "language",
    "timeFormat",
    "timeZone",
    "workingHours",
];
const READ_ONLY: &[&str] = &["archiveFolder", "userPurpose"];
const REPLY_STATUSES: &[&str] = &["disabled", "alwaysEnabled", "scheduled"];
const AUDIENCES: &[&str] = &["none", "contactsOnly", "all"];
const DAYS: &[&str] = &["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const DELIVERY: &[&str] =
    &["sendToDelegateAndInformationToPrincipal", "sendToDelegateAndPrincipal", "sendToDelegateOnly"];
/// Locales the service names (others keep their tag as the name).
const LANGUAGES: &[(&str, &str)] = &[
    ("en-US", "English (United States)"),
    ("en-GB", "English (United Kingdom)"),
    ("fr-FR", "French (France)"),
    ("de-DE", "German (Germany)"),
    ("ja-JP", "Japanese (Japan)"),
    ("es-ES", "Spanish (Spain)"),
];

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/me/mailboxSettings", get(get_settings).patch(update_settings))
        .route("/me/mailboxSettings/{property}", get(get_property))
}

fn language(locale: &str) -> Value {
    let name = LANGUAGES.iter().find(|(tag, _)| tag.eq_ignore_ascii_case(locale)).map_or(locale, |(_, name)| name);
    json!({ "locale": locale, "displayName": name })
}

/// What a mailbox starts with: replies off, a working week of 08:00–17:00 in the zone.
pub fn initial(preferred_language: &str, time_zone: &str) -> Value {
    json!({
        "archiveFolder": "",
        "timeZone": time_zone,
        "automaticRepliesSetting": {
            "status": "disabled",
            "externalAudience": "all",
            "internalReplyMessage": "",
            "externalReplyMessage": "",
            "scheduledStartDateTime": { "dateTime": "2026-01-01T00:00:00.0000000", "timeZone": "UTC" },
            "scheduledEndDateTime": { "dateTime": "2026-01-02T00:00:00.0000000", "timeZone": "UTC" }
        },
        "language": language(preferred_language),
        "workingHours": {
            "daysOfWeek": ["monday", "tuesday", "wednesday", "thursday", "friday"],
            "startTime": "08:00:00.0000000",
            "endTime": "17:00:00.0000000",
            "timeZone": { "name": time_zone }
        },
        "dateFormat": "yyyy-MM-dd",
        "timeFormat": "HH:mm",
        "delegateMeetingMessageDeliveryOptions": "sendToDelegateOnly",
        "userPurpose": "user"
    })
}

/// The owner's settings, or the initial ones when the tenant has none stored yet.
fn settings(tenant: &Tenant) -> Value {
    let me = tenant.me();
    match me.get(KEY) {
        Some(stored) => stored.clone(),
        None => initial(me.get("preferredLanguage").and_then(Value::as_str).unwrap_or("en-US"), "UTC"),
    }
}

fn context(state: &SharedState, requested: &RequestedUri, tenant: &Tenant, suffix: &str) -> Value {
    Value::String(context_url(state, &requested.0, &format!("users('{}')/mailboxSettings{suffix}", tenant.me_id)))
}

async fn get_settings(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let mut view = settings(&tenant);
    view["@odata.context"] = context(&state, &requested, &tenant, "");
    Ok(axum::Json(view).into_response())
}

async fn get_property(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(property): Path<String>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let all = settings(&tenant);
    let Some((name, value)) = all.as_object().and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(&property)))
    else {
        return Err(GraphError::no_such_resource(&property));
    };
    let suffix = format!("/{name}");
    let view = match value {
        Value::Object(map) => {
            let mut out = map.clone();
            out.insert("@odata.context".into(), context(&state, &requested, &tenant, &suffix));
            Value::Object(out)
        }
        other => json!({ "@odata.context": context(&state, &requested, &tenant, &suffix), "value": other }),
    };
    Ok(axum::Json(view).into_response())
}

fn invalid(message: impl Into<String>) -> GraphError {
    GraphError::new(axum::http::StatusCode::BAD_REQUEST, "ErrorInvalidParameter", message)
}

fn one_of(name: &str, value: &Value, allowed: &[&str]) -> GraphResult<Value> {
    match value.as_str().and_then(|v| allowed.iter().find(|a| a.eq_ignore_ascii_case(v))) {
        Some(found) => Ok(json!(found)),
        None => Err(invalid(format!("The value '{value}' is not valid for '{name}'."))),
    }
}

fn zone_name(name: &str, value: &Value) -> GraphResult<Value> {
    match value.as_str() {
        Some(zone) if resolve_zone(zone).is_some() => Ok(json!(zone)),
        _ => Err(invalid(format!("The time zone '{value}' in '{name}' is not supported."))),
    }
}

fn text(name: &str, value: &Value) -> GraphResult<Value> {
    match value {
        Value::String(_) => Ok(value.clone()),
        Value::Null => Ok(json!("")),
        _ => Err(invalid(format!("'{name}' must be a string."))),
    }
}

/// The instant a dateTimeTimeZone stands for, checked.
fn instant(name: &str, value: &Value) -> GraphResult<NaiveDateTime> {
    let (local, zone) = parse_date_time_time_zone(value)
        .ok_or_else(|| invalid(format!("'{name}' must be a dateTimeTimeZone with a known zone.")))?;
    Ok(super::calendar::time::local_to_utc(local, zone).naive_utc())
}

/// `automaticRepliesSetting` merged over the stored one: a change may name only some fields,
/// and a schedule must end after it starts.
fn replies(stored: &Value, input: &Value) -> GraphResult<Value> {
    let Some(input) = input.as_object() else { return Err(invalid("automaticRepliesSetting must be an object.")) };
    let mut out = stored.as_object().cloned().unwrap_or_default();
    for (key, value) in input {
        let checked = match key.as_str() {
            "status" => one_of(key, value, REPLY_STATUSES)?,
            "externalAudience" => one_of(key, value, AUDIENCES)?,
            "internalReplyMessage" | "externalReplyMessage" => text(key, value)?,
            "scheduledStartDateTime" | "scheduledEndDateTime" => {
                instant(key, value)?;
                value.clone()
            }
            other => return Err(invalid(format!("The property '{other}' is not part of automaticRepliesSetting."))),
        };
        out.insert(key.clone(), checked);
    }
    if out.get("status").and_then(Value::as_str) == Some("scheduled") {
        let start = out.get("scheduledStartDateTime").map(|v| instant("scheduledStartDateTime", v)).transpose()?;
        let end = out.get("scheduledEndDateTime").map(|v| instant("scheduledEndDateTime", v)).transpose()?;
        match (start, end) {
            (Some(start), Some(end)) if start < end => {}
            (Some(_), Some(_)) => return Err(invalid("The scheduled end time must be after the start time.")),
            _ => return Err(invalid("Scheduled automatic replies need a start and an end time.")),
        }
    }
    Ok(Value::Object(out))
}

fn working_hours(stored: &Value, input: &Value) -> GraphResult<Value> {
    let Some(input) = input.as_object() else { return Err(invalid("workingHours must be an object.")) };
    let mut out = stored.as_object().cloned().unwrap_or_default();
    for (key, value) in input {
        let checked = match key.as_str() {
            "daysOfWeek" => match value.as_array() {
                Some(days) => Value::Array(days.iter().map(|d| one_of(key, d, DAYS)).collect::<GraphResult<_>>()?),
                None => return Err(invalid("daysOfWeek must be an array.")),
            },
            "startTime" | "endTime" => {
                match value.as_str().map(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S%.f")) {
                    Some(Ok(_)) => value.clone(),
                    _ => return Err(invalid(format!("'{key}' must be a time of day (HH:MM:SS)."))),
                }
            }
            "timeZone" => json!({ "name": zone_name(key, value.get("name").unwrap_or(&Value::Null))? }),
            other => return Err(invalid(format!("The property '{other}' is not part of workingHours."))),
        };
        out.insert(key.clone(), checked);
    }
    Ok(Value::Object(out))
}

fn apply(stored: &mut Map<String, Value>, input: &Map<String, Value>) -> GraphResult<Map<String, Value>> {
    let mut changed = Map::new();
    for (key, value) in input {
        if key.starts_with("@odata.") {
            continue;
        }
        if READ_ONLY.contains(&key.as_str()) {
            return Err(invalid(format!("The property '{key}' is read-only.")));
        }
        if !WRITABLE.contains(&key.as_str()) {
            return Err(GraphError::bad_request(format!(
                "Property '{key}' does not exist on type 'microsoft.graph.mailboxSettings'."
            )));
        }
        let current = stored.get(key).cloned().unwrap_or(Value::Null);
        let new = match key.as_str() {
            "automaticRepliesSetting" => replies(&current, value)?,
            "workingHours" => working_hours(&current, value)?,
            "timeZone" => zone_name(key, value)?,
            "language" => match value.get("locale").and_then(Value::as_str) {
                Some(locale) if !locale.trim().is_empty() => language(locale),
                _ => return Err(invalid("language needs a locale such as en-US.")),
            },
            "delegateMeetingMessageDeliveryOptions" => one_of(key, value, DELIVERY)?,
            _ => text(key, value)?,
        };
        stored.insert(key.clone(), new.clone());
        changed.insert(key.clone(), new);
    }
    Ok(changed)
}

async fn update_settings(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    body: Bytes,
) -> GraphResult<Response> {
    let input = json_object(&body)?;
    let mut tenant = state.write_tenant();
    let mut stored = settings(&tenant).as_object().cloned().unwrap_or_default();
    let mut changed = apply(&mut stored, &input)?;
    let me_id = tenant.me_id.clone();
    if let Some(me) = tenant.users.get_mut(&me_id) {
        me[KEY] = Value::Object(stored);
    }
    changed.insert("@odata.context".into(), context(&state, &requested, &tenant, ""));
    Ok(axum::Json(Value::Object(changed)).into_response())
}

#[cfg(test)]
mod tests;
