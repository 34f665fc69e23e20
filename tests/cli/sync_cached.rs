//! Issue 10's other cached reads and syncs, the real binary against `o365 sim`: after `o365
//! sync`, `todo lists`, `contacts list`, `calendar agenda`, `drive ls` and `mail folders` with
//! `--cached` answer what the tenant answered, with the tenant gone, as does `mail show
//! --cached` for a message shown once; a read the cache cannot answer fails with exit code 2 and
//! says why. `o365 sync --drive` keeps the account's SharePoint library beside the own drive.
//! `o365 sim --expire-delta-every N` loses one resource's sync state, which that resource alone
//! then syncs again.
use crate::cli_harness as harness;

use harness::{Home, SimProcess, json_lines, ok, stderr};
use serde_json::Value;

/// The values of `field` in each line, sorted.
fn sorted(lines: &[Value], field: &str) -> Vec<String> {
    let mut values: Vec<String> = lines.iter().map(|l| l[field].as_str().unwrap_or_default().to_owned()).collect();
    values.sort();
    values
}

#[test]
fn cached_reads_of_every_workload_answer_as_the_tenant_did() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("sync-every-cached");
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    ok(&home.run("UTC", &["sync"]));

    let lists = sorted(&json_lines(&home.run("UTC", &["todo", "lists", "--json"])), "id");
    let contacts = sorted(&json_lines(&home.run("UTC", &["contacts", "list", "--json"])), "id");
    let calendars = json_lines(&home.run("UTC", &["calendar", "calendars", "--json"]));
    let default = calendars.iter().find(|c| c["isDefaultCalendar"] == true).expect("a default calendar");
    let default = default["id"].as_str().unwrap().to_owned();
    let window = ["--from", "-7d", "--to", "+21d"];
    let agenda = ["calendar", "agenda", "--json", "--calendar", &default];
    let events = sorted(&json_lines(&home.run("UTC", &[&agenda[..], &window[..]].concat())), "id");
    let root = sorted(&json_lines(&home.run("UTC", &["drive", "ls", "--json"])), "name");
    let folder = json_lines(&home.run("UTC", &["drive", "ls", "--json"]))
        .into_iter()
        .find(|i| i.get("folder").is_some())
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .expect("a folder at the root");
    let inside = sorted(&json_lines(&home.run("UTC", &["drive", "ls", &folder, "--json"])), "name");
    let folders = sorted(&json_lines(&home.run("UTC", &["mail", "folders", "--json"])), "id");
    let message = json_lines(&home.run("UTC", &["mail", "list", "--limit", "2", "--json"]));
    let (shown, never_shown) = (message[0]["id"].as_str().unwrap(), message[1]["id"].as_str().unwrap());
    let online_text = ok(&home.run("UTC", &["mail", "show", shown]));
    assert!(!lists.is_empty() && !contacts.is_empty() && !events.is_empty() && !inside.is_empty());

    drop(sim);
    let cached = |args: &[&str]| json_lines(&home.run("UTC", &[args, &["--cached", "--json"]].concat()));
    assert_eq!(sorted(&cached(&["todo", "lists"]), "id"), lists, "To Do lists");
    assert_eq!(sorted(&cached(&["contacts", "list"]), "id"), contacts, "contacts of every folder");
    assert_eq!(sorted(&cached(&[&["calendar", "agenda"][..], &window[..]].concat()), "id"), events, "the agenda");
    assert_eq!(sorted(&cached(&["drive", "ls"]), "name"), root, "the drive's root");
    assert_eq!(sorted(&cached(&["drive", "ls", &folder]), "name"), inside, "a folder by path");
    assert_eq!(sorted(&cached(&["mail", "folders"]), "id"), folders, "mail folders");
    let subject = message[0]["subject"].as_str().unwrap();
    let cached_text = ok(&home.run("UTC", &["mail", "show", shown, "--cached"]));
    assert!(cached_text.contains(subject) && online_text.contains(subject), "{cached_text}");
    let body_line = online_text.lines().rev().find(|l| l.trim().len() > 20).expect("a body line");
    assert!(cached_text.contains(body_line.trim()), "the body as shown online: {body_line:?} in {cached_text}");

    let refused = home.run("UTC", &["mail", "show", never_shown, "--cached"]);
    assert_eq!(refused.status.code(), Some(2), "as the other cached reads");
    assert!(stderr(&refused).contains("header but not its body"), "{}", stderr(&refused));
    let missing = home.run("UTC", &["drive", "ls", "No such folder", "--cached"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("holds no `No such folder`"), "{}", stderr(&missing));
}

#[test]
fn cached_reads_of_an_empty_cache_say_to_sync() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("sync-every-empty");
    home.config_for(&sim);
    for args in [
        &["todo", "lists", "--cached"][..],
        &["contacts", "list", "--cached"],
        &["calendar", "agenda", "--cached"],
        &["drive", "ls", "--cached"],
        &["mail", "folders", "--cached"],
    ] {
        let output = home.run("UTC", args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("run `o365 sync` first"), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn sync_drive_keeps_the_accounts_sharepoint_library_too() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("sync-library");
    home.write_config(&format!(
        "default_account = \"sim\"\n\n[accounts.sim]\nclient_id = \"{}\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\n\
         drive = \"site:contoso.sharepoint.com:/sites/Marketing\"\n",
        sim.client_id, sim.graph_url, sim.authority_url
    ));
    ok(&home.run("UTC", &["login"]));
    let synced = json_lines(&home.run("UTC", &["sync", "--drive", "--json"]));
    let names: Vec<&str> = synced.iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(names.len(), 2, "the own drive and the library: {synced:?}");
    let library = synced.iter().find(|r| r["name"].as_str().is_some_and(|n| n.starts_with("library")));
    let library = library.expect("the library's report")["id"].as_str().unwrap().to_owned();
    assert!(synced.iter().all(|r| r["full"] == true && r["added"].as_u64() > Some(0)), "{synced:?}");
    let online = sorted(&json_lines(&home.run("UTC", &["drive", "ls", "--drive", &library, "--json"])), "name");
    assert!(!online.is_empty());

    let again = ok(&home.run("UTC", &["sync", "--drive"]));
    assert_eq!(again.lines().collect::<Vec<_>>(), ["drive: no change", "drive: no change"], "{again}");
    drop(sim);
    let cached = json_lines(&home.run("UTC", &["drive", "ls", "--drive", &library, "--cached", "--json"]));
    assert_eq!(sorted(&cached, "name"), online, "the library's root from the cache");
}

/// The knob counts resumes from a deltaLink across the tenant: with N = 2 the drive's (the first
/// resumed) keeps its state and the calendar's (the second) loses it and is synced again whole.
#[test]
fn an_expired_delta_token_resyncs_that_resource_alone() {
    let sim = SimProcess::start(&["--expire-delta-every", "2"]);
    let home = Home::new("sync-expired");
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    let first = ok(&home.run("UTC", &["sync", "--drive", "--calendar"]));
    assert!(first.contains("drive files:") && first.contains("calendar events:"), "{first}");
    let second = ok(&home.run("UTC", &["sync", "--drive", "--calendar"]));
    let lines: Vec<&str> = second.lines().collect();
    assert_eq!(lines[0], "drive: no change", "{second}");
    assert!(
        lines[1].starts_with("calendar events:") && lines[1].contains("the service had lost the sync state"),
        "{second}"
    );
    let third = ok(&home.run("UTC", &["sync", "--calendar"]));
    assert_eq!(third.trim(), "calendar: no change", "the new state is kept: {third}");
}
