//! OneDrive: drives, drive items and their facets, upload sessions, sharing links, copy
//! monitors (graph-facts §3.5, §4.5, §4.6).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::common::IdentitySet;
use super::lenient;

/// `quota {total, used, remaining, deleted, state}` in bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Quota {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub used: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// `drive`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Drive {
    #[serde(deserialize_with = "lenient::null_default", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `personal`, `business` or `documentLibrary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drive_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<IdentitySet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota: Option<Quota>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
}

/// `itemReference`: where an item lives. `path` is absent in delta responses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ItemReference {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drive_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drive_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Hashes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quick_xor_hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha1_hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256_hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crc32_hash: Option<String>,
}

/// `file {mimeType, hashes}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FileFacet {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hashes: Option<Hashes>,
}

/// `folder {childCount}`; sent as `{}` when creating a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FolderFacet {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_count: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ImageFacet {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PhotoFacet {
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub taken_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub camera_make: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub camera_model: Option<String>,
}

/// `root {}`: marks the drive's root item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootFacet {}

/// `deleted {state?}`: a delta item that was removed (graph-facts §2.8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeletedFacet {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// `specialFolder {name}` (`documents`, `photos`, `cameraroll`, `approot`, `music`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SpecialFolderFacet {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PackageFacet {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// `shared {scope, owner, sharedDateTime}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SharedFacet {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<IdentitySet>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub shared_date_time: Option<DateTime<Utc>>,
}

/// `fileSystemInfo`: times as the client that wrote the file set them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FileSystemInfo {
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
}

/// `remoteItem`: an item that lives in another drive (shared with me).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RemoteItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_reference: Option<ItemReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<FileFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<FolderFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<IdentitySet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<IdentitySet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
    /// Who shared it and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<SharedFacet>,
}

/// `driveItem`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DriveItem {
    #[serde(deserialize_with = "lenient::null_default", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub e_tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub c_tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<IdentitySet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<IdentitySet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_reference: Option<ItemReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_dav_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<FileFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<FolderFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<PhotoFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root: Option<RootFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted: Option<DeletedFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special_folder: Option<SpecialFolderFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<PackageFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_item: Option<RemoteItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<SharedFacet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_system_info: Option<FileSystemInfo>,
    /// Short-lived (~1 h), pre-authenticated; never cache (graph-facts §3.5).
    #[serde(rename = "@microsoft.graph.downloadUrl", skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
    /// Only with `$expand=children`.
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<DriveItem>,
}

/// The answer to `createUploadSession` and to each upload fragment (`202`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UploadSession {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload_url: Option<String>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub expiration_date_time: Option<DateTime<Utc>>,
    /// Ranges such as `"26-"` or `"12345-55232"`.
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub next_expected_ranges: Vec<String>,
}

/// `sharingLink {type, scope, webUrl}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SharingLink {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prevents_download: Option<bool>,
}

/// `permission` as `createLink` answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Permission {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::vec", skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<SharingLink>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_password: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_date_time: Option<String>,
    /// Whom a direct permission (the owner's) is granted to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granted_to_v2: Option<IdentitySet>,
}

impl Permission {
    /// Who the permission lets in, in words: a link's audience, else the person or app it is
    /// granted to (remote text: sanitise before showing it).
    pub fn audience(&self) -> String {
        match (&self.link, &self.granted_to_v2) {
            (Some(link), _) => match link.scope.as_deref() {
                Some("anonymous") => "anyone with the link".to_owned(),
                Some("organization") => "people in your organisation".to_owned(),
                Some(other) => other.to_owned(),
                None => String::new(),
            },
            (None, Some(identity)) => identity
                .user
                .as_ref()
                .or(identity.application.as_ref())
                .and_then(|i| i.display_name.clone())
                .unwrap_or_default(),
            (None, None) => String::new(),
        }
    }
}

/// The copy monitor's answer: `{"status":"inProgress","percentageComplete":27.8}` … `resourceId`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AsyncOperationStatus {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percentage_complete: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
}

/// `driveItemVersion`: one version of a file (`id` such as `"3.0"`; the current one first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DriveItemVersion {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    #[serde(with = "lenient::utc", skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<IdentitySet>,
}
