//! The worker's side of the local cache (issue 10). With a cache, the folder tree and a folder's
//! pages are answered from it when it holds them synced (the first frame shows rows at once,
//! and the background refresh costs no request); a message opened is kept in it; a load the
//! service cannot be reached for is answered from it, with word that the interface is offline;
//! `--offline` never asks the service. A sync runs as a task of its own on its own connection
//! (WAL lets the reads go on), and says what it changed: mail, then the other workloads the
//! cache was filled with by `o365 sync` (their panes read from it offline: `cached_panes`).
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc::UnboundedSender;

use super::{Fetched, MESSAGES_PAGE};
use crate::cache::{Cache, CacheError, links};
use crate::sync::SyncError;
use crate::sync::mail::MailScope;
use crate::tui::action::Pane;
use crate::tui::effect::LoadKey;
use crate::tui::msg::cache::{CacheMsg, Synced};
use crate::tui::msg::{Failure, FolderRow, FullMessage, MessagePage, Msg};
use o365_graph::client::GraphClient;
use o365_graph::error::GraphError;
use o365_graph::mail::MESSAGES_MAX_PAGE;

/// A next page that the cache holds: `o365-cache:OFFSET` into the cached folder (never sent to
/// the service; only this module reads it).
const CACHE_LINK: &str = "o365-cache:";

/// The cache as the worker holds it.
#[derive(Clone)]
pub struct CacheAccess {
    /// Reads, and bodies kept on open, go through this connection, one at a time.
    reads: Arc<Mutex<Cache>>,
    /// A sync opens its own connection to this file.
    path: PathBuf,
    /// `--offline`: the service is never asked.
    pub forced_offline: bool,
    /// When each pane's data last synced into this cache (the status bar shows it from the
    /// first frame).
    pub synced: Vec<(Pane, chrono::DateTime<chrono::Utc>)>,
    /// After each sync, the bodies of the newest this many messages of each folder it synced
    /// are kept (`prefetch_bodies`; 0: none).
    pub prefetch_bodies: usize,
}

impl CacheAccess {
    pub fn new(cache: Cache, forced_offline: bool) -> Self {
        let path = cache.path().to_owned();
        let parse =
            |at: Option<String>| at.and_then(|at| chrono::DateTime::parse_from_rfc3339(&at).ok()).map(|at| at.to_utc());
        let mail = std::iter::once((Pane::Mail, cache.mail_synced_at().ok().flatten()));
        let others = other_panes().map(|(pane, key)| (pane, cache.synced_at(&key).ok().flatten()));
        let synced = mail.chain(others).filter_map(|(pane, at)| Some((pane, parse(at)?))).collect();
        CacheAccess { reads: Arc::new(Mutex::new(cache)), path, forced_offline, synced, prefetch_bodies: 0 }
    }

    /// Runs `work` on the cache off the async threads; a failure is logged and is `None` (the
    /// caller then asks the service, or says it has nothing).
    pub(super) async fn with<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Cache) -> Result<T, CacheError> + Send + 'static,
    ) -> Option<T> {
        let reads = self.reads.clone();
        let done = tokio::task::spawn_blocking(move || {
            let mut cache = reads.lock().unwrap_or_else(|e| e.into_inner());
            work(&mut cache)
        })
        .await;
        match done {
            Ok(Ok(value)) => Some(value),
            Ok(Err(e)) => {
                tracing::warn!("local cache: {e}");
                None
            }
            Err(_) => None,
        }
    }
}

impl Fetched {
    /// Whether this answer is "the service could not be reached".
    fn is_unreachable(&self) -> bool {
        let error = match self {
            Fetched::Folders(Err(e)) | Fetched::FoldersRefreshed(Err(e)) => e,
            Fetched::Messages(Err(e)) | Fetched::MoreMessages(Err(e)) | Fetched::NewestMessages(Err(e)) => e,
            Fetched::Message(Err(e)) => e,
            _ => return false,
        };
        matches!(error, GraphError::Transport(_))
    }
}

/// Answers `key` from the cache, the service, or the cache again when the service cannot be
/// reached (see the module's doc).
pub(super) async fn fetch(
    client: &GraphClient,
    cache: &CacheAccess,
    key: &LoadKey,
    messages: &UnboundedSender<Msg>,
) -> Fetched {
    let cache_link = matches!(key, LoadKey::MoreMessages { next_link, .. } if next_link.starts_with(CACHE_LINK));
    let local_first = cache_link
        || matches!(
            key,
            LoadKey::Folders | LoadKey::RefreshFolders | LoadKey::Messages { .. } | LoadKey::NewestMessages { .. }
        );
    if let Some(pane) = super::cached_panes::fetch(client, cache, key, messages).await {
        return pane;
    }
    if cache.forced_offline || local_first {
        if let Some(found) = local(cache, key, !cache.forced_offline).await {
            return found;
        }
        if (cache.forced_offline || cache_link)
            && let Some(failed) = not_cached(key)
        {
            return failed;
        }
    }
    let fetched = Fetched::of(client, key).await;
    if fetched.is_unreachable() {
        let _ = messages.send(Msg::Cache(CacheMsg::Offline(true)));
        if let Some(found) = local(cache, key, false).await {
            return found;
        }
    } else if let Fetched::Message(Ok(full)) = &fetched {
        let mut message = full.message.clone();
        message.attachments = full.attachments.clone();
        cache.with(move |c| c.store_message(&message)).await;
    }
    fetched
}

