//! New mail in the real `o365` against an `o365 sim` (issue 10): after the interface's first
//! sync, a message sent to the signed-in user arrives; `r` syncs, the status bar says so, the
//! notifier named in `O365_NOTIFIER` (a stub script writing its arguments into a named pipe,
//! which the test reads) gets notify-send's arguments with the subject's markup escaped, and
//! the window title counts one more unread message.
use crate::cli_harness as cli;
use crate::pty_harness as pty;

use cli::{Home, SimProcess, ok};
use pty::{PinnedHome, PtyProgram, TIMEOUT, fifo, row_text, set_env};
use serde_json::json;

const SUBJECT: &str = "Lunch <b>today</b> & more";

/// Sends a message to the signed-in user through Graph, with the user's token, as any client
/// could; the tenant delivers an unread copy into the Inbox.
fn mail_myself(sim: &SimProcess, home: &Home) {
    let token = home.access_token();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().expect("http client");
        let me: serde_json::Value = http
            .get(format!("{}/me", sim.graph_url))
            .bearer_auth(&token)
            .send()
            .await
            .expect("GET /me")
            .json()
            .await
            .expect("the user");
        let address = me["mail"].as_str().or(me["userPrincipalName"].as_str()).expect("an address").to_owned();
        let message = json!({"message": {
            "subject": SUBJECT,
            "body": {"contentType": "text", "content": "At noon?"},
            "toRecipients": [{"emailAddress": {"address": address}}],
        }});
        let sent = http
            .post(format!("{}/me/sendMail", sim.graph_url))
            .bearer_auth(&token)
            .json(&message)
            .send()
            .await
            .expect("POST sendMail");
        assert_eq!(sent.status().as_u16(), 202, "the sim took the message");
    });
}

/// The Inbox's unread count as the folder tree shows it (row 2: the Inbox is the first folder).
fn inbox_unread(screen: &vt100::Screen) -> Option<u64> {
    let row = row_text(screen, 2);
    let after = &row[row.find("Inbox")? + "Inbox".len()..];
    after.split('│').next()?.trim().parse().ok()
}

#[test]
fn new_mail_is_noticed_told_to_the_desktop_and_counted_in_the_title() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("pty-notify");
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));

    let pinned = PinnedHome::new("notify");
    let pipe = pinned.dir.join("notified.fifo");
    let told = fifo(&pipe);
    let stub = pinned.dir.join("notifier.sh");
    std::fs::write(&stub, format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", pipe.display())).unwrap();
    std::fs::set_permissions(&stub, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let mut env = pinned.env_with_account(&home.dir, cli::ANCHOR);
    set_env(&mut env, "O365_NOTIFIER", stub.as_os_str());
    let mut app = PtyProgram::spawn(&[], &env, &pinned.dir);

    // The first sync fills the cache: what the Inbox held is not new mail.
    app.wait_until("the Inbox listed and the first sync done", |screen| {
        screen.contents().contains("Inbox · ") && row_text(screen, 39).contains("synced ")
    });
    let before = app.with_titles(|screen, titles| {
        let unread = inbox_unread(screen).expect("the Inbox has unread mail");
        assert_eq!(titles.title, format!("o365 - {unread} unread"));
        unread
    });
    assert!(!app.screen().contains("new message"), "{}", app.screen());

    mail_myself(&sim, &home);
    app.send("r");
    app.wait_until("the notice of new mail", |screen| row_text(screen, 39).contains("1 new message in the Inbox"));
    let arguments = told.recv_timeout(TIMEOUT).expect("the notifier ran");
    let arguments: Vec<&str> = arguments.lines().collect();
    assert_eq!(arguments[..4], ["--app-name=o365", "--category=email.arrived", "--", "1 new message in the Inbox"]);
    assert!(
        arguments[4].ends_with(": Lunch &lt;b&gt;today&lt;/b&gt; &amp; more"),
        "the sender, then the subject with its markup escaped: {arguments:?}"
    );
    app.wait_until("the Inbox counting the new message", |screen| inbox_unread(screen) == Some(before + 1));
    app.with_titles(|_, titles| assert_eq!(titles.title, format!("o365 - {} unread", before + 1)));

    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    app.with_titles(|_, titles| assert!(titles.title.is_empty() && titles.stack.is_empty(), "{titles:?}"));
}
