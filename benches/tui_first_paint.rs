//! Benchmark: the real `o365` interface's first frame with Inbox rows from a warm local cache of
//! 100,000 headers (issue 10: at most 50 ms from process start, in a release build), and its
//! peak memory with that cache. An `o365 sim` serves a 100,000-message tenant; `o365 sync --mail`
//! fills the account's cache; then `o365 --offline` starts in a 140x40 pseudo-terminal, five
//! times, each timed from the spawn to the first screen showing the Inbox's rows (`Inbox · N of
//! M`), its peak resident set (VmHWM) read before it quits.
//!
//! Run with `cargo bench --bench tui_first_paint` (release), or `--profile dev` (optionally
//! `-- --messages N`). Linux only.
#[path = "support/bench.rs"]
#[allow(dead_code)]
mod bench;

#[path = "../tests/support/pty_harness.rs"]
mod pty;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pty::{BIN, PinnedHome, PtyProgram};

const GOAL_MS: f64 = 50.0;
const GOAL_MB: f64 = 120.0;
const RUNS: usize = 5;

fn main() {
    let Some(args) = bench::bench_args("tui_first_paint", "cargo bench --bench tui_first_paint") else { return };
    let messages = bench::flag(&args, "--messages").unwrap_or(100_000usize);

    let home = PinnedHome::new("first-paint");
    let (mut sim, graph_url, authority_url) = bench::start_sim(BIN, messages);
    let config_dir = home.dir.join("o365-config");
    let data_dir = home.dir.join("o365-data");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    let config = format!(
        "default_account = \"bench\"\n[accounts.bench]\nclient_id = \"{}\"\ngraph_url = \"{graph_url}\"\nauthority_url = \"{authority_url}\"\n",
        o365_sim::DEMO_CLIENT_ID
    );
    std::fs::write(config_dir.join("config.toml"), config).expect("write config");
    let mut env = home.env();
    env.push(("O365_CONFIG_DIR".to_owned(), config_dir.clone().into_os_string()));
    env.push(("O365_DATA_DIR".to_owned(), data_dir.clone().into_os_string()));
    let run = |args: &[&str]| {
        let output = Command::new(BIN)
            .args(args)
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_os_str())))
            .stdin(Stdio::null())
            .output()
            .expect("run o365");
        assert!(output.status.success(), "o365 {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    };
    run(&["login"]);
    let started = Instant::now();
    run(&["sync", "--mail"]);
    let sync_time = started.elapsed();
    let _ = sim.kill();
    let _ = sim.wait();

    let mut paints = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut app = PtyProgram::spawn(&["--offline"], &env, &home.dir);
        app.wait_until("the Inbox's rows", |screen| {
            inbox_counts(&screen.contents()).is_some_and(|(shown, _)| shown > 0)
        });
        paints.push(started.elapsed());
        peaks.push(bench::status_kib(app.pid(), "VmHWM:"));
        app.send("q");
        assert_eq!(app.wait_exit(), 0, "o365 exited with an error");
    }
    paints.sort();
    let median: Duration = paints[RUNS / 2];
    let peak_mb = *peaks.iter().max().expect("runs") as f64 / 1024.0;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "tui_first_paint: `o365 --offline` on a cache of {messages} messages (filled by `o365 sync --mail` in {:.1} s)",
        sync_time.as_secs_f64()
    );
    println!(
        "  first frame with Inbox rows: {:.1} ms median of {RUNS} (fastest {:.1} ms, slowest {:.1} ms; goal: at most {GOAL_MS} ms in a release build)",
        ms(median),
        ms(paints[0]),
        ms(paints[RUNS - 1])
    );
    println!("  peak RSS of the interface   : {peak_mb:.1} MB (goal: at most {GOAL_MB} MB)");
}

/// `Inbox · 100 of 100000` in the list's title: (rows shown, messages in the folder).
fn inbox_counts(screen: &str) -> Option<(usize, usize)> {
    let after = &screen[screen.find("Inbox · ")? + "Inbox · ".len()..];
    let (loaded, rest) = after.split_once(" of ")?;
    let total: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((loaded.trim().parse().ok()?, total.parse().ok()?))
}
