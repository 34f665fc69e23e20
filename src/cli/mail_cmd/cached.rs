//! `o365 mail list --cached` and `o365 mail search --local`: answers from the account's local
//! cache (kept by `o365 sync`), with no request to the service, in the same table as the
//! network's listing. `--json` prints the cache's rows (the app's fields, not Graph's).
use super::super::args::ListFilterArgs;
use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::{eprintln_quiet, summary_row, summary_table};
use crate::cache::Cache;
use crate::domain::{MessageSummary, WellKnown};
use crate::sanitize;

/// How many rows a `--limit 0` ("all") reads at most: more than any folder holds.
const ALL: usize = i64::MAX as usize;

/// A folder of the cache by name, or a usage error that says how to fill the cache.
fn folder(cache: &Cache, typed: &str) -> anyhow::Result<crate::domain::Folder> {
    match cache.find_folder(typed)? {
        Some(folder) => Ok(folder),
        None if cache.folders()?.is_empty() => Err(super::super::cached::not_synced("mail")),
        None => {
            Err(UsageError(format!("no cached mail folder named `{}` (see `o365 sync`)", sanitize::line(typed))).into())
        }
    }
}

pub fn list(
    session: &Session,
    typed: &str,
    limit: usize,
    unread: bool,
    only: &ListFilterArgs,
    ids: bool,
    out: &mut Output,
) -> anyhow::Result<()> {
    if only.any() {
        return Err(UsageError("--cached takes --unread and --limit, not the other conditions (yet)".to_owned()).into());
    }
    let cache = super::super::cached::open(session)?;
    let folder = folder(&cache, typed)?;
    let limit = if limit == 0 { ALL } else { limit };
    let messages = cache.messages(&folder.id, 0, limit, unread)?;
    let outgoing = folder.well_known.is_some_and(WellKnown::is_outgoing);
    print(session, messages, outgoing, ids, &format!("No cached messages in {}.", sanitize::line(&folder.name)), out)
}

pub fn search(
    session: &Session,
    query: &str,
    typed_folder: Option<&str>,
    limit: usize,
    ids: bool,
    out: &mut Output,
) -> anyhow::Result<()> {
    let cache = super::super::cached::open(session)?;
    let folder = typed_folder.map(|typed| folder(&cache, typed)).transpose()?;
    let limit = if limit == 0 { ALL } else { limit };
    let found = cache.search(query, folder.as_ref().map(|f| f.id.as_str()), limit)?;
    print(session, found, false, ids, "No cached message matches.", out)
}

fn print(
    session: &Session,
    messages: Vec<MessageSummary>,
    outgoing: bool,
    ids: bool,
    empty: &str,
    out: &mut Output,
) -> anyhow::Result<()> {
    if out.json() {
        for message in &messages {
            out.json_line(message)?;
        }
        return Ok(());
    }
    if messages.is_empty() {
        eprintln_quiet(empty);
        return Ok(());
    }
    let rows = messages.iter().map(|m| summary_row(m, outgoing, session.zone, ids)).collect();
    out.table(&summary_table(rows, outgoing, ids))
}
