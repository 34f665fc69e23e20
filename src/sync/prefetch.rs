//! Bodies fetched ahead (issue 10, `prefetch_bodies`): after a mail sync, the newest N messages
//! of each folder it synced get their body and attachment list kept, as opening them would, so
//! recent mail opens offline too. Only bodies the cache lacks are asked for (one GET each, and
//! one for the attachment list of a message that has files), at most 4 at a time as the
//! mailbox's budget allows; a message gone from the service since is skipped.
use futures::{StreamExt, TryStreamExt};

use super::{SyncError, SyncReport};
use crate::cache::Cache;
use crate::domain::{AttachmentInfo, Message};
use o365_graph::client::GraphClient;
use o365_graph::error::GraphError;

/// Requests in flight at once: the mailbox's concurrency limit (graph-facts §2.3).
const AT_ONCE: usize = 4;

/// Keeps the bodies of the newest `newest` messages of each folder `report` synced; counts
/// them and their requests in the report.
pub async fn prefetch_bodies(
    client: &GraphClient,
    cache: &mut Cache,
    report: &mut SyncReport,
    newest: usize,
) -> Result<(), SyncError> {
    if newest == 0 {
        return Ok(());
    }
    for folder in report.resources.iter().map(|r| r.id.clone()).collect::<Vec<_>>() {
        let missing = cache.missing_bodies(&folder, newest)?;
        let fetched: Vec<Option<Message>> = futures::stream::iter(missing)
            .map(|id| async move {
                match o365_graph::mail::get_message(client, &id).await {
                    Ok((message, attachments)) => {
                        let mut message = Message::from(&message);
                        message.attachments = attachments.iter().map(AttachmentInfo::from).collect();
                        Ok(Some(message))
                    }
                    // Deleted or moved away since the sync: the next sync says so.
                    Err(GraphError::NotFound(_)) => Ok(None),
                    Err(e) => Err(e),
                }
            })
            .buffered(AT_ONCE)
            .try_collect()
            .await?;
        for message in fetched.into_iter().flatten() {
            report.requests += 1 + usize::from(message.summary.has_attachments);
            report.bodies_fetched += 1;
            cache.store_message(&message)?;
        }
    }
    Ok(())
}
