//! The drive pane's part of the store: the place (My files, Shared with me, Sites), the path
//! from the place's start (folders, a search, recent files), the listed items or sites and
//! libraries, the `/` filter over them, the cursor (over the rows the filter keeps) and marks;
//! the picker overlay, the transfers and the writes waiting for an answer are in `drive/`.
pub mod picker;
pub mod transfers;
pub mod writes;

use super::super::effect::LoadKey;
use super::super::loadable::Loadable;
use super::super::msg::drive::{PermissionRow, VersionRow};
use super::super::msg::{DriveEntry, PlaceRow};
use super::filter::ListFilter;
use super::mail::Cursor;
use picker::Target;

/// Where the Drive pane starts browsing (graph-facts §3.5b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Place {
    /// The user's own OneDrive.
    #[default]
    MyFiles,
    /// Items other people shared with the user (each opens in its own drive).
    Shared,
    /// SharePoint sites: followed ones or a search; then a site's libraries, then a library.
    Sites,
}

impl Place {
    pub fn title(self) -> &'static str {
        match self {
            Place::MyFiles => "My drive",
            Place::Shared => "Shared with me",
            Place::Sites => "Sites",
        }
    }
}

/// What the Drive pane asks through the shared prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrivePrompt {
    SearchSites,
    /// Delete these items: to the recycle bin, or for good.
    Delete {
        targets: Vec<Target>,
        permanent: bool,
    },
    /// A local file to upload into the listed folder (`None`: the drive's root).
    Upload {
        drive_id: Option<String>,
        folder_id: Option<String>,
    },
    /// A new name for this item.
    Rename {
        drive_id: Option<String>,
        item_id: String,
        name: String,
    },
    /// The local folder to save these files into.
    Save {
        targets: Vec<Target>,
    },
    /// The folder typed to save into is missing: yes creates it, then saves.
    CreateAndSave {
        folder: String,
        targets: Vec<Target>,
    },
    /// A new folder's name, in this folder (`None`: the drive's root).
    NewFolder {
        drive_id: Option<String>,
        parent_id: Option<String>,
    },
    /// Text to search this drive (`None`: the user's own) for.
    Search {
        drive_id: Option<String>,
    },
    /// When the link about to be made stops working.
    LinkExpiry {
        target: Target,
        edit: bool,
        anyone: bool,
    },
    /// A password for the link for anyone about to be made (`expires`: RFC 3339, as asked).
    LinkPassword {
        target: Target,
        edit: bool,
        expires: Option<String>,
    },
    /// Take this permission off the item (the permissions view stays open).
    RemovePermission {
        target: Target,
        permission: PermissionRow,
    },
    /// A link was made: yes puts it on the clipboard.
    CopyLink {
        url: String,
    },
    /// Make this version of the file the current one?
    Restore {
        target: Target,
        version: VersionRow,
    },
}

/// What a step of the breadcrumb opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrumbKind {
    /// A folder of a drive; `None` is the user's own drive.
    Folder { drive_id: Option<String> },
    /// A site: its libraries are listed.
    Site,
    /// A site's document library (`id` is its drive id): its root is listed.
    Library,
    /// What a search of a drive (`None`: the user's own) found; `id` is the text searched.
    Search { drive_id: Option<String> },
    /// The files the user used lately (each in its own drive).
    Recent,
}

/// One step on the way down from the place's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crumb {
    pub id: String,
    /// As the server sent it: sanitise before drawing.
    pub name: String,
    pub kind: CrumbKind,
}

impl Crumb {
    /// A folder of the user's own drive.
    pub fn folder(id: impl Into<String>, name: impl Into<String>) -> Self {
        Crumb { id: id.into(), name: name.into(), kind: CrumbKind::Folder { drive_id: None } }
    }
}

#[derive(Debug, Clone, Default)]
pub struct DriveState {
    pub place: Place,
    /// The site search the Sites place shows; `None` shows the followed sites.
    pub site_search: Option<String>,
    /// The open folder's (or site's) ancestors and itself, below the place's start.
    pub path: Vec<Crumb>,
    /// Drive items: a folder's children or the shared items.
    pub children: Loadable<Vec<DriveEntry>>,
    /// Sites or a site's libraries, while `shows_places`.
    pub places: Loadable<Vec<PlaceRow>>,
    pub cursor: Cursor,
    /// The row to select once the listing arrives (the folder just left, going up).
    pub reselect: Option<String>,
    /// Narrow screens: the details replace the list.
    pub details_open: bool,
    /// `/`: only the rows whose name contains this text show.
    pub filter: ListFilter,
    /// Ids of the marked items of the listing (cleared when another listing shows).
    pub marked: Vec<String>,
    /// The picker over the pane (a folder to move or copy to, a version, a link's kind).
    pub picker: Option<picker::DrivePicker>,
    pub transfers: transfers::Transfers,
    pub writes: writes::Writes,
    /// The folder typed for saving and the files to save there, while the worker checks it.
    pub saving: Option<(String, Vec<Target>)>,
}

impl DriveState {
    pub fn open_folder_id(&self) -> Option<String> {
        self.path.last().map(|crumb| crumb.id.clone())
    }

