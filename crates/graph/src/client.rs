//! The Graph HTTP client: builds requests against a configurable Graph root, attaches the bearer
//! token, refreshes once on 401, waits out throttling, retries what is safe to retry, and turns
//! Graph's error bodies into `GraphError`.
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::time::Instant;
use url::Url;

use super::auth::{AccessToken, TokenProvider};
use super::budget::{BudgetState, BudgetStates, Budgets, MAILBOX_CONCURRENCY, mailbox_key};
use super::encode::encode_query_part;
use super::error::{ApiError, GraphError, GraphResult};
use super::lazy_http::LazyHttp;
use super::permissions::{MissingPermission, missing_permission};
use super::request::{Body, Request, Target};
use super::resource::Resource;
use super::retry::{Decision, Outcome, RetryPolicy, RetryWait, parse_retry_after};
use super::transport::{capped_timeout, lazy_http, parse_base, transport_error, transport_outcome};
pub use super::transport::{is_loopback, redact_query};

/// The global Graph root; national clouds and `beta` are set through `ClientOptions::graph_url`.
pub const DEFAULT_GRAPH_URL: &str = "https://graph.microsoft.com/v1.0";

/// How a client talks to Graph.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Graph root including the version, e.g. `https://graph.microsoft.com/v1.0`.
    pub graph_url: String,
    /// Whose data calls address by default.
    pub resource: Resource,
    /// Limit for one API call (downloads are limited by `timeout` between reads instead).
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// Minimum time between the starts of two requests (python-o365's `requests_delay`).
    pub requests_delay: Duration,
    /// Proxy for every request; without one the usual `HTTPS_PROXY`/`NO_PROXY` variables apply.
    pub proxy: Option<String>,
    /// IANA or Windows zone sent as `Prefer: outlook.timezone` so event times come in it.
    pub timezone: Option<String>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            graph_url: DEFAULT_GRAPH_URL.to_owned(),
            resource: Resource::Me,
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            requests_delay: Duration::ZERO,
            proxy: None,
            timezone: None,
        }
    }
}

/// A complete answer: status, headers and the whole body.
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub url: Url,
}

impl RawResponse {
    /// The body as `T`, or a decode error naming the URL.
    pub fn json<T: DeserializeOwned>(&self) -> GraphResult<T> {
        serde_json::from_slice(&self.body)
            .map_err(|e| GraphError::Decode { url: redact_query(&self.url), reason: e.to_string() })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A cheap-to-clone handle; clones share the connection pool, the token provider and pacing.
#[derive(Clone)]
pub struct GraphClient {
    inner: Arc<Inner>,
    resource: Resource,
}

struct Inner {
    http: LazyHttp,
    base: Url,
    tokens: Arc<dyn TokenProvider>,
    options: ClientOptions,
    /// When the last request started, for `requests_delay`.
    last_start: tokio::sync::Mutex<Option<Instant>>,
    /// Told of every wait before a retry (`observe_waits`).
    wait_observer: std::sync::RwLock<Option<WaitObserver>>,
    /// Requests in flight per mailbox, and the pauses 429s asked for (`budget`).
    budgets: Arc<Budgets>,
}

/// What `GraphClient::observe_waits` takes.
pub type WaitObserver = Arc<dyn Fn(&RetryWait) + Send + Sync>;

impl std::fmt::Debug for GraphClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphClient")
            .field("base", &self.inner.base.as_str())
            .field("resource", &self.resource)
            .finish()
    }
}

