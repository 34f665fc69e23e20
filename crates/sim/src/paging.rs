//! Collection responses with server-driven paging: `$top` clamped to the resource's maximum,
//! `@odata.nextLink` carrying `$skip` or `$skiptoken`, `@odata.count` (graph-facts §2.4).
use axum::Json;
use axum::http::{HeaderMap, Uri};
use base64::Engine;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::SimState;
use super::errors::{GraphError, GraphResult};
use super::odata::{QueryOptions, project};

/// How a collection pages.
#[derive(Debug, Clone, Copy)]
pub enum PageToken {
    /// Outlook style: `$skip=N` in the nextLink.
    Skip,
    /// OneDrive/directory style: an opaque `$skiptoken`.
    SkipToken,
}

#[derive(Debug, Clone, Copy)]
pub struct PageRules {
    pub default_size: usize,
    pub max_size: usize,
    pub token: PageToken,
}

impl PageRules {
    /// Messages: 10 by default, 1000 at most, `$skip`.
    pub const MESSAGES: PageRules = PageRules { default_size: 10, max_size: 1000, token: PageToken::Skip };
    /// Other Outlook collections (folders, events, contacts, To Do): 10 by default, `$skip`.
    pub const OUTLOOK: PageRules = PageRules { default_size: 10, max_size: 1000, token: PageToken::Skip };
    /// Drive children: 200 by default, 1000 at most, `$skiptoken`.
    pub const DRIVE: PageRules = PageRules { default_size: 200, max_size: 1000, token: PageToken::SkipToken };
    /// Directory users: 100 by default, 999 at most, `$skiptoken`.
    pub const USERS: PageRules = PageRules { default_size: 100, max_size: 999, token: PageToken::SkipToken };

    /// These rules with the page size a client asked for with `Prefer: odata.maxpagesize`
    /// (graph-facts §2.6: honoured by delta endpoints), capped at `max_size`.
    pub fn with_preferred_size(self, preferred: Option<usize>) -> Self {
        match preferred {
            Some(n) if n >= 1 => PageRules { default_size: n.min(self.max_size), ..self },
            _ => self,
        }
    }
}

/// The `odata.maxpagesize=N` preference from the request's `Prefer` headers, if any.
pub fn preferred_page_size(headers: &HeaderMap) -> Option<usize> {
    prefer_values(headers).find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim().eq_ignore_ascii_case("odata.maxpagesize").then(|| value.trim().trim_matches('"').parse().ok())?
    })
}

/// Every preference in the request's `Prefer` headers (separate headers or comma-joined).
pub fn prefer_values(headers: &HeaderMap) -> impl Iterator<Item = String> + '_ {
    headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(',').map(|p| p.trim().to_owned()).collect::<Vec<_>>())
}

/// The Graph root the request came in under, e.g. `http://127.0.0.1:PORT/graph/v1.0`.
pub fn graph_root(state: &SimState, uri: &Uri) -> String {
    let version = if uri.path().starts_with("/graph/beta") { "beta" } else { "v1.0" };
    format!("{}/graph/{version}", state.urls.origin)
}

/// `@odata.context`: a full URL is kept; a fragment like `users('id')/messages` is put
/// behind `{graph root}/$metadata#`.
pub fn context_url(state: &SimState, uri: &Uri, context: &str) -> String {
    if context.starts_with("http://") || context.starts_with("https://") {
        context.to_owned()
    } else {
        format!("{}/$metadata#{}", graph_root(state, uri), context.trim_start_matches('#'))
    }
}

/// Where a request's page starts (`$skip` plus the offset in a `$skiptoken` this simulator
/// issued) and how many items it holds (`$top` capped at the resource's maximum).
pub fn page_window(options: &QueryOptions, rules: PageRules) -> GraphResult<(usize, usize)> {
    let from_token = options.skiptoken.as_deref().map(decode_skiptoken).transpose()?.unwrap_or(0);
    let offset = options.skip.saturating_add(from_token);
    let size = options.top.map_or(rules.default_size, |t| t.min(rules.max_size)).max(1);
    Ok((offset, size))
}

/// One page of `items` (already filtered and sorted) for this request: the slice chosen by
/// `$skip`/`$skiptoken` and `$top`, each item projected with `odata::project`, the
/// `@odata.context` given, `@odata.count` when asked, and an absolute `@odata.nextLink` built
/// from the request URL (every other query option kept) when more items remain.
pub fn collection_response(
    state: &SimState,
    uri: &Uri,
    options: &QueryOptions,
    rules: PageRules,
    items: &[&Value],
    context: &str,
) -> GraphResult<Json<Value>> {
    let (offset, size) = page_window(options, rules)?;
    let end = offset.saturating_add(size).min(items.len());
    let page: Vec<Value> =
        items.get(offset.min(items.len())..end).unwrap_or(&[]).iter().map(|v| project(v, options)).collect();
    let next = (end < items.len()).then_some(NextPage::Offset(end));
    let cut = CutPage { items: page, next, count: Some(items.len()) };
    Ok(page_response(state, uri, options, rules, cut, context))
}

