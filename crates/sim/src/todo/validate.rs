//! Checks a todoTask / checklistItem body the way Graph does before storing it: known
//! properties only, enum values, `dateTimeTimeZone` shapes (graph-facts §3.6, §4.8).
use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use crate::calendar::time::{format_local, parse_local};
use crate::calendar::zones::resolve_zone;
use crate::errors::GraphError;

pub const STATUSES: &[&str] = &["notStarted", "inProgress", "completed", "waitingOnOthers", "deferred"];
pub const IMPORTANCES: &[&str] = &["low", "normal", "high"];

/// Properties the client may send but the server owns: accepted and ignored.
const SERVER_OWNED: &[&str] =
    &["id", "createdDateTime", "lastModifiedDateTime", "bodyLastModifiedDateTime", "hasAttachments"];
const DATE_TIMES: &[&str] = &["dueDateTime", "reminderDateTime", "startDateTime", "completedDateTime"];
const WRITABLE: &[&str] = &[
    "title",
    "body",
    "status",
    "importance",
    "isReminderOn",
    "categories",
    "recurrence",
    "linkedResources",
    "checklistItems",
    "dueDateTime",
    "reminderDateTime",
    "startDateTime",
    "completedDateTime",
];

/// A 400 for a request the To Do service refuses.
pub fn invalid(message: impl Into<String>) -> GraphError {
    GraphError::new(StatusCode::BAD_REQUEST, "invalidRequest", message)
}

fn unknown_property(name: &str, entity: &str) -> GraphError {
    GraphError::bad_request(format!("The property '{name}' does not exist on type 'microsoft.graph.{entity}'."))
}

fn enum_value(value: &Value, allowed: &[&str], type_name: &str) -> Result<Value, GraphError> {
    match value.as_str() {
        Some(v) if allowed.contains(&v) => Ok(json!(v)),
        _ => Err(invalid(format!(
            "Cannot convert the literal '{}' to the expected type 'microsoft.graph.{type_name}'.",
            value.as_str().map_or_else(|| value.to_string(), str::to_owned)
        ))),
    }
}

fn date_time_time_zone(name: &str, value: &Value) -> Result<Value, GraphError> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    let local = value.get("dateTime").and_then(Value::as_str).and_then(parse_local);
    let zone = value.get("timeZone").and_then(Value::as_str).unwrap_or("UTC");
    let Some(local) = local else {
        return Err(invalid(format!("The property '{name}' must be a dateTimeTimeZone with a valid dateTime.")));
    };
    if resolve_zone(zone).is_none() {
        return Err(crate::calendar::time::unsupported_zone(zone));
    }
    Ok(json!({"dateTime": format_local(local), "timeZone": zone}))
}

fn item_body(value: &Value) -> Result<Value, GraphError> {
    let content = value.get("content").and_then(Value::as_str).unwrap_or_default();
    let content_type = match value.get("contentType").and_then(Value::as_str).unwrap_or("text") {
        t if t.eq_ignore_ascii_case("text") => "text",
        t if t.eq_ignore_ascii_case("html") => "html",
        other => {
            return Err(invalid(format!(
                "Cannot convert the literal '{other}' to the expected type 'microsoft.graph.bodyType'."
            )));
        }
    };
    Ok(json!({"content": content, "contentType": content_type}))
}

/// The writable properties of a todoTask body, checked and normalised. `creating` makes
/// `title` required.
pub fn task_changes(input: &Map<String, Value>, creating: bool) -> Result<Map<String, Value>, GraphError> {
    let mut out = Map::new();
    for (key, value) in input {
        if key.starts_with('@') || SERVER_OWNED.contains(&key.as_str()) {
            continue;
        }
        if !WRITABLE.contains(&key.as_str()) {
            return Err(unknown_property(key, "todoTask"));
        }
        let value = match key.as_str() {
            "title" => match value {
                Value::String(s) => json!(s),
                _ => return Err(invalid("The property 'title' must be a string.")),
            },
            "status" => enum_value(value, STATUSES, "taskStatus")?,
            "importance" => enum_value(value, IMPORTANCES, "importance")?,
            "isReminderOn" => match value {
                Value::Bool(b) => json!(b),
                _ => return Err(invalid("The property 'isReminderOn' must be a boolean.")),
            },
            "categories" => match value {
                Value::Array(items) if items.iter().all(Value::is_string) => value.clone(),
                _ => return Err(invalid("The property 'categories' must be an array of strings.")),
            },
            "body" => item_body(value)?,
            name if DATE_TIMES.contains(&name) => date_time_time_zone(name, value)?,
            _ => value.clone(),
        };
        out.insert(key.clone(), value);
    }
    if creating {
        let title = out.get("title").and_then(Value::as_str).unwrap_or_default();
        if title.trim().is_empty() {
            return Err(invalid("The property 'title' is required and cannot be empty."));
        }
    }
    Ok(out)
}

/// The writable properties of a checklistItem body, checked.
pub fn checklist_changes(input: &Map<String, Value>, creating: bool) -> Result<Map<String, Value>, GraphError> {
    let mut out = Map::new();
    for (key, value) in input {
        match key.as_str() {
            k if k.starts_with('@') || matches!(k, "id" | "createdDateTime" | "checkedDateTime") => {}
            "displayName" => match value {
                Value::String(s) if !s.trim().is_empty() => {
                    out.insert(key.clone(), json!(s));
                }
                _ => return Err(invalid("The property 'displayName' must be a non-empty string.")),
            },
            "isChecked" => match value {
                Value::Bool(b) => {
                    out.insert(key.clone(), json!(b));
                }
                _ => return Err(invalid("The property 'isChecked' must be a boolean.")),
            },
            other => return Err(unknown_property(other, "checklistItem")),
        }
    }
    if creating && !out.contains_key("displayName") {
        return Err(invalid("The property 'displayName' is required."));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn task_bodies_are_checked() {
        assert!(task_changes(&map(json!({"title": "x"})), true).is_ok());
        assert!(task_changes(&map(json!({"importance": "high"})), true).is_err());
        assert!(task_changes(&map(json!({"importance": "high"})), false).is_ok());
        let bad = task_changes(&map(json!({"title": "x", "status": "done"})), true).unwrap_err();
        assert_eq!((bad.status.as_u16(), bad.code.as_str()), (400, "invalidRequest"));
        assert!(bad.message.contains("'done'"));
        assert!(task_changes(&map(json!({"title": "x", "colour": "red"})), true).is_err());
        let due =
            task_changes(&map(json!({"dueDateTime": {"dateTime": "2024-05-10T00:00:00", "timeZone": "UTC"}})), false)
                .unwrap();
        assert_eq!(due["dueDateTime"]["dateTime"], "2024-05-10T00:00:00.0000000");
        assert!(task_changes(&map(json!({"dueDateTime": {"dateTime": "soon"}})), false).is_err());
    }

    #[test]
    fn checklist_bodies_are_checked() {
        assert!(checklist_changes(&map(json!({"displayName": "Buy soap"})), true).is_ok());
        assert!(checklist_changes(&map(json!({"isChecked": true})), true).is_err());
        assert!(checklist_changes(&map(json!({"isChecked": "yes"})), false).is_err());
    }
}
