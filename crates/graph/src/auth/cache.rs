//! The token cache: one JSON file per account under `{data_dir}/tokens/`, written atomically
//! with mode 0600 in a 0700 directory. Tokens never appear in `Debug` output.
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::Digest;

use super::identity::Identity;
use super::{AccessToken, AuthError, RefreshToken};
use crate::settings::{AccountSettings, AuthFlow};

/// Bumped when the file layout changes incompatibly.
pub const CACHE_VERSION: u32 = 1;

/// Which registration and endpoints a token belongs to. A token is only used by an account
/// whose config still names the same ones (tokens do not cross clouds or tenants, graph-facts §1.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenBinding {
    pub authority_url: String,
    pub tenant: String,
    pub client_id: String,
    pub graph_url: String,
}

impl TokenBinding {
    pub fn of(account: &AccountSettings) -> Self {
        Self {
            authority_url: account.authority_url.as_str().trim_end_matches('/').to_owned(),
            tenant: account.tenant.clone(),
            client_id: account.client_id.clone(),
            graph_url: account.graph_url.as_str().trim_end_matches('/').to_owned(),
        }
    }
}

/// One account's cached sign-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedTokens {
    pub version: u32,
    pub flow: AuthFlow,
    pub binding: TokenBinding,
    pub access_token: AccessToken,
    pub expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<RefreshToken>,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// Which sign-in these tokens come from: a new random id at each login, kept by refreshes.
    /// A refresh writes only over the sign-in it started from (issue 14). Empty in files
    /// written before it existed.
    #[serde(default)]
    pub generation: String,
}

impl CachedTokens {
    /// Whether this token may be used for `account` as configured now.
    pub fn belongs_to(&self, account: &AccountSettings) -> bool {
        self.binding == TokenBinding::of(account) && self.flow == account.auth_flow
    }
}

/// The cache file of an account. The name is reduced to `[A-Za-z0-9_-]` so it can never form
/// a path (`/`, `..`, control characters); a hash of the real name keeps altered names apart.
pub fn cache_file(tokens_dir: &Path, account: &str) -> PathBuf {
    let plain = !account.is_empty()
        && account.len() <= 64
        && account.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let file = if plain {
        format!("{account}.json")
    } else {
        let safe: String = account
            .chars()
            .take(48)
            .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' })
            .collect();
        let digest = sha2::Sha256::digest(account.as_bytes());
        let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
        format!("{safe}-{hash}.json")
    };
    tokens_dir.join(file)
}

/// Reads a cache file; `Ok(None)` when there is none.
pub fn load(path: &Path) -> Result<Option<CachedTokens>, AuthError> {
    // Tokens are not read from a directory others may write to, and a loose one is closed.
    if let Some(dir) = path.parent().filter(|dir| dir.is_dir()) {
        create_private_dir(dir).map_err(|e| AuthError::Cache(format!("cannot read {}: {e}", path.display())))?;
    }
    let text = match std::fs::read(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(AuthError::Cache(format!("cannot read {}: {e}", path.display()))),
    };
    decode(path, &text).map(Some)
}

/// Reads cached tokens from their JSON (the file's, or a keyring entry's); `path` names them in
/// errors.
pub fn decode(path: &Path, json: &[u8]) -> Result<CachedTokens, AuthError> {
    let cached: CachedTokens = serde_json::from_slice(json).map_err(|e| {
        AuthError::Cache(format!("{} is damaged ({e}); run `o365 login` to sign in again", path.display()))
    })?;
    if cached.version != CACHE_VERSION {
        return Err(AuthError::Cache(format!(
            "{} was written by another version of o365; run `o365 login` to sign in again",
            path.display()
        )));
    }
    Ok(cached)
}

/// The JSON tokens are kept as.
pub fn encode(cached: &CachedTokens) -> Result<Vec<u8>, AuthError> {
    serde_json::to_vec_pretty(cached).map_err(|e| AuthError::Cache(format!("cannot encode tokens: {e}")))
}

/// Writes the cache atomically: a new 0600 temp file in the same directory, fsync, rename.
pub fn save(path: &Path, cached: &CachedTokens) -> Result<(), AuthError> {
    let fail = |what: &str, e: std::io::Error| AuthError::Cache(format!("cannot {what} {}: {e}", path.display()));
    let dir = path.parent().ok_or_else(|| AuthError::Cache(format!("{} has no directory", path.display())))?;
    create_private_dir(dir).map_err(|e| fail("create the directory of", e))?;
    let json = encode(cached)?;
    let stem = path.file_name().and_then(|n| n.to_str()).unwrap_or("tokens");
    let temp = dir.join(format!(".{stem}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let written = write_new_private(&temp, &json).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail("write", e));
    }
    // The rename is durable only once the directory entry is on disk.
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Deletes the cache file; `Ok(false)` when there was none.
pub fn remove(path: &Path) -> Result<bool, AuthError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(AuthError::Cache(format!("cannot delete {}: {e}", path.display()))),
    }
}