/// Where the page after this one starts.
#[derive(Debug, Clone)]
pub enum NextPage {
    /// At this offset (`$skip`, or a `$skiptoken` holding it).
    Offset(usize),
    /// Just after this position (an opaque `$skiptoken` cursor, see `encode_after`).
    After(String),
}

/// A page already cut from its collection, its items projected.
#[derive(Debug, Default)]
pub struct CutPage {
    pub items: Vec<Value>,
    /// Where the following page starts; none on the last page.
    pub next: Option<NextPage>,
    /// The size of the whole collection, when known (given as `@odata.count` when asked for).
    pub count: Option<usize>,
}

/// The answer for a page already cut.
pub fn page_response(
    state: &SimState,
    uri: &Uri,
    options: &QueryOptions,
    rules: PageRules,
    cut: CutPage,
    context: &str,
) -> Json<Value> {
    let CutPage { items: page, next, count } = cut;
    let mut body = Map::new();
    body.insert("@odata.context".into(), Value::String(context_url(state, uri, context)));
    // Directory objects give the count on the first page only (graph-facts §2.4).
    let first_page = options.skiptoken.is_none();
    if let Some(count) = count
        && options.count
        && (first_page || matches!(rules.token, PageToken::Skip))
    {
        body.insert("@odata.count".into(), Value::from(count));
    }
    let next = match next {
        Some(NextPage::Offset(offset)) => Some(next_link(state, uri, rules.token, offset)),
        Some(NextPage::After(position)) => {
            Some(link_with(state, uri, &format!("$skiptoken={}", encode_after(&position))))
        }
        None => None,
    };
    if let Some(next) = next {
        body.insert("@odata.nextLink".into(), Value::String(next));
    }
    body.insert("value".into(), Value::Array(page));
    Json(Value::Object(body))
}

/// The request URL made absolute, with `$skip`/`$skiptoken` replaced to start at `offset`.
pub fn next_link(state: &SimState, uri: &Uri, token: PageToken, offset: usize) -> String {
    let added = match token {
        PageToken::Skip => format!("$skip={offset}"),
        PageToken::SkipToken => format!("$skiptoken={}", encode_skiptoken(offset)),
    };
    link_with(state, uri, &added)
}

/// The request URL made absolute, its `$skip`/`$skiptoken` replaced by `added`.
pub fn link_with(state: &SimState, uri: &Uri, added: &str) -> String {
    let mut pairs: Vec<&str> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| {
            let key = url::form_urlencoded::parse(pair.as_bytes()).next().map(|(k, _)| k.to_ascii_lowercase());
            !pair.is_empty() && !matches!(key.as_deref(), Some("$skip") | Some("$skiptoken"))
        })
        .collect();
    pairs.push(added);
    format!("{}{}?{}", state.urls.origin, uri.path(), pairs.join("&"))
}

const TOKEN_PREFIX: &str = "o365sim-page";

