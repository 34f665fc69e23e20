//! Turns the raw file into `Config`: fills defaults, checks what serde cannot (flow
//! requirements, URLs, zones) and collects warnings such as a readable file holding a secret.
use std::fmt::Display;
use std::ops::RangeInclusive;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use url::{Host, Url};

use super::raw::{Integer, RawAccount, RawConfig};
use super::{
    AccountConfig, AccountSettings, AuthFlow, CLIENT_SECRET_CMD_TIMEOUT_SECS, ClientSecretStore, Config, ConfigError,
    DEFAULT_AUTHORITY_URL, DEFAULT_CLIENT_SECRET_CMD_TIMEOUT_SECS, DEFAULT_GRAPH_URL, DEFAULT_MARK_READ_DELAY_MS,
    DEFAULT_MAX_RETRY_WAIT_SECS, DEFAULT_PREFETCH_BODIES, DEFAULT_REFRESH_INTERVAL_SECS, DEFAULT_REQUEST_RETRIES,
    DEFAULT_SYNC_INTERVAL_MINUTES, DEFAULT_TENANT, DEFAULT_TIMEOUT_SECS, DriveTarget, MARK_READ_DELAY_MS,
    MAX_RETRY_WAIT_SECS, MailOptions, Mailbox, PREFETCH_BODIES, REDIRECT_PORT, REFRESH_INTERVAL_SECS, REQUEST_RETRIES,
    REQUESTS_DELAY_MS, SYNC_INTERVAL_MINUTES, SecretString, TIMEOUT_SECS, locate,
};

/// Tenants that name no single directory: client credentials need a real tenant
/// (AADSTS9001023, graph-facts §0).
const MULTI_TENANT_ALIASES: [&str; 3] = ["common", "organizations", "consumers"];

pub fn validate(raw: RawConfig, text: &str, path: &Path) -> Result<Config, ConfigError> {
    let invalid = |keys: &[&str], message: String| ConfigError::Invalid {
        path: path.to_path_buf(),
        key_path: keys.join("."),
        // A missing key (e.g. no `tenant`) is reported at its table's line.
        line: (1..=keys.len()).rev().find_map(|n| locate::line_of_key(text, &keys[..n])),
        message,
    };
    if let Some(default) = &raw.default_account
        && !raw.accounts.contains_key(default)
    {
        let known: Vec<_> = raw.accounts.keys().cloned().collect();
        let message = format!("no account named `{default}`; known accounts: {}", known.join(", "));
        return Err(invalid(&["default_account"], message));
    }
    // Issue 14: `[accounts.""]` was accepted, an account no `--account` can name.
    if let Some(name) = raw.accounts.keys().find(|name| name.trim().is_empty()) {
        return Err(ConfigError::Invalid {
            path: path.to_path_buf(),
            key_path: format!("accounts.\"{name}\""),
            line: locate::line_of_key(text, &["accounts", name]),
            message: "an account needs a name, as in [accounts.work]: the name is what --account takes".into(),
        });
    }
    let mut accounts = std::collections::BTreeMap::new();
    for (name, account) in raw.accounts {
        let checked = validate_account(account).map_err(|(key, message)| {
            if key.is_empty() {
                invalid(&["accounts", &name], message)
            } else {
                invalid(&["accounts", &name, key], message)
            }
        })?;
        accounts.insert(name, checked);
    }
    Ok(Config {
        default_account: raw.default_account,
        accounts,
        source: Some(path.to_path_buf()),
        warnings: Vec::new(),
    })
}

