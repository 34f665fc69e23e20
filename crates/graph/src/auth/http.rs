//! The HTTP client oauth2 sends its requests through: a reqwest 0.13 adapter, because oauth2 5's
//! built-in one targets reqwest 0.12 (ecosystem-notes A.1).
//!
//! oauth2 implements `AsyncHttpClient` for closures too, but a closure borrowing the client
//! inside an async fn trips rustc's higher-ranked `Send` check (the provider's futures must be
//! `Send`), so the trait is implemented on the client type directly.
use std::time::Duration;

use futures::future::BoxFuture;
use oauth2::{AsyncHttpClient, HttpRequest, HttpResponse};
use url::Url;

use super::AuthError;
use crate::lazy_http::LazyHttp;

/// A reqwest client for the identity endpoints: no redirects (oauth2 advises this against
/// SSRF), the account's timeout and proxy; built on the first sign-in request (`LazyHttp`), so
/// a start with a valid token loads no certificates for it.
#[derive(Debug, Clone)]
pub struct SignInHttp {
    client: LazyHttp,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

impl SignInHttp {
    pub fn new(timeout: Duration, proxy: Option<&Url>) -> Result<Self, AuthError> {
        let proxy = match proxy {
            Some(proxy) => {
                Some(reqwest::Proxy::all(proxy.as_str()).map_err(|e| AuthError::Config(format!("proxy: {e}")))?)
            }
            None => None,
        };
        let timeout = crate::transport::capped_timeout(timeout);
        let client = LazyHttp::new(move || {
            let mut builder = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(timeout)
                .user_agent(concat!("o365-tui/", env!("CARGO_PKG_VERSION")));
            if let Some(proxy) = &proxy {
                builder = builder.proxy(proxy.clone());
            }
            builder.build().map_err(|e| format!("cannot build HTTP client: {e}"))
        });
        Ok(Self { client })
    }

    /// Sends one oauth2 request and returns the whole reply.
    pub async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        let (parts, body) = request.into_parts();
        let url = parts.uri.to_string();
        let client = self.client.get().map_err(|e| HttpError(e.to_owned()))?;
        let mut outgoing = client.request(parts.method, &url).body(body);
        for (name, value) in &parts.headers {
            outgoing = outgoing.header(name, value);
        }
        let reply = outgoing.send().await.map_err(|e| HttpError(describe(&e)))?;
        let mut response = http::Response::builder().status(reply.status());
        for (name, value) in reply.headers() {
            response = response.header(name, value);
        }
        let body = reply.bytes().await.map_err(|e| HttpError(describe(&e)))?;
        response.body(body.to_vec()).map_err(|e| HttpError(e.to_string()))
    }
}

impl<'c> AsyncHttpClient<'c> for SignInHttp {
    type Error = HttpError;
    type Future = BoxFuture<'c, Result<HttpResponse, HttpError>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}

/// reqwest's Display hides the cause ("error sending request"); the chain says why.
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
