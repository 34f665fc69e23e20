//! The signed-in user, the directory and people (graph-facts §2.4, §2.5, §3.7;
//! learn.microsoft.com aad-advanced-queries, user-list-manager, user-list-people).
use super::client::GraphClient;
use super::dto::{Person, User};
use super::encode::encode_segment;
use super::error::{GraphError, GraphResult};
use super::paging::{collect, page_size};
use super::query::{Filter, Query};
use super::request::Request;

/// Directory user pages hold at most 999 (graph-facts §2.4).
const USERS_MAX_PAGE: usize = 999;

/// What a directory card shows; `/users` answers fewer properties without `$select`.
pub const CARD_PROPERTIES: &[&str] = &[
    "id",
    "displayName",
    "givenName",
    "surname",
    "mail",
    "userPrincipalName",
    "jobTitle",
    "department",
    "companyName",
    "officeLocation",
    "businessPhones",
    "mobilePhone",
    "preferredLanguage",
];

/// The personal-account (MSA) tenant: such accounts have no organisation directory.
pub const CONSUMER_TENANT_ID: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

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
    collect(client, directory_request(&query), limit).await
}

/// `GET /users` with `query`, and `ConsistencyLevel: eventual` when the query is an advanced
/// one (`$search`, `$count`): the header is not carried in nextLinks, so `Request::follow`
/// keeps it for every page (graph-facts §2.4).
pub fn directory_request(query: &Query) -> Request {
    let request = Request::get("users").with_query(query.to_pairs());
    if query.requires_eventual_consistency(true) {
        request.with_header("ConsistencyLevel", "eventual")
    } else {
        request
    }
}

/// The `$search` form of a directory search: a word of the name or the start of an address.
pub fn search_query(term: &str, top: u32) -> Query {
    Query::new()
        .search_any([("displayName", term), ("mail", term), ("userPrincipalName", term)])
        .select(CARD_PROPERTIES.iter().copied())
        .top(top)
}

/// The basic-query form, for a directory that refuses `$search`: names and addresses starting
/// with the term.
pub fn startswith_query(term: &str, top: u32) -> Query {
    let filter = ["displayName", "givenName", "surname", "mail", "userPrincipalName"]
        .into_iter()
        .map(|property| Filter::starts_with(property, term))
        .reduce(Filter::or)
        .expect("a non-empty list");
    Query::new().filter(filter).select(CARD_PROPERTIES.iter().copied()).top(top)
}

/// Whether an answer to a `$search` is the directory refusing the search itself (an unsupported
/// advanced query, e.g. in a tenant without it), so the `startswith` form may still work. A
/// missing permission (403) or anything else is not.
pub fn search_refused(error: &GraphError) -> bool {
    error.api().is_some_and(|api| {
        api.status == 400
            && ["Request_UnsupportedQuery", "Request_BadRequest", "BadRequest"].iter().any(|c| api.has_code(c))
    })
}

/// Colleagues matching `term` (a word of the name, the start of an address): `$search` with
/// `ConsistencyLevel: eventual`, or, where the directory refuses that, `startswith` filters.
pub async fn search_users(client: &GraphClient, term: &str, limit: Option<usize>) -> GraphResult<Vec<User>> {
    let top = page_size(limit, USERS_MAX_PAGE) as u32;
    match collect(client, directory_request(&search_query(term, top)), limit).await {
        Err(error) if search_refused(&error) => {
            tracing::debug!("the directory refused $search ({error}); searching with startswith");
            collect(client, directory_request(&startswith_query(term, top)), limit).await
        }
        other => other,
    }
}

/// One directory user by id, user principal name or address, with the card's properties. It
/// is looked up through `GET /users?$filter=...` (the directory permission, User.ReadBasic.All)
/// rather than `GET /users/{id}`, so one request takes any of the three.
pub async fn get_user(client: &GraphClient, wanted: &str) -> GraphResult<User> {
    let wanted = wanted.trim();
    let filter = Filter::eq("userPrincipalName", wanted).or(Filter::eq("mail", wanted));
    // An id is a GUID; comparing `id` with anything else is a 400 in the directory.
    let filter = if uuid_like(wanted) { Filter::eq("id", wanted).or(filter) } else { filter };
    let query = Query::new().filter(filter).select(CARD_PROPERTIES.iter().copied()).top(2);
    let mut found: Vec<User> = collect(client, directory_request(&query), Some(2)).await?;
    match found.len() {
        0 => Err(GraphError::NotFound(format!("no one in the directory is `{wanted}` (try `o365 users search`)"))),
        _ => Ok(found.remove(0)),
    }
}

fn uuid_like(text: &str) -> bool {
    text.len() == 36 && text.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// The user's manager (`GET /users/{id}/manager`), `None` when they have none (404).
pub async fn get_manager(client: &GraphClient, id_or_upn: &str) -> GraphResult<Option<User>> {
    let request = Request::get(format!("users/{}/manager", encode_segment(id_or_upn)))
        .with_query(Query::new().select(CARD_PROPERTIES.iter().copied()).to_pairs());
    match client.json(request).await {
        Ok(manager) => Ok(Some(manager)),
        Err(error) if error.is_not_found() => Ok(None),
        Err(error) => Err(error),
    }
}

/// People relevant to the user, best first; with `search`, those matching it (address completion).
pub async fn people(client: &GraphClient, search: Option<&str>, limit: Option<usize>) -> GraphResult<Vec<Person>> {
    let mut query = Query::new().top(page_size(limit, 250) as u32);
    if let Some(text) = search {
        query = query.search(text);
    }
    collect(client, Request::get(client.resource_path("people")).with_query(query.to_pairs()), limit).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_needs_eventual_consistency_and_startswith_does_not() {
        let search = directory_request(&search_query("ann o'neil", 25));
        let pairs = search_query("ann o'neil", 25).to_pairs();
        assert!(pairs.iter().any(|(k, v)| k == "$search" && v.contains("\"displayName:ann o'neil\"")), "{pairs:?}");
        assert!(search.headers.iter().any(|(k, v)| k == "ConsistencyLevel" && v == "eventual"));
        let filter = startswith_query("ann o'neil", 25).to_pairs();
        let (_, text) = filter.iter().find(|(k, _)| k == "$filter").unwrap();
        assert!(text.contains("startswith(displayName, 'ann o''neil')"), "{text}");
        assert!(!startswith_query("x", 5).requires_eventual_consistency(true));
    }
}
