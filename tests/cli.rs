//! The `o365` binary end to end against `o365 sim` and `--demo`: sign-in with nothing on
//! stdin, every read subcommand in tables and JSON lines, time zones, exit codes and errors.
#[path = "support/cli_harness.rs"]
mod harness;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use harness::{Home, SimProcess, json_lines, ok, stderr, stdout};

#[test]
fn sign_in_then_read_every_area() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("areas");
    home.config_for(&sim);

    let login = home.run("UTC", &["login"]);
    let said = stderr(&login);
    assert!(ok(&login).contains("Signed in as"), "{}", stdout(&login));
    assert!(said.contains("/login/devicelogin") && said.contains("enter the code"), "prompt on stderr: {said}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let tokens = home.data().join("data/tokens/sim.json");
        let mode = std::fs::metadata(&tokens).expect("token file").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "token file mode");
    }
    let me = &json_lines(&home.run("UTC", &["whoami", "--json"]))[0];
    assert!(me["username"].as_str().is_some_and(|u| u.contains('@')), "{me}");

    let folders = json_lines(&home.run("UTC", &["mail", "folders", "--json"]));
    let inbox = folders.iter().find(|f| f["displayName"] == "Inbox").expect("an Inbox");
    assert_eq!(inbox["totalItemCount"], 300);

    let all = json_lines(&home.run("UTC", &["mail", "list", "--limit", "0", "--json"]));
    assert_eq!(all.len(), 300, "--limit 0 lists the whole Inbox");
    let ids: HashSet<&str> = all.iter().map(|m| m["id"].as_str().expect("id")).collect();
    assert_eq!(ids.len(), 300, "no message twice");
    let received: Vec<&str> = all.iter().map(|m| m["receivedDateTime"].as_str().expect("date")).collect();
    assert!(received.windows(2).all(|w| w[0] >= w[1]), "newest first");

    let table = ok(&home.run("UTC", &["mail", "list", "--folder", "INBOX", "-n", "7", "--ids"]));
    assert_eq!(table.lines().count(), 8, "header and 7 rows:\n{table}");
    assert!(table.lines().nth(1).expect("first row").ends_with(all[0]["id"].as_str().unwrap()), "{table}");

    let unread = json_lines(&home.run("UTC", &["mail", "list", "--unread", "-n", "0", "--json"]));
    assert!(!unread.is_empty() && unread.len() < 300);
    assert!(unread.iter().all(|m| m["isRead"] == false));

    let shown = ok(&home.run("UTC", &["mail", "show", all[0]["id"].as_str().unwrap()]));
    assert!(shown.contains("Subject: ") && shown.contains("From: "), "{shown}");
    let full = &json_lines(&home.run("UTC", &["mail", "show", all[0]["id"].as_str().unwrap(), "--json"]))[0];
    assert!(full["body"]["content"].as_str().is_some_and(|c| !c.is_empty()), "{full}");

    let lists = json_lines(&home.run("UTC", &["todo", "lists", "--json"]));
    let name = lists[0]["displayName"].as_str().expect("list name").to_uppercase();
    let tasks = home.run("UTC", &["todo", "tasks", &name, "--json"]);
    assert!(tasks.status.success(), "a list by name in any case: {}", stderr(&tasks));

    let root = json_lines(&home.run("UTC", &["drive", "ls", "--json"]));
    assert!(root.iter().any(|i| i["name"] == "Documents" && i["folder"].is_object()), "{root:?}");
    let documents = ok(&home.run("UTC", &["drive", "ls", "/Documents/"]));
    assert!(documents.lines().count() > 2, "{documents}");

    assert_eq!(json_lines(&home.run("UTC", &["contacts", "list", "-n", "3", "--json"])).len(), 3);

    assert!(ok(&home.run("UTC", &["logout"])).contains("Signed out"));
    let after = home.run("UTC", &["mail", "list"]);
    assert_eq!(after.status.code(), Some(1));
    assert!(stderr(&after).contains("not signed in"), "{}", stderr(&after));

    assert!(sim.stop().success(), "o365 sim ends cleanly on SIGTERM");
}

