//! Downloading a file to disk (graph-facts §3.5): the bytes come from the item's
//! pre-authenticated `@microsoft.graph.downloadUrl` (or the 302 of `/content`) through an HTTP
//! client that never carries the token, are streamed into `NAME.part` beside the target, and
//! the part is renamed only once its size and hash (`quickXorHash`, else `sha256Hash`) match
//! the item. A cut stream, or a part left by an earlier run, resumes with `Range` from the bytes
//! already on disk. Memory stays flat: a short queue of chunks, written and hashed on a thread of
//! its own.
use std::path::{Path, PathBuf};

use base64::Engine;
use o365_quickxorhash::QuickXorHash;
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;
use url::Url;

use super::location::DriveRoot;
use crate::client::{GraphClient, redact_query};
use crate::dto::DriveItem;
use crate::error::{ApiError, GraphError, GraphResult};
use crate::transport::{build_http, transport_error};

/// Bytes gathered before each write to the part file.
const WRITE_BUFFER: usize = 1024 * 1024;
/// Batches of chunks read from the connection and not yet written (each about a megabyte).
const WRITE_QUEUE: usize = 4;

/// What to do when the target file exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Existing {
    /// Refuse (the default: a local file is never overwritten silently).
    #[default]
    Keep,
    Overwrite,
}

/// `NAME.part` beside `target`.
pub fn part_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".part");
    target.with_file_name(name)
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> GraphError {
    GraphError::Refused(format!("{what} {}: {e}", path.display()))
}

/// The item's `@microsoft.graph.downloadUrl`, else where the 302 of its `/content` points.
async fn download_url(client: &GraphClient, drive: &DriveRoot, item: &DriveItem) -> GraphResult<Url> {
    match &item.download_url {
        Some(url) => {
            Url::parse(url).map_err(|e| GraphError::Decode { url: "downloadUrl".into(), reason: e.to_string() })
        }
        None => client.content_url(&format!("{}/content", drive.item(&item.id))).await,
    }
}

/// The one hash `check` compares, fed as the bytes arrive: `quickXorHash` when the item gives
/// it, else `sha256Hash`, else none (computing a hash nobody compares would only cost time: on a
/// large file each is seconds of CPU).
struct Hashing {
    xor: Option<QuickXorHash>,
    sha256: Option<Sha256>,
}

impl Hashing {
    /// Computes nothing (a placeholder while the hashes are on the writing thread).
    fn none() -> Self {
        Hashing { xor: None, sha256: None }
    }

    fn for_item(item: &DriveItem) -> Self {
        let hashes = item.file.as_ref().and_then(|f| f.hashes.as_ref());
        let xor = hashes.is_some_and(|h| h.quick_xor_hash.is_some());
        let sha256 = !xor && hashes.is_some_and(|h| h.sha256_hash.is_some());
        Hashing { xor: xor.then(QuickXorHash::default), sha256: sha256.then(Sha256::new) }
    }

    fn update(&mut self, bytes: &[u8]) {
        if let Some(xor) = &mut self.xor {
            xor.update(bytes);
        }
        if let Some(sha256) = &mut self.sha256 {
            sha256.update(bytes);
        }
    }

    /// Whether the bytes match what the item says (a hash the item does not give is not checked).
    fn check(self, item: &DriveItem, name: &str) -> GraphResult<()> {
        let hashes = item.file.as_ref().and_then(|f| f.hashes.as_ref());
        let mismatch = |which: &str| {
            GraphError::Refused(format!("`{name}` arrived damaged: its {which} does not match the service's"))
        };
        if let (Some(xor), Some(expected)) = (self.xor, hashes.and_then(|h| h.quick_xor_hash.as_deref())) {
            let got = base64::engine::general_purpose::STANDARD.encode(xor.finish());
            if got != expected {
                return Err(mismatch("quickXorHash"));
            }
        } else if let (Some(sha256), Some(expected)) = (self.sha256, hashes.and_then(|h| h.sha256_hash.as_deref())) {
            let got: String = sha256.finalize().iter().map(|b| format!("{b:02X}")).collect();
            if !got.eq_ignore_ascii_case(expected) {
                return Err(mismatch("sha256Hash"));
            }
        }
        Ok(())
    }
}