/// On failure: the key (within the account) and what is wrong.
fn validate_account(raw: RawAccount) -> Result<AccountConfig, (&'static str, String)> {
    if raw.client_id.trim().is_empty() {
        return Err(("client_id", "must not be empty".into()));
    }
    let tenant = raw.tenant.unwrap_or_else(|| DEFAULT_TENANT.to_owned());
    if tenant.is_empty() || !tenant.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')) {
        return Err(("tenant", format!("`{tenant}` is not a tenant id, domain, common, organizations or consumers")));
    }
    let auth_flow = raw.auth_flow.unwrap_or(AuthFlow::DeviceCode);
    let mailbox = match raw.mailbox.as_deref() {
        Some(text) => Mailbox::parse(text).map_err(|m| ("mailbox", m))?,
        None => Mailbox::Me,
    };
    let drive = match raw.drive.as_deref() {
        Some(text) => DriveTarget::parse_setting(text).map_err(|m| ("drive", m))?,
        None => DriveTarget::Default,
    };
    let secret_key = secret_key(raw.client_secret.is_some(), raw.client_secret_cmd.is_some(), raw.client_secret_store)?;
    match auth_flow {
        AuthFlow::ClientCredentials => {
            if MULTI_TENANT_ALIASES.contains(&tenant.to_ascii_lowercase().as_str()) {
                return Err((
                    "tenant",
                    format!("client_credentials needs your tenant id or domain, not `{tenant}` (AADSTS9001023)"),
                ));
            }
            if secret_key.is_none() {
                return Err((
                    "client_secret",
                    "client_credentials needs client_secret_cmd, client_secret_store = \"keyring\" or client_secret"
                        .into(),
                ));
            }
            if mailbox == Mailbox::Me && drive == DriveTarget::Default {
                return Err(("mailbox", "client_credentials has no signed-in user: set mailbox to a user, group or site, or drive to a library (drive = \"site:HOST:/sites/NAME\"); app-only tokens cannot use /me".into()));
            }
        }
        // A confidential app (a "Web" registration) redeems its codes with its secret.
        AuthFlow::AuthorizationCode => {}
        AuthFlow::DeviceCode => {
            if let Some(key) = secret_key {
                return Err((key, "a secret is only sent with auth_flow = \"client_credentials\" or \"authorization_code\" (a confidential app); the device code flow is for public clients, which must not send one (AADSTS700025)".into()));
            }
        }
    }
    let scopes = raw.scopes.unwrap_or_default();
    if let Some(bad) = scopes.iter().find(|s| s.is_empty() || s.chars().any(char::is_whitespace)) {
        return Err(("scopes", format!("`{bad}` is not a scope: scopes are single words without spaces")));
    }
    let graph_url = service_url(raw.graph_url.as_deref().unwrap_or(DEFAULT_GRAPH_URL)).map_err(|m| ("graph_url", m))?;
    let authority_url =
        service_url(raw.authority_url.as_deref().unwrap_or(DEFAULT_AUTHORITY_URL)).map_err(|m| ("authority_url", m))?;
    let timeout = ranged("timeout", raw.timeout, DEFAULT_TIMEOUT_SECS, TIMEOUT_SECS, " seconds")?;
    let request_retries = ranged("request_retries", raw.request_retries, DEFAULT_REQUEST_RETRIES, REQUEST_RETRIES, "")?;
    let max_retry_wait =
        ranged("max_retry_wait", raw.max_retry_wait, DEFAULT_MAX_RETRY_WAIT_SECS, MAX_RETRY_WAIT_SECS, " seconds")?;
    let secret_cmd_timeout = ranged(
        "client_secret_cmd_timeout",
        raw.client_secret_cmd_timeout,
        DEFAULT_CLIENT_SECRET_CMD_TIMEOUT_SECS,
        CLIENT_SECRET_CMD_TIMEOUT_SECS,
        " seconds",
    )?;
    let requests_delay_ms = ranged("requests_delay_ms", raw.requests_delay_ms, 0, REQUESTS_DELAY_MS, " milliseconds")?;
    let redirect_port = ranged("redirect_port", raw.redirect_port, 0, REDIRECT_PORT, "")?;
    let proxy =
        raw.proxy.map(|p| Url::parse(&p).map_err(|e| ("proxy", format!("`{p}` is not a URL: {e}")))).transpose()?;
    let timezone = raw
        .timezone
        .map(|z| {
            chrono_tz::Tz::from_str(&z)
                .map_err(|_| ("timezone", format!("`{z}` is not an IANA time zone name like Europe/Berlin")))
        })
        .transpose()?;
    let graph = AccountSettings {
        client_id: raw.client_id.trim().to_owned(),
        tenant,
        auth_flow,
        client_secret: raw.client_secret.map(SecretString::new),
        client_secret_cmd: raw.client_secret_cmd,
        client_secret_cmd_timeout: Duration::from_secs(secret_cmd_timeout),
        client_secret_store: raw.client_secret_store,
        scopes,
        graph_url,
        authority_url,
        timeout: Duration::from_secs(timeout),
        request_retries,
        max_retry_wait: Duration::from_secs(max_retry_wait),
        requests_delay: Duration::from_millis(requests_delay_ms),
        proxy,
        redirect_port,
        token_store: raw.token_store.unwrap_or_default(),
    };
    let mut mail = mail_options(raw.mark_read_on_open, raw.mark_read_delay_ms, raw.refresh_interval, raw.signature)?;
    mail.sync_every = sync_every(raw.sync_interval)?;
    mail.notify = raw.notify.unwrap_or(true);
    let prefetch =
        ranged("prefetch_bodies", raw.prefetch_bodies, DEFAULT_PREFETCH_BODIES, PREFETCH_BODIES, " messages")?;
    mail.prefetch_bodies = usize::try_from(prefetch).unwrap_or(usize::MAX);
    Ok(AccountConfig { graph, mailbox, drive, timezone, compose_format: raw.compose_format.unwrap_or_default(), mail })
}

