//! Uploading a file (graph-facts §3.5): up to 4 MiB in one PUT to `.../content`, larger ones
//! through an upload session whose fragments (a multiple of 320 KiB) are read from disk one
//! at a time, so memory stays flat whatever the size. The session URL is pre-authenticated and
//! gets its own HTTP client without the token. After a failed or dropped fragment the upload
//! goes on from the session's `nextExpectedRanges`; with a state directory the session is also
//! kept on disk (0600), so the same upload run again after a crash resumes instead of starting
//! over (`session_state`).
pub mod session_state;

use std::path::Path;

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use url::Url;

use super::location::DriveRoot;
use crate::client::GraphClient;
use crate::dto::{DriveItem, UploadSession};
use crate::error::{ApiError, GraphError, GraphResult};
use crate::mail::upload::resume::next_expected;
use crate::request::Request;
use crate::transport::{build_http, transport_error};
use session_state::{SavedSession, SessionKey};

/// Largest file sent in one PUT (the limit every OneDrive accepts, graph-facts §3.5).
pub const SIMPLE_UPLOAD_MAX: u64 = 4 * 1024 * 1024;
/// Fragments are a multiple of this (320 KiB).
pub const FRAGMENT_UNIT: u64 = 327_680;
/// The default fragment: 32 units, 10 MiB.
pub const DEFAULT_FRAGMENT: u64 = 32 * FRAGMENT_UNIT;
/// Fragments must stay under 60 MiB.
pub const MAX_FRAGMENT: u64 = 192 * FRAGMENT_UNIT;

/// `@microsoft.graph.conflictBehavior`: what happens when the name is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Conflict {
    #[default]
    Fail,
    Replace,
    Rename,
}

impl Conflict {
    pub fn as_str(self) -> &'static str {
        match self {
            Conflict::Fail => "fail",
            Conflict::Replace => "replace",
            Conflict::Rename => "rename",
        }
    }
}

/// How an upload runs.
#[derive(Debug, Clone)]
pub struct UploadOptions {
    pub conflict: Conflict,
    /// Bytes per fragment of a session, rounded down to a multiple of 320 KiB (at least one).
    pub fragment_size: u64,
    /// Where sessions are kept so a rerun resumes them; `None` keeps nothing.
    pub state_dir: Option<std::path::PathBuf>,
}

impl Default for UploadOptions {
    fn default() -> Self {
        Self { conflict: Conflict::Fail, fragment_size: DEFAULT_FRAGMENT, state_dir: None }
    }
}

