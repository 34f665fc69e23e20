//! What the interface listed from the service, kept in the cache so the same pane reads offline
//! (issue 10: "drive items of folders visited"): a list's tasks, a contact folder, a drive
//! folder, a calendar period. Each listing replaces what the cache held of that one thing, in a
//! transaction. A delta round applies cleanly over it later: an upsert or a removal that comes
//! twice leaves the same rows. Changes the service confirmed are kept the same way, one item.
use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Cache, CacheError, calendar, contacts, drive, todo};
use crate::domain::{Calendar, Contact, DriveItem, DriveItemKind, Event, Task, TaskList};

/// The cache's key of a drive: `me` for the account's own (`None`), else its id.
pub fn drive_key(drive_id: Option<&str>) -> &str {
    drive_id.unwrap_or(drive::OWN_DRIVE)
}

impl Cache {
    /// The To Do lists as the service listed them.
    pub fn keep_todo_lists(&mut self, lists: &[TaskList]) -> Result<(), CacheError> {
        self.in_transaction(|tx| {
            todo::upsert_lists(tx, lists)?;
            let listed: HashSet<String> = lists.iter().map(|l| l.id.clone()).collect();
            todo::remove_lists(tx, &todo::lists_not_in(tx, &listed)?)?;
            Ok(())
        })
    }

    /// A list's tasks as the service listed them (every one).
    pub fn keep_todo_tasks(&mut self, list_id: &str, tasks: &[Task]) -> Result<(), CacheError> {
        self.in_transaction(|tx| {
            todo::upsert_tasks(tx, list_id, tasks)?;
            todo::retain_tasks(tx, list_id, &tasks.iter().map(|t| t.id.clone()).collect())?;
            Ok(())
        })
    }

    /// One task the service confirmed (made or changed), or its removal.
    pub fn keep_todo_task(
        &mut self,
        list_id: &str,
        task: Option<&Task>,
        removed: Option<&str>,
    ) -> Result<(), CacheError> {
        self.in_transaction(|tx| {
            if let Some(task) = task {
                todo::upsert_tasks(tx, list_id, std::slice::from_ref(task))?;
            }
            if let Some(id) = removed {
                todo::remove_tasks(tx, &[id.to_owned()])?;
            }
            Ok(())
        })
    }

