//! `--cached` for `contacts list`, `calendar agenda` and `drive ls` (issue 10): each read from
//! the account's local cache (kept by `o365 sync` and by the interface), with no request, in
//! the same table as the network's answer; `--json` prints the cache's rows (the app's fields,
//! not Graph's). A read the cache cannot answer fails as `mail list --cached` does, saying how
//! to fill it.
use chrono::{DateTime, Utc};

use super::cached::{not_synced, open};
use super::failure::UsageError;
use super::output::Output;
use super::session::Session;
use crate::cache::{Cache, links, listings};
use crate::config::DriveTarget;
use crate::domain::{Contact, DriveItem, Event};
use crate::sanitize;

/// `o365 contacts list --cached`: every cached folder's contacts, or `folder`'s (by name or id;
/// `Contacts` is the default one), those matching `search` (name, address or company).
pub fn contacts(
    session: &Session,
    search: Option<&str>,
    folder: Option<&str>,
    limit: Option<usize>,
    out: &mut Output,
) -> anyhow::Result<()> {
    let cache = open(session)?;
    let folders = cache.contact_folders()?;
    if folders.is_empty() {
        return Err(not_synced("contacts"));
    }
    let picked: Vec<_> = match folder.map(str::trim) {
        None => folders,
        Some(wanted) => {
            let default = wanted.eq_ignore_ascii_case(super::contacts_cmd::DEFAULT_FOLDER);
            let found: Vec<_> = folders
                .into_iter()
                .filter(|f| if default { f.is_default } else { f.id == wanted || f.name.eq_ignore_ascii_case(wanted) })
                .collect();
            if found.is_empty() {
                return Err(UsageError(format!("no cached contact folder named `{}`", sanitize::line(wanted))).into());
            }
            found
        }
    };
    let words: Vec<String> = search.unwrap_or_default().split_whitespace().map(str::to_lowercase).collect();
    let mut found: Vec<Contact> = Vec::new();
    for f in &picked {
        found.extend(cache.contacts(&f.id)?.into_iter().filter(|c| matches(c, &words)));
    }
    found.sort_by_key(|c| c.shown_name().to_lowercase());
    found.truncate(limit.unwrap_or(usize::MAX));
    if out.json() {
        for contact in &found {
            out.json_line(contact)?;
        }
        return Ok(());
    }
    super::contacts_cmd::print_contacts(&found, out)
}

/// Every word in the name, an address or the company (any case).
fn matches(contact: &Contact, words: &[String]) -> bool {
    let mut text = contact.name.to_lowercase();
    for mailbox in &contact.emails {
        text.push(' ');
        text.push_str(&format!("{} {}", mailbox.name, mailbox.address).to_lowercase());
    }
    if let Some(company) = &contact.company {
        text.push(' ');
        text.push_str(&company.to_lowercase());
    }
    words.iter().all(|w| text.contains(w.as_str()))
}

/// `o365 calendar agenda --cached`: the default calendar's cached events starting in the window
/// (the cache keeps 30 days back and 90 ahead of its last sync).
pub fn agenda(
    session: &Session,
    out: &mut Output,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    ids: bool,
    limit: Option<usize>,
) -> anyhow::Result<()> {
    let cache = open(session)?;
    if cache.synced_at(&links::calendar_view())?.is_none() && cache.calendars()?.is_empty() {
        return Err(not_synced("calendar events"));
    }
    let name = cache.calendars()?.into_iter().find(|c| c.is_default).map_or_else(|| "Calendar".to_owned(), |c| c.name);
    let mut events: Vec<(String, Event)> = cache
        .events()?
        .into_iter()
        .filter(|e| e.time.as_ref().is_some_and(|t| t.overlaps(start, end)))
        .map(|e| (name.clone(), e))
        .collect();
    events.truncate(limit.unwrap_or(usize::MAX));
    if out.json() {
        for (_, event) in &events {
            out.json_line(event)?;
        }
        return Ok(());
    }
    super::calendar_cmd::print_agenda(session, out, &events, false, ids)
}

/// `o365 drive ls --cached`: a folder of the cached drive (the own one, or `--drive`) by path
/// from its root or by id; a path naming a file shows that file.
pub fn drive_ls(
    session: &Session,
    out: &mut Output,
    path: Option<&str>,
    drive_id: Option<&str>,
    item_id: Option<&str>,
    limit: Option<usize>,
) -> anyhow::Result<()> {
    if drive_id.is_none() && !matches!(session.default_drive(), DriveTarget::Default) {
        return Err(UsageError(
            "--cached lists your own drive, or the drive --drive names (the account's `drive` is found online)".into(),
        )
        .into());
    }
    let cache = open(session)?;
    let key = listings::drive_key(drive_id);
    let Some(root) = cache.drive_root(key)? else { return Err(not_synced("items of that drive")) };
    let mut items = match item_id {
        Some(id) => cache.drive_children(id)?,
        None => {
            let path = super::drive_cmd::location::clean(path.unwrap_or("/"))?;
            match walk(&cache, &root, &path)? {
                Some(item) if !item.is_folder() => vec![item],
                Some(folder) => cache.drive_children(&folder.id)?,
                None if path.is_empty() => cache.drive_children(&root)?,
                None => {
                    let shown = sanitize::line(&path);
                    return Err(UsageError(format!("the local cache holds no `{shown}` in that drive")).into());
                }
            }
        }
    };
    items.truncate(limit.unwrap_or(usize::MAX));
    if out.json() {
        for item in &items {
            out.json_line(item)?;
        }
        return Ok(());
    }
    super::drive_cmd::print_item_table(session, out, &items)
}

/// The cached item at `path` (names in any case) under the folder `root`; `None` for the root
/// itself or a path the cache does not hold.
fn walk(cache: &Cache, root: &str, path: &str) -> anyhow::Result<Option<DriveItem>> {
    let mut found: Option<DriveItem> = None;
    let mut parent = root.to_owned();
    for name in path.split('/').filter(|s| !s.is_empty()) {
        let Some(child) = cache.drive_children(&parent)?.into_iter().find(|i| i.name.eq_ignore_ascii_case(name)) else {
            return Ok(None);
        };
        parent = child.id.clone();
        found = Some(child);
    }
    Ok(found)
}
