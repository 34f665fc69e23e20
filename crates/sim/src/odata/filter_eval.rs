//! Evaluates a parsed `$filter` against a JSON entity, with Exchange's habits: string
//! equality ignores case, date-time strings compare as instants, missing properties are null.
use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde_json::Value;

use super::filter_parse::{CompareOp, Expr, Literal};

/// True when `item` satisfies `expr`.
pub fn matches(expr: &Expr, item: &Value) -> bool {
    truthy(&eval(expr, item, &[]))
}

/// Lambda variables in scope: (name, bound element).
type Scope<'a> = [(&'a str, &'a Value)];

fn eval(expr: &Expr, item: &Value, scope: &Scope) -> Value {
    match expr {
        Expr::Or(a, b) => Value::Bool(truthy(&eval(a, item, scope)) || truthy(&eval(b, item, scope))),
        Expr::And(a, b) => Value::Bool(truthy(&eval(a, item, scope)) && truthy(&eval(b, item, scope))),
        Expr::Not(a) => Value::Bool(!truthy(&eval(a, item, scope))),
        Expr::Compare(op, a, b) => {
            let left = eval(a, item, scope);
            let right = eval(b, item, scope);
            Value::Bool(compare_op(*op, &left, &right))
        }
        Expr::Call(name, args) => call(name, &args.iter().map(|a| eval(a, item, scope)).collect::<Vec<_>>()),
        Expr::Lambda { path, all, var, body } => {
            let collection = resolve(path, item, scope);
            let elements = collection.as_array().cloned().unwrap_or_default();
            let Some(body) = body else { return Value::Bool(!elements.is_empty()) };
            let test = |element: &Value| {
                let mut inner: Vec<(&str, &Value)> = scope.to_vec();
                inner.push((var.as_str(), element));
                truthy(&eval(body, item, &inner))
            };
            Value::Bool(if *all { elements.iter().all(test) } else { elements.iter().any(test) })
        }
        Expr::Path(path) => resolve(path, item, scope),
        Expr::Literal(literal) => match literal {
            Literal::String(s) | Literal::DateTime(s) => Value::String(s.clone()),
            Literal::Number(n) => serde_json::Number::from_f64(*n).map(Value::Number).unwrap_or(Value::Null),
            Literal::Bool(b) => Value::Bool(*b),
            Literal::Null => Value::Null,
        },
    }
}

fn resolve(path: &[String], item: &Value, scope: &Scope) -> Value {
    let (start, rest) = match path.split_first() {
        Some((first, rest)) => match scope.iter().rev().find(|(name, _)| name == first) {
            Some((_, bound)) => (*bound, rest),
            None => (item, path),
        },
        None => return Value::Null,
    };
    lookup(start, rest).cloned().unwrap_or(Value::Null)
}

/// The value at a property path (segments matched case-insensitively, as Graph does).
pub fn lookup<'a>(value: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut current = value;
    for segment in path {
        let map = current.as_object()?;
        current = match map.get(segment.as_str()) {
            Some(v) => v,
            None => map.iter().find(|(k, _)| k.eq_ignore_ascii_case(segment)).map(|(_, v)| v)?,
        };
    }
    Some(current)
}

fn truthy(value: &Value) -> bool {
    matches!(value, Value::Bool(true))
}

