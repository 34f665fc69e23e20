//! Provider behaviour against a scripted token endpoint: expiry margin, rotation, single-flight.
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use super::*;
use crate::auth::testing::{ScriptedIdp, error_reply, token_reply};
use crate::auth::{RefreshToken, oauth::TokenGrant};
use crate::settings::SecretString;

fn start_time() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z").unwrap().with_timezone(&Utc)
}

struct Fixture {
    idp: ScriptedIdp,
    dir: PathBuf,
    account: AccountSettings,
    now: Arc<Mutex<DateTime<Utc>>>,
}

impl Fixture {
    async fn new(account: impl FnOnce(AccountSettings) -> AccountSettings) -> Self {
        let idp = ScriptedIdp::start().await;
        let dir = std::env::temp_dir().join(format!("o365-provider-{}", uuid::Uuid::new_v4().simple()));
        let account = account(idp.account());
        Self { idp, dir, account, now: Arc::new(Mutex::new(start_time())) }
    }

    /// Caches `access` expiring `minutes_left` from now.
    fn cache(&self, access: &str, refresh: Option<&str>, minutes_left: i64) {
        let grant = TokenGrant {
            access_token: AccessToken(access.into()),
            expires_at: start_time() + chrono::Duration::minutes(minutes_left),
            refresh_token: refresh.map(|r| RefreshToken(r.into())),
            scopes: vec!["User.Read".into()],
            id_token: None,
        };
        cache::save(&self.cache_file(), &cache_entry(&self.account, grant)).unwrap();
    }

    fn cache_file(&self) -> PathBuf {
        cache::cache_file(&self.dir.join("tokens"), "work")
    }

