//! The Tasks, Calendar, People and Drive panes on the local cache (issue 10). Their reads ask
//! the service first (the cache keeps fewer fields than a pane shows online: a task's checklist,
//! a contact's phones, an event's attendees) and keep each listing in the cache; when the
//! service cannot be reached, or with `--offline`, the cache answers, and the interface is told
//! it is offline. Writes the service confirmed are kept in the cache too. Mail has its own,
//! cache-first way (`cached`): its headers are the whole list row.
use std::future::Future;

use chrono::{DateTime, Utc};
use tokio::sync::mpsc::UnboundedSender;

use super::Fetched;
use super::cached::CacheAccess;
use crate::cache::{Cache, CacheError, links, listings};
use crate::domain::{Calendar, Contact, Event};
use crate::tui::effect::LoadKey;
use crate::tui::msg::cache::CacheMsg;
use crate::tui::msg::{DriveEntry, Msg};
use crate::tui::store::calendar::CalendarPage;
use crate::tui::store::people::{Entry, Source};
use o365_graph::client::GraphClient;
use o365_graph::error::{GraphError, GraphResult};

/// What a read answers when the cache does not hold it and the service is not to be asked.
pub fn not_cached() -> GraphError {
    GraphError::NotFound("not in the local cache (offline)".into())
}

/// A pane's read: the service's answer (then `keep` puts it in the cache), or the cache's
/// (`local`; `None` when it does not hold it) when the service cannot be reached or is not to
/// be asked. Without a cache, the service's answer as it is.
pub(super) async fn read<T: Clone + Send + 'static>(
    cache: Option<&CacheAccess>,
    messages: &UnboundedSender<Msg>,
    service: impl Future<Output = GraphResult<T>>,
    local: impl FnOnce(&mut Cache) -> Result<Option<T>, CacheError> + Send + 'static,
    keep: impl FnOnce(&mut Cache, T) -> Result<(), CacheError> + Send + 'static,
) -> GraphResult<T> {
    let Some(cache) = cache else { return service.await };
    if cache.forced_offline {
        return cache.with(local).await.flatten().ok_or_else(not_cached);
    }
    match service.await {
        Ok(found) => {
            let _ = messages.send(Msg::Cache(CacheMsg::Offline(false)));
            let copy = found.clone();
            cache.with(move |c| keep(c, copy)).await;
            Ok(found)
        }
        Err(GraphError::Transport(reason)) => {
            let _ = messages.send(Msg::Cache(CacheMsg::Offline(true)));
            cache.with(local).await.flatten().ok_or(GraphError::Transport(reason))
        }
        Err(e) => Err(e),
    }
}

/// A write the service confirmed, kept in the cache (a failure there is logged, not shown:
/// the next sync brings the cache level).
pub(super) async fn keep_written(
    cache: Option<&CacheAccess>,
    work: impl FnOnce(&mut Cache) -> Result<(), CacheError> + Send + 'static,
) {
    if let Some(cache) = cache {
        cache.with(work).await;
    }
}

/// The Calendar and Drive panes' loads (keyed like mail's), when `key` is one of theirs.
pub(super) async fn fetch(
    client: &GraphClient,
    cache: &CacheAccess,
    key: &LoadKey,
    messages: &UnboundedSender<Msg>,
) -> Option<Fetched> {
    Some(match key {
        LoadKey::Agenda { start, end } => {
            let (start, end) = (*start, *end);
            let service = super::calendar::period(client, start, end);
            let page = read(
                Some(cache),
                messages,
                service,
                move |c| cached_period(c, start, end),
                move |c, page: CalendarPage| c.keep_calendar_period(&page.calendars, &page.events, (start, end)),
            );
            Fetched::Agenda(page.await)
        }
        LoadKey::DriveChildren { drive_id, folder_id } => {
            let (drive, folder) = (drive_id.clone(), folder_id.clone());
            let (drive_kept, folder_kept) = (drive.clone(), folder.clone());
            let service = super::drive::children(client, drive_id.as_deref(), folder_id.as_deref());
            let entries = read(
                Some(cache),
                messages,
                service,
                move |c| cached_children(c, drive.as_deref(), folder.as_deref()),
                move |c, entries: Vec<DriveEntry>| {
                    let items: Vec<_> = entries.into_iter().map(|e| e.item).collect();
                    c.keep_drive_children(drive_kept.as_deref(), folder_kept.as_deref(), &items)
                },
            );
            Fetched::DriveChildren(entries.await)
        }
        _ => return None,
    })
}

