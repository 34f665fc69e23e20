//! Whole folders between the disk and a drive, for `o365 drive get`/`put -r` and the Drive
//! pane alike: every file below a folder, one after the other through `download_to_file` and
//! `upload_file` (so each is streamed, resumed and checked as a single file is). Names from the
//! service become safe local names inside the chosen folder (`safe_file_name`: no separators, no
//! `..`, no escapes); local names go up as they are. What happens is told through `FolderEvent`s:
//! how much there is first (the tree is walked before any byte moves), then each file.
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::download::{Existing, download_to_file, same_bytes};
use super::location::DriveRoot;
use super::organise::{ensure_folder, list_children};
use super::upload::{Conflict, UploadOptions, upload_file};
use crate::client::GraphClient;
use crate::dto::DriveItem;
use crate::error::{GraphError, GraphResult};
use crate::mail::filenames::safe_file_name;

/// What a folder transfer is doing, as it goes.
#[derive(Debug)]
pub enum FolderEvent<'a> {
    /// Before the first byte: how many files and bytes the whole tree holds.
    Planned { files: u64, bytes: u64 },
    /// A file starts (its name as the other side will know it, and its size).
    FileStarted { name: &'a str, size: u64 },
    /// Bytes of the file under way.
    FileProgress { done: u64, size: u64 },
    /// The file is there; an upload gives the item the service made.
    FileDone { item: Option<&'a DriveItem> },
}

/// Hears a folder transfer's events.
pub type FolderEvents<'a> = dyn FnMut(FolderEvent<'_>) + Send + 'a;

