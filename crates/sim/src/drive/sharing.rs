//! Sharing (graph-facts §3.5; driveitem-createlink, driveitem-list-permissions,
//! permission-delete): `createLink` makes a view or edit link for the organization or for
//! anyone (201), or answers the link of that type and scope the item already has (200);
//! `permissions` lists the owner and the links; a link is removed with DELETE (204), the owner's
//! permission cannot be. OneDrive for Business and SharePoint take no `embed` links, and a
//! password only on a link for anyone.
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::address::Address;
use super::tree;
use super::writes::invalid;
use crate::SharedState;
use crate::calendar::writes::parse_json_object;
use crate::errors::{GraphError, GraphResult};
use crate::store::Tenant;

/// The id of the owner's permission, which every item lists first.
const OWNER_PERMISSION: &str = "owner";

/// `POST .../createLink` `{"type", "scope", "expirationDateTime", "password"}`.
pub fn create_link(state: &SharedState, address: &Address, body: &Bytes) -> GraphResult<Response> {
    let input = parse_json_object(body)?;
    let text = |key: &str| input.get(key).and_then(Value::as_str);
    let kind = match text("type") {
        Some(kind @ ("view" | "edit")) => kind,
        Some("embed") => return Err(invalid("Embed links are only available on OneDrive for home.")),
        Some(other) => return Err(invalid(format!("Invalid link type '{other}'."))),
        None => return Err(invalid("The link type is required.")),
    };
    let scope = match text("scope") {
        None => "organization",
        Some(scope @ ("anonymous" | "organization" | "users")) => scope,
        Some(other) => return Err(invalid(format!("Invalid link scope '{other}'."))),
    };
    let password = text("password").filter(|p| !p.is_empty());
    if password.is_some() && scope != "anonymous" {
        return Err(invalid("A password can only be set on a link for anyone (scope anonymous)."));
    }
    let expires = match text("expirationDateTime") {
        None => None,
        Some(raw) => {
            let at = DateTime::parse_from_rfc3339(raw)
                .map_err(|_| invalid(format!("Invalid expirationDateTime '{raw}'.")))?
                .with_timezone(&Utc);
            Some(at)
        }
    };
    let mut tenant = state.write_tenant();
    // "Now" is the tenant's, so a pinned tenant judges a pinned client's dates alike.
    if expires.is_some_and(|at| at <= tenant.clock.now()) {
        return Err(invalid("The expiration date of a link must be in the future."));
    }
    let expires = expires.map(|at| at.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    let item = tree::resolve(&tenant, address)?;
    let id = tree::item_id(item).to_owned();
    let plain = password.is_none() && expires.is_none();
    let links = tenant.drive_permissions.entry(id.clone()).or_default();
    if plain
        && let Some(existing) = links
            .iter()
            .find(|p| p["link"]["type"] == kind && p["link"]["scope"] == scope && p.get("expirationDateTime").is_none())
    {
        return Ok((StatusCode::OK, axum::Json(existing.clone())).into_response());
    }
    let token = uuid::Uuid::new_v4().simple().to_string();
    let letter = if kind == "edit" { "e" } else { "v" };
    let mut permission = json!({
        "id": token[..16].to_owned(),
        "roles": [if kind == "edit" { "write" } else { "read" }],
        "hasPassword": password.is_some(),
        "link": {
            "type": kind,
            "scope": scope,
            "webUrl": format!("https://contoso.sharepoint.com/:{letter}:/g/{}", &token[16..]),
            "preventsDownload": false,
        },
    });
    if let Some(expires) = expires {
        permission["expirationDateTime"] = json!(expires);
    }
    links.push(permission.clone());
    Ok((StatusCode::CREATED, axum::Json(permission)).into_response())
}

/// The owner of the drive an item lives in, as the permission that lists first.
fn owner_permission(tenant: &Tenant, item: &Value) -> Value {
    let drive = tree::find_drive(tenant, tree::drive_id_of(tenant, item));
    let owner = drive.and_then(|d| d.get("owner")).cloned().unwrap_or(Value::Null);
    json!({"id": OWNER_PERMISSION, "roles": ["owner"], "grantedToV2": owner, "grantedTo": owner})
}

/// `GET .../permissions`.
pub fn list_permissions(state: &SharedState, tenant: &Tenant, item: &Value) -> GraphResult<Response> {
    let id = tree::item_id(item);
    let mut value = vec![owner_permission(tenant, item)];
    value.extend(tenant.drive_permissions.get(id).into_iter().flatten().cloned());
    let context = format!("{}/graph/v1.0/$metadata#Collection(permission)", state.urls.origin);
    Ok(axum::Json(json!({"@odata.context": context, "value": value})).into_response())
}

/// `DELETE .../permissions/{id}`: a link goes; the owner stays.
pub fn remove_permission(state: &SharedState, address: &Address, permission: &str) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    let item = tree::resolve(&tenant, address)?;
    let id = tree::item_id(item).to_owned();
    if permission == OWNER_PERMISSION {
        return Err(GraphError::new(
            StatusCode::FORBIDDEN,
            "accessDenied",
            "The owner's permission cannot be removed.",
        ));
    }
    let links = tenant.drive_permissions.entry(id).or_default();
    let before = links.len();
    links.retain(|p| p["id"] != permission);
    if links.len() == before {
        return Err(GraphError::item_not_found());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