    fn provider(&self) -> AccountTokenProvider {
        let now = self.now.clone();
        AccountTokenProvider::new("work", &self.account, &self.dir.join("tokens"))
            .unwrap()
            .with_clock(Arc::new(move || *now.lock().unwrap()))
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn fresh_token_needs_no_request() {
    let f = Fixture::new(|a| a).await;
    f.cache("at-1", Some("rt-1"), 6);
    let provider = f.provider();
    assert_eq!(provider.token().await.unwrap().secret(), "at-1");
    assert!(f.idp.requests("token").is_empty());
}

#[tokio::test]
async fn near_expiry_refreshes_and_stores_rotated_token() {
    let f = Fixture::new(|a| a).await;
    f.cache("at-1", Some("rt-1"), 4);
    f.idp.reply("token", 200, token_reply("at-2", Some("rt-2")));
    let provider = f.provider();
    assert_eq!(provider.token().await.unwrap().secret(), "at-2");
    let sent = f.idp.requests("token");
    assert_eq!(sent.len(), 1);
    assert!(sent[0].contains("grant_type=refresh_token") && sent[0].contains("refresh_token=rt-1"), "{}", sent[0]);
    assert!(sent[0].contains("offline_access"), "{}", sent[0]);
    let saved = cache::load(&f.cache_file()).unwrap().unwrap();
    assert_eq!(saved.access_token.secret(), "at-2");
    assert_eq!(saved.refresh_token.unwrap().secret(), "rt-2");
    assert_eq!(saved.expires_at, start_time() + chrono::Duration::seconds(3599));
    // Still fresh: no second request.
    assert_eq!(provider.token().await.unwrap().secret(), "at-2");
    assert_eq!(f.idp.requests("token").len(), 1);
}

#[tokio::test]
async fn concurrent_rejections_refresh_once() {
    let f = Fixture::new(|a| a).await;
    f.cache("at-1", Some("rt-1"), 50);
    f.idp.reply("token", 200, token_reply("at-2", Some("rt-2")));
    f.idp.reply("token", 200, token_reply("at-3", Some("rt-3")));
    let provider = f.provider();
    let rejected = AccessToken("at-1".into());
    let results = futures::future::join_all((0..8).map(|_| provider.refresh_after_rejection(&rejected))).await;
    for result in results {
        assert_eq!(result.unwrap().secret(), "at-2");
    }
    assert_eq!(f.idp.requests("token").len(), 1);
    assert_eq!(provider.renewals(), 1);
}

#[tokio::test]
async fn rejection_of_an_old_token_returns_the_current_one() {
    let f = Fixture::new(|a| a).await;
    f.cache("at-5", Some("rt-5"), 50);
    let provider = f.provider();
    let token = provider.refresh_after_rejection(&AccessToken("at-4".into())).await.unwrap();
    assert_eq!(token.secret(), "at-5");
    assert!(f.idp.requests("token").is_empty());
}

#[tokio::test]
async fn invalid_grant_asks_for_login() {
    let f = Fixture::new(|a| a).await;
    f.cache("at-1", Some("rt-1"), -1);
    f.idp.reply("token", 400, error_reply("invalid_grant"));
    let error = f.provider().token().await.unwrap_err();
    assert!(matches!(error, AuthError::SessionExpired(_)), "{error:?}");
    assert!(error.to_string().contains("o365 login"), "{error}");
}

#[tokio::test]
async fn tokens_of_another_registration_are_not_used() {
    let f = Fixture::new(|a| a).await;
    assert!(matches!(f.provider().token().await, Err(AuthError::NotSignedIn)));
    f.cache("at-1", Some("rt-1"), 50);
    let mut other = f.account.clone();
    other.client_id = "another-app".into();
    let provider = AccountTokenProvider::new("work", &other, &f.dir.join("tokens")).unwrap();
    assert!(matches!(provider.token().await, Err(AuthError::NotSignedIn)));
}

#[tokio::test]
async fn client_credentials_reacquire_when_expired() {
    let f = Fixture::new(|mut a| {
        a.auth_flow = AuthFlow::ClientCredentials;
        a.tenant = "contoso.onmicrosoft.com".into();
        a.client_secret = Some(SecretString::new("app-secret"));
        a
    })
    .await;
    f.cache("app-1", None, 2);
    f.idp.reply("token", 200, token_reply("app-2", None));
    assert_eq!(f.provider().token().await.unwrap().secret(), "app-2");
    let sent = f.idp.requests("token");
    assert_eq!(sent.len(), 1);
    assert!(sent[0].contains("grant_type=client_credentials"), "{}", sent[0]);
    assert!(sent[0].contains("client_secret=app-secret"), "{}", sent[0]);
    assert!(sent[0].contains("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"), "{}", sent[0]);
}

fn keyring_with(account: &str, dir: &std::path::Path, secret: Option<&str>) -> Arc<keyring_core::CredentialStore> {
    let store = keyring_core::mock::Store::new().unwrap();
    if let Some(secret) = secret {
        client_secret::SecretEntry::new(store.clone(), account, &dir.join("tokens")).set(secret).unwrap();
    }
    store
}

/// A client credentials account whose secret is in the keyring.
fn app_with_keyring_secret(mut account: AccountSettings) -> AccountSettings {
    account.auth_flow = AuthFlow::ClientCredentials;
    account.tenant = "contoso.onmicrosoft.com".into();
    account.client_secret_store = Some(client_secret::ClientSecretStore::Keyring);
    account
}

/// `client_secret_store = "keyring"`: each renewal reads the secret from the keyring entry
/// `o365 secret set` filled, and a later `secret set` (a rotated secret) is used at the next one.
#[tokio::test]
async fn client_credentials_read_the_secret_from_the_keyring_at_each_renewal() {
    let f = Fixture::new(app_with_keyring_secret).await;
    let keyring = keyring_with("work", &f.dir, Some("kept-in-keyring"));
    f.cache("app-1", None, 2);
    f.idp.reply("token", 200, token_reply("app-2", None));
    f.idp.reply("token", 200, token_reply("app-3", None));
    let provider = f.provider().with_secret_keyring(keyring.clone());
    assert_eq!(provider.token().await.unwrap().secret(), "app-2");
    client_secret::SecretEntry::new(keyring, "work", &f.dir.join("tokens")).set("rotated").unwrap();
    assert_eq!(provider.refresh_after_rejection(&AccessToken("app-2".into())).await.unwrap().secret(), "app-3");
    let sent = f.idp.requests("token");
    assert!(sent[0].contains("client_secret=kept-in-keyring"), "{}", sent[0]);
    assert!(sent[1].contains("client_secret=rotated"), "{}", sent[1]);
}

/// A missing entry is an error naming the command that fills it; nothing is sent without it.
#[tokio::test]
async fn a_secret_missing_from_the_keyring_is_an_error_and_no_request() {
    let f = Fixture::new(app_with_keyring_secret).await;
    f.cache("app-1", None, 2);
    let error = f.provider().with_secret_keyring(keyring_with("work", &f.dir, None)).token().await.unwrap_err();
    assert!(matches!(error, AuthError::ClientSecret(_)), "{error:?}");
    assert!(error.to_string().contains("run `o365 secret set --account work`"), "{error}");
    assert!(f.idp.requests("token").is_empty());
}

/// A confidential authorization code app (a "Web" registration) sends its secret with every
/// refresh, read from the keyring like the client credentials one.
#[tokio::test]
async fn a_confidential_refresh_sends_the_keyring_secret() {
    let f = Fixture::new(|mut a| {
        a.auth_flow = AuthFlow::AuthorizationCode;
        a.client_secret_store = Some(client_secret::ClientSecretStore::Keyring);
        a
    })
    .await;
    f.cache("at-1", Some("rt-1"), 1);
    f.idp.reply("token", 200, token_reply("at-2", Some("rt-2")));
    let provider = f.provider().with_secret_keyring(keyring_with("work", &f.dir, Some("web-app-secret")));
    assert_eq!(provider.token().await.unwrap().secret(), "at-2");
    let sent = f.idp.requests("token");
    assert!(sent[0].contains("grant_type=refresh_token"), "{}", sent[0]);
    assert!(sent[0].contains("client_secret=web-app-secret"), "{}", sent[0]);
}

/// A public client sends no secret, and a keyring that holds one for it changes nothing.
#[tokio::test]
async fn a_public_refresh_sends_no_secret() {
    let f = Fixture::new(|a| a).await;
    f.cache("at-1", Some("rt-1"), 1);
    f.idp.reply("token", 200, token_reply("at-2", Some("rt-2")));
    let provider = f.provider().with_secret_keyring(keyring_with("work", &f.dir, Some("unused")));
    assert_eq!(provider.token().await.unwrap().secret(), "at-2");
    assert!(!f.idp.requests("token")[0].contains("client_secret"), "{}", f.idp.requests("token")[0]);
}
