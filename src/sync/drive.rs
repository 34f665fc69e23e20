//! A drive by delta (graph-facts §2.8, driveitem-delta): the account's own (`/drive/root/delta`)
//! or any other by id, a SharePoint document library (`/drives/{id}/root/delta`), each a
//! resource of its own: applied page by page in transactions (a drive can hold many items), the
//! new deltaLink stored with the last page; deleted items (the `deleted` facet) removed. A drive
//! whose sync state the service lost starts over from a full round, that drive alone. The cache
//! keeps the own drive under the key `me`, any other under its id.
use std::collections::HashSet;

use futures::TryStreamExt;

use super::report::{ResourceChanges, SyncReport};
use super::{RoundError, SyncError, stamp};
use crate::cache::drive as cached;
use crate::cache::{Cache, links};
use crate::domain::DriveItem;
use o365_graph::client::GraphClient;
use o365_graph::delta;
use o365_graph::drive::delta::drive_delta_request;
use o365_graph::dto;
use o365_graph::request::Request;

/// The cache's key for the account's own drive.
pub const OWN_DRIVE: &str = crate::cache::drive::OWN_DRIVE;

/// Syncs the account's own drive.
pub async fn sync_drive(client: &GraphClient, cache: &mut Cache) -> Result<SyncReport, SyncError> {
    sync_drive_of(client, cache, None, "files").await
}

/// Syncs a drive: `None` the account's own, else the drive with that id (a document library);
/// `name` says which in the report.
pub async fn sync_drive_of(
    client: &GraphClient,
    cache: &mut Cache,
    drive_id: Option<&str>,
    name: &str,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::new("drive");
    let drive = drive_id.unwrap_or(OWN_DRIVE);
    let key = links::drive(drive);
    let template = drive_delta_request(client, drive_id);
    let changes = match cache.delta_link(&key)? {
        None => round(client, cache, drive, template, true, &mut report.requests).await?,
        Some(link) => {
            let first = delta::resume(client, &template, &link)?;
            match round(client, cache, drive, first, false, &mut report.requests).await {
                Err(e) if e.needs_resync() => {
                    tracing::warn!("the service lost the drive's sync state: syncing it again");
                    cache.in_transaction(|tx| links::forget(tx, &key))?;
                    let changes = round(client, cache, drive, template, true, &mut report.requests).await?;
                    ResourceChanges { resynced: true, ..changes }
                }
                other => other?,
            }
        }
    };
    report.tree = ResourceChanges { name: name.into(), id: drive.into(), ..changes };
    Ok(report)
}

async fn round(
    client: &GraphClient,
    cache: &mut Cache,
    drive: &str,
    first: Request,
    full: bool,
    requests: &mut usize,
) -> Result<ResourceChanges, RoundError> {
    let key = links::drive(drive);
    let mut changes = ResourceChanges { full, ..ResourceChanges::default() };
    let mut seen: HashSet<String> = HashSet::new();
    let mut pages = std::pin::pin!(delta::pages::<dto::DriveItem>(client.clone(), first));
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
        let items: Vec<DriveItem> = page.items.iter().map(DriveItem::from).collect();
        if full {
            seen.extend(items.iter().map(|i| i.id.clone()));
        }
        cache.in_transaction(|tx| {
            let written = cached::upsert_items(tx, drive, &items)?;
            changes.added += written.added;
            changes.updated += written.updated;
            changes.removed += cached::remove_items(tx, &page.removed)?;
            if let Some(link) = &page.delta_link {
                if full {
                    changes.removed += cached::retain_items(tx, drive, &seen)?;
                }
                links::store(tx, &key, link, &stamp())?;
            }
            Ok(())
        })?;
    }
    Ok(changes)
}
