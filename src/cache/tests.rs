//! The cache on its own: files and modes, migrations, a corrupt file, headers, bodies, search.
use std::collections::HashSet;

use chrono::{TimeZone, Utc};

use super::mail::{remove_messages, retain_messages, set_well_known, upsert_folders, upsert_messages};
use super::{Cache, CacheError, location, open, schema};
use crate::domain::{Body, Folder, Mailbox, Message, MessageSummary, WellKnown};

fn folder(id: &str, name: &str, parent: Option<&str>) -> Folder {
    Folder { id: id.into(), name: name.into(), parent_id: parent.map(Into::into), ..Folder::default() }
}

fn header(id: &str, folder: &str, hour: u32, subject: &str, from: &str) -> MessageSummary {
    MessageSummary {
        id: id.into(),
        subject: subject.into(),
        from: Some(Mailbox { name: from.into(), address: format!("{}@contoso.com", from.to_lowercase()) }),
        to: vec![Mailbox { name: "Adele Vance".into(), address: "adele@contoso.com".into() }],
        received: Some(Utc.with_ymd_and_hms(2026, 3, 10, hour, 0, 0).unwrap()),
        folder_id: Some(folder.into()),
        categories: vec!["Red category".into()],
        ..MessageSummary::default()
    }
}

fn opened(dir: &std::path::Path) -> Cache {
    let opened = open::open_account(dir, "work").unwrap();
    assert!(opened.notice.is_none());
    opened.cache
}

fn seeded(dir: &std::path::Path) -> Cache {
    let mut cache = opened(dir);
    cache
        .in_transaction(|tx| {
            upsert_folders(
                tx,
                &[
                    folder("f-in", "Inbox", Some("root")),
                    folder("f-pr", "Projects", Some("f-in")),
                    folder("f-ar", "Archive", None),
                ],
            )?;
            set_well_known(tx, &[(WellKnown::Inbox, "f-in".into())])?;
            upsert_messages(
                tx,
                "f-in",
                &[
                    header("m1", "f-in", 8, "Quarterly budget review", "Megan"),
                    header("m2", "f-in", 9, "Lunch?", "Alex"),
                ],
            )?;
            upsert_messages(tx, "f-pr", &[header("m3", "f-pr", 7, "Budget draft", "Ann")])?;
            Ok(())
        })
        .unwrap();
    cache
}

#[cfg(unix)]
#[test]
fn the_database_is_private_and_named_after_the_account() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let cache = opened(dir.path());
    assert_eq!(cache.path(), location::database_path(dir.path(), "work"));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(cache.path()), 0o600);
    assert_eq!(mode(&location::cache_dir(dir.path())), 0o700);
    assert_eq!(schema::version(cache.conn()).unwrap(), schema::VERSION);
    let wal = cache.path().with_file_name("work.sqlite3-wal");
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600, "the WAL file takes the database's mode");
    }
}

#[test]
fn a_newer_schema_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = location::database_path(dir.path(), "work");
    drop(opened(dir.path()));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", schema::VERSION + 1).unwrap();
    drop(conn);
    let err = open::open_account(dir.path(), "work").unwrap_err();
    assert!(matches!(err, CacheError::NewerSchema { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains("newer o365") && text.contains(&format!("version {}", schema::VERSION + 1)), "{text}");
    assert!(path.exists(), "nothing is removed");
}

#[test]
fn an_old_schema_is_migrated_and_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = location::database_path(dir.path(), "work");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    schema::migrate_to(&mut conn, 1).unwrap();
    conn.execute(
        "INSERT INTO messages (id, folder_id, received, subject, recipients, is_read, is_flagged, is_draft,
             has_attachments, preview, conversation_depth, categories)
         VALUES ('old', 'f-in', 0, 'Kept from version one', '[]', 0, 0, 0, 0, '', 0, '[]')",
        [],
    )
    .unwrap();
    drop(conn);
    let cache = opened(dir.path());
    assert_eq!(schema::version(cache.conn()).unwrap(), schema::VERSION);
    assert_eq!(cache.message("old").unwrap().unwrap().subject, "Kept from version one");
    assert_eq!(cache.search("kept", None, 10).unwrap().len(), 1, "old rows are searchable after the migration");
}

#[test]
fn a_corrupt_file_is_moved_aside_and_rebuilt_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = location::database_path(dir.path(), "work");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"this is not a database, it is forty-odd bytes of text").unwrap();
    let opened = open::open_account(dir.path(), "work").unwrap();
    let notice = opened.notice.clone().expect("a notice");
    assert!(notice.contains("moved to") && notice.contains("corrupt-1"), "{notice}");
    let aside = path.with_file_name("work.sqlite3.corrupt-1");
    assert!(std::fs::read(&aside).unwrap().starts_with(b"this is not"), "the old file is kept");
    assert_eq!(opened.cache.message_count("f-in").unwrap(), 0);
    drop(opened);
    std::fs::write(&path, vec![0xAB; 8192]).unwrap();
    let again = open::open_account(dir.path(), "work").unwrap();
    assert!(again.notice.unwrap().contains("corrupt-2"), "an earlier file moved aside is not overwritten");
}

