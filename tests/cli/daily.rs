//! Issue 13, "The daily driver", on the command line: `todo edit` and `todo checklist`, names
//! found ignoring emoji, relative dates starting with `-`, shell completions and the manual
//! page, `sim --register-app` for other clients, and `--demo` without a terminal, failing or
//! stopped by a signal (its files never reach the user's data directory and always go).
use crate::cli_harness as harness;

use std::process::Stdio;
use std::time::{Duration, Instant};

use harness::{BIN, Home, SimProcess, json_lines, ok, stderr, stdout};
use serde_json::Value;

fn signed_in(test: &str) -> (SimProcess, Home) {
    let sim = SimProcess::start(&[]);
    let home = Home::new(test);
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    (sim, home)
}

fn tasks(home: &Home, list: &str) -> Vec<Value> {
    json_lines(&home.run("UTC", &["todo", "tasks", list, "--json"]))
}

fn titled<'a>(tasks: &'a [Value], title: &str) -> &'a Value {
    tasks.iter().find(|t| t["title"] == title).unwrap_or_else(|| panic!("no task {title:?} in {tasks:?}"))
}

#[test]
fn names_match_ignoring_case_emoji_and_spaces_and_ambiguity_is_still_refused() {
    let (_sim, home) = signed_in("todo-names");
    // The demo's list is `Groceries 🛒`.
    let listed = home.run("UTC", &["todo", "tasks", " groceries "]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(!stdout(&listed).is_empty());
    ok(&home.run("UTC", &["todo", "add", "Tasks", "Call Bob 📞"]));
    ok(&home.run("UTC", &["todo", "add", "Tasks", "📞 call bob"]));
    let ambiguous = home.run("UTC", &["todo", "done", "tasks", "Call Bob"]);
    assert_eq!(ambiguous.status.code(), Some(1));
    let said = stderr(&ambiguous);
    assert!(
        said.contains("names 2 tasks") && said.contains("`Call Bob 📞` (id ") && said.contains("`📞 call bob` (id "),
        "{said}"
    );
    let done = ok(&home.run("UTC", &["todo", "done", "Tasks", "call bob 📞"]));
    assert!(done.contains("Completed `Call Bob 📞`"), "the exact name wins over the loose one: {done}");
}

#[test]
fn todo_edit_changes_only_what_is_given_and_the_checklist_is_added_to_and_ticked() {
    let (_sim, home) = signed_in("todo-edit");
    ok(&home.run("UTC", &["todo", "add", "Groceries", "Buy oat milk", "--due", "2026-03-20", "--note", "Any"]));
    let said = ok(&home.run(
        "Europe/Berlin",
        &[
            "todo",
            "edit",
            "groceries",
            "buy OAT milk",
            "--title",
            "Buy soy milk",
            "--due",
            "-1d",
            "--importance",
            "HIGH",
            "--note",
            "The barista one\nor the blue carton",
        ],
    ));
    assert!(said.contains("Changed `Buy soy milk` in Groceries 🛒 (due 2026-03-09)"), "{said}");
    let task = titled(&tasks(&home, "Groceries"), "Buy soy milk").clone();
    assert_eq!(task["importance"], "high");
    assert_eq!(task["dueDateTime"]["dateTime"], "2026-03-09T00:00:00.0000000");
    assert_eq!(task["dueDateTime"]["timeZone"], "Europe/Berlin");
    assert_eq!(task["body"]["content"], "The barista one\nor the blue carton");

    ok(&home.run("UTC", &["todo", "edit", "Groceries", "Buy soy milk", "--due", "none"]));
    let task = titled(&tasks(&home, "Groceries"), "Buy soy milk").clone();
    assert!(task.get("dueDateTime").is_none_or(Value::is_null), "`none` removed the due date: {task}");
    assert_eq!(task["importance"], "high", "what was not given stayed");

    let nothing = home.run("UTC", &["todo", "edit", "Groceries", "Buy soy milk"]);
    assert_eq!(nothing.status.code(), Some(2), "{}", stderr(&nothing));
    assert!(stderr(&nothing).contains("nothing to change"));

    let added = ok(&home.run("UTC", &["todo", "checklist", "add", "Groceries", "Buy soy milk", "Two cartons 🥛"]));
    assert!(added.contains("Added `Two cartons 🥛` on `Buy soy milk`"), "{added}");
    ok(&home.run("UTC", &["todo", "checklist", "add", "Groceries", "Buy soy milk", "Check the date"]));
    let ticked = ok(&home.run("UTC", &["todo", "checklist", "tick", "Groceries", "Buy soy milk", "two cartons"]));
    assert!(ticked.contains("Ticked `Two cartons 🥛`"), "{ticked}");
    let items = json_lines(&home.run("UTC", &["todo", "checklist", "list", "Groceries", "Buy soy milk", "--json"]));
    let checked: Vec<(String, bool)> = items
        .iter()
        .map(|i| (i["displayName"].as_str().unwrap().to_owned(), i["isChecked"].as_bool().unwrap()))
        .collect();
    assert_eq!(checked, [("Two cartons 🥛".to_owned(), true), ("Check the date".to_owned(), false)]);
    ok(&home.run("UTC", &["todo", "checklist", "untick", "Groceries", "Buy soy milk", "Two cartons 🥛"]));
    let table = ok(&home.run("UTC", &["todo", "checklist", "list", "Groceries", "Buy soy milk"]));
    assert!(table.contains("[ ]  Two cartons 🥛") || table.contains("[ ] Two cartons 🥛"), "{table}");
}

#[test]
fn relative_dates_starting_with_a_minus_are_values_not_flags() {
    let home = Home::new("minus-dates");
    let agenda = home.run("UTC", &["--demo", "calendar", "agenda", "--from", "-30d", "--to", "-23d", "--json"]);
    assert!(agenda.status.success(), "{}", stderr(&agenda));
    let events = json_lines(&agenda);
    assert!(!events.is_empty(), "the demo has events in the week from 30 days before the pinned day");
    for event in events {
        let start = event["start"]["dateTime"].as_str().unwrap_or_default();
        // The pinned day is 2026-03-10: -30d is 2026-02-08, -23d 2026-02-15 (a whole day).
        assert!(
            ("2026-02-08".."2026-02-16").contains(&start),
            "an event of the week from 30 days before the pinned day: {start}"
        );
    }
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_itself() {
    let home = Home::new("completions");
    let bash = ok(&home.run("UTC", &["completions", "bash"]));
    assert!(bash.contains("_o365()") && bash.contains("complete -F _o365") && bash.contains("checklist"), "{bash}");
    assert!(ok(&home.run("UTC", &["completions", "zsh"])).starts_with("#compdef o365"));
    let fish = ok(&home.run("UTC", &["completions", "fish"]));
    assert!(fish.contains("complete -c o365") && fish.contains("register-app"));
    let unknown = home.run("UTC", &["completions", "tcsh"]);
    assert_eq!(unknown.status.code(), Some(2));

    let page = ok(&home.run("UTC", &["man"]));
    assert!(page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH o365 1"), "{}", &page[..200.min(page.len())]);
    assert!(page.contains(".SH NAME") && page.contains("completions"), "{page}");
    let dir = home.dir.join("man1");
    ok(&home.run("UTC", &["man", "--dir", dir.to_str().unwrap()]));
    for name in ["o365.1", "o365-todo.1", "o365-todo-edit.1", "o365-mail-list.1"] {
        assert!(dir.join(name).is_file(), "{name} written");
    }
}

#[test]
fn the_interface_without_a_terminal_says_so_and_starts_nothing() {
    let home = Home::new("no-terminal");
    for (args, example) in [(&["--demo"][..], "o365 --demo mail list"), (&[][..], "o365 mail list")] {
        let output = home.command("UTC", args).stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            stderr(&output),
            format!("o365: error: the full-screen interface needs a terminal; try `{example}`\n"),
            "{args:?}"
        );
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn a_failed_demo_command_writes_nothing_into_the_users_data_directory() {
    let home = Home::new("demo-data");
    let failed = home.run("UTC", &["--demo", "mail", "reply", "AAMkNoSuchMessage", "--body", "Thanks, will do"]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    let data = home.dir.join("data");
    let written: Vec<_> = walk(&data);
    assert!(written.is_empty(), "the demo wrote into the real data directory: {written:?}");
    assert!(stderr(&failed).contains("the demo keeps no files"), "{}", stderr(&failed));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.flatten().flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] }).collect()
}

fn demo_dirs(tmp: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(tmp) else { return Vec::new() };
    entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("o365-demo-"))
        .collect()
}

/// A demo command waiting on standard input, stopped by SIGTERM or SIGHUP: its temporary
/// tenant directory goes, and the exit code says which signal ended it.
#[test]
fn a_demo_command_stopped_by_a_signal_removes_its_files() {
    let home = Home::new("demo-signal");
    let tmp = home.dir.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
        let mut child = home
            .command("UTC", &["--demo", "mail", "send", "--to", "a@example.com", "--subject", "s", "--body-file", "-"])
            .env("TMPDIR", &tmp)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Signed in to the demo tenant (its tokens are written): what is left is reading the
        // body from standard input, which never comes.
        let signed_in = || demo_dirs(&tmp).iter().any(|d| tmp.join(d).join("data/tokens/demo.json").is_file());
        let deadline = Instant::now() + Duration::from_secs(60);
        while !signed_in() {
            assert!(Instant::now() < deadline, "the demo never signed in");
            std::thread::sleep(Duration::from_millis(50));
        }
        // Standard input stays open until the child is gone: `wait_with_output` closes it, and an
        // end of input read before the signal is handled would end the command another way.
        let stdin = child.stdin.take();
        // SAFETY: signalling our own child, not yet reaped.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let output = child.wait_with_output().unwrap();
        drop(stdin);
        assert_eq!(output.status.code(), Some(code), "{}", stderr(&output));
        assert!(demo_dirs(&tmp).is_empty(), "left behind: {:?}", demo_dirs(&tmp));
    }
}

