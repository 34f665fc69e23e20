//! The real `o365 --demo` full-screen UI in a 140x40 pseudo-terminal: the first screen, opening
//! a message, the Calendar, Drive and Tasks panes by their number keys, and `q` leaving the
//! terminal as it found it (normal screen, cursor shown, line mode back) with exit code 0; a
//! resize redrawing at the new size; SIGTERM restoring the terminal too (the window title
//! counting the Inbox's unread mail while it runs, put back either way); either way the demo's
//! temporary tenant is gone from TMPDIR. And a command's log lines on a terminal: coloured,
//! unless `NO_COLOR` is set.
use crate::pty_harness as pty;

use pty::{LEAVE_ALTERNATE_SCREEN, PinnedHome, PtyProgram, SHOW_CURSOR, find, pinned_today, row_text, set_env};

/// What the program left in its TMPDIR (the demo's tenant lives there while it runs).
fn left_in_tmp(home: &PinnedHome) -> Vec<String> {
    let entries = std::fs::read_dir(home.dir.join("tmp")).map(|d| d.flatten().collect::<Vec<_>>());
    entries.unwrap_or_default().iter().map(|e| e.file_name().to_string_lossy().into_owned()).collect()
}

/// The value after `label` on the first row that has it, up to the column's border.
fn labelled(screen: &vt100::Screen, label: &str) -> Option<String> {
    let (row, _) = find(screen, label)?;
    let line = row_text(screen, row);
    let after = &line[line.find(label)? + label.len()..];
    Some(after.split('│').next()?.trim().to_owned())
}

#[test]
fn demo_walk_through_every_pane_then_quit_restores_the_terminal() {
    let home = PinnedHome::new("demo");
    let mut app = PtyProgram::spawn(&["--demo"], &home.env(), &home.dir);

    first_screen(&app);
    assert!(
        left_in_tmp(&home).iter().any(|n| n.starts_with("o365-demo-")),
        "the demo's tenant: {:?}",
        left_in_tmp(&home)
    );
    assert_eq!(app.local_flags() & libc::ICANON, 0, "raw mode while the UI runs");
    app.with_screen(|screen| {
        assert!(screen.alternate_screen(), "the UI draws on the alternate screen");
        assert!(row_text(screen, 2).contains("▸Inbox"), "the Inbox is selected: {}", screen.contents());
    });
    // The window's title counts the Inbox's unread mail, as the folder tree does; the title
    // the window had was saved first.
    // It is written before the frame that shows the count, so it is here by now.
    app.with_titles(|screen, titles| {
        let row = row_text(screen, 2);
        let after = &row[row.find("▸Inbox").unwrap() + "▸Inbox".len()..];
        let inbox_unread = after.split('│').next().unwrap().trim().parse::<u64>().unwrap_or(0);
        assert_eq!(titles.title, format!("o365 - {inbox_unread} unread"), "{titles:?}");
        assert_eq!(titles.stack, [""], "the window's own title saved once: {titles:?}");
    });

    // Tab to the message list, Enter opens the newest message in the reader.
    app.send("\t");
    app.send("\r");
    app.wait_until("the reader with the message's headers", |screen| {
        labelled(screen, "From:").is_some_and(|v| v.contains('@')) && labelled(screen, "Subject:").is_some()
    });
    app.with_screen(|screen| {
        let subject = labelled(screen, "Subject:").unwrap_or_default();
        let start: String = subject.chars().take(12).collect();
        // The list's first row is the message the reader shows (its subject column may be cut).
        let first_row = row_text(screen, 2);
        assert!(!start.is_empty() && first_row.contains(&start), "reader {subject:?} vs first row {first_row:?}");
        assert!(labelled(screen, "Date:").is_some(), "{}", screen.contents());
    });

    // Today is headed whether or not it has events (a Sunday often has none).
    app.send("2");
    let today = format!("{} · today", pinned_today());
    app.wait_until(&format!("the calendar agenda of this week, headed {today:?}"), |screen| {
        let text = screen.contents();
        text.contains("Agenda · ") && text.contains(&today) && text.contains("Event")
    });

    app.send("3");
    app.wait_until("the drive root, folders first, with details", |screen| {
        let text = screen.contents();
        text.contains("My drive · ") && text.contains("▸ Documents/") && text.contains("Details")
    });

    app.send("4");
    app.wait_until("the Tasks tab highlighted, the lists and the first list's tasks", |screen| {
        let Some((row, column)) = find(screen, "4 Tasks") else { return false };
        let Some((_, mail)) = find(screen, "1 Mail") else { return false };
        let active = screen.cell(row, column).is_some_and(|c| c.bold() && c.underline());
        let inactive = screen.cell(row, mail).is_some_and(|c| !c.bold() && !c.underline());
        let text = screen.contents();
        // The demo's To Do lists, the first list's tasks with their status marks.
        active && inactive && text.contains("┌Lists") && text.contains("Tasks · ") && text.contains("[ ]")
    });

    let before_quit = app.written();
    app.send("q");
    assert_eq!(app.wait_exit(), 0, "quitting exits 0");
    let after = String::from_utf8_lossy(&app.raw_since(before_quit)).into_owned();
    assert!(after.contains(LEAVE_ALTERNATE_SCREEN), "left the alternate screen: {after:?}");
    assert!(after.contains(SHOW_CURSOR), "showed the cursor: {after:?}");
    assert!(after.contains("\x1b[?1000l") || after.contains("\x1b[?1006l"), "mouse reports off: {after:?}");
    app.with_screen(|screen| assert!(!screen.alternate_screen() && !screen.hide_cursor(), "normal screen, cursor on"));
    assert_ne!(app.local_flags() & libc::ICANON, 0, "line mode restored");
    assert_ne!(app.local_flags() & libc::ECHO, 0, "echo restored");
    app.with_titles(|_, titles| {
        assert!(titles.title.is_empty() && titles.stack.is_empty(), "title put back: {titles:?}")
    });
    assert_eq!(left_in_tmp(&home), Vec::<String>::new(), "q removed the demo's temporary files");
}

