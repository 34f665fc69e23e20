//! The signed-in user, the directory and people (graph-facts §3.7).
use super::client::GraphClient;
use super::dto::{Person, User};
use super::error::GraphResult;
use super::paging::{collect, page_size};
use super::query::Query;
use super::request::Request;

/// Directory user pages hold at most 999 (graph-facts §2.4).
const USERS_MAX_PAGE: usize = 999;

/// The user the client addresses (`/me`, or `/users/{id}` for another resource).
pub async fn me(client: &GraphClient) -> GraphResult<User> {
    client.json(Request::get(client.resource().path())).await
}

/// Directory users, optionally searched by name or address. `$search` on the directory needs
/// `ConsistencyLevel: eventual` on every page, which `Request::follow` keeps.
pub async fn list_users(client: &GraphClient, search: Option<&str>, limit: Option<usize>) -> GraphResult<Vec<User>> {
    let mut query = Query::new().top(page_size(limit, USERS_MAX_PAGE) as u32);
    if let Some(text) = search {
        query = query.search_any([("displayName", text), ("mail", text)]);
    }
    let mut request = Request::get("users").with_query(query.to_pairs());
    if query.requires_eventual_consistency(true) {
        request = request.with_header("ConsistencyLevel", "eventual");
    }
    collect(client, request, limit).await
}

/// People relevant to the user, best first; with `search`, those matching it (address completion).
pub async fn people(client: &GraphClient, search: Option<&str>, limit: Option<usize>) -> GraphResult<Vec<Person>> {
    let mut query = Query::new().top(page_size(limit, 250) as u32);
    if let Some(text) = search {
        query = query.search(text);
    }
    collect(client, Request::get(client.resource_path("people")).with_query(query.to_pairs()), limit).await
}
