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
use crate::delta::journal::{self, Journaled, id_of};
use crate::errors::{GraphError, GraphResult};
use crate::odata::project;
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

/// `GET /me/contactFolders/delta`: the folders inside the default one.
pub async fn folders(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
) -> GraphResult<Response> {
    let uri = &requested.0;
    let options = journal::options(uri)?;
    let tenant = state.read_tenant();
    let collection = Journaled { changes: &tenant.contact_changes, scope: FOLDERS_SCOPE, entity: "contactFolder" };
    journal::answer(
        &state,
        uri,
        &headers,
        collection,
        || tenant.contact_folders.iter().filter_map(id_of).collect(),
        |id| tenant.contact_folders.get(id).map(|folder| project(folder, &options)),
    )
}

/// `GET /me/contactFolders/{folder}/contacts/delta`.
pub async fn contacts(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    headers: HeaderMap,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    let uri = &requested.0;
    let options = journal::options(uri)?;
    let tenant = state.read_tenant();
    if !tenant.contact_folders.contains(&folder) && folder != default_folder(&tenant) {
        return Err(GraphError::outlook_not_found());
    }
    let here = |contact: &&Value| folder_of(&tenant, contact) == folder;
    let collection = Journaled { changes: &tenant.contact_changes, scope: &folder, entity: "contact" };
    journal::answer(
        &state,
        uri,
        &headers,
        collection,
        || tenant.contacts.iter().filter(here).filter_map(id_of).collect(),
        |id| tenant.contacts.get(id).filter(here).map(|contact| project(contact, &options)),
    )
}
