//! Contact writes (graph-facts §3.7): create in the default or a named folder (201), update
//! (200), delete (204); unknown properties are refused like Graph does.
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::mail::{json_object, touch};
use crate::odata::QueryOptions;
use crate::odata::project;
use crate::paging::context_url;
use crate::store::{Tenant, mint_id};

/// Contact properties a client may set (graph-facts §3.7).
const SETTABLE: &[&str] = &[
    "displayName",
    "givenName",
    "middleName",
    "surname",
    "nickName",
    "title",
    "initials",
    "generation",
    "emailAddresses",
    "imAddresses",
    "businessPhones",
    "homePhones",
    "mobilePhone",
    "jobTitle",
    "companyName",
    "department",
    "officeLocation",
    "profession",
    "manager",
    "assistantName",
    "businessHomePage",
    "businessAddress",
    "homeAddress",
    "otherAddress",
    "birthday",
    "personalNotes",
    "spouseName",
    "children",
    "categories",
    "fileAs",
    "yomiGivenName",
    "yomiSurname",
    "yomiCompanyName",
];

/// The implied default contacts folder: where existing contacts outside any listed folder live.
fn default_folder(tenant: &Tenant) -> String {
    tenant
        .contacts
        .iter()
        .filter_map(|c| c.get("parentFolderId").and_then(Value::as_str))
        .find(|p| !tenant.contact_folders.contains(p))
        .map_or_else(|| mint_id("cfold", 0), str::to_owned)
}

fn check(key: &str, value: &Value) -> GraphResult<()> {
    let ok = match key {
        "emailAddresses" => value
            .as_array()
            .is_some_and(|l| l.iter().all(|e| e.get("address").is_none_or(|a| a.is_string() || a.is_null()))),
        "imAddresses" | "businessPhones" | "homePhones" | "children" | "categories" => {
            value.as_array().is_some_and(|l| l.iter().all(Value::is_string))
        }
        "businessAddress" | "homeAddress" | "otherAddress" => value.is_object() || value.is_null(),
        _ => value.is_string() || value.is_null(),
    };
    if ok { Ok(()) } else { Err(GraphError::bad_request(format!("Invalid value for property '{key}'."))) }
}

fn apply(contact: &mut Value, input: &Map<String, Value>) -> GraphResult<()> {
    for (key, value) in input {
        if key.starts_with("@odata.") {
            continue;
        }
        let Some(name) = SETTABLE.iter().find(|k| k.eq_ignore_ascii_case(key)) else {
            return Err(GraphError::bad_request(format!(
                "Property '{key}' does not exist on type 'microsoft.graph.contact' or is read-only."
            )));
        };
        check(name, value)?;
        contact[*name] = value.clone();
    }
    let explicit_name = input.keys().any(|k| k.eq_ignore_ascii_case("displayName"));
    if !explicit_name {
        let part = |k: &str| contact.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        let name = [part("givenName"), part("surname")]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        if !name.is_empty() {
            contact["displayName"] = Value::String(name);
        }
    }
    Ok(())
}

fn entity(
    state: &SharedState,
    requested: &RequestedUri,
    tenant: &Tenant,
    id: &str,
    status: StatusCode,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let contact = tenant.contacts.get(id).ok_or_else(GraphError::outlook_not_found)?;
    let mut view = project(contact, &options);
    view["@odata.context"] =
        Value::String(context_url(state, &requested.0, &format!("users('{}')/contacts/$entity", tenant.me_id)));
    Ok((status, Json(view)).into_response())
}

fn create(state: &SharedState, requested: &RequestedUri, folder: Option<&str>, body: &Bytes) -> GraphResult<Response> {
    let input = json_object(body)?;
    let mut tenant = state.write_tenant();
    let folder = match folder {
        Some(f) if tenant.contact_folders.contains(f) || f == default_folder(&tenant) => f.to_owned(),
        Some(_) => return Err(GraphError::outlook_not_found()),
        None => default_folder(&tenant),
    };
    let id = tenant.mint_id("cont");
    let now = tenant.clock.now_text();
    let mut contact = json!({
        "id": id, "createdDateTime": now, "categories": [], "parentFolderId": folder, "displayName": "",
        "emailAddresses": [], "businessPhones": [], "homePhones": [], "imAddresses": [], "children": [],
        "homeAddress": {}, "businessAddress": {}, "otherAddress": {}
    });
    apply(&mut contact, &input)?;
    let stamp = tenant.next_id;
    touch(&mut contact, stamp, &now);
    tenant.contacts.insert(contact);
    entity(state, requested, &tenant, &id, StatusCode::CREATED)
}

pub async fn create_default(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    body: Bytes,
) -> GraphResult<Response> {
    create(&state, &requested, None, &body)
}

pub async fn create_in_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(folder): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    create(&state, &requested, Some(&folder), &body)
}

pub async fn update(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    let input = json_object(&body)?;
    let mut tenant = state.write_tenant();
    tenant.next_id += 1;
    let stamp = tenant.next_id;
    let now = tenant.clock.now_text();
    let contact = tenant.contacts.get_mut(&id).ok_or_else(GraphError::outlook_not_found)?;
    let mut updated = contact.clone();
    apply(&mut updated, &input)?;
    touch(&mut updated, stamp, &now);
    *contact = updated;
    entity(&state, &requested, &tenant, &id, StatusCode::OK)
}

pub async fn delete(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<StatusCode> {
    let mut tenant = state.write_tenant();
    tenant.contacts.remove(&id).map(|_| StatusCode::NO_CONTENT).ok_or_else(GraphError::outlook_not_found)
}
