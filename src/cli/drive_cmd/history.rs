//! `o365 drive versions`, `restore`, `search` and `recent`.
use anyhow::Context;
use o365_graph::drive::history::{list_versions, recent as recent_files, restore_version, search as search_drive};
use o365_graph::drive::organise::get_item;

use super::location::{clean, drive_for};
use super::print_items;
use crate::cli::args::LocationArgs;
use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::cli::table::Table;
use crate::domain::time_zones::format_in_zone;
use crate::human::human_size;

/// `drive versions PATH`: Version / Size / Modified / By.
pub async fn versions(session: &Session, out: &mut Output, path: &str, location: &LocationArgs) -> anyhow::Result<()> {
    let drive = drive_for(session, location).await?;
    let item = get_item(&session.client, &drive, &clean(path)?).await?;
    let versions = list_versions(&session.client, &drive, &item.id).await.with_context(|| format!("`{path}`"))?;
    if out.json() {
        for version in &versions {
            out.json_line(version)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Version", "Size", "Modified", "By"]);
    for (n, v) in versions.iter().enumerate() {
        let label = if n == 0 { format!("{} (current)", v.id) } else { v.id.clone() };
        let when =
            v.last_modified_date_time.map(|t| format_in_zone(&t, &session.zone, "%Y-%m-%d %H:%M")).unwrap_or_default();
        let by = v.last_modified_by.as_ref().and_then(|b| b.user.as_ref()).and_then(|u| u.display_name.clone());
        table.row([label, human_size(v.size.unwrap_or(0).max(0) as u64), when, by.unwrap_or_default()]);
    }
    out.table(&table)
}

/// `drive restore PATH VERSION`.
pub async fn restore(session: &Session, path: &str, version: &str, location: &LocationArgs) -> anyhow::Result<()> {
    let drive = drive_for(session, location).await?;
    let item = get_item(&session.client, &drive, &clean(path)?).await?;
    restore_version(&session.client, &drive, &item.id, version)
        .await
        .with_context(|| format!("restoring version {version} of `{path}`"))
}

/// `drive search QUERY`.
pub async fn search(
    session: &Session,
    out: &mut Output,
    query: &str,
    limit: Option<usize>,
    location: &LocationArgs,
) -> anyhow::Result<()> {
    let drive = drive_for(session, location).await?;
    let items = search_drive(&session.client, &drive, query, limit).await.context("searching the drive")?;
    print_items(session, out, &items)
}

/// `drive recent`.
pub async fn recent(session: &Session, out: &mut Output, limit: Option<usize>) -> anyhow::Result<()> {
    let items = recent_files(&session.client, limit).await.context("your recent files")?;
    print_items(session, out, &items)
}
