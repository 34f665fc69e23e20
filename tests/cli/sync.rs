//! `o365 sync` and the cached reads end to end: the real binary against `o365 sim`. A sync fills
//! the account's cache (a 0600 file in the data dir) and says what changed; `mail list
//! --cached`, `mail search --local` and `todo tasks --cached` answer from it with the tenant
//! gone.
use crate::cli_harness as harness;

use harness::{Home, SimProcess, json_lines, ok, stderr};

#[test]
fn sync_fills_the_cache_and_cached_reads_need_no_tenant() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("sync-cached");
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));

    let first = ok(&home.run("UTC", &["sync"]));
    assert!(first.contains("mail Inbox:") && first.contains("new") && first.contains("(full sync)"), "{first}");
    assert!(first.contains("tasks lists:") && first.contains("contacts folders:"), "To Do and contacts too: {first}");
    assert!(
        first.contains("drive files:") && first.contains("calendar events:"),
        "the drive and calendar too: {first}"
    );
    let online = json_lines(&home.run("UTC", &["mail", "list", "--limit", "5", "--json"]));
    let again = ok(&home.run("UTC", &["sync", "--mail"]));
    assert_eq!(again.trim(), "mail: no change");
    let others = ok(&home.run("UTC", &["sync", "--tasks", "--contacts", "--drive", "--calendar"]));
    let expected = ["tasks: no change", "contacts: no change", "drive: no change", "calendar: no change"];
    assert_eq!(others.lines().collect::<Vec<_>>(), expected, "{others}");

    let cache = home.dir.join("data").join("cache");
    let file = std::fs::read_dir(&cache)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".sqlite3"));
    let file = file.expect("a database in the data dir's cache folder").path();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }

    let lists = json_lines(&home.run("UTC", &["todo", "lists", "--json"]));
    let list = lists[0]["displayName"].as_str().unwrap().to_owned();
    let task_ids = |lines: Vec<serde_json::Value>| {
        let mut ids: Vec<String> = lines.iter().map(|t| t["id"].as_str().unwrap().to_owned()).collect();
        ids.sort();
        ids
    };
    let online_tasks = task_ids(json_lines(&home.run("UTC", &["todo", "tasks", &list, "--json"])));
    assert!(!online_tasks.is_empty(), "the first list has tasks");

    drop(sim);
    let cached_tasks = task_ids(json_lines(&home.run("UTC", &["todo", "tasks", &list, "--cached", "--json"])));
    assert_eq!(cached_tasks, online_tasks, "the list's tasks from the cache");
    let cached = home.run("UTC", &["mail", "list", "--cached", "--limit", "0", "--ids"]);
    let table = ok(&cached);
    for message in &online {
        assert!(table.contains(message["id"].as_str().unwrap()), "{table}");
    }
    let subject = online[0]["subject"].as_str().unwrap();
    let word = subject.split_whitespace().max_by_key(|w| w.len()).unwrap();
    let found = json_lines(&home.run("UTC", &["mail", "search", "--local", word, "--json"]));
    assert!(found.iter().any(|m| m["id"] == online[0]["id"]), "searching {word:?}: {found:?}");
}

#[test]
fn cached_reads_before_any_sync_say_what_to_do() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("sync-empty");
    home.config_for(&sim);
    let output = home.run("UTC", &["mail", "list", "--cached"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("run `o365 sync` first"), "{}", stderr(&output));
}
