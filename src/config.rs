//! Configuration: the TOML file of accounts, loaded once and passed by reference.
//!
//! Parsing is strict (unknown keys are errors) and every error names the file, the key path,
//! the line and what was expected. See config.example.toml at the repo root for every option.
mod locate;
mod raw;
mod validate;

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use o365_graph::drive::location::DriveTarget;
pub use o365_graph::settings::{
    AccountSettings, AuthFlow, ClientSecretStore, DEFAULT_AUTHORITY_URL, DEFAULT_CLIENT_SECRET_CMD_TIMEOUT_SECS,
    DEFAULT_GRAPH_URL, DEFAULT_MAX_RETRY_WAIT_SECS, DEFAULT_REQUEST_RETRIES, DEFAULT_TENANT, DEFAULT_TIMEOUT_SECS,
    SecretString, TokenStoreKind,
};
use serde::{Deserialize, Serialize};

use crate::paths::{Paths, PathsError};

/// The whole config file, validated.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub default_account: Option<String>,
    pub accounts: BTreeMap<String, AccountConfig>,
    /// The file it came from; `None` when no file existed and the config is empty.
    pub source: Option<PathBuf>,
    /// Problems worth telling the user about that do not stop the program.
    pub warnings: Vec<String>,
}

/// One `[accounts.NAME]` table with its defaults filled in: what the client library needs
/// (`graph`) and what only the application uses.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountConfig {
    /// The app registration, endpoints, sign-in flow and network settings, as o365-graph takes them.
    pub graph: AccountSettings,
    pub mailbox: Mailbox,
    /// The drive file commands use when given no --site or --drive (`drive = "site:..."`).
    pub drive: DriveTarget,
    /// `None` means the system's zone (see `AccountConfig::time_zone_name`).
    pub timezone: Option<chrono_tz::Tz>,
    /// What a body written in the full-screen interface is: plain text (sent as text) or HTML.
    pub compose_format: ComposeFormat,
    /// What the interface's mail pane does on its own, and the signature it writes.
    pub mail: MailOptions,
}

/// The interface's mail pane: marking an opened message read, refreshing in the background,
/// the signature below a message written there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailOptions {
    /// How long a message stays open before it is marked read; `None`: never (`u` still does).
    pub mark_read_after: Option<Duration>,
    /// How often the open folder's newest messages and the folder counts are fetched again;
    /// `None`: never (`r` still does).
    pub refresh_every: Option<Duration>,
    /// How often the local cache is brought up to date by delta sync while the interface runs
    /// (issue 10); `None`: only at start and on `r`.
    pub sync_every: Option<Duration>,
    /// Appended under a `-- ` line to a new message, a reply or a forward.
    pub signature: Option<String>,
    /// New mail a sync brings into the Inbox is also told to the desktop (a notification
    /// through `notify-send` where there is one); the status bar says it either way.
    pub notify: bool,
    /// After each mail sync, the bodies of the newest this many messages of each folder synced
    /// are kept in the local cache, so they open offline (0: only those opened).
    pub prefetch_bodies: usize,
}

impl Default for MailOptions {
    fn default() -> Self {
        MailOptions {
            mark_read_after: Some(Duration::from_millis(DEFAULT_MARK_READ_DELAY_MS)),
            refresh_every: Some(Duration::from_secs(DEFAULT_REFRESH_INTERVAL_SECS)),
            sync_every: Some(Duration::from_secs(DEFAULT_SYNC_INTERVAL_MINUTES * 60)),
            signature: None,
            notify: true,
            prefetch_bodies: DEFAULT_PREFETCH_BODIES as usize,
        }
    }
}

