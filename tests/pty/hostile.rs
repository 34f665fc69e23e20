//! Hostile remote text against the real terminal: a message whose subject, sender name and body
//! carry OSC 52 (clipboard write), clear-screen, colour, C1 CSI and bidi-override sequences is
//! put into the Inbox of an `o365 sim` through Graph; `o365` in a pseudo-terminal lists and opens
//! it, and none of those sequences reaches the terminal while its text does.
use crate::cli_harness as cli;
use crate::pty_harness as pty;

use cli::{Home, SimProcess, ok};
use pty::{PinnedHome, PtyProgram, find, row_text};
use serde_json::json;

const SUBJECT: &str = "\u{1b}]52;c;ZXZpbA==\u{7} \u{1b}[2J\u{1b}[31mRED \u{202e}txt.exe \u{9b}31mC1 \u{2066}iso";
const SENDER: &str = "\u{1b}]52;c;c2VuZGVy\u{7}Mallory\u{9b}2J \u{202e}Evil\u{1b}[?1049l";
const BODY: &str = "Hello \u{1b}]52;c;Ym9keQ==\u{7}there \u{1b}[2J\u{1b}[H\u{9b}0m\u{202e}reversed\nsecond line";

/// Puts the hostile message into the Inbox with the signed-in user's token, as any client could.
fn plant_message(sim: &SimProcess, home: &Home) {
    let token = home.access_token();
    let message = json!({
        "subject": SUBJECT,
        "from": {"emailAddress": {"name": SENDER, "address": "mallory@evil.test"}},
        "body": {"contentType": "text", "content": BODY},
        "toRecipients": [{"emailAddress": {"name": "Me", "address": "me@contoso.test"}}],
    });
    let url = format!("{}/me/mailFolders/inbox/messages", sim.graph_url);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let status = runtime.block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().expect("http client");
        let response = http.post(&url).bearer_auth(&token).json(&message).send().await.expect("POST the message");
        response.status()
    });
    assert_eq!(status.as_u16(), 201, "the sim stored the message");
}

fn has_bidi_control(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

#[test]
fn escape_sequences_in_a_message_never_reach_the_terminal() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("pty-hostile");
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    plant_message(&sim, &home);

    let pinned = PinnedHome::new("hostile");
    // The client's day is the tenant's.
    let env = pinned.env_with_account(&home.dir, cli::ANCHOR);
    let mut app = PtyProgram::spawn(&[], &env, &pinned.dir);

    // The tenant's own mail ends at its anchor (March 2026); the planted message was received at
    // the tenant's now (the anchor plus the seconds since), so it is the newest: the first row.
    app.wait_until("the planted message at the top of the Inbox", |screen| {
        screen.contents().contains("Inbox · ") && row_text(screen, 2).contains("RED")
    });
    let started = app.written();
    app.send("\t");
    app.send("\r");
    app.wait_until("the planted message in the reader", |screen| {
        let text = screen.contents();
        text.contains("Subject: ") && text.contains("second line")
    });
    app.with_screen(|screen| {
        let text = screen.contents();
        let (row, _) = find(screen, "Subject: ").expect("a Subject line");
        let subject = row_text(screen, row);
        assert!(subject.contains("RED") && subject.contains("txt.exe") && subject.contains("C1"), "{subject}");
        assert!(text.contains("Mallory") && text.contains("mallory@evil.test"), "the sender shows: {text}");
        assert!(text.contains("reversed"), "the body's text shows: {text}");
        assert!(screen.alternate_screen(), "still on the alternate screen: no ?1049l got through");
        assert!(!text.contains("52;c") && !text.contains("[31m") && !text.contains("[2J"), "{text}");
    });
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let raw = app.raw_since(0);
    // Valid UTF-8 throughout: a lone 0x9B byte (8-bit CSI) would not be.
    let output = std::str::from_utf8(&raw).expect("the program wrote valid UTF-8");
    // The program's own window titles (OSC 2, our words and a number) are the one OSC allowed.
    let output = &pty::without_own_titles(output);
    assert!(!output.contains("\u{1b}]52"), "an OSC 52 clipboard write reached the terminal");
    assert!(!output.contains("\u{1b}]"), "an OSC sequence reached the terminal");
    assert!(!output.contains('\u{7}'), "a BEL (an OSC terminator) reached the terminal");
    assert!(!output.contains('\u{9b}'), "a C1 CSI reached the terminal");
    assert!(!has_bidi_control(output), "a bidi override or isolate reached the terminal");
    let after_start = String::from_utf8_lossy(&raw[started..]);
    assert!(!after_start.contains("\u{1b}[2J"), "a clear-screen reached the terminal after start-up");
    // The one leave-alternate-screen is the program's own, at exit.
    assert_eq!(output.matches("\u{1b}[?1049l").count(), 1, "only the exit leaves the alternate screen");
}
