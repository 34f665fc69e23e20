//! Authorization code flow with PKCE S256 and a loopback redirect (graph-facts §1.2, §5.3).
//!
//! A listener on 127.0.0.1 receives the browser's redirect; `state` must match the CSRF token
//! we sent before the code is redeemed.
use std::time::Duration;

use chrono::{DateTime, Utc};
use oauth2::{AuthorizationCode, CsrfToken, PkceCodeChallenge, RedirectUrl, Scope};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

use super::oauth::{SignInContext, TokenGrant, request_error};
use super::{AuthError, Refusal};

/// How long the whole browser step may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// A browser that connects but sends no request line within this is dropped.
const REQUEST_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest request head accepted from the browser.
const MAX_REQUEST_HEAD: usize = 16 * 1024;

#[derive(Debug, Clone, Copy)]
pub struct AuthCodeOptions {
    /// Loopback port to listen on; 0 picks a free one.
    pub port: u16,
    /// Overall limit for the browser step and the code exchange.
    pub timeout: Duration,
}

/// Runs the flow: listen, hand the authorize URL to `open_browser`, wait for the redirect,
/// check `state`, redeem the code with the PKCE verifier.
pub async fn sign_in(
    context: &SignInContext,
    scopes: &[String],
    options: AuthCodeOptions,
    open_browser: &(dyn Fn(&Url) + Send + Sync),
    now: impl Fn() -> DateTime<Utc>,
) -> Result<TokenGrant, AuthError> {
    let listener = TcpListener::bind(("127.0.0.1", options.port))
        .await
        .map_err(|e| AuthError::AuthorizationCode(format!("cannot listen on 127.0.0.1:{}: {e}", options.port)))?;
    let port = listener.local_addr().map_err(|e| AuthError::AuthorizationCode(e.to_string()))?.port();
    // Entra matches loopback redirects ignoring the port and returns `/` for an empty path.
    let redirect = RedirectUrl::new(format!("http://localhost:{port}/"))
        .map_err(|e| AuthError::AuthorizationCode(format!("redirect URL: {e}")))?;
    let client = context.client.clone().set_redirect_uri(redirect);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (authorize_url, csrf) = client
        .authorize_url(CsrfToken::new_random)
        .add_scopes(scopes.iter().cloned().map(Scope::new))
        .set_pkce_challenge(challenge)
        .url();
    open_browser(&authorize_url);

    let flow = async {
        let code = wait_for_redirect(&listener, csrf.secret()).await?;
        client
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(verifier)
            .request_async(&context.http)
            .await
            .map_err(request_error)
    };
    let response = tokio::time::timeout(options.timeout, flow).await.map_err(|_| {
        AuthError::AuthorizationCode(format!(
            "no sign-in arrived from the browser within {} s",
            options.timeout.as_secs()
        ))
    })??;
    Ok(TokenGrant::from_response(&response, scopes, now()))
}

/// What one browser request to the listener carried.
#[derive(Debug, PartialEq, Eq)]
enum Redirect {
    Code {
        code: String,
        state: String,
    },
    Error {
        error: String,
        description: Option<String>,
    },
    /// `/favicon.ico` and the like.
    Other,
}

/// Accepts connections until one carries the redirect; answers each with a small page.
/// Each connection is read in its own task, so an idle preconnect cannot hold up the real one.
async fn wait_for_redirect(listener: &TcpListener, expected_state: &str) -> Result<String, AuthError> {
    let (requests, mut received) = tokio::sync::mpsc::channel::<(String, TcpStream)>(8);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (mut stream, _) =
                    accepted.map_err(|e| AuthError::AuthorizationCode(format!("listener failed: {e}")))?;
                let requests = requests.clone();
                tokio::spawn(async move {
                    if let Ok(Ok(target)) = tokio::time::timeout(REQUEST_READ_TIMEOUT, read_request_target(&mut stream)).await {
                        let _ = requests.send((target, stream)).await;
                    }
                });
            }
            Some((target, mut stream)) = received.recv() => {
                match parse_redirect(&target) {
                    Redirect::Other => respond(&mut stream, "404 Not Found", "Not found.").await,
                    Redirect::Error { error, description } => {
                        respond(&mut stream, "200 OK", "Sign-in failed. You can close this window.").await;
                        return Err(AuthError::Refused(Box::new(Refusal::parse(&error, description.as_deref()))));
                    }
                    Redirect::Code { state, .. } if state != expected_state => {
                        respond(&mut stream, "400 Bad Request", "Sign-in failed: the reply does not belong to this sign-in.").await;
                        return Err(AuthError::AuthorizationCode(
                            "the browser's reply carried a different state than was sent (possible CSRF): sign-in stopped".into(),
                        ));
                    }
                    Redirect::Code { code, .. } => {
                        respond(&mut stream, "200 OK", "Signed in to o365. You can close this window.").await;
                        return Ok(code);
                    }
                }
            }
        }
    }
}

/// The request target of the first line (`GET /?code=..&state=.. HTTP/1.1`).
async fn read_request_target(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_REQUEST_HEAD {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let mut parts = line.split_whitespace();
    match (parts.next(), parts.next()) {
        (Some("GET"), Some(target)) => Ok(target.to_owned()),
        _ => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "not a GET request")),
    }
}

fn parse_redirect(target: &str) -> Redirect {
    let Ok(url) = Url::parse(&format!("http://localhost{target}")) else {
        return Redirect::Other;
    };
    if url.path() != "/" {
        return Redirect::Other;
    }
    let get = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    if let Some(error) = get("error") {
        // Whole: its later lines carry the trace and correlation ids (graph-facts §1.6).
        let description = get("error_description");
        return Redirect::Error { error, description };
    }
    match (get("code"), get("state")) {
        (Some(code), Some(state)) => Redirect::Code { code, state },
        _ => Redirect::Other,
    }
}

async fn respond(stream: &mut TcpStream, status: &str, text: &str) {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>o365</title></head><body><p>{text}</p></body></html>"
    );
    let reply = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    // The browser going away does not change the outcome of the sign-in.
    let _ = stream.write_all(reply.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod parse_tests {
    use super::*;

    #[test]
    fn parses_redirect_targets() {
        assert_eq!(
            parse_redirect("/?code=abc&state=xyz&session_state=1"),
            Redirect::Code { code: "abc".into(), state: "xyz".into() }
        );
        assert_eq!(
            parse_redirect("/?error=access_denied&error_description=the+user+canceled"),
            Redirect::Error { error: "access_denied".into(), description: Some("the user canceled".into()) }
        );
        assert_eq!(parse_redirect("/favicon.ico"), Redirect::Other);
        assert_eq!(parse_redirect("/"), Redirect::Other);
        assert_eq!(parse_redirect("/other?code=a&state=b"), Redirect::Other);
    }
}