#[test]
fn headers_are_listed_newest_first_and_kept_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut cache = seeded(dir.path());
    let inbox: Vec<String> = cache.messages("f-in", 0, 10, false).unwrap().into_iter().map(|m| m.id).collect();
    assert_eq!(inbox, ["m2", "m1"]);
    let back = cache.message("m1").unwrap().unwrap();
    assert_eq!(back, header("m1", "f-in", 8, "Quarterly budget review", "Megan"), "a header reads back as written");
    let written = cache
        .in_transaction(|tx| {
            let mut read = header("m1", "f-in", 8, "Quarterly budget review", "Megan");
            read.is_read = true;
            let w = upsert_messages(tx, "f-in", &[read, header("m4", "f-in", 10, "New", "Ann")])?;
            assert_eq!(remove_messages(tx, &["m2".into(), "nowhere".into()])?, 1);
            Ok(w)
        })
        .unwrap();
    assert_eq!((written.added, written.updated), (1, 1));
    assert!(cache.message("m1").unwrap().unwrap().is_read);
    assert_eq!(cache.messages("f-in", 0, 10, true).unwrap().len(), 1, "unread only");
    let keep: HashSet<String> = ["m4".to_owned()].into();
    assert_eq!(cache.in_transaction(|tx| retain_messages(tx, "f-in", &keep)).unwrap(), 1);
    assert_eq!(cache.message_ids("f-in").unwrap(), keep);
}

#[test]
fn the_folder_tree_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let cache = seeded(dir.path());
    let tree: Vec<(String, usize)> = cache.folders().unwrap().into_iter().map(|c| (c.folder.name, c.depth)).collect();
    assert_eq!(tree, [("Inbox".to_owned(), 0), ("Projects".to_owned(), 1), ("Archive".to_owned(), 0)]);
    assert_eq!(cache.find_folder("inbox").unwrap().unwrap().id, "f-in");
    assert_eq!(cache.find_folder("Inbox/projects").unwrap().unwrap().id, "f-pr");
    assert_eq!(cache.find_folder("f-ar").unwrap().unwrap().name, "Archive");
    assert!(cache.find_folder("Nope").unwrap().is_none());
}

#[test]
fn local_search_finds_subject_sender_recipients_and_opened_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let mut cache = seeded(dir.path());
    let ids = |found: Vec<MessageSummary>| found.into_iter().map(|m| m.id).collect::<Vec<_>>();
    assert_eq!(ids(cache.search("budget", None, 10).unwrap()), ["m1", "m3"], "newest first");
    assert_eq!(ids(cache.search("budg", None, 10).unwrap()), ["m1", "m3"], "as you type");
    assert_eq!(ids(cache.search("budget", Some("f-pr"), 10).unwrap()), ["m3"]);
    assert_eq!(ids(cache.search("megan", None, 10).unwrap()), ["m1"]);
    assert_eq!(ids(cache.search("adele", None, 10).unwrap()).len(), 3, "recipients");
    assert!(cache.search("pineapple", None, 10).unwrap().is_empty());
    let mut message = Message { summary: header("m2", "f-in", 9, "Lunch?", "Alex"), ..Message::default() };
    message.body = Body::Html("<p>Shall we try the <b>pineapple</b> pizza?</p>".into());
    cache.store_message(&message).unwrap();
    assert_eq!(ids(cache.search("pineapple pizza", None, 10).unwrap()), ["m2"]);
    assert_eq!(cache.cached_message("m2").unwrap().unwrap().body, message.body);
    // A header rewritten by a later sync keeps its body searchable.
    cache.in_transaction(|tx| upsert_messages(tx, "f-in", &[header("m2", "f-in", 9, "Lunch?", "Alex")])).unwrap();
    assert_eq!(ids(cache.search("pineapple", None, 10).unwrap()), ["m2"]);
    for hostile in ["\"", "AND", "a OR", "NEAR(", "*", "'; DROP TABLE messages; --", "\u{1b}[31m"] {
        assert!(cache.search(hostile, None, 10).is_ok(), "{hostile}");
    }
    cache.in_transaction(|tx| remove_messages(tx, &["m2".into()])).unwrap();
    assert!(cache.search("pineapple", None, 10).unwrap().is_empty(), "removed with its message");
}
