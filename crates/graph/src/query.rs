//! The OData query builder (graph-facts §2.5): `$select`, `$filter`, `$orderby`, `$top`, `$skip`,
//! `$search`, `$expand`, `$count`, in the spirit of python-o365's `QueryBuilder`.
//!
//! `Query::to_pairs` gives raw (unencoded) pairs for reqwest to percent-encode; `Display` gives
//! the encoded query string for logs and tests.
//!
//! Graph refuses `$search` together with `$filter` (`SearchWithFilter`) or `$orderby`
//! (`SearchWithOrderBy`) on messages, and wants `$orderby` properties first in `$filter`
//! (`InefficientFilter`); [`Query::validate_for_messages`] reports these before a request is made.
use std::fmt;

use crate::encode::encode_shown_query_part;

mod attribute;
mod filter;
mod literal;

pub use attribute::graph_attribute;
pub use filter::{Comparison, Filter, StringFunction};
pub use literal::Literal;

/// Sort direction for `$orderby`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    Asc,
    Desc,
}

/// Why a query would be refused by Graph.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("Graph does not allow $search together with $filter on messages (SearchWithFilter)")]
    SearchWithFilter,
    #[error("Graph does not allow $search together with $orderby on messages (SearchWithOrderBy)")]
    SearchWithOrderBy,
    #[error(
        "the $orderby properties ({}) must come first in $filter, in the same order (the filter tests: {}); \
         otherwise Graph answers 400 InefficientFilter. Hint: start the filter with a condition on each \
         sort property, e.g. `receivedDateTime ge 1900-01-01T00:00:00Z`",
        order_by.join(", "),
        if filter.is_empty() { "nothing".to_owned() } else { filter.join(", ") }
    )]
    InefficientFilter { order_by: Vec<String>, filter: Vec<String> },
}

/// The query options of one Graph request. Attribute names may be snake_case; they are sent
/// camelCase (see [`graph_attribute`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    select: Vec<String>,
    filter: Option<Filter>,
    order_by: Vec<(String, Order)>,
    top: Option<u32>,
    skip: Option<u32>,
    /// Already quoted and escaped.
    search: Option<String>,
    /// Already rendered, nested options included.
    expand: Vec<String>,
    count: Option<bool>,
}

impl Query {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds properties to `$select`. Only the first segment of a path can be selected, as in
    /// python-o365 (`from/email_address` selects `from`).
    pub fn select<I, S>(mut self, attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for attribute in attributes {
            let name = graph_attribute(attribute.as_ref());
            let top_level = name.split('/').next().unwrap_or_default().to_owned();
            if !top_level.is_empty() && !self.select.contains(&top_level) {
                self.select.push(top_level);
            }
        }
        self
    }