fn token_check(offset: usize) -> String {
    let digest = Sha256::digest(format!("{TOKEN_PREFIX}:{offset}").as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// An opaque token for a page that starts at `offset`.
pub fn encode_skiptoken(offset: usize) -> String {
    let raw = format!("{TOKEN_PREFIX}:{offset}:{}", token_check(offset));
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}

const AFTER_PREFIX: &str = "o365sim-after";

/// An opaque token for the page that starts just after `position` (a cursor: items added or
/// removed before it between pages shift nothing, as with OneDrive's tokens).
pub fn encode_after(position: &str) -> String {
    let raw = format!("{AFTER_PREFIX}:{}:{position}", token_check_text(position));
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}

/// The position inside a cursor token this simulator issued, if it is one.
pub fn decode_after(token: &str) -> Option<String> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
    let raw = String::from_utf8(raw).ok()?;
    let rest = raw.strip_prefix(AFTER_PREFIX)?.strip_prefix(':')?;
    let (check, position) = rest.split_once(':')?;
    (check == token_check_text(position)).then(|| position.to_owned())
}

fn token_check_text(position: &str) -> String {
    let digest = Sha256::digest(format!("{AFTER_PREFIX}:{position}").as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// The offset inside a token this simulator issued; anything else is a 400.
pub fn decode_skiptoken(token: &str) -> GraphResult<usize> {
    let invalid = || GraphError::bad_request(format!("Invalid $skiptoken value '{token}'."));
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token.trim()).map_err(|_| invalid())?;
    let raw = String::from_utf8(raw).map_err(|_| invalid())?;
    let mut parts = raw.split(':');
    let (Some(prefix), Some(offset), Some(check), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    let offset: usize = offset.parse().map_err(|_| invalid())?;
    if prefix != TOKEN_PREFIX || check != token_check(offset) {
        return Err(invalid());
    }
    Ok(offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::testing::bare_state;
    use serde_json::json;

    fn page(state: &SimState, uri: &str, rules: PageRules, items: &[&Value]) -> GraphResult<Value> {
        let uri: Uri = uri.parse().unwrap();
        let options = QueryOptions::from_uri(&uri)?;
        collection_response(state, &uri, &options, rules, items, "users('me')/messages").map(|j| j.0)
    }

    #[test]
    fn follows_next_links_to_the_end() {
        let state = bare_state();
        let data: Vec<Value> = (0..25).map(|i| json!({"id": format!("m{i}"), "n": i})).collect();
        let items: Vec<&Value> = data.iter().collect();
        for (rules, start) in [
            (PageRules::OUTLOOK, "/graph/v1.0/users/a%40b/messages?$select=n&$top=7"),
            (PageRules::USERS, "/graph/v1.0/users?$select=n&$top=7"),
        ] {
            let mut url = start.to_owned();
            let mut seen = Vec::new();
            let mut pages = 0;
            loop {
                let body = page(&state, &url, rules, &items).unwrap();
                pages += 1;
                assert!(
                    body["@odata.context"].as_str().unwrap().ends_with("/graph/v1.0/$metadata#users('me')/messages")
                );
                seen.extend(body["value"].as_array().unwrap().iter().map(|v| v["n"].as_i64().unwrap()));
                let Some(next) = body["@odata.nextLink"].as_str() else { break };
                let next = next.strip_prefix(&state.urls.origin).expect("absolute nextLink");
                assert!(next.contains("$select=n") && next.contains("$top=7"), "{next}");
                url = next.to_owned();
            }
            assert_eq!(pages, 4);
            assert_eq!(seen, (0..25).collect::<Vec<_>>());
        }
    }

    #[test]
    fn top_is_clamped_and_count_given() {
        let state = bare_state();
        let data: Vec<Value> = (0..1200).map(|i| json!({"id": format!("u{i}")})).collect();
        let items: Vec<&Value> = data.iter().collect();
        let body = page(&state, "/graph/v1.0/users?$top=5000&$count=true", PageRules::USERS, &items).unwrap();
        assert_eq!(body["value"].as_array().unwrap().len(), 999);
        assert_eq!(body["@odata.count"], 1200);
        let next = body["@odata.nextLink"].as_str().unwrap();
        assert!(next.contains("$skiptoken=") && !next.contains("$skip="), "{next}");
        let body = page(&state, "/graph/v1.0/users", PageRules::USERS, &items).unwrap();
        assert_eq!(body["value"].as_array().unwrap().len(), 100);
        assert!(body.get("@odata.count").is_none());
    }

    #[test]
    fn forged_skiptokens_are_rejected() {
        let state = bare_state();
        let data: Vec<Value> = (0..3).map(|i| json!({"id": format!("u{i}")})).collect();
        let items: Vec<&Value> = data.iter().collect();
        let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("o365sim-page:2:00000000");
        for token in ["abc", "X%27445%27", forged.as_str()] {
            let err =
                page(&state, &format!("/graph/v1.0/users?$skiptoken={token}"), PageRules::USERS, &items).unwrap_err();
            assert_eq!(err.status, 400, "{token}");
        }
        let good = encode_skiptoken(2);
        let body = page(&state, &format!("/graph/v1.0/users?$skiptoken={good}"), PageRules::USERS, &items).unwrap();
        assert_eq!(body["value"], json!([{"id": "u2"}]));
        assert!(body.get("@odata.nextLink").is_none());
    }

    #[test]
    fn prefer_maxpagesize() {
        let mut headers = HeaderMap::new();
        headers.append("Prefer", "outlook.timezone=\"UTC\", odata.maxpagesize=3".parse().unwrap());
        assert_eq!(preferred_page_size(&headers), Some(3));
        assert_eq!(PageRules::MESSAGES.with_preferred_size(Some(5000)).default_size, 1000);
    }
}
