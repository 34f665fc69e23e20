//! `o365 drive sites`, `libraries`, `shared` and `ls --drive` end to end: the real binary against
//! `o365 sim`, following the ids one command prints into the next, as a script would.
use crate::cli_harness as harness;

use harness::{Home, SimProcess, json_lines, ok, stderr};

fn signed_in(test: &str) -> (SimProcess, Home) {
    let sim = SimProcess::start(&[]);
    let home = Home::new(test);
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    (sim, home)
}

fn names(lines: &[serde_json::Value], key: &str) -> Vec<String> {
    lines.iter().map(|l| l[key].as_str().unwrap_or_default().to_owned()).collect()
}

#[test]
fn sites_lists_followed_sites_or_searches() {
    let (_sim, home) = signed_in("drive-sites");
    let followed = ok(&home.run("UTC", &["drive", "sites"]));
    assert!(followed.contains("Marketing") && followed.contains("Engineering"), "{followed}");
    assert!(!followed.contains("Human Resources"), "only followed sites without a search: {followed}");
    assert!(followed.contains("https://contoso.sharepoint.com/sites/Marketing"));
    assert!(followed.contains("contoso.sharepoint.com,"), "the id column: {followed}");

    let all = json_lines(&home.run("UTC", &["drive", "sites", "*", "--json"]));
    assert_eq!(names(&all, "displayName"), ["Contoso", "Marketing", "Engineering", "Human Resources"]);
    let found = json_lines(&home.run("UTC", &["drive", "sites", "policies", "--json"]));
    assert_eq!(names(&found, "displayName"), ["Human Resources"]);

    let none = home.run("UTC", &["drive", "sites", "zzz nothing"]);
    assert!(none.status.success());
    assert!(stderr(&none).contains("No site matches."));
}

#[test]
fn libraries_then_ls_browses_a_site_library() {
    let (_sim, home) = signed_in("drive-libraries");
    let table = ok(&home.run("UTC", &["drive", "libraries", "engineering"]));
    assert!(table.contains("Documents") && table.contains("Release builds"), "{table}");
    let libraries = json_lines(&home.run("UTC", &["drive", "libraries", "Engineering", "--json"]));
    assert_eq!(names(&libraries, "name"), ["Documents", "Release builds"]);
    assert_eq!(libraries[0]["driveType"], "documentLibrary");
    let drive_id = libraries[0]["id"].as_str().unwrap();

    // By site id too, as `drive sites` printed it.
    let sites = json_lines(&home.run("UTC", &["drive", "sites", "Engineering", "--json"]));
    let by_id = json_lines(&home.run("UTC", &["drive", "libraries", sites[0]["id"].as_str().unwrap(), "--json"]));
    assert_eq!(by_id, libraries);

    let root = ok(&home.run("UTC", &["drive", "ls", "--drive", drive_id]));
    let first_lines: Vec<&str> = root.lines().skip(1).take(3).collect();
    assert!(first_lines[0].starts_with("Architecture/"), "folders first: {root}");
    assert!(first_lines[2].starts_with("Specs/"), "{root}");
    let specs = json_lines(&home.run("UTC", &["drive", "ls", "--drive", drive_id, "Specs", "--json"]));
    assert_eq!(specs.len(), 5);
    assert!(specs.iter().all(|i| i["parentReference"]["driveId"] == drive_id));
    let two = json_lines(&home.run("UTC", &["drive", "ls", "--drive", drive_id, "Specs", "-n", "2", "--json"]));
    assert_eq!(two.len(), 2);

    let missing = home.run("UTC", &["drive", "libraries", "Nowhere"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("Nowhere"), "{}", stderr(&missing));
    let unknown_drive = home.run("UTC", &["drive", "ls", "--drive", "b!missing"]);
    assert!(!unknown_drive.status.success());
}

#[test]
fn shared_prints_where_each_item_lives_and_ls_opens_it() {
    let (_sim, home) = signed_in("drive-shared");
    let table = ok(&home.run("UTC", &["drive", "shared"]));
    assert!(table.contains("Q4 planning/"), "{table}");
    assert!(table.contains("Drive id") && table.contains("Shared by"), "{table}");

    let items = json_lines(&home.run("UTC", &["drive", "shared", "--json"]));
    assert_eq!(items.len(), 4);
    assert!(items.iter().all(|i| i["remoteItem"]["parentReference"]["driveId"].is_string()));
    let folder = items.iter().find(|i| i["name"] == "Q4 planning").unwrap();
    let drive_id = folder["remoteItem"]["parentReference"]["driveId"].as_str().unwrap();
    let item_id = folder["remoteItem"]["id"].as_str().unwrap();
    let inside = json_lines(&home.run("UTC", &["drive", "ls", "--drive", drive_id, "--item", item_id, "--json"]));
    assert_eq!(inside.len(), 5);
    assert!(inside.iter().all(|i| i["parentReference"]["id"] == item_id));

    // --item needs --drive: a usage error, before anything is sent.
    let refused = home.run("UTC", &["drive", "ls", "--item", item_id]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
}
