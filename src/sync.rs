//! Keeping the local cache current by delta sync (issue 10): each resource resumes from the
//! deltaLink its last round ended with, so a sync costs what changed; a resource without one
//! (first sync, or its sync state lost) gets a full round, which also removes what the service
//! no longer has. Every page is applied in a transaction; the new deltaLink is stored with the
//! round's last page, so a crash mid-round repeats the round, never skips changes.
//!
//! `mail` syncs the folder tree and each folder's messages, `todo` the task lists and their
//! tasks, `contacts` the contact folders and their contacts, `drive` the account's own drive,
//! `calendar` the default calendar's window, `prefetch` the newest bodies; `report` says what changed, for `o365 sync` and the interface's notices.
pub mod calendar;
pub mod contacts;
pub mod drive;
pub mod mail;
pub mod prefetch;
pub mod report;
pub mod todo;

pub use report::{ResourceChanges, SyncReport};

use crate::cache::{Cache, CacheError};
use o365_graph::client::GraphClient;
use o365_graph::delta::DeltaError;
use o365_graph::error::GraphError;
use o365_graph::request::Request;

/// What can stop a sync.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Cache(#[from] CacheError),
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl From<DeltaError> for SyncError {
    fn from(e: DeltaError) -> Self {
        match e {
            DeltaError::Graph(e) => SyncError::Graph(e),
            DeltaError::ResyncRequired(api) => SyncError::Graph(GraphError::Api(api)),
        }
    }
}

/// Why one round stopped: the service (a lost sync state among others) or the cache.
#[derive(Debug)]
pub(crate) enum RoundError {
    Delta(DeltaError),
    Cache(CacheError),
}

impl From<CacheError> for RoundError {
    fn from(e: CacheError) -> Self {
        RoundError::Cache(e)
    }
}

impl From<DeltaError> for RoundError {
    fn from(e: DeltaError) -> Self {
        RoundError::Delta(e)
    }
}

impl From<RoundError> for SyncError {
    fn from(e: RoundError) -> Self {
        match e {
            RoundError::Delta(e) => e.into(),
            RoundError::Cache(e) => e.into(),
        }
    }
}

impl RoundError {
    /// Whether the service lost the sync state: the resource starts over.
    pub(crate) fn needs_resync(&self) -> bool {
        matches!(self, RoundError::Delta(DeltaError::ResyncRequired(_)))
    }
}

/// A resource synced by deltaLink (a To Do list's tasks, a contact folder): its key in the
/// cache, the request of a full round, and one round from a first request. A trait rather than
/// an async closure: its future is then `Send` for every lifetime, which the interface's sync
/// (a spawned task) needs.
pub(crate) trait DeltaResource: Sync {
    fn key(&self) -> String;
    fn first_request(&self, client: &GraphClient) -> Request;
    fn round(
        &self,
        client: &GraphClient,
        cache: &mut Cache,
        first: Request,
        full: bool,
        requests: &mut usize,
    ) -> impl Future<Output = Result<ResourceChanges, RoundError>> + Send;
}

/// One resource from its stored deltaLink, or a full round when there is none or the service
/// lost the sync state (then this resource alone starts over), named `name` in the report.
pub(crate) async fn resume_or_start(
    client: &GraphClient,
    cache: &mut Cache,
    resource: &impl DeltaResource,
    name: &str,
    requests: &mut usize,
) -> Result<ResourceChanges, SyncError> {
    let (key, template) = (resource.key(), resource.first_request(client));
    let changes = match cache.delta_link(&key)? {
        None => resource.round(client, cache, template, true, requests).await?,
        Some(link) => {
            let first = o365_graph::delta::resume(client, &template, &link)?;
            match resource.round(client, cache, first, false, requests).await {
                Err(e) if e.needs_resync() => {
                    tracing::warn!("the service lost the sync state of {key}: syncing it again");
                    cache.in_transaction(|tx| crate::cache::links::forget(tx, &key))?;
                    let changes = resource.round(client, cache, template, true, requests).await?;
                    ResourceChanges { resynced: true, ..changes }
                }
                other => other?,
            }
        }
    };
    Ok(ResourceChanges { name: name.to_owned(), ..changes })
}

/// The time a round finished, as stored beside its deltaLink (the app's clock, so tests pin it).
pub(crate) fn stamp() -> String {
    crate::clock::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
