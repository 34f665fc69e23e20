//! Benchmark: list every message of a 100,000-message folder through the CLI, against `o365 sim`,
//! and compare with a raw fetch of the same pages (the transport's limit) in the same run. It
//! also times the simulated tenant itself: how long it takes to start, one 1,000-message page at
//! the start, the middle and the end of the Inbox, and its peak memory (issue 16: a tenant that
//! slows with size hides the client's own costs from every benchmark at scale).
//!
//! Run with `cargo bench --bench mail_list` (optionally `-- --messages N --runs N`). Each side runs
//! as its own process so that its peak memory (max RSS from wait4) is its own. Beside each wall
//! time it gives CPU times (the child's from wait4, the tenant's from schedstat), which a machine
//! busy with other work does not lengthen.
#[path = "support/bench.rs"]
#[allow(dead_code)]
mod bench;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const O365: &str = env!("CARGO_BIN_EXE_o365");

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--raw-fetch") {
        raw_fetch(&args[i + 1]);
        return;
    }
    let Some(args) = bench::bench_args("mail_list", "cargo bench --bench mail_list") else { return };
    let messages = bench::flag(&args, "--messages").unwrap_or(100_000);
    let runs = bench::flag(&args, "--runs").unwrap_or(5);

    let work = std::env::temp_dir().join(format!("o365-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("bench dir");
    let started = Instant::now();
    let (mut sim, graph_url, authority_url) = bench::start_sim(O365, messages);
    let sim_ready = started.elapsed();
    let sim_rss_at_start = bench::status_kib(sim.id(), "VmRSS:");
    let config = bench::write_config(&work, &graph_url, &authority_url);
    let env = [("O365_DATA_DIR", work.join("data")), ("O365_CONFIG_DIR", work.clone())];

    let login = Command::new(O365)
        .arg("--config")
        .arg(&config)
        .arg("login")
        .envs(env.iter().map(|(k, v)| (*k, v.as_os_str())))
        .stdin(Stdio::null())
        .output()
        .expect("run o365 login");
    assert!(login.status.success(), "login failed: {}", String::from_utf8_lossy(&login.stderr));
    let token = bench::device_code_token(&authority_url, "Mail.Read offline_access");

    let url = format!(
        "{graph_url}/me/mailFolders/inbox/messages?$select={}&$orderby=receivedDateTime%20desc&$top=1000",
        o365_graph::mail::SUMMARY_FIELDS.join(",")
    );
    let mut cli = Vec::new();
    let mut raw = Vec::new();
    for _ in 0..runs {
        let mut command = Command::new(O365);
        command.arg("--config").arg(&config).args(["mail", "list", "--folder", "Inbox", "--limit", "0", "--json"]);
        command.envs(env.iter().map(|(k, v)| (*k, v.as_os_str())));
        cli.push(measure(command, messages, sim.id()));

        let mut command = Command::new(std::env::current_exe().expect("bench exe"));
        command.args(["--raw-fetch", &url]).env("BENCH_TOKEN", &token);
        raw.push(measure(command, messages, sim.id()));
    }
    // Timed after the listings: a child's peak RSS (from wait4) counts this process's peak (the
    // child starts in its memory until it execs), so this process must not hold decoded pages
    // before then.
    let pages = page_times(&graph_url, &token, messages, PAGE_SAMPLES, sim.id());
    let sim_peak = bench::status_kib(sim.id(), "VmHWM:");
    let _ = sim.kill();
    let _ = sim.wait();
    let _ = std::fs::remove_dir_all(&work);

    let (cli, raw) = (summary(&cli), summary(&raw));
    let rate = |t: Duration| messages as f64 / t.as_secs_f64();
    let ms = |t: Duration| t.as_secs_f64() * 1e3;
    println!("mail_list: {messages} messages, median of {runs} runs");
    println!(
        "  o365 sim              : ready in {:.0} ms, RSS {:.1} MB at start, peak RSS {:.1} MB (goal: at most 300 MB)",
        ms(sim_ready),
        sim_rss_at_start as f64 / 1024.0,
        sim_peak as f64 / 1024.0
    );
    for (label, median, cpu) in &pages {
        println!(
            "  one 1,000-message page at the {label:<6}: {:>6.1} ms median of {PAGE_SAMPLES} (goal: at most 20 ms), the tenant's CPU {:>5.1} ms",
            ms(*median),
            ms(*cpu)
        );
    }
    for (label, side) in [("o365 mail list --json ", &cli), ("raw fetch of the pages", &raw)] {
        println!(
            "  {label}: {:>8.1} ms  {:>9.0} msg/s  peak RSS {:>6.1} MB  CPU {:>6.1} ms, the tenant's {:>6.1} ms",
            ms(side.wall),
            rate(side.wall),
            side.rss_kib as f64 / 1024.0,
            ms(side.cpu),
            ms(side.tenant_cpu)
        );
    }
    println!(
        "  CLI / raw time ratio : {:.2}x (goals: the listing under 3 s, the CLI within 1.3x of raw)",
        cli.wall.as_secs_f64() / raw.wall.as_secs_f64()
    );
}

/// Requests timed per place in the Inbox.
const PAGE_SAMPLES: usize = 15;

/// The median time of one GET of a 1,000-message page (headers and body read whole) at the start,
/// the middle and the end of the Inbox, the way a client's nextLink reaches it: the same query
/// the CLI sends, at `$skip` 0, half the folder, and the last full page; with the tenant's mean
/// CPU time per page (`sim` is its pid).
fn page_times(
    graph_url: &str,
    token: &str,
    messages: usize,
    samples: usize,
    sim: u32,
) -> Vec<(&'static str, Duration, Duration)> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().expect("client");
        let base = format!(
            "{graph_url}/me/mailFolders/inbox/messages?$select={}&$orderby=receivedDateTime%20desc&$top=1000",
            o365_graph::mail::SUMMARY_FIELDS.join(",")
        );
        let last = messages.saturating_sub(1000);
        let mut out = Vec::new();
        for (label, skip) in [("start", 0), ("middle", messages / 2), ("end", last)] {
            let url = if skip == 0 { base.clone() } else { format!("{base}&$skip={skip}") };
            let mut times = Vec::with_capacity(samples);
            let tenant_before = bench::run_time(sim);
            for _ in 0..samples {
                let started = Instant::now();
                let response = http.get(&url).bearer_auth(token).send().await.expect("get");
                assert!(response.status().is_success(), "page at {skip}: {}", response.status());
                let body = response.bytes().await.expect("body");
                times.push(started.elapsed());
                let page: serde_json::Value = serde_json::from_slice(&body).expect("page json");
                let expected = 1000.min(messages - skip);
                assert_eq!(page["value"].as_array().map_or(0, Vec::len), expected, "page at {skip}");
            }
            let tenant_cpu = bench::run_time(sim).saturating_sub(tenant_before) / samples as u32;
            times.sort();
            out.push((label, times[times.len() / 2], tenant_cpu));
        }
        out
    })
}

