//! The drive pickers: a folder of the drive to move or copy into (browsed a level at a time:
//! into a folder, up, or "here"), a file of the own drive to link in a message (browsed the
//! same way, `Browse`), a version of a file to restore, the kind of sharing link to make, or an
//! item's permissions (one to remove). They reuse the mail pane's `Picker` for the typed filter
//! and rows.
use crate::human::human_size;
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

/// A row of a browsing picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderChoice {
    /// Into the folder the picker shows.
    Here,
    /// Up to the folder above.
    Up,
    /// Into this subfolder (Enter shows its subfolders).
    Into(FolderRow),
    /// This file (the picker of a file to link).
    File(FolderRow),
}

/// The kinds of sharing link offered, in the picker's order: (edit, anyone, label). The first,
/// a view link for the organization, is the default: a link anyone can open is only made when
/// picked.
pub const LINK_KINDS: [(bool, bool, &str); 4] = [
    (false, false, "View link: people in your organization"),
    (true, false, "Edit link: people in your organization"),
    (false, true, "View link: anyone with the link"),
    (true, true, "Edit link: anyone with the link"),
];

/// The kinds a drive offers: a personal OneDrive has no organization, so only links anyone
/// can open (driveitem-createlink: the organization scope is not available there).
pub fn link_kinds(personal: bool) -> &'static [(bool, bool, &'static str)] {
    if personal { &LINK_KINDS[2..] } else { &LINK_KINDS }
}

/// A drive shown a folder at a time: the way down from the root and the rows of the folder
/// shown. The move/copy picker and the picker of a file to link in a message both browse so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browse {
    /// `None`: the user's own drive.
    pub drive_id: Option<String>,
    /// The folder shown, below the root (empty: the root).
    pub path: Vec<FolderRow>,
    /// Parallel to the picker's items.
    pub choices: Vec<FolderChoice>,
    /// The rows being listed, until they arrive.
    pub loading: Option<Generation>,
    /// Files are rows too (each picks itself); else only folders, and a first row picks the
    /// folder shown.
    pub files: bool,
}

impl Browse {
    pub fn new(drive_id: Option<String>, path: Vec<FolderRow>, files: bool) -> Browse {
        Browse { drive_id, path, choices: Vec::new(), loading: None, files }
    }

    /// The name of the folder shown.
    pub fn here_name(&self) -> String {
        self.path.last().map_or("the top of the drive".to_owned(), |f| f.name.clone())
    }

    /// The picker's rows: `here` (when picking a folder), up (below the root), then `rows`,
    /// folders as `name/` and files with their size.
    pub fn set_rows(&mut self, picker: &mut Picker<()>, here: Option<String>, rows: Vec<FolderRow>) {
        let mut items = Vec::new();
        self.choices.clear();
        if let Some(label) = here {
            items.push(PickItem { label, ..Default::default() });
            self.choices.push(FolderChoice::Here);
        }
        if !self.path.is_empty() {
            items.push(PickItem { label: "..".to_owned(), ..Default::default() });
            self.choices.push(FolderChoice::Up);
        }
        for row in rows {
            if row.is_folder {
                items.push(PickItem { label: format!("{}/", row.name), ..Default::default() });
                self.choices.push(FolderChoice::Into(row));
            } else if self.files {
                items.push(PickItem {
                    label: format!("{}  ({})", row.name, human_size(row.size)),
                    ..Default::default()
                });
                self.choices.push(FolderChoice::File(row));
            }
        }
        picker.items = items;
        picker.typed.clear();
        picker.selected = 0;
        picker.refilter();
    }

    /// Goes into the folder picked, or up; `false` for any other choice.
    pub fn step(&mut self, choice: &FolderChoice) -> bool {
        match choice {
            FolderChoice::Into(folder) => self.path.push(folder.clone()),
            FolderChoice::Up => {
                self.path.pop();
            }
            FolderChoice::Here | FolderChoice::File(_) => return false,
        }
        true
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrivePick {
    /// Move (or copy) `targets` into a folder of the drive browsed.
    Folder { copy: bool, targets: Vec<Target>, browse: Browse },
    /// A file of the user's own drive, to link in the message being written.
    File { browse: Browse },
    /// A file's versions (newest first), parallel to the picker's items.
    Version { target: Target, versions: Vec<VersionRow>, loading: Option<Generation> },
    /// Which link to make for `target` (the picker's rows are `link_kinds(personal)`): in the
    /// Drive pane to show and copy, or (`for_message`) to put in the message being written.
    Link { target: Target, for_message: bool, personal: bool },
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
        let browse = Browse::new(drive_id, path, false);
        let mut picker =
            DrivePicker { picker: Picker::new("", Vec::new(), ()), pick: DrivePick::Folder { copy, targets, browse } };
        picker.set_rows(Vec::new());
        picker
    }

    /// The picker of a file of the user's own drive to link, at the root or below.
    pub fn files(path: Vec<FolderRow>) -> Self {
        let browse = Browse::new(None, path, true);
        let mut picker = DrivePicker { picker: Picker::new("", Vec::new(), ()), pick: DrivePick::File { browse } };
        picker.set_rows(Vec::new());
        picker
    }

    /// The kinds of link to make for `target` (view for the organization first; for a personal
    /// account, view for anyone).
    pub fn link_kinds(title: String, target: Target, for_message: bool, personal: bool) -> Self {
        let items = link_kinds(personal)
            .iter()
            .map(|(_, _, label)| PickItem { label: (*label).to_owned(), ..Default::default() });
        let pick = DrivePick::Link { target, for_message, personal };
        DrivePicker { picker: Picker::new(title, items.collect(), ()), pick }
    }

    /// What the picker browses, when it browses.
    pub fn browse(&mut self) -> Option<&mut Browse> {
        match &mut self.pick {
            DrivePick::Folder { browse, .. } | DrivePick::File { browse } => Some(browse),
            _ => None,
        }
    }

    /// The browsing picker's rows and title for the folder shown.
    pub fn set_rows(&mut self, rows: Vec<FolderRow>) {
        match &mut self.pick {
            DrivePick::Folder { copy, targets, browse } => {
                let what = match targets.as_slice() {
                    [one] => one.name.clone(),
                    many => format!("{} items", many.len()),
                };
                let verb = if *copy { "Copy" } else { "Move" };
                self.picker.title = format!("{verb} {what} to");
                let here = format!("{verb} here: {}", browse.here_name());
                browse.set_rows(&mut self.picker, Some(here), rows);
            }
            DrivePick::File { browse } => {
                self.picker.title = format!("Link a file from OneDrive: {}", browse.here_name());
                browse.set_rows(&mut self.picker, None, rows);
            }
            DrivePick::Version { .. } | DrivePick::Link { .. } | DrivePick::Permissions { .. } => {}
        }
    }

    /// The picked row's index into the items (and the choices that parallel them).
    pub fn chosen_index(&self) -> Option<usize> {
        self.picker.matches.get(self.picker.selected).copied()
    }
}