    /// Whether the list shows sites or libraries rather than drive items.
    pub fn shows_places(&self) -> bool {
        match self.path.last() {
            None => self.place == Place::Sites,
            Some(crumb) => crumb.kind == CrumbKind::Site,
        }
    }

    /// The drive the listed items live in (`None`: the user's own, or the shared list).
    pub fn listed_drive_id(&self) -> Option<String> {
        match self.path.last().map(|c| (&c.kind, &c.id)) {
            Some((CrumbKind::Folder { drive_id } | CrumbKind::Search { drive_id }, _)) => drive_id.clone(),
            Some((CrumbKind::Library, id)) => Some(id.clone()),
            _ => None,
        }
    }

    /// Whether each listed item lives in a drive of its own (shared items, recent files).
    pub fn lists_mixed_drives(&self) -> bool {
        match self.path.last() {
            None => self.place == Place::Shared,
            Some(crumb) => crumb.kind == CrumbKind::Recent,
        }
    }

    /// The folder new items go into (a drive, `None` its root), when the listing is a folder.
    pub fn listed_folder(&self) -> Option<(Option<String>, Option<String>)> {
        match self.path.last() {
            None => (self.place == Place::MyFiles).then_some((None, None)),
            Some(crumb) => match &crumb.kind {
                CrumbKind::Folder { drive_id } => Some((drive_id.clone(), Some(crumb.id.clone()))),
                CrumbKind::Library => Some((Some(crumb.id.clone()), None)),
                _ => None,
            },
        }
    }

    /// The drive an item of the listing lives in.
    pub fn drive_of(&self, entry: &DriveEntry) -> Option<String> {
        if self.lists_mixed_drives() { entry.item.drive_id.clone() } else { self.listed_drive_id() }
    }

    /// What commands act on: the marked items, else the selected one.
    pub fn targets(&self) -> Vec<picker::Target> {
        let Some(entries) = self.children.ready().filter(|_| !self.shows_places()) else { return Vec::new() };
        let target = |entry: &DriveEntry| picker::Target {
            drive_id: self.drive_of(entry),
            item_id: entry.item.id.clone(),
            name: entry.item.name.clone(),
            is_folder: entry.item.is_folder(),
        };
        if self.marked.is_empty() {
            return self.selected().map(target).into_iter().collect();
        }
        entries.iter().filter(|e| self.marked.contains(&e.item.id)).map(target).collect()
    }

    /// What lists what the pane shows now.
    pub fn listing_key(&self) -> LoadKey {
        match self.path.last() {
            None => match self.place {
                Place::MyFiles => LoadKey::DriveChildren { drive_id: None, folder_id: None },
                Place::Shared => LoadKey::SharedWithMe,
                Place::Sites => LoadKey::Sites { search: self.site_search.clone() },
            },
            Some(crumb) => match &crumb.kind {
                CrumbKind::Folder { drive_id } => {
                    LoadKey::DriveChildren { drive_id: drive_id.clone(), folder_id: Some(crumb.id.clone()) }
                }
                CrumbKind::Library => LoadKey::DriveChildren { drive_id: Some(crumb.id.clone()), folder_id: None },
                CrumbKind::Site => LoadKey::SiteDrives { site_id: crumb.id.clone() },
                CrumbKind::Search { drive_id } => {
                    LoadKey::DriveSearch { drive_id: drive_id.clone(), query: crumb.id.clone() }
                }
                CrumbKind::Recent => LoadKey::DriveRecent,
            },
        }
    }

    /// The rows shown, as indices into the listing (sites and libraries, or drive items): those
    /// the filter keeps, in order. The cursor moves over these.
    pub fn shown(&self) -> Vec<usize> {
        let keep = |name: &str| self.filter.keeps([name]);
        if self.shows_places() {
            let rows = self.places.ready().map_or(&[][..], Vec::as_slice);
            rows.iter().enumerate().filter(|(_, row)| keep(&row.name)).map(|(i, _)| i).collect()
        } else {
            let rows = self.children.ready().map_or(&[][..], Vec::as_slice);
            rows.iter().enumerate().filter(|(_, entry)| keep(&entry.item.name)).map(|(i, _)| i).collect()
        }
    }

    /// The listing's index of the row under the cursor.
    fn selected_index(&self) -> Option<usize> {
        self.shown().get(self.cursor.selected).copied()
    }

    pub fn selected(&self) -> Option<&DriveEntry> {
        if self.shows_places() {
            return None;
        }
        self.children.ready()?.get(self.selected_index()?)
    }

    pub fn selected_place(&self) -> Option<&PlaceRow> {
        if !self.shows_places() {
            return None;
        }
        self.places.ready()?.get(self.selected_index()?)
    }

    /// How many rows show.
    pub fn len(&self) -> usize {
        if self.filter.text.is_empty() { self.listed() } else { self.shown().len() }
    }

    /// How many rows the listing has, whatever the filter.
    pub fn listed(&self) -> usize {
        if self.shows_places() {
            self.places.ready().map_or(0, Vec::len)
        } else {
            self.children.ready().map_or(0, Vec::len)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_loading(&self) -> bool {
        self.children.is_loading() || self.places.is_loading()
    }
}
