//! The fault matrix (issue 14): every CLI read and write command against a simulated tenant
//! under each fault knob (429s, 503 bursts, cut connections, cut upload ranges, answers slower
//! than a short timeout, access tokens expiring between commands). One tenant per fault,
//! served in this process so the test can switch its faults on after signing in and off again
//! to check what the service holds; then the whole command table runs against it. Every cell
//! asserts the exit code, a single one-line error when a command fails, and that nothing is
//! lost or done twice.
use crate::cli_harness as harness;

use std::collections::HashMap;
use std::process::Output;

use harness::{ANCHOR, Home, json_lines, ok, stderr};
use o365_sim::faults::FaultOptions;
use o365_sim::{DEMO_CLIENT_ID, RunningSim, SimOptions};
use serde_json::Value;

/// How a command may end under a fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Success,
    /// Exit 1 with one error line.
    Failure,
    /// A POST the service may or may not have received when its connection was cut: it is not
    /// sent again (it could act twice), so either outcome is right; the data checks decide.
    Either,
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    Throttled,
    Unavailable,
    CutConnections,
    CutUploadRanges,
    SlowerThanTimeout,
    TokensExpire,
}

impl Fault {
    fn options(self) -> FaultOptions {
        let quick = || FaultOptions { retry_after: "0.05".into(), ..FaultOptions::default() };
        match self {
            // Not every second request: a `$batch` and its one sub-request are two requests to the
            // tenant, and the sub-request would land on the throttled beat at every retry.
            Fault::Throttled => FaultOptions { throttle_every: Some(3), ..quick() },
            // Bursts of two, with two good requests between them (a batch needs both).
            Fault::Unavailable => FaultOptions { unavailable_every: Some(4), unavailable_burst: 2, ..quick() },
            Fault::CutConnections => FaultOptions { drop_every: Some(3), ..quick() },
            Fault::CutUploadRanges => FaultOptions { upload_drop_every: Some(2), ..quick() },
            Fault::SlowerThanTimeout => FaultOptions { delay_ms: Some(1_500), ..quick() },
            Fault::TokensExpire => quick(),
        }
    }

    /// Config lines of the account under this fault.
    fn config(self) -> &'static str {
        match self {
            // One try of one second: the answer comes after 1.5 s.
            Fault::SlowerThanTimeout => "timeout = 1\nrequest_retries = 0\n",
            _ => "request_retries = 3\n",
        }
    }

    fn expect(self, write: Write) -> Expect {
        match (self, write) {
            (Fault::SlowerThanTimeout, _) => Expect::Failure,
            (Fault::CutConnections, Write::Post) => Expect::Either,
            _ => Expect::Success,
        }
    }
}

/// What a command does to the tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    Read,
    /// An idempotent change (PATCH): repeated after a cut connection.
    Patch,
    /// A change that is never repeated after a cut connection (it may have been made).
    Post,
}

/// Ids the commands work on, found before the faults start.
struct Known {
    messages: Vec<String>,
    list: String,
    attachment: String,
}

/// A command of the table: its words (with `{m0}`, `{m1}`, `{list}`, `{big}` filled in) and
/// what it writes.
const COMMANDS: &[(&str, Write)] = &[
    ("mail folders", Write::Read),
    ("mail list --limit 20", Write::Read),
    ("mail list --unread --limit 5 --json", Write::Read),
    ("mail list --search budget --limit 5", Write::Read),
    ("mail show {m0}", Write::Read),
    ("mail show {m0} --json", Write::Read),
    ("mail attachments {m0}", Write::Read),
    ("mail categories", Write::Read),
    ("calendar agenda --from 2026-03-09 --to 2026-03-16", Write::Read),
    ("calendar agenda --from 2026-03-09 --to 2026-03-16 --json", Write::Read),
    ("drive ls", Write::Read),
    ("drive sites", Write::Read),
    ("todo lists", Write::Read),
    ("todo tasks {list} --json", Write::Read),
    ("contacts list", Write::Read),
    ("mail read {m1}", Write::Patch),
    ("mail flag {m1}", Write::Patch),
    ("mail categorize {m2} --add Matrix --create", Write::Post),
    ("mail folder create Matrix-folder", Write::Post),
    ("todo add {list} Matrix-task", Write::Post),
    ("mail send --to adele@fabrikam.example --subject Matrix-send --body hello", Write::Post),
    ("mail send --to adele@fabrikam.example --subject Matrix-upload --body big --attach {big}", Write::Post),
];