/// The "not in the cache" answer for a load the service is not to be asked for.
fn not_cached(key: &LoadKey) -> Option<Fetched> {
    fn error<T>() -> Result<T, GraphError> {
        Err(GraphError::NotFound("not in the local cache (offline)".into()))
    }
    Some(match key {
        LoadKey::Folders => Fetched::Folders(error()),
        LoadKey::RefreshFolders => Fetched::FoldersRefreshed(error()),
        LoadKey::Messages { .. } => Fetched::Messages(error()),
        LoadKey::MoreMessages { .. } => Fetched::MoreMessages(error()),
        LoadKey::NewestMessages { .. } => Fetched::NewestMessages(error()),
        LoadKey::Message { .. } => Fetched::Message(error()),
        _ => return None,
    })
}

/// `key` answered from the cache, if it holds it (with `synced_only`, only what a sync has
/// brought in: a folder never synced is asked of the service).
async fn local(cache: &CacheAccess, key: &LoadKey, synced_only: bool) -> Option<Fetched> {
    let key = key.clone();
    cache
        .with(move |c| {
            Ok(match &key {
                LoadKey::Folders => folder_rows(c, synced_only)?.map(|rows| Fetched::Folders(Ok(rows))),
                LoadKey::RefreshFolders => folder_rows(c, synced_only)?.map(|rows| Fetched::FoldersRefreshed(Ok(rows))),
                LoadKey::Messages { folder_id } => {
                    page(c, folder_id, 0, MESSAGES_PAGE, synced_only)?.map(|p| Fetched::Messages(Ok(p)))
                }
                LoadKey::NewestMessages { folder_id } => {
                    page(c, folder_id, 0, MESSAGES_PAGE, synced_only)?.map(|p| Fetched::NewestMessages(Ok(p)))
                }
                LoadKey::MoreMessages { folder_id, next_link, to_end } => {
                    let offset = next_link.strip_prefix(CACHE_LINK).and_then(|o| o.parse().ok()).unwrap_or(0);
                    let size = if *to_end { MESSAGES_MAX_PAGE } else { MESSAGES_PAGE };
                    page(c, folder_id, offset, size, false)?.map(|p| Fetched::MoreMessages(Ok(p)))
                }
                LoadKey::Message { id } => c.cached_message(id)?.map(|message| {
                    let attachments = message.attachments.clone();
                    Fetched::Message(Ok(Box::new(FullMessage { message, attachments })))
                }),
                _ => None,
            })
        })
        .await
        .flatten()
}

fn folder_rows(cache: &Cache, synced_only: bool) -> Result<Option<Vec<FolderRow>>, CacheError> {
    if synced_only && cache.synced_at(links::MAIL_FOLDERS)?.is_none() {
        return Ok(None);
    }
    let rows: Vec<FolderRow> =
        cache.folders()?.into_iter().map(|node| FolderRow { folder: node.folder, depth: node.depth }).collect();
    Ok((!rows.is_empty()).then_some(rows))
}

fn page(
    cache: &Cache,
    folder: &str,
    offset: usize,
    size: usize,
    synced_only: bool,
) -> Result<Option<MessagePage>, CacheError> {
    let Some(folder) = cache.find_folder(folder)? else { return Ok(None) };
    if synced_only && cache.synced_at(&links::mail_messages(&folder.id))?.is_none() {
        return Ok(None);
    }
    let items = cache.messages(&folder.id, offset, size, false)?;
    let end = offset + items.len();
    let next_link = (end < cache.message_count(&folder.id)?).then(|| format!("{CACHE_LINK}{end}"));
    Ok(Some(MessagePage { items, next_link }))
}

/// The most results a local search shows: several screenfuls, few enough to arrive at once
/// (each row is read and converted; `cargo bench --bench cache` times the search as typed).
pub const LOCAL_SEARCH_LIMIT: usize = 200;

