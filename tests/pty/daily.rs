//! Issue 13, "The daily driver", in a pseudo-terminal: SIGHUP restores the terminal like
//! SIGTERM and leaves no temporary file (the demo's tenant, an opened attachment); an error on
//! the status bar is in o365.log and in full behind Ctrl-N; a task's note goes through `$EDITOR`;
//! two accounts of the config switched with Ctrl-A, each keeping its own panes, and a slow
//! account's late answers never reaching the other's screen.
use crate::cli_harness as cli;
use crate::pty_harness as pty;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pty::{LEAVE_ALTERNATE_SCREEN, PinnedHome, PtyProgram, SHOW_CURSOR, row_text, set_env};

fn first_screen(app: &PtyProgram) {
    app.wait_until("folders and the Inbox listing", |screen| {
        let text = screen.contents();
        text.contains("Folders") && text.contains("Sent Items") && text.contains("Inbox · ")
    });
}

/// A script standing in for a program, first on PATH.
fn script(home: &PinnedHome, name: &str, body: &str) -> PathBuf {
    let dir = home.dir.join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn with_bin_first(home: &PinnedHome, env: &mut Vec<(String, OsString)>) {
    let mut path = OsString::from(home.dir.join("bin"));
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    set_env(env, "PATH", path);
}

fn entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).map_or(Vec::new(), |d| d.flatten().map(|e| e.file_name().to_string_lossy().into()).collect())
}

