//! Delta queries (graph-facts §2.8): a round starts at a resource's `/delta` (everything) or at
//! the `@odata.deltaLink` a previous round ended with (only what changed), follows
//! `@odata.nextLink` page by page, and ends with a new deltaLink. Each page splits into items
//! (new or changed) and the ids of removed ones (`@removed`, or a drive item's `deleted` facet).
//!
//! A sync state the service no longer has (410 or another 4xx whose code is `syncStateNotFound`,
//! `resyncRequired` or `resync…`) is its own error, `DeltaError::ResyncRequired`, so a caller
//! starts that one resource over and leaves the others alone.
use futures::Stream;
use futures::stream::{self, TryStreamExt};
use serde::de::DeserializeOwned;

use super::client::GraphClient;
use super::dto::Page;
use super::error::{ApiError, GraphError};
use super::paging::follow_link;
use super::request::Request;

/// An item of a delta page: its id, and whether the page says it is gone.
pub trait DeltaItem {
    fn delta_id(&self) -> &str;
    fn is_removed(&self) -> bool;
}

impl DeltaItem for crate::dto::Message {
    fn delta_id(&self) -> &str {
        &self.id
    }
    fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

impl DeltaItem for crate::dto::MailFolder {
    fn delta_id(&self) -> &str {
        &self.id
    }
    fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

impl DeltaItem for crate::dto::TodoTaskList {
    fn delta_id(&self) -> &str {
        &self.id
    }
    fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

impl DeltaItem for crate::dto::TodoTask {
    fn delta_id(&self) -> &str {
        &self.id
    }
    fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

impl DeltaItem for crate::dto::Contact {
    fn delta_id(&self) -> &str {
        &self.id
    }
    fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

impl DeltaItem for crate::dto::ContactFolder {
    fn delta_id(&self) -> &str {
        &self.id
    }
    fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

impl DeltaItem for crate::dto::Event {
    fn delta_id(&self) -> &str {
        &self.id
    }
    fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

/// A drive item says it is gone with its `deleted` facet, not `@removed`.
impl DeltaItem for crate::dto::DriveItem {
    fn delta_id(&self) -> &str {
        &self.id
    }
    fn is_removed(&self) -> bool {
        self.deleted.is_some()
    }
}

/// What went wrong in a delta round.
#[derive(Debug, thiserror::Error)]
pub enum DeltaError {
    /// The service no longer has the sync state behind the link: drop it and start this resource
    /// over with a full round.
    #[error("the service no longer knows this sync state ({0}): a full resync is needed")]
    ResyncRequired(Box<ApiError>),
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl DeltaError {
    /// A `GraphError` classified: a lost sync state becomes `ResyncRequired`.
    pub fn classify(error: GraphError) -> Self {
        match error.api() {
            Some(api) if needs_resync(api) => DeltaError::ResyncRequired(Box::new(api.clone())),
            _ => DeltaError::Graph(error),
        }
    }
}

/// Whether an error answer means "start over" (graph-facts §2.8: Outlook's expired tokens come as
/// 410, sometimes 400 or 404, with `syncStateNotFound`; drive's as 410 `resyncRequired` or
/// `resync…`). Codes are compared in any case.
pub fn needs_resync(api: &ApiError) -> bool {
    let code_says = |c: &str| {
        let c = c.to_ascii_lowercase();
        c == "syncstatenotfound" || c.starts_with("resync")
    };
    let by_code =
        matches!(api.status, 400 | 404 | 410) && (code_says(&api.code) || api.inner_codes.iter().any(|c| code_says(c)));
    // A bare 410 Gone on a delta link means the same.
    by_code || (api.status == 410 && !api.code.eq_ignore_ascii_case("itemNotFound"))
}

/// One page of a round.
#[derive(Debug)]
pub struct DeltaPage<T> {
    /// New or changed items.
    pub items: Vec<T>,
    /// Ids of items deleted or moved out.
    pub removed: Vec<String>,
    /// Set on the last page: where the next round starts.
    pub delta_link: Option<String>,
}

/// A whole round, collected.
#[derive(Debug)]
pub struct DeltaRound<T> {
    pub items: Vec<T>,
    pub removed: Vec<String>,
    pub delta_link: String,
    /// HTTP requests the round took.
    pub pages: usize,
}

/// The request that resumes from a stored deltaLink, with `template`'s headers (the page size
/// preference), refused unless the link is on the Graph host.
pub fn resume(client: &GraphClient, template: &Request, delta_link: &str) -> Result<Request, DeltaError> {
    follow_link(client, template, delta_link).map_err(DeltaError::Graph)
}

/// The pages of a round from `first` (a `/delta` request, or `resume`'s), ending after the page
/// with the deltaLink. A round whose last page has neither link is an error: nothing would say
/// where the next one starts.
pub fn pages<T>(client: GraphClient, first: Request) -> impl Stream<Item = Result<DeltaPage<T>, DeltaError>> + Send
where
    T: DeserializeOwned + DeltaItem + Send + 'static,
{
    stream::try_unfold(Some(first), move |next| {
        let client = client.clone();
        async move {
            let Some(request) = next else { return Ok(None) };
            let page: Page<T> = client.json(request.clone()).await.map_err(DeltaError::classify)?;
            let following = match (&page.next_link, &page.delta_link) {
                (Some(link), _) => Some(follow_link(&client, &request, link)?),
                (None, Some(_)) => None,
                (None, None) => {
                    return Err(DeltaError::Graph(GraphError::Decode {
                        url: request_url(&client, &request),
                        reason: "a delta page with neither @odata.nextLink nor @odata.deltaLink".into(),
                    }));
                }
            };
            let (removed, items): (Vec<T>, Vec<T>) = page.value.into_iter().partition(DeltaItem::is_removed);
            let removed = removed.iter().map(|item| item.delta_id().to_owned()).collect();
            Ok(Some((DeltaPage { items, removed, delta_link: page.delta_link }, following)))
        }
    })
}

/// The request's URL for an error message, its query left out (it holds the tokens).
fn request_url(client: &GraphClient, request: &Request) -> String {
    match &request.target {
        crate::request::Target::Url(url) => crate::client::redact_query(url),
        crate::request::Target::Path(path) => {
            client.url(path).map_or_else(|_| path.clone(), |url| crate::client::redact_query(&url))
        }
    }
}

/// Every page of a round, collected (for small resources; large ones apply pages as they come).
pub async fn round<T>(client: &GraphClient, first: Request) -> Result<DeltaRound<T>, DeltaError>
where
    T: DeserializeOwned + DeltaItem + Send + 'static,
{
    let mut out = DeltaRound { items: Vec::new(), removed: Vec::new(), delta_link: String::new(), pages: 0 };
    let mut all = std::pin::pin!(pages::<T>(client.clone(), first));
    while let Some(page) = all.try_next().await? {
        out.pages += 1;
        out.items.extend(page.items);
        out.removed.extend(page.removed);
        if let Some(link) = page.delta_link {
            out.delta_link = link;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, code: &str) -> ApiError {
        let body = format!(r#"{{"error":{{"code":"{code}","message":"x"}}}}"#);
        ApiError::from_body(status, body.as_bytes(), None)
    }

    #[test]
    fn lost_sync_states_need_a_resync_and_other_errors_do_not() {
        for (status, code) in
            [(410, "syncStateNotFound"), (400, "SyncStateNotFound"), (410, "resyncRequired"), (410, "Gone")]
        {
            assert!(needs_resync(&api(status, code)), "{status} {code}");
        }
        for (status, code) in
            [(404, "ErrorItemNotFound"), (400, "BadRequest"), (503, "serviceNotAvailable"), (410, "itemNotFound")]
        {
            assert!(!needs_resync(&api(status, code)), "{status} {code}");
        }
    }
}
