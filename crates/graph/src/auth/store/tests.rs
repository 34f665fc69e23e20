//! The token store's selection, its fallback on this (headless) machine for real, and the
//! keyring path's round trip through keyring-core's in-memory mock store.
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::*;
use crate::auth::cache::{CACHE_VERSION, TokenBinding};
use crate::auth::{AccessToken, RefreshToken};
use crate::settings::{AccountSettings, AuthFlow};

fn sample(generation: &str) -> CachedTokens {
    CachedTokens {
        version: CACHE_VERSION,
        flow: AuthFlow::DeviceCode,
        binding: TokenBinding::of(&AccountSettings::with_defaults("cid")),
        access_token: AccessToken("secret-access".into()),
        expires_at: DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&Utc),
        refresh_token: Some(RefreshToken("secret-refresh".into())),
        scopes: vec!["User.Read".into()],
        identity: None,
        generation: generation.into(),
    }
}

fn token_file() -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("o365-store-{}", uuid::Uuid::new_v4().simple()));
    let path = cache::cache_file(&dir.join("tokens"), "work");
    (dir, path)
}

fn mock() -> Arc<CredentialStore> {
    keyring_core::mock::Store::new().unwrap()
}

#[test]
fn the_file_is_the_default_and_the_keyring_is_used_when_it_works() {
    assert_eq!(TokenStoreKind::default(), TokenStoreKind::File);
    let (store, fallback) = resolve_with(TokenStoreKind::File, || panic!("the keyring is not asked for"));
    assert!(!store.is_keyring() && fallback.is_none());
    let (store, fallback) = resolve_with(TokenStoreKind::Keyring, || Ok(mock()));
    assert!(store.is_keyring() && fallback.is_none(), "{store:?}");
    assert!(store.describe().starts_with("OS keyring (Mock store"), "{}", store.describe());
}

/// Both errors the keyring crate gives on a headless Linux (ecosystem-notes "Secrets") lead to
/// the file, with a warning that names the reason: never silently.
#[test]
fn an_unusable_keyring_falls_back_to_the_file_with_a_warning() {
    for error in [
        keyring_core::Error::NoDefaultStore,
        keyring_core::Error::PlatformFailure("org.freedesktop.DBus.Error.NotFound:\n no bus".into()),
    ] {
        let reason = error.to_string();
        let (store, fallback) = resolve_with(TokenStoreKind::Keyring, || Err(error));
        assert!(!store.is_keyring());
        let warning = fallback.expect("a warning").to_string();
        assert!(warning.contains("token_store = \"keyring\"") && warning.contains("plain file"), "{warning}");
        assert!(warning.contains(reason.split_whitespace().next().unwrap()), "{warning} / {reason}");
        assert!(!warning.contains('\n'), "one line: {warning}");
    }
}

/// The real platform keyring of this machine, whichever way it goes: usable (the kernel
/// keyring), and the tokens round-trip through it leaving no file; or not (a container that
/// refuses the keyutils calls), and the visible fallback really keeps them in the 0600 file.
#[cfg(unix)]
#[test]
fn the_platform_keyring_or_its_visible_fallback_really_stores_tokens() {
    let (dir, path) = token_file();
    let (store, fallback) = resolve(TokenStoreKind::Keyring);
    assert_eq!(store.is_keyring(), fallback.is_none(), "{store:?} {fallback:?}");
    store.save(&path, &sample("g1")).unwrap();
    assert_eq!(store.load(&path).unwrap(), Some(sample("g1")));
    assert_eq!(path.exists(), fallback.is_some(), "a file exactly when the keyring was not usable");
    if fallback.is_some() {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(store.remove(&path).unwrap());
    assert_eq!(store.exists(&path), Some(false));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_keyring_round_trip_leaves_no_file() {
    let (dir, path) = token_file();
    let store = TokenStore::Keyring(mock());
    assert_eq!(store.load(&path).unwrap(), None);
    assert_eq!(store.exists(&path), Some(false));
    store.save(&path, &sample("g1")).unwrap();
    assert_eq!(store.load(&path).unwrap(), Some(sample("g1")));
    assert_eq!(store.exists(&path), Some(true));
    assert!(!path.exists(), "no plaintext copy");
    // The entry is the token file's path under the o365 service: another data dir is apart.
    let (other_dir, other) = token_file();
    assert_eq!(store.load(&other).unwrap(), None);
    assert!(store.remove(&path).unwrap());
    assert!(!store.remove(&path).unwrap());
    assert_eq!(store.load(&path).unwrap(), None);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&other_dir);
}

/// Tokens kept in the file before `token_store = "keyring"` was set still sign the account in;
/// the next save moves them into the keyring and deletes the file.
#[test]
fn tokens_from_the_file_move_into_the_keyring() {
    let (dir, path) = token_file();
    cache::save(&path, &sample("old")).unwrap();
    let store = TokenStore::Keyring(mock());
    assert_eq!(store.load(&path).unwrap(), Some(sample("old")));
    store.save(&path, &sample("new")).unwrap();
    assert!(!path.exists());
    assert_eq!(store.load(&path).unwrap(), Some(sample("new")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A keyring that fails mid-way (locked, dismissed prompt) is an error naming it, never a
/// quiet write to the file.
#[test]
fn a_failing_keyring_write_is_an_error_not_a_file() {
    let (dir, path) = token_file();
    let backing = mock();
    let store = TokenStore::Keyring(backing.clone());
    let entry = Entry::new_in_store(&backing, KEYRING_SERVICE, &path.to_string_lossy()).unwrap();
    let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
    cred.set_error(keyring_core::Error::NoStorageAccess("the collection is locked".into()));
    let error = store.save(&path, &sample("g1")).unwrap_err().to_string();
    assert!(error.contains("cannot write the OS keyring entry") && error.contains("locked"), "{error}");
    assert!(!path.exists(), "nothing written in plain text");
    let _ = std::fs::remove_dir_all(&dir);
}
