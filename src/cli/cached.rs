//! What the `--cached` reads share: the account's local cache opened (its notice, when it was
//! rebuilt, on stderr) and the usage error that says how to fill it.
use anyhow::Context;

use super::failure::UsageError;
use super::session::Session;
use crate::cache::Cache;
use crate::cache::open::open_account;

/// The account's local cache.
pub fn open(session: &Session) -> anyhow::Result<Cache> {
    let opened = open_account(session.data_dir(), session.account_name()).context("opening the local cache")?;
    if let Some(notice) = &opened.notice {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "o365: {notice}");
    }
    Ok(opened.cache)
}

/// The usage error for a cache that does not hold what was asked for yet.
pub fn not_synced(what: &str) -> anyhow::Error {
    UsageError(format!("the local cache holds no {what}: run `o365 sync` first")).into()
}
