//! `o365 drive ls [PATH] [--drive ID] [--item ID]`: a folder's children (folders first) in the
//! user's OneDrive or any other drive, or the one file a path names; `sites`, `libraries` and
//! `shared` live in `places`, the file commands of issue 8 in `transfer` (get, put),
//! `organise` (mkdir, mv, cp, rm) and `share` (share, perms).
mod history;
pub(super) mod location;
mod organise;
mod places;
mod progress;
mod share;
mod transfer;

use anyhow::Context;

use super::args::DriveCommand;
use super::output::Output;
use super::session::Session;
use super::table::Table;
use crate::domain::time_zones::format_in_zone;
use crate::domain::{DriveItem, DriveItemKind};
use crate::human::human_size;
use o365_graph::drive::{self, shared};
use o365_graph::dto;

pub async fn run(command: &DriveCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    match command {
        DriveCommand::Ls { path, drive, item, limit, cached: true } => {
            super::cached_reads::drive_ls(session, out, path.as_deref(), drive.as_deref(), item.as_deref(), limit.get())
        }
        DriveCommand::Ls { path, drive, item, limit, cached: false } => {
            ls(session, out, path.as_deref(), drive.as_deref(), item.as_deref(), limit.get()).await
        }
        DriveCommand::Sites { search, limit } => places::sites(session, out, search.as_deref(), limit.get()).await,
        DriveCommand::Libraries { site } => places::libraries(session, out, site).await,
        DriveCommand::Shared(limit) => places::shared(session, out, limit.get()).await,
        DriveCommand::Get { remote, local, overwrite, location } => {
            transfer::get(session, remote, local.as_deref(), *overwrite, location).await
        }
        DriveCommand::Put { paths, conflict, recursive, fragment_size, location } => {
            transfer::put(session, out, paths, *conflict, *recursive, *fragment_size, location).await
        }
        DriveCommand::Mkdir { path, parents, location } => {
            organise::mkdir(session, out, path, *parents, location).await
        }
        DriveCommand::Mv { src, dest, location } => organise::mv(session, out, src, dest, location).await,
        DriveCommand::Cp { src, dest, location } => organise::cp(session, out, src, dest, location).await,
        DriveCommand::Rm { paths, permanent, location } => organise::rm(session, paths, *permanent, location).await,
        DriveCommand::Share { path, edit, anyone, expires, password, location } => {
            let args = share::ShareArgs {
                path,
                edit: *edit,
                anyone: *anyone,
                expires: expires.as_deref(),
                password: password.as_deref(),
            };
            share::share(session, out, &args, location).await
        }
        DriveCommand::Perms { path, location } => share::perms(session, out, path, location).await,
        DriveCommand::Versions { path, location } => history::versions(session, out, path, location).await,
        DriveCommand::Restore { path, version, location } => history::restore(session, path, version, location).await,
        DriveCommand::Search { query, limit, location } => {
            history::search(session, out, query, limit.get(), location).await
        }
        DriveCommand::Recent(limit) => history::recent(session, out, limit.get()).await,
    }
}

async fn ls(
    session: &Session,
    out: &mut Output,
    path: Option<&str>,
    drive_id: Option<&str>,
    item_id: Option<&str>,
    limit: Option<usize>,
) -> anyhow::Result<()> {
    let client = &session.client;
    let path = path.unwrap_or("/");
    let items = match (drive_id, item_id) {
        (Some(drive_id), Some(item_id)) => shared::list_drive_children(client, drive_id, Some(item_id), limit)
            .await
            .with_context(|| format!("folder `{item_id}` of drive `{drive_id}`"))?,
        (Some(drive_id), None) => shared::list_drive_children_by_path(client, drive_id, path, limit)
            .await
            .with_context(|| format!("path `{path}` of drive `{drive_id}`"))?,
        (None, _) => {
            let item = drive::get_item_by_path(client, path).await.with_context(|| format!("drive path `{path}`"))?;
            if item.folder.is_some() {
                drive::list_children(client, &item.id, limit).await.context("listing the folder")?
            } else {
                vec![item]
            }
        }
    };
    print_items(session, out, &items)
}

/// Items as JSON lines, or a Name / Size / Modified table.
fn print_items(session: &Session, out: &mut Output, items: &[dto::DriveItem]) -> anyhow::Result<()> {
    if out.json() {
        for item in items {
            out.json_line(item)?;
        }
        return Ok(());
    }
    print_item_table(session, out, &items.iter().map(DriveItem::from).collect::<Vec<_>>())
}

/// Items as a Name / Size / Modified table.
pub(super) fn print_item_table(session: &Session, out: &mut Output, items: &[DriveItem]) -> anyhow::Result<()> {
    let mut table = Table::new(&["Name", "Size", "Modified"]).shrink_column(0);
    for item in items.iter().cloned() {
        let (name, size) = match item.kind {
            DriveItemKind::Folder { child_count } => (format!("{}/", item.name), format!("{child_count} items")),
            _ => (item.name.clone(), human_size(item.size)),
        };
        let modified = item.modified.map(|t| format_in_zone(&t, &session.zone, "%Y-%m-%d %H:%M")).unwrap_or_default();
        table.row([name, size, modified]);
    }
    if table.is_empty() {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), b"The folder is empty.\n");
        return Ok(());
    }
    out.table(&table)
}
