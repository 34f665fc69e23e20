//! Directory endpoints: `/me`, `/users` (advanced queries need `ConsistencyLevel: eventual`),
//! `/users/{id|upn}`, other users' mailboxes (not served), and `/me/people` (graph-facts §2.5, §3.7).
//! A token whose directory permission is `User.ReadBasic.All` reads other users' basic profile
//! only (`basic_profile`).
use axum::Router;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use serde_json::Value;

use super::SharedState;
use super::auth::{Principal, RequestedUri};
use super::errors::{GraphError, GraphResult};
use super::odata::{QueryOptions, filter_items, project, sort_items};
use super::paging::{PageRules, collection_response, context_url};
use super::store::Tenant;

/// What `GET /me` and `GET /users` return without `$select` (graph-facts §3.7).
const DEFAULT_USER_PROPERTIES: &[&str] = &[
    "businessPhones",
    "displayName",
    "givenName",
    "id",
    "jobTitle",
    "mail",
    "mobilePhone",
    "officeLocation",
    "preferredLanguage",
    "surname",
    "userPrincipalName",
];
/// The basic profile, all `User.ReadBasic.All` reads of other users (permissions-reference,
/// "User permissions"; `id` always comes back). Graph answers the other properties selected,
/// or of the default set, as null (an empty list for a collection such as `businessPhones`):
/// microsoftgraph/microsoft-graph-docs issue 4993.
const BASIC_PROFILE: &[&str] = &["id", "displayName", "givenName", "surname", "mail", "userPrincipalName", "photo"];
/// Delegated permissions that read other users' full profiles.
const FULL_PROFILE_PERMISSIONS: &[&str] =
    &["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
/// Most results `/me/people?$search=` gives.
const PEOPLE_SEARCH_LIMIT: usize = 250;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/me", get(get_me))
        .route("/me/manager", get(get_my_manager))
        .route("/me/people", get(list_people))
        .route("/users", get(list_users))
        .route("/users/{user}", get(get_user))
        .route("/users/{user}/manager", get(get_manager))
        .route("/me/photo/$value", get(photo::my_photo))
        .route("/users/{user}/photo/$value", get(photo::user_photo))
        .route("/users/{user}/{*rest}", any(other_mailbox))
}

/// `$select` or the default property set; selected properties the user lacks come back null.
fn user_view(user: &Value, options: &QueryOptions) -> Value {
    let mut options = options.clone();
    let select =
        options.select.get_or_insert_with(|| DEFAULT_USER_PROPERTIES.iter().map(|s| (*s).to_owned()).collect()).clone();
    let mut view = project(user, &options);
    if let Some(map) = view.as_object_mut() {
        for name in select {
            if name != "*" && !map.keys().any(|k| k.eq_ignore_ascii_case(&name)) {
                map.insert(name, Value::Null);
            }
        }
    }
    view
}

/// Whether `principal` reads only the basic profile of users other than itself: a delegated
/// token holding `User.ReadBasic.All` and no permission that reads full profiles. (Application
/// permissions to the directory all read full profiles.)
fn basic_only(principal: Option<&Principal>) -> bool {
    let Some(Principal::User { scopes, .. }) = principal else { return false };
    let holds = |names: &[&str]| scopes.iter().any(|s| names.iter().any(|n| n.eq_ignore_ascii_case(s)));
    holds(&["User.ReadBasic.All"]) && !holds(FULL_PROFILE_PERMISSIONS)
}

/// `view` of `user` as `principal` may read it: another user's properties outside the basic
/// profile come back null (empty lists) for a basic-only token.
fn as_permitted(mut view: Value, user: &Value, tenant: &Tenant, principal: Option<&Principal>) -> Value {
    let is_me = user.get("id").and_then(Value::as_str) == Some(tenant.me_id.as_str());
    if is_me || !basic_only(principal) {
        return view;
    }
    if let Some(map) = view.as_object_mut() {
        for (name, value) in map.iter_mut() {
            if name.starts_with('@') || BASIC_PROFILE.iter().any(|b| b.eq_ignore_ascii_case(name)) {
                continue;
            }
            *value = if value.is_array() { Value::Array(Vec::new()) } else { Value::Null };
        }
    }
    view
}

fn find_user<'a>(tenant: &'a Tenant, id_or_upn: &str) -> Option<&'a Value> {
    tenant.users.get(id_or_upn).or_else(|| {
        tenant.users.iter().find(|u| {
            u.get("userPrincipalName").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case(id_or_upn))
        })
    })
}

