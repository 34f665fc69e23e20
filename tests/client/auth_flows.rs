//! Sign-in end to end against the simulated identity platform: every flow, refresh, the
//! provider's single-flight refresh and the token file on disk.
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use o365_graph::auth::client_secret::{ClientSecretStore, SecretEntry};
use o365_graph::auth::device_code::{self, DeviceCodePrompt, Pacer};
use o365_graph::auth::oauth::SignInContext;
use o365_graph::auth::{
    AccountTokenProvider, AuthError, LoginCallbacks, SignedIn, TokenProvider, login, logout, signed_in_identity,
};
use o365_graph::{AccountSettings, AuthFlow, SecretString};
use o365_sim::{self as sim, RunningSim, SimOptions};
use url::Url;

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

fn anchor() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z").unwrap().with_timezone(&Utc)
}

async fn start_sim(auto_approve: bool) -> RunningSim {
    let options = SimOptions {
        seed: 1,
        messages: 50,
        anchor: anchor(),
        auto_approve_device_codes: auto_approve,
        ..SimOptions::default()
    };
    sim::start("127.0.0.1:0".parse().unwrap(), options).await.unwrap()
}

fn delegated(sim: &RunningSim, flow: AuthFlow) -> AccountSettings {
    let mut account = AccountSettings::with_defaults(sim::DEMO_CLIENT_ID);
    account.auth_flow = flow;
    account.authority_url = Url::parse(&sim.urls().authority_url()).unwrap();
    account.graph_url = Url::parse(&sim.urls().graph_url()).unwrap();
    account
}

fn app_only(sim: &RunningSim, secret: Option<&str>, secret_cmd: Option<&str>) -> AccountSettings {
    let mut account = delegated(sim, AuthFlow::ClientCredentials);
    account.tenant = sim.state.identity.config().domain.clone();
    account.client_secret = secret.map(SecretString::new);
    account.client_secret_cmd = secret_cmd.map(str::to_owned);
    account
}

/// A token directory of its own under the system temp dir, removed on drop.
struct TempPaths(PathBuf);

impl TempPaths {
    fn new() -> Self {
        let root = std::env::temp_dir().join(format!("o365-auth-flows-{}", uuid::Uuid::new_v4().simple()));
        Self(root.join("tokens"))
    }
}

impl Drop for TempPaths {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
    }
}

/// Virtual time for the polling loop that also moves the simulator's clock, so intervals are
/// honoured without sleeping. `hasty_first` advances the simulator by only 1 s on the first
/// sleep, as a client that polls too fast would.
struct SimPacer {
    sim: sim::SharedState,
    now: Mutex<DateTime<Utc>>,
    sleeps: Mutex<Vec<u64>>,
    hasty_first: bool,
}

impl SimPacer {
    fn new(sim: &RunningSim, hasty_first: bool) -> Self {
        Self { sim: sim.state.clone(), now: Mutex::new(anchor()), sleeps: Mutex::new(Vec::new()), hasty_first }
    }

    fn slept(&self) -> Vec<u64> {
        self.sleeps.lock().unwrap().clone()
    }
}

impl Pacer for SimPacer {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        let mut sleeps = self.sleeps.lock().unwrap();
        let on_server = if self.hasty_first && sleeps.is_empty() { Duration::from_secs(1) } else { duration };
        sleeps.push(duration.as_secs());
        self.sim.identity.advance_clock(on_server);
        *self.now.lock().unwrap() += chrono::Duration::from_std(duration).unwrap();
        Box::pin(async {})
    }
}

fn no_browser(_: &Url) {
    panic!("this flow must not open a browser");
}

fn no_prompt(_: &DeviceCodePrompt) {
    panic!("this flow must not show a device code");
}

async fn device_login(
    sim: &RunningSim,
    paths: &Path,
    pacer: &SimPacer,
    on_prompt: &(dyn Fn(&DeviceCodePrompt) + Send + Sync),
) -> Result<SignedIn, AuthError> {
    let account = delegated(sim, AuthFlow::DeviceCode);
    let mut callbacks = LoginCallbacks::new(on_prompt, &no_browser);
    callbacks.pacer = pacer;
    login("work", &account, paths, &callbacks).await
}

// ---- device code ------------------------------------------------------------------------------

