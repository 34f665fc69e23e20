//! Runs the real `o365` binary: an `o365 sim` child serving a small pinned tenant, a private
//! config and data directory pointing at it, and commands run with a pinned time zone.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_o365");
/// The "now" of every simulated tenant here, and of every command run against it (`O365_NOW`),
/// so dates in the data and the client's "today" never move.
pub const ANCHOR: &str = "2026-03-10T12:00:00Z";

/// An `o365 sim` process, stopped with SIGTERM when dropped.
pub struct SimProcess {
    child: Child,
    pub graph_url: String,
    pub authority_url: String,
    pub client_id: String,
}

impl SimProcess {
    /// A tenant of 300 messages (unless `extra` says `--messages N`) with `extra` flags.
    pub fn start(extra: &[&str]) -> SimProcess {
        let messages: &[&str] = if extra.contains(&"--messages") { &[] } else { &["--messages", "300"] };
        let mut child = Command::new(BIN)
            .args(["sim", "--anchor", ANCHOR, "--device-code-interval", "0"])
            .args(messages)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start o365 sim");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut value = |key: &str| {
            let line = lines.next().expect("a line from o365 sim").expect("utf-8");
            line.strip_prefix(&format!("{key}=")).unwrap_or_else(|| panic!("expected {key}=, got {line}")).to_owned()
        };
        let graph_url = value("graph_url");
        let authority_url = value("authority_url");
        let client_id = value("client_id");
        SimProcess { child, graph_url, authority_url, client_id }
    }

    /// Sends SIGTERM and returns the exit status.
    pub fn stop(mut self) -> std::process::ExitStatus {
        self.terminate()
    }

    fn terminate(&mut self) -> std::process::ExitStatus {
        // SAFETY: signalling our own child, which has not been reaped yet.
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        self.child.wait().expect("wait for o365 sim")
    }
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.terminate();
        }
    }
}

/// A config and data directory of one test, removed when dropped.
pub struct Home {
    pub dir: PathBuf,
}

impl Home {
    pub fn new(test: &str) -> Home {
        let dir = std::env::temp_dir().join(format!("o365-cli-{test}-{}-{}", std::process::id(), fastrand::u64(..)));
        std::fs::create_dir_all(dir.join("config")).expect("temp dir");
        Home { dir }
    }

    /// Writes a config whose only account, `sim`, uses the simulator.
    pub fn config_for(&self, sim: &SimProcess) -> PathBuf {
        self.write_config(&format!(
            "default_account = \"sim\"\n\n[accounts.sim]\nclient_id = \"{}\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\n",
            sim.client_id, sim.graph_url, sim.authority_url
        ))
    }

    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.dir.join("config").join("config.toml");
        std::fs::write(&path, text).expect("write config");
        path
    }

    /// Runs `o365 ARGS` with this home's directories, the given zone and nothing on stdin.
    pub fn run(&self, zone: &str, args: &[&str]) -> Output {
        self.command(zone, args).output().expect("run o365")
    }

    /// Runs `o365 ARGS` like `run`, with `input` on stdin (a pipe).
    pub fn run_with_stdin(&self, zone: &str, args: &[&str], input: &[u8]) -> Output {
        use std::io::Write;
        let mut child = self
            .command(zone, args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run o365");
        let mut stdin = child.stdin.take().expect("stdin");
        // A command that stops reading early closes the pipe: that is its answer, not ours.
        let _ = stdin.write_all(input);
        drop(stdin);
        child.wait_with_output().expect("wait for o365")
    }

    pub fn command(&self, zone: &str, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env("O365_CONFIG_DIR", self.dir.join("config"))
            .env("O365_DATA_DIR", self.dir.join("data"))
            .env("TZ", zone)
            .env("O365_NOW", ANCHOR)
            .env_remove("O365_CONFIG")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null());
        command
    }

    pub fn data(&self) -> &Path {
        &self.dir
    }

    /// The access token `o365 login` kept for the `sim` account, for a test that acts on the
    /// tenant as any client could.
    pub fn access_token(&self) -> String {
        let tokens = std::fs::read_to_string(self.dir.join("data/tokens/sim.json")).expect("token file");
        let tokens: serde_json::Value = serde_json::from_str(&tokens).expect("token json");
        tokens["access_token"].as_str().expect("an access token").to_owned()
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8 stderr")
}

/// The JSON objects of `--json` output, one per line.
pub fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// Asserts success and returns stdout.
pub fn ok(output: &Output) -> String {
    assert!(output.status.success(), "failed ({}): {}", output.status, stderr(output));
    stdout(output)
}
