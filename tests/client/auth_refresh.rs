//! Refresh against the simulated identity platform: rotation, revocation, the provider's
//! single-flight refresh under concurrent 401s, the token file on disk, and refreshes racing
//! a sign-out or another process's refresh (issue 14).
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use o365_graph::auth::cache;
use o365_graph::auth::device_code::{DeviceCodePrompt, Pacer};
use o365_graph::auth::{
    AccountTokenProvider, AuthError, LoginCallbacks, TokenProvider, login, logout, signed_in_identity,
};
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
    // The lock file beside it (issue 14) is private too.
    assert_eq!(std::fs::metadata(tokens_dir.join("work.lock")).unwrap().permissions().mode() & 0o777, 0o600);
    let mut names: Vec<_> =
        std::fs::read_dir(&tokens_dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["work.json", "work.lock"], "no temp files left behind");
    let cached = f.cached();
    let debug = format!("{cached:?} {:?}", f.provider_at(0));
    assert!(!debug.contains(cached.access_token.secret()), "{debug}");
    assert!(!debug.contains(cached.refresh_token.as_ref().unwrap().secret()), "{debug}");
}

/// A provider (another o365 process) whose clock the test moves.
fn provider_with_clock(f: &Fixture) -> (AccountTokenProvider, Arc<std::sync::Mutex<DateTime<Utc>>>) {
    let now = Arc::new(std::sync::Mutex::new(anchor()));
    let clock = now.clone();
    let provider = AccountTokenProvider::new("work", &f.account, &f.paths)
        .unwrap()
        .with_clock(Arc::new(move || *clock.lock().unwrap()));
    (provider, now)
}

/// Issue 14: `o365 logout` must stick while another o365 process (a CLI command, the TUI)
/// holds the tokens it read before. That process needs a refresh after the sign-out; the
/// refresh must neither reach the identity platform nor write the token file back.
#[tokio::test]
async fn a_sign_out_is_not_undone_by_a_process_that_read_the_tokens_before() {
    let f = Fixture::signed_in().await;
    let token_file = cache::cache_file(&f.paths, "work");
    let (provider, now) = provider_with_clock(&f);
    let (rejecting, _) = provider_with_clock(&f);
    let first = provider.token().await.unwrap();
    assert_eq!(rejecting.token().await.unwrap(), first);

    assert!(logout("work", &f.account, &f.paths).await.unwrap());
    *now.lock().unwrap() = anchor() + chrono::Duration::minutes(57);
    let error = provider.token().await.unwrap_err();
    assert!(matches!(error, AuthError::SignedOut), "{error:?}");
    assert_eq!(error.to_string(), "signed out in another o365 process: run `o365 login`");
    // A 401 goes straight to a renewal, which looks at the file under the lock.
    let error = rejecting.refresh_after_rejection(&first).await.unwrap_err();
    assert!(matches!(error, AuthError::SignedOut), "{error:?}");

    assert_eq!(f.sim.state.identity.token_requests("refresh_token"), 0, "no refresh after the sign-out");
    assert!(!token_file.exists(), "the token file is back");
    assert!(signed_in_identity("work", &f.account, &f.paths).unwrap().is_none(), "whoami says signed in");
    // The sign-out was reported once; from now on the account is simply not signed in.
    assert!(matches!(provider.token().await, Err(AuthError::NotSignedIn)));
    assert!(!logout("work", &f.account, &f.paths).await.unwrap());
}

/// Signed out and in again while a process held the old sign-in: its refresh must not write
/// over the new sign-in (the generation differs), and the next call uses the new one.
#[tokio::test]
async fn a_refresh_of_an_old_sign_in_does_not_overwrite_a_new_one() {
    let f = Fixture::signed_in().await;
    let (provider, _) = provider_with_clock(&f);
    let old = provider.token().await.unwrap();
    assert!(logout("work", &f.account, &f.paths).await.unwrap());
    let state = f.sim.state.clone();
    let approve = move |p: &DeviceCodePrompt| assert!(state.identity.approve_device_code(&p.user_code));
    let no_browser = |_: &Url| panic!("no browser in the device code flow");
    let mut callbacks = LoginCallbacks::new(&approve, &no_browser);
    callbacks.pacer = &FixedPacer;
    login("work", &f.account, &f.paths, &callbacks).await.unwrap();
    let new = f.cached();

    let error = provider.refresh_after_rejection(&old).await.unwrap_err();
    assert!(matches!(error, AuthError::SignedOut), "{error:?}");
    assert_eq!(f.cached(), new, "the new sign-in's file is untouched");
    assert_eq!(f.sim.state.identity.token_requests("refresh_token"), 0);
    assert_eq!(provider.token().await.unwrap(), new.access_token, "then the new sign-in is used");
}

/// Two processes that need a refresh at once: one refresh reaches the token endpoint, the other
/// process picks up its result under the lock (refresh tokens rotate: spending one twice is a
/// waste at best).
#[tokio::test]
async fn two_processes_refreshing_at_once_spend_one_refresh_token() {
    let f = Fixture::signed_in().await;
    let (first, second) = (f.provider_at(57), f.provider_at(57));
    let (a, b) = futures::future::join(first.token(), second.token()).await;
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a, b, "both use the one new token");
    assert_eq!(f.sim.state.identity.token_requests("refresh_token"), 1);
    assert_eq!(first.renewals() + second.renewals(), 1);
    assert_eq!(f.cached().access_token, a);
}
