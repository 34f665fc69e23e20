//! Delta queries on mail (graph-facts §2.8): `GET /me/mailFolders/{id}/messages/delta` per folder
//! and `GET /me/mailFolders/delta` for the folder tree. The first round pages through everything
//! (`@odata.nextLink` with a `$skiptoken`) and ends with an `@odata.deltaLink` carrying a
//! `$deltatoken`; a later round from that link gives only what changed since: new and changed
//! items, and `{"id", "@removed": {"reason": "deleted"}}` for those deleted or moved out. Pages
//! follow `Prefer: odata.maxpagesize`; `$select` stays in the links. A token this tenant does
//! not know, or no longer answers (`Changes::expire`), gets 410 Gone `syncStateNotFound`.
//!
//! The rounds read the mailbox's change journal (`store::mailbox::changes`), so a later round
//! costs what changed, whatever the folder holds.
pub mod token;

use std::sync::Arc;

use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use self::token::Round;
use super::folders::{counts, resolve, with_counts};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::odata::{QueryOptions, project};
use crate::paging::{PageRules, context_url, preferred_page_size};
use crate::store::Tenant;
use crate::store::mailbox::changes::FOLDERS_SCOPE;

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
fn refuse_unsupported(options: &QueryOptions) -> GraphResult<()> {
    if options.search.is_some() || options.filter.is_some() || !options.orderby.is_empty() {
        return Err(GraphError::bad_request("$search, $filter and $orderby are not supported on this delta query."));
    }
    Ok(())
}

/// The value of a query parameter, by name in any case.
fn query_value(uri: &Uri, name: &str) -> Option<String> {
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.into_owned())
}

/// Where this request starts, from its `$skiptoken` or `$deltatoken` (none: a first round).
fn round_of(uri: &Uri, tenant: &Tenant, scope: &str) -> GraphResult<Round> {
    let changes = &tenant.messages.changes;
    let now = changes.now();
    let token = query_value(uri, "$skiptoken").or_else(|| query_value(uri, "$deltatoken"));
    let Some(token) = token else { return Ok(Round::Full { since: now, offset: 0 }) };
    let round = token::decode(&token, scope, now).ok_or_else(sync_state_not_found)?;
    if !changes.can_answer(scope, round.since()) {
        return Err(sync_state_not_found());
    }
    Ok(round)
}

/// The request URL made absolute with its tokens replaced by `added`.
fn link(state: &SharedState, uri: &Uri, added: &str) -> String {
    let kept: Vec<&str> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| {
            let key = url::form_urlencoded::parse(pair.as_bytes()).next().map(|(k, _)| k.to_ascii_lowercase());
            !pair.is_empty() && !matches!(key.as_deref(), Some("$skiptoken" | "$deltatoken"))
        })
        .collect();
    let mut query = kept.join("&");
    if !query.is_empty() {
        query.push('&');
    }
    format!("{}{}?{query}{added}", state.urls.origin, uri.path())
}

/// One page of a round: the ids on it and the round of the next page, if any.
struct Cut {
    ids: Vec<Arc<str>>,
    next: Option<Round>,
    /// The journal point the next round starts after (given on the last page).
    delta_since: u64,
}

