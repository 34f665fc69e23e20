//! Mail by delta (graph-facts §2.8): the folder tree (`/mailFolders/delta`, small: one round
//! applied at once), then each folder's messages (`/mailFolders/{id}/messages/delta`, applied
//! page by page: a first round of a 100,000-message Inbox never sits in memory whole). A folder
//! whose sync state the service lost is synced again from scratch, and only that folder.
use std::collections::HashSet;

use futures::TryStreamExt;

use super::report::{NEW_MAIL_NAMED, ResourceChanges, SyncReport};
use super::{RoundError, SyncError, stamp};
use crate::cache::mail as cached;
use crate::cache::{Cache, CacheError, links};
use crate::domain::{Folder, MessageSummary, NewMail, WellKnown};
use o365_graph::client::GraphClient;
use o365_graph::delta::{self, DeltaError};
use o365_graph::dto;
use o365_graph::mail::delta::{folders_delta_request, messages_delta_request};
use o365_graph::request::Request;

/// Which folders' messages a sync asks about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailScope {
    /// Every folder (`o365 sync`): one request each at least, and a change that moves no folder
    /// count (a flag or category set elsewhere) is found wherever it is.
    Every,
    /// The folders whose counts the folder tree's delta says changed (mail arrived, left, was
    /// read), those never synced, and `also` (the open folder): about two requests per changed
    /// folder, whatever the mailbox holds.
    Changed { also: Vec<String> },
}

/// Syncs the folder tree, then the messages of the folders `scope` names (hidden and search
/// folders left out).
pub async fn sync_mail(client: &GraphClient, cache: &mut Cache, scope: &MailScope) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::new("mail");
    report.tree = sync_folders(client, cache, &mut report.requests).await?;
    for node in cache.folders()? {
        let id = &node.folder.id;
        let wanted = match scope {
            MailScope::Every => true,
            MailScope::Changed { also } => {
                report.tree.touched.contains(id)
                    || also.contains(id)
                    || cache.delta_link(&links::mail_messages(id))?.is_none()
            }
        };
        if node.folder.is_search_folder || !wanted {
            continue;
        }
        let changes = sync_folder(client, cache, &node.folder, &mut report.requests).await?;
        if node.folder.well_known == Some(WellKnown::Inbox) {
            report.new_in_inbox += changes.new_unread;
            let room = NEW_MAIL_NAMED.saturating_sub(report.new_in_inbox_named.len());
            report.new_in_inbox_named.extend(changes.new_mail.iter().take(room).cloned());
        }
        report.resources.push(changes);
    }
    Ok(report)
}

/// Syncs the folder tree (`touched` in its report: the folders the round reported); on the
/// first sync also learns which folders are the well-known ones (one `$batch`; their ids never
/// change).
pub async fn sync_folders(
    client: &GraphClient,
    cache: &mut Cache,
    requests: &mut usize,
) -> Result<ResourceChanges, SyncError> {
    let mut changes = ResourceChanges { name: "folders".into(), ..ResourceChanges::default() };
    let template = folders_delta_request(client);
    match cache.delta_link(links::MAIL_FOLDERS)? {
        None => folders_round(client, cache, template, true, &mut changes, requests).await?,
        Some(link) => {
            let first = delta::resume(client, &template, &link)?;
            match folders_round(client, cache, first, false, &mut changes, requests).await {
                Err(RoundError::Delta(DeltaError::ResyncRequired(_))) => {
                    tracing::warn!("the service lost the mail folders' sync state: syncing them again");
                    changes = ResourceChanges { name: "folders".into(), resynced: true, ..ResourceChanges::default() };
                    folders_round(client, cache, template, true, &mut changes, requests).await?;
                }
                other => other?,
            }
        }
    }
    if !cache.folders()?.iter().any(|c| c.folder.well_known == Some(WellKnown::Inbox)) {
        let names: Vec<&str> = WellKnown::ALL.iter().map(|w| w.graph_name()).collect();
        *requests += 1;
        let found = o365_graph::mail::folders::well_known_ids(client, &names).await?;
        let known: Vec<(WellKnown, String)> =
            found.into_iter().filter_map(|(name, id)| Some((WellKnown::from_graph_name(&name)?, id))).collect();
        cache.in_transaction(|tx| cached::set_well_known(tx, &known))?;
    }
    Ok(changes)
}