/// A search of `folder_id` in the cache's full-text index, answered as a list like any other
/// search (the service is never asked, so a keystroke costs no request); without a cache, the
/// answer says there is none.
pub(super) fn search(
    cache: Option<&CacheAccess>,
    generation: crate::tui::loadable::Generation,
    folder_id: String,
    text: String,
    messages: &UnboundedSender<Msg>,
) {
    use crate::tui::msg::mail_ops::MailOpsMsg;
    let (cache, messages) = (cache.cloned(), messages.clone());
    tokio::spawn(async move {
        let found = match cache {
            Some(cache) => cache.with(move |c| c.search(&text, Some(&folder_id), LOCAL_SEARCH_LIMIT)).await,
            None => None,
        };
        let result = found
            .map(|items| MessagePage { items, next_link: None })
            .ok_or_else(|| Failure::local("the local cache cannot be searched".to_owned()));
        let _ = messages.send(Msg::MailOps(MailOpsMsg::Listed { generation, result }));
    });
}

/// The other workloads `o365 sync` brought into this cache before (To Do, contacts, the own
/// drive, the default calendar), kept current by delta with mail, so they read offline as they
/// are now. Returns the panes brought up to date and what the service had lost the sync state
/// of; one failing is logged, not shown (the status bar then keeps that pane's last time).
async fn sync_others(client: &GraphClient, cache: &mut Cache) -> (Vec<Pane>, Vec<String>) {
    let (mut panes, mut resynced) = (Vec::new(), Vec::new());
    for (pane, key) in other_panes() {
        if cache.synced_at(&key).ok().flatten().is_none() {
            continue;
        }
        let report = match pane {
            Pane::Tasks => crate::sync::todo::sync_todo(client, cache).await,
            Pane::People => crate::sync::contacts::sync_contacts(client, cache).await,
            Pane::Drive => crate::sync::drive::sync_drive(client, cache).await,
            Pane::Calendar => crate::sync::calendar::sync_calendar(client, cache, crate::clock::now()).await,
            Pane::Mail => continue,
        };
        match report {
            Ok(report) => {
                panes.push(pane);
                let all = std::iter::once(&report.tree).chain(&report.resources);
                resynced.extend(all.filter(|c| c.resynced).map(|c| format!("{} {}", report.workload, c.name)));
            }
            Err(e) => tracing::warn!("syncing the local cache: {e}"),
        }
    }
    (panes, resynced)
}

/// The panes besides Mail the interface's sync keeps current, each with the resource whose
/// stored round says `o365 sync` filled the cache with its data.
fn other_panes() -> [(Pane, String); 4] {
    [
        (Pane::Tasks, links::TODO_LISTS.to_owned()),
        (Pane::People, links::CONTACT_FOLDERS.to_owned()),
        (Pane::Drive, links::drive(crate::cache::drive::OWN_DRIVE)),
        (Pane::Calendar, links::calendar_view()),
    ]
}

/// Runs a sync as a task of its own; its end comes back as `CacheMsg::Synced`.
pub(super) fn sync(client: &GraphClient, cache: &CacheAccess, folders: Vec<String>, messages: &UnboundedSender<Msg>) {
    let (client, path, messages) = (client.clone(), cache.path.clone(), messages.clone());
    let prefetch = cache.prefetch_bodies;
    tokio::spawn(async move {
        let result = run_sync(&client, &path, &folders, prefetch).await.map_err(|e| match e {
            SyncError::Graph(e) => Failure::from(e),
            SyncError::Cache(e) => Failure::local(e.to_string()),
        });
        let _ = messages.send(Msg::Cache(CacheMsg::Synced(result)));
    });
}

/// Syncs the folder tree, the folders it says changed, and `also` (the open folder); then
/// fetches the newest `prefetch` bodies of each of them that the cache lacks.
async fn run_sync(
    client: &GraphClient,
    path: &std::path::Path,
    also: &[String],
    prefetch: usize,
) -> Result<Synced, SyncError> {
    let opened = crate::cache::open::open_path(path)?;
    let mut cache = opened.cache;
    let scope = MailScope::Changed { also: also.to_vec() };
    let mut report = crate::sync::mail::sync_mail(client, &mut cache, &scope).await?;
    crate::sync::prefetch::prefetch_bodies(client, &mut cache, &mut report, prefetch).await?;
    let mut resynced: Vec<String> = report.resources.iter().filter(|c| c.resynced).map(|c| c.name.clone()).collect();
    let (panes, others_resynced) = sync_others(client, &mut cache).await;
    resynced.extend(others_resynced);
    let notice = opened.notice.or_else(|| {
        (!resynced.is_empty())
            .then(|| format!("The service had lost the sync state of {}: synced again", resynced.join(", ")))
    });
    Ok(Synced {
        at: crate::clock::now(),
        new_in_inbox: report.new_in_inbox,
        new_in_inbox_named: report.new_in_inbox_named,
        changed_folders: report.resources.iter().filter(|c| !c.is_empty()).map(|c| c.id.clone()).collect(),
        folders_changed: !report.tree.is_empty(),
        panes,
        notice,
    })
}
