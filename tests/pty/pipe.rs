//! Piping the open message to a command in the real `o365 --demo` (issue 13, as mutt's `|`):
//! the command gets the terminal (the interface steps aside as it does for `$EDITOR`) and the
//! message as the reader shows it on its standard input; Enter brings the interface back,
//! redrawn, with how the command ended in the status bar.
use crate::pty_harness as pty;

use pty::{PinnedHome, PtyProgram, find, row_text};

/// The value after `label` on the first row that has it, up to the column's border.
fn labelled(screen: &vt100::Screen, label: &str) -> Option<String> {
    let (row, _) = find(screen, label)?;
    let line = row_text(screen, row);
    let after = &line[line.find(label)? + label.len()..];
    Some(after.split('│').next()?.trim().to_owned())
}

#[test]
fn the_open_message_is_piped_to_a_command_and_enter_returns_to_the_interface() {
    let home = PinnedHome::new("pipe");
    let out = home.dir.join("piped.txt");
    let mut app = PtyProgram::spawn(&["--demo"], &home.env(), &home.dir);
    app.wait_until("the Inbox listing", |screen| screen.contents().contains("Inbox · "));
    app.send("\t");
    app.send("\r");
    app.wait_until("the reader", |screen| labelled(screen, "Subject:").is_some_and(|s| !s.is_empty()));
    let subject = app.with_screen(|screen| labelled(screen, "Subject:").unwrap_or_default());
    app.send("|");
    app.wait_until("the prompt for the command", |screen| screen.contents().contains("Pipe the message to"));
    app.send(&format!("cat > '{}'; echo piped-ok\r", out.display()));
    app.wait_until("the command's output and the way back", |screen| {
        let text = screen.contents();
        !screen.alternate_screen() && text.contains("piped-ok") && text.contains("Press Enter to return")
    });
    app.send("\r");
    app.wait_until("the interface again, saying how the command ended", |screen| {
        screen.alternate_screen() && screen.contents().contains("Inbox · ") && screen.contents().contains("ended")
    });
    let piped = std::fs::read_to_string(&out).unwrap();
    let start: String = subject.chars().take(12).collect();
    assert!(piped.contains("Subject:") && piped.contains(&start), "{piped}");
    assert!(piped.contains("From:"), "{piped}");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