#[tokio::test]
async fn device_code_signs_in_after_pending() {
    let sim = start_sim(true).await;
    let paths = TempPaths::new();
    let pacer = SimPacer::new(&sim, false);
    let prompts = Mutex::new(Vec::new());
    let show = |p: &DeviceCodePrompt| prompts.lock().unwrap().push(p.clone());
    let signed_in = device_login(&sim, &paths.0, &pacer, &show).await.unwrap();

    assert_eq!(sim.state.identity.token_requests(DEVICE_GRANT), 2, "pending first, then the token");
    assert_eq!(pacer.slept(), vec![5]);
    let prompts = prompts.into_inner().unwrap();
    assert_eq!(prompts.len(), 1);
    assert!(prompts[0].message.contains(&prompts[0].user_code));
    let user = &sim.state.identity.config().user;
    let identity = signed_in.identity.clone().unwrap();
    assert_eq!(identity.username.as_deref(), Some(user.upn.as_str()));
    assert_eq!(identity.oid.as_deref(), Some(user.oid.as_str()));
    assert!(signed_in.expires_at > anchor() + chrono::Duration::minutes(50));

    let account = delegated(&sim, AuthFlow::DeviceCode);
    let whoami = signed_in_identity("work", &account, &paths.0).unwrap().unwrap();
    assert_eq!(whoami, signed_in);
    let provider = AccountTokenProvider::new("work", &account, &paths.0).unwrap().with_clock(Arc::new(anchor));
    let token = provider.token().await.unwrap();
    assert!(sim.state.identity.validate_access_token(token.secret()).is_ok());

    assert!(logout("work", &account, &paths.0).await.unwrap());
    assert!(!logout("work", &account, &paths.0).await.unwrap());
    assert_eq!(signed_in_identity("work", &account, &paths.0).unwrap(), None);
}

#[tokio::test]
async fn device_code_declined() {
    let sim = start_sim(false).await;
    let paths = TempPaths::new();
    let pacer = SimPacer::new(&sim, false);
    let state = sim.state.clone();
    let decline = move |p: &DeviceCodePrompt| assert!(state.identity.decline_device_code(&p.user_code));
    let error = device_login(&sim, &paths.0, &pacer, &decline).await.unwrap_err();
    assert!(matches!(error, AuthError::DeviceFlow(_)), "{error:?}");
    assert!(error.to_string().contains("declined"), "{error}");
    assert!(!paths.0.join("work.json").exists());
}

#[tokio::test]
async fn device_code_expired() {
    let sim = start_sim(false).await;
    let paths = TempPaths::new();
    let pacer = SimPacer::new(&sim, false);
    let state = sim.state.clone();
    let expire = move |_: &DeviceCodePrompt| state.identity.expire_device_codes();
    let error = device_login(&sim, &paths.0, &pacer, &expire).await.unwrap_err();
    assert!(error.to_string().contains("expired"), "{error}");
    assert_eq!(sim.state.identity.token_requests(DEVICE_GRANT), 1);
}

#[tokio::test]
async fn device_code_unknown_to_the_token_endpoint() {
    // Codes from one simulator redeemed at another: bad_verification_code.
    let issuer = start_sim(false).await;
    let redeemer = start_sim(false).await;
    let from = SignInContext::for_account(&delegated(&issuer, AuthFlow::DeviceCode)).unwrap();
    let mut context = SignInContext::for_account(&delegated(&redeemer, AuthFlow::DeviceCode)).unwrap();
    context.client = context
        .client
        .set_device_authorization_url(oauth2::DeviceAuthorizationUrl::from_url(from.endpoints.device_code));
    let pacer = SimPacer::new(&redeemer, false);
    let error = device_code::sign_in(&context, &["User.Read".into()], &pacer, &|_| {}).await.unwrap_err();
    assert!(error.to_string().contains("does not know this device code"), "{error}");
}

#[tokio::test]
async fn device_code_slow_down_adds_five_seconds() {
    let sim = start_sim(true).await;
    let paths = TempPaths::new();
    let pacer = SimPacer::new(&sim, true);
    device_login(&sim, &paths.0, &pacer, &|_| {}).await.unwrap();
    assert_eq!(pacer.slept(), vec![5, 10], "slow_down answered after the hasty poll");
    assert_eq!(sim.state.identity.token_requests(DEVICE_GRANT), 3);
}

// ---- authorization code + PKCE ------------------------------------------------------------------

