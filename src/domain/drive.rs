//! OneDrive items as the app sees them (graph-facts §3.5).
use chrono::{DateTime, Utc};
use serde::Serialize;

use o365_graph::dto;

/// What the app says when sharedWithMe gives nothing: Microsoft retired it (graph-facts §3.5b).
pub const SHARED_RETIRED_NOTE: &str = "Nothing shared with you, or your tenant no longer returns shared items \
     (Microsoft retired sharedWithMe in November 2026); shared files stay reachable through their SharePoint site.";

/// What a drive item is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub enum DriveItemKind {
    File {
        mime: Option<String>,
        size: u64,
    },
    Folder {
        child_count: u64,
    },
    /// Neither facet (a package such as a OneNote notebook, or trimmed by `$select`).
    #[default]
    Other,
}

/// A file or folder (`Default`: an item the app makes itself, such as a folder shown before the
/// service has made it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct DriveItem {
    pub id: String,
    /// As sent by the server: never join it to a local path unsanitised.
    pub name: String,
    pub kind: DriveItemKind,
    pub size: u64,
    pub modified: Option<DateTime<Utc>>,
    pub modified_by: Option<String>,
    pub drive_id: Option<String>,
    pub parent_id: Option<String>,
    /// The parent folder's path below the root (`/Finance`, `/` for the root's children);
    /// `None` when Graph did not say (delta answers).
    pub parent_path: Option<String>,
    pub web_url: Option<String>,
    /// Short-lived; fetch again rather than cache.
    pub download_url: Option<String>,
    pub is_root: bool,
    pub is_deleted: bool,
    pub special_folder: Option<String>,
    pub e_tag: Option<String>,
}

impl DriveItem {
    pub fn is_folder(&self) -> bool {
        matches!(self.kind, DriveItemKind::Folder { .. })
    }

    /// The item's own path below the root (`/Finance/Budget Q2.xlsx`), when the parent's is known.
    pub fn path(&self) -> Option<String> {
        if self.is_root {
            return Some("/".to_owned());
        }
        let parent = self.parent_path.as_deref()?;
        Some(format!("{}/{}", parent.trim_end_matches('/'), self.name))
    }
}

/// `/drive/root:/Finance` → `/Finance`; `/drive/root:` → `/`. Paths of other drives keep what
/// follows the `root:` marker.
fn path_below_root(path: &str) -> String {
    let below = path.split_once("root:").map_or(path, |(_, rest)| rest);
    if below.is_empty() { "/".to_owned() } else { below.to_owned() }
}

fn non_negative(value: Option<i64>) -> u64 {
    value.and_then(|value| u64::try_from(value).ok()).unwrap_or(0)
}

impl From<&dto::DriveItem> for DriveItem {
    fn from(value: &dto::DriveItem) -> Self {
        let size = non_negative(value.size);
        let kind = if let Some(folder) = &value.folder {
            DriveItemKind::Folder { child_count: non_negative(folder.child_count) }
        } else if let Some(file) = &value.file {
            DriveItemKind::File { mime: file.mime_type.clone(), size }
        } else {
            DriveItemKind::Other
        };
        let parent = value.parent_reference.as_ref();
        DriveItem {
            id: value.id.clone(),
            name: value.name.clone().unwrap_or_default(),
            kind,
            size,
            modified: value
                .last_modified_date_time
                .or_else(|| value.file_system_info.as_ref().and_then(|info| info.last_modified_date_time)),
            modified_by: value
                .last_modified_by
                .as_ref()
                .and_then(|by| by.user.as_ref().or(by.application.as_ref()))
                .and_then(|identity| identity.display_name.clone()),
            drive_id: parent.and_then(|parent| parent.drive_id.clone()),
            parent_id: parent.and_then(|parent| parent.id.clone()),
            parent_path: parent.and_then(|parent| parent.path.as_deref()).map(path_below_root),
            web_url: value.web_url.clone(),
            download_url: value.download_url.clone(),
            is_root: value.root.is_some(),
            is_deleted: value.deleted.is_some(),
            special_folder: value.special_folder.as_ref().and_then(|special| special.name.clone()),
            e_tag: value.e_tag.clone(),
        }
    }
}
