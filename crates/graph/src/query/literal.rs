//! Typed OData literals for `$filter` (graph-facts §2.5): `'` doubled inside strings, date-times
//! unquoted in UTC, so a value from user input can never end its literal early.
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, Utc};

/// A typed OData literal. Strings and enum members are quoted with `'` doubled inside; numbers,
/// booleans, `null` and date-times are written bare (`2024-01-01T00:00:00Z`).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    String(String),
    Bool(bool),
    Int(i64),
    Float(f64),
    Null,
    DateTime(DateTime<Utc>),
    Date(NaiveDate),
    /// An enum member such as `high` for `importance`; Graph takes these as quoted strings.
    Enum(String),
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::String(text) | Literal::Enum(text) => write!(f, "'{}'", text.replace('\'', "''")),
            Literal::Bool(value) => write!(f, "{value}"),
            Literal::Int(value) => write!(f, "{value}"),
            Literal::Float(value) if value.is_nan() => f.write_str("NaN"),
            Literal::Float(value) if value.is_infinite() => f.write_str(if *value > 0.0 { "INF" } else { "-INF" }),
            Literal::Float(value) => write!(f, "{value:?}"),
            Literal::Null => f.write_str("null"),
            Literal::DateTime(at) => f.write_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
            Literal::Date(day) => write!(f, "{}", day.format("%Y-%m-%d")),
        }
    }
}

impl From<&str> for Literal {
    fn from(value: &str) -> Self {
        Literal::String(value.to_owned())
    }
}
impl From<String> for Literal {
    fn from(value: String) -> Self {
        Literal::String(value)
    }
}
impl From<&String> for Literal {
    fn from(value: &String) -> Self {
        Literal::String(value.clone())
    }
}
impl From<bool> for Literal {
    fn from(value: bool) -> Self {
        Literal::Bool(value)
    }
}
impl From<i32> for Literal {
    fn from(value: i32) -> Self {
        Literal::Int(value.into())
    }
}
impl From<i64> for Literal {
    fn from(value: i64) -> Self {
        Literal::Int(value)
    }
}
impl From<u32> for Literal {
    fn from(value: u32) -> Self {
        Literal::Int(value.into())
    }
}
impl From<f64> for Literal {
    fn from(value: f64) -> Self {
        Literal::Float(value)
    }
}
impl From<DateTime<Utc>> for Literal {
    fn from(value: DateTime<Utc>) -> Self {
        Literal::DateTime(value)
    }
}
impl From<DateTime<FixedOffset>> for Literal {
    fn from(value: DateTime<FixedOffset>) -> Self {
        Literal::DateTime(value.with_timezone(&Utc))
    }
}
impl From<NaiveDate> for Literal {
    fn from(value: NaiveDate) -> Self {
        Literal::Date(value)
    }
}
impl<T: Into<Literal>> From<Option<T>> for Literal {
    fn from(value: Option<T>) -> Self {
        value.map_or(Literal::Null, Into::into)
    }
}
