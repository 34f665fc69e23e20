//! Benchmark: the CPU the real `o365 --demo` uses while nothing happens. It runs in a 140x40
//! pseudo-terminal; once the first screen is drawn and nothing is loading, its CPU time
//! (utime + stime from /proc/PID/stat, the in-process demo tenant included) is read before and
//! after an idle window, and the bytes it wrote to the terminal meanwhile are counted.
//!
//! Run with `cargo bench --profile dev --bench tui_idle` (optionally `-- --seconds N`). Linux only.
#[path = "support/bench.rs"]
#[allow(dead_code)]
mod bench;

#[path = "../tests/support/pty_harness.rs"]
mod pty;

use std::time::{Duration, Instant};

use pty::{PinnedHome, PtyProgram};

const GOAL_PERCENT: f64 = 1.0;

fn main() {
    let Some(args) = bench::bench_args("tui_idle", "cargo bench --profile dev --bench tui_idle") else { return };
    let seconds = bench::flag(&args, "--seconds").unwrap_or(10u64);

    let home = PinnedHome::new("idle");
    let mut app = PtyProgram::spawn(&["--demo"], &home.env(), &home.dir);
    app.wait_until("the first screen, nothing loading", |screen| {
        let text = screen.contents();
        text.contains("Inbox · 100 of") && text.contains("Sent Items") && !text.contains("loading")
    });
    let start_up = cpu_ticks(app.pid());

    let written_before = app.written();
    let ticks_before = cpu_ticks(app.pid());
    let run_before = bench::run_time(app.pid());
    let window_start = Instant::now();
    // The measurement window itself: nothing is waited for, the process is just left alone.
    std::thread::sleep(Duration::from_secs(seconds));
    let window = window_start.elapsed();
    let ticks_after = cpu_ticks(app.pid());
    let run_after = bench::run_time(app.pid());
    let written = app.written() - written_before;

    app.send("q");
    let code = app.wait_exit();
    assert_eq!(code, 0, "o365 exited with {code}");

    // SAFETY: sysconf only reads a configuration value.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let cpu = (ticks_after - ticks_before) as f64 / per_second;
    let percent = 100.0 * cpu / window.as_secs_f64();
    println!("tui_idle: o365 --demo in a 140x40 pty, idle after the first screen");
    println!("| measure                              | value        | goal     |");
    println!("|--------------------------------------|--------------|----------|");
    println!("| CPU time to the first screen         | {:>9.2} s  |          |", start_up as f64 / per_second);
    println!("| CPU time over {:>3.0} s idle             | {:>9.3} s  |          |", window.as_secs_f64(), cpu);
    println!(
        "| CPU while idle                       | {:>9.2} %  | < {GOAL_PERCENT} %    | {}",
        percent,
        if percent < GOAL_PERCENT { "met" } else { "NOT MET" }
    );
    let precise = run_after.saturating_sub(run_before);
    println!(
        "| on-CPU time idle, schedstat          | {:>9.3} ms |          | {:.4} %",
        precise.as_secs_f64() * 1e3,
        100.0 * precise.as_secs_f64() / window.as_secs_f64()
    );
    println!("| bytes written to the terminal idle   | {written:>10}   | 0        |");
}

/// utime + stime of `pid`, in clock ticks (fields 14 and 15 of /proc/PID/stat).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read /proc/PID/stat");
    // The command name (field 2) may hold spaces; the fields after it start past the last ')'.
    let after_name = &stat[stat.rfind(')').expect("a stat line") + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // after_name starts at field 3 (state): utime is field 14, stime field 15.
    let utime: u64 = fields[11].parse().expect("utime");
    let stime: u64 = fields[12].parse().expect("stime");
    utime + stime
}
