//! `$orderby`: a stable sort on keys computed once per item, with a total order (null first,
//! then booleans, numbers, date-times as instants, text ignoring case; ranked enumerations
//! like importance by rank), so a property of mixed types cannot upset the sort.
use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use super::filter_eval::{lookup, parse_instant};

/// Enumerations that sort by rank rather than by name (low < normal < high).
const RANKED_ENUMS: &[(&str, &[&str])] =
    &[("importance", &["low", "normal", "high"]), ("sensitivity", &["normal", "personal", "private", "confidential"])];

#[derive(Debug, Clone, PartialEq, PartialOrd)]
pub enum SortKey {
    Null,
    Bool(bool),
    Number(f64),
    Instant(DateTime<FixedOffset>),
    Text(String),
    Other(String),
}

impl SortKey {
    fn of(path: &[String], value: Option<&Value>) -> Self {
        let last = path.last().map(String::as_str).unwrap_or("");
        match value {
            None | Some(Value::Null) => SortKey::Null,
            Some(Value::Bool(b)) => SortKey::Bool(*b),
            Some(Value::Number(n)) => SortKey::Number(n.as_f64().unwrap_or(0.0)),
            Some(Value::String(s)) => {
                let rank = RANKED_ENUMS
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(last))
                    .and_then(|(_, order)| order.iter().position(|o| o.eq_ignore_ascii_case(s)));
                match (rank, parse_instant(s)) {
                    (Some(r), _) => SortKey::Number(r as f64),
                    (None, Some(t)) => SortKey::Instant(t),
                    (None, None) => SortKey::Text(s.to_lowercase()),
                }
            }
            Some(other) => SortKey::Other(other.to_string()),
        }
    }

    fn kind(&self) -> u8 {
        match self {
            SortKey::Null => 0,
            SortKey::Bool(_) => 1,
            SortKey::Number(_) => 2,
            SortKey::Instant(_) => 3,
            SortKey::Text(_) => 4,
            SortKey::Other(_) => 5,
        }
    }

    fn total_cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(b),
            _ => self.kind().cmp(&other.kind()).then_with(|| self.partial_cmp(other).unwrap_or(Ordering::Equal)),
        }
    }
}

/// `$orderby` keys made ready to compare: each item's keys are computed once (`keys`), so a
/// listing can keep the keys and drop the item.
pub struct OrderBy {
    paths: Vec<(Vec<String>, bool)>,
}

impl OrderBy {
    pub fn new(keys: &[(String, bool)]) -> Self {
        Self { paths: keys.iter().map(|(p, d)| (p.split('/').map(str::to_owned).collect(), *d)).collect() }
    }

    pub fn keys(&self, item: &Value) -> Vec<SortKey> {
        self.paths.iter().map(|(path, _)| SortKey::of(path, lookup(item, path))).collect()
    }

    pub fn compare(&self, a: &[SortKey], b: &[SortKey]) -> Ordering {
        for ((x, y), (_, descending)) in a.iter().zip(b).zip(&self.paths) {
            let ordering = x.total_cmp(y);
            let ordering = if *descending { ordering.reverse() } else { ordering };
            if ordering != Ordering::Equal {
                return ordering;
            }
        }
        Ordering::Equal
    }
}

/// Stable sort by (path with `/`, descending) keys.
pub fn sort_by_keys(items: &mut [&Value], keys: &[(String, bool)]) {
    if keys.is_empty() {
        return;
    }
    let order = OrderBy::new(keys);
    let mut decorated: Vec<(Vec<SortKey>, &Value)> = items.iter().map(|item| (order.keys(item), *item)).collect();
    decorated.sort_by(|(a, _), (b, _)| order.compare(a, b));
    for (slot, (_, item)) in items.iter_mut().zip(decorated) {
        *slot = item;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn instants_ranks_text_and_mixed_types() {
        let data = [
            json!({"id": "a", "t": "2024-05-02T10:00:00+02:00", "importance": "high", "s": "b"}),
            json!({"id": "b", "t": "2024-05-02T09:00:00Z", "importance": "low", "s": "B"}),
            json!({"id": "c", "importance": "normal", "s": 3}),
            json!({"id": "d", "t": "2024-05-01T00:00:00Z", "s": null}),
        ];
        let order = |keys: &[(&str, bool)]| {
            let mut items: Vec<&Value> = data.iter().collect();
            let keys: Vec<(String, bool)> = keys.iter().map(|(k, d)| ((*k).to_owned(), *d)).collect();
            sort_by_keys(&mut items, &keys);
            items.iter().map(|v| v["id"].as_str().unwrap()).collect::<String>()
        };
        assert_eq!(order(&[("t", false)]), "cdab");
        assert_eq!(order(&[("importance", true)]), "acbd");
        assert_eq!(order(&[("s", false), ("id", true)]), "dcba");
    }
}