#[test]
fn agenda_window_is_read_and_shown_in_the_users_zone() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("agenda");
    home.config_for(&sim);
    ok(&home.run("Asia/Tokyo", &["login"]));

    let args = ["calendar", "agenda", "--from", "2026-03-09", "--to", "2026-03-12", "--json"];
    let events = json_lines(&home.run("Asia/Tokyo", &args));
    assert!(!events.is_empty(), "the seeded week has events");
    for event in &events {
        assert_eq!(event["start"]["timeZone"], "Asia/Tokyo", "Prefer: outlook.timezone sent: {event}");
        let start = event["start"]["dateTime"].as_str().unwrap();
        let end = event["end"]["dateTime"].as_str().unwrap();
        // Local Tokyo times, compared as text: the window is [9 March 00:00, 12 March 00:00).
        assert!(start < "2026-03-12T00:00:00" && end > "2026-03-09T00:00:00", "{start}..{end} outside the window");
    }
    let starts: Vec<&str> = events.iter().map(|e| e["start"]["dateTime"].as_str().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "ordered by start");

    let table = ok(&home.run("Asia/Tokyo", &args[..6]));
    assert_eq!(table.lines().count(), events.len() + 1, "{table}");
    assert!(
        table.lines().skip(1).all(|l| l.contains("2026-03-09") || l.contains("2026-03-10") || l.contains("2026-03-11"))
    );
}

#[test]
fn commands_ride_out_throttling_from_the_service() {
    let sim = SimProcess::start(&["--throttle-every", "2", "--retry-after", "0"]);
    let home = Home::new("throttle");
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    let folders = json_lines(&home.run("UTC", &["mail", "folders", "--json"]));
    assert!(folders.len() > 5);
    assert_eq!(json_lines(&home.run("UTC", &["mail", "list", "-n", "0", "--json"])).len(), 300);
}

#[test]
fn an_agenda_longer_than_graph_allows_is_refused_before_any_request() {
    let home = Home::new("agenda-range");
    // Nothing answers here: a request would fail with exit 1 instead of naming the limit.
    home.write_config(
        "default_account = \"work\"\n[accounts.work]\nclient_id = \"x\"\n\
         graph_url = \"http://127.0.0.1:9/graph/v1.0\"\nauthority_url = \"http://127.0.0.1:9/login\"\n",
    );
    let absurd = home.run("UTC", &["calendar", "agenda", "--from", "0001-01-01", "--to", "9999-12-31"]);
    assert_eq!(absurd.status.code(), Some(2), "{}", stderr(&absurd));
    let said = stderr(&absurd);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("calendar view covers at most 1825 days"), "{said}");
}

#[test]
fn usage_mistakes_exit_2_and_failures_exit_1_with_one_line() {
    let home = Home::new("codes");
    assert_eq!(home.run("UTC", &["mail", "list", "--limit", "x"]).status.code(), Some(2));
    assert_eq!(home.run("UTC", &["sim", "--anchor", "last week"]).status.code(), Some(2));

    let bad_date = home.run("UTC", &["--demo", "calendar", "agenda", "--from", "someday"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert_eq!(stderr(&bad_date).lines().count(), 1, "{}", stderr(&bad_date));

    let missing = home.run("UTC", &["--demo", "mail", "show", "AAMkNoSuchMessage"]);
    assert_eq!(missing.status.code(), Some(1));
    let said = stderr(&missing);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.starts_with("o365: error: ") && said.contains("ErrorItemNotFound"), "{said}");

    let config = home.write_config("[accounts.work]\nclient_id = \"x\"\ntimeout = \"soon\"\n");
    let broken = home.run("UTC", &["mail", "list"]);
    assert_eq!(broken.status.code(), Some(1));
    let said = stderr(&broken);
    assert!(said.contains(&config.display().to_string()) && said.contains("timeout"), "{said}");

    home.write_config("[accounts.work]\nclient_id = \"x\"\n");
    assert_eq!(home.run("UTC", &["-a", "play", "mail", "list"]).status.code(), Some(2), "unknown account");
}

#[test]
fn demo_needs_no_account_and_a_closed_pipe_is_not_an_error() {
    let home = Home::new("demo");
    let listed = json_lines(&home.run("UTC", &["--demo", "mail", "list", "-n", "3", "--json"]));
    assert_eq!(listed.len(), 3);
    assert!(ok(&home.run("UTC", &["--demo", "whoami"])).contains("Signed in as"));

    let mut child = home
        .command("UTC", &["--demo", "mail", "list", "-n", "0", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is gone now, as when `head -1` exits.
    let status = child.wait().unwrap();
    assert!(first.contains("\"id\""));
    assert!(status.success(), "exit {status}");
}
