//! The device authorization grant: codes, polling answers, the devicelogin page, knobs.
use std::time::Duration;

use axum::http::StatusCode;

use super::*;

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

fn code_of(flow: &Value, field: &str) -> String {
    flow[field].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn device_authorization_response_has_the_documented_fields() {
    let h = Harness::new(options());
    let flow = h.start_device_flow("https://graph.microsoft.com/Mail.Read openid offline_access").await;
    let user_code = code_of(&flow, "user_code");
    assert_eq!(user_code.len(), 9);
    assert!(user_code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
    assert!(code_of(&flow, "device_code").len() > 40);
    assert_eq!(flow["verification_uri"], format!("{ORIGIN}/login/devicelogin"));
    assert_eq!(flow["expires_in"], 900);
    assert_eq!(flow["interval"], 0);
    assert_eq!(
        flow["message"],
        format!(
            "To sign in, use a web browser to open the page {ORIGIN}/login/devicelogin and enter the code {user_code} to authenticate."
        )
    );
    assert!(flow.get("verification_uri_complete").is_none());
    assert_eq!(h.identity().pending_user_codes(), vec![user_code]);
}

#[tokio::test]
async fn device_authorization_rejects_missing_and_unknown_parameters() {
    let h = Harness::new(options());
    let path = "/login/common/oauth2/v2.0/devicecode";
    let reply = h.post_form(path, &[("scope", "openid")]).await;
    assert_eq!(
        (reply.status, reply.oauth_error(), reply.aadsts()),
        (StatusCode::BAD_REQUEST, "invalid_request".into(), 900144)
    );
    let reply = h.post_form(path, &[("client_id", DEMO_CLIENT_ID)]).await;
    assert_eq!(reply.aadsts(), 900144);
    assert!(reply.json()["error_description"].as_str().unwrap().contains("'scope'"));
    let reply = h.post_form(path, &[("client_id", "11111111-2222-3333-4444-555555555555"), ("scope", "openid")]).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("unauthorized_client".into(), 700016));
    let reply =
        h.post_form(path, &[("client_id", DEMO_CLIENT_ID), ("scope", "https://outlook.office.com/Mail.Read")]).await;
    assert_eq!(reply.oauth_error(), "invalid_scope");
}

#[tokio::test]
async fn pending_until_approved_then_tokens_once() {
    let h = Harness::new(options());
    let flow = h.start_device_flow("User.Read Mail.Read openid profile offline_access").await;
    let device_code = code_of(&flow, "device_code");
    let reply = h.poll(&device_code).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("authorization_pending".into(), 70016));

    assert!(h.identity().approve_device_code(&code_of(&flow, "user_code").to_lowercase()));
    assert!(h.identity().pending_user_codes().is_empty());
    let reply = h.poll(&device_code).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.headers.get("cache-control").unwrap(), "no-store, no-cache");
    let token = reply.json();
    assert_eq!(token["token_type"], "Bearer");
    assert_eq!(token["scope"], "User.Read Mail.Read profile openid offline_access");
    assert_eq!(token["expires_in"], 3600);
    assert_eq!(token["ext_expires_in"], 3600);
    assert!(token["refresh_token"].is_string());
    let claims = h.identity().decode_id_token(token["id_token"].as_str().unwrap()).unwrap();
    assert_eq!(claims["aud"], DEMO_CLIENT_ID);
    assert_eq!(claims["iss"], format!("{ORIGIN}/login/{TENANT_ID}/v2.0"));
    assert_eq!((claims["oid"].as_str(), claims["tid"].as_str()), (Some(ME_ID), Some(TENANT_ID)));
    assert_eq!(claims["preferred_username"], UPN);
    assert_eq!(claims["name"], "Adele Vance");
    assert!(claims["sub"].is_string() && claims["nbf"] == claims["iat"]);

    let principal = h.identity().validate_access_token(token["access_token"].as_str().unwrap()).unwrap();
    let crate::auth::Principal::User { oid, upn, scopes } = principal else { panic!("app principal") };
    assert_eq!((oid.as_str(), upn.as_str()), (ME_ID, UPN));
    assert_eq!(scopes, vec!["User.Read", "Mail.Read", "profile", "openid"]);

    let reply = h.poll(&device_code).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_grant".into(), 54005));
    assert_eq!(h.identity().token_requests(DEVICE_GRANT), 3);
    assert_eq!(h.identity().tokens_issued(DEVICE_GRANT), 1);
}

#[tokio::test]
async fn without_offline_access_or_openid_only_an_access_token() {
    let h = Harness::new(options());
    let token = h.device_sign_in("Mail.Read").await;
    assert_eq!(token["scope"], "Mail.Read");
    assert!(token.get("refresh_token").is_none());
    assert!(token.get("id_token").is_none());
}

