//! Server-driven paging as an async stream: follows `@odata.nextLink` exactly as given until
//! there is none or the caller's limit is reached (graph-facts §2.4).
use futures::Stream;
use futures::stream::{self, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;
use url::Url;

use super::client::GraphClient;
pub use super::dto::Page;
use super::error::{GraphError, GraphResult};
use super::request::Request;

/// Pages of a collection, starting with `first` and following nextLinks. A nextLink that
/// points away from the Graph host ends the stream with an error rather than receive the token;
/// the page that carried it is still yielded first.
pub fn pages<T>(client: GraphClient, first: Request) -> impl Stream<Item = GraphResult<Page<T>>> + Send
where
    T: DeserializeOwned + Send + 'static,
{
    stream::try_unfold(Next::Fetch(Box::new(first)), move |next| {
        let client = client.clone();
        async move {
            let request = match next {
                Next::Fetch(request) => *request,
                Next::Fail(error) => return Err(error),
                Next::Done => return Ok(None),
            };
            let page: Page<T> = client.json(request.clone()).await?;
            let following = match &page.next_link {
                Some(link) => match follow_link(&client, &request, link) {
                    Ok(request) => Next::Fetch(Box::new(request)),
                    Err(error) => Next::Fail(error),
                },
                None => Next::Done,
            };
            Ok(Some((page, following)))
        }
    })
}

/// What `pages` does after yielding a page. A bad nextLink is reported after the page that
/// carried it, so a caller whose limit that page reaches never sees the error.
enum Next {
    /// Boxed: a request is far larger than an error.
    Fetch(Box<Request>),
    Fail(GraphError),
    Done,
}

/// The request for the page behind `link`, with `request`'s headers, refused unless the link
/// points at the Graph host (graph-facts §2.4: the token must not go elsewhere).
pub fn follow_link(client: &GraphClient, request: &Request, link: &str) -> GraphResult<Request> {
    let url = Url::parse(link).map_err(|e| GraphError::Decode {
        url: link.to_owned(),
        reason: format!("@odata.nextLink is not a URL: {e}"),
    })?;
    if !client.is_graph_url(&url) {
        return Err(GraphError::Refused(format!(
            "@odata.nextLink leads to {}, not the Graph host; stopped paging",
            url.origin().ascii_serialization()
        )));
    }
    Ok(request.follow(url))
}

/// `link` (a nextLink) asking for pages of `top` items: a client walking a collection to its end
/// asks for the largest page the service allows, not its first screen's size. Only `$top`
/// changes; every other option, and the `$skip` or `$skiptoken` that holds the position, stay
/// byte for byte as the service wrote them (graph-facts §2.4).
pub fn with_page_size(link: &str, top: usize) -> String {
    let (base, query) = link.split_once('?').unwrap_or((link, ""));
    let is_top = |pair: &&str| {
        let name = pair.split('=').next().unwrap_or("");
        name.eq_ignore_ascii_case("$top") || name.eq_ignore_ascii_case("%24top")
    };
    let mut pairs: Vec<String> = query.split('&').filter(|p| !p.is_empty() && !is_top(p)).map(str::to_owned).collect();
    pairs.push(format!("$top={top}"));
    format!("{base}?{}", pairs.join("&"))
}

/// The items of a collection, one by one, stopping after `limit` items (`None` = all). No
/// page beyond the one that reaches the limit is requested.
pub fn items<T>(client: GraphClient, first: Request, limit: Option<usize>) -> impl Stream<Item = GraphResult<T>> + Send
where
    T: DeserializeOwned + Send + 'static,
{
    let all = pages::<T>(client, first).map_ok(|page| stream::iter(page.value.into_iter().map(Ok))).try_flatten();
    all.take(limit.unwrap_or(usize::MAX))
}

/// Every item up to `limit`, collected.
pub async fn collect<T>(client: &GraphClient, first: Request, limit: Option<usize>) -> GraphResult<Vec<T>>
where
    T: DeserializeOwned + Send + 'static,
{
    items(client.clone(), first, limit).try_collect().await
}

/// The `$top` to ask for: the caller's limit when it fits in one page, else the resource's
/// documented maximum, so a long listing takes as few round trips as the service allows.
pub fn page_size(limit: Option<usize>, max: usize) -> usize {
    match limit {
        Some(n) if n > 0 => n.min(max),
        _ => max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_to_the_end_changes_only_the_page_size() {
        let link = "https://g/v1.0/me/mailFolders/inbox/messages?$select=id%2Csubject&%24top=100&$skip=300";
        assert_eq!(
            with_page_size(link, 1000),
            "https://g/v1.0/me/mailFolders/inbox/messages?$select=id%2Csubject&$skip=300&$top=1000"
        );
        assert_eq!(with_page_size("https://g/x?$skiptoken=abc", 999), "https://g/x?$skiptoken=abc&$top=999");
        assert_eq!(with_page_size("https://g/x", 5), "https://g/x?$top=5");
    }

    #[test]
    fn page_size_is_clamped_to_the_maximum() {
        assert_eq!(page_size(Some(25), 1000), 25);
        assert_eq!(page_size(Some(5000), 1000), 1000);
        assert_eq!(page_size(None, 999), 999);
        assert_eq!(page_size(Some(0), 200), 200);
    }

    #[test]
    fn page_body_tolerates_missing_value_and_reads_links() {
        let p: Page<serde_json::Value> =
            serde_json::from_str(r#"{"@odata.nextLink":"https://g/x?$skip=10","@odata.count":3}"#).unwrap();
        assert!(p.value.is_empty());
        assert_eq!(p.next_link.as_deref(), Some("https://g/x?$skip=10"));
        assert_eq!(p.count, Some(3));
    }
}
