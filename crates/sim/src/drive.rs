//! The mailbox owner's OneDrive (graph-facts §3.5): the drive, items by id, path and special
//! folder, children with `$skiptoken` paging, search, and downloads through pre-authenticated
//! URLs served outside `/graph/v1.0` (no bearer token there).
pub mod address;
pub mod delta;
pub mod download;
pub mod organise;
pub mod shared;
pub mod sharing;
pub mod tree;
pub mod upload;
pub mod versions;
pub mod writes;

#[cfg(test)]
mod tests;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use serde_json::Value;

use self::address::{Action, Address};
use self::tree::RenderContext;
use super::SharedState;
use super::calendar::{context_url, entity_response, requested_uri};
use super::errors::{GraphError, GraphResult};
use super::odata::{self, QueryOptions};
use super::paging::{self, CutPage, NextPage, PageRules, collection_response, page_response};
use super::store::Tenant;
use super::store::drive_items::ChildKey;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/me/drive", get(get_my_drive))
        .route("/me/drive/sharedWithMe", get(shared::shared_with_me))
        .route(
            "/me/drive/{*rest}",
            get(get_in_my_drive).post(write_in_drive).put(write_in_drive).patch(write_in_drive).delete(write_in_drive),
        )
        .route("/drives/{drive_id}", get(get_drive_by_id))
        .route(
            "/drives/{drive_id}/{*rest}",
            get(get_in_drive_by_id)
                .post(write_in_drive)
                .put(write_in_drive)
                .patch(write_in_drive)
                .delete(write_in_drive),
        )
}

/// Pre-authenticated download and upload-session URLs (no bearer token).
pub fn unauthenticated_routes() -> Router<SharedState> {
    Router::new()
        .route("/download/{token}", get(download::serve_download))
        .route(
            "/upload/{session}",
            get(upload::session_status).put(upload::put_fragment).delete(upload::cancel_session),
        )
        .route("/monitor/{job}", get(organise::copy_status))
}

/// What follows `/me/drive` or `/drives/{id}` in the raw path, and the drive id if given.
fn split_drive_path(path: &str) -> Option<(Option<String>, String)> {
    if let Some(i) = path.find("/me/drive") {
        let rest = &path[i + "/me/drive".len()..];
        return (rest.is_empty() || rest.starts_with('/')).then(|| (None, rest.to_owned()));
    }
    let i = path.find("/drives/")?;
    let after = &path[i + "/drives/".len()..];
    let (id, rest) = after.split_at(after.find('/').unwrap_or(after.len()));
    Some((Some(address::percent_decode(id)), rest.to_owned()))
}

/// The drive a request names (the owner's for `/me/drive`), or OneDrive's 404.
fn known_drive_id(tenant: &Tenant, drive_id: Option<&str>) -> GraphResult<String> {
    let id = drive_id.unwrap_or_else(|| tree::my_drive_id(tenant));
    match tree::find_drive(tenant, id) {
        Some(_) => Ok(id.to_owned()),
        None => Err(GraphError::item_not_found()),
    }
}

async fn get_my_drive(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    drive_response(&state, &parts, None)
}

async fn get_drive_by_id(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let drive_id = split_drive_path(parts.uri.path()).and_then(|(id, _)| id);
    drive_response(&state, &parts, drive_id.as_deref())
}

fn drive_response(state: &SharedState, parts: &Parts, drive_id: Option<&str>) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(parts))?;
    let tenant = state.read_tenant();
    let id = known_drive_id(&tenant, drive_id)?;
    let drive = tree::find_drive(&tenant, &id).ok_or_else(GraphError::item_not_found)?;
    Ok(entity_response(StatusCode::OK, drive, context_url(state, &tenant, "drive/$entity"), &options))
}

async fn get_in_my_drive(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    get_item_or_collection(&state, &parts)
}

async fn get_in_drive_by_id(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    get_item_or_collection(&state, &parts)
}

/// Writes anywhere in the drive, dispatched on method and address.
async fn write_in_drive(State(state): State<SharedState>, parts: Parts, body: Bytes) -> GraphResult<Response> {
    let (drive_id, rest) =
        split_drive_path(parts.uri.path()).ok_or_else(|| GraphError::no_such_resource(parts.uri.path()))?;
    let mut address = address::parse(&rest)?;
    address.drive_id = known_drive_id(&state.read_tenant(), drive_id.as_deref())?;
    match (&parts.method, &address.action) {
        (&Method::POST, Action::Children) => writes::create_folder(&state, &parts, &address, &body),
        (&Method::POST, Action::CreateUploadSession) => upload::create_session(&state, &address, &body),
        (&Method::PUT, Action::Content) => writes::upload(&state, &parts, &address, &body),
        (&Method::PATCH, Action::Item) => writes::update(&state, &parts, &address, &body),
        (&Method::DELETE, Action::Item) => writes::delete(&state, &address, true),
        (&Method::POST, Action::PermanentDelete) => writes::delete(&state, &address, false),
        (&Method::POST, Action::Copy) => organise::copy(&state, &parts, &address, &body),
        (&Method::POST, Action::RestoreVersion(version)) => versions::restore(&state, &address, version),
        (&Method::POST, Action::CreateLink) => sharing::create_link(&state, &address, &body),
        (&Method::DELETE, Action::Permission(id)) => sharing::remove_permission(&state, &address, id),
        _ => Err(method_not_allowed()),
    }
}

fn method_not_allowed() -> GraphError {
    GraphError::new(StatusCode::METHOD_NOT_ALLOWED, "BadRequest", "The HTTP method is not supported for this resource.")
}

fn wants_children(options: &QueryOptions) -> bool {
    options.expand.iter().any(|e| e == "children" || e.starts_with("children("))
}