async fn folders_round(
    client: &GraphClient,
    cache: &mut Cache,
    first: Request,
    full: bool,
    changes: &mut ResourceChanges,
    requests: &mut usize,
) -> Result<(), RoundError> {
    changes.full = full;
    let round = delta::round::<dto::MailFolder>(client, first).await;
    // A failed round made at least the request that failed.
    *requests += round.as_ref().map_or(1, |r| r.pages);
    let round = round?;
    let folders: Vec<Folder> = round.items.iter().map(Folder::from).collect();
    changes.touched.extend(folders.iter().map(|f| f.id.clone()));
    cache.in_transaction(|tx| {
        let written = cached::upsert_folders(tx, &folders)?;
        let mut gone = round.removed.clone();
        if full {
            let seen: HashSet<String> = folders.iter().map(|f| f.id.clone()).collect();
            gone.extend(cached::folders_not_in(tx, &seen)?);
        }
        changes.added += written.added;
        changes.updated += written.updated;
        changes.removed += cached::remove_folders(tx, &gone)?;
        links::store(tx, links::MAIL_FOLDERS, &round.delta_link, &stamp())
    })?;
    Ok(())
}

/// Syncs one folder's messages: from its deltaLink, or a full round when it has none or the
/// service no longer knows it (then only this folder starts over).
pub async fn sync_folder(
    client: &GraphClient,
    cache: &mut Cache,
    folder: &Folder,
    requests: &mut usize,
) -> Result<ResourceChanges, SyncError> {
    let fresh = || ResourceChanges { name: folder.name.clone(), id: folder.id.clone(), ..ResourceChanges::default() };
    let mut changes = fresh();
    let resource = links::mail_messages(&folder.id);
    let template = messages_delta_request(client, &folder.id);
    match cache.delta_link(&resource)? {
        None => {
            messages_round(client, cache, folder, template, true, &mut changes, requests).await?;
            // The folder's first round: what it holds was there before, not new mail.
            changes.new_unread = 0;
            changes.new_mail.clear();
        }
        Some(link) => {
            let first = delta::resume(client, &template, &link)?;
            match messages_round(client, cache, folder, first, false, &mut changes, requests).await {
                Err(RoundError::Delta(DeltaError::ResyncRequired(_))) => {
                    tracing::warn!("the service lost the sync state of folder {}: syncing it again", folder.id);
                    cache.in_transaction(|tx| links::forget(tx, &resource))?;
                    changes = ResourceChanges { resynced: true, ..fresh() };
                    messages_round(client, cache, folder, template, true, &mut changes, requests).await?;
                }
                other => other?,
            }
        }
    }
    Ok(changes)
}

async fn messages_round(
    client: &GraphClient,
    cache: &mut Cache,
    folder: &Folder,
    first: Request,
    full: bool,
    changes: &mut ResourceChanges,
    requests: &mut usize,
) -> Result<(), RoundError> {
    changes.full = full;
    let resource = links::mail_messages(&folder.id);
    let mut seen: HashSet<String> = HashSet::new();
    let mut pages = std::pin::pin!(delta::pages::<dto::Message>(client.clone(), first));
    loop {
        // Each page is one request; the poll after the last page sends none.
        let page = match pages.try_next().await {
            Ok(Some(page)) => page,
            Ok(None) => break,
            Err(e) => {
                *requests += 1;
                return Err(e.into());
            }
        };
        *requests += 1;
        let summaries: Vec<MessageSummary> = page.items.iter().map(MessageSummary::from).collect();
        if full {
            seen.extend(summaries.iter().map(|m| m.id.clone()));
        }
        cache.in_transaction(|tx| {
            let before: HashSet<String> = unread_known(tx, &summaries)?;
            let written = cached::upsert_messages(tx, &folder.id, &summaries)?;
            changes.added += written.added;
            changes.updated += written.updated;
            let new = summaries.iter().filter(|m| !m.is_read && !m.is_draft && !before.contains(&m.id));
            for message in new {
                changes.new_unread += 1;
                if changes.new_mail.len() < NEW_MAIL_NAMED {
                    changes.new_mail.push(NewMail::of(message));
                }
            }
            changes.removed += cached::remove_messages(tx, &page.removed)?;
            if let Some(link) = &page.delta_link {
                if full {
                    changes.removed += cached::retain_messages(tx, &folder.id, &seen)?;
                }
                links::store(tx, &resource, link, &stamp())?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Which of these messages the cache already has (a message already known is not new mail).
fn unread_known(tx: &rusqlite::Transaction<'_>, messages: &[MessageSummary]) -> Result<HashSet<String>, CacheError> {
    let mut known = tx.prepare_cached("SELECT 1 FROM messages WHERE id = ?1")?;
    let mut out = HashSet::new();
    for m in messages.iter().filter(|m| !m.is_read) {
        if known.exists([&m.id])? {
            out.insert(m.id.clone());
        }
    }
    Ok(out)
}
