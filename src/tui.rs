//! The full-screen terminal UI: one loop, one store, typed actions, effects and messages,
//! read-only views (see DESIGN.md, "Layers"). `run` is the entry point `o365` (no subcommand)
//! calls.
pub mod action;
pub mod app;
pub mod driver;
pub mod editor;
pub mod effect;
#[doc(hidden)]
pub mod fixtures;
pub mod input;
pub mod keymap;
#[cfg(test)]
mod layers;
pub mod layout;
pub mod loadable;
pub mod msg;
pub mod store;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod worker;

use std::path::{Path, PathBuf};

use chrono_tz::Tz;

use keymap::{Keymap, KeymapError};
use o365_graph::client::GraphClient;
use theme::{Theme, ThemeError};

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("terminal: {0}")]
    Io(#[from] std::io::Error),
    #[error("{path}: {source}")]
    Keymap { path: String, source: KeymapError },
    #[error("{path}: {source}")]
    Theme { path: String, source: ThemeError },
}

/// What the session decided for the interface, per account.
pub struct Options {
    pub zone: Tz,
    /// The account's name, shown in the status bar.
    pub account: String,
    /// Bodies written in the editor are HTML (config `compose_format = "html"`).
    pub compose_html: bool,
    /// The account's data directory (a private temporary one under `--demo`): local drafts go
    /// in its `compose` folder.
    pub data_dir: PathBuf,
    /// A personal Microsoft account (no organisation directory).
    pub personal_account: bool,
    /// Marking read on open, the background refresh, the signature (the account's config).
    pub mail: crate::config::MailOptions,
    /// Shown in the status bar from the start until something replaces it (the token store's
    /// fallback to the plain file).
    pub warning: Option<String>,
    /// `--offline`: open from the local cache without asking the service.
    pub offline: bool,
}

/// An account the interface shows: a client signed in as it, and its settings.
pub struct Account {
    pub client: GraphClient,
    pub options: Options,
}

/// Opens another account of the config by name, when the user switches to it.
pub type OpenAccount<'a> = dyn Fn(&str) -> Result<Account, String> + 'a;

/// Opens the full-screen UI on `first` until the user quits; `others` are the config's other
/// accounts, opened with `open` when switched to. `config_dir` may hold a keymap.toml and a
/// theme.toml that override the built-in ones.
pub async fn run(
    first: Account,
    others: Vec<String>,
    open: &OpenAccount<'_>,
    config_dir: Option<&Path>,
) -> Result<(), TuiError> {
    let (keymap, theme) = load_settings(config_dir)?;
    app::run(
        first,
        others,
        open,
        app::Settings { keymap, theme, opener: worker::opener::from_env(), notifier: worker::notifier::from_env() },
    )
    .await
}

/// The account's local cache for the worker, and what to tell the user about it (rebuilt after
/// corruption, or not usable: then the interface runs without it, as before issue 10). Its
/// syncs fetch the bodies of the newest `prefetch_bodies` messages of each folder.
pub(crate) fn open_cache(options: &Options) -> (Option<worker::cached::CacheAccess>, Option<String>) {
    match crate::cache::open::open_account(&options.data_dir, &options.account) {
        Ok(opened) => {
            let mut access = worker::cached::CacheAccess::new(opened.cache, options.offline);
            access.prefetch_bodies = options.mail.prefetch_bodies;
            (Some(access), opened.notice)
        }
        Err(e) => {
            tracing::warn!("the local cache cannot be used: {e}");
            (None, Some(format!("The local cache cannot be used: {e}")))
        }
    }
}

/// The keymap and theme, each from the config directory when a file is there.
pub fn load_settings(config_dir: Option<&Path>) -> Result<(Keymap, Theme), TuiError> {
    let read = |name: &str| -> Result<Option<(String, String)>, TuiError> {
        let Some(dir) = config_dir else { return Ok(None) };
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some((path.display().to_string(), text))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(TuiError::Io(std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))),
        }
    };
    let keymap = match read("keymap.toml")? {
        Some((path, text)) => Keymap::load(Some(&text)).map_err(|source| TuiError::Keymap { path, source })?,
        None => Keymap::load(None).map_err(|source| TuiError::Keymap { path: "built-in keymap".into(), source })?,
    };
    let theme = match read("theme.toml")? {
        Some((path, text)) => Theme::parse(&text).map_err(|source| TuiError::Theme { path, source })?,
        None => Theme::default(),
    };
    Ok((keymap, theme))
}
