//! The Drive pane in the real `o365 --demo` (issue 8): Enter on a file downloads it and hands it
//! to the opener named in `O365_OPENER` (a stub script that writes the path it got into a named
//! pipe, which this test reads: the pipe, not a sleep, waits for it); `u` uploads a local file
//! picked with Tab completion; `e` renames it; `d` asks, `n` keeps it, `y` deletes it.
use std::path::PathBuf;

use crate::pty_harness as pty;

use pty::{PinnedHome, PtyProgram, TIMEOUT, fifo, set_env};

/// The value of the details column's `label` line (the selected item's), if shown.
fn detail(screen: &vt100::Screen, label: &str) -> Option<String> {
    screen.contents().lines().find_map(|line| {
        let (_, rest) = line.split_once(&format!("│{label:<9}"))?;
        Some(rest.trim_end_matches(['│', ' ']).to_owned())
    })
}

/// Moves down until the details show `wanted` (`Name` or `Type`), at most `rows` steps.
fn select_where(app: &mut PtyProgram, label: &str, wanted: impl Fn(&str) -> bool, rows: usize) {
    for _ in 0..rows {
        if app.with_screen(|s| detail(s, label)).is_some_and(|v| wanted(&v)) {
            return;
        }
        let before = app.with_screen(|s| detail(s, "Name"));
        app.send("j");
        app.wait_until("the next row selected", |s| detail(s, "Name") != before);
    }
    panic!("no row with a matching {label}; the screen:\n{}", app.screen());
}

#[test]
fn download_and_open_upload_with_completion_rename_and_delete_with_confirmation() {
    let home = PinnedHome::new("drive");
    let pipe = home.dir.join("opened.fifo");
    let opened = fifo(&pipe);
    let stub = home.dir.join("opener.sh");
    std::fs::write(&stub, format!("#!/bin/sh\nprintf '%s\\n' \"$1\" > '{}'\n", pipe.display())).unwrap();
    std::fs::set_permissions(&stub, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let local = home.dir.join("home").join("quarterly notes.txt");
    std::fs::write(&local, "q3: 42\n").unwrap();
    let mut env = home.env();
    set_env(&mut env, "O365_OPENER", stub.as_os_str());
    let mut app = PtyProgram::spawn(&["--demo"], &env, &home.dir);
    app.wait_until("the Inbox listing", |screen| screen.contents().contains("Inbox · "));

    app.send("3");
    app.wait_until("the drive root with details", |s| {
        s.contents().contains("My drive · ") && detail(s, "Name").is_some()
    });
    select_where(&mut app, "Name", |name| name == "Documents", 20);
    app.send("\r");
    app.wait_until("the Documents folder", |s| s.contents().contains("Documents · ") && detail(s, "Name").is_some());
    select_where(&mut app, "Type", |kind| kind.starts_with("File"), 40);
    let name = app.with_screen(|s| detail(s, "Name")).unwrap();

    // Enter on a file: downloaded into a private folder and handed to the stub opener.
    app.send("\r");
    app.wait_until("the notice that it opened", |s| s.contents().contains("Opened "));
    let path = PathBuf::from(opened.recv_timeout(TIMEOUT).expect("the opener ran").trim_end());
    assert!(path.starts_with(home.dir.join("tmp")), "under TMPDIR: {}", path.display());
    let meta = std::fs::metadata(path.parent().unwrap()).unwrap();
    assert_eq!(std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o777, 0o700, "a private folder");
    assert!(std::fs::metadata(&path).unwrap().is_file(), "downloaded: {}", path.display());
    assert!(!name.is_empty());

    // u: a local file picked with Tab completion, uploaded into Documents.
    app.send("u");
    app.wait_for_text("Upload which file or folder?");
    app.send("~/quar\t");
    app.wait_until("the completed path", |s| s.contents().contains("~/quarterly notes.txt"));
    app.send("\r");
    app.wait_until("the upload listed and selected", |s| {
        s.contents().contains("Uploaded quarterly notes.txt")
            && detail(s, "Name").as_deref() == Some("quarterly notes.txt")
    });

    // e: renamed on the service; the new name shows.
    app.send("e");
    app.wait_for_text("Rename to");
    app.send(&"\x7f".repeat("quarterly notes.txt".chars().count()));
    app.send("notes été.txt\r");
    app.wait_until("the new name", |s| {
        s.contents().contains("Renamed to notes été.txt") && detail(s, "Name").as_deref() == Some("notes été.txt")
    });

    // d asks first: n keeps the file, y deletes it to the recycle bin.
    app.send("d");
    app.wait_for_text("Delete notes été.txt to the recycle bin?");
    app.send("n");
    app.wait_until("the question gone, the file kept", |s| {
        !s.contents().contains("to the recycle bin?") && s.contents().contains("notes été.txt")
    });
    app.send("d");
    app.wait_for_text("Delete notes été.txt to the recycle bin?");
    app.send("y");
    app.wait_until("the file gone and the notice", |s| {
        let text = s.contents();
        text.contains("Deleted notes été.txt (it is in the recycle bin)") && !text.contains("│  notes été.txt")
    });
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
