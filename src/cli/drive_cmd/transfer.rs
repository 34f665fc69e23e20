//! `o365 drive get` and `o365 drive put`: files and whole folders between the disk and a drive,
//! with progress on stderr. Names from the service become safe local names inside the chosen
//! folder (`safe_file_name`: no separators, no `..`, no escapes), and nothing local is
//! overwritten unless asked.
use std::path::{Path, PathBuf};

use anyhow::Context;
use o365_graph::drive::download::{Existing, download_to_file, open_stream};
use o365_graph::drive::folders::{FolderEvent, download_folder, upload_folder};
use o365_graph::drive::location::DriveRoot;
use o365_graph::drive::organise::{ensure_folder, get_item};
use o365_graph::drive::upload::{Conflict, DEFAULT_FRAGMENT, UploadOptions, upload_file};
use o365_graph::dto::DriveItem;
use o365_graph::mail::filenames::safe_file_name;
use tokio::io::AsyncWriteExt;

use super::location::{Destination, clean, destination, drive_for};
use super::progress::Progress;
use crate::cli::args::{ConflictArg, LocationArgs};
use crate::cli::failure::UsageError;
use crate::cli::output::Output;
use crate::cli::session::Session;

fn name_of(item: &DriveItem) -> String {
    item.name.clone().unwrap_or_else(|| item.id.clone())
}

/// `drive get REMOTE [LOCAL|-] [--overwrite]`.
pub async fn get(
    session: &Session,
    remote: &str,
    local: Option<&str>,
    overwrite: bool,
    location: &LocationArgs,
) -> anyhow::Result<()> {
    let drive = drive_for(session, location).await?;
    let client = &session.client;
    let item = get_item(client, &drive, &clean(remote)?).await?;
    if local == Some("-") {
        if item.folder.is_some() {
            return Err(UsageError(format!("`{remote}` is a folder: it cannot go to standard output")).into());
        }
        return to_stdout(session, &drive, &item).await;
    }
    let safe = safe_file_name(&name_of(&item));
    let target = match local {
        None => PathBuf::from(&safe),
        Some(path) if path.ends_with('/') || Path::new(path).is_dir() => Path::new(path).join(&safe),
        Some(path) => PathBuf::from(path),
    };
    let existing = if overwrite { Existing::Overwrite } else { Existing::Keep };
    if item.folder.is_some() {
        return get_folder(session, &drive, &item, &target, existing).await;
    }
    // `~/Downloads/new/` names a folder: made when missing, as `mail attachments --save` does.
    if let Some(folder) = local.filter(|path| path.ends_with('/')) {
        std::fs::create_dir_all(folder).with_context(|| format!("creating {folder}"))?;
    }
    get_file(session, &drive, &item, &target, existing).await
}

async fn get_file(
    session: &Session,
    drive: &DriveRoot,
    item: &DriveItem,
    target: &Path,
    existing: Existing,
) -> anyhow::Result<()> {
    let size = item.size.unwrap_or(0).max(0) as u64;
    let mut progress = Progress::new("downloaded", &name_of(item), size);
    download_to_file(&session.client, drive, item, target, existing, &mut |done, _| progress.update(done))
        .await
        .with_context(|| format!("downloading `{}`", name_of(item)))?;
    progress.finish();
    Ok(())
}

/// A folder and everything below it, each name made safe, into `target` (created if missing):
/// a progress bar (or summary line) per file.
async fn get_folder(
    session: &Session,
    drive: &DriveRoot,
    folder: &DriveItem,
    target: &Path,
    existing: Existing,
) -> anyhow::Result<()> {
    let mut bars = Bars::new("downloaded");
    download_folder(&session.client, drive, folder, target, existing, &mut |event| bars.hear(event, None)).await?;
    Ok(())
}

/// One `Progress` per file of a folder transfer.
struct Bars {
    verb: &'static str,
    current: Option<Progress>,
}

impl Bars {
    fn new(verb: &'static str) -> Self {
        Bars { verb, current: None }
    }

