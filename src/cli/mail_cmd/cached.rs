//! `o365 mail list --cached`, `mail folders --cached`, `mail show --cached` and `o365 mail search
//! --local`: answers from the account's local cache (kept by `o365 sync`; a message's body once
//! it was opened), with no request to the service, in the same table as the network's listing.
//! `--json` prints the cache's rows (the app's fields, not Graph's).
use super::super::args::ListFilterArgs;
use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::{eprintln_quiet, summary_row, summary_table};
use crate::cache::Cache;
use crate::domain::{Folder, MessageSummary, WellKnown};
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

/// `o365 mail folders --cached`: the cached folder tree.
pub fn folders(session: &Session, limit: Option<usize>, out: &mut Output) -> anyhow::Result<()> {
    let cache = super::super::cached::open(session)?;
    let tree = cache.folders()?;
    if tree.is_empty() {
        return Err(super::super::cached::not_synced("mail folders"));
    }
    let rows: Vec<(usize, Folder)> =
        tree.into_iter().take(limit.unwrap_or(usize::MAX)).map(|node| (node.depth, node.folder)).collect();
    if out.json() {
        for (_, folder) in &rows {
            out.json_line(folder)?;
        }
        return Ok(());
    }
    super::print_folders(&rows, out)
}

/// `o365 mail show ID --cached`: a message opened before (its body kept), from the cache.
pub fn show(session: &Session, id: &str, out: &mut Output) -> anyhow::Result<()> {
    let cache = super::super::cached::open(session)?;
    let Some(message) = cache.cached_message(id)? else {
        let why = match cache.message(id)? {
            Some(_) => {
                "holds that message's header but not its body: open it once while online \
                        (`o365 mail show ID`, or in the interface)"
            }
            None => "does not hold that message: run `o365 sync`, or open it once while online",
        };
        return Err(UsageError(format!("the local cache {why}")).into());
    };
    if out.json() {
        return out.json_line(&message);
    }
    let width = out.width().unwrap_or(100).min(100);
    out.text(&crate::render::message_text(&message, &message.attachments, &session.zone, width))
}

/// Keeps a message shown with its body in the cache (so `--cached` and the offline interface
/// open it later); the cache is a convenience here: a failure is logged, never an error.
pub fn keep_opened(session: &Session, message: &o365_graph::dto::Message, attachments: &[o365_graph::dto::Attachment]) {
    let mut kept = crate::domain::Message::from(message);
    kept.attachments = attachments.iter().map(crate::domain::AttachmentInfo::from).collect();
    let stored = crate::cache::open::open_account(session.data_dir(), session.account_name()).and_then(|opened| {
        let mut cache = opened.cache;
        cache.store_message(&kept)
    });
    if let Err(e) = stored {
        tracing::warn!("the local cache did not keep the message: {e}");
    }
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