/// A simulated tenant served by a runtime of its own, and a home signed in to it.
struct Tenant {
    sim: RunningSim,
    home: Home,
    _runtime: tokio::runtime::Runtime,
}

impl Tenant {
    fn start(fault: Fault) -> Tenant {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let options = SimOptions {
            seed: 7,
            messages: 60,
            anchor: chrono::DateTime::parse_from_rfc3339(ANCHOR).unwrap().to_utc(),
            auto_approve_device_codes: true,
            device_code_interval: 0,
            ..SimOptions::default()
        };
        let sim = runtime.block_on(o365_sim::start("127.0.0.1:0".parse().unwrap(), options)).unwrap();
        let home = Home::new(&format!("faults-{fault:?}"));
        home.write_config(&format!(
            "[accounts.sim]\nclient_id = \"{DEMO_CLIENT_ID}\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\n{}",
            sim.urls().graph_url(),
            sim.urls().authority_url(),
            fault.config()
        ));
        ok(&home.run("UTC", &["login"]));
        Tenant { sim, home, _runtime: runtime }
    }

    fn run(&self, words: &[&str]) -> Output {
        self.home.run("UTC", words)
    }

    fn json(&self, line: &str) -> Vec<Value> {
        json_lines(&self.run(&line.split(' ').collect::<Vec<_>>()))
    }

    fn known(&self) -> Known {
        let messages =
            self.json("mail list --limit 3 --json").iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect();
        let list = self.json("todo lists --json")[0]["id"].as_str().unwrap().to_owned();
        // Over Graph's 3 MB limit for one request: sent through an upload session in ranges.
        let attachment = self.home.data().join("big.bin");
        std::fs::write(&attachment, (0..3_500_000u32).map(|i| (i % 251) as u8).collect::<Vec<u8>>()).unwrap();
        Known { messages, list, attachment: attachment.to_str().unwrap().to_owned() }
    }

    /// How many times each thing the writes make exists in the tenant, with no fault on.
    fn census(&self, known: &Known) -> HashMap<&'static str, usize> {
        let count = |items: &[Value], field: &str, value: &str| items.iter().filter(|i| i[field] == value).count();
        let sent = self.json("mail list --folder sentitems --limit 0 --json");
        let folders = self.json("mail folders --json");
        let tasks = self.json(&format!("todo tasks {} --json", known.list));
        let categories = self.json("mail categories --json");
        HashMap::from([
            ("Matrix-send", count(&sent, "subject", "Matrix-send")),
            ("Matrix-upload", count(&sent, "subject", "Matrix-upload")),
            ("Matrix-folder", count(&folders, "displayName", "Matrix-folder")),
            ("Matrix-task", count(&tasks, "title", "Matrix-task")),
            ("Matrix", count(&categories, "displayName", "Matrix")),
        ])
    }
}

fn fill(template: &str, known: &Known) -> Vec<String> {
    template
        .split(' ')
        .map(|word| match word {
            "{m0}" => known.messages[0].clone(),
            "{m1}" => known.messages[1].clone(),
            "{m2}" => known.messages[2].clone(),
            "{list}" => known.list.clone(),
            "{big}" => known.attachment.clone(),
            other => other.to_owned(),
        })
        .collect()
}

/// The thing a write makes (for the census), if it makes one.
fn made_by(template: &str) -> Option<&'static str> {
    ["Matrix-send", "Matrix-upload", "Matrix-folder", "Matrix-task"]
        .into_iter()
        .find(|name| template.contains(name))
        .or_else(|| template.contains("--add Matrix").then_some("Matrix"))
}

