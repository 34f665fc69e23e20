//! The worker's answers to the Drive pane's effects: transfers' progress and ends, writes
//! (by `OpId`), a sharing link, versions, permissions, the picker's folders, a save folder
//! checked.
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::{DriveEntry, Outcome};
use crate::tui::effect::drive::{OpId, TransferId};
use crate::tui::loadable::Generation;

/// How a transfer ended well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferDone {
    /// Downloaded there and handed to the opener.
    Opened(PathBuf),
    /// Downloaded there.
    Saved(PathBuf),
    /// Uploaded as this item (its id).
    Uploaded(String),
    /// Copied as this item (its id).
    Copied(String),
}

/// One version of a file, newest first as the service lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRow {
    pub id: String,
    pub modified: Option<DateTime<Utc>>,
    pub size: u64,
    /// Who made it: remote text, sanitise before drawing.
    pub by: Option<String>,
}

/// One permission of an item, as the permissions view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionRow {
    pub id: String,
    /// `read`, `write`, `owner`…
    pub roles: Vec<String>,
    /// Who it lets in (a link's audience, a person): remote text, sanitise before drawing.
    pub who: String,
    /// RFC 3339, as the service gave it.
    pub expires: Option<String>,
    pub has_password: bool,
}

/// A row of a drive picker: a folder (the move/copy picker offers only those), or a file (the
/// picker of a file to link in a message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderRow {
    pub id: String,
    /// Remote text: sanitise before drawing.
    pub name: String,
    pub is_folder: bool,
    /// Bytes (a file's; 0 for a folder).
    pub size: u64,
}

impl FolderRow {
    pub fn folder(id: impl Into<String>, name: impl Into<String>) -> FolderRow {
        FolderRow { id: id.into(), name: name.into(), is_folder: true, size: 0 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum DriveMsg {
    /// Bytes done of the total (a copy: percent of 100).
    TransferProgress {
        id: TransferId,
        done: u64,
        total: u64,
    },
    TransferEnded {
        id: TransferId,
        result: Outcome<TransferDone>,
    },
    /// A write answered; a created folder comes back as the service has it (boxed: an entry
    /// is large beside the other answers).
    Written {
        op: OpId,
        result: Outcome<Option<Box<DriveEntry>>>,
    },
    /// A sharing link made for the item `name`: its URL.
    Shared {
        name: String,
        result: Outcome<String>,
    },
    Versions {
        generation: Generation,
        result: Outcome<Vec<VersionRow>>,
    },
    PickerFolders {
        generation: Generation,
        result: Outcome<Vec<FolderRow>>,
    },
    /// An item's permissions, for the permissions view.
    Permissions {
        generation: Generation,
        result: Outcome<Vec<PermissionRow>>,
    },
    /// The folder typed for saving, as a path (`~` expanded), and whether it exists; an error
    /// when it cannot be used (a file has its name).
    SaveFolder {
        typed: String,
        result: Result<(PathBuf, bool), String>,
    },
}
