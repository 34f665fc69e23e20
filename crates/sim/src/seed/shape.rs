//! Small Graph sub-shapes shared by every domain: date strings, dateTimeTimeZone, recipients.
use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Value, json};

use super::cast::Person;

/// Graph's instant format for `createdDateTime`, `receivedDateTime` and the like.
pub fn iso(at: DateTime<Utc>) -> String {
    // The same text as `format("%Y-%m-%dT%H:%M:%SZ")` without parsing a format string per call
    // (a listing of a thousand messages writes several thousand of these).
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A `dateTimeTimeZone` (graph-facts §3.4): wall-clock time in the named Windows zone,
/// with the seven fractional digits Graph prints.
pub fn date_time_zone(local: NaiveDateTime, zone: &str) -> Value {
    json!({ "dateTime": local.format("%Y-%m-%dT%H:%M:%S.0000000").to_string(), "timeZone": zone })
}

/// A `recipient` (graph-facts §3.2).
pub fn recipient(person: &Person) -> Value {
    json!({ "emailAddress": { "name": person.name, "address": person.address } })
}

/// An `identitySet` naming a directory user (graph-facts §3.5).
pub fn identity_set(person: &Person) -> Value {
    json!({ "user": { "email": person.address, "id": person.user_id, "displayName": person.name } })
}

/// The text Graph's `bodyPreview` holds: the first 255 characters.
pub fn preview(text: &str) -> String {
    text.chars().take(255).collect()
}

/// Weak etag around an Outlook change key.
pub fn weak_etag(change_key: &str) -> String {
    format!("W/\"{change_key}\"")
}

/// Text made safe to place inside HTML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
