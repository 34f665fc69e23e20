//! Refresh against the simulated identity platform: rotation, revocation, the provider's
//! single-flight refresh under concurrent 401s, and the token file on disk.
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use o365_graph::auth::cache;
use o365_graph::auth::device_code::{DeviceCodePrompt, Pacer};
use o365_graph::auth::{AccountTokenProvider, AuthError, LoginCallbacks, TokenProvider, login};
use o365_graph::{AccountSettings, AuthFlow};
use o365_sim::{self as sim, RunningSim, SimOptions};
use url::Url;

fn anchor() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z").unwrap().with_timezone(&Utc)
}

/// Login happens at `anchor()`; the device code is approved before the first poll, so
/// nothing ever sleeps.
struct FixedPacer;

impl Pacer for FixedPacer {
    fn now(&self) -> DateTime<Utc> {
        anchor()
    }

    fn sleep(&self, _: Duration) -> BoxFuture<'static, ()> {
        panic!("the code was approved before the first poll");
    }
}

struct Fixture {
    sim: RunningSim,
    /// The token directory.
    paths: PathBuf,
    account: AccountSettings,
}

impl Fixture {
    /// A simulator and a signed-in account `work` (device code flow).
    async fn signed_in() -> Self {
        let options = SimOptions {
            seed: 1,
            messages: 50,
            anchor: anchor(),
            auto_approve_device_codes: false,
            ..SimOptions::default()
        };
        let sim = sim::start("127.0.0.1:0".parse().unwrap(), options).await.unwrap();
        let root = std::env::temp_dir().join(format!("o365-auth-refresh-{}", uuid::Uuid::new_v4().simple()));
        let paths = root.join("tokens");
        let mut account = AccountSettings::with_defaults(sim::DEMO_CLIENT_ID);
        account.auth_flow = AuthFlow::DeviceCode;
        account.authority_url = Url::parse(&sim.urls().authority_url()).unwrap();
        account.graph_url = Url::parse(&sim.urls().graph_url()).unwrap();
        let state = sim.state.clone();
        let approve = move |p: &DeviceCodePrompt| assert!(state.identity.approve_device_code(&p.user_code));
        let no_browser = |_: &Url| panic!("no browser in the device code flow");
        let mut callbacks = LoginCallbacks::new(&approve, &no_browser);
        callbacks.pacer = &FixedPacer;
        login("work", &account, &paths, &callbacks).await.unwrap();
        Self { sim, paths, account }
    }

    /// A provider whose clock reads `anchor() + minutes`.
    fn provider_at(&self, minutes: i64) -> Arc<AccountTokenProvider> {
        let provider = AccountTokenProvider::new("work", &self.account, &self.paths).unwrap();
        Arc::new(provider.with_clock(Arc::new(move || anchor() + chrono::Duration::minutes(minutes))))
    }

    fn cached(&self) -> cache::CachedTokens {
        cache::load(&cache::cache_file(&self.paths, "work")).unwrap().unwrap()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.paths.parent().unwrap());
    }
}

#[tokio::test]
async fn refresh_near_expiry_rotates_the_refresh_token() {
    let f = Fixture::signed_in().await;
    let before = f.cached();
    // The token lives 3599 s from the anchor; at +57 min less than 5 min are left.
    let fresh = f.provider_at(50).token().await.unwrap();
    assert_eq!(fresh, before.access_token, "over 5 minutes left: no refresh");
    assert_eq!(f.sim.state.identity.token_requests("refresh_token"), 0);

    let renewed = f.provider_at(57).token().await.unwrap();
    assert_ne!(renewed, before.access_token);
    assert_eq!(f.sim.state.identity.tokens_issued("refresh_token"), 1);
    assert!(f.sim.state.identity.validate_access_token(renewed.secret()).is_ok());
    let after = f.cached();
    assert_eq!(after.access_token, renewed);
    assert_ne!(after.refresh_token, before.refresh_token, "the rotated refresh token is stored");
    assert!(after.refresh_token.is_some());
    assert_eq!(after.identity, before.identity, "who signed in survives a refresh");
}

#[tokio::test]
async fn revoked_refresh_token_asks_for_login() {
    let f = Fixture::signed_in().await;
    f.sim.state.identity.revoke_refresh_tokens();
    let error = f.provider_at(120).token().await.unwrap_err();
    assert!(matches!(error, AuthError::SessionExpired(_)), "{error:?}");
    assert!(error.to_string().contains("o365 login"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_rejections_cause_one_refresh() {
    let f = Fixture::signed_in().await;
    let provider = f.provider_at(1);
    let rejected = provider.token().await.unwrap();
    f.sim.state.identity.expire_access_tokens();
    assert!(f.sim.state.identity.validate_access_token(rejected.secret()).is_err());

    let tasks: Vec<_> = (0..12)
        .map(|_| {
            let provider = provider.clone();
            let rejected = rejected.clone();
            tokio::spawn(async move { provider.refresh_after_rejection(&rejected).await })
        })
        .collect();
    let mut tokens = Vec::new();
    for task in tasks {
        tokens.push(task.await.unwrap().unwrap());
    }
    assert!(tokens.iter().all(|t| *t == tokens[0]), "every caller gets the same new token");
    assert_ne!(tokens[0], rejected);
    assert_eq!(f.sim.state.identity.token_requests("refresh_token"), 1);
    assert_eq!(provider.renewals(), 1);
    assert!(f.sim.state.identity.validate_access_token(tokens[0].secret()).is_ok());
}

#[cfg(unix)]
#[tokio::test]
async fn token_file_is_private_and_alone() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::signed_in().await;
    f.provider_at(57).token().await.unwrap();
    let tokens_dir = f.paths.clone();
    let file = tokens_dir.join("work.json");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(&tokens_dir).unwrap().permissions().mode() & 0o777, 0o700);
    let names: Vec<_> =
        std::fs::read_dir(&tokens_dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names, vec!["work.json".to_owned()], "no temp files left behind");
    let cached = f.cached();
    let debug = format!("{cached:?} {:?}", f.provider_at(0));
    assert!(!debug.contains(cached.access_token.secret()), "{debug}");
    assert!(!debug.contains(cached.refresh_token.as_ref().unwrap().secret()), "{debug}");
}
