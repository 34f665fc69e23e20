//! The HTTP layer under `GraphClient`: the reqwest client (no redirects, proxy rules), the Graph
//! root's validation, and error texts that never carry a URL's query.
use std::time::Duration;

use url::Url;

use super::client::ClientOptions;
use super::error::{GraphError, GraphResult, TransportError};
use super::lazy_http::LazyHttp;
use super::retry::Outcome;

pub(super) fn parse_base(graph_url: &str) -> GraphResult<Url> {
    let base = Url::parse(graph_url.trim_end_matches('/'))
        .map_err(|e| GraphError::Refused(format!("graph_url `{graph_url}` is not a URL: {e}")))?;
    if base.scheme() != "https" && !is_loopback(&base) {
        return Err(GraphError::Refused(format!(
            "graph_url `{graph_url}` must use https (plain http is only allowed on a loopback address)"
        )));
    }
    Ok(base)
}

/// Whether the URL's host is this machine (the simulated tenant).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The longest timeout handed to reqwest, which adds it to `Instant::now()` unchecked: a
/// larger one (`Duration::MAX`) would panic on the first answer (issue 14). The config allows
/// at most an hour; this only guards other callers of the library.
const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

pub fn capped_timeout(timeout: Duration) -> Duration {
    timeout.min(MAX_TIMEOUT)
}

/// An HTTP client for `base` built now (the transfers' pre-authenticated URLs).
pub(super) fn build_http(options: &ClientOptions, base: &Url) -> GraphResult<reqwest::Client> {
    lazy_http(options, base)?.get().cloned().map_err(|e| GraphError::Refused(e.to_owned()))
}

/// The Graph client's HTTP client, built on its first request (`LazyHttp`); a bad proxy is
/// refused here, when the account is opened.
pub(super) fn lazy_http(options: &ClientOptions, base: &Url) -> GraphResult<LazyHttp> {
    let proxy = match &options.proxy {
        // A proxy from the environment must not swallow traffic to the local simulator.
        _ if is_loopback(base) => None,
        Some(proxy) => {
            Some(reqwest::Proxy::all(proxy).map_err(|e| GraphError::Refused(format!("bad proxy `{proxy}`: {e}")))?)
        }
        None => None,
    };
    let loopback = is_loopback(base);
    let read_timeout = capped_timeout(options.timeout);
    Ok(LazyHttp::new(move || {
        let mut builder = reqwest::Client::builder()
            // Redirects are followed by hand so the token never goes to a download host.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(read_timeout)
            .user_agent(concat!("o365-tui/", env!("CARGO_PKG_VERSION")));
        if loopback {
            builder = builder.no_proxy();
        } else if let Some(proxy) = &proxy {
            builder = builder.proxy(proxy.clone());
        }
        builder.build().map_err(|e| format!("cannot build the HTTP client: {e}"))
    }))
}

pub(super) fn transport_outcome(e: &reqwest::Error) -> Outcome {
    if e.is_connect() { Outcome::ConnectFailed } else { Outcome::TransportBroken }
}

/// A request that got no answer, as a `GraphError`: the text names every cause, the URL without
/// its query; the reqwest error is kept as the source, with its URL taken off for the same reason.
pub(super) fn transport_error(e: reqwest::Error) -> GraphError {
    GraphError::Transport(TransportError::new(describe(&e), e.without_url()))
}

/// The error with its source chain, without the URL's query (which may hold search terms).
fn describe(e: &reqwest::Error) -> String {
    let mut text = e.without_url_ref().to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

trait WithoutUrlRef {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrlRef for reqwest::Error {
    fn without_url_ref(&self) -> String {
        let mut text = self.to_string();
        if let Some(url) = self.url() {
            text = text.replace(url.as_str(), &redact_query(url));
        }
        text
    }
}

/// The URL without its query string, for error messages.
pub fn redact_query(url: &Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_encoding_keeps_odata_readable_and_values_contained() {
        use crate::encode::encode_query_part;
        assert_eq!(encode_query_part("$filter"), "$filter");
        assert_eq!(encode_query_part("subject eq 'a&b=c+d'"), "subject%20eq%20'a%26b%3Dc%2Bd'");
        assert_eq!(encode_query_part("\"pizza\" #1 100%"), "%22pizza%22%20%231%20100%25");
    }

    #[tokio::test]
    async fn a_refused_connection_keeps_its_cause_and_never_shows_the_query() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let url = format!("http://127.0.0.1:{port}/v1.0/me/messages?$search=%22secret%22");
        let refused = reqwest::Client::new().get(url).send().await.unwrap_err();
        let error = transport_error(refused);
        let text = error.to_string();
        assert!(text.starts_with("network error: "), "{text}");
        let mut source = std::error::Error::source(&error);
        let mut causes = 0;
        while let Some(cause) = source {
            assert!(!cause.to_string().contains("secret"), "{cause}");
            causes += 1;
            source = cause.source();
        }
        assert!(causes >= 2, "the reqwest error and its causes are kept");
        assert!(!text.contains("secret"), "{text}");
    }

    #[test]
    fn base_url_must_be_https_unless_loopback() {
        assert!(parse_base("https://graph.microsoft.com/v1.0").is_ok());
        assert!(parse_base("http://127.0.0.1:8080/graph/v1.0").is_ok());
        assert!(parse_base("http://localhost:1/graph/v1.0").is_ok());
        assert!(parse_base("http://graph.example.com/v1.0").is_err());
        assert!(parse_base("not a url").is_err());
    }
}
