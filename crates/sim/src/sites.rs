//! SharePoint sites and their document libraries (graph-facts §3.5b): `/sites?search=`,
//! `/sites/root`, `/sites/{id}`, `/sites/{id}/drives`, `/sites/{id}/drive` and the owner's
//! `/me/followedSites`. A site id is `hostname,siteCollectionId,webId`; clients send its commas
//! percent-encoded, and axum's path extractor decodes them. A site may also be named by host and
//! path (`/sites/contoso.sharepoint.com:/sites/Finance`, optionally followed by `:/drive` or
//! `:/drives`): `address_site` turns that into the site's id before routing.
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::Value;

use super::SharedState;
use super::calendar::{entity_response, requested_uri};
use super::errors::{GraphError, GraphResult};
use super::odata::QueryOptions;
use super::paging::{PageRules, collection_response};
use super::store::Tenant;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/sites", get(search_sites))
        .route("/sites/root", get(root_site))
        .route("/sites/{site_id}", get(get_site))
        .route("/sites/{site_id}/drives", get(site_drives))
        .route("/sites/{site_id}/drive", get(site_default_drive))
        .route("/me/followedSites", get(followed_sites))
}

/// Rewrites `/sites/{host}:/{path}[:/rest]` to `/sites/{id}[/rest]` when a site has that URL,
/// else to an id no site has (so the answer is the usual 404).
pub fn address_site(state: &SharedState, mut req: Request) -> Request {
    let path = req.uri().path().to_owned();
    let Some((prefix, rest)) = ["/graph/v1.0/sites/", "/graph/beta/sites/"]
        .iter()
        .find_map(|p| path.strip_prefix(p).map(|rest| (&p[..p.len() - 1], rest)))
    else {
        return req;
    };
    let Some((host, after)) = rest.split_once(":/") else { return req };
    if host.contains('/') {
        return req;
    }
    let (site_path, tail) = match after.split_once(":/") {
        Some((site_path, tail)) => (site_path, format!("/{tail}")),
        None => (after.trim_end_matches(':'), String::new()),
    };
    let wanted = format!("https://{}/{}", host, super::drive::address::percent_decode(site_path).trim_matches('/'))
        .to_lowercase();
    let id = {
        let tenant = state.read_tenant();
        let found = tenant.sites.iter().find(|s| text(s, "webUrl").trim_end_matches('/').to_lowercase() == wanted);
        found.map_or_else(|| format!("{host},unknown"), |s| text(s, "id").to_owned())
    };
    let encoded: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
    let new_path = format!("{prefix}/{encoded}{tail}");
    let new_uri = match req.uri().query() {
        Some(q) => format!("{new_path}?{q}"),
        None => new_path,
    };
    if let Ok(uri) = new_uri.parse() {
        *req.uri_mut() = uri;
    }
    req
}

fn site_not_found() -> GraphError {
    GraphError::new(StatusCode::NOT_FOUND, "itemNotFound", "Requested site could not be found")
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A site by id (`root` names the tenant's root site).
fn find_site<'a>(tenant: &'a Tenant, site_id: &str) -> GraphResult<&'a Value> {
    let found = if site_id.eq_ignore_ascii_case("root") {
        tenant.sites.iter().find(|s| s.get("root").is_some())
    } else {
        tenant.sites.get(site_id)
    };
    found.ok_or_else(site_not_found)
}

/// The `search` query parameter (not `$search`): empty or `*` matches every site.
fn search_term(parts: &Parts) -> String {
    let uri = requested_uri(parts);
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "search")
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
        .unwrap_or_default()
}

fn matches_search(site: &Value, term: &str) -> bool {
    if term.is_empty() || term == "*" {
        return true;
    }
    let wanted = term.to_lowercase();
    ["displayName", "name", "description", "webUrl"].iter().any(|k| text(site, k).to_lowercase().contains(&wanted))
}

fn list(state: &SharedState, parts: &Parts, items: &[&Value], context: &str) -> GraphResult<Response> {
    let uri = requested_uri(parts);
    let options = QueryOptions::from_uri(&uri)?;
    Ok(collection_response(state, &uri, &options, PageRules::DRIVE, items, context)?.into_response())
}

async fn search_sites(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let term = search_term(&parts);
    let tenant = state.read_tenant();
    let found: Vec<&Value> = tenant.sites.iter().filter(|s| matches_search(s, &term)).collect();
    list(&state, &parts, &found, "sites")
}

async fn followed_sites(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let followed: Vec<&Value> =
        tenant.sites.iter().filter(|s| s.get("_followed").and_then(Value::as_bool) == Some(true)).collect();
    list(&state, &parts, &followed, "sites")
}

fn site_response(state: &SharedState, parts: &Parts, site_id: &str) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(parts))?;
    let tenant = state.read_tenant();
    let site = find_site(&tenant, site_id)?;
    let context = format!("{}/graph/v1.0/$metadata#sites/$entity", state.urls.origin);
    Ok(entity_response(StatusCode::OK, site, context, &options))
}

async fn root_site(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    site_response(&state, &parts, "root")
}

async fn get_site(
    State(state): State<SharedState>,
    Path(site_id): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    site_response(&state, &parts, &site_id)
}

/// The site's document libraries, in the order they were created.
fn libraries<'a>(tenant: &'a Tenant, site_id: &str) -> GraphResult<Vec<&'a Value>> {
    let site = find_site(tenant, site_id)?;
    let id = text(site, "id");
    Ok(tenant.drives.iter().filter(|d| d.get("_siteId").and_then(Value::as_str) == Some(id)).collect())
}

async fn site_drives(
    State(state): State<SharedState>,
    Path(site_id): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let drives = libraries(&tenant, &site_id)?;
    list(&state, &parts, &drives, "drives")
}

/// The default library is the first one (SharePoint's "Documents").
async fn site_default_drive(
    State(state): State<SharedState>,
    Path(site_id): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let tenant = state.read_tenant();
    let drive = libraries(&tenant, &site_id)?.into_iter().next().ok_or_else(GraphError::item_not_found)?;
    let context = format!("{}/graph/v1.0/$metadata#drives/$entity", state.urls.origin);
    Ok(entity_response(StatusCode::OK, drive, context, &options))
}