// The range of every numeric option; config.example.toml states each one. Nothing outside them
// reaches Duration or Instant arithmetic (issue 14: `timeout = 18446744073709551615` panicked).
/// `timeout`, in seconds: an hour is already far longer than any Graph call should take.
pub const TIMEOUT_SECS: RangeInclusive<u64> = 1..=3600;
/// `request_retries`: each retry may wait out a Retry-After of up to five minutes.
pub const REQUEST_RETRIES: RangeInclusive<u32> = 0..=10;
/// `requests_delay_ms`: at most a minute between the starts of two requests.
pub const REQUESTS_DELAY_MS: RangeInclusive<u64> = 0..=60_000;
/// `max_retry_wait`, in seconds: what one request may wait in all for throttling and retries.
pub const MAX_RETRY_WAIT_SECS: RangeInclusive<u64> = 0..=3600;
/// Every key an `[accounts.NAME]` table may hold (what `raw::RawAccount` reads).
pub const ACCOUNT_KEYS: &[&str] = &[
    "client_id",
    "tenant",
    "auth_flow",
    "client_secret",
    "client_secret_cmd",
    "client_secret_cmd_timeout",
    "client_secret_store",
    "scopes",
    "mailbox",
    "graph_url",
    "authority_url",
    "timeout",
    "request_retries",
    "max_retry_wait",
    "requests_delay_ms",
    "proxy",
    "timezone",
    "redirect_port",
    "compose_format",
    "mark_read_on_open",
    "mark_read_delay_ms",
    "refresh_interval",
    "sync_interval",
    "notify",
    "prefetch_bodies",
    "signature",
    "token_store",
];

/// `client_secret_cmd_timeout`, in seconds: a secret store that needs more than an hour is stuck.
pub const CLIENT_SECRET_CMD_TIMEOUT_SECS: RangeInclusive<u64> = 1..=3600;
/// `redirect_port`: any TCP port; 0 picks a free one.
pub const REDIRECT_PORT: RangeInclusive<u16> = 0..=u16::MAX;
/// `mark_read_delay_ms`: a minute is already longer than anyone reads without scrolling.
pub const MARK_READ_DELAY_MS: RangeInclusive<u64> = 0..=60_000;
pub const DEFAULT_MARK_READ_DELAY_MS: u64 = 1_000;
/// `refresh_interval`, in seconds, when not 0 (off): more often than every 10 s only spends
/// the mailbox's request budget (graph-facts §2.3); an hour is the slowest that still helps.
pub const REFRESH_INTERVAL_SECS: RangeInclusive<u64> = 10..=3600;
pub const DEFAULT_REFRESH_INTERVAL_SECS: u64 = 60;
/// `sync_interval`, in minutes, when not 0 (off): a day is the slowest that still helps.
pub const SYNC_INTERVAL_MINUTES: RangeInclusive<u64> = 1..=1440;
pub const DEFAULT_SYNC_INTERVAL_MINUTES: u64 = 5;
/// `prefetch_bodies`, messages per folder: each is a request at its first sync, so a few
/// hundred already cost minutes of a mailbox's request budget on a first sync.
pub const PREFETCH_BODIES: RangeInclusive<u64> = 0..=500;
/// None by default: a first sync would otherwise cost a request per message of every folder.
pub const DEFAULT_PREFETCH_BODIES: u64 = 0;

impl AccountConfig {
    /// A delegated device-code account with every default, for tests and `--demo`.
    pub fn with_defaults(client_id: impl Into<String>) -> Self {
        Self {
            graph: AccountSettings::with_defaults(client_id),
            mailbox: Mailbox::Me,
            drive: DriveTarget::Default,
            timezone: None,
            compose_format: ComposeFormat::Text,
            mail: MailOptions::default(),
        }
    }

    /// The IANA name of the zone to use: the configured one, else the system's, else UTC.
    pub fn time_zone_name(&self) -> String {
        match self.timezone {
            Some(tz) => tz.name().to_owned(),
            None => iana_time_zone::get_timezone().unwrap_or_else(|_| "UTC".to_owned()),
        }
    }
}

/// What the text a user writes in the interface's editor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComposeFormat {
    /// Sent as a text body, never wrapped in HTML.
    #[default]
    Text,
    /// HTML markup, sent as an HTML body.
    Html,
}

/// Whose data requests address: python-o365's "resource".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mailbox {
    Me,
    /// A UPN or object id.
    User(String),
    Group(String),
    Site(String),
}

