//! `o365 drive sites [SEARCH]`, `o365 drive libraries SITE` and `o365 drive shared`: where files
//! other than the user's own OneDrive live (graph-facts §3.5b). Each table ends with the ids a
//! script passes to `o365 drive ls --drive ID [--item ID]`.
use anyhow::Context;

use super::super::output::Output;
use super::super::session::Session;
use super::super::table::Table;
use crate::domain::drive::SHARED_RETIRED_NOTE;
use crate::domain::time_zones::format_in_zone;
use crate::human::human_size;
use o365_graph::drive::shared::{self, is_retired_refusal, remote_target};
use o365_graph::sites;

fn note(text: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{text}\n").as_bytes());
}

/// Followed sites without a search (what a person opens most); matching sites with one.
pub async fn sites(
    session: &Session,
    out: &mut Output,
    search: Option<&str>,
    limit: Option<usize>,
) -> anyhow::Result<()> {
    let found = match search {
        Some(query) => sites::search_sites(&session.client, query, limit).await.context("searching sites")?,
        None => sites::followed_sites(&session.client, limit).await.context("listing followed sites")?,
    };
    if out.json() {
        for site in &found {
            out.json_line(site)?;
        }
        return Ok(());
    }
    if found.is_empty() {
        note(match search {
            Some(_) => "No site matches.",
            None => "You follow no sites; `o365 drive sites '*'` lists every site you can see.",
        });
        return Ok(());
    }
    let mut table = Table::new(&["Site", "Web URL", "Id"]).shrink_column(1);
    for site in &found {
        table.row([site.title().to_owned(), site.web_url.clone().unwrap_or_default(), site.id.clone()]);
    }
    out.table(&table)
}

/// The site's libraries with the drive ids `drive ls --drive` takes.
pub async fn libraries(session: &Session, out: &mut Output, site: &str) -> anyhow::Result<()> {
    let found = sites::find_site(&session.client, site).await.with_context(|| format!("site `{site}`"))?;
    let drives = sites::site_drives(&session.client, &found.id).await.context("listing the site's libraries")?;
    if out.json() {
        for drive in &drives {
            out.json_line(drive)?;
        }
        return Ok(());
    }
    if drives.is_empty() {
        note(&format!("{} has no document libraries.", found.title()));
        return Ok(());
    }
    let mut table = Table::new(&["Library", "Web URL", "Drive id"]).shrink_column(1);
    for drive in &drives {
        table.row([
            drive.name.clone().unwrap_or_default(),
            drive.web_url.clone().unwrap_or_default(),
            drive.id.clone(),
        ]);
    }
    out.table(&table)
}

/// Items shared with the user, with the drive and item ids to open each. An empty answer, or
/// the service refusing the retired endpoint, is reported and is not a failure.
pub async fn shared(session: &Session, out: &mut Output, limit: Option<usize>) -> anyhow::Result<()> {
    let items = match shared::shared_with_me(&session.client, limit).await {
        Ok(items) => items,
        Err(error) if is_retired_refusal(&error) => {
            note(&format!("The service refused the shared list ({error})."));
            note(SHARED_RETIRED_NOTE);
            return Ok(());
        }
        Err(error) => return Err(error).context("listing items shared with you"),
    };
    if out.json() {
        for item in &items {
            out.json_line(item)?;
        }
        return Ok(());
    }
    if items.is_empty() {
        note(SHARED_RETIRED_NOTE);
        return Ok(());
    }
    let mut table = Table::new(&["Name", "Size", "Modified", "Shared by", "Drive id", "Item id"]).shrink_column(0);
    for item in &items {
        let remote = item.remote_item.as_ref();
        let folder = item.folder.is_some() || remote.is_some_and(|r| r.folder.is_some());
        let name = item.name.clone().or_else(|| remote.and_then(|r| r.name.clone())).unwrap_or_default();
        let size = item.size.or_else(|| remote.and_then(|r| r.size)).unwrap_or(0).max(0) as u64;
        let modified = item
            .last_modified_date_time
            .or_else(|| remote.and_then(|r| r.last_modified_date_time))
            .map(|t| format_in_zone(&t, &session.zone, "%Y-%m-%d %H:%M"))
            .unwrap_or_default();
        let by = remote
            .and_then(|r| r.shared.as_ref())
            .and_then(|s| s.owner.as_ref())
            .or_else(|| remote.and_then(|r| r.created_by.as_ref()))
            .and_then(|who| who.user.as_ref())
            .and_then(|user| user.display_name.clone())
            .unwrap_or_default();
        let (drive_id, item_id) = remote_target(item).unwrap_or_default();
        let (name, size) = if folder { (format!("{name}/"), String::new()) } else { (name, human_size(size)) };
        table.row([name, size, modified, by, drive_id, item_id]);
    }
    out.table(&table)
}
