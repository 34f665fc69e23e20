//! The Drive pane's work orders: transfers (downloads to open or save, uploads, copies), the
//! writes shown before the service answers them (each with an `OpId` its answer carries), a
//! sharing link, versions, permissions (listed, one removed), and the folders the move/copy
//! picker browses.

use super::super::loadable::Generation;

/// Names one transfer for its whole life (progress, end, cancel).
pub type TransferId = u64;

/// Names one write, so its answer finds what to put back if the service refuses it.
pub type OpId = u64;

/// What a transfer does. Drives are `None` for the user's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferJob {
    /// Download a file into a new private folder and hand it to the opener.
    Open { drive_id: Option<String>, item_id: String, name: String },
    /// Download a file into `folder` (as typed: `~` is the home folder) under its safe name, a
    /// number added when the name is taken; `create` makes the folder first.
    Save { drive_id: Option<String>, item_id: String, name: String, folder: String, create: bool },
    /// Upload a local file (as typed) into a folder (`None`: the drive's root).
    Upload { drive_id: Option<String>, folder_id: Option<String>, local: String },
    /// Copy an item into a folder (`None`: the root) of the same drive on the service (202 and
    /// a monitor polled).
    Copy { drive_id: Option<String>, item_id: String, name: String, to_folder_id: Option<String> },
}

/// A sharing link to make (the TUI's side of o365-graph's `LinkRequest`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpec {
    pub edit: bool,
    pub anyone: bool,
    /// RFC 3339 in UTC.
    pub expires: Option<String>,
    /// Only on links for anyone (the service refuses it on others).
    pub password: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriveEffect {
    StartTransfer {
        id: TransferId,
        job: TransferJob,
    },
    /// Stop a running transfer (what is on disk stays for a later resume).
    CancelTransfer(TransferId),
    CreateFolder {
        op: OpId,
        drive_id: Option<String>,
        /// `None`: the drive's root.
        parent_id: Option<String>,
        name: String,
    },
    Rename {
        op: OpId,
        drive_id: Option<String>,
        item_id: String,
        new_name: String,
    },
    Move {
        op: OpId,
        drive_id: Option<String>,
        item_id: String,
        /// `None`: the drive's root.
        to_folder_id: Option<String>,
    },
    Delete {
        op: OpId,
        drive_id: Option<String>,
        item_id: String,
        permanent: bool,
    },
    RestoreVersion {
        op: OpId,
        drive_id: Option<String>,
        item_id: String,
        version_id: String,
    },
    Share {
        drive_id: Option<String>,
        item_id: String,
        name: String,
        link: LinkSpec,
    },
    LoadVersions {
        generation: Generation,
        drive_id: Option<String>,
        item_id: String,
    },
    LoadPermissions {
        generation: Generation,
        drive_id: Option<String>,
        item_id: String,
    },
    RemovePermission {
        op: OpId,
        drive_id: Option<String>,
        item_id: String,
        permission_id: String,
    },
    /// The subfolders of a folder (`None`: the root) for the move/copy picker; with `files`,
    /// its files too (the picker of a file to link in a message).
    LoadPickerFolders {
        generation: Generation,
        drive_id: Option<String>,
        folder_id: Option<String>,
        files: bool,
    },
    /// Whether the local folder typed for saving exists (and what `~` means there).
    CheckSaveFolder {
        folder: String,
    },
}