impl Mailbox {
    /// Parses `me`, `user:<upn|id>`, `group:<id>`, `site:<id>` or a bare UPN/id (a user).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("me") {
            return Ok(Mailbox::Me);
        }
        let (kind, value) = match text.split_once(':') {
            Some((kind, value)) => (kind, value.trim()),
            None => ("user", text),
        };
        if value.is_empty() || value.contains(['/', '?', '#']) || value.chars().any(char::is_whitespace) {
            return Err(format!(
                "`{text}` is not a mailbox; expected me, user:<upn|id>, group:<id>, site:<id> or a UPN"
            ));
        }
        match kind {
            "user" => Ok(Mailbox::User(value.to_owned())),
            "group" => Ok(Mailbox::Group(value.to_owned())),
            "site" => Ok(Mailbox::Site(value.to_owned())),
            other => Err(format!("unknown mailbox kind `{other}`; expected me, user:, group: or site:")),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config file {} does not exist", path.display())]
    NotFound { path: PathBuf },
    /// A parse or validation problem at one place in the file.
    #[error("{}{}: {}{message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default(),
        if key_path.is_empty() { String::new() } else { format!("`{key_path}`: ") })]
    Invalid { path: PathBuf, key_path: String, line: Option<usize>, message: String },
    #[error("no account named `{name}`; {}", known_accounts(known))]
    UnknownAccount { name: String, known: Vec<String> },
    #[error("no accounts configured: add an [accounts.NAME] table to {} (see config.example.toml), or try `o365 --demo`", path.as_deref().map(Path::display).map(|d| d.to_string()).unwrap_or_else(|| "the config file".into()))]
    NoAccounts { path: Option<PathBuf> },
    #[error("several accounts and no default_account: pick one with --account; {}", known_accounts(known))]
    AmbiguousAccount { known: Vec<String> },
    #[error(transparent)]
    Paths(#[from] PathsError),
}

fn known_accounts(known: &[String]) -> String {
    if known.is_empty() {
        "no accounts are configured".to_owned()
    } else {
        format!("known accounts: {}", known.join(", "))
    }
}

impl Config {
    /// Loads `explicit`, or the default file in the config dir. A missing default file is an
    /// empty config; a missing explicit file is an error.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        match explicit {
            Some(path) => Self::load_file(path, true),
            None => Self::load_file(&Paths::from_process_env()?.config_file(), false),
        }
    }

    /// Like `load`, with the directories given (tests, callers that resolved them already).
    pub fn load_with(explicit: Option<&Path>, paths: &Paths) -> Result<Config, ConfigError> {
        match explicit {
            Some(path) => Self::load_file(path, true),
            None => Self::load_file(&paths.config_file(), false),
        }
    }

    fn load_file(path: &Path, must_exist: bool) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            // Remembered so that "no accounts" can say where to put one.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                return Ok(Config { source: Some(path.to_path_buf()), ..Config::default() });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ConfigError::NotFound { path: path.to_path_buf() });
            }
            Err(source) => return Err(ConfigError::Read { path: path.to_path_buf(), source }),
        };
        let mut config = Self::parse(&text, path)?;
        config.warnings.extend(validate::permission_warnings(path, &config));
        Ok(config)
    }

    /// Parses and validates config text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let raw: raw::RawConfig = toml::from_str(text).map_err(|e| raw::error_at(text, path, &e))?;
        validate::validate(raw, text, path)
    }

    /// Picks the account: `name` if given, else `default_account`, else the only one.
    pub fn account(&self, name: Option<&str>) -> Result<(&str, &AccountConfig), ConfigError> {
        let known = || self.accounts.keys().cloned().collect::<Vec<_>>();
        let wanted = name.or(self.default_account.as_deref());
        if let Some(wanted) = wanted {
            return self
                .accounts
                .get_key_value(wanted)
                .map(|(k, v)| (k.as_str(), v))
                .ok_or_else(|| ConfigError::UnknownAccount { name: wanted.to_owned(), known: known() });
        }
        let mut all = self.accounts.iter();
        match (all.next(), all.next()) {
            (Some((k, v)), None) => Ok((k.as_str(), v)),
            (None, _) => Err(ConfigError::NoAccounts { path: self.source.clone() }),
            _ => Err(ConfigError::AmbiguousAccount { known: known() }),
        }
    }
}