/// A form body, as a token endpoint reads it.
fn form(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

const APP: &str = "11111111-2222-3333-4444-555555555555";
const SECRET: &str = "s3cret~for~the~script";
const PUBLIC_APP: &str = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

/// Another Graph client (a script, python-o365 with MSAL) pointed at the simulator with its own
/// app id, as against a real tenant: the token endpoint knows the registered apps and still
/// answers AADSTS700016 for any other.
#[tokio::test(flavor = "multi_thread")]
async fn registered_apps_get_tokens_and_unknown_ones_are_refused() {
    let sim = SimProcess::start(&["--register-app", &format!("{APP}:{SECRET}"), "--register-app", PUBLIC_APP]);
    let http = reqwest::Client::new();
    let token_url = format!("{}/contoso.onmicrosoft.com/oauth2/v2.0/token", sim.authority_url);
    let app_token = |id: &'static str, secret: &'static str| {
        http.post(&token_url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[
                ("grant_type", "client_credentials"),
                ("client_id", id),
                ("client_secret", secret),
                ("scope", "https://graph.microsoft.com/.default"),
            ]))
            .send()
    };
    let reply = app_token(APP, SECRET).await.unwrap();
    assert_eq!(reply.status(), 200);
    let body: Value = reply.json().await.unwrap();
    let token = body["access_token"].as_str().expect("an access token").to_owned();
    let users = http.get(format!("{}/users?$top=1", sim.graph_url)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(users.status(), 200, "the token works on Graph");

    let wrong = app_token(APP, "not-it").await.unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(wrong.text().await.unwrap().contains("AADSTS7000215"));
    let unknown = app_token("99999999-2222-3333-4444-555555555555", SECRET).await.unwrap();
    assert_eq!(unknown.status(), 400);
    assert!(unknown.text().await.unwrap().contains("AADSTS700016"));

    // The public client starts a device code flow as MSAL does.
    let device_url = format!("{}/common/oauth2/v2.0/devicecode", sim.authority_url);
    let started = http
        .post(&device_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("client_id", PUBLIC_APP), ("scope", "User.Read offline_access")]))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 200);
    assert!(started.json::<Value>().await.unwrap()["user_code"].is_string());
    let refused = http
        .post(&device_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("client_id", "99999999-2222-3333-4444-555555555555"), ("scope", "User.Read")]))
        .send()
        .await
        .unwrap();
    assert!(refused.text().await.unwrap().contains("AADSTS700016"));
}

#[test]
fn the_cli_signs_in_with_a_registered_app_id() {
    let sim = SimProcess::start(&["--register-app", PUBLIC_APP]);
    let home = Home::new("registered-app");
    home.write_config(&format!(
        "[accounts.script]\nclient_id = \"{PUBLIC_APP}\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\n",
        sim.graph_url, sim.authority_url
    ));
    ok(&home.run("UTC", &["login"]));
    let lists = ok(&home.run("UTC", &["todo", "lists"]));
    assert!(lists.contains("Groceries"), "{lists}");

    let other = Home::new("unregistered-app");
    other.write_config(&format!(
        "[accounts.script]\nclient_id = \"99999999-2222-3333-4444-555555555555\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\n",
        sim.graph_url, sim.authority_url
    ));
    let refused = other.run("UTC", &["login"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("AADSTS700016"), "{}", stderr(&refused));
}

#[test]
fn register_app_takes_only_guids() {
    let output = std::process::Command::new(BIN).args(["sim", "--register-app", "my-script"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("must be a GUID"), "{}", stderr(&output));
}
