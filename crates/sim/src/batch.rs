//! JSON batching, `POST /$batch` (graph-facts §2.7): at most 20 requests with unique ids,
//! `dependsOn` with 424 for dependents of failures, each sub-request sent through the whole
//! simulator router (token check, mailbox rewrite and faults apply to each).
use std::collections::HashMap;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use serde_json::{Map, Value, json};
use tower::ServiceExt;

use super::SharedState;
use super::auth::RequestedUri;
use super::errors::{GraphError, GraphResult};
use super::faults::BatchSubRequest;
use super::server::{ConnectionKiller, ServedRouter, prepare};

/// Most requests one batch may hold.
const MAX_REQUESTS: usize = 20;
/// Largest batch body read.
const MAX_BODY: usize = 64 * 1024 * 1024;

pub fn routes() -> Router<SharedState> {
    Router::new().route("/$batch", post(batch))
}

/// One request of the batch, checked.
#[derive(Debug)]
struct SubRequest {
    id: String,
    method: Method,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Value>,
    depends_on: Vec<String>,
}

fn bad(message: impl Into<String>) -> GraphError {
    GraphError::bad_request(message)
}

fn parse_requests(payload: &[u8]) -> GraphResult<Vec<SubRequest>> {
    let Ok(Value::Object(root)) = serde_json::from_slice::<Value>(payload) else {
        return Err(bad("Invalid batch payload format."));
    };
    let Some(Value::Array(requests)) = root.get("requests") else {
        return Err(bad("Invalid batch payload format: 'requests' must be an array."));
    };
    if requests.is_empty() {
        return Err(bad("The batch request must contain at least one request."));
    }
    if requests.len() > MAX_REQUESTS {
        return Err(bad(format!("The number of batch requests exceeds the limit of {MAX_REQUESTS}.")));
    }
    let mut out: Vec<SubRequest> = Vec::with_capacity(requests.len());
    for r in requests {
        let id = match r.get("id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(bad("Each batch request must have an 'id'.")),
        };
        if out.iter().any(|o| o.id.eq_ignore_ascii_case(&id)) {
            return Err(bad(format!("Batch request contains duplicate request id '{id}'.")));
        }
        let method = r
            .get("method")
            .and_then(Value::as_str)
            .ok_or_else(|| bad(format!("Request id '{id}' has no 'method'.")))?;
        let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes())
            .map_err(|_| bad(format!("Request id '{id}' has an invalid method.")))?;
        let url = r
            .get("url")
            .and_then(Value::as_str)
            .ok_or_else(|| bad(format!("Request id '{id}' has no 'url'.")))?
            .to_owned();
        let headers: Vec<(String, String)> = match r.get("headers") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Object(map)) => {
                map.iter().map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_owned))).collect()
            }
            Some(_) => return Err(bad(format!("Request id '{id}' has invalid 'headers'."))),
        };
        let body = r.get("body").filter(|b| !b.is_null()).cloned();
        if body.is_some() && !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
            return Err(bad(format!("Write request id : {id} does not contain Content-Type header or body.")));
        }
        let depends_on = match r.get("dependsOn") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(ids)) => ids
                .iter()
                .map(|d| {
                    d.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| bad(format!("Request id '{id}' has an invalid dependsOn.")))
                })
                .collect::<GraphResult<_>>()?,
            Some(_) => return Err(bad(format!("Request id '{id}' has an invalid dependsOn."))),
        };
        out.push(SubRequest { id, method, url, headers, body, depends_on });
    }
    for r in &out {
        for d in &r.depends_on {
            if !out.iter().any(|o| o.id.eq_ignore_ascii_case(d)) {
                return Err(bad(format!("Request id '{}' depends on '{d}', which is not in the batch.", r.id)));
            }
        }
    }
    Ok(out)
}

/// The requests in an order where each comes after what it depends on; a cycle is a 400.
fn execution_order(requests: &[SubRequest]) -> GraphResult<Vec<usize>> {
    let mut done: Vec<usize> = Vec::with_capacity(requests.len());
    while done.len() < requests.len() {
        let before = done.len();
        for (i, r) in requests.iter().enumerate() {
            let ready = !done.contains(&i)
                && r.depends_on.iter().all(|d| done.iter().any(|&j| requests[j].id.eq_ignore_ascii_case(d)));
            if ready {
                done.push(i);
            }
        }
        if done.len() == before {
            return Err(bad("The batch request contains circular dependencies."));
        }
    }
    Ok(done)
}

