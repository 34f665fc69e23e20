//! The cache's tables, created and changed by numbered migrations: `PRAGMA user_version` says
//! how many have run; each runs in its own transaction with the version bump, so a crash leaves
//! the database at one version or the next. A database from a newer o365 (a version this build
//! does not know) is refused, never changed.
use rusqlite::Connection;

use super::CacheError;

/// Version 1: mail folders, message headers (what a list shows), the deltaLink per resource.
const V1: &str = "
CREATE TABLE mail_folders (
    id TEXT PRIMARY KEY,
    parent_id TEXT,
    name TEXT NOT NULL,
    unread INTEGER NOT NULL,
    total INTEGER NOT NULL,
    children INTEGER NOT NULL,
    hidden INTEGER NOT NULL,
    search_folder INTEGER NOT NULL,
    well_known TEXT
);
CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    folder_id TEXT NOT NULL,
    received INTEGER,
    subject TEXT NOT NULL,
    from_name TEXT,
    from_address TEXT,
    recipients TEXT NOT NULL,
    is_read INTEGER NOT NULL,
    is_flagged INTEGER NOT NULL,
    is_draft INTEGER NOT NULL,
    has_attachments INTEGER NOT NULL,
    importance TEXT,
    preview TEXT NOT NULL,
    conversation_id TEXT,
    conversation_depth INTEGER NOT NULL,
    categories TEXT NOT NULL
);
CREATE INDEX messages_in_folder ON messages (folder_id, received DESC);
CREATE TABLE delta_links (
    resource TEXT PRIMARY KEY,
    link TEXT NOT NULL,
    synced_at TEXT NOT NULL
);
";

/// Version 2: bodies of opened messages, attachment lists, and full-text search (FTS5) over
/// subject, sender, recipients and body, kept in step with the tables by triggers.
const V2: &str = "
CREATE TABLE bodies (
    message_id TEXT PRIMARY KEY,
    html INTEGER NOT NULL,
    content TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE attachments (
    message_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT,
    size INTEGER NOT NULL,
    inline INTEGER NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (message_id, position)
);
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    subject, sender, recipients, body, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO messages_fts (rowid, subject, sender, recipients, body)
    SELECT rowid, subject, coalesce(from_name, '') || ' ' || coalesce(from_address, ''), recipients, ''
    FROM messages;
CREATE TRIGGER messages_added AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, subject, sender, recipients, body) VALUES (
        new.rowid, new.subject, coalesce(new.from_name, '') || ' ' || coalesce(new.from_address, ''),
        new.recipients, coalesce((SELECT text FROM bodies WHERE message_id = new.id), ''));
END;
CREATE TRIGGER messages_changed AFTER UPDATE ON messages BEGIN
    DELETE FROM messages_fts WHERE rowid = old.rowid;
    INSERT INTO messages_fts (rowid, subject, sender, recipients, body) VALUES (
        new.rowid, new.subject, coalesce(new.from_name, '') || ' ' || coalesce(new.from_address, ''),
        new.recipients, coalesce((SELECT text FROM bodies WHERE message_id = new.id), ''));
END;
CREATE TRIGGER messages_removed AFTER DELETE ON messages BEGIN
    DELETE FROM messages_fts WHERE rowid = old.rowid;
    DELETE FROM bodies WHERE message_id = old.id;
    DELETE FROM attachments WHERE message_id = old.id;
END;
CREATE TRIGGER bodies_added AFTER INSERT ON bodies BEGIN
    DELETE FROM messages_fts WHERE rowid = (SELECT rowid FROM messages WHERE id = new.message_id);
    INSERT INTO messages_fts (rowid, subject, sender, recipients, body)
        SELECT rowid, subject, coalesce(from_name, '') || ' ' || coalesce(from_address, ''), recipients, new.text
        FROM messages WHERE id = new.message_id;
