//! `o365 drive get`, `put`, `mkdir`, `mv`, `cp`, `rm`, `share`, `perms` end to end (issue 8):
//! the real binary against a simulated tenant in this process, so each test can look at the
//! tenant's state, plan faults and count bytes: uploads and downloads byte-equal through dropped
//! fragments and cut streams, a killed `put` resumed from its kept session, `--conflict fail`
//! changing nothing, hostile names kept inside the target folder, and a cron job (an expired
//! access token, no stdin, no terminal) writing into a SharePoint library.
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use crate::cli_harness as harness;
use harness::{Home, json_lines, ok, stderr, stdout};
use o365_sim::faults::{FaultKind, Gate};
use o365_sim::store::Content;
use serde_json::{Value, json};

/// A tenant served in this process and an account signed in to it by device code.
struct Tenant {
    runtime: tokio::runtime::Runtime,
    sim: o365_sim::RunningSim,
    home: Home,
}

impl Tenant {
    fn start(test: &str, extra_config: &str) -> Tenant {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let options = o365_sim::SimOptions {
            seed: 5,
            messages: 20,
            anchor: chrono::DateTime::parse_from_rfc3339(harness::ANCHOR).unwrap().to_utc(),
            device_code_interval: 0,
            ..o365_sim::SimOptions::default()
        };
        let sim = runtime.block_on(o365_sim::start(([127, 0, 0, 1], 0).into(), options)).expect("start the tenant");
        let home = Home::new(test);
        home.write_config(&format!(
            "default_account = \"sim\"\n[accounts.sim]\nclient_id = \"{}\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\n{extra_config}",
            o365_sim::DEMO_CLIENT_ID,
            sim.urls().graph_url(),
            sim.urls().authority_url()
        ));
        Tenant { runtime, sim, home }
    }

    fn signed_in(test: &str) -> Tenant {
        let tenant = Tenant::start(test, "");
        ok(&tenant.home.run("UTC", &["login"]));
        tenant
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        self.home.run("UTC", args)
    }

    /// The item at `path` below the root of the drive `drive_id` (the owner's for `None`).
    fn item(&self, drive_id: Option<&str>, path: &str) -> Option<Value> {
        let tenant = self.sim.state.read_tenant();
        let mine = tenant.drive["id"].as_str().unwrap_or_default().to_owned();
        let wanted = drive_id.unwrap_or(&mine);
        let root = tenant.drive_items.iter().find(|i| {
            let named = i["parentReference"]["driveId"].as_str();
            i.get("root").is_some() && (named == Some(wanted) || (named.is_none() && wanted == mine))
        });
        let mut current = root?.clone();
        for name in path.split('/').filter(|s| !s.is_empty()) {
            current = tenant.drive_items.child_named(current["id"].as_str()?, name)?.clone();
        }
        Some(current)
    }

    fn bytes(&self, item: &Value) -> Vec<u8> {
        let tenant = self.sim.state.read_tenant();
        let content: &Content = &tenant.drive_content[item["id"].as_str().unwrap()];
        content.read_range(0, content.len())
    }