    /// The contact folders the service listed (beside the default one): names taken, those
    /// gone removed with their contacts.
    pub fn keep_contact_folders(&mut self, folders: &[(String, String)]) -> Result<(), CacheError> {
        self.in_transaction(|tx| {
            let mut put = tx.prepare_cached(
                "INSERT INTO contact_folders (id, name, parent_id, is_default) VALUES (?1, ?2, NULL, 0)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            )?;
            for (id, name) in folders {
                put.execute(params![id, name])?;
            }
            let listed: HashSet<String> = folders.iter().map(|(id, _)| id.clone()).collect();
            contacts::remove_folders(tx, &contacts::folders_not_in(tx, &listed)?)?;
            Ok(())
        })
    }

    /// The id of the default contact folder, when the cache knows it.
    pub fn default_contact_folder(&self) -> Result<Option<String>, CacheError> {
        Ok(self.contact_folders()?.into_iter().find(|f| f.is_default).map(|f| f.id))
    }

    /// A folder's contacts as the service listed them; `None` is the default folder, whose id
    /// comes from its contacts (the service does not list it) or what the cache knew.
    pub fn keep_contacts(&mut self, folder_id: Option<&str>, found: &[Contact]) -> Result<(), CacheError> {
        let folder = match folder_id {
            Some(id) => id.to_owned(),
            None => match found.iter().find_map(|c| c.folder_id.clone()).or(self.default_contact_folder()?) {
                Some(id) => id,
                // No contact and no folder known: nothing to keep.
                None => return Ok(()),
            },
        };
        self.in_transaction(|tx| {
            if folder_id.is_none() {
                tx.execute(
                    "INSERT INTO contact_folders (id, name, parent_id, is_default) VALUES (?1, 'Contacts', NULL, 1)
                     ON CONFLICT (id) DO UPDATE SET is_default = 1",
                    [&folder],
                )?;
            }
            contacts::upsert_contacts(tx, &folder, found)?;
            contacts::retain_contacts(tx, &folder, &found.iter().map(|c| c.id.clone()).collect())?;
            Ok(())
        })
    }

    /// One contact the service confirmed (in `folder_id`, `None` the default one), or a removal.
    pub fn keep_contact(
        &mut self,
        folder_id: Option<&str>,
        contact: Option<&Contact>,
        removed: Option<&str>,
    ) -> Result<(), CacheError> {
        let folder = match folder_id {
            Some(id) => Some(id.to_owned()),
            None => contact.and_then(|c| c.folder_id.clone()).or(self.default_contact_folder()?),
        };
        self.in_transaction(|tx| {
            if let (Some(contact), Some(folder)) = (contact, &folder) {
                contacts::upsert_contacts(tx, folder, std::slice::from_ref(contact))?;
            }
            if let Some(id) = removed {
                contacts::remove_contacts(tx, &[id.to_owned()])?;
            }
            Ok(())
        })
    }

    /// A drive folder's children as the service listed them (`parent` `None`: the root, whose
    /// id the children name; it is kept as the drive's root).
    pub fn keep_drive_children(
        &mut self,
        drive_id: Option<&str>,
        parent: Option<&str>,
        items: &[DriveItem],
    ) -> Result<(), CacheError> {
        let key = drive_key(drive_id);
        let listing_root = parent.is_none();
        let parent = match parent {
            Some(id) => Some(id.to_owned()),
            None => items.iter().find_map(|i| i.parent_id.clone()).or(self.drive_root(key)?),
        };
        let Some(parent) = parent else { return Ok(()) };
        // A root listed is kept as the drive's root (offline, the drive opens on it); any
        // other folder's children are found by its id alone.
        let root = listing_root.then(|| DriveItem {
            id: parent.clone(),
            drive_id: drive_id.map(str::to_owned),
            name: "root".to_owned(),
            is_root: true,
            kind: DriveItemKind::Folder { child_count: items.len() as u64 },
            ..DriveItem::default()
        });
        self.in_transaction(|tx| {
            drive::upsert_items(tx, key, root.as_slice())?;
            drive::upsert_items(tx, key, items)?;
            let listed: HashSet<&str> = items.iter().map(|i| i.id.as_str()).collect();
            let mut children = tx.prepare_cached("SELECT id FROM drive_items WHERE parent_id = ?1")?;
            let gone: Vec<String> = children
                .query_map([&parent], |row| row.get::<_, String>(0))?
                .filter_map(Result::ok)
                .filter(|id| !listed.contains(id.as_str()))
                .collect();
            drive::remove_items(tx, &gone)?;
            Ok(())
        })
    }

    /// One drive item the service confirmed (made, renamed or moved), or a removal.
    pub fn keep_drive_item(
        &mut self,
        drive_id: Option<&str>,
        item: Option<&DriveItem>,
        removed: Option<&str>,
    ) -> Result<(), CacheError> {
        let key = drive_key(drive_id).to_owned();
        self.in_transaction(|tx| {
            if let Some(item) = item {
                drive::upsert_items(tx, &key, std::slice::from_ref(item))?;
            }
            if let Some(id) = removed {
                drive::remove_items(tx, &[id.to_owned()])?;
            }
            Ok(())
        })
    }

    /// Whether the cache holds the drive item `id`.
    pub fn drive_item_known(&self, id: &str) -> Result<bool, CacheError> {
        Ok(self.conn().prepare_cached("SELECT 1 FROM drive_items WHERE id = ?1")?.exists([id])?)
    }

    /// The id of a drive's root, when the cache holds it.
    pub fn drive_root(&self, key: &str) -> Result<Option<String>, CacheError> {
        let mut statement =
            self.conn().prepare_cached("SELECT id FROM drive_items WHERE drive_id = ?1 AND is_root = 1 LIMIT 1")?;
        let mut rows = statement.query_map([key], |row| row.get::<_, String>(0))?;
        Ok(rows.next().transpose()?)
    }

    /// The calendars and the default calendar's events of `[start, end)` as the service listed
    /// them: the period's cached events replaced.
    pub fn keep_calendar_period(
        &mut self,
        calendars: &[Calendar],
        events: &[Event],
        (start, end): (DateTime<Utc>, DateTime<Utc>),
    ) -> Result<(), CacheError> {
        let default = calendars.iter().find(|c| c.is_default).map(|c| c.id.clone());
        let mine: Vec<Event> =
            events.iter().filter(|e| e.calendar_id.is_some() && e.calendar_id == default).cloned().collect();
        let within = |e: &Event| e.time.as_ref().is_some_and(|t| t.overlaps(start, end));
        let cached_within: Vec<String> = self.events()?.into_iter().filter(within).map(|e| e.id).collect();
        self.in_transaction(|tx| {
            tx.execute("DELETE FROM calendars", [])?;
            let mut put = tx.prepare_cached(
                "INSERT INTO calendars (id, name, color, is_default, can_edit, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (position, c) in calendars.iter().enumerate() {
                put.execute(params![c.id, c.name, c.color, c.is_default, c.can_edit, position as i64])?;
            }
            if default.is_some() {
                calendar::upsert_events(tx, &mine)?;
                let listed: HashSet<&str> = mine.iter().map(|e| e.id.as_str()).collect();
                let gone: Vec<String> = cached_within.into_iter().filter(|id| !listed.contains(id.as_str())).collect();
                calendar::remove_events(tx, &gone)?;
            }
            Ok(())
        })
    }

    /// An event the service confirmed: kept when it is the default calendar's (`new_in_default`:
    /// made there; else one the cache holds already), a series left to the next sync (the cache
    /// keeps occurrences, not masters); or a removal (deleted, cancelled).
    pub fn keep_event(
        &mut self,
        event: Option<&Event>,
        new_in_default: bool,
        removed: Option<&str>,
    ) -> Result<(), CacheError> {
        let known = match event {
            Some(e) => self.conn().prepare_cached("SELECT 1 FROM events WHERE id = ?1")?.exists([&e.id])?,
            None => false,
        };
        self.in_transaction(|tx| {
            if let Some(event) = event.filter(|e| !e.is_recurring && (new_in_default || known)) {
                calendar::upsert_events(tx, std::slice::from_ref(event))?;
            }
            if let Some(id) = removed {
                calendar::remove_events(tx, &[id.to_owned()])?;
            }
            Ok(())
        })
    }

    /// The calendars the interface last listed, in the service's order.
    pub fn calendars(&self) -> Result<Vec<Calendar>, CacheError> {
        let mut statement = self
            .conn()
            .prepare_cached("SELECT id, name, color, is_default, can_edit FROM calendars ORDER BY position")?;
        let calendars = statement
            .query_map([], |row| {
                Ok(Calendar {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    color: row.get(2)?,
                    is_default: row.get(3)?,
                    can_edit: row.get(4)?,
                    owner: None,
                    // Offline only the default calendar's events show; a group's needs the service.
                    group_id: None,
                    limited: None,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(calendars)
    }
}
