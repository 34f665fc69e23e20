//! Where the secret comes from, and its keyring entry through keyring-core's in-memory mock
//! store: round trip, addressing, errors that say what to run, no fallback.
use std::path::PathBuf;

use super::*;
use crate::auth::cache;
use crate::settings::SecretString;

fn mock() -> Arc<CredentialStore> {
    keyring_core::mock::Store::new().unwrap()
}

fn tokens_dir() -> PathBuf {
    std::env::temp_dir().join(format!("o365-secret-{}", uuid::Uuid::new_v4().simple())).join("tokens")
}

fn app(source: impl FnOnce(&mut AccountSettings)) -> AccountSettings {
    let mut account = AccountSettings::with_defaults("cid");
    account.auth_flow = AuthFlow::ClientCredentials;
    source(&mut account);
    account
}

fn in_keyring(account: &mut AccountSettings) {
    account.client_secret_store = Some(ClientSecretStore::Keyring);
}

#[test]
fn the_source_follows_the_config() {
    assert_eq!(SecretSource::of(&AccountSettings::with_defaults("cid")), SecretSource::None);
    assert_eq!(SecretSource::of(&app(|a| a.client_secret = Some(SecretString::new("s")))), SecretSource::Config);
    assert_eq!(SecretSource::of(&app(|a| a.client_secret_cmd = Some("pass x".into()))), SecretSource::Command);
    assert_eq!(SecretSource::of(&app(in_keyring)), SecretSource::Keyring);
    assert!(SecretSource::Keyring.describe().contains("client_secret_store = \"keyring\""));
}

#[test]
fn the_keyring_entry_round_trips_and_never_shows_the_secret() {
    let store = mock();
    let entry = SecretEntry::new(store.clone(), "robot", &tokens_dir());
    assert!(!entry.is_stored().unwrap());
    assert!(!entry.delete().unwrap());
    entry.set("  s3cret~value\n").unwrap();
    assert!(entry.is_stored().unwrap());
    assert_eq!(entry.get().unwrap(), "s3cret~value", "trimmed as client_secret_cmd's output is");
    let shown = format!("{} {entry:?}", entry.describe());
    assert!(shown.contains("entry \"o365-client-secret\" for ") && shown.contains("robot.json"), "{shown}");
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(entry.delete().unwrap());
    assert!(!entry.is_stored().unwrap());
}

/// Two accounts, two data dirs, and the account's token entry (service `o365`, same path)
/// are four different entries.
#[test]
fn entries_are_apart_per_account_and_data_dir_and_from_the_token_entry() {
    let store = mock();
    let dir = tokens_dir();
    SecretEntry::new(store.clone(), "robot", &dir).set("robot-secret").unwrap();
    assert!(!SecretEntry::new(store.clone(), "other", &dir).is_stored().unwrap());
    assert!(!SecretEntry::new(store.clone(), "robot", &tokens_dir()).is_stored().unwrap());
    let tokens = crate::auth::store::TokenStore::Keyring(store.clone());
    assert_eq!(tokens.load(&cache::cache_file(&dir, "robot")).unwrap(), None, "the secret is not a token entry");
    assert_eq!(SecretEntry::new(store, "robot", &dir).get().unwrap(), "robot-secret");
}

#[test]
fn a_missing_entry_says_what_to_run() {
    let error = SecretEntry::new(mock(), "robot", &tokens_dir()).get().unwrap_err().to_string();
    assert!(error.starts_with("the client secret of account `robot` is not in the OS keyring"), "{error}");
    assert!(error.contains("run `o365 secret set --account robot`"), "{error}");
    assert_eq!(error.contains("emptied at reboot"), cfg!(target_os = "linux"), "{error}");
    let odd = SecretEntry::new(mock(), "my work", &tokens_dir()).get().unwrap_err().to_string();
    assert!(odd.contains("run `o365 secret set --account 'my work'`"), "quoted for the shell: {odd}");
}

#[test]
fn an_empty_or_huge_secret_is_not_stored() {
    let entry = SecretEntry::new(mock(), "robot", &tokens_dir());
    assert!(entry.set(" \n").unwrap_err().to_string().contains("empty"));
    assert!(entry.set(&"x".repeat(keyring::MAX_SECRET_LEN + 1)).unwrap_err().to_string().contains("at most"));
    assert!(!entry.is_stored().unwrap());
}

/// A keyring failing mid-way (locked, a prompt dismissed) is an error naming it.
#[test]
fn a_failing_keyring_is_an_error() {
    let store = mock();
    let dir = tokens_dir();
    let address = cache::cache_file(&dir, "robot");
    let raw = keyring_core::Entry::new_in_store(&store, SECRET_SERVICE, &address.to_string_lossy()).unwrap();
    let cred: &keyring_core::mock::Cred = raw.as_any().downcast_ref().unwrap();
    cred.set_error(keyring_core::Error::NoStorageAccess("the collection is locked".into()));
    let error = SecretEntry::new(store, "robot", &dir).get().unwrap_err().to_string();
    assert!(error.contains("cannot read the OS keyring entry of the client secret of account `robot`"), "{error}");
    assert!(error.contains("locked"), "{error}");
}

#[test]
fn an_unusable_keyring_says_what_to_use_instead() {
    let error = keyring::unusable("robot", &keyring_core::Error::NoStorageAccess("EPERM\nkeyctl".into())).to_string();
    assert!(error.starts_with("the OS keyring cannot be used here (") && error.contains("EPERM keyctl)"), "{error}");
    assert!(error.contains("client_secret_cmd"), "{error}");
}

#[tokio::test]
async fn read_takes_the_secret_from_its_source_only() {
    let store = mock();
    let dir = tokens_dir();
    let keyring = SecretKeyring { account_name: "robot".into(), tokens_dir: dir.clone(), store: Some(store.clone()) };
    let public = AccountSettings::with_defaults("cid");
    assert_eq!(read(&public, &keyring).await.unwrap(), None);
    let configured = app(|a| a.client_secret = Some(SecretString::new("from-config")));
    assert_eq!(read(&configured, &keyring).await.unwrap().as_deref(), Some("from-config"));
    // Neither the config's secret nor anything else stands in for a missing keyring entry.
    let keyed = app(in_keyring);
    assert!(matches!(read(&keyed, &keyring).await, Err(AuthError::ClientSecret(_))));
    SecretEntry::new(store, "robot", &dir).set("from-keyring").unwrap();
    assert_eq!(read(&keyed, &keyring).await.unwrap().as_deref(), Some("from-keyring"));
    let error = read(&app(|_| {}), &keyring).await.unwrap_err().to_string();
    assert!(error.contains("client_credentials needs client_secret_cmd, client_secret_store"), "{error}");
}

#[cfg(unix)]
#[tokio::test]
async fn read_runs_the_command() {
    let keyring = SecretKeyring::platform("robot", tokens_dir());
    let account = app(|a| a.client_secret_cmd = Some("printf 'from-command\\n'".into()));
    assert_eq!(read(&account, &keyring).await.unwrap().as_deref(), Some("from-command"));
}
