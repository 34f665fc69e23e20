//! Serde helpers for what Graph actually sends: `null` where a collection or value is expected,
//! `null` items inside collections, and timestamps with 0–7 fractional digits, with or without `Z`.
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// A collection that may be absent, `null`, or hold `null` items (which are dropped).
pub fn vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items: Option<Vec<Option<T>>> = Option::deserialize(deserializer)?;
    Ok(items.unwrap_or_default().into_iter().flatten().collect())
}

/// Any value whose `null` means its default.
pub fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Parses a Graph wall-clock time such as `2024-05-06T07:00:00.0000000`: 0–9 fractional digits,
/// a trailing `Z` tolerated (the zone is given elsewhere, or is UTC).
pub fn parse_naive_date_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let text = text.strip_suffix(['Z', 'z']).unwrap_or(text);
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// Parses a Graph timestamp to an instant: RFC 3339 with any offset, or a bare date-time taken
/// as UTC (error `innerError.date` has no suffix, graph-facts §2.2).
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|at| at.with_timezone(&Utc))
        .ok()
        .or_else(|| parse_naive_date_time(text).map(|naive| naive.and_utc()))
}

/// `Option<DateTime<Utc>>` fields: absent, `null` and unreadable values become `None` rather than
/// failing the whole entity; output is RFC 3339 with `Z`.
pub mod utc {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        let text: Option<String> = Option::deserialize(deserializer)?;
        Ok(text.as_deref().and_then(parse_instant))
    }

    pub fn serialize<S: Serializer>(value: &Option<DateTime<Utc>>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(at) => serializer.serialize_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_graph_timestamps() {
        let expected = DateTime::parse_from_rfc3339("2024-05-06T07:00:00Z").unwrap().with_timezone(&Utc);
        for text in [
            "2024-05-06T07:00:00Z",
            "2024-05-06T07:00:00.0000000",
            "2024-05-06T07:00:00.0000000Z",
            "2024-05-06T07:00:00",
            "2024-05-06T09:00:00+02:00",
        ] {
            assert_eq!(parse_instant(text), Some(expected), "{text}");
        }
        let fraction = parse_instant("2024-04-30T10:00:01.2345678Z").unwrap();
        assert_eq!(fraction.timestamp_subsec_nanos(), 234_567_800);
        assert_eq!(parse_instant("not a date"), None);
    }
}
