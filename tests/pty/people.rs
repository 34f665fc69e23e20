//! The people pane in the real `o365 --demo`: `5` opens it, the directory is searched for a
//! colleague with `/`, their card shows, and `c` starts a message to them with To filled and the
//! cursor in Subject; the message is then reviewed and sent.
use crate::pty_harness as pty;

use pty::{PinnedHome, PtyProgram, find, row_text};

/// The source the left column's cursor is on.
fn selected_source(screen: &vt100::Screen) -> Option<String> {
    let (row, column) = find(screen, "▸")?;
    (column < 4).then(|| row_text(screen, row).split('│').nth(1).unwrap_or_default().trim().to_owned())
}

#[test]
fn a_colleague_found_in_the_directory_gets_a_message() {
    let home = PinnedHome::new("people");
    let mut app = PtyProgram::spawn(&["--demo"], &home.env(), &home.dir);
    app.wait_until("the Inbox listing", |screen| screen.contents().contains("Inbox · "));

    app.send("5");
    app.wait_until("the contacts of the default folder", |screen| {
        let text = screen.contents();
        text.contains("Address book") && text.contains("Contacts · ")
    });
    for _ in 0..3 {
        let here = app.with_screen(selected_source);
        app.send("j");
        app.wait_until("the cursor on the next source", |screen| selected_source(screen) != here);
    }
    assert_eq!(app.with_screen(selected_source).as_deref(), Some("▸⌕ Directory"));
    app.wait_until("the directory waiting for a term", |screen| screen.contents().contains("Directory · 0"));

    app.send("/");
    app.wait_until("the search prompt", |screen| screen.contents().contains("Search the directory"));
    app.send("megan\r");
    app.wait_until("the colleague and their card", |screen| {
        let text = screen.contents();
        text.contains("Directory · “megan” · 1") && text.contains("Email") && text.contains("Manager")
    });
    let address = app.with_screen(|screen| {
        let text = screen.contents();
        text.split_whitespace().find(|w| w.to_lowercase().starts_with("megan") && w.contains('@')).map(str::to_owned)
    });
    let address = address.expect("the colleague's address on screen");

    app.send("c");
    app.wait_until("compose with the colleague in To", |screen| {
        let text = screen.contents();
        text.contains("New message") && text.lines().any(|l| l.contains("To:") && l.contains(&address))
    });
    // The cursor waits in Subject (To is filled); then the body, the review screen, send.
    app.send("Lunch on Friday?\tThe usual place at noon.");
    app.send("\x1b");
    app.wait_until("the review screen", |screen| {
        let text = screen.contents();
        text.contains("review") && text.lines().any(|l| l.contains("Subject:") && l.contains("Lunch on Friday?"))
    });
    app.send("s");
    app.wait_until("the notice that it was sent", |screen| row_text(screen, 39).contains("Sent"));
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
