//! A real OAuth client (the `oauth2` crate) against the identity routes served over loopback
//! TCP: device code, authorization code with PKCE, refresh and client credentials.
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, DeviceAuthorizationUrl, PkceCodeChallenge,
    RedirectUrl, Scope, StandardDeviceAuthorizationResponse, TokenResponse, TokenUrl,
};

use super::*;
use crate::identity::DEMO_CLIENT_SECRET;

/// Serves the identity routes on 127.0.0.1:0; returns the state and the authority base.
async fn serve(options: &SimOptions) -> (SharedState, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let state = state_with(&origin, options);
    let app = router(state.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (state, format!("{origin}/login/{TENANT_ID}"))
}

/// oauth2's HTTP hook backed by reqwest 0.13 (no redirects, as oauth2 advises).
fn http_client()
-> impl Fn(oauth2::HttpRequest) -> futures::future::BoxFuture<'static, Result<oauth2::HttpResponse, reqwest::Error>> {
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    move |request: oauth2::HttpRequest| {
        let http = http.clone();
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let reply =
                http.request(parts.method, parts.uri.to_string()).headers(parts.headers).body(body).send().await?;
            let mut response = http::Response::builder().status(reply.status());
            for (name, value) in reply.headers() {
                response = response.header(name, value);
            }
            Ok(response.body(reply.bytes().await?.to_vec()).unwrap())
        })
    }
}

#[tokio::test]
async fn oauth2_device_flow_then_refresh() {
    let (state, authority) = serve(&SimOptions { auto_approve_device_codes: true, ..options() }).await;
    let http = http_client();
    let client = BasicClient::new(ClientId::new(DEMO_CLIENT_ID.into()))
        .set_auth_uri(AuthUrl::new(format!("{authority}/oauth2/v2.0/authorize")).unwrap())
        .set_token_uri(TokenUrl::new(format!("{authority}/oauth2/v2.0/token")).unwrap())
        .set_device_authorization_url(
            DeviceAuthorizationUrl::new(format!("{authority}/oauth2/v2.0/devicecode")).unwrap(),
        );
    let details: StandardDeviceAuthorizationResponse = client
        .exchange_device_code()
        .add_scope(Scope::new("Mail.Read".into()))
        .add_scope(Scope::new("offline_access".into()))
        .request_async(&http)
        .await
        .unwrap();
    assert_eq!(details.user_code().secret().len(), 9);
    let token =
        client.exchange_device_access_token(&details).request_async(&http, tokio::time::sleep, None).await.unwrap();
    assert!(state.identity.validate_access_token(token.access_token().secret()).is_ok());
    assert_eq!(token.scopes().unwrap()[0].as_str(), "Mail.Read");
    // One pending answer, then the token.
    assert_eq!(state.identity.token_requests("urn:ietf:params:oauth:grant-type:device_code"), 2);

    let refreshed = client.exchange_refresh_token(token.refresh_token().unwrap()).request_async(&http).await.unwrap();
    assert_ne!(refreshed.refresh_token().unwrap().secret(), token.refresh_token().unwrap().secret());
    state.identity.revoke_refresh_tokens();
    let refused = client.exchange_refresh_token(refreshed.refresh_token().unwrap()).request_async(&http).await;
    let Err(oauth2::RequestTokenError::ServerResponse(error)) = refused else { panic!("{refused:?}") };
    assert_eq!(error.error().as_ref(), "invalid_grant");
    assert!(error.error_description().unwrap().starts_with("AADSTS70008: "));
}

#[tokio::test]
async fn oauth2_authorization_code_with_pkce_and_client_credentials() {
    let (state, authority) = serve(&options()).await;
    let http = http_client();
    let client = BasicClient::new(ClientId::new(DEMO_CLIENT_ID.into()))
        .set_auth_uri(AuthUrl::new(format!("{authority}/oauth2/v2.0/authorize")).unwrap())
        .set_token_uri(TokenUrl::new(format!("{authority}/oauth2/v2.0/token")).unwrap())
        .set_redirect_uri(RedirectUrl::new("http://127.0.0.1:53682/".into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf) = client
        .authorize_url(CsrfToken::new_random)
        .add_scope(Scope::new("https://graph.microsoft.com/Files.ReadWrite.All".into()))
        .add_scope(Scope::new("openid".into()))
        .set_pkce_challenge(challenge)
        .url();
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let reply = browser.get(url).send().await.unwrap();
    assert_eq!(reply.status(), reqwest::StatusCode::FOUND);
    let location = url::Url::parse(reply.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(query_param(&location, "state").as_deref(), Some(csrf.secret().as_str()));
    let code = query_param(&location, "code").unwrap();
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .unwrap();
    assert!(token.refresh_token().is_none(), "no offline_access, no refresh token");
    assert_eq!(
        token.scopes().unwrap().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        ["Files.ReadWrite.All", "openid"]
    );
    assert!(state.identity.validate_access_token(token.access_token().secret()).is_ok());

    // oauth2 sends a client secret with HTTP Basic.
    let app = BasicClient::new(ClientId::new(DEMO_CLIENT_ID.into()))
        .set_client_secret(ClientSecret::new(DEMO_CLIENT_SECRET.into()))
        .set_token_uri(TokenUrl::new(format!("{authority}/oauth2/v2.0/token")).unwrap());
    let token = app
        .exchange_client_credentials()
        .add_scope(Scope::new("https://graph.microsoft.com/.default".into()))
        .request_async(&http)
        .await
        .unwrap();
    assert_eq!(
        state.identity.validate_access_token(token.access_token().secret()).unwrap(),
        crate::auth::Principal::App {
            app_id: DEMO_CLIENT_ID.into(),
            roles: crate::identity::scopes::DEMO_APP_ROLES.iter().map(|r| r.to_string()).collect()
        }
    );
}
