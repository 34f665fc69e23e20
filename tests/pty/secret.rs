//! `o365 secret set` at a terminal (issue 14): the secret typed at a prompt is never echoed,
//! and the terminal's echo and line mode come back however the prompt ends: Enter, Ctrl-C, or
//! SIGTERM from outside. Where the OS keyring cannot be used it says so before prompting.
use std::process::Command;

use crate::cli_harness::SimProcess;
use crate::pty_harness as pty;

use pty::{PinnedHome, PtyProgram};

/// A client credentials account `robot` on `sim` whose secret is in the keyring.
fn configure(home: &PinnedHome, sim: &SimProcess) {
    let dir = home.dir.join("config/o365");
    std::fs::create_dir_all(&dir).unwrap();
    let config = format!(
        "[accounts.robot]\nclient_id = \"{}\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\n\
         tenant = \"contoso.onmicrosoft.com\"\nauth_flow = \"client_credentials\"\nclient_secret_store = \"keyring\"\n\
         mailbox = \"user:adele@contoso.com\"\n",
        sim.client_id, sim.graph_url, sim.authority_url
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
}

/// `o365 ARGS` off the terminal, in the same home; its stdout.
fn o365(home: &PinnedHome, args: &[&str]) -> String {
    let output = Command::new(pty::BIN).args(args).env_clear().envs(home.env()).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Starts `o365 secret set` and waits for its prompt; `None` when the keyring cannot be used
/// here (said, exit 1, before any prompt).
fn prompt(home: &PinnedHome) -> Option<PtyProgram> {
    let mut set = PtyProgram::spawn(&["secret", "set"], &home.env(), &home.dir);
    set.wait_until("the prompt, or the keyring refused", |screen| {
        screen.contents().contains("(not shown; Enter ends, Ctrl-C cancels)")
            || screen.contents().contains("cannot be used here")
    });
    if set.screen().contains("cannot be used here") {
        assert_eq!(set.wait_exit(), 1);
        return None;
    }
    assert_eq!(set.local_flags() & libc::ECHO, 0, "nothing typed is echoed");
    Some(set)
}

fn assert_restored(set: &PtyProgram) {
    assert_ne!(set.local_flags() & libc::ECHO, 0, "echo restored");
    assert_ne!(set.local_flags() & libc::ICANON, 0, "line mode restored");
}

#[test]
fn a_typed_secret_is_never_shown_and_every_way_out_restores_the_terminal() {
    let sim = SimProcess::start(&[]);
    let home = PinnedHome::new("secret");
    configure(&home, &sim);
    let Some(mut set) = prompt(&home) else { return };
    set.send("half-typed");
    set.send("\x03");
    assert_eq!(set.wait_exit(), 1, "Ctrl-C cancels");
    assert_restored(&set);
    assert!(set.screen().contains("o365: error: cancelled: no secret was stored"), "{}", set.screen());
    assert!(!set.screen().contains("half-typed"), "{}", set.screen());
    assert!(o365(&home, &["secret", "status"]).contains("keyring: nothing stored"));

    let mut set = prompt(&home).expect("the keyring worked a moment ago");
    set.signal(libc::SIGTERM);
    assert_eq!(set.wait_exit(), 1, "SIGTERM cancels");
    assert_restored(&set);
    assert!(o365(&home, &["secret", "status"]).contains("keyring: nothing stored"));

    // Typed with a slip that Backspace takes back: what is stored is what signs in.
    let secret = o365_sim::identity::DEMO_CLIENT_SECRET;
    let (start, end) = secret.split_at(5);
    let mut set = prompt(&home).expect("the keyring worked a moment ago");
    set.send(start);
    set.send("x\x7f");
    set.send(end);
    set.send("\r");
    assert_eq!(set.wait_exit(), 0, "{}", set.screen());
    assert_restored(&set);
    let screen = set.screen();
    assert!(screen.contains("Stored the client secret of account `robot`"), "{screen}");
    assert!(!screen.contains(end), "never shown: {screen}");
    assert!(o365(&home, &["secret", "status"]).contains("keyring: stored in the OS keyring"));
    assert!(o365(&home, &["login"]).contains("secret:  the OS keyring"), "signed in with the typed secret");
    assert!(o365(&home, &["secret", "delete"]).contains("Deleted the client secret of account `robot`"));
}