/// Most children `$expand=children` inlines.
const EXPANDED_CHILDREN: usize = 200;

fn get_item_or_collection(state: &SharedState, parts: &Parts) -> GraphResult<Response> {
    let (drive_id, rest) =
        split_drive_path(parts.uri.path()).ok_or_else(|| GraphError::no_such_resource(parts.uri.path()))?;
    if rest == "/recent" && drive_id.is_none() {
        return versions::recent(state, &state.read_tenant());
    }
    let mut address: Address = address::parse(&rest)?;
    let uri = requested_uri(parts);
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    address.drive_id = known_drive_id(&tenant, drive_id.as_deref())?;
    let item = tree::resolve(&tenant, &address)?;
    let cx = RenderContext { tenant: &tenant, origin: &state.urls.origin, now: Utc::now() };
    let id = tree::item_id(item).to_owned();
    match &address.action {
        Action::Item => {
            let mut rendered = tree::render(&cx, item);
            if wants_children(&options)
                && let Some(map) = rendered.as_object_mut()
            {
                let children: Vec<Value> = tree::children(&tenant, &id)
                    .into_iter()
                    .take(EXPANDED_CHILDREN)
                    .map(|c| odata::project(&tree::render(&cx, c), &QueryOptions::default()))
                    .collect();
                map.insert("children".to_owned(), Value::Array(children));
            }
            let context = context_url(state, &tenant, "drive/items/$entity");
            Ok(entity_response(StatusCode::OK, &rendered, context, &options))
        }
        Action::Children => {
            let context = context_url(state, &tenant, &format!("drive/items('{id}')/children"));
            if !tree::is_folder(item) {
                return page(state, &uri, &options, &[], &context);
            }
            if options.filter.is_some() || options.search.is_some() || !options.orderby.is_empty() || options.skip > 0 {
                // Tested or sorted otherwise: every child is drawn (and paged by offset).
                let values: Vec<Value> =
                    tree::children(&tenant, &id).into_iter().map(|c| tree::render(&cx, c)).collect();
                return page(state, &uri, &options, &values, &context);
            }
            children_page(state, &cx, &id, &uri, &options, &context)
        }
        Action::Search(query) => {
            let wanted = query.to_lowercase();
            let values: Vec<Value> = tenant
                .drive_items
                .iter()
                .filter(|i| tree::is_below(&tenant, tree::item_id(i), &id))
                .filter(|i| i.get("name").and_then(Value::as_str).is_some_and(|n| n.to_lowercase().contains(&wanted)))
                .map(|i| tree::render(&cx, i))
                .collect();
            let context = format!("{}/graph/v1.0/$metadata#Collection(driveItem)", state.urls.origin);
            page(state, &uri, &options, &values, &context)
        }
        Action::Permissions => sharing::list_permissions(state, &tenant, item),
        Action::Delta => delta::delta(state, &tenant, &address.drive_id, &uri, &parts.headers),
        Action::Versions => versions::list(state, &tenant, item),
        Action::CreateUploadSession
        | Action::Copy
        | Action::CreateLink
        | Action::Permission(_)
        | Action::PermanentDelete
        | Action::RestoreVersion(_) => Err(method_not_allowed()),
        Action::Content => {
            if item.get("file").is_none() {
                return Err(GraphError::new(
                    StatusCode::NOT_FOUND,
                    "itemNotFound",
                    "The specified item does not exist, or does not have content.",
                ));
            }
            let url = download::download_url(&tenant.download_key, &state.urls.origin, &id, cx.now);
            let mut response = StatusCode::FOUND.into_response();
            if let Ok(location) = HeaderValue::from_str(&url) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            Ok(response)
        }
    }
}

/// Children in name order from where the `$skiptoken` cursor left off: only the page is
/// found and drawn, however large the folder.
fn children_page(
    state: &SharedState,
    cx: &RenderContext<'_>,
    folder: &str,
    uri: &axum::http::Uri,
    options: &QueryOptions,
    context: &str,
) -> GraphResult<Response> {
    let invalid = || {
        GraphError::bad_request(format!("Invalid $skiptoken value '{}'.", options.skiptoken.as_deref().unwrap_or("")))
    };
    let after = match options.skiptoken.as_deref() {
        None => None,
        Some(token) => {
            let position = paging::decode_after(token).ok_or_else(invalid)?;
            let (seq, name) = position.split_once(':').ok_or_else(invalid)?;
            Some(ChildKey { name: name.to_owned(), seq: seq.parse().map_err(|_| invalid())? })
        }
    };
    let size = options.top.map_or(PageRules::DRIVE.default_size, |t| t.min(PageRules::DRIVE.max_size)).max(1);
    let mut children = cx.tenant.drive_items.children_after(folder, after.as_ref());
    let page: Vec<(&ChildKey, &Value)> = children.by_ref().take(size).collect();
    let next = match (page.last(), children.next()) {
        (Some((key, _)), Some(_)) => Some(NextPage::After(format!("{}:{}", key.seq, key.name))),
        _ => None,
    };
    let items = page.iter().map(|(_, child)| odata::project(&tree::render(cx, child), options)).collect();
    let cut = CutPage { items, next, count: Some(cx.tenant.drive_items.child_count(folder)) };
    Ok(page_response(state, uri, options, PageRules::DRIVE, cut, context).into_response())
}

fn page(
    state: &SharedState,
    uri: &axum::http::Uri,
    options: &QueryOptions,
    values: &[Value],
    context: &str,
) -> GraphResult<Response> {
    let mut items = odata::filter_items(values.iter(), options, &["name"])?;
    odata::sort_items(&mut items, options)?;
    Ok(collection_response(state, uri, options, PageRules::DRIVE, &items, context)?.into_response())
}
