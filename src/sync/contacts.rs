//! Contacts by delta (graph-facts §2.8, contact-delta, contactfolder-delta): the folders inside
//! the default Contacts folder (`/contactFolders/delta`), then each folder's contacts, the
//! default folder's too (`/contactFolders/{id}/contacts/delta`), each round (small: collected
//! whole) applied in one transaction with its new deltaLink. The default folder's id, which
//! Graph gives no well-known name for contacts, comes from the folders inside it (their parent)
//! or from one of its contacts, once. A folder whose sync state the service lost starts over
//! alone.
use std::collections::HashSet;

use super::report::{ResourceChanges, SyncReport};
use super::{DeltaResource, RoundError, SyncError, stamp};
use crate::cache::contacts::{self as cached, CachedContactFolder};
use crate::cache::{Cache, links};
use crate::domain::Contact;
use o365_graph::client::GraphClient;
use o365_graph::contacts::delta::{contacts_delta_request, default_folder_id, folders_delta_request};
use o365_graph::delta;
use o365_graph::dto;
use o365_graph::request::Request;

/// What the default Contacts folder is called in reports and lists.
const DEFAULT_FOLDER_NAME: &str = "Contacts";

#[derive(Debug, Clone)]
enum Resource {
    Folders,
    Contacts { folder_id: String },
}

impl super::DeltaResource for Resource {
    fn key(&self) -> String {
        match self {
            Resource::Folders => links::CONTACT_FOLDERS.to_owned(),
            Resource::Contacts { folder_id } => links::contacts_in(folder_id),
        }
    }

    fn first_request(&self, client: &GraphClient) -> Request {
        match self {
            Resource::Folders => folders_delta_request(client),
            Resource::Contacts { folder_id } => contacts_delta_request(client, folder_id),
        }
    }

    fn round(
        &self,
        client: &GraphClient,
        cache: &mut Cache,
        first: Request,
        full: bool,
        requests: &mut usize,
    ) -> impl Future<Output = Result<ResourceChanges, RoundError>> + Send {
        round(client, cache, self, first, full, requests)
    }
}

/// Syncs the contact folders, then every folder's contacts.
pub async fn sync_contacts(client: &GraphClient, cache: &mut Cache) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::new("contacts");
    report.tree = super::resume_or_start(client, cache, &Resource::Folders, "folders", &mut report.requests).await?;
    if !cache.contact_folders()?.iter().any(|f| f.is_default) {
        learn_default_folder(client, cache, &mut report.requests).await?;
    }
    for folder in cache.contact_folders()? {
        let resource = Resource::Contacts { folder_id: folder.id.clone() };
        let changes = super::resume_or_start(client, cache, &resource, &folder.name, &mut report.requests).await?;
        report.resources.push(ResourceChanges { id: folder.id.clone(), ..changes });
    }
    Ok(report)
}

/// The default folder: the parent of the folders inside it, else one of its contacts' folder.
async fn learn_default_folder(client: &GraphClient, cache: &mut Cache, requests: &mut usize) -> Result<(), SyncError> {
    let known: Vec<CachedContactFolder> = cache.contact_folders()?;
    let ids: HashSet<&str> = known.iter().map(|f| f.id.as_str()).collect();
    let parent = known.iter().filter_map(|f| f.parent_id.clone()).find(|p| !ids.contains(p.as_str()));
    let id = match parent {
        Some(id) => Some(id),
        None => {
            *requests += 1;
            default_folder_id(client).await?
        }
    };
    if let Some(id) = id {
        let folder =
            CachedContactFolder { id, name: DEFAULT_FOLDER_NAME.to_owned(), parent_id: None, is_default: true };
        cache.in_transaction(|tx| cached::upsert_folders(tx, &[folder]).map(|_| ()))?;
    }
    Ok(())
}

async fn round(
    client: &GraphClient,
    cache: &mut Cache,
    resource: &Resource,
    first: Request,
    full: bool,
    requests: &mut usize,
) -> Result<ResourceChanges, RoundError> {
    let key = resource.key();
    let at = stamp();
    match resource {
        Resource::Folders => {
            let round = delta::round::<dto::ContactFolder>(client, first).await;
            // A failed round made at least the request that failed.
            *requests += round.as_ref().map_or(1, |r| r.pages);
            let round = round?;
            let folders: Vec<CachedContactFolder> = round
                .items
                .iter()
                .map(|f| CachedContactFolder {
                    id: f.id.clone(),
                    name: f.display_name.clone().unwrap_or_default(),
                    parent_id: f.parent_folder_id.clone(),
                    is_default: false,
                })
                .collect();
            let changes = cache.in_transaction(|tx| {
                let written = cached::upsert_folders(tx, &folders)?;
                let mut gone = round.removed.clone();
                if full {
                    let seen: HashSet<String> = folders.iter().map(|f| f.id.clone()).collect();
                    gone.extend(cached::folders_not_in(tx, &seen)?);
                }
                let removed = cached::remove_folders(tx, &gone)?;
                links::store(tx, &key, &round.delta_link, &at)?;
                Ok(ResourceChanges {
                    added: written.added,
                    updated: written.updated,
                    removed,
                    full,
                    ..Default::default()
                })
            })?;
            Ok(changes)
        }
        Resource::Contacts { folder_id } => {
            let round = delta::round::<dto::Contact>(client, first).await;
            *requests += round.as_ref().map_or(1, |r| r.pages);
            let round = round?;
            let contacts: Vec<Contact> = round.items.iter().map(Contact::from).collect();
            let changes = cache.in_transaction(|tx| {
                let written = cached::upsert_contacts(tx, folder_id, &contacts)?;
                let mut removed = cached::remove_contacts(tx, &round.removed)?;
                if full {
                    let seen: HashSet<String> = contacts.iter().map(|c| c.id.clone()).collect();
                    removed += cached::retain_contacts(tx, folder_id, &seen)?;
                }
                links::store(tx, &key, &round.delta_link, &at)?;
                Ok(ResourceChanges {
                    added: written.added,
                    updated: written.updated,
                    removed,
                    full,
                    ..Default::default()
                })
            })?;
            Ok(changes)
        }
    }
}