/// The page `offset..offset + size` of `all` (the ids of the whole round).
fn cut(all: &[Arc<str>], round: Round, size: usize) -> Cut {
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
fn page(state: &SharedState, uri: &Uri, scope: &str, items: Vec<Value>, cut: &Cut, entity: &str) -> Response {
    let mut body = Map::new();
    body.insert("@odata.context".into(), Value::String(context_url(state, uri, &format!("Collection({entity})"))));
    match cut.next {
        Some(next) => {
            let added = format!("$skiptoken={}", token::skip_token(scope, next));
            body.insert("@odata.nextLink".into(), Value::String(link(state, uri, &added)));
        }
        None => {
            let added = format!("$deltatoken={}", token::delta_token(scope, cut.delta_since));
            body.insert("@odata.deltaLink".into(), Value::String(link(state, uri, &added)));
        }
    }
    body.insert("value".into(), Value::Array(items));
    axum::Json(Value::Object(body)).into_response()
}

fn removed(entity: &str, id: &str) -> Value {
    json!({"@odata.type": format!("#microsoft.graph.{entity}"), "id": id, "@removed": {"reason": "deleted"}})
}

fn typed(mut item: Value, entity: &str) -> Value {
    if let Some(map) = item.as_object_mut() {
        map.insert("@odata.type".into(), Value::String(format!("#microsoft.graph.{entity}")));
    }
    item
}

/// `GET /me/mailFolders/{folder}/messages/delta`.
pub async fn messages(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    let uri = &requested.0;
    let options = QueryOptions::from_uri(uri)?;
    refuse_unsupported(&options)?;
    let size = PageRules::MESSAGES.with_preferred_size(preferred_page_size(&headers)).default_size;
    let tenant = state.read_tenant();
    let scope = resolve(&tenant, &folder)?;
    let round = round_of(uri, &tenant, &scope)?;
    let mailbox = &tenant.messages;
    let page_cut = match round {
        Round::Full { offset, .. } => {
            // Only this page's slice of the folder's order is read.
            let order = mailbox.order(Some(&scope));
            let len = order.map_or(0, |o| o.len());
            let end = offset.saturating_add(size).min(len);
            let ids: Vec<Arc<str>> =
                (offset.min(len)..end).filter_map(|i| order.and_then(|o| o.newest(i)).cloned()).collect();
            let next = (end < len).then(|| Round::Full { since: round.since(), offset: end });
            Cut { ids, next, delta_since: round.since() }
        }
        Round::Changes { since, until, .. } => cut(&mailbox.changes.changed(&scope, since, until), round, size),
    };
    let with_body = ["body", "bodyPreview", "uniqueBody"].iter().any(|p| options.selects(p));
    let items = page_cut
        .ids
        .iter()
        .map(|id| match mailbox.folder_of(id) {
            Some(f) if **f == *scope => mailbox
                .selected(id, options.select.as_deref(), with_body)
                .map_or_else(|| removed("message", id), |v| typed(v, "message")),
            _ => removed("message", id),
        })
        .collect();
    Ok(page(&state, uri, &scope, items, &page_cut, "message"))
}

/// `GET /me/mailFolders/delta`: every folder of the tree but the root (hidden ones left out, as
/// in a listing), then the folders created, renamed, moved or deleted since, and those whose
/// item counts (`totalItemCount`, `unreadItemCount`) changed: a flag or a category set on a
/// message changes no folder property, so it shows only in that folder's message delta.
pub async fn folders(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
) -> GraphResult<Response> {
    let uri = &requested.0;
    let options = QueryOptions::from_uri(uri)?;
    refuse_unsupported(&options)?;
    let size = PageRules::OUTLOOK.with_preferred_size(preferred_page_size(&headers)).default_size;
    let tenant = state.read_tenant();
    let round = round_of(uri, &tenant, FOLDERS_SCOPE)?;
    let root = resolve(&tenant, "msgfolderroot").ok();
    let shown = |f: &Value| {
        f.get("id").and_then(Value::as_str) != root.as_deref() && f.get("isHidden") != Some(&Value::Bool(true))
    };
    let id_of = |f: &Value| f.get("id").and_then(Value::as_str).map(Arc::<str>::from);
    let all: Vec<Arc<str>> = match round {
        Round::Full { .. } => tenant.mail_folders.iter().filter(|f| shown(f)).filter_map(id_of).collect(),
        // The mailbox notes a folder there when it is created, renamed, moved or deleted, and
        // when its item counts change (a message arrives, leaves, or is read or unread).
        Round::Changes { since, until, .. } => tenant.messages.changes.changed(FOLDERS_SCOPE, since, until),
    };
    let page_cut = cut(&all, round, size);
    let counts = counts(&tenant);
    let items = page_cut
        .ids
        .iter()
        .map(|id| match tenant.mail_folders.get(id) {
            Some(f) if shown(f) => typed(project(&with_counts(f, &counts), &options), "mailFolder"),
            _ => removed("mailFolder", id),
        })
        .collect();
    Ok(page(&state, uri, FOLDERS_SCOPE, items, &page_cut, "mailFolder"))
}
