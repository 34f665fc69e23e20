//! Outlook master categories (`/me/outlook/masterCategories`, Graph v1.0 outlookUser and
//! outlookCategory): list, get, create (201; a name already in the list is refused), update the
//! colour (the name is read-only) and delete (204). Messages carry categories by display name;
//! a name need not be in the master list (Outlook shows it without a colour).
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::{json_object, owner_context};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::odata::{QueryOptions, filter_items, project};
use crate::paging::context_url;
use crate::store::Tenant;

/// `color` values: `none` and `preset0` … `preset24` (outlookCategory resource, "Note").
pub fn valid_colour(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if lower == "none" {
        return Some(lower);
    }
    let number: u8 = lower.strip_prefix("preset")?.parse().ok()?;
    (number <= 24 && format!("preset{number}") == lower).then_some(lower)
}

fn not_found() -> GraphError {
    GraphError::new(StatusCode::NOT_FOUND, "ErrorItemNotFound", "The specified category was not found.")
}

/// The docs say a display name must be unique in the master list; the exact error Exchange
/// sends is not documented [UNCONFIRMED]: a 409 like the other "already exists" answers.
fn duplicate(name: &str) -> GraphError {
    GraphError::new(
        StatusCode::CONFLICT,
        "ErrorDuplicateCategory",
        format!("A category with the name '{name}' already exists in the master category list."),
    )
}

fn entity(state: &SharedState, requested: &RequestedUri, tenant: &Tenant, id: &str, status: StatusCode) -> Response {
    let options = QueryOptions::from_uri(&requested.0).unwrap_or_default();
    let Some(category) = tenant.master_categories.get(id) else { return not_found().into_response() };
    let mut body = project(category, &options);
    let context =
        context_url(state, &requested.0, &format!("{}/outlook/masterCategories/$entity", owner_context(tenant)));
    if let Some(map) = body.as_object_mut() {
        map.insert("@odata.context".into(), Value::String(context));
    }
    (status, Json(body)).into_response()
}

/// Every category in one answer: the master list is short and Graph does not page it.
pub async fn list(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let tenant = state.read_tenant();
    let found = filter_items(tenant.master_categories.iter(), &options, &["displayName"])?;
    let value: Vec<Value> = found.into_iter().map(|c| project(c, &options)).collect();
    let context = context_url(&state, &requested.0, &format!("{}/outlook/masterCategories", owner_context(&tenant)));
    Ok(Json(json!({ "@odata.context": context, "value": value })).into_response())
}

pub async fn get_one(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(id): Path<String>,
) -> Response {
    let tenant = state.read_tenant();
    entity(&state, &requested, &tenant, &id, StatusCode::OK)
}

fn colour_of(body: &Map<String, Value>) -> GraphResult<Option<String>> {
    match body.get("color") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => valid_colour(text).map(Some).ok_or_else(|| {
            GraphError::bad_request(format!(
                "The value '{text}' is not valid for color: use none or preset0 through preset24."
            ))
        }),
        Some(_) => Err(GraphError::bad_request("color must be a string.")),
    }
}

fn check_keys(body: &Map<String, Value>, allowed: &[&str]) -> GraphResult<()> {
    for key in body.keys() {
        if !allowed.contains(&key.as_str()) && !key.starts_with("@odata.") {
            return Err(GraphError::bad_request(format!(
                "Property '{key}' does not exist on type 'microsoft.graph.outlookCategory' or is read-only."
            )));
        }
    }
    Ok(())
}

pub async fn create(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    body: Bytes,
) -> GraphResult<Response> {
    let body = json_object(&body)?;
    check_keys(&body, &["displayName", "color"])?;
    let name = match body.get("displayName") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => {
            return Err(GraphError::bad_request(
                "The displayName property is required and must be a non-empty string.",
            ));
        }
    };
    let colour = colour_of(&body)?.unwrap_or_else(|| "none".to_owned());
    let mut tenant = state.write_tenant();
    let taken = tenant
        .master_categories
        .iter()
        .any(|c| c.get("displayName").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case(&name)));
    if taken {
        return Err(duplicate(&name));
    }
    let id = uuid::Uuid::new_v4().to_string();
    tenant.master_categories.insert(json!({ "id": id, "displayName": name, "color": colour }));
    Ok(entity(&state, &requested, &tenant, &id, StatusCode::CREATED))
}

/// Only the colour can change ("After a category is created, the name cannot be changed").
pub async fn update(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    let body = json_object(&body)?;
    check_keys(&body, &["color"])?;
    let colour = colour_of(&body)?;
    let mut tenant = state.write_tenant();
    let category = tenant.master_categories.get_mut(&id).ok_or_else(not_found)?;
    if let Some(colour) = colour {
        category["color"] = Value::String(colour);
    }
    Ok(entity(&state, &requested, &tenant, &id, StatusCode::OK))
}

/// Messages keep the name: Outlook leaves categories on items when the master entry goes.
pub async fn delete(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<StatusCode> {
    let mut tenant = state.write_tenant();
    tenant.master_categories.remove(&id).ok_or_else(not_found)?;
    Ok(StatusCode::NO_CONTENT)
}
