//! Delta queries (graph-facts §2.8), the part every resource shares: where a request starts (its
//! `$skiptoken` or `$deltatoken`, refused with 410 `syncStateNotFound` when unknown, foreign or
//! expired), the page cut from a round's ids, and the answer with a nextLink or, on the last
//! page, a deltaLink. A resource keeps a change journal (`store::mailbox::changes::Changes`) and
//! says which ids a round holds and how each is shown; mail (`mail::delta`) and To Do
//! (`todo::delta`) do.
pub mod journal;
pub mod token;

use std::sync::Arc;

use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use self::token::Round;
use crate::SharedState;
use crate::errors::{GraphError, GraphResult};
use crate::odata::QueryOptions;
use crate::paging::context_url;
use crate::store::mailbox::changes::Changes;

/// 410 with the code Outlook gives for a sync state it does not have (graph-facts §2.8).
pub fn sync_state_not_found() -> GraphError {
    GraphError::new(
        StatusCode::GONE,
        "syncStateNotFound",
        "The sync state is not found or has expired. Start a new synchronization without a delta token.",
    )
}

/// The delta query options this simulator refuses (the documented `$filter` on
/// `receivedDateTime` is not implemented here; `$search` and `$orderby` are not supported).
pub fn refuse_unsupported(options: &QueryOptions) -> GraphResult<()> {
    if options.search.is_some() || options.filter.is_some() || !options.orderby.is_empty() {
        return Err(GraphError::bad_request("$search, $filter and $orderby are not supported on this delta query."));
    }
    Ok(())
}

/// The query parameters a resource's links carry their tokens in: Outlook's `$skiptoken` and
/// `$deltatoken`, or OneDrive's one `token` (graph-facts §2.8).
#[derive(Debug, Clone, Copy)]
pub struct TokenParams {
    pub skip: &'static str,
    pub delta: &'static str,
}

pub const OUTLOOK: TokenParams = TokenParams { skip: "$skiptoken", delta: "$deltatoken" };
pub const DRIVE: TokenParams = TokenParams { skip: "token", delta: "token" };

/// The value of a query parameter, by name in any case.
fn query_value(uri: &Uri, name: &str) -> Option<String> {
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.into_owned())
}

/// Where this request starts, from its `$skiptoken` or `$deltatoken` (none: a first round).
pub fn round_of(uri: &Uri, changes: &Changes, scope: &str) -> GraphResult<Round> {
    round_of_with(uri, changes, scope, OUTLOOK)
}

/// `round_of` for a resource whose links carry their tokens in `params`.
pub fn round_of_with(uri: &Uri, changes: &Changes, scope: &str, params: TokenParams) -> GraphResult<Round> {
    let now = changes.now();
    let token = query_value(uri, params.skip).or_else(|| query_value(uri, params.delta));
    let Some(token) = token else { return Ok(Round::Full { since: now, offset: 0 }) };
    let round = token::decode(&token, scope, now).ok_or_else(sync_state_not_found)?;
    if !changes.can_answer(scope, round.since()) {
        return Err(sync_state_not_found());
    }
    Ok(round)
}

/// The request URL made absolute with its tokens replaced by `added`.
fn link(state: &SharedState, uri: &Uri, params: TokenParams, added: &str) -> String {
    let kept: Vec<&str> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| {
            let key = url::form_urlencoded::parse(pair.as_bytes()).next().map(|(k, _)| k.to_ascii_lowercase());
            let is_token = key
                .as_deref()
                .is_some_and(|k| k == params.skip.to_ascii_lowercase() || k == params.delta.to_ascii_lowercase());
            !pair.is_empty() && !is_token
        })
        .collect();
    let mut query = kept.join("&");
    if !query.is_empty() {
        query.push('&');
    }
    format!("{}{}?{query}{added}", state.urls.origin, uri.path())
}

/// One page of a round: the ids on it and the round of the next page, if any.
pub struct Cut {
    pub ids: Vec<Arc<str>>,
    pub next: Option<Round>,
    /// The journal point the next round starts after (given on the last page).
    pub delta_since: u64,
}

/// The page `offset..offset + size` of `all` (the ids of the whole round).
pub fn cut(all: &[Arc<str>], round: Round, size: usize) -> Cut {
    let (offset, since) = match round {
        Round::Full { since, offset } => (offset, since),
        Round::Changes { until, offset, .. } => (offset, until),
    };
    let end = offset.saturating_add(size).min(all.len());
    let ids = all.get(offset.min(all.len())..end).unwrap_or(&[]).to_vec();
    let following = match round {
        Round::Full { since, .. } => Round::Full { since, offset: end },
        Round::Changes { since, until, .. } => Round::Changes { since, until, offset: end },
    };
    let next = (end < all.len()).then_some(following);
    Cut { ids, next, delta_since: since }
}

/// The answer for a page: items, then a nextLink or (last page) a deltaLink.
pub fn page(state: &SharedState, uri: &Uri, scope: &str, items: Vec<Value>, cut: &Cut, entity: &str) -> Response {
    page_with(state, uri, scope, items, cut, entity, OUTLOOK)
}

/// `page` for a resource whose links carry their tokens in `params`.
pub fn page_with(
    state: &SharedState,
    uri: &Uri,
    scope: &str,
    items: Vec<Value>,
    cut: &Cut,
    entity: &str,
    params: TokenParams,
) -> Response {
    let mut body = Map::new();
    body.insert("@odata.context".into(), Value::String(context_url(state, uri, &format!("Collection({entity})"))));
    match cut.next {
        Some(next) => {
            let added = format!("{}={}", params.skip, token::skip_token(scope, next));
            body.insert("@odata.nextLink".into(), Value::String(link(state, uri, params, &added)));
        }
        None => {
            let added = format!("{}={}", params.delta, token::delta_token(scope, cut.delta_since));
            body.insert("@odata.deltaLink".into(), Value::String(link(state, uri, params, &added)));
        }
    }
    body.insert("value".into(), Value::Array(items));
    axum::Json(Value::Object(body)).into_response()
}

pub fn removed(entity: &str, id: &str) -> Value {
    json!({"@odata.type": format!("#microsoft.graph.{entity}"), "id": id, "@removed": {"reason": "deleted"}})
}

/// `item` with its `@odata.type` (a derived type it already names, such as a meeting's
/// `eventMessageRequest`, is kept).
pub fn typed(mut item: Value, entity: &str) -> Value {
    if let Some(map) = item.as_object_mut() {
        map.entry("@odata.type").or_insert_with(|| Value::String(format!("#microsoft.graph.{entity}")));
    }
    item
}
