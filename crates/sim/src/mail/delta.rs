//! Delta queries on mail (graph-facts §2.8): `GET /me/mailFolders/{id}/messages/delta` per folder
//! and `GET /me/mailFolders/delta` for the folder tree. The first round pages through everything
//! (`@odata.nextLink` with a `$skiptoken`) and ends with an `@odata.deltaLink` carrying a
//! `$deltatoken`; a later round from that link gives only what changed since: new and changed
//! items, and `{"id", "@removed": {"reason": "deleted"}}` for those deleted or moved out. Pages
//! follow `Prefer: odata.maxpagesize`; `$select` stays in the links. A token this tenant does
//! not know, or no longer answers (`Changes::expire`), gets 410 Gone `syncStateNotFound`.
//!
//! The rounds read the mailbox's change journal (`store::mailbox::changes`), so a later round
//! costs what changed, whatever the folder holds; `crate::delta` has the parts every resource
//! shares.
use std::sync::Arc;

use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;

use super::folders::{counts, resolve, with_counts};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::delta::journal::{self, Journaled, id_of};
use crate::delta::token::Round;
use crate::delta::{Cut, cut, page, refuse_unsupported, removed, round_of, typed};
use crate::errors::GraphResult;
use crate::odata::{QueryOptions, project};
use crate::paging::{PageRules, preferred_page_size};
use crate::store::mailbox::changes::FOLDERS_SCOPE;

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
    let round = round_of(uri, &tenant.messages.changes, &scope)?;
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
    let options = journal::options(uri)?;
    let tenant = state.read_tenant();
    let root = resolve(&tenant, "msgfolderroot").ok();
    let shown = |f: &&Value| {
        f.get("id").and_then(Value::as_str) != root.as_deref() && f.get("isHidden") != Some(&Value::Bool(true))
    };
    let counts = counts(&tenant);
    // The mailbox notes a folder in its journal when it is created, renamed, moved or deleted,
    // and when its item counts change (a message arrives, leaves, or is read or unread).
    let collection = Journaled { changes: &tenant.messages.changes, scope: FOLDERS_SCOPE, entity: "mailFolder" };
    journal::answer(
        &state,
        uri,
        &headers,
        collection,
        || tenant.mail_folders.iter().filter(shown).filter_map(id_of).collect(),
        |id| tenant.mail_folders.get(id).filter(shown).map(|f| project(&with_counts(f, &counts), &options)),
    )
}
