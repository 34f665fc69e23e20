//! The token endpoint: refresh rotation, client credentials, client checks, token expiry.
use std::time::Duration;

use axum::http::StatusCode;

use super::*;
use crate::auth::Principal;
use crate::identity::DEMO_CLIENT_SECRET;

fn refresh_pairs<'a>(refresh_token: &'a str, scope: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut pairs =
        vec![("grant_type", "refresh_token"), ("client_id", DEMO_CLIENT_ID), ("refresh_token", refresh_token)];
    if let Some(scope) = scope {
        pairs.push(("scope", scope));
    }
    pairs
}

async fn refresh(h: &Harness, refresh_token: &str, scope: Option<&str>) -> Reply {
    h.token(&refresh_pairs(refresh_token, scope)).await
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_else(|| panic!("no {key} in {v}")).to_owned()
}

#[tokio::test]
async fn refresh_returns_a_new_refresh_token_and_the_old_one_stays_valid() {
    let h = Harness::new(options());
    let first = h.device_sign_in("Mail.ReadWrite User.Read openid offline_access").await;
    let reply = refresh(&h, &text(&first, "refresh_token"), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let second = reply.json();
    assert_ne!(text(&second, "refresh_token"), text(&first, "refresh_token"));
    assert_ne!(text(&second, "access_token"), text(&first, "access_token"));
    assert_eq!(second["scope"], "Mail.ReadWrite User.Read openid offline_access");
    assert!(second["id_token"].is_string());
    assert_eq!(refresh(&h, &text(&first, "refresh_token"), None).await.status, StatusCode::OK);
    assert!(second.get("client_info").is_none());
    let mut pairs = refresh_pairs(second["refresh_token"].as_str().unwrap(), None);
    pairs.push(("client_info", "1"));
    let third = h.token(&pairs).await.json();
    let client_info = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text(&third, "client_info")).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&client_info).unwrap(), json!({"uid": ME_ID, "utid": TENANT_ID}));
    assert_eq!(h.identity().token_requests("refresh_token"), 3);
    assert_eq!(h.identity().tokens_issued("refresh_token"), 3);
}

#[tokio::test]
async fn refresh_may_narrow_scopes_but_not_widen_them() {
    let h = Harness::new(options());
    let first = h.device_sign_in("https://graph.microsoft.com/Mail.ReadWrite User.Read offline_access").await;
    let rt = text(&first, "refresh_token");
    let narrowed = refresh(&h, &rt, Some("https://graph.microsoft.com/mail.readwrite offline_access")).await.json();
    assert_eq!(narrowed["scope"], "Mail.ReadWrite offline_access");
    let Ok(Principal::User { scopes, .. }) = h.identity().validate_access_token(&text(&narrowed, "access_token"))
    else {
        panic!("user principal")
    };
    assert_eq!(scopes, vec!["Mail.ReadWrite"]);
    // The narrowed token's refresh token still carries the whole consent.
    let again = refresh(&h, &text(&narrowed, "refresh_token"), Some("User.Read")).await;
    assert_eq!(again.json()["scope"], "User.Read offline_access");
    let reply = refresh(&h, &rt, Some("Mail.Send")).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_grant".into(), 65001));
}

#[tokio::test]
async fn revoked_unknown_expired_and_missing_refresh_tokens_are_refused() {
    let h = Harness::new(options());
    let first = h.device_sign_in("User.Read offline_access").await;
    let reply = refresh(&h, "0.AXEA-not-a-refresh-token", None).await;
    assert_eq!((reply.status, reply.oauth_error()), (StatusCode::BAD_REQUEST, "invalid_grant".into()));
    let reply = h.token(&[("grant_type", "refresh_token"), ("client_id", DEMO_CLIENT_ID)]).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_request".into(), 900144));

    h.identity().revoke_refresh_tokens();
    let reply = refresh(&h, &text(&first, "refresh_token"), None).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_grant".into(), 70008));

    let later = h.device_sign_in("User.Read offline_access").await;
    h.identity().advance_clock(Duration::from_secs(89 * 24 * 3600));
    assert_eq!(refresh(&h, &text(&later, "refresh_token"), None).await.status, StatusCode::OK);
    h.identity().advance_clock(Duration::from_secs(24 * 3600));
    let reply = refresh(&h, &text(&later, "refresh_token"), None).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_grant".into(), 700082));
    assert_eq!(h.identity().tokens_issued("refresh_token"), 1);
    assert_eq!(h.identity().token_requests("refresh_token"), 5);
}

#[tokio::test]
async fn access_tokens_expire_by_knob_or_by_clock() {
    let h = Harness::new(options());
    let token = text(&h.device_sign_in("User.Read offline_access").await, "access_token");
    assert!(h.identity().validate_access_token(&token).is_ok());
    h.identity().expire_access_tokens();
    let rejection = h.identity().validate_access_token(&token).unwrap_err();
    assert_eq!(rejection.message(), "Access token has expired or is not yet valid.");
    assert!(h.identity().validate_access_token("made-up").is_err());

    let fresh = h.device_sign_in("User.Read").await;
    assert!(h.identity().validate_access_token(&text(&fresh, "access_token")).is_ok(), "new tokens are unaffected");
    h.identity().advance_clock(Duration::from_secs(3599));
    assert!(h.identity().validate_access_token(&text(&fresh, "access_token")).is_ok());
    h.identity().advance_clock(Duration::from_secs(1));
    assert!(h.identity().validate_access_token(&text(&fresh, "access_token")).is_err());
}