/// Plays the browser: GET the authorize URL, expect a 302 to the loopback listener, pass the
/// Location through `tamper`, then GET it. Returns the listener's status.
async fn browse(authorize: Url, tamper: impl FnOnce(Url) -> Url) -> u16 {
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let reply = browser.get(authorize).send().await.unwrap();
    assert_eq!(reply.status().as_u16(), 302);
    let location = reply.headers()["location"].to_str().unwrap();
    let mut target = tamper(Url::parse(location).unwrap());
    assert_eq!(target.host_str(), Some("localhost"));
    target.set_host(Some("127.0.0.1")).unwrap();
    browser.get(target).send().await.unwrap().status().as_u16()
}

async fn auth_code_login(sim: &RunningSim, paths: &Path, tamper: fn(Url) -> Url) -> (Result<SignedIn, AuthError>, u16) {
    auth_code_login_as(sim, &delegated(sim, AuthFlow::AuthorizationCode), paths, None, tamper).await
}

/// `auth_code_login` for `account`, its client secret (if it keeps one there) in `keyring`.
async fn auth_code_login_as(
    sim: &RunningSim,
    account: &AccountSettings,
    paths: &Path,
    keyring: Option<Arc<keyring_core::CredentialStore>>,
    tamper: fn(Url) -> Url,
) -> (Result<SignedIn, AuthError>, u16) {
    let (sender, receiver) = tokio::sync::oneshot::channel::<Url>();
    let sender = Mutex::new(Some(sender));
    let open = move |url: &Url| {
        if let Some(sender) = sender.lock().unwrap().take() {
            sender.send(url.clone()).unwrap();
        }
    };
    let pacer = SimPacer::new(sim, false);
    let mut callbacks = LoginCallbacks::new(&no_prompt, &open);
    callbacks.pacer = &pacer;
    callbacks.secret_keyring = keyring;
    let user = async move { browse(receiver.await.unwrap(), tamper).await };
    tokio::join!(login("work", account, paths, &callbacks), user)
}

#[tokio::test]
async fn authorization_code_signs_in() {
    let sim = start_sim(true).await;
    let paths = TempPaths::new();
    let (result, status) = auth_code_login(&sim, &paths.0, |u| u).await;
    let signed_in = result.unwrap();
    assert_eq!(status, 200);
    assert_eq!(sim.state.identity.tokens_issued("authorization_code"), 1);
    assert_eq!(signed_in.identity.unwrap().username.as_deref(), Some(sim.state.identity.config().user.upn.as_str()));
    assert!(signed_in.scopes.iter().any(|s| s.eq_ignore_ascii_case("Mail.ReadWrite")), "{:?}", signed_in.scopes);
}

#[tokio::test]
async fn authorization_code_state_mismatch_is_refused() {
    let sim = start_sim(true).await;
    let paths = TempPaths::new();
    let forge = |mut url: Url| {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let v = if k == "state" { "forged".to_owned() } else { v.into_owned() };
                (k.into_owned(), v)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
        url
    };
    let (result, status) = auth_code_login(&sim, &paths.0, forge).await;
    assert_eq!(status, 400);
    let error = result.unwrap_err();
    assert!(error.to_string().contains("state"), "{error}");
    assert_eq!(sim.state.identity.token_requests("authorization_code"), 0, "no exchange after a state mismatch");
}

#[tokio::test]
async fn authorization_code_access_denied() {
    let sim = start_sim(true).await;
    sim.state.identity.decline_authorizations(true);
    let paths = TempPaths::new();
    let (result, _) = auth_code_login(&sim, &paths.0, |u| u).await;
    let error = result.unwrap_err();
    assert!(error.to_string().contains("access_denied"), "{error}");
    assert_eq!(sim.state.identity.token_requests("authorization_code"), 0);
}

/// A confidential app (a "Web" registration) redeems its code with its client secret, read
/// from the OS keyring (`client_secret_store = "keyring"`, here keyring-core's mock store): the
/// tenant refuses a wrong one (so it is sent) and takes the right one; refreshes send it too.
#[tokio::test]
async fn a_confidential_authorization_code_sign_in_reads_its_secret_from_the_keyring() {
    let sim = start_sim(true).await;
    let paths = TempPaths::new();
    let mut account = delegated(&sim, AuthFlow::AuthorizationCode);
    account.client_secret_store = Some(ClientSecretStore::Keyring);
    let keyring = keyring_core::mock::Store::new().unwrap();
    let entry = SecretEntry::new(keyring.clone(), "work", &paths.0);
    entry.set("not-the-secret").unwrap();
    let (wrong, _) = auth_code_login_as(&sim, &account, &paths.0, Some(keyring.clone()), |u| u).await;
    let error = wrong.unwrap_err();
    assert!(matches!(&error, AuthError::Refused(r) if r.code == Some(7000215)), "{error:?}");
    entry.set(sim::identity::DEMO_CLIENT_SECRET).unwrap();
    let (right, status) = auth_code_login_as(&sim, &account, &paths.0, Some(keyring.clone()), |u| u).await;
    right.unwrap();
    assert_eq!(status, 200);

    let later = || anchor() + chrono::Duration::hours(2);
    let provider = |store| {
        AccountTokenProvider::new("work", &account, &paths.0)
            .unwrap()
            .with_secret_keyring(store)
            .with_clock(Arc::new(later))
    };
    entry.set("rotated-but-wrong").unwrap();
    let error = provider(keyring.clone()).token().await.unwrap_err();
    assert!(matches!(&error, AuthError::Refused(r) if r.code == Some(7000215)), "{error:?}");
    entry.set(sim::identity::DEMO_CLIENT_SECRET).unwrap();
    provider(keyring.clone()).token().await.unwrap();
    assert_eq!(sim.state.identity.tokens_issued("refresh_token"), 1);
}