fn wait_for_file(path: &Path) -> String {
    let deadline = Instant::now() + pty::TIMEOUT;
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        assert!(Instant::now() < deadline, "{} never appeared", path.display());
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sighup_restores_the_terminal_and_removes_the_demo_and_an_opened_attachment() {
    let home = PinnedHome::new("sighup");
    let opened = home.dir.join("opened.txt");
    script(&home, "xdg-open", &format!("echo \"$1\" >> '{}'", opened.display()));
    let mut env = home.env();
    with_bin_first(&home, &mut env);
    let mut app = PtyProgram::spawn(&["--demo"], &env, &home.dir);
    first_screen(&app);
    let tmp = home.dir.join("tmp");
    assert!(entries(&tmp).iter().any(|n| n.starts_with("o365-demo-")), "the demo's data dir: {:?}", entries(&tmp));

    // Only messages with attachments; open the first, then its (first) attachment.
    app.send("@");
    // The title counts the rows once the filtered list has arrived (the status bar names the
    // filter while it loads, and keys typed then would act on the list before it).
    app.wait_until("the filtered list", |s| {
        let title = row_text(s, 1);
        title
            .split("with attachments only · ")
            .nth(1)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    });
    // The filtered list has the focus: Enter opens its first message.
    app.send("\r");
    app.wait_for_text("Attachments");
    app.send("o");
    app.wait_until("the attachment opened, or the choice of one", |s| {
        s.contents().contains("Open which attachment?") || s.contents().contains("Opened ")
    });
    if app.screen().contains("Open which attachment?") {
        app.send("\r");
    }
    app.wait_for_text("Opened ");
    let file = PathBuf::from(wait_for_file(&opened).trim());
    assert!(file.starts_with(&tmp) && file.is_file(), "opened from the session's temporary folder: {file:?}");

    let before = app.written();
    app.signal(libc::SIGHUP);
    assert_eq!(app.wait_exit(), 0, "SIGHUP ends the UI like q");
    let after = String::from_utf8_lossy(&app.raw_since(before)).into_owned();
    assert!(after.contains(LEAVE_ALTERNATE_SCREEN) && after.contains(SHOW_CURSOR), "restored: {after:?}");
    assert_ne!(app.local_flags() & libc::ICANON, 0, "line mode restored");
    assert!(!file.exists(), "the opened attachment is gone");
    assert!(entries(&tmp).is_empty(), "nothing left in TMPDIR: {:?}", entries(&tmp));
}

#[test]
fn an_error_is_logged_and_shown_in_full_with_the_ones_before() {
    let home = PinnedHome::new("notices");
    let mut app = PtyProgram::spawn(&["--demo"], &home.env(), &home.dir);
    first_screen(&app);
    app.send("4");
    app.wait_until("the To Do lists", |s| s.contents().contains("┌Lists") && s.contents().contains("open of"));
    // The default list belongs to To Do: deleting it is refused with an error.
    app.send("d");
    app.wait_for_text("full error");
    app.send("\x0e"); // Ctrl-N
    app.wait_until("the notices overlay with the error in full", |s| {
        let text = s.contents();
        text.contains("Notices, newest first") && text.contains("belongs to To Do itself and cannot be deleted")
    });
    // Esc and q typed at once would read as Alt-q: the overlay closes first.
    app.send("\x1b");
    app.wait_until("the overlay closed", |s| !s.contents().contains("Notices, newest first"));
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let log = std::fs::read_to_string(home.dir.join("data/o365/o365.log")).expect("o365.log");
    assert!(log.contains("[demo] The list Tasks belongs to To Do itself and cannot be deleted"), "{log}");
}

#[test]
fn a_tasks_note_is_edited_in_the_editor_as_several_lines() {
    let home = PinnedHome::new("note-editor");
    let seen = home.dir.join("editor-file.txt");
    let editor = script(
        &home,
        "fake-editor",
        &format!("echo \"$1\" > '{}'\nprintf 'Second line from the editor\\n' >> \"$1\"", seen.display()),
    );
    let mut env = home.env();
    set_env(&mut env, "EDITOR", editor.into_os_string());
    let mut app = PtyProgram::spawn(&["--demo"], &env, &home.dir);
    first_screen(&app);
    app.send("4");
    app.wait_until("the tasks", |s| s.contents().contains("open of"));
    app.send("\t");
    app.send("n");
    app.wait_for_text("Second line from the editor");
    let file = PathBuf::from(std::fs::read_to_string(&seen).unwrap().trim());
    assert!(!file.exists(), "the editor's file is removed afterwards");
    app.wait_until("the note saved without an error", |s| !s.contents().contains("failed"));
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

/// Two accounts, each on a simulated tenant of its own (different data), both signed in.
fn two_accounts(home: &PinnedHome, work: &cli::SimProcess, personal: &cli::SimProcess) {
    let dir = home.dir.join("config/o365");
    std::fs::create_dir_all(&dir).unwrap();
    let account = |name: &str, sim: &cli::SimProcess| {
        format!(
            "[accounts.{name}]\nclient_id = \"{}\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\ntimezone = \"UTC\"\n\n",
            sim.client_id, sim.graph_url, sim.authority_url
        )
    };
    let config = format!("default_account = \"work\"\n\n{}{}", account("work", work), account("personal", personal));
    std::fs::write(dir.join("config.toml"), config).unwrap();
    for name in ["work", "personal"] {
        let output = std::process::Command::new(pty::BIN)
            .args(["--account", name, "login"])
            .env_clear()
            .envs(home.env())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(output.status.success(), "login {name}: {}", String::from_utf8_lossy(&output.stderr));
    }
}

/// The message list's title ("Inbox · 100 of 1234"): each tenant has its own count.
fn inbox_title(screen: &vt100::Screen) -> String {
    let row = row_text(screen, 1);
    let from = row.find("Inbox · ").unwrap_or(row.len());
    row[from..].split('─').next().unwrap_or_default().to_owned()
}

fn status_names(screen: &vt100::Screen, account: &str) -> bool {
    row_text(screen, pty::ROWS - 1).starts_with(&format!(" {account} "))
}

#[test]
fn accounts_switch_with_ctrl_a_each_with_its_own_panes_and_late_answers_stay_home() {
    // The work tenant answers slowly: its loads are still on the way when we switch away, and
    // its answers arrive while the personal account is in view. The tenants differ in size, so
    // the Inbox titles tell them apart.
    let work = cli::SimProcess::start(&["--seed", "1", "--messages", "300", "--delay-ms", "1500"]);
    let personal = cli::SimProcess::start(&["--seed", "42", "--messages", "900"]);
    let home = PinnedHome::new("accounts");
    two_accounts(&home, &work, &personal);
    let mut app = PtyProgram::spawn(&[], &home.env(), &home.dir);
    app.wait_until("the work account named in the status bar", |s| status_names(s, "work"));
    app.send("4");
    app.send("\x01");
    app.wait_until("the account picker", |s| {
        s.contents().contains("Switch to account") && s.contents().contains("personal")
    });
    app.send("j\r");
    app.wait_until("the personal account's Inbox", |s| {
        status_names(s, "personal") && s.contents().contains("Inbox · ")
    });
    let personal_inbox = app.with_screen(inbox_title);

    // Back to work: still on its Tasks pane, loaded by the answers that came meanwhile.
    app.send("\x01");
    app.wait_for_text("Switch to account");
    app.send("k\r");
    app.wait_until("the work account, still on its Tasks pane, loaded", |s| {
        status_names(s, "work") && s.contents().contains("┌Lists") && s.contents().contains("open of")
    });
    app.send("1");
    app.wait_until("the work Inbox", |s| s.contents().contains("Inbox · ") && !s.contents().contains("Loading"));
    let work_inbox = app.with_screen(inbox_title);
    assert_ne!(work_inbox, personal_inbox, "each tenant has its own mail");

    // Every work answer has arrived by now; none of them reached the personal account.
    app.send("\x01");
    app.wait_for_text("Switch to account");
    app.send("j\r");
    app.wait_until("the personal account again", |s| status_names(s, "personal") && s.contents().contains("Inbox · "));
    app.with_screen(|screen| {
        assert_eq!(inbox_title(screen), personal_inbox, "{}", screen.contents());
        assert!(!screen.contents().contains("┌Lists"), "the work account's Tasks pane did not follow");
    });
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