/// The one key the account's client secret comes from, if any: `client_secret`,
/// `client_secret_cmd` or `client_secret_store`, never two of them.
fn secret_key(
    in_config: bool,
    from_command: bool,
    store: Option<ClientSecretStore>,
) -> Result<Option<&'static str>, (&'static str, String)> {
    if in_config && from_command {
        return Err(("client_secret_cmd", "set client_secret or client_secret_cmd, not both".into()));
    }
    let other = if in_config { Some("client_secret") } else { from_command.then_some("client_secret_cmd") };
    match (store, other) {
        (Some(ClientSecretStore::Keyring), Some(other)) => Err((
            "client_secret_store",
            format!(
                "client_secret_store = \"keyring\" reads the secret from the OS keyring (put there by `o365 secret \
                 set`): remove {other} from this account, or remove client_secret_store"
            ),
        )),
        (Some(ClientSecretStore::Keyring), None) => Ok(Some("client_secret_store")),
        (None, other) => Ok(other),
    }
}

/// The mail pane's options: marking read on open (with its delay), the background refresh
/// (0 switches it off), the signature (an empty one is none).
fn mail_options(
    mark_read_on_open: Option<bool>,
    mark_read_delay_ms: Option<Integer>,
    refresh_interval: Option<Integer>,
    signature: Option<String>,
) -> Result<MailOptions, (&'static str, String)> {
    let delay = ranged(
        "mark_read_delay_ms",
        mark_read_delay_ms,
        DEFAULT_MARK_READ_DELAY_MS,
        MARK_READ_DELAY_MS,
        " milliseconds",
    )?;
    let refresh_every = match refresh_interval {
        Some(Integer(0)) => None,
        value => {
            let range = REFRESH_INTERVAL_SECS;
            let secs = ranged("refresh_interval", value, DEFAULT_REFRESH_INTERVAL_SECS, range.clone(), " seconds")
                .map_err(|(key, _)| {
                    let shown = value.map_or(0, |Integer(v)| v);
                    (
                        key,
                        format!(
                            "{shown} is out of range: must be 0 (off) or {} to {} seconds",
                            range.start(),
                            range.end()
                        ),
                    )
                })?;
            Some(Duration::from_secs(secs))
        }
    };
    Ok(MailOptions {
        mark_read_after: mark_read_on_open.unwrap_or(true).then(|| Duration::from_millis(delay)),
        refresh_every,
        sync_every: MailOptions::default().sync_every,
        signature: signature.filter(|s| !s.trim().is_empty()),
        ..MailOptions::default()
    })
}

