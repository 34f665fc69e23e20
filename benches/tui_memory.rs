//! Benchmark: the peak memory of the real `o365` UI holding 100,000 message headers. An
//! `o365 sim` serves a 100,000-message tenant; `o365` signs in to it and runs in a 140x40
//! pseudo-terminal; `G` is pressed until the whole Inbox is loaded (each press near the end
//! loads the next page, the largest Graph gives, as a user walking to the end would); then the
//! process's peak resident set (VmHWM in /proc/PID/status) is read before it quits. It also
//! times the loading (issue 16: all 100,000 headers in under 10 s), with the CPU time the UI and
//! the tenant spent meanwhile.
//!
//! Run with `cargo bench --profile dev --bench tui_memory` (optionally `-- --messages N`). Linux only.
#[path = "support/bench.rs"]
#[allow(dead_code)]
mod bench;

#[path = "../tests/support/pty_harness.rs"]
mod pty;

use std::process::{Command, Stdio};
use std::time::Instant;

use pty::{BIN, PinnedHome, PtyProgram};

const GOAL_MB: f64 = 150.0;
/// Issue 16: all 100,000 headers in under 10 s (each `G` loads the largest page Graph gives).
const GOAL_SECONDS: f64 = 10.0;

fn main() {
    let Some(args) = bench::bench_args("tui_memory", "cargo bench --profile dev --bench tui_memory") else { return };
    let messages = bench::flag(&args, "--messages").unwrap_or(100_000usize);

    let home = PinnedHome::new("memory");
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

    let login = Command::new(BIN)
        .arg("login")
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_os_str())))
        .stdin(Stdio::null())
        .output()
        .expect("run o365 login");
    assert!(login.status.success(), "login failed: {}", String::from_utf8_lossy(&login.stderr));

    let mut app = PtyProgram::spawn(&[], &env, &home.dir);
    app.wait_until("the Inbox's first page", |screen| inbox_counts(&screen.contents()).is_some());
    let (_, total) = app.with_screen(|screen| inbox_counts(&screen.contents())).expect("counts");
    let rss_first_page = bench::status_kib(app.pid(), "VmRSS:");
    app.send("\t");
    let cpu_before = (bench::run_time(app.pid()), bench::run_time(sim.id()));
    let started = Instant::now();
    let mut presses = 0;
    loop {
        let (loaded, _) = app.with_screen(|screen| inbox_counts(&screen.contents())).expect("counts");
        if loaded >= total {
            break;
        }
        app.send("G");
        presses += 1;
        app.wait_until(&format!("more than {loaded} messages loaded"), |screen| {
            inbox_counts(&screen.contents()).is_some_and(|(now, _)| now > loaded)
        });
    }
    let scrolled = started.elapsed();
    // CPU times, which other work on the machine does not lengthen as it does the wall clock.
    let (ui_cpu, sim_cpu) = (
        bench::run_time(app.pid()).saturating_sub(cpu_before.0),
        bench::run_time(sim.id()).saturating_sub(cpu_before.1),
    );
    app.wait_until("the cursor on the last message", |screen| {
        let text = screen.contents();
        !text.contains("loading") && inbox_counts(&text).is_some_and(|(now, _)| now == total)
    });
    let pid = app.pid();
    let (peak, rss) = (bench::status_kib(pid, "VmHWM:"), bench::status_kib(pid, "VmRSS:"));
    app.send("q");
    assert_eq!(app.wait_exit(), 0, "o365 exited with an error");
    let _ = sim.kill();
    let _ = sim.wait();

    let mb = |kib: u64| kib as f64 / 1024.0;
    println!("tui_memory: real `o365` against `o365 sim --messages {messages}`, Inbox scrolled to its end with G");
    println!("| measure                                   | value       | goal      |");
    println!("|-------------------------------------------|-------------|-----------|");
    println!("| headers loaded (Inbox total)              | {total:>11} |           |");
    println!("| G presses (pages after the first)         | {presses:>11} |           |");
    let seconds = scrolled.as_secs_f64();
    println!(
        "| time to load them all                     | {seconds:>9.1} s | < {GOAL_SECONDS} s    | {}",
        if seconds < GOAL_SECONDS { "met" } else { "NOT MET" }
    );
    println!("| CPU time of the UI meanwhile              | {:>9.1} s |           |", ui_cpu.as_secs_f64());
    println!("| CPU time of the tenant meanwhile          | {:>9.1} s |           |", sim_cpu.as_secs_f64());
    println!("| resident after the first page             | {:>8.1} MB |           |", mb(rss_first_page));
    println!("| resident with all loaded (VmRSS)          | {:>8.1} MB |           |", mb(rss));
    println!(
        "| peak resident (VmHWM)                     | {:>8.1} MB | < {GOAL_MB} MB  | {}",
        mb(peak),
        if mb(peak) < GOAL_MB { "met" } else { "NOT MET" }
    );
}

/// "Inbox · LOADED of TOTAL" from the message list's title.
fn inbox_counts(screen: &str) -> Option<(usize, usize)> {
    let after = &screen[screen.find("Inbox · ")? + "Inbox · ".len()..];
    let (loaded, rest) = after.split_once(" of ")?;
    let total: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((loaded.trim().parse().ok()?, total.parse().ok()?))
}
