//! Discovery document, key set and the `{tenant}` segment rules.
use axum::http::StatusCode;

use super::*;

#[tokio::test]
async fn tenant_discovery_document_names_every_endpoint() {
    let h = Harness::new(options());
    let reply = h.get(&format!("/login/{TENANT_ID}/v2.0/.well-known/openid-configuration")).await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = reply.json();
    let base = format!("{ORIGIN}/login/{TENANT_ID}");
    assert_eq!(doc["issuer"], format!("{base}/v2.0"));
    assert_eq!(doc["authorization_endpoint"], format!("{base}/oauth2/v2.0/authorize"));
    assert_eq!(doc["token_endpoint"], format!("{base}/oauth2/v2.0/token"));
    assert_eq!(doc["device_authorization_endpoint"], format!("{base}/oauth2/v2.0/devicecode"));
    assert_eq!(doc["jwks_uri"], format!("{base}/discovery/v2.0/keys"));
    assert_eq!(doc["end_session_endpoint"], format!("{base}/oauth2/v2.0/logout"));
    assert_eq!(doc["id_token_signing_alg_values_supported"], json!(["RS256"]));
    assert_eq!(doc["subject_types_supported"], json!(["pairwise"]));
    assert_eq!(doc["response_types_supported"], json!(["code"]));
    for mode in ["query", "fragment", "form_post"] {
        assert!(doc["response_modes_supported"].as_array().unwrap().contains(&json!(mode)));
    }
    for scope in ["openid", "profile", "email", "offline_access"] {
        assert!(doc["scopes_supported"].as_array().unwrap().contains(&json!(scope)));
    }
    for grant in
        ["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"]
    {
        assert!(doc["grant_types_supported"].as_array().unwrap().contains(&json!(grant)));
    }
    for claim in ["aud", "iss", "iat", "exp", "nonce", "oid", "tid", "sub", "preferred_username", "name", "ver"] {
        assert!(doc["claims_supported"].as_array().unwrap().contains(&json!(claim)), "{claim}");
    }
    assert!(doc["tenant_region_scope"].is_string());
}

#[tokio::test]
async fn multi_tenant_documents_keep_their_segment_and_template_the_issuer() {
    let h = Harness::new(options());
    let doc = h.get("/login/common/v2.0/.well-known/openid-configuration").await.json();
    assert_eq!(doc["issuer"], format!("{ORIGIN}/login/{{tenantid}}/v2.0"));
    assert_eq!(doc["token_endpoint"], format!("{ORIGIN}/login/common/oauth2/v2.0/token"));
    assert!(doc["tenant_region_scope"].is_null());
    let doc = h.get("/login/organizations/v2.0/.well-known/openid-configuration").await.json();
    assert_eq!(doc["device_authorization_endpoint"], format!("{ORIGIN}/login/organizations/oauth2/v2.0/devicecode"));
    let doc = h.get("/login/consumers/v2.0/.well-known/openid-configuration").await.json();
    assert_eq!(doc["issuer"], format!("{ORIGIN}/login/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"));
}

#[tokio::test]
async fn tenant_is_matched_by_domain_or_guid_in_any_case() {
    let h = Harness::new(options());
    for segment in ["CONTOSO.onmicrosoft.COM", "72F988BF-86F1-41AF-91AB-2D7CD011DB47", "Common"] {
        let reply = h.get(&format!("/login/{segment}/v2.0/.well-known/openid-configuration")).await;
        assert_eq!(reply.status, StatusCode::OK, "{segment}");
    }
    // A domain names the tenant: endpoints use its GUID.
    let doc = h.get(&format!("/login/{DOMAIN}/v2.0/.well-known/openid-configuration")).await.json();
    assert_eq!(doc["token_endpoint"], format!("{ORIGIN}/login/{TENANT_ID}/oauth2/v2.0/token"));
}

#[tokio::test]
async fn unknown_tenant_is_aadsts90002_everywhere() {
    let h = Harness::new(options());
    let reply = h.get("/login/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.oauth_error(), "invalid_tenant");
    assert_eq!(reply.aadsts(), 90002);
    assert!(
        reply.json()["error_description"].as_str().unwrap().contains("Tenant 'fabrikam.onmicrosoft.com' not found")
    );

    let reply = h.post_form("/login/nope/oauth2/v2.0/token", &[("grant_type", "refresh_token")]).await;
    assert_eq!(
        (reply.status, reply.oauth_error(), reply.aadsts()),
        (StatusCode::BAD_REQUEST, "invalid_request".into(), 90002)
    );
    let reply =
        h.post_form("/login/nope/oauth2/v2.0/devicecode", &[("client_id", DEMO_CLIENT_ID), ("scope", "openid")]).await;
    assert_eq!((reply.oauth_error(), reply.aadsts()), ("invalid_request".into(), 90002));
    let reply = h.get("/login/nope/discovery/v2.0/keys").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn key_set_publishes_the_id_token_key() {
    let h = Harness::new(options());
    let keys = h.get(&format!("/login/{TENANT_ID}/discovery/v2.0/keys")).await.json();
    let key = &keys["keys"][0];
    assert_eq!(key["kty"], "RSA");
    assert_eq!(key["use"], "sig");
    assert!(key["x_o365_sim_note"].as_str().unwrap().contains("placeholder"));
    let token = h.device_sign_in("openid User.Read").await;
    let id_token = token["id_token"].as_str().unwrap();
    let header: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(id_token.split('.').next().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(header["kid"], key["kid"]);
}
