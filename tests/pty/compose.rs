//! Writing mail end to end in the real `o365 --demo`: `EDITOR` is a script that fills in the
//! header block and writes the body; `c` hands it the terminal, the review screen shows what it
//! wrote, `q` there asks before quitting (`n` stays), `s` sends, and the message is then on
//! screen in Sent Items.
use crate::pty_harness as pty;

use std::ffi::OsString;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;

use pty::{PinnedHome, PtyProgram, find, row_text};

const SUBJECT: &str = "Numbers from the pty test";

/// The folder the tree's cursor is on (the folder column is the leftmost).
fn selected_folder(screen: &vt100::Screen) -> Option<String> {
    let (row, column) = find(screen, "▸")?;
    (column < 4).then(|| {
        row_text(screen, row).split('│').nth(1).unwrap_or_default().trim_start_matches(['▸', ' ']).trim_end().to_owned()
    })
}

#[test]
fn a_message_written_in_a_scripted_editor_is_sent_and_shows_in_sent_items() {
    let home = PinnedHome::new("compose");
    let script = home.dir.join("editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             sed -i -e 's/^To:.*/To: megan@contoso.test/' -e 's/^Subject:.*/Subject: {SUBJECT}/' \"$1\"\n\
             printf 'The quarter closed well.\\n' >> \"$1\"\n"
        ),
    )
    .unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    let mut env = home.env();
    env.push(("EDITOR".to_owned(), OsString::from(&script)));
    let mut app = PtyProgram::spawn(&["--demo"], &env, &home.dir);
    app.wait_until("the Inbox listing", |screen| screen.contents().contains("Inbox · "));

    app.send("c");
    app.wait_until("the review screen with what the editor wrote", |screen| {
        let text = screen.contents();
        text.contains("review") && text.contains(SUBJECT) && text.contains("megan@contoso.test")
    });
    // `q` on the review screen asks before anything is lost; `n` goes back to the message.
    app.send("q");
    app.wait_until("the question before quitting", |screen| screen.contents().contains("save it to Drafts"));
    app.send("n");
    app.wait_until("the review screen again", |screen| {
        let text = screen.contents();
        text.contains("review") && text.contains(SUBJECT) && !text.contains("save it to Drafts")
    });
    app.send("s");
    app.wait_until("the notice that it was sent", |screen| row_text(screen, 39).contains("Sent"));

    // Down the folder tree (each folder opens as the cursor reaches it) to Sent Items.
    for _ in 0..30 {
        let here = app.with_screen(selected_folder);
        if here.as_deref().is_some_and(|name| name.starts_with("Sent Items")) {
            break;
        }
        app.send("j");
        app.wait_until("the cursor on the next folder", |screen| selected_folder(screen) != here);
    }
    app.wait_until("the sent message in Sent Items", |screen| {
        let text = screen.contents();
        text.contains("Sent Items · ") && text.contains(SUBJECT)
    });
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    // The demo keeps its local drafts in its own temporary data directory, never in the user's.
    let drafts = home.dir.join("data").join("o365").join("compose");
    assert!(!drafts.exists(), "--demo wrote drafts into the user's data directory: {}", drafts.display());
}