/// The cached calendars (the default one made up when none was listed yet) and the default
/// calendar's events starting in `[start, end)`; `None` when the cache has no calendar data.
fn cached_period(
    cache: &mut Cache,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Option<CalendarPage>, CacheError> {
    let mut calendars = cache.calendars()?;
    if calendars.is_empty() {
        if cache.synced_at(&links::calendar_view())?.is_none() {
            return Ok(None);
        }
        calendars.push(Calendar {
            id: "default".into(),
            name: "Calendar".into(),
            is_default: true,
            ..Calendar::default()
        });
    }
    let default = calendars.iter().find(|c| c.is_default).map(|c| c.id.clone());
    let events: Vec<Event> = cache
        .events()?
        .into_iter()
        .filter(|e| e.time.as_ref().is_some_and(|t| t.overlaps(start, end)))
        .map(|e| Event { calendar_id: default.clone(), ..e })
        .collect();
    Ok(Some(CalendarPage { calendars, events }))
}

/// A drive folder's cached children (`None`: the drive's root), when the folder was listed.
fn cached_children(
    cache: &mut Cache,
    drive_id: Option<&str>,
    folder_id: Option<&str>,
) -> Result<Option<Vec<DriveEntry>>, CacheError> {
    let parent = match folder_id {
        Some(id) => Some(id.to_owned()),
        None => cache.drive_root(listings::drive_key(drive_id))?,
    };
    let Some(parent) = parent else { return Ok(None) };
    let children = cache.drive_children(&parent)?;
    if children.is_empty() && !cache.drive_item_known(&parent)? {
        return Ok(None);
    }
    Ok(Some(
        children
            .into_iter()
            // The cache names the own drive `me`: the pane names it by no id.
            .map(|item| DriveEntry {
                item: crate::domain::DriveItem { drive_id: drive_id.map(str::to_owned), ..item },
                created: None,
                created_by: None,
            })
            .collect(),
    ))
}

/// The People pane's sources from the cache: the default folder, the cached folders, then the
/// sources only the service answers (people, the directory), which say so when opened.
pub(super) fn cached_sources(cache: &mut Cache) -> Result<Option<Vec<Source>>, CacheError> {
    let mut found = vec![Source::Folder { id: None, name: "Contacts".to_owned() }];
    for folder in cache.contact_folders()?.into_iter().filter(|f| !f.is_default) {
        found.push(Source::Folder { id: Some(folder.id), name: folder.name });
    }
    found.extend([Source::People, Source::Directory]);
    Ok(Some(found))
}

/// The sources' folders, kept.
pub(super) fn keep_sources(cache: &mut Cache, sources: Vec<Source>) -> Result<(), CacheError> {
    let folders: Vec<(String, String)> = sources
        .into_iter()
        .filter_map(|s| match s {
            Source::Folder { id: Some(id), name } => Some((id, name)),
            _ => None,
        })
        .collect();
    cache.keep_contact_folders(&folders)
}

/// A contact folder's cached people (those matching `search`: every word in the name or an
/// address); `None` for the sources only the service answers, or a folder never listed.
pub(super) fn cached_entries(
    cache: &mut Cache,
    source: &Source,
    search: Option<&str>,
) -> Result<Option<Vec<Entry>>, CacheError> {
    let Source::Folder { id, .. } = source else { return Ok(None) };
    let folder = match id {
        Some(id) => Some(id.clone()),
        None => cache.default_contact_folder()?,
    };
    let Some(folder) = folder else { return Ok(None) };
    let words: Vec<String> = search.unwrap_or_default().split_whitespace().map(str::to_lowercase).collect();
    let matches = |c: &Contact| {
        let text = format!(
            "{} {}",
            c.name.to_lowercase(),
            c.emails.iter().map(|m| format!("{} {}", m.name, m.address)).collect::<Vec<_>>().join(" ").to_lowercase()
        );
        words.iter().all(|w| text.contains(w.as_str()))
    };
    let contacts = cache.contacts(&folder)?;
    Ok(Some(contacts.into_iter().filter(|c| matches(c)).map(|c| Entry::Contact(Box::new(c))).collect()))
}

/// A folder's people as listed, kept (a search's answer is not the whole folder: not kept).
pub(super) fn keep_entries(
    cache: &mut Cache,
    source: &Source,
    search: Option<&str>,
    entries: Vec<Entry>,
) -> Result<(), CacheError> {
    let (Source::Folder { id, .. }, None) = (source, search) else { return Ok(()) };
    let contacts: Vec<Contact> = entries
        .into_iter()
        .filter_map(|e| match e {
            Entry::Contact(c) => Some(*c),
            Entry::Colleague(_) => None,
        })
        .collect();
    cache.keep_contacts(id.as_deref(), &contacts)
}
