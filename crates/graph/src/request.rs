//! One Graph call before it is sent: method, path or absolute URL, query, headers, body, and
//! whether repeating it is harmless.
use std::time::Duration;

use reqwest::Method;
use url::Url;

/// The body format asked of Outlook with `Request::with_body_content_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyContentType {
    Text,
    Html,
}

/// Where a request goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// A path under the Graph root, e.g. `me/messages`.
    Path(String),
    /// An absolute URL from Graph itself (a nextLink); only sent if it is on the Graph host.
    Url(Url),
}

/// A request body.
#[derive(Debug, Clone, Default)]
pub enum Body {
    #[default]
    Empty,
    Json(serde_json::Value),
    Bytes {
        data: Vec<u8>,
        content_type: String,
    },
}

/// A Graph request, built with the constructors and `with_*` methods.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub target: Target,
    /// Raw (not yet encoded) query pairs, e.g. `("$top", "50")`.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// `Prefer` preferences, joined into one header (RFC 7240).
    pub prefer: Vec<String>,
    pub body: Body,
    /// Whether sending it twice has the effect of sending it once. GET, PUT, PATCH and DELETE
    /// are; POST is not unless the caller says so.
    pub idempotent: bool,
    /// Overrides the client's per-call timeout (`Some(Duration::ZERO)` = none, for transfers).
    pub timeout: Option<Duration>,
}

impl Request {
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        let idempotent = method != Method::POST;
        Self {
            method,
            target: Target::Path(path.into()),
            query: Vec::new(),
            headers: Vec::new(),
            prefer: Vec::new(),
            body: Body::Empty,
            idempotent,
            timeout: None,
        }
    }

    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }

    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::PATCH, path)
    }

    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }

    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }

    /// A GET of an absolute URL Graph gave us (`@odata.nextLink`), keeping this request's
    /// headers: directory paging needs `ConsistencyLevel` on every page (graph-facts §2.4).
    pub fn follow(&self, url: Url) -> Self {
        Self { method: Method::GET, target: Target::Url(url), query: Vec::new(), body: Body::Empty, ..self.clone() }
    }

    pub fn with_query(mut self, pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        self.query.extend(pairs);
        self
    }

    pub fn with_param(mut self, name: &str, value: impl ToString) -> Self {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    pub fn with_prefer(mut self, preference: impl Into<String>) -> Self {
        self.prefer.push(preference.into());
        self
    }

    /// `Prefer: outlook.body-content-type`: Outlook converts message and event bodies to text
    /// or HTML before answering (graph-facts §2.6).
    pub fn with_body_content_type(self, kind: BodyContentType) -> Self {
        let kind = match kind {
            BodyContentType::Text => "text",
            BodyContentType::Html => "html",
        };
        self.with_prefer(format!("outlook.body-content-type=\"{kind}\""))
    }

    /// `Prefer: odata.maxpagesize`: the page size of delta queries, which take no `$top`
    /// (graph-facts §2.6).
    pub fn with_max_page_size(self, size: u32) -> Self {
        self.with_prefer(format!("odata.maxpagesize={size}"))
    }

    pub fn with_json(mut self, body: serde_json::Value) -> Self {
        self.body = Body::Json(body);
        self
    }

    pub fn with_bytes(mut self, data: Vec<u8>, content_type: impl Into<String>) -> Self {
        self.body = Body::Bytes { data, content_type: content_type.into() };
        self
    }

    /// Marks a POST that is safe to repeat (a `$batch` of reads, an idempotent action).
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}
