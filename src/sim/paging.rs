//! Collection responses with server-driven paging: `$top` clamped to the resource's maximum,
//! `@odata.nextLink` carrying `$skip` or `$skiptoken`, `@odata.count` (graph-facts §2.4). Contract; being written.
use axum::Json;
use axum::http::Uri;
use serde_json::Value;

use super::SimState;
use super::errors::GraphResult;
use super::odata::QueryOptions;

/// How a collection pages.
#[derive(Debug, Clone, Copy)]
pub enum PageToken {
    /// Outlook style: `$skip=N` in the nextLink.
    Skip,
    /// OneDrive/directory style: an opaque `$skiptoken`.
    SkipToken,
}

#[derive(Debug, Clone, Copy)]
pub struct PageRules {
    pub default_size: usize,
    pub max_size: usize,
    pub token: PageToken,
}

impl PageRules {
    /// Messages: 10 by default, 1000 at most, `$skip`.
    pub const MESSAGES: PageRules = PageRules { default_size: 10, max_size: 1000, token: PageToken::Skip };
    /// Other Outlook collections (folders, events, contacts, To Do): 10 by default, `$skip`.
    pub const OUTLOOK: PageRules = PageRules { default_size: 10, max_size: 1000, token: PageToken::Skip };
    /// Drive children: 200 by default, 1000 at most, `$skiptoken`.
    pub const DRIVE: PageRules = PageRules { default_size: 200, max_size: 1000, token: PageToken::SkipToken };
    /// Directory users: 100 by default, 999 at most, `$skiptoken`.
    pub const USERS: PageRules = PageRules { default_size: 100, max_size: 999, token: PageToken::SkipToken };
}

/// One page of `items` (already filtered and sorted) for this request: the slice chosen by
/// `$skip`/`$skiptoken` and `$top`, each item projected with `odata::project`, the
/// `@odata.context` given, `@odata.count` when asked, and an absolute `@odata.nextLink` built
/// from the request URL (every other query option kept) when more items remain.
pub fn collection_response(
    _state: &SimState,
    _uri: &Uri,
    _options: &QueryOptions,
    _rules: PageRules,
    _items: &[&Value],
    _context: &str,
) -> GraphResult<Json<Value>> {
    todo!("sim-core helper")
}