/// A secret missing from the keyring stops the sign-in before the browser opens, saying what
/// to run; nothing else (no config secret, no file) stands in for it.
#[tokio::test]
async fn a_secret_missing_from_the_keyring_stops_the_sign_in_before_the_browser() {
    let sim = start_sim(true).await;
    let paths = TempPaths::new();
    let mut account = delegated(&sim, AuthFlow::AuthorizationCode);
    account.client_secret_store = Some(ClientSecretStore::Keyring);
    let pacer = SimPacer::new(&sim, false);
    let mut callbacks = LoginCallbacks::new(&no_prompt, &no_browser);
    callbacks.pacer = &pacer;
    callbacks.secret_keyring = Some(keyring_core::mock::Store::new().unwrap());
    let error = login("work", &account, &paths.0, &callbacks).await.unwrap_err();
    assert!(matches!(error, AuthError::ClientSecret(_)), "{error:?}");
    assert!(error.to_string().contains("run `o365 secret set --account work`"), "{error}");
    assert_eq!(sim.state.identity.token_requests("authorization_code"), 0);
}

// ---- client credentials -------------------------------------------------------------------------

async fn app_login(sim: &RunningSim, account: &AccountSettings, paths: &Path) -> Result<SignedIn, AuthError> {
    let pacer = SimPacer::new(sim, false);
    let mut callbacks = LoginCallbacks::new(&no_prompt, &no_browser);
    callbacks.pacer = &pacer;
    login("robot", account, paths, &callbacks).await
}

#[tokio::test]
async fn client_credentials_signs_in_as_the_app() {
    let sim = start_sim(true).await;
    let paths = TempPaths::new();
    let account = app_only(&sim, Some(sim::identity::DEMO_CLIENT_SECRET), None);
    let signed_in = app_login(&sim, &account, &paths.0).await.unwrap();
    assert_eq!(signed_in.identity, None);
    let provider = AccountTokenProvider::new("robot", &account, &paths.0).unwrap().with_clock(Arc::new(anchor));
    let token = provider.token().await.unwrap();
    let principal = sim.state.identity.validate_access_token(token.secret()).unwrap();
    assert!(matches!(principal, sim::auth::Principal::App { .. }), "{principal:?}");
}

#[tokio::test]
async fn client_credentials_wrong_secret() {
    let sim = start_sim(true).await;
    let paths = TempPaths::new();
    let account = app_only(&sim, Some("not-the-secret"), None);
    let error = app_login(&sim, &account, &paths.0).await.unwrap_err();
    assert!(
        matches!(&error, AuthError::Refused(r) if r.error == "invalid_client" && r.code == Some(7000215)),
        "{error:?}"
    );
    assert!(!error.to_string().contains("not-the-secret"), "{error}");
}

#[cfg(unix)]
#[tokio::test]
async fn client_credentials_secret_from_a_command() {
    let sim = start_sim(true).await;
    let paths = TempPaths::new();
    let command = format!("printf '%s\\n' '{}'", sim::identity::DEMO_CLIENT_SECRET);
    let account = app_only(&sim, None, Some(&command));
    app_login(&sim, &account, &paths.0).await.unwrap();
    assert_eq!(sim.state.identity.tokens_issued("client_credentials"), 1);

    let failing = app_only(&sim, None, Some("exit 7"));
    let error = app_login(&sim, &failing, &paths.0).await.unwrap_err();
    assert!(error.to_string().contains("client_secret_cmd failed"), "{error}");
}
