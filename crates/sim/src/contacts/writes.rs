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
use crate::contacts::default_folder;
use crate::errors::{GraphError, GraphResult};
use crate::mail::{json_object, touch};
use crate::odata::QueryOptions;
use crate::odata::project;
use crate::paging::context_url;
use crate::store::Tenant;

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
    super::delta::note_contact(&mut tenant, &folder, &id);
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
    change(&state, &requested, None, &id, &body)
}

/// `PATCH /me/contactFolders/{folder}/contacts/{id}`: the contact must be in that folder.
pub async fn update_in_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path((folder, id)): Path<(String, String)>,
    body: Bytes,
) -> GraphResult<Response> {
    change(&state, &requested, Some(&folder), &id, &body)
}

fn in_folder(tenant: &Tenant, folder: Option<&str>, id: &str) -> bool {
    let parent = tenant.contacts.get(id).and_then(|c| c.get("parentFolderId")).and_then(Value::as_str);
    folder.is_none_or(|f| parent == Some(f))
}

fn change(
    state: &SharedState,
    requested: &RequestedUri,
    folder: Option<&str>,
    id: &str,
    body: &Bytes,
) -> GraphResult<Response> {
    let input = json_object(body)?;
    let mut tenant = state.write_tenant();
    if !in_folder(&tenant, folder, id) {
        return Err(GraphError::outlook_not_found());
    }
    tenant.next_id += 1;
    let stamp = tenant.next_id;
    let now = tenant.clock.now_text();
    let folder = tenant.contacts.get(id).map(|c| super::delta::folder_of(&tenant, c)).unwrap_or_default();
    super::delta::note_contact(&mut tenant, &folder, id);
    let contact = tenant.contacts.get_mut(id).ok_or_else(GraphError::outlook_not_found)?;
    let mut updated = contact.clone();
    apply(&mut updated, &input)?;
    touch(&mut updated, stamp, &now);
    *contact = updated;
    entity(state, requested, &tenant, id, StatusCode::OK)
}

pub async fn delete(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<StatusCode> {
    let mut tenant = state.write_tenant();
    remove(&mut tenant, &id)
}

/// Deletes a contact, noting it under its folder for delta queries.
fn remove(tenant: &mut Tenant, id: &str) -> GraphResult<StatusCode> {
    let contact = tenant.contacts.remove(id).ok_or_else(GraphError::outlook_not_found)?;
    let folder = super::delta::folder_of(tenant, &contact);
    super::delta::note_contact(tenant, &folder, id);
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete_in_folder(
    State(state): State<SharedState>,
    Path((folder, id)): Path<(String, String)>,
) -> GraphResult<StatusCode> {
    let mut tenant = state.write_tenant();
    if !in_folder(&tenant, Some(&folder), &id) {
        return Err(GraphError::outlook_not_found());
    }
    remove(&mut tenant, &id)
}

/// `POST /me/contactFolders` (user-post-contactfolders): a folder inside the default one, 201.
/// A name already used there is refused, as Exchange does.
pub async fn create_folder(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    body: Bytes,
) -> GraphResult<Response> {
    let input = json_object(&body)?;
    let name = match input.get("displayName") {
        Some(Value::String(name)) if !name.trim().is_empty() => name.trim().to_owned(),
        _ => return Err(GraphError::bad_request("A contact folder needs a displayName.")),
    };
    if let Some(other) =
        input.keys().find(|k| !k.starts_with("@odata.") && !["displayName", "parentFolderId"].contains(&k.as_str()))
    {
        return Err(GraphError::bad_request(format!(
            "Property '{other}' does not exist on type 'microsoft.graph.contactFolder' or is read-only."
        )));
    }
    let mut tenant = state.write_tenant();
    let parent = default_folder(&tenant);
    let taken = tenant.contact_folders.iter().any(|f| {
        f.get("parentFolderId").and_then(Value::as_str) == Some(parent.as_str())
            && f.get("displayName").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case(&name))
    });
    if taken {
        return Err(GraphError::new(
            StatusCode::CONFLICT,
            "ErrorFolderExists",
            "A folder with the specified name already exists.",
        ));
    }
    let id = tenant.mint_id("cfld");
    let folder = json!({ "id": id, "displayName": name, "parentFolderId": parent });
    tenant.contact_folders.insert(folder.clone());
    super::delta::note_folder(&mut tenant, &id);
    let options = QueryOptions::from_uri(&requested.0)?;
    let mut view = project(&folder, &options);
    view["@odata.context"] =
        Value::String(context_url(&state, &requested.0, &format!("users('{}')/contactFolders/$entity", tenant.me_id)));
    Ok((StatusCode::CREATED, Json(view)).into_response())
}