    fn scratch(&self, name: &str) -> PathBuf {
        let dir = self.home.data().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

impl Drop for Tenant {
    fn drop(&mut self) {
        let sim = std::mem::replace(&mut self.sim, self.runtime.block_on(dummy()));
        self.runtime.block_on(sim.shutdown());
    }
}

/// A second, idle tenant to swap in when the real one is shut down in `drop`.
async fn dummy() -> o365_sim::RunningSim {
    o365_sim::start(([127, 0, 0, 1], 0).into(), o365_sim::SimOptions { messages: 1, ..Default::default() })
        .await
        .unwrap()
}

fn data(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 9) as u8).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn put_and_get_with_spaces_non_ascii_and_folders_as_destinations() {
    let t = Tenant::signed_in("drive-put-get");
    let local = t.scratch("local");
    let report = write(&local, "Q3 report été.csv", b"region,total\nnorth,12\n");
    ok(&t.run(&["drive", "mkdir", "Archive 2025/Q3", "-p"]));
    // An existing folder receives the file under its own name, with or without the slash.
    ok(&t.run(&["drive", "put", &report, "Archive 2025/Q3"]));
    let uploaded = t.item(None, "Archive 2025/Q3/Q3 report été.csv").expect("uploaded under its own name");
    assert_eq!(t.bytes(&uploaded), b"region,total\nnorth,12\n");
    // Otherwise the destination is the new name.
    let lines = json_lines(&t.run(&["--json", "drive", "put", &report, "/Archive 2025/renamed.csv"]));
    assert_eq!(lines[0]["name"], "renamed.csv");
    assert!(t.item(None, "Archive 2025/renamed.csv").is_some());
    // A destination ending in / must be a folder.
    let missing = t.run(&["drive", "put", &report, "No such folder/"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("the folder `No such folder/` does not exist"), "{}", stderr(&missing));

    let downloads = t.scratch("Downloads");
    ok(&t.run(&["drive", "get", "Archive 2025/Q3/Q3 report été.csv", &format!("{}/", downloads.display())]));
    assert_eq!(std::fs::read(downloads.join("Q3 report été.csv")).unwrap(), b"region,total\nnorth,12\n");
    // Never over a local file unless asked.
    let again = t.run(&["drive", "get", "Archive 2025/Q3/Q3 report été.csv", &downloads.to_string_lossy()]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(stderr(&again).lines().count(), 1, "{}", stderr(&again));
    assert!(stderr(&again).contains("exists"), "{}", stderr(&again));
    ok(&t.run(&["drive", "get", "--overwrite", "Archive 2025/Q3/Q3 report été.csv", &downloads.to_string_lossy()]));
    // To standard output.
    let piped = t.run(&["drive", "get", "Archive 2025/renamed.csv", "-"]);
    assert_eq!(piped.stdout, b"region,total\nnorth,12\n");
    // A folder comes down with everything in it; a cron log gets one summary line per file.
    let whole = t.scratch("whole");
    let output = t.run(&["drive", "get", "Archive 2025", &whole.join("copy").to_string_lossy()]);
    ok(&output);
    assert!(whole.join("copy/Q3/Q3 report été.csv").is_file() && whole.join("copy/renamed.csv").is_file());
    assert!(stderr(&output).lines().all(|l| l.starts_with("downloaded ")), "{}", stderr(&output));
    // A folder needs -r to go up.
    let folder = t.run(&["drive", "put", &local.to_string_lossy(), "Archive 2025/"]);
    assert_eq!(folder.status.code(), Some(2), "{}", stderr(&folder));
    ok(&t.run(&["drive", "put", "-r", &local.to_string_lossy(), "Archive 2025/"]));
    let sent = t.item(None, "Archive 2025/local/Q3 report été.csv").expect("uploaded");
    // Run again (a cron job that ran twice, or was killed): what is there with the same bytes is
    // done, on either side; nothing is replaced.
    ok(&t.run(&["drive", "put", "-r", &local.to_string_lossy(), "Archive 2025/"]));
    let again = t.item(None, "Archive 2025/local/Q3 report été.csv").unwrap();
    assert_eq!(again["eTag"], sent["eTag"], "not sent again");
    ok(&t.run(&["drive", "get", "Archive 2025", &whole.join("copy").to_string_lossy()]));
}

#[test]
fn conflict_fail_exits_1_and_changes_nothing() {
    let t = Tenant::signed_in("drive-conflict");
    let local = t.scratch("local");
    let first = write(&local, "budget.xlsx", b"first version");
    ok(&t.run(&["drive", "put", &first, "Documents/"]));
    let before = t.item(None, "Documents/budget.xlsx").unwrap();
    let second = write(&local.join(""), "other.xlsx", b"second version");
    let refused = t.run(&["drive", "put", &second, "Documents/budget.xlsx"]);
    assert_eq!(refused.status.code(), Some(1));
    let said = stderr(&refused);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("`budget.xlsx` already exists") && said.contains(before["id"].as_str().unwrap()), "{said}");
    let after = t.item(None, "Documents/budget.xlsx").unwrap();
    assert_eq!((t.bytes(&after), &after["eTag"]), (b"first version".to_vec(), &before["eTag"]));
    ok(&t.run(&["drive", "put", "--conflict", "rename", &second, "Documents/budget.xlsx"]));
    assert!(t.item(None, "Documents/budget 1.xlsx").is_some());
    ok(&t.run(&["drive", "put", "--conflict", "replace", &second, "Documents/budget.xlsx"]));
    assert_eq!(t.bytes(&t.item(None, "Documents/budget.xlsx").unwrap()), b"second version");
}

#[test]
fn large_files_survive_dropped_fragments_and_cut_downloads() {
    let t = Tenant::signed_in("drive-large");
    let local = t.scratch("local");
    let bytes = data(5 * 1024 * 1024 + 777);
    let big = write(&local, "big.bin", &bytes);
    t.sim.state.faults.set_options(o365_sim::faults::FaultOptions {
        upload_drop_every: Some(4),
        download_cut_every: Some(1),
        ..Default::default()
    });
    ok(&t.run(&["drive", "put", "--fragment-size", "655360", &big, "/"]));
    assert_eq!(t.bytes(&t.item(None, "big.bin").unwrap()), bytes);
    let back = t.scratch("back");
    t.sim
        .state
        .faults
        .set_options(o365_sim::faults::FaultOptions { download_cut_every: Some(2), ..Default::default() });
    ok(&t.run(&["drive", "get", "big.bin", &back.to_string_lossy()]));
    assert_eq!(std::fs::read(back.join("big.bin")).unwrap(), bytes);
    assert!(!back.join("big.bin.part").exists());
    assert_eq!(t.sim.state.faults.transfers.preauthenticated_with_token(), 0, "no token on a pre-authenticated URL");
    assert!(t.sim.state.faults.transfers.preauthenticated_requests() > 10);
}

#[test]
fn a_killed_put_resumes_from_the_servers_next_expected_ranges() {
    let t = Tenant::signed_in("drive-killed");
    let local = t.scratch("local");
    let bytes = data(6 * 1024 * 1024);
    let nightly = write(&local, "nightly.bin", &bytes);
    let fragment = 327_680u64;
    let gate = Gate::default();
    t.sim.state.faults.fail_upload_put(5, FaultKind::Hold(gate.clone()));
    let mut child = t
        .home
        .command("UTC", &["drive", "put", "--fragment-size", "327680", &nightly, "/"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    t.runtime.block_on(gate.arrived());
    child.kill().unwrap();
    child.wait().unwrap();
    let first_run = t.sim.state.faults.transfers.upload_bytes();
    assert_eq!(first_run, 6 * fragment, "five fragments landed, the sixth was held when the job was killed");
    assert!(t.item(None, "nightly.bin").is_none());
    ok(&t.run(&["drive", "put", "--fragment-size", "327680", &nightly, "/"]));
    assert_eq!(t.bytes(&t.item(None, "nightly.bin").unwrap()), bytes);
    let sent_twice = t.sim.state.faults.transfers.upload_bytes() - bytes.len() as u64;
    assert!(sent_twice <= fragment, "at most one fragment sent twice: {sent_twice} bytes");
    let kept = t.home.data().join("data/uploads");
    assert_eq!(std::fs::read_dir(&kept).map(|d| d.count()).unwrap_or(0), 0, "the kept session is removed when done");
}

#[test]
fn hostile_remote_names_are_made_safe_and_stay_inside_the_target_folder() {
    let t = Tenant::signed_in("drive-hostile");
    ok(&t.run(&["drive", "mkdir", "Incoming"]));
    let folder = t.item(None, "Incoming").unwrap();
    {
        let mut tenant = t.sim.state.write_tenant();
        let drive_id = folder["parentReference"]["driveId"].clone();
        for (n, name) in
            ["../../escaped.txt", "/etc/passwd", "..", "evil\u{1b}[31mred.txt", "\u{202e}gpj.exe"].iter().enumerate()
        {
            let id = format!("hostile{n}");
            tenant.drive_items.insert(json!({
                "id": id, "name": name, "size": 4, "file": {"mimeType": "text/plain", "hashes": {}},
                "parentReference": {"id": folder["id"], "driveId": drive_id},
            }));
            tenant.drive_content.insert(id, Content::Bytes(b"evil".to_vec()));
        }
    }
    let target = t.scratch("target");
    let output = t.run(&["drive", "get", "Incoming", &target.join("in").to_string_lossy()]);
    ok(&output);
    assert!(!stderr(&output).contains('\u{1b}'), "no escapes reach the terminal: {:?}", stderr(&output));
    let inside: Vec<PathBuf> = std::fs::read_dir(target.join("in")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(inside.len(), 5, "{inside:?}");
    assert!(inside.iter().all(|p| std::fs::read(p).unwrap() == b"evil"));
    assert!(!target.join("escaped.txt").exists() && !t.home.data().join("escaped.txt").exists());
    let everything: Vec<PathBuf> = std::fs::read_dir(&target).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(everything, [target.join("in")], "nothing landed beside the folder");
}

#[test]
fn move_copy_delete_share_and_permissions() {
    let t = Tenant::signed_in("drive-organise");
    let local = t.scratch("local");
    let file = write(&local, "a.pdf", b"%PDF-1.7 a");
    ok(&t.run(&["drive", "put", &file, "Documents/"]));
    ok(&t.run(&["drive", "mkdir", "Archive 2025"]));
    ok(&t.run(&["drive", "cp", "Documents/a.pdf", "Archive 2025/"]));
    assert_eq!(t.bytes(&t.item(None, "Archive 2025/a.pdf").unwrap()), b"%PDF-1.7 a");
    ok(&t.run(&["drive", "mv", "Documents/a.pdf", "Archive 2025/b.pdf"]));
    assert!(t.item(None, "Documents/a.pdf").is_none() && t.item(None, "Archive 2025/b.pdf").is_some());
    ok(&t.run(&["drive", "mv", "Archive 2025/b.pdf", "c.pdf"]));
    assert!(t.item(None, "c.pdf").is_some(), "a bare name at the root is the new name there");
    let link = ok(&t.run(&["drive", "share", "c.pdf", "--edit"]));
    assert!(link.trim().starts_with("https://") && link.lines().count() == 1, "{link}");
    let anyone = t.run(&["drive", "share", "c.pdf", "--password", "x"]);
    assert_eq!(anyone.status.code(), Some(2), "a password needs --anyone");
    ok(&t.run(&["drive", "share", "c.pdf", "--anyone", "--password", "pw", "--expires", "+7d"]));
    let perms = json_lines(&t.run(&["--json", "drive", "perms", "c.pdf"]));
    let roles: Vec<&str> = perms.iter().map(|p| p["roles"][0].as_str().unwrap()).collect();
    assert_eq!(roles, ["owner", "write", "read"]);
    assert_eq!(perms[2]["hasPassword"], true);
    let table = ok(&t.run(&["drive", "perms", "c.pdf"]));
    assert!(table.contains("anyone with the link") && table.contains("people in your organisation"), "{table}");
    ok(&t.run(&["drive", "rm", "c.pdf", "Archive 2025/a.pdf"]));
    assert!(t.item(None, "c.pdf").is_none());
    assert_eq!(t.sim.state.read_tenant().drive_recycle_bin.len(), 2);
    ok(&t.run(&["drive", "rm", "--permanent", "Archive 2025"]));
    assert_eq!(t.sim.state.read_tenant().drive_recycle_bin.len(), 2);
    let gone = t.run(&["drive", "rm", "nothing-here.txt"]);
    assert_eq!(gone.status.code(), Some(1));
    assert!(stderr(&gone).contains("`nothing-here.txt` does not exist"), "{}", stderr(&gone));
}

/// The oldest use of such a tool: a cron job with a stored refresh token uploads a report into
/// a SharePoint library. The access token has expired; nothing is on stdin; no terminal.
#[test]
fn a_cron_job_with_a_refresh_token_uploads_into_a_sharepoint_library() {
    let t = Tenant::signed_in("drive-cron");
    let local = t.scratch("reports");
    let report = write(&local, "daily.csv", b"day,sales\n2026-03-10,42\n");
    t.sim.state.identity.advance_clock(Duration::from_secs(2 * 3600));
    let site = "contoso.sharepoint.com:/sites/Marketing";
    let output = t.run(&["drive", "put", "--site", site, "--conflict", "replace", &report, "Campaigns/"]);
    ok(&output);
    assert_eq!(stdout(&output), "");
    let said = stderr(&output);
    assert_eq!(said.lines().count(), 1, "one summary line for the log: {said}");
    assert!(said.starts_with("uploaded daily.csv (") && !said.contains('\r'), "{said}");
    let drive_id = {
        let tenant = t.sim.state.read_tenant();
        let site_id = tenant.sites.iter().find(|s| s["name"] == "Marketing").unwrap()["id"].clone();
        tenant.drives.iter().find(|d| d["_siteId"] == site_id).unwrap()["id"].as_str().unwrap().to_owned()
    };
    let uploaded = t.item(Some(&drive_id), "Campaigns/daily.csv").expect("in the library's Campaigns folder");
    assert_eq!(t.bytes(&uploaded), b"day,sales\n2026-03-10,42\n");
}

/// The same job with the app's own identity: the account's `drive` names the library.
#[test]
fn an_app_only_account_writes_to_its_configured_library_and_one_without_a_drive_is_told_what_to_set() {
    let t = Tenant::start(
        "drive-app-only",
        &format!(
            "tenant = \"contoso.onmicrosoft.com\"\nauth_flow = \"client_credentials\"\nclient_secret = \"{}\"\n\
             drive = \"site:contoso.sharepoint.com:/sites/Marketing\"\n",
            o365_sim::identity::DEMO_CLIENT_SECRET
        ),
    );
    ok(&t.run(&["login"]));
    let local = t.scratch("reports");
    let report = write(&local, "nightly.csv", b"ok\n");
    ok(&t.run(&["drive", "put", &report, "Campaigns/"]));
    let listed = json_lines(&t.run(&["--json", "drive", "perms", "Campaigns/nightly.csv"]));
    assert_eq!(listed[0]["roles"][0], "owner");

    let home = Home::new("drive-app-only-bare");
    home.write_config(
        "[accounts.robot]\nclient_id = \"x\"\ntenant = \"contoso.onmicrosoft.com\"\nauth_flow = \"client_credentials\"\n\
         client_secret = \"s\"\n",
    );
    let refused = home.run("UTC", &["drive", "put", &report, "/"]);
    assert_eq!(refused.status.code(), Some(1));
    let said = stderr(&refused);
    assert!(said.contains("mailbox") && said.contains("drive = \"site:HOST:/sites/NAME\""), "{said}");
}

#[test]
fn versions_restore_search_and_recent() {
    let t = Tenant::signed_in("drive-history");
    let local = t.scratch("local");
    let first = write(&local, "plan.txt", b"plan one");
    ok(&t.run(&["drive", "put", &first, "Documents/"]));
    let second = write(&local, "plan2.txt", b"plan two, longer");
    ok(&t.run(&["drive", "put", "--conflict", "replace", &second, "Documents/plan.txt"]));
    let versions = json_lines(&t.run(&["--json", "drive", "versions", "Documents/plan.txt"]));
    let ids: Vec<&str> = versions.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["2.0", "1.0"]);
    assert_eq!((versions[0]["size"].as_u64(), versions[1]["size"].as_u64()), (Some(16), Some(8)));
    let table = ok(&t.run(&["drive", "versions", "Documents/plan.txt"]));
    assert!(table.contains("2.0 (current)"), "{table}");
    ok(&t.run(&["drive", "restore", "Documents/plan.txt", "1.0"]));
    assert_eq!(t.bytes(&t.item(None, "Documents/plan.txt").unwrap()), b"plan one");
    let after = json_lines(&t.run(&["--json", "drive", "versions", "Documents/plan.txt"]));
    assert_eq!(after.len(), 3, "the replaced bytes stay a version");
    let missing = t.run(&["drive", "restore", "Documents/plan.txt", "9.0"]);
    assert_eq!(missing.status.code(), Some(1));

    let found = json_lines(&t.run(&["--json", "drive", "search", "plan"]));
    assert!(found.iter().any(|i| i["name"] == "plan.txt"), "{found:?}");
    let quoted = t.run(&["drive", "search", "it's"]);
    assert!(quoted.status.success(), "a quote in the query is escaped: {}", stderr(&quoted));
    let recent = json_lines(&t.run(&["--json", "drive", "recent", "--limit", "3"]));
    assert_eq!(recent[0]["name"], "plan.txt", "the file just changed comes first");
    assert_eq!(recent.len(), 3);
}
