//! `o365 drive mkdir`, `mv`, `cp`, `rm`: folders, renames and moves, copies (waited for), and
//! deletes, in the drive the location flags name. With --json each prints the item it made.
use anyhow::Context;
use o365_graph::drive::location::drive_id;
use o365_graph::drive::organise::{copy_item, create_folder_path, delete_item, get_item, move_item};
use o365_graph::dto::DriveItem;

use super::location::{Destination, clean, destination, drive_for};
use crate::cli::args::LocationArgs;
use crate::cli::output::Output;
use crate::cli::session::Session;

fn print(out: &mut Output, item: &DriveItem) -> anyhow::Result<()> {
    if out.json() {
        out.json_line(item)?;
    }
    Ok(())
}

/// `drive mkdir PATH [-p]`.
pub async fn mkdir(
    session: &Session,
    out: &mut Output,
    path: &str,
    parents: bool,
    location: &LocationArgs,
) -> anyhow::Result<()> {
    let drive = drive_for(session, location).await?;
    let folder = create_folder_path(&session.client, &drive, &clean(path)?, parents)
        .await
        .with_context(|| format!("creating `{path}`"))?;
    print(out, &folder)
}

/// `drive mv SRC DEST`.
pub async fn mv(
    session: &Session,
    out: &mut Output,
    src: &str,
    dest: &str,
    location: &LocationArgs,
) -> anyhow::Result<()> {
    let drive = drive_for(session, location).await?;
    let client = &session.client;
    let item = get_item(client, &drive, &clean(src)?).await?;
    let current_parent = item.parent_reference.as_ref().and_then(|p| p.id.clone()).unwrap_or_default();
    let (parent, name) = match destination(client, &drive, dest).await? {
        Destination::Into(folder) => (folder.id, None),
        Destination::As { folder, name } => (folder.id, Some(name)),
    };
    let new_parent = (parent != current_parent).then_some(parent.as_str());
    let moved = move_item(client, &drive, &item.id, new_parent, name.as_deref())
        .await
        .with_context(|| format!("moving `{src}`"))?;
    print(out, &moved)
}

/// `drive cp SRC DEST`: waits for the service's copy, showing its progress on a terminal.
pub async fn cp(
    session: &Session,
    out: &mut Output,
    src: &str,
    dest: &str,
    location: &LocationArgs,
) -> anyhow::Result<()> {
    let drive = drive_for(session, location).await?;
    let client = &session.client;
    let item = get_item(client, &drive, &clean(src)?).await?;
    let (folder, name) = match destination(client, &drive, dest).await? {
        Destination::Into(folder) => (folder, None),
        Destination::As { folder, name } => (folder, Some(name)),
    };
    let target_drive = match folder.parent_reference.as_ref().and_then(|p| p.drive_id.clone()) {
        Some(id) => id,
        None => drive_id(client, &drive).await?,
    };
    let mut progress = super::progress::Progress::new("copied", item.name.as_deref().unwrap_or(src), 100);
    let id = copy_item(client, &drive, &item.id, &target_drive, &folder.id, name.as_deref(), &mut |percent| {
        progress.update(percent as u64)
    })
    .await
    .with_context(|| format!("copying `{src}`"))?;
    if out.json() {
        let copy: DriveItem = client.json(o365_graph::request::Request::get(drive.item(&id))).await?;
        out.json_line(&copy)?;
    }
    Ok(())
}

/// `drive rm PATH... [--permanent]`: each path in turn; the first failure stops.
pub async fn rm(session: &Session, paths: &[String], permanent: bool, location: &LocationArgs) -> anyhow::Result<()> {
    let drive = drive_for(session, location).await?;
    for path in paths {
        let cleaned = clean(path)?;
        if cleaned.is_empty() {
            anyhow::bail!("the root folder cannot be deleted");
        }
        let item = get_item(&session.client, &drive, &cleaned).await?;
        delete_item(&session.client, &drive, &item.id, permanent)
            .await
            .with_context(|| format!("deleting `{path}`"))?;
    }
    Ok(())
}
