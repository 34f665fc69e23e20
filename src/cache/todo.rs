//! To Do in the cache: task lists and their tasks, with what the tasks pane lists (title,
//! status, importance, due day, completion, note), in the app's own columns.
use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Transaction, params};

use super::mail::Written;
use super::{Cache, CacheError};
use crate::domain::{Body, Importance, Task, TaskList, TaskStatus, WellknownListName};

/// Adds or replaces task lists.
pub fn upsert_lists(tx: &Transaction<'_>, lists: &[TaskList]) -> Result<Written, CacheError> {
    let mut written = Written::default();
    let mut exists = tx.prepare_cached("SELECT 1 FROM todo_lists WHERE id = ?1")?;
    let mut put = tx.prepare_cached(
        "INSERT INTO todo_lists (id, name, wellknown, is_owner, is_shared) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, wellknown = excluded.wellknown,
             is_owner = excluded.is_owner, is_shared = excluded.is_shared",
    )?;
    for list in lists {
        match exists.exists([&list.id])? {
            true => written.updated += 1,
            false => written.added += 1,
        }
        put.execute(params![
            list.id,
            list.name,
            list.wellknown.as_ref().map(|w| w.as_str()),
            list.is_owner,
            list.is_shared
        ])?;
    }
    Ok(written)
}

/// Removes lists with their tasks and delta links; returns how many lists were cached.
pub fn remove_lists(tx: &Transaction<'_>, ids: &[String]) -> Result<usize, CacheError> {
    let mut removed = 0;
    for id in ids {
        tx.execute("DELETE FROM todo_tasks WHERE list_id = ?1", [id])?;
        tx.execute("DELETE FROM delta_links WHERE resource = ?1", [super::links::todo_tasks(id)])?;
        removed += tx.execute("DELETE FROM todo_lists WHERE id = ?1", [id])?;
    }
    Ok(removed)
}

/// The cached lists not in `keep` (after a full round, those the service no longer has).
pub fn lists_not_in(tx: &Transaction<'_>, keep: &HashSet<String>) -> Result<Vec<String>, CacheError> {
    let mut all = tx.prepare_cached("SELECT id FROM todo_lists")?;
    let ids = all.query_map([], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(ids.into_iter().filter(|id| !keep.contains(id)).collect())
}

/// Adds or replaces the tasks of `list_id`.
pub fn upsert_tasks(tx: &Transaction<'_>, list_id: &str, tasks: &[Task]) -> Result<Written, CacheError> {
    let mut written = Written::default();
    let mut exists = tx.prepare_cached("SELECT 1 FROM todo_tasks WHERE id = ?1")?;
    let mut put = tx.prepare_cached(
        "INSERT INTO todo_tasks (id, list_id, title, status, importance, due, completed, note, modified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET list_id = excluded.list_id, title = excluded.title,
             status = excluded.status, importance = excluded.importance, due = excluded.due,
             completed = excluded.completed, note = excluded.note, modified = excluded.modified",
    )?;
    for task in tasks {
        match exists.exists([&task.id])? {
            true => written.updated += 1,
            false => written.added += 1,
        }
        put.execute(params![
            task.id,
            list_id,
            task.title,
            task.status.as_str(),
            task.importance.as_str(),
            task.due.map(|d| d.to_string()),
            task.completed.map(|t| t.timestamp_millis()),
            task.note.as_ref().map(|n| n.content().to_owned()),
            task.modified.map(|t| t.timestamp_millis()),
        ])?;
    }
    Ok(written)
}

/// Removes tasks by id; returns how many were cached.
pub fn remove_tasks(tx: &Transaction<'_>, ids: &[String]) -> Result<usize, CacheError> {
    let mut gone = tx.prepare_cached("DELETE FROM todo_tasks WHERE id = ?1")?;
    let mut removed = 0;
    for id in ids {
        removed += gone.execute([id])?;
    }
    Ok(removed)
}

/// Removes the tasks of `list_id` not in `keep` (after a full round).
pub fn retain_tasks(tx: &Transaction<'_>, list_id: &str, keep: &HashSet<String>) -> Result<usize, CacheError> {
    let mut ids = tx.prepare_cached("SELECT id FROM todo_tasks WHERE list_id = ?1")?;
    let stale: Vec<String> = ids
        .query_map([list_id], |row| row.get::<_, String>(0))?
        .filter_map(Result::ok)
        .filter(|id| !keep.contains(id))
        .collect();
    remove_tasks(tx, &stale)
}

impl Cache {
    /// The cached task lists, by name.
    pub fn todo_lists(&self) -> Result<Vec<TaskList>, CacheError> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, name, wellknown, is_owner, is_shared FROM todo_lists ORDER BY name COLLATE NOCASE",
        )?;
        let lists = statement
            .query_map([], |row| {
                Ok(TaskList {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    wellknown: row.get::<_, Option<String>>(2)?.map(|w| WellknownListName::from_wire(&w)),
                    is_owner: row.get(3)?,
                    is_shared: row.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(lists)
    }

    /// The cached tasks of a list, by title (the note as text).
    pub fn todo_tasks(&self, list_id: &str) -> Result<Vec<Task>, CacheError> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, title, status, importance, due, completed, note, modified FROM todo_tasks
             WHERE list_id = ?1 ORDER BY title COLLATE NOCASE, id",
        )?;
        let at = |millis: Option<i64>| millis.and_then(DateTime::<Utc>::from_timestamp_millis);
        let tasks = statement
            .query_map([list_id], |row| {
                Ok(Task {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    status: TaskStatus::from_wire(&row.get::<_, String>(2)?),
                    importance: Importance::from_wire(&row.get::<_, String>(3)?),
                    due: row.get::<_, Option<String>>(4)?.and_then(|d| d.parse::<NaiveDate>().ok()),
                    completed: at(row.get(5)?),
                    note: row.get::<_, Option<String>>(6)?.map(Body::Text),
                    modified: at(row.get(7)?),
                    // Not cached: the tasks pane loads a task's checklist and links when opened.
                    reminder: None,
                    checklist: Vec::new(),
                    categories: Vec::new(),
                    created: None,
                    links: Vec::new(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tasks)
    }
}