fn name_of(item: &DriveItem) -> String {
    item.name.clone().unwrap_or_else(|| item.id.clone())
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> GraphError {
    GraphError::Refused(format!("{what} {}: {e}", path.display()))
}

/// Downloads everything below the remote `folder` into the local folder `target` (created when
/// missing), each name made safe. An existing local file with the item's bytes (size and hash)
/// counts as done, so a folder fetched again picks up where it stopped; a different one is
/// refused unless `existing` says overwrite. Returns the number of files.
pub async fn download_folder(
    client: &GraphClient,
    drive: &DriveRoot,
    folder: &DriveItem,
    target: &Path,
    existing: Existing,
    events: &mut FolderEvents<'_>,
) -> GraphResult<u64> {
    // The whole tree first: its size is known before a byte moves (a progress bar's total).
    let mut files: Vec<(DriveItem, PathBuf)> = Vec::new();
    let mut folders = vec![target.to_path_buf()];
    let mut pending = vec![(folder.id.clone(), target.to_path_buf())];
    while let Some((folder_id, dir)) = pending.pop() {
        for child in list_children(client, drive, &folder_id).await? {
            // One plain name inside `dir`, whatever the service called it.
            let path = dir.join(safe_file_name(&name_of(&child)));
            if child.folder.is_some() {
                folders.push(path.clone());
                pending.push((child.id.clone(), path));
            } else if child.file.is_some() {
                files.push((child, path));
            }
        }
    }
    let bytes = files.iter().map(|(item, _)| item.size.unwrap_or(0).max(0) as u64).sum();
    events(FolderEvent::Planned { files: files.len() as u64, bytes });
    for dir in &folders {
        tokio::fs::create_dir_all(dir).await.map_err(|e| io_error("cannot create", dir, e))?;
    }
    for (item, path) in &files {
        let size = item.size.unwrap_or(0).max(0) as u64;
        let shown = path.strip_prefix(target).unwrap_or(path).display().to_string();
        events(FolderEvent::FileStarted { name: &shown, size });
        // Run again: a file already there with the same bytes is done (a different one is
        // refused unless `existing` says overwrite).
        if existing == Existing::Keep && same_bytes(item, path).await? {
            events(FolderEvent::FileProgress { done: size, size });
            events(FolderEvent::FileDone { item: None });
            continue;
        }
        download_to_file(client, drive, item, path, existing, &mut |done, size| {
            events(FolderEvent::FileProgress { done, size })
        })
        .await
        .map_err(|e| in_file(e, &shown))?;
        events(FolderEvent::FileDone { item: None });
    }
    Ok(files.len() as u64)
}

/// Uploads everything below the local folder `local` into the remote `folder`, in name order,
/// making the folders below it as needed (an existing one is used). Files follow `options`
/// (`conflictBehavior`); with `fail`, a file already there with the same bytes counts as done,
/// so a folder sent again picks up where it stopped. Returns the number of files.
pub async fn upload_folder(
    client: &GraphClient,
    drive: &DriveRoot,
    local: &Path,
    folder: &DriveItem,
    options: &UploadOptions,
    events: &mut FolderEvents<'_>,
) -> GraphResult<u64> {
    let tree = local_tree(local)?;
    let bytes = tree.iter().filter_map(|entry| entry.size).sum();
    let files = tree.iter().filter(|entry| entry.size.is_some()).count() as u64;
    events(FolderEvent::Planned { files, bytes });
    // Remote folders by local path: their id and what they held before (by lower-case name).
    let mut made = HashMap::new();
    made.insert(local.to_path_buf(), (folder.id.clone(), existing_children(client, drive, &folder.id).await?));
    for entry in &tree {
        let parent = entry.path.parent().unwrap_or(local);
        let Some((parent_id, there)) = made.get(parent) else {
            return Err(GraphError::Refused(format!("{}: its folder was not made", entry.path.display())));
        };
        let parent_id = parent_id.clone();
        let twin = there.get(&entry.name.to_lowercase()).cloned();
        let shown = entry.path.strip_prefix(local).unwrap_or(&entry.path).display().to_string();
        match entry.size {
            None => {
                let child =
                    ensure_folder(client, drive, &parent_id, &entry.name).await.map_err(|e| in_file(e, &shown))?;
                let held = match twin {
                    Some(_) => existing_children(client, drive, &child.id).await?,
                    None => HashMap::new(),
                };
                made.insert(entry.path.clone(), (child.id, held));
            }
            Some(size) => {
                events(FolderEvent::FileStarted { name: &shown, size });
                // Run again (after a crash, a cut connection): a file already there with the
                // same bytes is done; a different one meets `conflictBehavior`.
                if options.conflict == Conflict::Fail
                    && let Some(twin) = twin.filter(|t| t.file.is_some())
                    && same_bytes(&twin, &entry.path).await?
                {
                    events(FolderEvent::FileProgress { done: size, size });
                    events(FolderEvent::FileDone { item: Some(&twin) });
                    continue;
                }
                let item =
                    upload_file(client, drive, &parent_id, &entry.name, &entry.path, options, &mut |done, size| {
                        events(FolderEvent::FileProgress { done, size })
                    })
                    .await
                    .map_err(|e| in_file(e, &shown))?;
                events(FolderEvent::FileDone { item: Some(&item) });
            }
        }
    }
    Ok(files)
}

/// A remote folder's children by lower-case name (names compare ignoring case there).
async fn existing_children(
    client: &GraphClient,
    drive: &DriveRoot,
    folder_id: &str,
) -> GraphResult<HashMap<String, DriveItem>> {
    let children = list_children(client, drive, folder_id).await?;
    Ok(children.into_iter().map(|c| (name_of(&c).to_lowercase(), c)).collect())
}

/// An entry below a local folder: a file (with its size) or a folder.
struct LocalEntry {
    path: PathBuf,
    name: String,
    /// `None` for a folder.
    size: Option<u64>,
}

/// Every folder and file below `root`, each folder before what it holds, in name order.
/// A symbolic link to a file uploads the file; one to a folder is not followed (a link to `/`
/// must not upload the disk, nor a link to `..` loop).
fn local_tree(root: &Path) -> GraphResult<Vec<LocalEntry>> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| io_error("cannot read", &dir, e))?
            .collect::<Result<_, _>>()
            .map_err(|e| io_error("cannot read", &dir, e))?;
        entries.sort_by_key(|e| e.file_name());
        let mut below = Vec::new();
        for entry in entries {
            let path = entry.path();
            let name = entry
                .file_name()
                .to_str()
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .ok_or_else(|| GraphError::Refused(format!("{}: no usable file name", path.display())))?;
            let mut kind = entry.file_type().map_err(|e| io_error("cannot read", &path, e))?;
            if kind.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(meta) if meta.is_file() => kind = meta.file_type(),
                    _ => continue,
                }
            }
            if kind.is_dir() {
                out.push(LocalEntry { path: path.clone(), name, size: None });
                below.push(path);
            } else if kind.is_file() {
                let size = std::fs::metadata(&path).map_err(|e| io_error("cannot read", &path, e))?.len();
                out.push(LocalEntry { path, name, size: Some(size) });
            }
        }
        // Popped in name order.
        pending.extend(below.into_iter().rev());
    }
    Ok(out)
}

/// The error with the file it happened to, when it does not say so already.
fn in_file(error: GraphError, name: &str) -> GraphError {
    match error {
        GraphError::Refused(text) if !text.contains(name) => GraphError::Refused(format!("{name}: {text}")),
        other => other,
    }
}
