//! The full-screen interface signed in with fewer permissions than it uses, against an
//! `o365 sim` that enforces them: the pane that needs the missing one says which permission and
//! how to add it; the mail pane, which has its permission, keeps working.
use crate::cli_harness as cli;
use crate::pty_harness as pty;

use std::process::{Command, Stdio};

use cli::SimProcess;
use pty::{PinnedHome, PtyProgram};

#[test]
fn a_pane_without_its_permission_says_which_and_the_others_work() {
    let sim = SimProcess::start(&[]);
    let home = PinnedHome::new("permissions");
    let config_dir = home.dir.join("config").join("o365");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        format!(
            "[accounts.sim]\nclient_id = \"{}\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\nscopes = [\"User.Read\", \"Mail.Read\"]\n",
            sim.client_id, sim.graph_url, sim.authority_url
        ),
    )
    .unwrap();
    let login = Command::new(pty::BIN)
        .arg("login")
        .env_clear()
        .envs(home.env())
        .current_dir(&home.dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(login.status.success(), "{}", String::from_utf8_lossy(&login.stderr));

    let mut app = PtyProgram::spawn(&[], &home.env(), &home.dir);
    app.wait_until("the Inbox with messages", |screen| screen.contents().contains("▸Inbox"));
    app.send("2");
    app.wait_until("the calendar pane naming Calendars.Read", |screen| {
        let text = screen.contents();
        // The pane wraps the sentence; the status bar cuts it (L shows it whole).
        text.contains("permission Calendars.Read") && text.contains("o365 login --scopes")
    });
    app.send("1");
    app.wait_until("the mail pane again", |screen| screen.contents().contains("▸Inbox"));
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