fn entity(
    state: &SharedState,
    requested: &RequestedUri,
    tenant: &Tenant,
    principal: Option<&Principal>,
    user: &Value,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let mut view = as_permitted(user_view(user, &options), user, tenant, principal);
    view["@odata.context"] = Value::String(context_url(state, &requested.0, "users/$entity"));
    Ok(axum::Json(view).into_response())
}

async fn get_me(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    entity(&state, &requested, &tenant, None, tenant.me())
}

async fn get_user(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    principal: Option<Extension<Principal>>,
    Path(user): Path<String>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let found = find_user(&tenant, &user).ok_or_else(|| not_found(&user))?;
    entity(&state, &requested, &tenant, principal.as_deref(), found)
}

/// `GET /users/{id}/manager` (user-list-manager): the manager as a user; 404 when there is none.
async fn get_manager(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(user): Path<String>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let found = find_user(&tenant, &user).ok_or_else(|| not_found(&user))?;
    manager_of(&state, &requested, &tenant, found)
}

async fn get_my_manager(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    manager_of(&state, &requested, &tenant, tenant.me())
}

fn manager_of(state: &SharedState, requested: &RequestedUri, tenant: &Tenant, user: &Value) -> GraphResult<Response> {
    let manager = user
        .get("_managerId")
        .and_then(Value::as_str)
        .and_then(|id| tenant.users.get(id))
        .ok_or_else(|| not_found("manager"))?;
    let options = QueryOptions::from_uri(&requested.0)?;
    let mut view = user_view(manager, &options);
    view["@odata.type"] = Value::String("#microsoft.graph.user".into());
    view["@odata.context"] = Value::String(context_url(state, &requested.0, "directoryObjects/$entity"));
    Ok(axum::Json(view).into_response())
}

fn not_found(user: &str) -> GraphError {
    GraphError::new(
        StatusCode::NOT_FOUND,
        "Request_ResourceNotFound",
        format!("Resource '{user}' does not exist or one of its queried reference-property objects are not present."),
    )
}

/// `/users/{someone else}/...`: the simulator serves one mailbox, the owner's.
async fn other_mailbox(State(state): State<SharedState>, Path((user, _rest)): Path<(String, String)>) -> GraphError {
    let tenant = state.read_tenant();
    if find_user(&tenant, &user).is_none() {
        return GraphError::new(
            StatusCode::NOT_FOUND,
            "ErrorInvalidUser",
            format!("The requested user '{user}' is invalid."),
        );
    }
    GraphError::new(
        StatusCode::NOT_FOUND,
        "MailboxNotEnabledForRESTAPI",
        "The mailbox is either inactive, soft-deleted, or is hosted on-premise.",
    )
}

fn eventual(headers: &HeaderMap) -> bool {
    headers
        .get("ConsistencyLevel")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("eventual"))
}

async fn list_users(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    if options.search.is_some() && !eventual(&headers) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "Request_UnsupportedQuery",
            "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
        ));
    }
    // Directory collections page with $skiptoken only.
    if options.skip > 0 {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "Request_BadRequest",
            "'$skip' is not supported by the service.",
        ));
    }
    if options.count && !eventual(&headers) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "Request_BadRequest",
            "$count is not currently supported without the 'ConsistencyLevel: eventual' header.",
        ));
    }
    let tenant = state.read_tenant();
    let mut items = filter_items(tenant.users.iter(), &options, &["displayName"])?;
    sort_items(&mut items, &options)?;
    let principal = principal.as_deref();
    let views: Vec<Value> = items.iter().map(|u| as_permitted(user_view(u, &options), u, &tenant, principal)).collect();
    let refs: Vec<&Value> = views.iter().collect();
    let context = match &options.select {
        Some(select) => format!("users({})", select.join(",")),
        None => "users".to_owned(),
    };
    Ok(collection_response(&state, &requested.0, &options, PageRules::USERS, &refs, &context)?.into_response())
}

async fn list_people(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested.0)?;
    let tenant = state.read_tenant();
    let fields = ["displayName", "givenName", "surname", "userPrincipalName", "scoredEmailAddresses/address"];
    let mut items = filter_items(tenant.people.iter(), &options, &fields)?;
    sort_items(&mut items, &options)?;
    if options.search.is_some() {
        items.truncate(PEOPLE_SEARCH_LIMIT);
    }
    let context = format!("users('{}')/people", tenant.me_id);
    Ok(collection_response(&state, &requested.0, &options, PageRules::OUTLOOK, &items, &context)?.into_response())
}

mod photo;
#[cfg(test)]
mod tests;