/// `retry-after` → `Retry-After`, as Graph writes header names in sub-responses.
fn header_case(name: &str) -> String {
    if name.eq_ignore_ascii_case("odata-version") {
        return "OData-Version".into();
    }
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

async fn run_one(state: &SharedState, router: &Router, outer: &OuterContext, r: &SubRequest) -> Value {
    let path = r.url.trim_start_matches('/');
    if path.starts_with("$batch") || path.contains("://") {
        return sub_error(
            &r.id,
            &bad("The url of a batch request must be relative to the version root and not a batch."),
        );
    }
    let mut builder = Request::builder().method(r.method.clone()).uri(format!("{}/{}", outer.prefix, encode_url(path)));
    let own_authorization = r.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("authorization"));
    if let (Some(auth), false) = (&outer.authorization, own_authorization) {
        builder = builder.header("authorization", auth.clone());
    }
    let mut content_type = String::new();
    for (k, v) in &r.headers {
        let (Ok(name), Ok(value)) = (HeaderName::from_bytes(k.as_bytes()), HeaderValue::from_str(v)) else {
            return sub_error(&r.id, &bad(format!("Invalid header '{k}'.")));
        };
        if name == "content-type" {
            content_type = v.to_ascii_lowercase();
        }
        builder = builder.header(name, value);
    }
    let body = match &r.body {
        None => Body::empty(),
        // Binary bodies travel as base64 strings (§2.7).
        Some(Value::String(s)) if !content_type.contains("json") => {
            Body::from(base64::engine::general_purpose::STANDARD.decode(s).unwrap_or_else(|_| s.clone().into_bytes()))
        }
        Some(v) => Body::from(v.to_string()),
    };
    let Ok(mut req) = builder.body(body) else {
        return sub_error(&r.id, &bad("The url of a batch request is not valid."));
    };
    req.extensions_mut().insert(BatchSubRequest);
    if let Some(killer) = &outer.killer {
        req.extensions_mut().insert(killer.clone());
    }
    let req = prepare(state, router, req);
    let response = match router.clone().oneshot(req).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    sub_response(&r.id, response).await
}

/// Percent-encodes what clients may leave raw in a batch `url` (quotes, spaces) but a URI
/// cannot carry, like `users?$search="displayName:ann"` in the Graph docs.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn sub_error(id: &str, error: &GraphError) -> Value {
    json!({"id": id, "status": error.status.as_u16(), "headers": {"Content-Type": "application/json"}, "body": error.body()})
}

async fn sub_response(id: &str, response: Response) -> Value {
    let status = response.status().as_u16();
    let mut headers = Map::new();
    for (name, value) in response.headers() {
        if let Ok(v) = value.to_str() {
            headers.insert(header_case(name.as_str()), Value::String(v.to_owned()));
        }
    }
    let is_json =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"));
    if is_json {
        headers.insert("OData-Version".into(), Value::String("4.0".into()));
    }
    let bytes = axum::body::to_bytes(response.into_body(), MAX_BODY).await.unwrap_or_default();
    let mut out = json!({"id": id, "status": status, "headers": headers});
    if !bytes.is_empty() {
        out["body"] = match serde_json::from_slice::<Value>(&bytes) {
            Ok(v) if is_json => v,
            _ => Value::String(base64::engine::general_purpose::STANDARD.encode(&bytes)),
        };
    }
    out
}

/// What sub-requests inherit from the batch request.
struct OuterContext {
    prefix: String,
    authorization: Option<HeaderValue>,
    killer: Option<ConnectionKiller>,
}

async fn batch(State(state): State<SharedState>, req: Request) -> Response {
    match run_batch(state, req).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn run_batch(state: SharedState, req: Request) -> GraphResult<Response> {
    let router = match req.extensions().get::<ServedRouter>() {
        Some(served) => served.0.clone(),
        None => super::router(state.clone()),
    };
    // Nesting strips the version prefix from `req.uri()`; the URI as sent still has it.
    let requested = req.extensions().get::<RequestedUri>().map(|r| r.0.path().to_owned());
    let prefix = match requested {
        Some(p) if p.starts_with("/graph/beta") => "/graph/beta",
        _ => "/graph/v1.0",
    }
    .to_owned();
    let outer = OuterContext {
        prefix,
        authorization: req.headers().get("authorization").cloned(),
        killer: req.extensions().get::<ConnectionKiller>().cloned(),
    };
    let bytes = axum::body::to_bytes(req.into_body(), MAX_BODY)
        .await
        .map_err(|_| bad("The batch request body could not be read."))?;
    let requests = parse_requests(&bytes)?;
    let order = execution_order(&requests)?;
    let mut statuses: HashMap<String, u16> = HashMap::new();
    let mut responses = Vec::with_capacity(requests.len());
    for i in order {
        let r = &requests[i];
        let failed_dependency =
            r.depends_on.iter().find(|d| statuses.get(&d.to_ascii_lowercase()).is_none_or(|s| !(200..300).contains(s)));
        let answer = match failed_dependency {
            Some(d) => {
                json!({"id": r.id, "status": 424, "headers": {"Content-Type": "application/json"}, "body": GraphError::new(
                StatusCode::FAILED_DEPENDENCY, "FailedDependency", format!("The request depends on request '{d}', which failed."),
            ).body()})
            }
            None => run_one(&state, &router, &outer, r).await,
        };
        let status = answer.get("status").and_then(Value::as_u64).unwrap_or(500) as u16;
        statuses.insert(r.id.to_ascii_lowercase(), status);
        responses.push(answer);
    }
    Ok(axum::Json(json!({"responses": responses})).into_response())
}

#[cfg(test)]
mod tests;
