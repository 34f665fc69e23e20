//! The Drive pane's own commands beyond the shared ones (open, rename, delete, upload): saving,
//! organising, sharing, versions, search, recent files, marks and the transfers view.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriveAction {
    /// Save the marked (or selected) files and folders into a local folder.
    Save,
    /// A new folder in the listed folder.
    NewFolder,
    /// Move the marked (or selected) items to a folder picked in the drive.
    Move,
    /// Copy the marked (or selected) items to a folder picked in the drive.
    Copy,
    /// Delete the marked (or selected) items for good, after a question.
    DeletePermanently,
    /// Make a sharing link for the selected item.
    Share,
    /// The selected file's versions; Enter restores one.
    Versions,
    /// Who has access to the selected item; Enter removes one permission.
    Permissions,
    /// Search the drive (`root/search`): the results become the list.
    Search,
    /// The files you used lately.
    Recent,
    /// Mark or unmark the selected item and go to the next.
    ToggleMark,
    /// Mark every item listed (again: clear the marks).
    MarkAll,
    /// Show or hide the transfers.
    Transfers,
    /// In the transfers view: cancel the selected transfer.
    CancelTransfer,
}
