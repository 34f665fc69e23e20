//! The Drive pane's transfers, each a task of its own that `CancelTransfer` aborts. Opening a
//! file: the item is fetched (for its size, hash and pre-authenticated URL), downloaded through
//! o365-graph's `download_to_file` (streamed, resumed, checked) into a new private folder inside
//! the session's temporary one (removed when the interface ends) under a safe name, and handed
//! to the opener. Saving: the same into a chosen folder, a number added
//! to a taken name. Uploading: a session above 4 MiB; an existing name is refused, never
//! replaced. Copying: the service copies and its monitor is polled. Progress is reported in
//! steps of a hundredth, so a large file sends about a hundred messages.
use std::path::{Path, PathBuf};
use std::sync::Arc;

use o365_graph::client::GraphClient;
use o365_graph::drive::download::{Existing, download_to_file};
use o365_graph::drive::folders::{FolderEvent, download_folder, upload_folder};
use o365_graph::drive::location::{DriveRoot, drive_id as resolve_drive_id};
use o365_graph::drive::organise::{copy_item, ensure_folder, get_item};
use o365_graph::drive::upload::{UploadOptions, upload_file};
use o365_graph::dto::DriveItem;
use o365_graph::mail::filenames::{candidate, safe_file_name};
use o365_graph::request::Request;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use super::Failures;
use super::opener::Opener;
use super::paths::typed_path;
use super::scratch::Scratch;
use crate::tui::effect::drive::{TransferId, TransferJob};
use crate::tui::msg::drive::{DriveMsg, TransferDone};
use crate::tui::msg::{Failure, Msg, Outcome};

/// Names tried before a save gives up finding a free one.
const MAX_COLLISIONS: u32 = 10_000;

/// Sends a transfer's progress when it has moved on by a hundredth (and at the end).
struct Progress {
    id: TransferId,
    messages: UnboundedSender<Msg>,
    sent: Option<u64>,
}

impl Progress {
    fn report(&mut self, done: u64, total: u64) {
        let step = (total / 100).max(1);
        let due = match self.sent {
            None => true,
            Some(sent) => done >= total || done.saturating_sub(sent) >= step || done < sent,
        };
        if due && self.sent != Some(done) {
            self.sent = Some(done);
            let _ = self.messages.send(Msg::Drive(DriveMsg::TransferProgress { id: self.id, done, total }));
        }
    }
}

/// Starts the transfer; `DriveMsg::TransferEnded` says how it ended (nothing when aborted).
pub fn start(
    client: &GraphClient,
    messages: &UnboundedSender<Msg>,
    opener: &Opener,
    scratch: &Arc<Scratch>,
    id: TransferId,
    job: TransferJob,
) -> JoinHandle<()> {
    let (client, messages, opener, scratch) = (client.clone(), messages.clone(), opener.clone(), scratch.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let mut progress = Progress { id, messages: messages.clone(), sent: None };
        let result = run(&client, &opener, &scratch, job, &failures, &mut progress).await;
        // The loop may have ended; then nobody needs the answer.
        let _ = messages.send(Msg::Drive(DriveMsg::TransferEnded { id, result }));
        failures.announce(&messages);
    })
}

async fn run(
    client: &GraphClient,
    opener: &Opener,
    scratch: &Scratch,
    job: TransferJob,
    failures: &Failures,
    progress: &mut Progress,
) -> Outcome<TransferDone> {
    let report = &mut |done, total| progress.report(done, total);
    match job {
        TransferJob::Open { drive_id, item_id, .. } => {
            let drive = drive_root(client, drive_id.as_deref());
            let item = fetch_item(client, &drive, &item_id, failures).await?;
            let dir = scratch.new_dir().map_err(|e| Failure::local(format!("cannot make a private folder: {e}")))?;
            // The service's name never picks the path: one safe name inside the new folder.
            let path = dir.join(safe_file_name(item.name.as_deref().unwrap_or("download")));
            download_to_file(client, &drive, &item, &path, Existing::Keep, report)
                .await
                .map_err(|e| failures.failure(e))?;
            opener.open_file(&path).map_err(Failure::local)?;
            Ok(TransferDone::Opened(path))
        }
        TransferJob::Save { drive_id, item_id, folder, create, .. } => {
            let dir = typed_path(&folder).map_err(Failure::local)?;
            if create {
                crate::saving::create_folder(&dir).map_err(Failure::local)?;
            }
            let drive = drive_root(client, drive_id.as_deref());
            let item = fetch_item(client, &drive, &item_id, failures).await?;
            let safe = safe_file_name(item.name.as_deref().unwrap_or("download"));
            if item.folder.is_some() {
                // A folder of that name already there is filled (what it holds with the same
                // bytes counts as done, so an attempt after a failure goes on where it stopped;
                // a different file is refused, never replaced).
                let path = dir.join(&safe);
                let mut totals = Totals::default();
                download_folder(client, &drive, &item, &path, Existing::Keep, &mut |event| totals.hear(event, report))
                    .await
                    .map_err(|e| failures.failure(e))?;
                return Ok(TransferDone::Saved(path));
            }
            let path = free_path(&dir, &safe)?;
            download_to_file(client, &drive, &item, &path, Existing::Keep, report)
                .await
                .map_err(|e| failures.failure(e))?;
            Ok(TransferDone::Saved(path))
        }
        TransferJob::Upload { drive_id, folder_id, local } => {
            upload_into(client, drive_id.as_deref(), folder_id.as_deref(), &local, failures, report).await
        }
        TransferJob::Copy { drive_id, item_id, to_folder_id, .. } => {
            let drive = drive_root(client, drive_id.as_deref());
            let into = async {
                let target_drive = resolve_drive_id(client, &drive).await?;
                let folder = match to_folder_id {
                    Some(id) => id,
                    None => get_item(client, &drive, "/").await?.id,
                };
                copy_item(client, &drive, &item_id, &target_drive, &folder, None, &mut |percent: f64| {
                    report(percent.clamp(0.0, 100.0) as u64, 100)
                })
                .await
            };
            let id = into.await.map_err(|e| failures.failure(e))?;
            Ok(TransferDone::Copied(id))
        }
    }
}