#[tokio::test]
async fn client_credentials_with_form_or_basic_secret() {
    let h = Harness::new(options());
    let scope = "https://graph.microsoft.com/.default";
    let reply = h
        .token(&[
            ("grant_type", "client_credentials"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("scope", scope),
        ])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let token = reply.json();
    assert_eq!(token["token_type"], "Bearer");
    assert_eq!(token["expires_in"], 3600);
    assert!(token.get("refresh_token").is_none() && token.get("id_token").is_none());
    assert_eq!(
        h.identity().validate_access_token(&text(&token, "access_token")).unwrap(),
        Principal::App {
            app_id: DEMO_CLIENT_ID.into(),
            roles: crate::identity::scopes::DEMO_APP_ROLES.iter().map(|r| r.to_string()).collect()
        }
    );

    let path = format!("/login/{DOMAIN}/oauth2/v2.0/token");
    let pairs = [("grant_type", "client_credentials"), ("scope", "api://some-api/.default")];
    let reply = h.post_form_with(&path, &pairs, Some((DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(h.identity().tokens_issued("client_credentials"), 2);
}

#[tokio::test]
async fn client_credentials_errors() {
    let h = Harness::new(options());
    let good = [("grant_type", "client_credentials"), ("scope", "https://graph.microsoft.com/.default")];
    for tenant in ["common", "organizations", "consumers"] {
        let path = format!("/login/{tenant}/oauth2/v2.0/token");
        let reply = h.post_form_with(&path, &good, Some((DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))).await;
        assert_eq!((reply.status, reply.aadsts()), (StatusCode::BAD_REQUEST, 9001023), "{tenant}");
    }
    let path = format!("/login/{TENANT_ID}/oauth2/v2.0/token");
    let reply = h.post_form_with(&path, &good, Some((DEMO_CLIENT_ID, "wrong"))).await;
    assert_eq!(
        (reply.status, reply.oauth_error(), reply.aadsts()),
        (StatusCode::UNAUTHORIZED, "invalid_client".into(), 7000215)
    );
    let mut pairs = good.to_vec();
    pairs.push(("client_id", DEMO_CLIENT_ID));
    let reply = h.token(&pairs).await;
    assert_eq!(
        (reply.status, reply.oauth_error(), reply.aadsts()),
        (StatusCode::UNAUTHORIZED, "invalid_client".into(), 7000218)
    );
    pairs.push(("client_secret", "also-wrong"));
    assert_eq!(h.token(&pairs).await.aadsts(), 7000215);
    let reply = h
        .post_form_with(
            &path,
            &[("grant_type", "client_credentials"), ("scope", "Mail.Read")],
            Some((DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)),
        )
        .await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_scope".into(), 1002012));
    let reply = h
        .post_form_with(&path, &[("grant_type", "client_credentials")], Some((DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)))
        .await;
    assert_eq!(reply.aadsts(), 900144);
    assert_eq!(h.identity().tokens_issued("client_credentials"), 0);
}

#[tokio::test]
async fn requests_without_grant_type_or_client_or_with_unknown_ones() {
    let h = Harness::new(options());
    let reply = h.token(&[("client_id", DEMO_CLIENT_ID)]).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_request".into(), 900144));
    let reply = h.token(&[("grant_type", "password"), ("client_id", DEMO_CLIENT_ID)]).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("unsupported_grant_type".into(), 70003));
    let reply = h.token(&[("grant_type", "refresh_token"), ("refresh_token", "x")]).await;
    assert_eq!(reply.aadsts(), 900144);
    assert!(reply.json()["error_description"].as_str().unwrap().contains("'client_id'"));
    let reply = h
        .token(&[
            ("grant_type", "refresh_token"),
            ("client_id", "11111111-2222-3333-4444-555555555555"),
            ("refresh_token", "x"),
        ])
        .await;
    assert_eq!(
        (reply.status, reply.oauth_error(), reply.aadsts()),
        (StatusCode::BAD_REQUEST, "unauthorized_client".into(), 700016)
    );

    // A JSON body is not a form: every parameter is missing.
    let request = axum::http::Request::post(format!("/login/{TENANT_ID}/oauth2/v2.0/token"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"grant_type":"client_credentials"}"#))
        .unwrap();
    assert_eq!(h.send(request).await.aadsts(), 900144);

    // A secret sent with a delegated grant must be the right one.
    let first = h.device_sign_in("User.Read offline_access").await;
    let mut pairs = refresh_pairs(first["refresh_token"].as_str().unwrap(), None);
    pairs.push(("client_secret", "wrong"));
    assert_eq!(h.token(&pairs).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(h.identity().token_requests("password"), 1);
}
