//! `o365 mail` as a daily driver (issue 13), the real binary against `o365 sim`: Sent Items and
//! Drafts list whom each message is to; `mail export ID DIR` saves into a folder (created when
//! missing) as the interface's `E` does; `mail reply` without a body says what is missing in
//! one line.
use crate::cli_harness as harness;

use harness::{Home, SimProcess, json_lines, ok, stderr, stdout};

fn signed_in(test: &str) -> (SimProcess, Home) {
    let sim = SimProcess::start(&[]);
    let home = Home::new(test);
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    (sim, home)
}

#[test]
fn sent_items_and_drafts_list_recipients_instead_of_the_sender() {
    let (_sim, home) = signed_in("list-to");
    ok(&home.run(
        "UTC",
        &["mail", "send", "--to", "Zoe Quill <zoe@fabrikam.example>", "--subject", "Quarterly", "--body", "x"],
    ));
    for folder in ["sentitems", "Sent Items"] {
        let table = ok(&home.run("UTC", &["mail", "list", "--folder", folder]));
        let header = table.lines().next().unwrap();
        assert!(header.contains(" To ") && !header.contains("From"), "{folder}: {header}");
        let row = table.lines().find(|l| l.contains("Quarterly")).expect("the sent message");
        assert!(row.contains("Zoe Quill"), "{row}");
    }
    // By id too (compared with the well-known folders' ids).
    let sent = json_lines(&home.run("UTC", &["mail", "folders", "--json"]));
    let id = sent.iter().find(|f| f["displayName"] == "Sent Items").unwrap()["id"].as_str().unwrap().to_owned();
    let table = ok(&home.run("UTC", &["mail", "list", "--folder", &id]));
    assert!(table.lines().next().unwrap().contains(" To "), "{table}");
    let inbox = ok(&home.run("UTC", &["mail", "list"]));
    assert!(inbox.lines().next().unwrap().contains("From"), "the inbox still names senders: {inbox}");
}

#[test]
fn export_saves_into_a_folder_creating_it_or_into_a_named_eml_file() {
    let (_sim, home) = signed_in("export-dir");
    let inbox = json_lines(&home.run("UTC", &["mail", "list", "-n", "1", "--json"]));
    let id = inbox[0]["id"].as_str().unwrap().to_owned();
    let subject = inbox[0]["subject"].as_str().unwrap().to_owned();
    let existing = home.data().join("mail");
    std::fs::create_dir_all(&existing).unwrap();
    let said = ok(&home.run("UTC", &["mail", "export", &id, existing.to_str().unwrap()]));
    let saved: Vec<_> = std::fs::read_dir(&existing).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(saved.len(), 1, "{said}");
    let name = saved[0].file_name().unwrap().to_str().unwrap().to_owned();
    assert!(name.ends_with(".eml") && name.starts_with(&subject[..subject.len().min(8)]), "{name}");
    assert!(std::fs::read_to_string(&saved[0]).unwrap().contains("MIME-Version: 1.0"));
    // Again into the same folder: a second file, nothing overwritten.
    ok(&home.run("UTC", &["mail", "export", &id, existing.to_str().unwrap()]));
    assert_eq!(std::fs::read_dir(&existing).unwrap().count(), 2);
    // A folder that is not there yet is created, never swapped for the current one.
    let missing = home.data().join("new/2026");
    ok(&home.run("UTC", &["mail", "export", &id, missing.to_str().unwrap()]));
    assert_eq!(std::fs::read_dir(&missing).unwrap().count(), 1);
    let file = home.data().join("elsewhere/one.eml");
    ok(&home.run("UTC", &["mail", "export", &id, file.to_str().unwrap()]));
    assert!(file.is_file(), "a name ending in .eml is the file, its folder made");
    // A message that cannot be had leaves no empty folder behind.
    let never = home.data().join("never/made");
    let failed = home.run("UTC", &["mail", "export", "AAMkNoSuchMessage", never.to_str().unwrap()]);
    assert!(!failed.status.success());
    assert!(!home.data().join("never").exists(), "{}", stderr(&failed));
}

#[test]
fn reply_without_a_body_says_what_is_missing_in_one_line() {
    let (_sim, home) = signed_in("reply-body");
    let output = home.run("UTC", &["mail", "reply", "AAMkAnyId"]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert_eq!(said.trim_end().lines().count(), 1, "{said}");
    assert!(said.contains("--body TEXT or --body-file FILE"), "{said}");
    assert!(stdout(&output).is_empty());
}