fn call(name: &str, args: &[Value]) -> Value {
    let text = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_lowercase);
    match name {
        "startswith" | "endswith" | "contains" => {
            let (Some(haystack), Some(needle)) = (text(0), text(1)) else { return Value::Bool(false) };
            Value::Bool(match name {
                "startswith" => haystack.starts_with(&needle),
                "endswith" => haystack.ends_with(&needle),
                _ => haystack.contains(&needle),
            })
        }
        "tolower" => {
            args.first().and_then(Value::as_str).map(|s| Value::String(s.to_lowercase())).unwrap_or(Value::Null)
        }
        "toupper" => {
            args.first().and_then(Value::as_str).map(|s| Value::String(s.to_uppercase())).unwrap_or(Value::Null)
        }
        "trim" => args.first().and_then(Value::as_str).map(|s| Value::String(s.trim().into())).unwrap_or(Value::Null),
        "length" => args.first().and_then(Value::as_str).map(|s| Value::from(s.chars().count())).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

fn compare_op(op: CompareOp, left: &Value, right: &Value) -> bool {
    if left.is_null() || right.is_null() {
        let both = left.is_null() && right.is_null();
        return match op {
            CompareOp::Eq => both,
            CompareOp::Ne => !both,
            _ => false,
        };
    }
    let Some(ordering) = compare_values(left, right) else {
        return op == CompareOp::Ne;
    };
    match op {
        CompareOp::Eq => ordering == Ordering::Equal,
        CompareOp::Ne => ordering != Ordering::Equal,
        CompareOp::Gt => ordering == Ordering::Greater,
        CompareOp::Ge => ordering != Ordering::Less,
        CompareOp::Lt => ordering == Ordering::Less,
        CompareOp::Le => ordering != Ordering::Greater,
    }
}

/// Orders two JSON values the way filters and `$orderby` need: numbers numerically,
/// date-times as instants, other strings case-insensitively; null sorts first.
pub fn compare_values(left: &Value, right: &Value) -> Option<Ordering> {
    match (left, right) {
        (Value::Null, Value::Null) => Some(Ordering::Equal),
        (Value::Null, _) => Some(Ordering::Less),
        (_, Value::Null) => Some(Ordering::Greater),
        (Value::Number(a), Value::Number(b)) => a.as_f64()?.partial_cmp(&b.as_f64()?),
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        (Value::String(a), Value::String(b)) => {
            if let (Some(x), Some(y)) = (parse_instant(a), parse_instant(b)) {
                return Some(x.cmp(&y));
            }
            Some(a.to_lowercase().cmp(&b.to_lowercase()))
        }
        // A number written as a string (or the reverse) still compares.
        (Value::String(s), Value::Number(n)) => s.parse::<f64>().ok()?.partial_cmp(&n.as_f64()?),
        (Value::Number(n), Value::String(s)) => n.as_f64()?.partial_cmp(&s.parse::<f64>().ok()?),
        _ => None,
    }
}

/// A date-time string as an instant: RFC 3339, or Graph's zone-less form (taken as UTC),
/// or a bare date (midnight UTC).
pub fn parse_instant(text: &str) -> Option<DateTime<FixedOffset>> {
    if text.len() < 10 || !text.as_bytes()[0].is_ascii_digit() || text.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t);
    }
    let utc = FixedOffset::east_opt(0)?;
    if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(t.and_utc().with_timezone(&utc));
    }
    if text.len() == 10
        && let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
    {
        return Some(d.and_hms_opt(0, 0, 0)?.and_utc().with_timezone(&utc));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::filter_parse::parse_filter;
    use super::*;
    use serde_json::json;

    fn check(filter: &str, item: &Value) -> bool {
        matches(&parse_filter(filter).unwrap(), item)
    }

    #[test]
    fn comparisons_strings_dates_lambdas() {
        let m = json!({
            "subject": "Let's meet", "isRead": false, "importance": "high", "size": 12,
            "receivedDateTime": "2024-05-02T08:14:04Z",
            "from": {"emailAddress": {"address": "AdeleV@contoso.com"}},
            "toRecipients": [{"emailAddress": {"address": "a@b.com"}}, {"emailAddress": {"address": "c@d.com"}}],
            "categories": ["Red category"], "flag": {"flagStatus": "flagged"}
        });
        assert!(check("subject eq 'let''s MEET'", &m));
        assert!(!check("subject ne 'let''s meet'", &m));
        assert!(check("isRead eq false and importance eq 'high'", &m));
        assert!(!check(
            "receivedDateTime ge 2024-05-01T00:00:00Z and receivedDateTime lt 2024-05-02T10:00:00+02:00",
            &m
        ));
        assert!(check(
            "receivedDateTime ge 2024-05-01T00:00:00Z and receivedDateTime lt 2024-05-02T11:00:00+02:00",
            &m
        ));
        assert!(check("from/emailAddress/address eq 'adelev@contoso.com'", &m));
        assert!(check("toRecipients/any(r:r/emailAddress/address eq 'c@d.com')", &m));
        assert!(!check("toRecipients/all(r:r/emailAddress/address eq 'c@d.com')", &m));
        assert!(check("categories/any(c:c eq 'red category')", &m));
        assert!(check("startswith(subject,'let') and contains(subject, 'MEE') and not endswith(subject,'x')", &m));
        assert!(check("size gt 10 and size le 12", &m));
        assert!(check("missing eq null and flag/flagStatus ne 'notFlagged'", &m));
        assert!(check("(isRead eq true or importance eq 'high') and size lt 100", &m));
    }
}
