//! The authorization code flow: `/authorize` redirects and error pages, PKCE redemption.
use std::time::Duration;

use axum::http::StatusCode;
use sha2::{Digest, Sha256};

use super::*;

const REDIRECT: &str = "http://localhost:53682/";
const VERIFIER: &str = "ThisIsntRandomButItNeedsToBe43CharactersLong";

fn s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// `/authorize` with a standard request; `changes` override parameters (an empty value drops one).
async fn authorize(h: &Harness, changes: &[(&str, &str)]) -> Reply {
    let challenge = s256(VERIFIER);
    let mut params: Vec<(&str, &str)> = vec![
        ("client_id", DEMO_CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
        ("response_mode", "query"),
        ("scope", "offline_access openid profile https://graph.microsoft.com/Mail.Read"),
        ("state", "12345"),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
    ];
    for (key, value) in changes {
        params.retain(|(k, _)| k != key);
        if !value.is_empty() {
            params.push((key, value));
        }
    }
    let query = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(&params).finish();
    h.get(&format!("/login/common/oauth2/v2.0/authorize?{query}")).await
}

async fn code_from(h: &Harness, changes: &[(&str, &str)]) -> String {
    let reply = authorize(h, changes).await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    query_param(&reply.location(), "code").unwrap()
}

async fn redeem(h: &Harness, code: &str, verifier: Option<&str>, redirect: &str) -> Reply {
    let mut pairs = vec![
        ("grant_type", "authorization_code"),
        ("client_id", DEMO_CLIENT_ID),
        ("code", code),
        ("redirect_uri", redirect),
    ];
    if let Some(v) = verifier {
        pairs.push(("code_verifier", v));
    }
    h.post_form("/login/common/oauth2/v2.0/token", &pairs).await
}

#[tokio::test]
async fn consent_redirects_with_code_state_and_session_state_then_pkce_redeems_once() {
    let h = Harness::new(options());
    let reply = authorize(&h, &[("nonce", "n-0S6_WzA2Mj")]).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let location = reply.location();
    assert!(location.as_str().starts_with("http://localhost:53682/?code="), "{location}");
    assert_eq!(query_param(&location, "state").as_deref(), Some("12345"));
    assert!(query_param(&location, "session_state").is_some());
    let code = query_param(&location, "code").unwrap();

    let reply = redeem(&h, &code, Some(VERIFIER), REDIRECT).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let token = reply.json();
    assert_eq!(token["scope"], "Mail.Read profile openid offline_access");
    assert!(token["refresh_token"].is_string());
    let claims = h.identity().decode_id_token(token["id_token"].as_str().unwrap()).unwrap();
    assert_eq!(claims["nonce"], "n-0S6_WzA2Mj");
    assert!(h.identity().validate_access_token(token["access_token"].as_str().unwrap()).is_ok());

    let reply = redeem(&h, &code, Some(VERIFIER), REDIRECT).await;
    assert_eq!(
        (reply.status, reply.oauth_error(), reply.aadsts()),
        (StatusCode::BAD_REQUEST, "invalid_grant".into(), 54005)
    );
    assert_eq!(h.identity().token_requests("authorization_code"), 2);
    assert_eq!(h.identity().tokens_issued("authorization_code"), 1);
}

#[tokio::test]
async fn wrong_or_missing_verifier_and_other_redirect_are_invalid_grant() {
    let h = Harness::new(options());
    let code = code_from(&h, &[]).await;
    let reply = redeem(&h, &code, Some("ThisIsntRandomButItNeedsToBe43CharactersLonG"), REDIRECT).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_grant".into(), 501481));
    assert_eq!(redeem(&h, &code, None, REDIRECT).await.oauth_error(), "invalid_grant");
    let reply = redeem(&h, &code, Some(VERIFIER), "http://localhost:53682/callback").await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_grant".into(), 500112));
    assert_eq!(redeem(&h, "1.AXEAnot-a-code", Some(VERIFIER), REDIRECT).await.oauth_error(), "invalid_grant");
    let reply = redeem(&h, &code, Some(VERIFIER), "").await;
    assert_eq!(reply.aadsts(), 900144);
    // Failed attempts do not burn the code.
    assert_eq!(redeem(&h, &code, Some(VERIFIER), REDIRECT).await.status, StatusCode::OK);
}

#[tokio::test]
async fn plain_pkce_no_pkce_and_expired_codes() {
    let h = Harness::new(options());
    let code = code_from(&h, &[("code_challenge", VERIFIER), ("code_challenge_method", "plain")]).await;
    assert_eq!(redeem(&h, &code, Some(VERIFIER), REDIRECT).await.status, StatusCode::OK);
    let code = code_from(&h, &[("code_challenge", VERIFIER), ("code_challenge_method", "")]).await;
    assert_eq!(redeem(&h, &code, Some(VERIFIER), REDIRECT).await.status, StatusCode::OK, "no method means plain");
    let code = code_from(&h, &[("code_challenge", ""), ("code_challenge_method", "")]).await;
    assert_eq!(redeem(&h, &code, None, REDIRECT).await.status, StatusCode::OK);

    let code = code_from(&h, &[]).await;
    h.identity().advance_clock(Duration::from_secs(601));
    let reply = redeem(&h, &code, Some(VERIFIER), REDIRECT).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_grant".into(), 70008));
}

#[tokio::test]
async fn loopback_redirects_ignore_the_port_and_gain_a_trailing_slash() {
    let h = Harness::new(options());
    let reply = authorize(&h, &[("redirect_uri", "http://localhost:7071")]).await;
    assert!(reply.location().as_str().starts_with("http://localhost:7071/?code="), "{}", reply.location());
    let reply = authorize(&h, &[("redirect_uri", "http://127.0.0.1:40000/callback")]).await;
    assert_eq!(reply.location().path(), "/callback");
    let code = query_param(&reply.location(), "code").unwrap();
    assert_eq!(redeem(&h, &code, Some(VERIFIER), "http://127.0.0.1:40000/callback").await.status, StatusCode::OK);
    let reply = authorize(&h, &[("redirect_uri", "http://127.0.0.1")]).await;
    assert!(reply.location().as_str().starts_with("http://127.0.0.1/?code="));
}

#[tokio::test]
async fn bad_client_redirect_or_tenant_get_an_error_page_not_a_redirect() {
    let h = Harness::new(options());
    let cases: [(&[(&str, &str)], u32); 8] = [
        (&[("redirect_uri", "http://example.com/")], 50011),
        (&[("redirect_uri", "https://localhost/")], 50011),
        (&[("redirect_uri", "http://[::1]:5000/")], 50011),
        (&[("redirect_uri", "http://localhost/other")], 50011),
        (&[("redirect_uri", "http://localhost/?x=1")], 50011),
        (&[("redirect_uri", "")], 900144),
        (&[("client_id", "11111111-2222-3333-4444-555555555555")], 700016),
        (&[("client_id", "")], 900144),
    ];
    for (changes, code) in cases {
        let reply = authorize(&h, changes).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{changes:?}");
        assert!(reply.headers.get("location").is_none());
        assert!(reply.body.contains(&format!("AADSTS{code}:")), "{changes:?}: {}", reply.body);
    }
    let reply =
        h.get(&format!("/login/nope/oauth2/v2.0/authorize?client_id={DEMO_CLIENT_ID}&redirect_uri={REDIRECT}")).await;
    assert!(reply.body.contains("AADSTS90002:"));
    let reply = authorize(&h, &[("redirect_uri", "http://localhost/\"><script>")]).await;
    assert!(!reply.body.contains("<script>"), "reflected text is escaped");
}

#[tokio::test]
async fn other_errors_redirect_with_error_and_state() {
    let h = Harness::new(options());
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[("response_type", "token")], "unsupported_response_type"),
        (&[("response_type", "")], "invalid_request"),
        (&[("scope", "")], "invalid_request"),
        (&[("prompt", "sometimes")], "invalid_request"),
        (&[("code_challenge_method", "S512")], "invalid_request"),
        (&[("code_challenge", "short")], "invalid_request"),
    ];
    for (changes, error) in cases {
        let location = authorize(&h, changes).await.location();
        assert_eq!(query_param(&location, "error").as_deref(), Some(error), "{changes:?}");
        assert_eq!(query_param(&location, "state").as_deref(), Some("12345"));
        assert!(query_param(&location, "error_description").unwrap().starts_with("AADSTS"));
        assert!(query_param(&location, "code").is_none());
    }
    h.identity().decline_authorizations(true);
    let location = authorize(&h, &[("prompt", "consent")]).await.location();
    assert_eq!(query_param(&location, "error").as_deref(), Some("access_denied"));
    assert!(query_param(&location, "error_description").unwrap().starts_with("AADSTS65004: "));
    h.identity().decline_authorizations(false);
    assert!(query_param(&authorize(&h, &[]).await.location(), "code").is_some());
}

#[tokio::test]
async fn fragment_and_form_post_response_modes() {
    let h = Harness::new(options());
    let location = authorize(&h, &[("response_mode", "fragment")]).await.location();
    assert!(location.query().is_none());
    assert!(location.fragment().unwrap().starts_with("code="));
    let reply = authorize(&h, &[("response_mode", "form_post")]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains(&format!("action=\"{REDIRECT}\"")));
    assert!(reply.body.contains("name=\"code\"") && reply.body.contains("value=\"12345\""));
}

#[tokio::test]
async fn logout_follows_a_registered_redirect_only() {
    let h = Harness::new(options());
    let reply =
        h.get("/login/common/oauth2/v2.0/logout?post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A9000&state=s").await;
    assert_eq!(reply.location().as_str(), "http://localhost:9000/?state=s");
    let reply = h.get("/login/common/oauth2/v2.0/logout?post_logout_redirect_uri=http%3A%2F%2Fevil.test%2F").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("signed out"));
}