    /// Sets `$filter`, or joins it with `and` to the filter already set.
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(existing) => existing.and(filter),
            None => filter,
        });
        self
    }

    /// Adds a sort key; later calls sort within earlier ones. A repeated attribute is ignored.
    pub fn order_by(mut self, attribute: &str, order: Order) -> Self {
        let name = graph_attribute(attribute);
        if !name.is_empty() && !self.order_by.iter().any(|(existing, _)| *existing == name) {
            self.order_by.push((name, order));
        }
        self
    }

    pub fn top(mut self, count: u32) -> Self {
        self.top = Some(count);
        self
    }

    pub fn skip(mut self, count: u32) -> Self {
        self.skip = Some(count);
        self
    }

    /// `$search="text"`: the whole text as one quoted term, `"` and `\` escaped with a backslash
    /// (the directory rule of §2.5, also accepted for messages and people). Replaces any earlier
    /// search.
    pub fn search(mut self, text: &str) -> Self {
        self.search = Some(quote_search(text));
        self
    }

    /// Directory search over properties: `"displayName:ann" OR "mail:ann"`. Each clause is quoted
    /// and escaped as in [`Query::search`]. Directory resources need `ConsistencyLevel: eventual`.
    pub fn search_any<'a>(mut self, clauses: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let rendered: Vec<String> = clauses
            .into_iter()
            .map(|(property, text)| quote_search(&format!("{}:{text}", graph_attribute(property))))
            .collect();
        self.search = if rendered.is_empty() { None } else { Some(rendered.join(" OR ")) };
        self
    }

    /// `$expand=relationship`.
    pub fn expand(mut self, relationship: &str) -> Self {
        let name = graph_attribute(relationship);
        if !self.expand.contains(&name) {
            self.expand.push(name);
        }
        self
    }

    /// `$expand=relationship(options)` with nested options separated by `;`, e.g.
    /// `children($select=id,name)`.
    pub fn expand_with(mut self, relationship: &str, options: Query) -> Self {
        let nested: Vec<String> =
            options.to_pairs().into_iter().map(|(name, value)| format!("{name}={value}")).collect();
        let name = graph_attribute(relationship);
        self.expand.retain(|existing| existing != &name && !existing.starts_with(&format!("{name}(")));
        if nested.is_empty() {
            self.expand.push(name);
        } else {
            self.expand.push(format!("{name}({})", nested.join(";")));
        }
        self
    }

    /// `$count=true|false`.
    pub fn count(mut self, count: bool) -> Self {
        self.count = Some(count);
        self
    }

    pub fn filter_expression(&self) -> Option<&Filter> {
        self.filter.as_ref()
    }

    pub fn has_search(&self) -> bool {
        self.search.is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.to_pairs().is_empty()
    }

    /// The raw `$name`/value pairs, always in the order `$select`, `$filter`, `$search`,
    /// `$orderby`, `$expand`, `$top`, `$skip`, `$count`.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        let mut push = |name: &str, value: String| pairs.push((name.to_owned(), value));
        if !self.select.is_empty() {
            push("$select", self.select.join(","));
        }
        if let Some(filter) = &self.filter {
            push("$filter", filter.to_string());
        }
        if let Some(search) = &self.search {
            push("$search", search.clone());
        }
        if !self.order_by.is_empty() {
            let keys: Vec<String> = self
                .order_by
                .iter()
                .map(|(name, order)| match order {
                    Order::Asc => name.clone(),
                    Order::Desc => format!("{name} desc"),
                })
                .collect();
            push("$orderby", keys.join(","));
        }
        if !self.expand.is_empty() {
            push("$expand", self.expand.join(","));
        }
        if let Some(top) = self.top {
            push("$top", top.to_string());
        }
        if let Some(skip) = self.skip {
            push("$skip", skip.to_string());
        }
        if let Some(count) = self.count {
            push("$count", count.to_string());
        }
        pairs
    }

    /// Whether the request needs `ConsistencyLevel: eventual`: on directory resources (`/users`,
    /// `/groups`) `$count=true` and `$search` are advanced queries (§2.5), and so are `ne`, `not`
    /// and `endswith` in `$filter` (Graph's advanced-query doc). Never for Outlook/OneDrive.
    pub fn requires_eventual_consistency(&self, directory: bool) -> bool {
        directory
            && (self.count == Some(true)
                || self.search.is_some()
                || self.filter.as_ref().is_some_and(Filter::uses_advanced_directory_operators))
    }

    /// Checks the rules Graph enforces on message collections (§2.5): no `$search` with `$filter`
    /// or `$orderby`, and `$orderby` properties first in `$filter`, in the same order.
    pub fn validate_for_messages(&self) -> Result<(), QueryError> {
        if self.search.is_some() {
            if self.filter.is_some() {
                return Err(QueryError::SearchWithFilter);
            }
            if !self.order_by.is_empty() {
                return Err(QueryError::SearchWithOrderBy);
            }
        }
        if let Some(filter) = &self.filter
            && !self.order_by.is_empty()
        {
            let tested = filter.attributes();
            let sorted: Vec<String> = self.order_by.iter().map(|(name, _)| name.clone()).collect();
            if tested.len() < sorted.len() || tested[..sorted.len()] != sorted[..] {
                return Err(QueryError::InefficientFilter { order_by: sorted, filter: tested });
            }
        }
        Ok(())
    }
}

fn quote_search(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        for (index, (name, value)) in self.to_pairs().iter().enumerate() {
            if index > 0 {
                out.push('&');
            }
            out.push_str(&encode_shown_query_part(name));
            out.push('=');
            out.push_str(&encode_shown_query_part(value));
        }
        f.write_str(&out)
    }
}