async fn fetch_item(client: &GraphClient, drive: &DriveRoot, item_id: &str, failures: &Failures) -> Outcome<DriveItem> {
    client.json(Request::get(drive.item(item_id))).await.map_err(|e| failures.failure(e))
}

/// A folder transfer's bytes as one total: the files finished and the one under way.
#[derive(Default)]
struct Totals {
    total: u64,
    finished: u64,
    current: u64,
}

impl Totals {
    fn hear(&mut self, event: FolderEvent<'_>, report: &mut (dyn FnMut(u64, u64) + Send)) {
        match event {
            FolderEvent::Planned { bytes, .. } => self.total = bytes,
            FolderEvent::FileStarted { size, .. } => self.current = size,
            FolderEvent::FileProgress { done, .. } => report(self.finished + done, self.total),
            FolderEvent::FileDone { .. } => {
                self.finished += self.current;
                report(self.finished, self.total);
            }
        }
    }
}

/// The first of `name`, `name (1)`, … not taken in `dir` (a part left by an earlier try of the
/// same name is resumed, not avoided).
fn free_path(dir: &Path, safe: &str) -> Outcome<PathBuf> {
    if !dir.is_dir() {
        return Err(Failure::local(format!("{} is not a folder", dir.display())));
    }
    (0..MAX_COLLISIONS)
        .map(|n| dir.join(candidate(safe, n)))
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .ok_or_else(|| Failure::local(format!("no free name for {safe} in {}", dir.display())))
}

/// The drive an effect names: by id, else the user's own.
pub(super) fn drive_root(client: &GraphClient, drive_id: Option<&str>) -> DriveRoot {
    match drive_id {
        Some(id) => DriveRoot::by_id(id),
        None => DriveRoot::new(client.resource_path("drive")),
    }
}

async fn upload_into(
    client: &GraphClient,
    drive_id: Option<&str>,
    folder_id: Option<&str>,
    typed: &str,
    failures: &Failures,
    report: &mut (dyn FnMut(u64, u64) + Send),
) -> Outcome<TransferDone> {
    let local = typed_path(typed).map_err(Failure::local)?;
    let name = local
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| Failure::local(format!("{typed}: no usable file name")))?;
    let drive = drive_root(client, drive_id);
    let folder = match folder_id {
        Some(id) => id.to_owned(),
        None => get_item(client, &drive, "/").await.map_err(|e| failures.failure(e))?.id,
    };
    let options = UploadOptions::default();
    if local.is_dir() {
        // The folder is made or, if one of that name is there, filled: files already there
        // with the same bytes count as done (an attempt after a failure goes on where it
        // stopped); a different file of the same name is refused, as for a single file.
        let top = ensure_folder(client, &drive, &folder, &name).await.map_err(|e| failures.failure(e))?;
        let mut totals = Totals::default();
        upload_folder(client, &drive, &local, &top, &options, &mut |event| totals.hear(event, report))
            .await
            .map_err(|e| failures.failure(e))?;
        return Ok(TransferDone::Uploaded(top.id));
    }
    let item =
        upload_file(client, &drive, &folder, &name, &local, &options, report).await.map_err(|e| failures.failure(e))?;
    Ok(TransferDone::Uploaded(item.id))
}