/// Downloads `item` (a file of `drive`) to `target`; `progress` hears (bytes on disk, size).
/// Returns the number of bytes written.
pub async fn download_to_file(
    client: &GraphClient,
    drive: &DriveRoot,
    item: &DriveItem,
    target: &Path,
    existing: Existing,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> GraphResult<u64> {
    let name = item.name.clone().unwrap_or_else(|| item.id.clone());
    if item.file.is_none() {
        return Err(GraphError::Refused(format!("`{name}` is a folder, not a file")));
    }
    if existing == Existing::Keep && tokio::fs::symlink_metadata(target).await.is_ok() {
        return Err(GraphError::Refused(format!("{} exists (not overwritten)", target.display())));
    }
    let size = item.size.unwrap_or(0).max(0) as u64;
    let part = part_path(target);
    let url = download_url(client, drive, item).await?;
    // Its own HTTP client: the URL is pre-authenticated and must never get the token.
    let http = build_http(client.options(), &url)?;
    let mut hashing = Hashing::for_item(item);
    let mut have = resume_point(&part, size, &mut hashing).await?;
    progress(have, size);
    let attempts = client.options().retry.retries + 3;
    let mut failures = 0;
    let mut fetched = false;
    // An empty file still needs one GET (it creates the part).
    while have < size || (size == 0 && !fetched) {
        match fetch(&http, &url, &part, have, &mut hashing, size, progress).await {
            Ok(now) => {
                // An answer that ends early without an error still must not loop for ever.
                if now == have && now < size {
                    failures += 1;
                    if failures > attempts {
                        return Err(GraphError::Refused(format!("`{name}` stops at byte {now} of {size}")));
                    }
                }
                have = now;
                fetched = true;
            }
            Err(Fetch::Restart) => {
                hashing = Hashing::for_item(item);
                have = 0;
            }
            Err(Fetch::Failed(error)) => {
                failures += 1;
                have = tokio::fs::metadata(&part).await.map(|m| m.len()).unwrap_or(0);
                if failures > attempts {
                    return Err(error);
                }
                tracing::debug!(have, failures, "download cut short: resuming with Range");
                // What is on disk is the truth: hash it again from the file.
                hashing = Hashing::for_item(item);
                have = resume_point(&part, size, &mut hashing).await?;
            }
            Err(Fetch::Fatal(error)) => return Err(error),
        }
    }
    let written = tokio::fs::metadata(&part).await.map_err(|e| io_error("cannot read", &part, e))?.len();
    if written != size {
        let _ = tokio::fs::remove_file(&part).await;
        return Err(GraphError::Refused(format!("`{name}` arrived with {written} bytes, not {size}")));
    }
    if let Err(error) = hashing.check(item, &name) {
        let _ = tokio::fs::remove_file(&part).await;
        return Err(error);
    }
    finish(&part, target, existing).await?;
    Ok(written)
}

/// The item's bytes as a stream (for standard output): from its pre-authenticated URL, without
/// the token, not resumed and not checked (there is nowhere to keep them until they are).
pub async fn open_stream(client: &GraphClient, drive: &DriveRoot, item: &DriveItem) -> GraphResult<reqwest::Response> {
    let url = download_url(client, drive, item).await?;
    let http = build_http(client.options(), &url)?;
    let response = http.get(url).send().await.map_err(transport_error)?;
    if !response.status().is_success() {
        let status = response.status().as_u16();
        let body = response.bytes().await.unwrap_or_default();
        return Err(ApiError::from_body(status, &body, None).into());
    }
    Ok(response)
}

/// Whether the local file at `path` holds `item`'s bytes: the same size and the hash the item
/// gives (an item without a hash never matches: nothing says the bytes are the same). A folder
/// transfer run again counts such a file done instead of refusing it.
pub async fn same_bytes(item: &DriveItem, path: &Path) -> GraphResult<bool> {
    let size = item.size.unwrap_or(0).max(0) as u64;
    match tokio::fs::metadata(path).await {
        Ok(meta) if meta.is_file() && meta.len() == size => {}
        _ => return Ok(false),
    }
    let mut hashing = Hashing::for_item(item);
    if hashing.xor.is_none() && hashing.sha256.is_none() {
        return Ok(false);
    }
    hash_file(path, &mut hashing).await?;
    Ok(hashing.check(item, "").is_ok())
}

async fn hash_file(path: &Path, hashing: &mut Hashing) -> GraphResult<()> {
    let mut file = tokio::fs::File::open(path).await.map_err(|e| io_error("cannot open", path, e))?;
    let mut buffer = vec![0u8; 1024 * 1024];
    loop {
        let n = file.read(&mut buffer).await.map_err(|e| io_error("cannot read", path, e))?;
        if n == 0 {
            return Ok(());
        }
        hashing.update(&buffer[..n]);
    }
}

/// Bytes of an earlier attempt in `part` worth keeping (hashed into `hashing`), or 0 after
/// removing a part that cannot be from this file (longer than it).
async fn resume_point(part: &Path, size: u64, hashing: &mut Hashing) -> GraphResult<u64> {
    let Ok(meta) = tokio::fs::metadata(part).await else { return Ok(0) };
    if meta.len() > size {
        tokio::fs::remove_file(part).await.map_err(|e| io_error("cannot remove", part, e))?;
        return Ok(0);
    }
    hash_file(part, hashing).await?;
    Ok(meta.len())
}

enum Fetch {
    /// The server sent the whole file instead of the range: start the part again.
    Restart,
    /// Cut short or refused for a while: resume from what is on disk.
    Failed(GraphError),
    Fatal(GraphError),
}

/// One GET from byte `from`, appended to `part`; the bytes on disk after it.
async fn fetch(
    http: &reqwest::Client,
    url: &Url,
    part: &Path,
    from: u64,
    hashing: &mut Hashing,
    size: u64,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<u64, Fetch> {
    let mut request = http.get(url.clone());
    if from > 0 {
        request = request.header(reqwest::header::RANGE, format!("bytes={from}-"));
    }
    let mut response = request.send().await.map_err(|e| Fetch::Failed(transport_error(e)))?;
    let status = response.status().as_u16();
    let append = match status {
        206 => true,
        200 if from > 0 => {
            // The range was ignored: what comes is the whole file, so the part starts over.
            let _ = tokio::fs::remove_file(part).await;
            return Err(Fetch::Restart);
        }
        200 => false,
        429 | 500 | 502 | 503 | 504 => {
            let body = response.bytes().await.unwrap_or_default();
            return Err(Fetch::Failed(ApiError::from_body(status, &body, None).into()));
        }
        _ => {
            let body = response.bytes().await.unwrap_or_default();
            let mut error = ApiError::from_body(status, &body, None);
            error.message = format!("{} ({})", error.message, redact_query(url));
            return Err(Fetch::Fatal(error.into()));
        }
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(part)
        .map_err(|e| Fetch::Fatal(io_error("cannot write", part, e)))?;
    // The part is written and hashed on a thread of its own while the next bytes are read from
    // the connection: the chunks go over a short queue as they came (shared, not copied), and
    // are written a megabyte at a time. A tokio file instead copied each megabyte once more and
    // ran one write at a time on a blocking thread while the reading waited on it (issue 8's
    // benchmark: the download at 40% of the raw rate).
    // Chunks go over in batches of about a megabyte: each hand-over wakes the other thread,
    // and one per chunk (a few hundred KiB) cost more system time than the writing.
    let (chunks, mut queued) = tokio::sync::mpsc::channel::<Vec<bytes::Bytes>>(WRITE_QUEUE);
    let mut state = std::mem::replace(hashing, Hashing::none());
    let writer = tokio::task::spawn_blocking(move || {
        let mut out = std::io::BufWriter::with_capacity(WRITE_BUFFER, file);
        let mut written = Ok(());
        while let Some(batch) = queued.blocking_recv() {
            for chunk in &batch {
                let chunk: &[u8] = chunk;
                if written.is_ok() {
                    written = std::io::Write::write_all(&mut out, chunk);
                    state.update(chunk);
                }
            }
        }
        (state, written.and_then(|()| std::io::Write::flush(&mut out)))
    });
    let mut have = from;
    let mut cut = None;
    let mut batch = Vec::new();
    let mut batched = 0;
    loop {
        let next = response.chunk().await;
        let end = !matches!(next, Ok(Some(_)));
        match next {
            Ok(Some(chunk)) => {
                have += chunk.len() as u64;
                batched += chunk.len();
                batch.push(chunk);
            }
            Ok(None) => {}
            Err(e) => cut = Some(transport_error(e)),
        }
        if (end || batched >= WRITE_BUFFER) && !batch.is_empty() {
            batched = 0;
            // The writer stopped (a failed write): its error is what to report.
            if chunks.send(std::mem::take(&mut batch)).await.is_err() {
                break;
            }
            progress(have, size);
        }
        if end {
            break;
        }
    }
    drop(chunks);
    let (state, written) = writer
        .await
        .map_err(|e| Fetch::Fatal(GraphError::Refused(format!("writing {} stopped: {e}", part.display()))))?;
    *hashing = state;
    written.map_err(|e| Fetch::Fatal(io_error("cannot write", part, e)))?;
    match cut {
        // What was written stays: the next attempt resumes after it.
        Some(error) => Err(Fetch::Failed(error)),
        None => Ok(have),
    }
}

/// Puts the finished part in place: never over an existing file unless asked (a hard link
/// fails when the name is taken, so a file created meanwhile is not lost either).
async fn finish(part: &Path, target: &Path, existing: Existing) -> GraphResult<()> {
    match existing {
        Existing::Overwrite => tokio::fs::rename(part, target).await.map_err(|e| io_error("cannot create", target, e)),
        Existing::Keep => {
            tokio::fs::hard_link(part, target).await.map_err(|e| io_error("cannot create", target, e))?;
            tokio::fs::remove_file(part).await.map_err(|e| io_error("cannot remove", part, e))
        }
    }
}