/// The error of a failed command: exit 1 (not a panic's 101), one `o365: error:` line, last.
fn assert_one_line_error(cell: &str, output: &Output) -> String {
    let said = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{cell}: {said}");
    let errors: Vec<&str> = said.lines().filter(|l| l.starts_with("o365: error:")).collect();
    assert_eq!(errors.len(), 1, "{cell}: one error line: {said}");
    assert_eq!(said.lines().last(), Some(errors[0]), "{cell}: the error comes last: {said}");
    assert!(!said.contains("panicked"), "{cell}: {said}");
    errors[0].to_owned()
}

fn run_row(fault: Fault) {
    let tenant = Tenant::start(fault);
    let known = tenant.known();
    tenant.sim.state.faults.set_options(fault.options());
    let mut failed_writes = Vec::new();
    for &(template, write) in COMMANDS {
        let cell = format!("{fault:?} × o365 {template}");
        if matches!(fault, Fault::TokensExpire) {
            tenant.sim.state.identity.expire_access_tokens();
        }
        let words = fill(template, &known);
        let output = tenant.run(&words.iter().map(String::as_str).collect::<Vec<_>>());
        let succeeded = output.status.success();
        match fault.expect(write) {
            Expect::Success => assert!(succeeded, "{cell}: {}", stderr(&output)),
            Expect::Failure => assert!(!succeeded, "{cell} succeeded"),
            Expect::Either => {}
        }
        if !succeeded {
            let error = assert_one_line_error(&cell, &output);
            if matches!(fault, Fault::SlowerThanTimeout) {
                assert!(error.contains("timed out") || error.contains("timeout"), "{cell}: {error}");
            }
            if template.starts_with("mail send") {
                // Nothing typed is lost: the whole message waits in a file the error names.
                assert!(error.contains("the whole message is saved in "), "{cell}: {error}");
                let after = error.split("mail send --draft ").nth(1).expect("the command to resend");
                let file = after.split('`').next().unwrap_or_default().trim().trim_matches('\'');
                assert!(std::path::Path::new(file).exists(), "{cell}: {file} is missing");
            }
            failed_writes.extend(made_by(template));
        } else if write == Write::Read && template.contains("--json") {
            // Every line a read prints parses: nothing half-written after a retry.
            json_lines(&output);
        }
    }
    tenant.sim.state.faults.set_options(FaultOptions::default());
    // No change made twice, and every change that was reported done is there.
    for (name, count) in tenant.census(&known) {
        let expected = if failed_writes.contains(&name) { 0..=1 } else { 1..=1 };
        assert!(expected.contains(&count), "{fault:?}: {name} exists {count} times (failed: {failed_writes:?})");
    }
    let shown = tenant.json(&format!("mail show {} --json", known.messages[1]));
    if !matches!(fault, Fault::SlowerThanTimeout) {
        assert_eq!(shown[0]["isRead"], true, "{fault:?}");
        assert_eq!(shown[0]["flag"]["flagStatus"], "flagged", "{fault:?}");
    }
    if matches!(fault, Fault::TokensExpire) {
        let refreshes = tenant.sim.state.identity.token_requests("refresh_token");
        assert!(refreshes >= COMMANDS.len() as u64, "a refresh per command: {refreshes}");
    }
    if matches!(fault, Fault::CutUploadRanges) {
        let sent = tenant.json("mail list --folder sentitems --limit 0 --json");
        let id = sent.iter().find(|m| m["subject"] == "Matrix-upload").unwrap()["id"].as_str().unwrap().to_owned();
        let files = tenant.json(&format!("mail attachments {id} --json"));
        assert_eq!(files[0]["size"], 3_500_000, "the attachment arrived whole: {files:?}");
    }
}

#[test]
fn every_command_under_429s() {
    run_row(Fault::Throttled);
}

#[test]
fn every_command_under_503_bursts() {
    run_row(Fault::Unavailable);
}

#[test]
fn every_command_under_cut_connections() {
    run_row(Fault::CutConnections);
}

#[test]
fn every_command_under_cut_upload_ranges() {
    run_row(Fault::CutUploadRanges);
}

#[test]
fn every_command_with_answers_slower_than_the_timeout() {
    run_row(Fault::SlowerThanTimeout);
}

#[test]
fn every_command_with_tokens_expiring_between_commands() {
    run_row(Fault::TokensExpire);
}
