//! OData query options over JSON entities: `$select`, `$filter`, `$orderby`, `$search`, `$top`,
//! `$skip`, `$skiptoken`, `$count`, `$expand` (graph-facts §2.5). Contract; being written.
use axum::http::Uri;
use serde_json::Value;

use super::errors::GraphResult;

/// The query options of one request, parsed.
#[derive(Debug, Clone, Default)]
pub struct QueryOptions {
    /// `$select`: property names (top level). `None` = all.
    pub select: Option<Vec<String>>,
    /// `$filter` as written (parsed on use by `filter_items`).
    pub filter: Option<String>,
    /// `$orderby`: (property path with `/`, descending).
    pub orderby: Vec<(String, bool)>,
    pub top: Option<usize>,
    pub skip: usize,
    /// `$skiptoken` as received (opaque to the client; the sim decodes its own).
    pub skiptoken: Option<String>,
    /// `$search` with its surrounding double quotes removed.
    pub search: Option<String>,
    pub count: bool,
    /// `$expand`: relationship names.
    pub expand: Vec<String>,
}

impl QueryOptions {
    /// Parses the request's query string. Unknown `$` options are a 400, like Graph.
    pub fn from_uri(_uri: &Uri) -> GraphResult<Self> {
        todo!("sim-core helper")
    }
}

/// Applies `$filter` and `$search` (the latter over `search_fields`, case-insensitive).
pub fn filter_items<'a>(
    _items: impl Iterator<Item = &'a Value>,
    _options: &QueryOptions,
    _search_fields: &[&str],
) -> GraphResult<Vec<&'a Value>> {
    todo!("sim-core helper")
}

/// Applies `$orderby` (stable), or leaves the order as given when there is none.
pub fn sort_items(_items: &mut [&Value], _options: &QueryOptions) -> GraphResult<()> {
    todo!("sim-core helper")
}

/// The entity as the response carries it: internal keys removed, `$select` applied
/// (`id` and `@odata.*` keys always kept).
pub fn project(_item: &Value, _options: &QueryOptions) -> Value {
    todo!("sim-core helper")
}