#[tokio::test]
async fn declined_unknown_and_expired_codes() {
    let h = Harness::new(options());
    let flow = h.start_device_flow("openid").await;
    assert!(h.identity().decline_device_code(&code_of(&flow, "user_code")));
    assert!(!h.identity().approve_device_code(&code_of(&flow, "user_code")), "settled flows stay settled");
    for _ in 0..2 {
        let reply = h.poll(&code_of(&flow, "device_code")).await;
        assert_eq!(reply.oauth_error(), "authorization_declined");
    }

    let reply = h.poll("DAQABAAEAAAD--not-a-code").await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("bad_verification_code".into(), 70018));
    let reply = h.token(&[("grant_type", DEVICE_GRANT), ("client_id", DEMO_CLIENT_ID)]).await;
    assert_eq!(reply.aadsts(), 900144);

    let flow = h.start_device_flow("openid").await;
    h.identity().expire_device_codes();
    assert!(!h.identity().approve_device_code(&code_of(&flow, "user_code")));
    let reply = h.poll(&code_of(&flow, "device_code")).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("expired_token".into(), 70019));

    let flow = h.start_device_flow("openid").await;
    h.identity().advance_clock(Duration::from_secs(899));
    assert_eq!(h.poll(&code_of(&flow, "device_code")).await.oauth_error(), "authorization_pending");
    h.identity().advance_clock(Duration::from_secs(1));
    assert_eq!(h.poll(&code_of(&flow, "device_code")).await.oauth_error(), "expired_token");
}

#[tokio::test]
async fn polling_faster_than_the_interval_gets_slow_down_and_a_longer_interval() {
    let h = Harness::new(SimOptions { device_code_interval: 5, ..options() });
    let flow = h.start_device_flow("openid").await;
    assert_eq!(flow["interval"], 5);
    let device_code = code_of(&flow, "device_code");
    assert_eq!(h.poll(&device_code).await.oauth_error(), "authorization_pending");
    assert_eq!(h.poll(&device_code).await.oauth_error(), "slow_down");
    // RFC 8628 §3.5: the interval is now 10 s.
    h.identity().advance_clock(Duration::from_secs(5));
    assert_eq!(h.poll(&device_code).await.oauth_error(), "slow_down");
    h.identity().advance_clock(Duration::from_secs(15));
    assert_eq!(h.poll(&device_code).await.oauth_error(), "authorization_pending");
    h.identity().advance_clock(Duration::from_secs(15));
    h.identity().approve_device_code(&code_of(&flow, "user_code"));
    assert_eq!(h.poll(&device_code).await.status, StatusCode::OK);
}

#[tokio::test]
async fn interval_zero_never_slows_down() {
    let h = Harness::new(options());
    let flow = h.start_device_flow("openid").await;
    for _ in 0..5 {
        assert_eq!(h.poll(&code_of(&flow, "device_code")).await.oauth_error(), "authorization_pending");
    }
}

#[tokio::test]
async fn auto_approval_answers_pending_first_then_tokens_or_declined() {
    let h = Harness::new(SimOptions { auto_approve_device_codes: true, ..options() });
    let flow = h.start_device_flow("openid offline_access").await;
    let device_code = code_of(&flow, "device_code");
    assert_eq!(h.poll(&device_code).await.oauth_error(), "authorization_pending");
    let reply = h.poll(&device_code).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.json()["refresh_token"].is_string());

    h.identity().decline_authorizations(true);
    let flow = h.start_device_flow("openid").await;
    assert_eq!(h.poll(&code_of(&flow, "device_code")).await.oauth_error(), "authorization_pending");
    assert_eq!(h.poll(&code_of(&flow, "device_code")).await.oauth_error(), "authorization_declined");
}

#[tokio::test]
async fn a_person_approves_or_declines_on_the_devicelogin_page() {
    let h = Harness::new(options());
    let page = h.get("/login/devicelogin?code=%3Cb%3E").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<form method=\"post\" action=\"devicelogin\">"));
    assert!(page.body.contains("Adele Vance") && page.body.contains("value=\"approve\""));
    assert!(page.body.contains("value=\"&lt;b&gt;\""), "typed text is escaped");

    let flow = h.start_device_flow("openid").await;
    let typed = format!("{}-{}", &code_of(&flow, "user_code")[..4].to_lowercase(), &code_of(&flow, "user_code")[4..]);
    let reply = h.post_form("/login/devicelogin", &[("code", &typed), ("action", "approve")]).await;
    assert!(reply.body.contains("You have signed in"), "{}", reply.body);
    assert_eq!(h.poll(&code_of(&flow, "device_code")).await.status, StatusCode::OK);
    let reply = h.post_form("/login/devicelogin", &[("code", &typed), ("action", "approve")]).await;
    assert!(reply.body.contains("didn't work"), "a used code is refused");

    let flow = h.start_device_flow("openid").await;
    let reply =
        h.post_form("/login/devicelogin", &[("code", &code_of(&flow, "user_code")), ("action", "decline")]).await;
    assert!(reply.body.contains("declined"));
    assert_eq!(h.poll(&code_of(&flow, "device_code")).await.oauth_error(), "authorization_declined");
}
