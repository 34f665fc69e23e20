//! What a data command runs with: the chosen account (from the config file, or the embedded
//! demo tenant), a Graph client signed in as it, and the user's time zone.
use std::sync::Arc;

use anyhow::Context;
use chrono_tz::Tz;

use super::Cli;
use super::demo::Demo;
use super::failure::UsageError;
use crate::config::{AccountConfig, Config, ConfigError, Mailbox};
use crate::domain::time_zones::resolve_zone;
use crate::paths::Paths;
use o365_graph::auth::AccountTokenProvider;
use o365_graph::client::{ClientOptions, GraphClient};
use o365_graph::resource::Resource;
use o365_graph::retry::RetryPolicy;

/// An account to act as, with the directories its tokens live in.
pub struct Account {
    pub name: String,
    pub config: AccountConfig,
    pub paths: Paths,
    /// The in-process tenant behind `--demo`; dropped (and its files removed) with the account.
    pub demo: Option<Demo>,
    /// The config's other accounts, which the full-screen interface can switch to.
    pub others: std::collections::BTreeMap<String, AccountConfig>,
    /// `token_store = "keyring"` could not be honoured: tokens are in the plain 0600 file.
    pub token_store_warning: Option<String>,
}

impl Account {
    /// The account `--account` names (else the default), or a fresh demo tenant with `--demo`.
    pub async fn choose(cli: &Cli) -> anyhow::Result<Account> {
        if cli.demo {
            // A command's demo removes its files itself on a signal; the interface stops itself.
            let demo = Demo::start(cli.command.is_some()).await?;
            return Ok(Account {
                name: "demo".to_owned(),
                config: demo.account(),
                paths: demo.paths(),
                demo: Some(demo),
                others: Default::default(),
                token_store_warning: None,
            });
        }
        let paths = Paths::from_process_env()?;
        let config = Config::load_with(cli.config.as_deref(), &paths)?;
        for warning in &config.warnings {
            tracing::warn!("{warning}");
        }
        let (name, account) = config.account(cli.account.as_deref()).map_err(|e| match e {
            // Naming an account that does not exist is a usage mistake, like a bad flag.
            ConfigError::UnknownAccount { .. } | ConfigError::AmbiguousAccount { .. } => {
                anyhow::Error::new(UsageError(e.to_string()))
            }
            other => anyhow::Error::new(other),
        })?;
        let mut others = config.accounts.clone();
        others.remove(name);
        let token_store_warning = token_store_warning(account);
        Ok(Account { name: name.to_owned(), config: account.clone(), paths, demo: None, others, token_store_warning })
    }
}

/// A signed-in Graph client and the zone dates are shown and read in.
pub struct Session {
    pub client: GraphClient,
    pub zone: Tz,
    account: Account,
    /// `o365` with the flags that chose this account, to print commands the user can run again.
    again: String,
}

impl Session {
    pub async fn open(cli: &Cli) -> anyhow::Result<Session> {
        let account = Account::choose(cli).await?;
        if let Some(demo) = &account.demo {
            demo.sign_in(&account).await?;
        }
        Session::connect(account, command_prefix(cli))
    }

    /// A client for `account` with the tokens it already has (signing in is `o365 login`'s job).
    fn connect(account: Account, again: String) -> anyhow::Result<Session> {
        let zone = user_zone(&account.config, std::env::var("TZ").ok().as_deref());
        let tokens = AccountTokenProvider::new(&account.name, &account.config.graph, &account.paths.tokens_dir())
            .with_context(|| format!("account `{}`", account.name))?;
        let client = GraphClient::new(client_options(&account.config, zone), Arc::new(tokens))?;
        Ok(Session { client, zone, account, again })
    }

    /// The names of the config's other accounts (none under `--demo`), in order.
    pub fn other_accounts(&self) -> Vec<String> {
        self.account.others.keys().cloned().collect()
    }

    /// A session on another account of the same config file, for the interface to switch to.
    pub fn open_other(&self, name: &str) -> anyhow::Result<Session> {
        let config = self.account.others.get(name).with_context(|| format!("no account `{name}` in the config"))?;
        let account = Account {
            name: name.to_owned(),
            config: config.clone(),
            paths: self.account.paths.clone(),
            demo: None,
            others: Default::default(),
            token_store_warning: token_store_warning(config),
        };
        Session::connect(account, format!("o365 --account {}", shell_quote(name)))
    }

    /// `o365 [--demo] [--config FILE] [--account NAME] ARGS`, quoted for a POSIX shell: a
    /// command to run again as this one ran.
    pub fn command_again(&self, args: &[&str]) -> String {
        let mut words = vec![self.again.clone()];
        words.extend(args.iter().map(|a| shell_quote(a)));
        words.join(" ")
    }

    /// Whether bodies written in the interface are HTML (the account's `compose_format`).
    pub fn compose_html(&self) -> bool {
        self.account.config.compose_format == crate::config::ComposeFormat::Html
    }

    /// The interface's mail pane options (marking read, refreshing, the signature).
    pub fn mail_options(&self) -> &crate::config::MailOptions {
        &self.account.config.mail
    }

    /// Where the account's tokens and local drafts live (a private temporary one for the demo).
    pub fn data_dir(&self) -> &std::path::Path {
        &self.account.paths.data_dir
    }

    /// Where a failed command keeps the user's text for later: the data directory; `None`
    /// under `--demo`, whose files go when it exits (issue 13: a failed demo command wrote into
    /// the user's real data directory).
    pub fn keeping_dir(&self) -> Option<&std::path::Path> {
        if self.account.demo.is_some() { None } else { Some(&self.account.paths.data_dir) }
    }

