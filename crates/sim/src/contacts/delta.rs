//! Delta queries on contacts (graph-facts §2.8, contact-delta, contactfolder-delta):
//! `GET /me/contactFolders/{id}/contacts/delta` per folder (the default folder's id too) and
//! `GET /me/contactFolders/delta`, with `crate::delta`'s rounds, tokens and paging. Every write
//! notes the contact (under its folder) or the folder in the tenant's contacts journal.
use std::sync::Arc;

use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;

use super::default_folder;
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::delta::token::Round;
use crate::delta::{cut, page, refuse_unsupported, removed, round_of, typed};
use crate::errors::{GraphError, GraphResult};
use crate::odata::{QueryOptions, project};
use crate::paging::{PageRules, preferred_page_size};
use crate::store::Tenant;

/// The journal scope of the contact folders themselves (a folder's contacts use its id).
pub const FOLDERS_SCOPE: &str = "\u{0}contact-folders";

/// The folder a contact is in: its `parentFolderId`, else the default folder.
pub fn folder_of(tenant: &Tenant, contact: &Value) -> String {
    contact.get("parentFolderId").and_then(Value::as_str).map_or_else(|| default_folder(tenant), str::to_owned)
}

/// A contact was made, changed or deleted (in `folder`).
pub fn note_contact(tenant: &mut Tenant, folder: &str, id: &str) {
    tenant.contact_changes.record(folder, &Arc::from(id));
}

/// A contact folder was made.
pub fn note_folder(tenant: &mut Tenant, id: &str) {
    tenant.contact_changes.record(FOLDERS_SCOPE, &Arc::from(id));
}

fn id_of(item: &Value) -> Option<Arc<str>> {
    item.get("id").and_then(Value::as_str).map(Arc::from)
}

/// `GET /me/contactFolders/delta`: the folders inside the default one.
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
    let round = round_of(uri, &tenant.contact_changes, FOLDERS_SCOPE)?;
    let all: Vec<Arc<str>> = match round {
        Round::Full { .. } => tenant.contact_folders.iter().filter_map(id_of).collect(),
        Round::Changes { since, until, .. } => tenant.contact_changes.changed(FOLDERS_SCOPE, since, until),
    };
    let page_cut = cut(&all, round, size);
    let items = page_cut
        .ids
        .iter()
        .map(|id| match tenant.contact_folders.get(id) {
            Some(folder) => typed(project(folder, &options), "contactFolder"),
            None => removed("contactFolder", id),
        })
        .collect();
    Ok(page(&state, uri, FOLDERS_SCOPE, items, &page_cut, "contactFolder"))
}

/// `GET /me/contactFolders/{folder}/contacts/delta`.
pub async fn contacts(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    let uri = &requested.0;
    let options = QueryOptions::from_uri(uri)?;
    refuse_unsupported(&options)?;
    let size = PageRules::OUTLOOK.with_preferred_size(preferred_page_size(&headers)).default_size;
    let tenant = state.read_tenant();
    if !tenant.contact_folders.contains(&folder) && folder != default_folder(&tenant) {
        return Err(GraphError::outlook_not_found());
    }
    let round = round_of(uri, &tenant.contact_changes, &folder)?;
    let here = |contact: &Value| folder_of(&tenant, contact) == folder;
    let all: Vec<Arc<str>> = match round {
        Round::Full { .. } => tenant.contacts.iter().filter(|c| here(c)).filter_map(id_of).collect(),
        Round::Changes { since, until, .. } => tenant.contact_changes.changed(&folder, since, until),
    };
    let page_cut = cut(&all, round, size);
    let items = page_cut
        .ids
        .iter()
        .map(|id| match tenant.contacts.get(id).filter(|c| here(c)) {
            Some(contact) => typed(project(contact, &options), "contact"),
            None => removed("contact", id),
        })
        .collect();
    Ok(page(&state, uri, &folder, items, &page_cut, "contact"))
}
