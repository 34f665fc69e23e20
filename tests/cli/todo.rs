//! `o365 todo add | done | undo | rm` end to end: the real binary against `o365 sim`, each
//! write checked through `o365 todo tasks --json`, and the exit codes of bad arguments and
//! unknown names.
use crate::cli_harness as harness;

use harness::{Home, SimProcess, json_lines, ok, stderr, stdout};
use serde_json::Value;

/// The tasks of `list` as `o365 todo tasks LIST --json` prints them.
fn tasks(home: &Home, list: &str) -> Vec<Value> {
    json_lines(&home.run("UTC", &["todo", "tasks", list, "--json"]))
}

fn titled<'a>(tasks: &'a [Value], title: &str) -> Vec<&'a Value> {
    tasks.iter().filter(|t| t["title"] == title).collect()
}

#[test]
fn add_done_undo_and_rm_a_task_by_name_in_any_case() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("todo-writes");
    home.config_for(&sim);
    ok(&home.run("Europe/Berlin", &["login"]));

    let said = ok(&home.run(
        "Europe/Berlin",
        &[
            "todo",
            "add",
            "groceries 🛒",
            "Buy oat milk",
            "--due",
            "2026-03-14",
            "--importance",
            "HIGH",
            "--note",
            "The barista one",
        ],
    ));
    assert!(said.contains("Added `Buy oat milk` to Groceries 🛒 (due 2026-03-14)"), "{said}");
    let added = tasks(&home, "Groceries 🛒");
    let found = titled(&added, "Buy oat milk");
    assert_eq!(found.len(), 1, "{added:?}");
    let task = found[0];
    assert_eq!(task["importance"], "high");
    assert_eq!(task["status"], "notStarted");
    assert_eq!(task["body"]["content"], "The barista one");
    // A due date is that day's midnight in the user's zone, as Outlook writes it.
    assert_eq!(task["dueDateTime"]["dateTime"], "2026-03-14T00:00:00.0000000");
    assert_eq!(task["dueDateTime"]["timeZone"], "Europe/Berlin");

    let done = json_lines(&home.run("UTC", &["todo", "done", "GROCERIES 🛒", "buy OAT milk", "--json"]));
    assert_eq!(done.len(), 1);
    assert_eq!((done[0]["id"].as_str(), done[0]["status"].as_str()), (task["id"].as_str(), Some("completed")));
    let after = tasks(&home, "Groceries 🛒");
    let now = titled(&after, "Buy oat milk")[0];
    assert_eq!(now["status"], "completed");
    assert!(now["completedDateTime"].is_object(), "{now}");

    let said = ok(&home.run("UTC", &["todo", "undo", "Groceries 🛒", task["id"].as_str().unwrap()]));
    assert!(said.contains("not completed") && said.contains("`Buy oat milk`"), "{said}");
    assert_eq!(titled(&tasks(&home, "Groceries 🛒"), "Buy oat milk")[0]["status"], "notStarted");

    let said = ok(&home.run("UTC", &["todo", "rm", "groceries 🛒", "Buy Oat Milk"]));
    assert_eq!(said.trim(), "Deleted `Buy oat milk` from Groceries 🛒 (due 2026-03-14)");
    let left = tasks(&home, "Groceries 🛒");
    assert!(titled(&left, "Buy oat milk").is_empty(), "gone");
    assert_eq!(left.len(), added.len() - 1);

    // Again: nothing by that title any more.
    let again = home.run("UTC", &["todo", "rm", "groceries 🛒", "Buy Oat Milk"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("no task titled `Buy Oat Milk`"), "{}", stderr(&again));
}

#[test]
fn add_with_json_prints_the_created_task_and_due_words_use_the_zone() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("todo-add-json");
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));

    let output = home.run("Pacific/Auckland", &["todo", "add", "Tasks", "Renew passport", "--due", "+3d", "--json"]);
    let created = json_lines(&output);
    assert_eq!(created.len(), 1, "{}", stdout(&output));
    assert_eq!(created[0]["title"], "Renew passport");
    assert_eq!(created[0]["dueDateTime"]["timeZone"], "Pacific/Auckland");
    let due = created[0]["dueDateTime"]["dateTime"].as_str().unwrap();
    assert!(due.ends_with("T00:00:00.0000000"), "{due}");
    let listed = tasks(&home, "Tasks");
    assert!(listed.iter().any(|t| t["id"] == created[0]["id"]));

    // Two tasks with one title: a name is refused, an id is not.
    let second = json_lines(&home.run("UTC", &["todo", "add", "Tasks", "renew PASSPORT", "--json"]));
    let ambiguous = home.run("UTC", &["todo", "done", "Tasks", "Renew passport"]);
    assert_eq!(ambiguous.status.code(), Some(1));
    let said = stderr(&ambiguous);
    assert!(
        said.contains(created[0]["id"].as_str().unwrap()) && said.contains(second[0]["id"].as_str().unwrap()),
        "{said}"
    );
    ok(&home.run("UTC", &["todo", "done", "Tasks", second[0]["id"].as_str().unwrap()]));
}

#[test]
fn bad_arguments_exit_2_and_unknown_names_exit_1_with_one_line() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("todo-errors");
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    let before = tasks(&home, "Tasks").len();

    let bad_due = home.run("UTC", &["todo", "add", "Tasks", "Someday", "--due", "someday"]);
    assert_eq!(bad_due.status.code(), Some(2), "{}", stderr(&bad_due));
    assert!(stderr(&bad_due).contains("--due"), "{}", stderr(&bad_due));
    let bad_importance = home.run("UTC", &["todo", "add", "Tasks", "Urgent", "--importance", "urgent"]);
    assert_eq!(bad_importance.status.code(), Some(2));
    let no_title = home.run("UTC", &["todo", "add", "Tasks", " "]);
    assert_eq!(no_title.status.code(), Some(2), "{}", stderr(&no_title));
    assert_eq!(tasks(&home, "Tasks").len(), before, "nothing was added");

    for args in [
        &["todo", "add", "Chores", "Sweep"][..],
        &["todo", "done", "Chores", "Sweep"],
        &["todo", "rm", "Chores", "Sweep"],
    ] {
        let unknown = home.run("UTC", args);
        assert_eq!(unknown.status.code(), Some(1), "{args:?}");
        let said = stderr(&unknown);
        assert_eq!(said.lines().count(), 1, "{said}");
        assert!(said.starts_with("o365: error: ") && said.contains("`Chores`"), "{said}");
        assert!(stdout(&unknown).is_empty());
    }
}
