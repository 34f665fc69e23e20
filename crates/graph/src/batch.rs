//! JSON batching: up to 20 requests per `$batch` call, larger sets split, answers matched by id,
//! throttled sub-requests sent again after the longest `Retry-After` (graph-facts §2.7).
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::client::GraphClient;
use super::error::{ApiError, GraphError, GraphResult};
use super::permissions::MissingPermission;
use super::request::Request;
use super::retry::parse_retry_after;

/// Graph's limit of requests in one batch.
pub const MAX_BATCH: usize = 20;

/// One request inside a batch. `url` is relative to the Graph root (`/me/messages/{id}`).
#[derive(Debug, Clone)]
pub struct BatchRequest {
    pub method: Method,
    pub url: String,
    pub body: Option<Value>,
    pub headers: BTreeMap<String, String>,
}

impl BatchRequest {
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Self { method, url: url.into(), body: None, headers: BTreeMap::new() }
    }

    /// A JSON body; Graph requires the sub-request to say its Content-Type.
    pub fn with_json(mut self, body: Value) -> Self {
        self.headers.insert("Content-Type".into(), "application/json".into());
        self.body = Some(body);
        self
    }

    fn is_idempotent(&self) -> bool {
        self.method != Method::POST
    }
}

/// The answer to one sub-request.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResponse {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: Option<Value>,
    /// For a 403: the permission the sign-in lacks for this sub-request, when known.
    pub missing_permission: Option<Box<MissingPermission>>,
}

impl BatchResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The sub-request's Graph error, when it failed.
    pub fn error(&self) -> Option<ApiError> {
        if self.is_success() {
            return None;
        }
        let body = self.body.as_ref().map(|b| serde_json::to_vec(b).unwrap_or_default()).unwrap_or_default();
        let mut error = ApiError::from_body(self.status, &body, self.retry_after());
        error.missing_permission = self.missing_permission.clone();
        Some(error)
    }

    fn retry_after(&self) -> Option<Duration> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("retry-after"))
            .and_then(|(_, v)| parse_retry_after(v, SystemTime::now()))
    }
}

#[derive(Serialize)]
struct WireRequest<'a> {
    id: String,
    method: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a Value>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: &'a BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct WireAnswer {
    responses: Vec<WireResponse>,
}

#[derive(Deserialize)]
struct WireResponse {
    id: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<Value>,
}

impl GraphClient {
    /// Sends `requests` in batches of 20 and returns one answer per request, in order.
    /// `progress` hears (answered, total) after each batch round trip.
    pub async fn batch(
        &self,
        requests: &[BatchRequest],
        mut progress: impl FnMut(usize, usize),
    ) -> GraphResult<Vec<BatchResponse>> {
        let mut answers: Vec<Option<BatchResponse>> = vec![None; requests.len()];
        let mut done = 0;
        for (chunk_no, chunk) in requests.chunks(MAX_BATCH).enumerate() {
            let offset = chunk_no * MAX_BATCH;
            let mut pending: Vec<usize> = (0..chunk.len()).collect();
            let mut round = 0;
            let mut waited = Duration::ZERO;
            while !pending.is_empty() {
                let replies = self.send_batch(chunk, &pending).await?;
                let mut still_throttled = Vec::new();
                let mut wait = Duration::ZERO;
                for i in pending {
                    let reply = replies.get(&i).cloned().ok_or_else(|| GraphError::Decode {
                        url: "$batch".into(),
                        reason: format!("no answer for request {}", i + 1),
                    })?;
                    let throttled = matches!(reply.status, 429 | 503);
                    if throttled && round < self.options().retry.retries {
                        wait = wait.max(reply.retry_after().unwrap_or_else(|| self.options().retry.backoff(round)));
                        still_throttled.push(i);
                    } else {
                        answers[offset + i] = Some(reply);
                        done += 1;
                    }
                }
                progress(done, requests.len());
                pending = still_throttled;
                if let Some(&first) = pending.first() {
                    let last = replies.get(&first).and_then(BatchResponse::error).map(GraphError::from);
                    let last = last.unwrap_or_else(|| GraphError::Refused("$batch requests throttled".into()));
                    self.before_retry(waited, wait, true, round + 1, last)?;
                    tracing::debug!(count = pending.len(), ?wait, "retrying throttled batch requests");
                    tokio::time::sleep(wait).await;
                    waited += wait;
                    round += 1;
                }
            }
        }
        Ok(answers.into_iter().map(|a| a.expect("every batch request answered")).collect())
    }

    /// One `$batch` call carrying `chunk[i]` for each i in `which`; answers keyed by i.
    async fn send_batch(&self, chunk: &[BatchRequest], which: &[usize]) -> GraphResult<BTreeMap<usize, BatchResponse>> {
        let wire: Vec<WireRequest<'_>> = which
            .iter()
            .map(|&i| {
                let r = &chunk[i];
                WireRequest {
                    id: (i + 1).to_string(),
                    method: r.method.as_str(),
                    url: &r.url,
                    body: r.body.as_ref(),
                    headers: &r.headers,
                }
            })
            .collect();
        let idempotent = which.iter().all(|&i| chunk[i].is_idempotent());
        let request = Request::post("$batch").with_json(serde_json::json!({ "requests": wire })).idempotent(idempotent);
        let answer: WireAnswer = self.json(request).await?;
        let mut by_index = BTreeMap::new();
        for r in answer.responses {
            // Ids are ours ("1".."20"); anything else is not an answer to this batch.
            let Some(i) = r.id.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).filter(|i| which.contains(i))
            else {
                continue;
            };
            let missing_permission = match r.status {
                403 => self.missing_permission(chunk[i].method.as_str(), &chunk[i].url).await,
                _ => None,
            };
            by_index
                .insert(i, BatchResponse { status: r.status, headers: r.headers, body: r.body, missing_permission });
        }
        Ok(by_index)
    }
}