    /// An event; with `out`, each uploaded item as a JSON line.
    fn hear(&mut self, event: FolderEvent<'_>, out: Option<&mut Output>) {
        match event {
            FolderEvent::Planned { .. } => {}
            FolderEvent::FileStarted { name, size } => self.current = Some(Progress::new(self.verb, name, size)),
            FolderEvent::FileProgress { done, .. } => {
                if let Some(bar) = &mut self.current {
                    bar.update(done);
                }
            }
            FolderEvent::FileDone { item } => {
                if let Some(mut bar) = self.current.take() {
                    bar.finish();
                }
                if let (Some(out), Some(item)) = (out.filter(|out| out.json()), item) {
                    // Standard output gone (a closed pipe): the upload itself goes on.
                    let _ = out.json_line(item);
                }
            }
        }
    }
}

async fn to_stdout(session: &Session, drive: &DriveRoot, item: &DriveItem) -> anyhow::Result<()> {
    let mut response = open_stream(&session.client, drive, item).await?;
    let mut out = tokio::io::stdout();
    while let Some(chunk) = response.chunk().await.context("reading the download")? {
        out.write_all(&chunk).await?;
    }
    out.flush().await?;
    Ok(())
}

/// `drive put LOCAL... [REMOTE_DIR_OR_PATH] [--conflict ...] [-r]`.
pub async fn put(
    session: &Session,
    out: &mut Output,
    paths: &[String],
    conflict: ConflictArg,
    recursive: bool,
    fragment_size: Option<u64>,
    location: &LocationArgs,
) -> anyhow::Result<()> {
    let (locals, remote) = match paths {
        [one] => (std::slice::from_ref(one), "/"),
        [locals @ .., remote] => (locals, remote.as_str()),
        [] => return Err(UsageError("nothing to upload".into()).into()),
    };
    for local in locals {
        let meta = std::fs::metadata(local).with_context(|| local.clone())?;
        if meta.is_dir() && !recursive {
            return Err(UsageError(format!("{local} is a folder: -r uploads it with everything in it")).into());
        }
    }
    let drive = drive_for(session, location).await?;
    let client = &session.client;
    let options = UploadOptions {
        conflict: match conflict {
            ConflictArg::Fail => Conflict::Fail,
            ConflictArg::Replace => Conflict::Replace,
            ConflictArg::Rename => Conflict::Rename,
        },
        fragment_size: fragment_size.unwrap_or(DEFAULT_FRAGMENT),
        state_dir: Some(session.data_dir().join("uploads")),
    };
    let into = match destination(client, &drive, remote).await? {
        Destination::Into(folder) => (folder, None),
        Destination::As { folder, name } => {
            if locals.len() > 1 {
                return Err(UsageError(format!("`{remote}` is not a folder: several files need one")).into());
            }
            (folder, Some(name))
        }
    };
    for local in locals {
        let path = Path::new(local);
        let name = match &into.1 {
            Some(name) => name.clone(),
            None => local_name(path)?,
        };
        if path.is_dir() {
            let folder = ensure_folder(client, &drive, &into.0.id, &name).await?;
            put_folder(session, out, &drive, path, &folder, &options).await?;
        } else {
            put_file(session, out, &drive, path, &into.0.id, &name, &options).await?;
        }
    }
    Ok(())
}

fn local_name(path: &Path) -> anyhow::Result<String> {
    let name = path.file_name().and_then(|n| n.to_str()).filter(|n| !n.is_empty());
    name.map(str::to_owned).ok_or_else(|| anyhow::anyhow!("{}: no usable file name", path.display()))
}

async fn put_file(
    session: &Session,
    out: &mut Output,
    drive: &DriveRoot,
    local: &Path,
    parent_id: &str,
    name: &str,
    options: &UploadOptions,
) -> anyhow::Result<()> {
    let size = std::fs::metadata(local).map(|m| m.len()).unwrap_or(0);
    let mut progress = Progress::new("uploaded", name, size);
    let item =
        upload_file(&session.client, drive, parent_id, name, local, options, &mut |done, _| progress.update(done))
            .await
            .with_context(|| format!("uploading {}", local.display()))?;
    progress.finish();
    if out.json() {
        out.json_line(&item)?;
    }
    Ok(())
}

/// A local folder's files and folders, in name order, below `folder`.
async fn put_folder(
    session: &Session,
    out: &mut Output,
    drive: &DriveRoot,
    local: &Path,
    folder: &DriveItem,
    options: &UploadOptions,
) -> anyhow::Result<()> {
    let mut bars = Bars::new("uploaded");
    upload_folder(&session.client, drive, local, folder, options, &mut |event| bars.hear(event, Some(&mut *out)))
        .await?;
    Ok(())
}
