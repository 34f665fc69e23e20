//! Contacts: `/me/contacts` (the default Contacts folder's), `/me/contacts/{id}` (any folder's),
//! `/me/contactFolders` (the folders inside the default one), a folder's child folders and
//! contacts (graph-facts §3.7; user-list-contacts, user-list-contactfolders), paged the Outlook way;
//! delta queries in `contacts/delta.rs`.
use axum::Router;
use axum::extract::{Extension, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::Value;

use super::SharedState;
use super::auth::RequestedUri;
use super::errors::{GraphError, GraphResult};
use super::odata::{QueryOptions, filter_items, project, sort_items};
use super::paging::{PageRules, collection_response, context_url};
use super::store::{Tenant, mint_id};

pub mod delta;
pub mod writes;

const SEARCH_FIELDS: &[&str] = &["displayName", "givenName", "surname", "emailAddresses/address", "companyName"];

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/me/contacts", get(list_all).post(writes::create_default))
        .route("/me/contacts/{id}", get(get_one).patch(writes::update).delete(writes::delete))
        .route("/me/contactFolders", get(list_folders).post(writes::create_folder))
        .route("/me/contactFolders/delta", get(delta::folders))
        .route("/me/contactFolders/{folder}/contacts/delta", get(delta::contacts))
        .route("/me/contactFolders/{folder}", get(get_folder))
        .route("/me/contactFolders/{folder}/childFolders", get(list_child_folders))
        .route("/me/contactFolders/{folder}/contacts", get(list_in_folder).post(writes::create_in_folder))
        .route(
            "/me/contactFolders/{folder}/contacts/{id}",
            get(get_in_folder).patch(writes::update_in_folder).delete(writes::delete_in_folder),
        )
}

fn list(state: &SharedState, requested: &RequestedUri, items: Vec<&Value>, context: &str) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let mut items = filter_items(items.into_iter(), &options, SEARCH_FIELDS)?;
    sort_items(&mut items, &options)?;
    Ok(collection_response(state, &requested.0, &options, PageRules::OUTLOOK, &items, context)?.into_response())
}

fn entity(state: &SharedState, requested: &RequestedUri, item: &Value, context: &str) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let mut view = project(item, &options);
    view["@odata.context"] = Value::String(context_url(state, &requested.0, context));
    Ok(axum::Json(view).into_response())
}

/// The default Contacts folder's id. It is not listed: the listed folders are inside it (their
/// parent), and contacts outside every listed folder are in it.
pub(crate) fn default_folder(tenant: &Tenant) -> String {
    tenant
        .contact_folders
        .iter()
        .filter_map(|f| f.get("parentFolderId").and_then(Value::as_str))
        .find(|p| !tenant.contact_folders.contains(p))
        .or_else(|| {
            tenant
                .contacts
                .iter()
                .filter_map(|c| c.get("parentFolderId").and_then(Value::as_str))
                .find(|p| !tenant.contact_folders.contains(p))
        })
        .map_or_else(|| mint_id("cfold", 0), str::to_owned)
}

/// `/me/contacts`: the contacts of the default folder only (user-list-contacts).
async fn list_all(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let default = default_folder(&tenant);
    let context = format!("users('{}')/contacts", tenant.me_id);
    list(&state, &requested, tenant.contacts.iter().filter(|c| in_folder(c, &default)).collect(), &context)
}

async fn get_one(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(id): Path<String>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let contact = tenant.contacts.get(&id).ok_or_else(GraphError::outlook_not_found)?;
    entity(&state, &requested, contact, &format!("users('{}')/contacts/$entity", tenant.me_id))
}

/// `/me/contactFolders`: the folders inside the default one (user-list-contactfolders).
async fn list_folders(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let default = default_folder(&tenant);
    let context = format!("users('{}')/contactFolders", tenant.me_id);
    list(&state, &requested, tenant.contact_folders.iter().filter(|f| in_folder(f, &default)).collect(), &context)
}

async fn list_child_folders(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    if !tenant.contact_folders.contains(&folder) && folder != default_folder(&tenant) {
        return Err(GraphError::outlook_not_found());
    }
    let context = format!("users('{}')/contactFolders('{folder}')/childFolders", tenant.me_id);
    list(&state, &requested, tenant.contact_folders.iter().filter(|f| in_folder(f, &folder)).collect(), &context)
}

async fn get_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let found = tenant.contact_folders.get(&folder).ok_or_else(GraphError::outlook_not_found)?;
    entity(&state, &requested, found, &format!("users('{}')/contactFolders/$entity", tenant.me_id))
}

fn in_folder(item: &Value, folder: &str) -> bool {
    item.get("parentFolderId").and_then(Value::as_str) == Some(folder)
}

async fn list_in_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    // The default folder is implied (store.rs), not listed.
    let known = tenant.contact_folders.contains(&folder) || folder == default_folder(&tenant);
    if !known {
        return Err(GraphError::outlook_not_found());
    }
    let context = format!("users('{}')/contactFolders('{folder}')/contacts", tenant.me_id);
    list(&state, &requested, tenant.contacts.iter().filter(|c| in_folder(c, &folder)).collect(), &context)
}

async fn get_in_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path((folder, id)): Path<(String, String)>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let contact =
        tenant.contacts.get(&id).filter(|c| in_folder(c, &folder)).ok_or_else(GraphError::outlook_not_found)?;
    entity(
        &state,
        &requested,
        contact,
        &format!("users('{}')/contactFolders('{folder}')/contacts/$entity", tenant.me_id),
    )
}

#[cfg(test)]
mod tests;
