//! The Drive pane's picker overlay: a folder of the drive to move or copy into (browsed a
//! level at a time: into a folder, up, or "here"), a version of a file to restore, the kind
//! of sharing link to make, or an item's permissions (one to remove). It reuses the mail pane's `Picker` for the typed filter and rows.
use crate::tui::loadable::Generation;
use crate::tui::msg::drive::{FolderRow, PermissionRow, VersionRow};
use crate::tui::store::mail::ops::{PickItem, Picker};

/// An item a command acts on: its drive (`None`: the user's own), id and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub drive_id: Option<String>,
    pub item_id: String,
    /// Remote text: sanitise before drawing.
    pub name: String,
    pub is_folder: bool,
}

/// A row of the folder picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderChoice {
    /// Into the folder the picker shows.
    Here,
    /// Up to the folder above.
    Up,
    /// Into this subfolder (Enter shows its subfolders).
    Into(FolderRow),
}

/// The kinds of sharing link offered, in the picker's order: (edit, anyone, label).
pub const LINK_KINDS: [(bool, bool, &str); 4] = [
    (false, false, "View link: people in your organization"),
    (true, false, "Edit link: people in your organization"),
    (false, true, "View link: anyone with the link"),
    (true, true, "Edit link: anyone with the link"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrivePick {
    /// Move (or copy) `targets` into a folder of `drive_id`; `path` is the folder shown, below
    /// the root; `choices` parallels the picker's items.
    Folder {
        copy: bool,
        targets: Vec<Target>,
        drive_id: Option<String>,
        path: Vec<FolderRow>,
        choices: Vec<FolderChoice>,
        /// The subfolders being listed, until they arrive.
        loading: Option<Generation>,
    },
    /// A file's versions (newest first), parallel to the picker's items.
    Version { target: Target, versions: Vec<VersionRow>, loading: Option<Generation> },
    /// Which link to make for `target` (the picker's rows are `LINK_KINDS`).
    Link { target: Target },
    /// Who has access to `target`, parallel to the picker's items; Enter removes one.
    Permissions { target: Target, rows: Vec<PermissionRow>, loading: Option<Generation> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrivePicker {
    pub picker: Picker<()>,
    pub pick: DrivePick,
}

impl DrivePicker {
    /// The folder picker at the drive's root (`path` empty) or below, listing nothing yet.
    pub fn folders(copy: bool, targets: Vec<Target>, drive_id: Option<String>, path: Vec<FolderRow>) -> Self {
        let mut picker = DrivePicker {
            picker: Picker::new("", Vec::new(), ()),
            pick: DrivePick::Folder { copy, targets, drive_id, path, choices: Vec::new(), loading: None },
        };
        picker.set_folders(Vec::new());
        picker
    }

    /// The folder picker's rows: here, up (below the root), then `folders`.
    pub fn set_folders(&mut self, folders: Vec<FolderRow>) {
        let DrivePick::Folder { copy, targets, path, choices, .. } = &mut self.pick else { return };
        let what = match targets.as_slice() {
            [one] => one.name.clone(),
            many => format!("{} items", many.len()),
        };
        let verb = if *copy { "Copy" } else { "Move" };
        let here = path.last().map_or("the top of the drive".to_owned(), |f| f.name.clone());
        self.picker.title = format!("{verb} {what} to");
        let mut items = vec![PickItem { label: format!("{verb} here: {here}"), ..Default::default() }];
        *choices = vec![FolderChoice::Here];
        if !path.is_empty() {
            items.push(PickItem { label: "..".to_owned(), ..Default::default() });
            choices.push(FolderChoice::Up);
        }
        for folder in folders {
            items.push(PickItem { label: format!("{}/", folder.name), ..Default::default() });
            choices.push(FolderChoice::Into(folder));
        }
        self.picker.items = items;
        self.picker.typed.clear();
        self.picker.selected = 0;
        self.picker.refilter();
    }

    /// The picked row's index into the items (and the choices that parallel them).
    pub fn chosen_index(&self) -> Option<usize> {
        self.picker.matches.get(self.picker.selected).copied()
    }
}