END;
CREATE TRIGGER bodies_changed AFTER UPDATE ON bodies BEGIN
    DELETE FROM messages_fts WHERE rowid = (SELECT rowid FROM messages WHERE id = new.message_id);
    INSERT INTO messages_fts (rowid, subject, sender, recipients, body)
        SELECT rowid, subject, coalesce(from_name, '') || ' ' || coalesce(from_address, ''), recipients, new.text
        FROM messages WHERE id = new.message_id;
END;
";

/// Version 3: To Do lists and their tasks (what the tasks pane lists).
const V3: &str = "
CREATE TABLE todo_lists (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    wellknown TEXT,
    is_owner INTEGER NOT NULL,
    is_shared INTEGER NOT NULL
);
CREATE TABLE todo_tasks (
    id TEXT PRIMARY KEY,
    list_id TEXT NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    importance TEXT NOT NULL,
    due TEXT,
    completed INTEGER,
    note TEXT,
    modified INTEGER
);
CREATE INDEX todo_tasks_in_list ON todo_tasks (list_id);
";

/// Version 4: contact folders (the default one marked) and contacts (what a list shows: the
/// name, addresses, company and title).
const V4: &str = "
CREATE TABLE contact_folders (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id TEXT,
    is_default INTEGER NOT NULL
);
CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    folder_id TEXT NOT NULL,
    name TEXT NOT NULL,
    emails TEXT NOT NULL,
    company TEXT,
    title TEXT
);
CREATE INDEX contacts_in_folder ON contacts (folder_id);
";

/// Version 5: drive items (what a folder listing shows), per drive.
const V5: &str = "
CREATE TABLE drive_items (
    id TEXT PRIMARY KEY,
    drive_id TEXT NOT NULL,
    parent_id TEXT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    mime TEXT,
    size INTEGER NOT NULL,
    child_count INTEGER NOT NULL,
    modified INTEGER,
    is_root INTEGER NOT NULL
);
CREATE INDEX drive_items_in_folder ON drive_items (parent_id);
CREATE INDEX drive_items_in_drive ON drive_items (drive_id);
";

/// Version 6: the default calendar's events in a window around today (what the agenda shows),
/// occurrences of a series under their master's id.
const V6: &str = "
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    series_master_id TEXT,
    subject TEXT NOT NULL,
    all_day INTEGER NOT NULL,
    start TEXT,
    end TEXT,
    start_utc INTEGER,
    location TEXT,
    is_cancelled INTEGER NOT NULL
);
CREATE INDEX events_by_start ON events (start_utc);
CREATE INDEX events_of_series ON events (series_master_id);
";

/// Version 7: whether a message is a meeting's (an invitation, an answer, a cancellation), which
/// the list marks.
const V7: &str = "ALTER TABLE messages ADD COLUMN is_meeting INTEGER NOT NULL DEFAULT 0;";

/// Version 8: the order the service lists folders in (a folder's place among its siblings), so
/// the tree from the cache shows as the service's does.
const V8: &str = "ALTER TABLE mail_folders ADD COLUMN position INTEGER NOT NULL DEFAULT 0;";

/// Version 9: the calendars the interface listed (name, colour, the default one marked), so its
/// Calendar pane shows them offline beside the cached events.
const V9: &str = "
CREATE TABLE calendars (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    color TEXT,
    is_default INTEGER NOT NULL,
    can_edit INTEGER NOT NULL,
    position INTEGER NOT NULL
);
";

/// Every migration in order; the schema version is how many have run.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9];

/// The version this build creates and reads.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The database's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the database to `VERSION`, or refuses one newer than that.
pub fn migrate(conn: &mut Connection) -> Result<(), CacheError> {
    migrate_to(conn, VERSION)
}

/// Runs the migrations up to `target` (tests make old databases with it).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), CacheError> {
    let found = version(conn)?;
    if found > VERSION {
        return Err(CacheError::NewerSchema { found, known: VERSION });
    }
    for (done, migration) in MIGRATIONS.iter().enumerate().take(target as usize).skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(migration)?;
        tx.pragma_update(None, "user_version", done as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