    /// Why tokens are not where the config asked (`token_store = "keyring"` without a keyring).
    pub fn token_store_warning(&self) -> Option<&str> {
        self.account.token_store_warning.as_deref()
    }

    /// The drive file commands use without --site or --drive (the account's `drive`).
    pub fn default_drive(&self) -> &crate::config::DriveTarget {
        &self.account.config.drive
    }

    /// Whether the sign-in is a personal Microsoft account (its tenant is the consumer one),
    /// which has no organisation directory.
    pub fn is_personal_account(&self) -> bool {
        let account = &self.account;
        o365_graph::auth::signed_in_identity(&account.name, &account.config.graph, &account.paths.tokens_dir())
            .ok()
            .flatten()
            .and_then(|signed_in| signed_in.identity)
            .and_then(|identity| identity.tid)
            .is_some_and(|tid| tid.eq_ignore_ascii_case(o365_graph::users::CONSUMER_TENANT_ID))
    }

    /// The account's name from the config (`demo` for the demo tenant).
    pub fn account_name(&self) -> &str {
        &self.account.name
    }

    /// Stops the demo tenant, if any, and removes its files.
    pub async fn close(self) {
        if let Some(demo) = self.account.demo {
            demo.stop().await;
        }
    }
}

/// Why `token_store = "keyring"` could not be honoured for `account` (tokens are then in the
/// plain 0600 file): said on stderr (the log file under the full-screen UI) and kept for the
/// status bar, for the first account and for each one the interface switches to.
fn token_store_warning(account: &AccountConfig) -> Option<String> {
    let warning = o365_graph::auth::store::resolve(account.graph.token_store).1.map(|f| f.to_string());
    if let Some(warning) = &warning {
        tracing::warn!("{warning}");
    }
    warning
}

fn command_prefix(cli: &Cli) -> String {
    let mut words = vec!["o365".to_owned()];
    if cli.demo {
        words.push("--demo".into());
    }
    if let Some(config) = &cli.config {
        words.extend(["--config".to_owned(), shell_quote(&config.to_string_lossy())]);
    }
    if let Some(account) = &cli.account {
        words.extend(["--account".to_owned(), shell_quote(account)]);
    }
    words.join(" ")
}

/// `word` as a POSIX shell reads it back: as it is when plain, else in single quotes.
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:@,+%".contains(c));
    if plain { word.to_owned() } else { format!("'{}'", word.replace('\'', "'\\''")) }
}

pub fn client_options(account: &AccountConfig, zone: Tz) -> ClientOptions {
    ClientOptions {
        graph_url: account.graph.graph_url.to_string(),
        resource: resource_of(&account.mailbox),
        timeout: account.graph.timeout,
        retry: RetryPolicy {
            retries: account.graph.request_retries,
            // One wait may take the whole budget, and no more.
            max_retry_after: account.graph.max_retry_wait,
            max_total_wait: account.graph.max_retry_wait,
            ..RetryPolicy::default()
        },
        requests_delay: account.graph.requests_delay,
        proxy: account.graph.proxy.as_ref().map(ToString::to_string),
        timezone: Some(zone.name().to_owned()),
    }
}

fn resource_of(mailbox: &Mailbox) -> Resource {
    match mailbox {
        Mailbox::Me => Resource::Me,
        Mailbox::User(id) => Resource::User(id.clone()),
        Mailbox::Group(id) => Resource::Group(id.clone()),
        Mailbox::Site(id) => Resource::Site(id.clone()),
    }
}

/// The zone dates are shown and typed in: the account's `timezone`, else `TZ`, else the
/// system's zone, else UTC.
pub fn user_zone(account: &AccountConfig, tz_variable: Option<&str>) -> Tz {
    if let Some(zone) = account.timezone {
        return zone;
    }
    // POSIX allows a leading ':' ("TZ=:Europe/Paris").
    let from_variable = tz_variable.map(|v| v.trim_start_matches(':')).filter(|v| !v.is_empty());
    from_variable
        .and_then(resolve_zone)
        .or_else(|| iana_time_zone::get_timezone().ok().as_deref().and_then(resolve_zone))
        .unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_prefers_config_then_tz_variable() {
        let mut account = AccountConfig::with_defaults("id");
        assert_eq!(user_zone(&account, Some(":Asia/Tokyo")), chrono_tz::Asia::Tokyo);
        assert_eq!(user_zone(&account, Some("Europe/Paris")), chrono_tz::Europe::Paris);
        account.timezone = Some(chrono_tz::America::New_York);
        assert_eq!(user_zone(&account, Some("Europe/Paris")), chrono_tz::America::New_York);
    }

    #[test]
    fn words_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_quote("/data/o365/compose/12-ab/draft-1.json"), "/data/o365/compose/12-ab/draft-1.json");
        assert_eq!(shell_quote("my drafts/it's.json"), "'my drafts/it'\\''s.json'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$(rm -rf ~)"), "'$(rm -rf ~)'");
    }

    #[test]
    fn mailbox_becomes_the_client_resource() {
        let mut account = AccountConfig::with_defaults("id");
        account.mailbox = Mailbox::User("shared@contoso.com".into());
        account.graph.request_retries = 7;
        let options = client_options(&account, Tz::UTC);
        assert_eq!(options.resource, Resource::User("shared@contoso.com".into()));
        assert_eq!(options.retry.retries, 7);
        assert_eq!(options.retry.max_total_wait, std::time::Duration::from_secs(120));
        assert_eq!(options.timezone.as_deref(), Some("UTC"));
    }
}
