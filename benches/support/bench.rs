//! What the benchmarks share: running only under `cargo bench` (`cargo test --all-targets` runs
//! bench targets too, and these take from seconds to minutes), numeric `--name N` flags,
//! `o365 sim` started as a child process, a config and a token for it, a process's memory and
//! CPU time from /proc or wait4, a thread's CPU time and the median and 99th percentile of
//! samples.
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The command line when cargo runs the benchmark (it passes `--bench`); otherwise prints that
/// `name` was skipped and how to run it, and gives `None`.
pub fn bench_args(name: &str, how: &str) -> Option<Vec<String>> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") {
        return Some(args);
    }
    println!("{name}: skipped (run it with `{how}`)");
    None
}

/// The number after `name` (`--messages 100000`), when given and valid.
pub fn flag<N: std::str::FromStr>(args: &[String], name: &str) -> Option<N> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1)?.parse().ok()
}

/// Starts `o365 sim` (the binary at `bin`) on a free port with `messages` in the Inbox and
/// returns it with the Graph and authority URLs it printed.
pub fn start_sim(bin: &str, messages: usize) -> (Child, String, String) {
    let mut sim = Command::new(bin)
        .args(["sim", "--seed", "7", "--messages", &messages.to_string(), "--device-code-interval", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start o365 sim");
    let mut lines = BufReader::new(sim.stdout.take().expect("sim stdout")).lines();
    let (mut graph, mut authority) = (None, None);
    while graph.is_none() || authority.is_none() {
        let line = lines.next().expect("sim ended early").expect("sim output");
        if let Some(v) = line.strip_prefix("graph_url=") {
            graph = Some(v.to_owned());
        } else if let Some(v) = line.strip_prefix("authority_url=") {
            authority = Some(v.to_owned());
        }
    }
    // Keep draining so the simulator never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (sim, graph.unwrap_or_default(), authority.unwrap_or_default())
}

/// A `Vm...:` line of /proc/PID/status (`VmRSS:`, `VmHWM:` for the peak), in KiB.
pub fn status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read /proc/PID/status");
    let line = status.lines().find(|l| l.starts_with(field)).expect("the field");
    line[field.len()..].trim().trim_end_matches("kB").trim().parse().expect("a number of kB")
}

/// The time every thread of `pid` has spent on a CPU (the first field of each
/// /proc/PID/task/TID/schedstat, in nanoseconds): finer than the clock ticks of /proc/PID/stat,
/// and, unlike the wall clock, not lengthened when other processes hold the cores. Threads that
/// ended in between are not counted.
pub fn run_time(pid: u32) -> std::time::Duration {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("read /proc/PID/task");
    let nanos: u64 = tasks
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    std::time::Duration::from_nanos(nanos)
}

/// A config file in `dir` with one account, `bench`, on the simulator at these URLs.
pub fn write_config(dir: &Path, graph_url: &str, authority_url: &str) -> PathBuf {
    let path = dir.join("config.toml");
    let text = format!(
        "default_account = \"bench\"\n[accounts.bench]\nclient_id = \"{}\"\ngraph_url = \"{graph_url}\"\nauthority_url = \"{authority_url}\"\n",
        o365_sim::DEMO_CLIENT_ID
    );
    std::fs::write(&path, text).expect("write bench config");
    path
}

/// A token for a raw side, by the device code grant done by hand (the simulator approves it),
/// for `scope` (`Mail.Read offline_access`).
pub fn device_code_token(authority_url: &str, scope: &str) -> String {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let http = reqwest::Client::new();
        let base = format!("{authority_url}/common/oauth2/v2.0");
        let form = [("client_id", o365_sim::DEMO_CLIENT_ID), ("scope", scope)];
        let codes: serde_json::Value = http
            .post(format!("{base}/devicecode"))
            .header("content-type", FORM)
            .body(encode_form(&form))
            .send()
            .await
            .expect("devicecode")
            .json()
            .await
            .expect("json");
        let device_code = codes["device_code"].as_str().expect("device_code").to_owned();
        loop {
            let form = [
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("client_id", o365_sim::DEMO_CLIENT_ID),
                ("device_code", device_code.as_str()),
            ];
            let answer: serde_json::Value = http
                .post(format!("{base}/token"))
                .header("content-type", FORM)
                .body(encode_form(&form))
                .send()
                .await
                .expect("token")
                .json()
                .await
                .expect("json");
            if let Some(token) = answer["access_token"].as_str() {
                return token.to_owned();
            }
            assert_eq!(answer["error"], "authorization_pending", "unexpected answer {answer}");
        }
    })
}

const FORM: &str = "application/x-www-form-urlencoded";

fn encode_form(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// Waits for `child` (not waited for before) and returns its status and resource usage: its
/// peak RSS (`ru_maxrss`, KiB) and CPU times.
pub fn wait_with_rusage(child: &Child) -> (std::process::ExitStatus, libc::rusage) {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child's pid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: valid pointers to locals; the pid is our unwaited child.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    (std::process::ExitStatus::from_raw(status), usage)
}

/// This thread's CPU time: unlike the wall clock, it does not count time other processes had
/// the core (the machine may be busy with builds).
pub fn thread_cpu() -> std::time::Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid pointer to a local timespec; CLOCK_THREAD_CPUTIME_ID always exists on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    std::time::Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// The median and the 99th percentile of `samples` (sorted in place).
pub fn percentiles(samples: &mut [std::time::Duration]) -> (std::time::Duration, std::time::Duration) {
    samples.sort();
    let p99 = ((samples.len() * 99).div_ceil(100)).saturating_sub(1);
    (samples[samples.len() / 2], samples[p99])
}

/// Runs `step` `count` times: each run's wall-clock time and this thread's CPU time for it.
pub fn sample(count: usize, mut step: impl FnMut()) -> (Vec<std::time::Duration>, Vec<std::time::Duration>) {
    let (mut wall, mut cpu) = (Vec::with_capacity(count), Vec::with_capacity(count));
    for _ in 0..count {
        let (start, before) = (std::time::Instant::now(), thread_cpu());
        step();
        wall.push(start.elapsed());
        cpu.push(thread_cpu() - before);
    }
    (wall, cpu)
}

/// A frame benchmark's table: each measure's median and 99th percentile, and whether the
/// percentile is under `goal`.
pub fn print_table(goal: std::time::Duration, rows: Vec<(&str, Vec<std::time::Duration>)>) {
    let ms = |d: std::time::Duration| format!("{:.3} ms", d.as_secs_f64() * 1e3);
    let under = format!("p99 under {} ms", goal.as_millis());
    println!("| measure                                | median     | p99        | {under:<14} |");
    println!("|----------------------------------------|------------|------------|----------------|");
    for (what, mut samples) in rows {
        let (median, p99) = percentiles(&mut samples);
        let verdict = if p99 < goal { "yes" } else { "no" };
        println!("| {what:<38} | {:>10} | {:>10} | {verdict:<14} |", ms(median), ms(p99));
    }
}