/// The raw side: GET each page with the token and read its bytes, following nextLink. Prints one
/// line per message-sized unit so the parent can check the count the same way as for the CLI.
fn raw_fetch(first: &str) {
    let token = std::env::var("BENCH_TOKEN").expect("BENCH_TOKEN");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let count = rt.block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().expect("client");
        let mut next = Some(first.to_owned());
        let mut count = 0usize;
        while let Some(url) = next.take() {
            let body = http.get(&url).bearer_auth(&token).send().await.expect("get").bytes().await.expect("body");
            // Only the envelope is read: counting items and finding the link is the least any client does.
            let page: serde_json::Value = serde_json::from_slice(&body).expect("page json");
            count += page["value"].as_array().map_or(0, Vec::len);
            next = page["@odata.nextLink"].as_str().map(str::to_owned);
        }
        count
    });
    let out = "x\n".repeat(count);
    print!("{out}");
}

/// One listing: wall time, peak RSS (KiB), the child's CPU time and the tenant's meanwhile.
struct Run {
    wall: Duration,
    rss_kib: u64,
    cpu: Duration,
    tenant_cpu: Duration,
}

/// Runs a command to completion, checking it printed `expected` lines. Its output is counted as
/// it comes, never held: this process's own peak would show in the next child's (see above).
fn measure(mut command: Command, expected: usize, sim: u32) -> Run {
    let tenant_before = bench::run_time(sim);
    let start = Instant::now();
    // Reaped by `wait4` below, which std's `wait` cannot replace: it also reports the peak RSS.
    #[allow(clippy::zombie_processes)]
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 64 * 1024];
        let mut lines = 0usize;
        loop {
            match stdout.read(&mut buf)? {
                0 => return Ok::<_, std::io::Error>(lines),
                n => lines += buf[..n].iter().filter(|&&b| b == b'\n').count(),
            }
        }
    });
    let (status, usage) = bench::wait_with_rusage(&child);
    let wall = start.elapsed();
    let tenant_cpu = bench::run_time(sim).saturating_sub(tenant_before);
    let lines = reader.join().expect("reader").expect("read stdout");
    assert!(status.success(), "command failed ({status}); its stderr is above");
    assert_eq!(lines, expected, "wrong number of lines");
    let time = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    Run { wall, rss_kib: usage.ru_maxrss as u64, cpu: time(usage.ru_utime) + time(usage.ru_stime), tenant_cpu }
}

/// The median of each time over the runs (taken apart, so each is a run's own), and the
/// largest peak RSS.
fn summary(runs: &[Run]) -> Run {
    let median = |f: fn(&Run) -> Duration| {
        let mut times: Vec<Duration> = runs.iter().map(f).collect();
        times.sort();
        times[times.len() / 2]
    };
    Run {
        wall: median(|r| r.wall),
        rss_kib: runs.iter().map(|r| r.rss_kib).max().unwrap_or(0),
        cpu: median(|r| r.cpu),
        tenant_cpu: median(|r| r.tenant_cpu),
    }
}
