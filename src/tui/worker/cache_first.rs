//! Online, the Tasks, People and Drive panes paint from the local cache first (issue 10): a
//! load the cache holds answers at once with the cache's rows, marked provisional (`…Cached`
//! messages), then asks the service, whose answer of the same generation replaces them (the
//! detail the cache lacks, a task's checklist or a contact's phones, shows then). The update
//! layer takes the cache's answer only while that load is still awaited. Offline, and without
//! a cache, loads go as `cached_panes::read` says.
use std::future::Future;

use tokio::sync::mpsc::UnboundedSender;

use super::Answering;
use super::cached::CacheAccess;
use super::cached_panes::{cached_children, read};
use crate::cache::{Cache, CacheError};
use crate::tui::effect::LoadKey;
use crate::tui::msg::Msg;
use crate::tui::msg::drive::DriveMsg;
use o365_graph::error::GraphResult;

/// `read`, after sending what `first` makes of the cache (when the cache holds the listing and
/// the service is to be asked).
pub(super) async fn read_first<T: Clone + Send + 'static>(
    cache: Option<&CacheAccess>,
    messages: &UnboundedSender<Msg>,
    first: impl FnOnce(&mut Cache) -> Result<Option<Msg>, CacheError> + Send + 'static,
    service: impl Future<Output = GraphResult<T>>,
    local: impl FnOnce(&mut Cache) -> Result<Option<T>, CacheError> + Send + 'static,
    keep: impl FnOnce(&mut Cache, T) -> Result<(), CacheError> + Send + 'static,
) -> GraphResult<T> {
    if let Some(cache) = cache.filter(|c| !c.forced_offline)
        && let Some(provisional) = cache.with(first).await.flatten()
    {
        // The loop may have ended; then nobody needs the answer.
        let _ = messages.send(provisional);
    }
    read(cache, messages, service, local, keep).await
}

/// The Drive pane's folder listing from the cache, sent ahead of the service's under the
/// generation the load will answer with (the load itself goes on as `cached_panes::fetch`).
pub(super) async fn drive_children(
    cache: &CacheAccess,
    key: &LoadKey,
    answering: &Answering,
    messages: &UnboundedSender<Msg>,
) {
    let LoadKey::DriveChildren { drive_id, folder_id } = key else { return };
    if cache.forced_offline {
        return;
    }
    let (drive, folder) = (drive_id.clone(), folder_id.clone());
    let Some(entries) = cache.with(move |c| cached_children(c, drive.as_deref(), folder.as_deref())).await.flatten()
    else {
        return;
    };
    // Read, not taken: the service's answer takes it (a load joined since answers with the newer).
    let Some(generation) = *answering.lock().unwrap_or_else(|e| e.into_inner()) else { return };
    let _ = messages.send(Msg::Drive(DriveMsg::ChildrenCached { generation, entries }));
}