fn write_new_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates `dir` with mode 0700, or puts an existing one back to 0700 (issue 14: a token
/// directory found at 0777 used to stay so). One that belongs to another user is refused: its
/// owner could read the tokens or put others in their place.
pub(super) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::metadata(dir)?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        match private_mode_fix(meta.uid(), me, meta.mode()) {
            ModeFix::Keep => {}
            ModeFix::Set(mode) => {
                tracing::warn!(
                    "{} was mode {:o}: now {mode:o}, as token directories must be",
                    dir.display(),
                    meta.mode() & 0o777
                );
                std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode))?;
            }
            ModeFix::NotOurs => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    format!(
                        "{} belongs to another user (uid {}): tokens are kept only in a directory of your own",
                        dir.display(),
                        meta.uid()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// What a private directory found on disk needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ModeFix {
    Keep,
    /// Yours, but others may use it: this mode instead.
    Set(u32),
    /// Another user's.
    NotOurs,
}

/// The decision for a directory owned by `owner` with `mode`, looked at by user `me`.
pub(super) fn private_mode_fix(owner: u32, me: u32, mode: u32) -> ModeFix {
    if owner != me {
        ModeFix::NotOurs
    } else if mode & 0o777 != 0o700 {
        ModeFix::Set(0o700)
    } else {
        ModeFix::Keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CachedTokens {
        CachedTokens {
            version: CACHE_VERSION,
            flow: AuthFlow::DeviceCode,
            binding: TokenBinding::of(&AccountSettings::with_defaults("cid")),
            access_token: AccessToken("secret-access-token-123".into()),
            expires_at: DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&Utc),
            refresh_token: Some(RefreshToken("secret-refresh-token-456".into())),
            scopes: vec!["User.Read".into()],
            identity: Some(Identity { name: Some("Adele".into()), ..Identity::default() }),
            generation: "g1".into(),
        }
    }

    #[test]
    fn debug_hides_tokens() {
        let text = format!("{:?}", sample());
        assert!(!text.contains("secret-access-token-123"), "{text}");
        assert!(!text.contains("secret-refresh-token-456"), "{text}");
        assert!(text.contains("Adele"));
    }

    #[test]
    fn file_names_never_form_paths() {
        let dir = Path::new("/data/tokens");
        assert_eq!(cache_file(dir, "work"), dir.join("work.json"));
        for hostile in ["../../etc/passwd", "a/b", "..", "", "x\u{1b}[31m", "C:\\evil", "é"] {
            let path = cache_file(dir, hostile);
            assert_eq!(path.parent(), Some(dir), "{hostile:?} -> {path:?}");
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)), "{name}");
            assert!(!name.starts_with('.'), "{name}");
        }
        assert_ne!(cache_file(dir, "a/b"), cache_file(dir, "a_b"));
    }

    #[test]
    fn private_directories_are_repaired_or_refused() {
        assert_eq!(private_mode_fix(1000, 1000, 0o40700), ModeFix::Keep);
        assert_eq!(private_mode_fix(1000, 1000, 0o40777), ModeFix::Set(0o700));
        assert_eq!(private_mode_fix(1000, 1000, 0o40750), ModeFix::Set(0o700));
        assert_eq!(private_mode_fix(0, 1000, 0o40700), ModeFix::NotOurs);
    }

    /// Issue 14: an existing token directory at 0777 is made 0700 by the next write.
    #[cfg(unix)]
    #[test]
    fn an_open_token_directory_is_closed_by_the_next_save() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("o365-cache-mode-{}", uuid::Uuid::new_v4().simple()));
        let tokens = dir.join("tokens");
        std::fs::create_dir_all(&tokens).unwrap();
        std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o777)).unwrap();
        save(&cache_file(&tokens, "work"), &sample()).unwrap();
        assert_eq!(std::fs::metadata(&tokens).unwrap().permissions().mode() & 0o777, 0o700);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// One that belongs to someone else is refused, naming it (run as root, the test can give
    /// the directory away; otherwise there is nothing to try).
    #[cfg(unix)]
    #[test]
    fn another_users_token_directory_is_refused() {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return;
        }
        let dir = std::env::temp_dir().join(format!("o365-cache-owner-{}", uuid::Uuid::new_v4().simple()));
        let tokens = dir.join("tokens");
        std::fs::create_dir_all(&tokens).unwrap();
        std::os::unix::fs::chown(&tokens, Some(65534), Some(65534)).unwrap();
        let err = save(&cache_file(&tokens, "work"), &sample()).unwrap_err().to_string();
        assert!(err.contains("belongs to another user (uid 65534)"), "{err}");
        assert!(!tokens.join("work.json").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn round_trip_and_corruption() {
        let dir = std::env::temp_dir().join(format!("o365-cache-test-{}", uuid::Uuid::new_v4().simple()));
        let path = cache_file(&dir.join("tokens"), "work");
        assert_eq!(load(&path).unwrap(), None);
        save(&path, &sample()).unwrap();
        assert_eq!(load(&path).unwrap(), Some(sample()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            assert_eq!(std::fs::metadata(dir.join("tokens")).unwrap().permissions().mode() & 0o777, 0o700);
        }
        let leftovers: Vec<_> =
            std::fs::read_dir(dir.join("tokens")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("work.json")]);
        std::fs::write(&path, b"{not json").unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains("damaged") && err.contains("o365 login"), "{err}");
        assert!(remove(&path).unwrap());
        assert!(!remove(&path).unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