/// The first screen: folders and the Inbox's first page.
fn first_screen(app: &PtyProgram) {
    app.wait_until("folders and the Inbox listing", |screen| {
        let text = screen.contents();
        text.contains("Folders") && text.contains("Sent Items") && text.contains("Inbox · 100 of")
    });
}

#[test]
fn a_resized_terminal_is_redrawn_at_its_new_size_and_sigterm_restores_it() {
    let home = PinnedHome::new("resize");
    let mut app = PtyProgram::spawn(&["--demo"], &home.env(), &home.dir);
    first_screen(&app);
    assert!(
        left_in_tmp(&home).iter().any(|n| n.starts_with("o365-demo-")),
        "the demo's tenant: {:?}",
        left_in_tmp(&home)
    );
    app.with_screen(|screen| assert!(row_text(screen, 39).contains("q quit"), "{}", screen.contents()));

    app.resize(20, 60);
    // 60 columns show one column at a time: the folders, with the status bar on the new last row.
    app.wait_until("the narrow layout on 20 rows", |screen| {
        let text = screen.contents();
        row_text(screen, 19).contains("quit") && text.contains("┌Folders") && !text.contains("┌Message")
    });

    let before = app.written();
    app.signal(libc::SIGTERM);
    assert_eq!(app.wait_exit(), 0, "SIGTERM ends the UI like q");
    let after = String::from_utf8_lossy(&app.raw_since(before)).into_owned();
    assert!(after.contains(LEAVE_ALTERNATE_SCREEN) && after.contains(SHOW_CURSOR), "restored: {after:?}");
    app.with_titles(|_, titles| {
        assert!(titles.title.is_empty() && titles.stack.is_empty(), "title put back: {titles:?}")
    });
    assert_ne!(app.local_flags() & libc::ICANON, 0, "line mode restored");
    assert_eq!(left_in_tmp(&home), Vec::<String>::new(), "SIGTERM removed the demo's temporary files");
}

/// Issue 14, failure 9: colour only on a terminal, and never with `NO_COLOR` (no-color.org).
/// A warning (a client_secret in a file others can read) is coloured on the terminal, and
/// plain there too once NO_COLOR is set.
#[test]
fn a_commands_log_lines_are_coloured_on_a_terminal_unless_no_color_is_set() {
    let home = PinnedHome::new("no-color");
    let dir = home.dir.join("config/o365");
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        "[accounts.robot]\nclient_id = \"x\"\ntenant = \"contoso.onmicrosoft.com\"\nauth_flow = \"client_credentials\"\n\
         client_secret = \"s\"\nmailbox = \"user:a@contoso.com\"\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let written = |env: &[(String, std::ffi::OsString)]| {
        let mut program = PtyProgram::spawn(&["whoami"], env, &home.dir);
        assert_eq!(program.wait_exit(), 1, "not signed in");
        String::from_utf8_lossy(&program.raw_since(0)).into_owned()
    };
    let coloured = written(&home.env());
    assert!(coloured.contains("readable by other users") && coloured.contains('\u{1b}'), "{coloured:?}");
    let mut env = home.env();
    set_env(&mut env, "NO_COLOR", "1");
    let plain = written(&env);
    assert!(plain.contains("readable by other users") && plain.contains("not signed in"), "{plain:?}");
    assert!(!plain.contains('\u{1b}'), "NO_COLOR: {plain:?}");
}