/// A fragment size OneDrive takes: a multiple of 320 KiB, at least one unit, under 60 MiB.
pub fn fragment_size(wanted: u64) -> u64 {
    (wanted / FRAGMENT_UNIT).clamp(1, MAX_FRAGMENT / FRAGMENT_UNIT) * FRAGMENT_UNIT
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> GraphError {
    GraphError::Refused(format!("{what} {}: {e}", path.display()))
}

/// The error for a name that is taken when the user asked not to replace it.
fn name_taken(name: &str, existing: Option<&DriveItem>) -> GraphError {
    let what = match existing {
        Some(item) if item.folder.is_some() => "a folder",
        _ => "an item",
    };
    let id = existing.map(|i| format!(" (id {})", i.id)).unwrap_or_default();
    GraphError::Refused(format!(
        "{what} called `{name}` already exists there{id}: nothing was uploaded (--conflict replace or rename)"
    ))
}

/// The child of `parent_id` called `name`, if there is one.
pub async fn child_named(
    client: &GraphClient,
    drive: &DriveRoot,
    parent_id: &str,
    name: &str,
) -> GraphResult<Option<DriveItem>> {
    match client.json::<DriveItem>(Request::get(drive.child(parent_id, name))).await {
        Ok(item) => Ok(Some(item)),
        Err(e) if e.api().is_some_and(|a| a.status == 404) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Uploads the local file `local` as `name` into folder `parent_id` of `drive`; `progress`
/// hears (bytes the service has, size).
pub async fn upload_file(
    client: &GraphClient,
    drive: &DriveRoot,
    parent_id: &str,
    name: &str,
    local: &Path,
    options: &UploadOptions,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> GraphResult<DriveItem> {
    let meta = tokio::fs::metadata(local).await.map_err(|e| io_error("cannot read", local, e))?;
    if !meta.is_file() {
        return Err(GraphError::Refused(format!("{} is not a file", local.display())));
    }
    let size = meta.len();
    if options.conflict == Conflict::Fail
        && let Some(existing) = child_named(client, drive, parent_id, name).await?
    {
        return Err(name_taken(name, Some(&existing)));
    }
    let item = if size <= SIMPLE_UPLOAD_MAX {
        let bytes = tokio::fs::read(local).await.map_err(|e| io_error("cannot read", local, e))?;
        let request = Request::put(format!("{}/content", drive.child(parent_id, name)))
            .with_param("@microsoft.graph.conflictBehavior", options.conflict.as_str())
            .with_bytes(bytes, "application/octet-stream");
        client.json::<DriveItem>(request).await.map_err(|e| conflict_named(e, name))?
    } else {
        let key = SessionKey::new(drive, parent_id, name, local, &meta);
        upload_in_session(client, drive, parent_id, name, local, size, &key, options, progress).await?
    };
    progress(size, size);
    Ok(item)
}

fn conflict_named(error: GraphError, name: &str) -> GraphError {
    match error.api() {
        Some(api) if api.status == 409 => name_taken(name, None),
        _ => error,
    }
}

#[allow(clippy::too_many_arguments)]
async fn upload_in_session(
    client: &GraphClient,
    drive: &DriveRoot,
    parent_id: &str,
    name: &str,
    local: &Path,
    size: u64,
    key: &SessionKey,
    options: &UploadOptions,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> GraphResult<DriveItem> {
    let saved = options.state_dir.as_deref().map(|dir| SavedSession::at(dir, key));
    let mut restarted = false;
    loop {
        // A session an earlier run left, if it is still there; else a new one.
        let resumed = match &saved {
            Some(saved) => resume_saved(client, saved).await,
            None => None,
        };
        let (url, mut offset) = match resumed {
            Some(found) => found,
            None => {
                let url = create_session(client, drive, parent_id, name, options.conflict).await?;
                if let Some(saved) = &saved {
                    saved.store(&url, size)?;
                }
                (url, 0)
            }
        };
        let http = build_http(client.options(), &url)?;
        let fragment = fragment_size(options.fragment_size);
        let mut file = tokio::fs::File::open(local).await.map_err(|e| io_error("cannot read", local, e))?;
        let mut failures = 0;
        let attempts = client.options().retry.retries + 3;
        progress(offset, size);
        let outcome = loop {
            let end = (offset + fragment).min(size);
            let bytes = read_range(&mut file, local, offset, end).await?;
            match put_fragment(&http, &url, bytes, offset, end, size).await {
                Fragment::Next(next) => {
                    failures = 0;
                    offset = next;
                    progress(offset, size);
                }
                Fragment::Done(item) => break Ok(*item),
                Fragment::Lost(error) => break Err(error),
                Fragment::Failed(error) => {
                    failures += 1;
                    if failures > attempts {
                        return Err(error);
                    }
                    // Where the service stands now: the fragment may have landed after all.
                    match session_status(&http, &url).await {
                        Some(next) => offset = next,
                        None => break Err(error),
                    }
                }
                Fragment::Refused(error) => {
                    if let Some(saved) = &saved {
                        saved.forget();
                    }
                    return Err(conflict_named(error, name));
                }
            }
        };
        match outcome {
            Ok(item) => {
                if let Some(saved) = &saved {
                    saved.forget();
                }
                return Ok(item);
            }
            Err(error) => {
                if let Some(saved) = &saved {
                    saved.forget();
                }
                if restarted {
                    return Err(error);
                }
                tracing::debug!(name, "upload session lost: starting a new one");
                restarted = true;
            }
        }
    }
}

/// The saved session's URL and where it goes on, if the service still has it.
async fn resume_saved(client: &GraphClient, saved: &SavedSession) -> Option<(Url, u64)> {
    let url = saved.load()?;
    let http = build_http(client.options(), &url).ok()?;
    match session_status(&http, &url).await {
        Some(next) => {
            tracing::debug!(next, "resuming a saved upload session");
            Some((url, next))
        }
        None => {
            saved.forget();
            None
        }
    }
}

async fn create_session(
    client: &GraphClient,
    drive: &DriveRoot,
    parent_id: &str,
    name: &str,
    conflict: Conflict,
) -> GraphResult<Url> {
    let body = json!({"item": {"@microsoft.graph.conflictBehavior": conflict.as_str()}});
    let request = Request::post(format!("{}/createUploadSession", drive.child(parent_id, name))).with_json(body);
    let session: UploadSession = client.json(request).await.map_err(|e| conflict_named(e, name))?;
    let raw = session.upload_url.unwrap_or_default();
    Url::parse(&raw)
        .map_err(|e| GraphError::Decode { url: "createUploadSession".into(), reason: format!("bad uploadUrl: {e}") })
}

async fn read_range(file: &mut tokio::fs::File, local: &Path, start: u64, end: u64) -> GraphResult<Vec<u8>> {
    let mut bytes = vec![0u8; (end - start) as usize];
    file.seek(std::io::SeekFrom::Start(start)).await.map_err(|e| io_error("cannot read", local, e))?;
    file.read_exact(&mut bytes).await.map_err(|e| io_error("cannot read", local, e))?;
    Ok(bytes)
}

enum Fragment {
    /// Taken: go on from this offset.
    Next(u64),
    Done(Box<DriveItem>),
    /// No answer, or one worth retrying: ask the session where it stands.
    Failed(GraphError),
    /// The session is gone (404): a new one may help, once.
    Lost(GraphError),
    /// Refused for good (a name conflict at commit, a bad request).
    Refused(GraphError),
}

async fn put_fragment(http: &reqwest::Client, url: &Url, bytes: Vec<u8>, start: u64, end: u64, size: u64) -> Fragment {
    let sent = http
        .put(url.clone())
        .header(reqwest::header::CONTENT_RANGE, format!("bytes {start}-{}/{size}", end.saturating_sub(1)))
        .body(bytes)
        .send()
        .await;
    let answer = match sent {
        Ok(answer) => answer,
        Err(e) => return Fragment::Failed(transport_error(e)),
    };
    let status = answer.status().as_u16();
    let body = match answer.bytes().await {
        Ok(body) => body,
        Err(e) => return Fragment::Failed(transport_error(e)),
    };
    match status {
        200 | 201 => match serde_json::from_slice::<DriveItem>(&body) {
            Ok(item) => Fragment::Done(Box::new(item)),
            Err(e) => Fragment::Refused(GraphError::Decode { url: "upload session".into(), reason: e.to_string() }),
        },
        202 => {
            let answer: UploadSession = serde_json::from_slice(&body).unwrap_or_default();
            match next_expected(&answer.next_expected_ranges) {
                Some(next) if next > start => Fragment::Next(next),
                _ => Fragment::Failed(GraphError::Decode {
                    url: "upload session".into(),
                    reason: "no progress in nextExpectedRanges".into(),
                }),
            }
        }
        404 => Fragment::Lost(ApiError::from_body(status, &body, None).into()),
        416 | 429 | 500 | 502 | 503 | 504 => Fragment::Failed(ApiError::from_body(status, &body, None).into()),
        _ => Fragment::Refused(ApiError::from_body(status, &body, None).into()),
    }
}

/// `GET {uploadUrl}`: the first byte the session expects, or `None` if it is gone.
async fn session_status(http: &reqwest::Client, url: &Url) -> Option<u64> {
    let answer = http.get(url.clone()).send().await.ok()?;
    if !answer.status().is_success() {
        return None;
    }
    let status: UploadSession = answer.json().await.ok()?;
    next_expected(&status.next_expected_ranges)
}