/// `sync_interval` (minutes; 0 switches the timed sync off).
fn sync_every(value: Option<Integer>) -> Result<Option<Duration>, (&'static str, String)> {
    if let Some(Integer(0)) = value {
        return Ok(None);
    }
    let range = SYNC_INTERVAL_MINUTES;
    let minutes = ranged("sync_interval", value, DEFAULT_SYNC_INTERVAL_MINUTES, range.clone(), " minutes").map_err(
        |(key, _)| {
            let shown = value.map_or(0, |Integer(v)| v);
            (key, format!("{shown} is out of range: must be 0 (off) or {} to {} minutes", range.start(), range.end()))
        },
    )?;
    Ok(Some(Duration::from_secs(minutes * 60)))
}

/// A numeric option: `default` when absent, else the value if `range` holds it.
fn ranged<T>(
    key: &'static str,
    value: Option<Integer>,
    default: T,
    range: RangeInclusive<T>,
    unit: &str,
) -> Result<T, (&'static str, String)>
where
    T: TryFrom<i128> + PartialOrd + Display,
{
    let Some(Integer(value)) = value else { return Ok(default) };
    match T::try_from(value) {
        Ok(checked) if range.contains(&checked) => Ok(checked),
        _ => Err((key, format!("{value} is out of range: must be {} to {}{unit}", range.start(), range.end()))),
    }
}

/// https, or http on a loopback host (the simulator); no trailing slash.
pub fn service_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text.trim_end_matches('/')).map_err(|e| format!("`{text}` is not a URL: {e}"))?;
    let loopback = match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" if url.host().is_some() => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(format!("`{text}` must use https (plain http is only allowed on 127.0.0.1, localhost or [::1])")),
        _ => Err(format!("`{text}` must be an https URL")),
    }
}

/// aerc refuses a group/world-readable accounts.conf holding secrets (ecosystem-notes C.6);
/// we warn instead.
pub fn permission_warnings(path: &Path, config: &Config) -> Vec<String> {
    let has_secret = config.accounts.values().any(|a| a.graph.client_secret.is_some());
    if !has_secret {
        return Vec::new();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            return vec![format!(
                "{} holds a client_secret and is readable by other users: run `chmod 600 {}` or use client_secret_cmd",
                path.display(),
                path.display()
            )];
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_http_only() {
        assert!(service_url("http://127.0.0.1:8080/graph/v1.0").is_ok());
        assert!(service_url("http://localhost:1/x").is_ok());
        assert!(service_url("http://[::1]:1/x").is_ok());
        assert!(service_url("http://graph.example.com/v1.0").is_err());
        assert!(service_url("http://127.0.0.1.evil.com/").is_err());
        assert!(service_url("ftp://graph.example.com").is_err());
        assert_eq!(
            service_url("https://graph.microsoft.com/v1.0/").unwrap().as_str(),
            "https://graph.microsoft.com/v1.0"
        );
    }

    #[test]
    fn mailbox_forms() {
        assert_eq!(Mailbox::parse("me"), Ok(Mailbox::Me));
        assert_eq!(Mailbox::parse("a@b.com"), Ok(Mailbox::User("a@b.com".into())));
        assert_eq!(Mailbox::parse("group:123"), Ok(Mailbox::Group("123".into())));
        assert_eq!(Mailbox::parse("site:s1"), Ok(Mailbox::Site("s1".into())));
        assert!(Mailbox::parse("team:x").is_err());
        assert!(Mailbox::parse("user:").is_err());
        assert!(Mailbox::parse("user:../x/y").is_err());
    }
}