impl GraphClient {
    pub fn new(options: ClientOptions, tokens: Arc<dyn TokenProvider>) -> GraphResult<Self> {
        let base = parse_base(&options.graph_url)?;
        let http = lazy_http(&options, &base)?;
        let resource = options.resource.clone();
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                base,
                tokens,
                options,
                last_start: tokio::sync::Mutex::new(None),
                wait_observer: std::sync::RwLock::new(None),
                budgets: Budgets::new(MAILBOX_CONCURRENCY),
            }),
            resource,
        })
    }

    /// The same client addressing another user, group or site.
    pub fn with_resource(&self, resource: Resource) -> Self {
        Self { inner: self.inner.clone(), resource }
    }

    pub fn resource(&self) -> &Resource {
        &self.resource
    }

    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// Calls `observer` before every wait for a retry (throttling, a failure backed off), from
    /// whichever task is waiting: so a command can say "throttled by the service, retrying in
    /// 100 s" instead of sitting silent. Every clone of this client shares it; a second call
    /// replaces the first.
    pub fn observe_waits(&self, observer: impl Fn(&RetryWait) + Send + Sync + 'static) {
        let mut slot = self.inner.wait_observer.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        *slot = Some(Arc::new(observer));
    }

    /// Follows the request budget of every mailbox this client (or a clone) talks to: how
    /// many requests are in flight and waiting, and until when a 429 paused it.
    pub fn watch_budgets(&self) -> tokio::sync::watch::Receiver<BudgetStates> {
        self.inner.budgets.subscribe()
    }

    /// The budget of the mailbox a request to `path` (under the Graph root) counts against.
    pub fn budget(&self, path: &str) -> GraphResult<BudgetState> {
        Ok(self.inner.budgets.state(&mailbox_key(&self.inner.base, &self.url(path)?)))
    }

    /// The wait before retry number `retry`, checked against the request's budget (`waited` so
    /// far) and announced; an error when it would pass `max_total_wait`.
    pub(crate) fn before_retry(
        &self,
        waited: Duration,
        wait: Duration,
        throttled: bool,
        retry: u32,
        last: GraphError,
    ) -> GraphResult<()> {
        let policy = &self.inner.options.retry;
        if wait > policy.max_retry_after || waited.saturating_add(wait) > policy.max_total_wait {
            return Err(GraphError::GaveUpWaiting {
                throttled,
                waited,
                next: wait,
                limit: policy.max_total_wait,
                last: Box::new(last),
            });
        }
        let observer = self.inner.wait_observer.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        if let Some(observer) = observer {
            observer(&RetryWait { wait, throttled, retry });
        }
        Ok(())
    }

    /// `rest` under the client's resource: `messages` → `me/messages`.
    pub fn resource_path(&self, rest: &str) -> String {
        format!("{}/{}", self.resource.path(), rest.trim_start_matches('/'))
    }

    /// The absolute URL for a path under the Graph root.
    pub fn url(&self, path: &str) -> GraphResult<Url> {
        let joined = format!("{}/{}", self.inner.base.as_str().trim_end_matches('/'), path.trim_start_matches('/'));
        Url::parse(&joined).map_err(|e| GraphError::Refused(format!("bad Graph path `{path}`: {e}")))
    }

    /// Whether `url` is on the configured Graph host: only there does the token go.
    pub fn is_graph_url(&self, url: &Url) -> bool {
        url.origin() == self.inner.base.origin()
    }

    /// Sends `request` (with retries) and decodes a JSON answer.
    pub async fn json<T: DeserializeOwned>(&self, request: Request) -> GraphResult<T> {
        self.send(request).await?.json()
    }

    /// Sends `request` (with retries) for its effect; the answer body is ignored.
    pub async fn execute(&self, request: Request) -> GraphResult<RawResponse> {
        self.send(request).await
    }

    /// Sends a request and reads the whole answer. Success is any 2xx or 3xx status (a 302 to
    /// a download URL is an answer, not an error). 401 leads to one token refresh and one more
    /// try; 429/503 wait `Retry-After`; other 5xx and broken connections back off and retry
    /// when the request is idempotent, up to `request_retries`.
    pub async fn send(&self, request: Request) -> GraphResult<RawResponse> {
        let url = match &request.target {
            Target::Path(path) => self.url(path)?,
            Target::Url(url) if self.is_graph_url(url) => url.clone(),
            Target::Url(url) => {
                return Err(GraphError::Refused(format!(
                    "refusing to send the access token to {}, which is not the Graph host",
                    url.origin().ascii_serialization()
                )));
            }
        };
        let client_request_id = uuid::Uuid::new_v4().to_string();
        let mut token = self.inner.tokens.token().await?;
        let mut refreshed = false;
        let mut attempt = 0;
        let mut waited = Duration::ZERO;
        let mailbox = mailbox_key(&self.inner.base, &url);
        loop {
            self.pace().await;
            // Held until the answer is read, and given back before any wait for a retry.
            let slot = self.inner.budgets.acquire(&mailbox).await;
            let builder = self.build(&request, &url, &token, &client_request_id)?;
            let (outcome, error) = match builder.send().await {
                Err(e) => (transport_outcome(&e), transport_error(e)),
                Ok(response) => {
                    let status = response.status();
                    let headers = response.headers().clone();
                    let final_url = response.url().clone();
                    match response.bytes().await {
                        Err(e) => (Outcome::TransportBroken, transport_error(e)),
                        Ok(body) if status.is_success() || status.is_redirection() => {
                            return Ok(RawResponse { status, headers, body: body.to_vec(), url: final_url });
                        }
                        Ok(_) if status == StatusCode::UNAUTHORIZED && !refreshed => {
                            tracing::debug!(%client_request_id, "401 from Graph: refreshing the token once");
                            refreshed = true;
                            drop(slot);
                            token = self.inner.tokens.refresh_after_rejection(&token).await?;
                            continue;
                        }
                        Ok(body) => {
                            let retry_after = headers
                                .get("retry-after")
                                .and_then(|v| v.to_str().ok())
                                .and_then(|v| parse_retry_after(v, SystemTime::now()));
                            let mut api = ApiError::from_body(status.as_u16(), &body, retry_after);
                            let outcome = match status.as_u16() {
                                429 => {
                                    // The whole mailbox waits, not only this request.
                                    if let Some(wait) = retry_after {
                                        self.inner.budgets.pause(&mailbox, wait);
                                    }
                                    Outcome::Throttled { retry_after }
                                }
                                503 => Outcome::Throttled { retry_after },
                                500 | 502 | 504 => Outcome::ServerError,
                                _ => {
                                    if status == StatusCode::FORBIDDEN {
                                        api.missing_permission =
                                            self.missing_permission(request.method.as_str(), url.path()).await;
                                    }
                                    return Err(GraphError::Api(Box::new(api)));
                                }
                            };
                            (outcome, GraphError::Api(Box::new(api)))
                        }
                    }
                }
            };
            drop(slot);
            let policy = &self.inner.options.retry;
            let throttled = matches!(outcome, Outcome::Throttled { .. });
            let wait = match (policy.decide(attempt, outcome, request.idempotent), outcome) {
                (Decision::RetryAfter(wait), _) => wait,
                // Retries are left, but the Retry-After is longer than one wait may be: fail
                // saying so rather than with the bare 429.
                (Decision::GiveUp, Outcome::Throttled { retry_after: Some(wait) }) if attempt < policy.retries => wait,
                (Decision::GiveUp, _) => return Err(error),
            };
            self.before_retry(waited, wait, throttled, attempt + 1, error)?;
            tracing::debug!(%client_request_id, attempt, ?outcome, ?wait, "retrying Graph request");
            tokio::time::sleep(wait).await;
            waited += wait;
            attempt += 1;
        }
    }

    /// The HTTP client, built on the first request (`LazyHttp`).
    fn http(&self) -> GraphResult<&reqwest::Client> {
        self.inner.http.get().map_err(|e| GraphError::Refused(e.to_owned()))
    }

    /// A GET that follows Graph's 302 to a pre-authenticated URL without sending the token there
    /// (graph-facts §3.5), returning the streaming answer for the caller to read.
    pub async fn download(&self, path: &str) -> GraphResult<reqwest::Response> {
        let target = self.content_url(path).await?;
        let response = self.http()?.get(target).send().await.map_err(transport_error)?;
        if !response.status().is_success() {
            let status = response.status().as_u16();
            let body = response.bytes().await.unwrap_or_default();
            return Err(GraphError::Api(Box::new(ApiError::from_body(status, &body, None))));
        }
        Ok(response)
    }

    /// The pre-authenticated URL Graph's 302 for `path` (a `.../content`) points to.
    pub async fn content_url(&self, path: &str) -> GraphResult<Url> {
        let answer = self.send(Request::get(path)).await?;
        let location = match answer.status {
            s if s.is_redirection() => answer.header("location").map(str::to_owned).ok_or_else(|| {
                GraphError::Decode { url: redact_query(&answer.url), reason: "redirect without Location".into() }
            })?,
            _ => {
                return Err(GraphError::Decode {
                    url: redact_query(&answer.url),
                    reason: "expected a redirect".into(),
                });
            }
        };
        answer.url.join(&location).map_err(|e| GraphError::Decode {
            url: redact_query(&answer.url),
            reason: format!("bad download location: {e}"),
        })
    }

    fn build(
        &self,
        request: &Request,
        url: &Url,
        token: &AccessToken,
        client_request_id: &str,
    ) -> GraphResult<reqwest::RequestBuilder> {
        let mut url = url.clone();
        if !request.query.is_empty() {
            let mut query = url.query().map(str::to_owned).unwrap_or_default();
            for (k, v) in &request.query {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&encode_query_part(k));
                query.push('=');
                query.push_str(&encode_query_part(v));
            }
            url.set_query(Some(&query));
        }
        let mut builder = self
            .http()?
            .request(request.method.clone(), url)
            .bearer_auth(token.secret())
            .header("client-request-id", client_request_id)
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(timeout) = request.timeout.or(Some(self.inner.options.timeout)).filter(|t| !t.is_zero()) {
            builder = builder.timeout(capped_timeout(timeout));
        }
        let mut prefer: Vec<String> = request.prefer.clone();
        if let Some(zone) = &self.inner.options.timezone {
            prefer.push(format!("outlook.timezone=\"{zone}\""));
        }
        if !prefer.is_empty() {
            builder = builder.header("Prefer", prefer.join(", "));
        }
        for (name, value) in &request.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| GraphError::Refused(format!("bad header name `{name}`")))?;
            let value = HeaderValue::from_str(value)
                .map_err(|_| GraphError::Refused(format!("bad value for header `{name}`")))?;
            builder = builder.header(name, value);
        }
        builder = match &request.body {
            Body::Empty if request.method == Method::POST => builder.header(reqwest::header::CONTENT_LENGTH, "0"),
            Body::Empty => builder,
            Body::Json(value) => builder.json(value),
            Body::Bytes { data, content_type } => {
                builder.header(reqwest::header::CONTENT_TYPE, content_type.as_str()).body(data.clone())
            }
        };
        Ok(builder)
    }

    /// Whether the sign-in is an app's own (client credentials): such tokens have no `/me`.
    /// False when the token provider does not say.
    pub async fn is_app_only(&self) -> bool {
        self.inner.tokens.granted().await.is_some_and(|granted| granted.app_only)
    }

    /// For a 403 to `method path` (an absolute path on the Graph host, or one under the root):
    /// the permission the sign-in lacks, if the token provider knows what it was granted.
    pub async fn missing_permission(&self, method: &str, path: &str) -> Option<Box<MissingPermission>> {
        let root = self.inner.base.path().trim_end_matches('/');
        let under_root = path.strip_prefix(root).unwrap_or(path);
        let granted = self.inner.tokens.granted().await?;
        missing_permission(method, under_root, &granted).map(Box::new)
    }

    /// Waits so that request starts are at least `requests_delay` apart.
    async fn pace(&self) {
        let delay = self.inner.options.requests_delay;
        if delay.is_zero() {
            return;
        }
        let mut last = self.inner.last_start.lock().await;
        if let Some(previous) = *last {
            // Not `sleep_until(previous + delay)`: that addition panics on a huge delay.
            tokio::time::sleep(delay.saturating_sub(previous.elapsed())).await;
        }
        *last = Some(Instant::now());
    }
}

/// Serialises `value` for a JSON body.
pub fn to_body<T: Serialize>(value: &T) -> GraphResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| GraphError::Refused(format!("cannot encode the request body: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_join_under_the_root_and_foreign_hosts_are_recognised() {
        let tokens = Arc::new(crate::auth::StaticToken(AccessToken("t".into())));
        let client = GraphClient::new(
            ClientOptions { graph_url: "https://graph.microsoft.com/v1.0/".into(), ..Default::default() },
            tokens,
        )
        .unwrap();
        assert_eq!(client.url("/me/messages").unwrap().as_str(), "https://graph.microsoft.com/v1.0/me/messages");
        assert_eq!(client.resource_path("messages"), "me/messages");
        let other = client.with_resource(Resource::User("a@b.c".into()));
        assert_eq!(other.resource_path("/drive"), "users/a@b.c/drive");
        assert!(client.is_graph_url(&Url::parse("https://graph.microsoft.com/v1.0/x?$skip=10").unwrap()));
        assert!(!client.is_graph_url(&Url::parse("https://evil.example/v1.0/x").unwrap()));
        assert!(!client.is_graph_url(&Url::parse("http://graph.microsoft.com/v1.0/x").unwrap()));
    }
}
