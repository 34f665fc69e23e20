//! The loopback step driven by a test "browser" against a scripted token endpoint.
use base64::Engine;
use sha2::Digest;

use super::*;
use crate::auth::testing::{ScriptedIdp, token_reply};

fn query(url: &Url, name: &str) -> String {
    url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned()).unwrap_or_default()
}

/// Runs the flow; `browser` gets the authorize URL and plays the user's browser.
async fn run<F, Fut>(idp: &ScriptedIdp, timeout: Duration, browser: F) -> Result<TokenGrant, AuthError>
where
    F: FnOnce(Url) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let context = SignInContext::for_account(&idp.account()).unwrap();
    let (sender, receiver) = tokio::sync::oneshot::channel::<Url>();
    let sender = std::sync::Mutex::new(Some(sender));
    let open = move |url: &Url| {
        if let Some(sender) = sender.lock().unwrap().take() {
            let _ = sender.send(url.clone());
        }
    };
    let scopes = vec!["User.Read".to_owned(), "offline_access".to_owned()];
    let options = AuthCodeOptions { port: 0, timeout };
    let flow = sign_in(&context, &scopes, options, &open, Utc::now);
    let user = async move {
        if let Ok(url) = receiver.await {
            browser(url).await;
        }
    };
    tokio::join!(flow, user).0
}

/// GETs `redirect_uri` + `query` on the listener (127.0.0.1 for `localhost`), returns the status.
async fn visit(authorize: &Url, query: &str) -> u16 {
    let redirect = Url::parse(&self::query(authorize, "redirect_uri")).unwrap();
    let target = format!("http://127.0.0.1:{}{}", redirect.port().unwrap(), query);
    reqwest::get(target).await.unwrap().status().as_u16()
}

#[tokio::test]
async fn code_is_redeemed_with_the_pkce_verifier() {
    let idp = ScriptedIdp::start().await;
    idp.reply("token", 200, token_reply("at-1", Some("rt-1")));
    let seen = std::sync::Mutex::new(None);
    let grant = run(&idp, DEFAULT_TIMEOUT, |url| {
        *seen.lock().unwrap() = Some(url.clone());
        async move {
            assert_eq!(visit(&url, "/favicon.ico").await, 404);
            let state = query(&url, "state");
            assert_eq!(visit(&url, &format!("/?code=the-code&state={state}&session_state=s")).await, 200);
        }
    })
    .await
    .unwrap();
    assert_eq!(grant.access_token.secret(), "at-1");
    let url = seen.into_inner().unwrap().unwrap();
    assert!(url.as_str().starts_with(&format!("{}/common/oauth2/v2.0/authorize?", idp.origin)), "{url}");
    assert_eq!(query(&url, "response_type"), "code");
    assert_eq!(query(&url, "code_challenge_method"), "S256");
    assert!(query(&url, "scope").contains("offline_access"));
    assert!(query(&url, "redirect_uri").starts_with("http://localhost:"));
    let sent = idp.requests("token");
    assert_eq!(sent.len(), 1);
    let form: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(sent[0].as_bytes()).into_owned().collect();
    assert_eq!(form["grant_type"], "authorization_code");
    assert_eq!(form["code"], "the-code");
    assert_eq!(form["redirect_uri"], query(&url, "redirect_uri"));
    let challenge =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(form["code_verifier"].as_bytes()));
    assert_eq!(challenge, query(&url, "code_challenge"));
}

#[tokio::test]
async fn state_mismatch_stops_without_exchange() {
    let idp = ScriptedIdp::start().await;
    idp.reply("token", 200, token_reply("never", None));
    let error = run(&idp, DEFAULT_TIMEOUT, |url| async move {
        assert_eq!(visit(&url, "/?code=c&state=forged").await, 400);
    })
    .await
    .unwrap_err();
    assert!(matches!(error, AuthError::AuthorizationCode(_)), "{error:?}");
    assert!(error.to_string().contains("state"), "{error}");
    assert!(idp.requests("token").is_empty());
}

#[tokio::test]
async fn access_denied_is_reported() {
    let idp = ScriptedIdp::start().await;
    let error = run(&idp, DEFAULT_TIMEOUT, |url| async move {
        assert_eq!(visit(&url, "/?error=access_denied&error_description=the+user+canceled").await, 200);
    })
    .await
    .unwrap_err();
    assert!(error.to_string().contains("access_denied"), "{error}");
    assert!(idp.requests("token").is_empty());
}

#[tokio::test(start_paused = true)]
async fn gives_up_when_the_browser_never_comes_back() {
    let idp = ScriptedIdp::start().await;
    let error = run(&idp, Duration::from_secs(120), |_url| async {}).await.unwrap_err();
    assert!(error.to_string().contains("within 120 s"), "{error}");
}
