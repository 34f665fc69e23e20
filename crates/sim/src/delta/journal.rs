//! One delta answer for every collection kept in a change journal (mail folders, contact folders
//! and contacts, To Do lists and tasks): the options checked, the round read from the request's
//! token, the ids of the round (every id of the collection the first time, the journal's changes
//! after), one page of them each drawn as the collection shows it or as `@removed` when it is
//! gone, and the page's nextLink or deltaLink. Each collection says only what it holds and how
//! one item looks.
use std::sync::Arc;

use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde_json::Value;

use super::token::Round;
use super::{cut, page, refuse_unsupported, removed, round_of, typed};
use crate::SharedState;
use crate::errors::GraphResult;
use crate::odata::QueryOptions;
use crate::paging::{PageRules, preferred_page_size};
use crate::store::mailbox::changes::Changes;

/// The options of a delta request, those this simulator does not support refused.
pub fn options(uri: &Uri) -> GraphResult<QueryOptions> {
    let options = QueryOptions::from_uri(uri)?;
    refuse_unsupported(&options)?;
    Ok(options)
}

/// A collection as its delta query sees it.
pub struct Journaled<'a> {
    /// The journal its changes are noted in, and its scope there.
    pub changes: &'a Changes,
    pub scope: &'a str,
    /// The Graph entity type its items are (`contact`, `todoTask`...).
    pub entity: &'static str,
}

/// The page this request asks for: `all` gives the collection's ids for a first round; `draw`
/// shows one item, `None` when it is no longer in the collection (then it is `@removed`).
pub fn answer(
    state: &SharedState,
    uri: &Uri,
    headers: &HeaderMap,
    collection: Journaled<'_>,
    all: impl FnOnce() -> Vec<Arc<str>>,
    draw: impl Fn(&str) -> Option<Value>,
) -> GraphResult<Response> {
    let Journaled { changes, scope, entity } = collection;
    let size = PageRules::OUTLOOK.with_preferred_size(preferred_page_size(headers)).default_size;
    let round = round_of(uri, changes, scope)?;
    let ids = match round {
        Round::Full { .. } => all(),
        Round::Changes { since, until, .. } => changes.changed(scope, since, until),
    };
    let page_cut = cut(&ids, round, size);
    let items = page_cut
        .ids
        .iter()
        .map(|id| draw(id).map_or_else(|| removed(entity, id), |item| typed(item, entity)))
        .collect();
    Ok(page(state, uri, scope, items, &page_cut, entity))
}

/// The id of a stored item.
pub fn id_of(item: &Value) -> Option<Arc<str>> {
    item.get("id").and_then(Value::as_str).map(Arc::from)
}
