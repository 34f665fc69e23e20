//! Benchmark (issue 8): upload and download a 1 GiB file through the CLI (`o365 drive put`,
//! `o365 drive get`) against `o365 sim`, compared in the same run with a raw transfer of the same
//! bytes: a small reqwest program (this benchmark's own executable, run as a child) that makes an
//! upload session and PUTs the file in fragments of the size the CLI uses, without the token on
//! the session URL, and that streams the item's pre-authenticated download URL into a file.
//! Goals: each way, the CLI at least 80% of the raw rate; the CLI's peak RSS at most 64 MB.
//!
//! Run with `cargo bench --bench drive_transfer` (`-- --mib N` for another size). Each side is a
//! process of its own, so its peak RSS (wait4) and CPU time are its own; the tenant's CPU time
//! meanwhile is shown too (it stores, hashes and serves the bytes for both sides).
#[path = "support/bench.rs"]
#[allow(dead_code)]
mod bench;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const O365: &str = env!("CARGO_BIN_EXE_o365");
const MIB: u64 = 1024 * 1024;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--raw-upload") {
        return raw_upload(Path::new(&args[i + 1]), &args[i + 2], &args[i + 3]);
    }
    if let Some(i) = args.iter().position(|a| a == "--raw-download") {
        return raw_download(&args[i + 1], &args[i + 2], Path::new(&args[i + 3]));
    }
    let Some(args) = bench::bench_args("drive_transfer", "cargo bench --bench drive_transfer") else { return };
    let mib: u64 = bench::flag(&args, "--mib").unwrap_or(1024);

    let work = std::env::temp_dir().join(format!("o365-bench-drive-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("bench dir");
    let source = work.join("source.bin");
    write_source(&source, mib * MIB);
    let (mut sim, graph_url, authority_url) = bench::start_sim(O365, 10);
    let config = bench::write_config(&work, &graph_url, &authority_url);
    let env = [("O365_DATA_DIR", work.join("data")), ("O365_CONFIG_DIR", work.clone())];
    let o365 = |args: &[&str]| {
        let mut command = Command::new(O365);
        command.arg("--config").arg(&config).args(args);
        command.envs(env.iter().map(|(k, v)| (*k, v.as_os_str())));
        command
    };
    let login = o365(&["login"]).stdin(Stdio::null()).output().expect("run o365 login");
    assert!(login.status.success(), "login failed: {}", String::from_utf8_lossy(&login.stderr));
    let token = bench::device_code_token(&authority_url, "Files.ReadWrite offline_access");
    let raw = |args: &[&str]| {
        let mut command = Command::new(std::env::current_exe().expect("bench exe"));
        command.args(args).env("BENCH_TOKEN", &token);
        command
    };
    let source_arg = source.to_str().expect("a UTF-8 temp path");
    let (cli_out, raw_out) = (work.join("cli-out.bin"), work.join("raw-out.bin"));

    let up_cli = measure(o365(&["drive", "put", source_arg, "cli.bin"]), sim.id());
    let up_raw = measure(raw(&["--raw-upload", source_arg, "raw.bin", &graph_url]), sim.id());
    let down_cli = measure(o365(&["drive", "get", "cli.bin", cli_out.to_str().expect("UTF-8")]), sim.id());
    let down_raw = measure(raw(&["--raw-download", "raw.bin", &graph_url, raw_out.to_str().expect("UTF-8")]), sim.id());
    let sim_peak = bench::status_kib(sim.id(), "VmHWM:");
    let _ = sim.kill();
    let _ = sim.wait();
    assert!(same_bytes(&source, &cli_out), "the CLI's download differs from the file uploaded");
    assert!(same_bytes(&source, &raw_out), "the raw download differs from the file uploaded");
    let _ = std::fs::remove_dir_all(&work);

    let bytes = mib * MIB;
    let rate = |run: &Run| bytes as f64 / MIB as f64 / run.wall.as_secs_f64();
    let ms = |t: Duration| t.as_secs_f64() * 1e3;
    println!("drive_transfer: a {mib} MiB file, one run each way");
    for (label, run) in [
        ("upload   o365 drive put", &up_cli),
        ("upload   raw session   ", &up_raw),
        ("download o365 drive get", &down_cli),
        ("download raw URL       ", &down_raw),
    ] {
        println!(
            "  {label}: {:>8.1} ms {:>7.1} MiB/s  peak RSS {:>6.1} MB  CPU {:>7.1} ms, the tenant's {:>7.1} ms",
            ms(run.wall),
            rate(run),
            run.rss_kib as f64 / 1024.0,
            ms(run.cpu),
            ms(run.tenant_cpu)
        );
    }
    println!("  o365 sim peak RSS: {:.1} MB (it keeps both files in memory)", sim_peak as f64 / 1024.0);
    let worst_rss = up_cli.rss_kib.max(down_cli.rss_kib) as f64 / 1024.0;
    println!(
        "  CLI / raw rate: upload {:.0}%, download {:.0}% (goal: at least 80%); CLI peak RSS {worst_rss:.1} MB (goal: at most 64 MB)",
        100.0 * rate(&up_cli) / rate(&up_raw),
        100.0 * rate(&down_cli) / rate(&down_raw),
    );
}

/// `len` bytes of a fixed pseudo-random sequence (incompressible, the same every run), written a
/// mebibyte at a time.
fn write_source(path: &Path, len: u64) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("create the source"));
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut chunk = vec![0u8; MIB as usize];
    let mut written = 0;
    while written < len {
        for word in chunk.chunks_exact_mut(8) {
            // xorshift64
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            word.copy_from_slice(&state.to_le_bytes());
        }
        let n = (len - written).min(MIB) as usize;
        file.write_all(&chunk[..n]).expect("write the source");
        written += n as u64;
    }
    file.flush().expect("write the source");
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    let open = |p: &Path| std::io::BufReader::with_capacity(MIB as usize, std::fs::File::open(p).expect("open"));
    let (mut a, mut b) = (open(a), open(b));
    let (mut x, mut y) = (vec![0u8; MIB as usize], vec![0u8; MIB as usize]);
    loop {
        let n = read_full(&mut a, &mut x);
        if n != read_full(&mut b, &mut y) || x[..n] != y[..n] {
            return false;
        }
        if n == 0 {
            return true;
        }
    }
}

fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> usize {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..]).expect("read") {
            0 => break,
            n => got += n,
        }
    }
    got
}

/// One transfer: wall time, peak RSS (KiB), the child's CPU time and the tenant's meanwhile.
struct Run {
    wall: Duration,
    rss_kib: u64,
    cpu: Duration,
    tenant_cpu: Duration,
}

fn measure(mut command: Command, sim: u32) -> Run {
    let tenant_before = bench::run_time(sim);
    let start = Instant::now();
    // Reaped by `wait4`, which also reports the peak RSS.
    #[allow(clippy::zombie_processes)]
    let child = command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::inherit()).spawn().expect("spawn");
    let (status, usage) = bench::wait_with_rusage(&child);
    let wall = start.elapsed();
    let tenant_cpu = bench::run_time(sim).saturating_sub(tenant_before);
    assert!(status.success(), "transfer failed ({status}); its stderr is above");
    let time = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    Run { wall, rss_kib: usage.ru_maxrss as u64, cpu: time(usage.ru_utime) + time(usage.ru_stime), tenant_cpu }
}

fn token() -> String {
    std::env::var("BENCH_TOKEN").expect("BENCH_TOKEN")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

/// The raw upload: an upload session for `name` at the drive's root, then the file in fragments
/// of the CLI's default size, each read from disk and PUT without the token.
fn raw_upload(source: &Path, name: &str, graph_url: &str) {
    let size = std::fs::metadata(source).expect("the source").len();
    runtime().block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().expect("client");
        let session: serde_json::Value = http
            .post(format!("{graph_url}/me/drive/root:/{name}:/createUploadSession"))
            .bearer_auth(token())
            .json(&serde_json::json!({"item": {"@microsoft.graph.conflictBehavior": "fail"}}))
            .send()
            .await
            .expect("createUploadSession")
            .json()
            .await
            .expect("session json");
        let url = session["uploadUrl"].as_str().expect("uploadUrl").to_owned();
        let mut file = std::fs::File::open(source).expect("open the source");
        let fragment = o365_graph::drive::upload::DEFAULT_FRAGMENT;
        let mut start = 0;
        while start < size {
            let end = (start + fragment).min(size);
            let mut bytes = vec![0u8; (end - start) as usize];
            file.read_exact(&mut bytes).expect("read the source");
            let answer = http
                .put(&url)
                .header("content-range", format!("bytes {start}-{}/{size}", end - 1))
                .body(bytes)
                .send()
                .await
                .expect("PUT a fragment");
            assert!(answer.status().is_success(), "fragment at {start}: {}", answer.status());
            start = end;
        }
    });
}

/// The raw download: the item's pre-authenticated URL, streamed into `out`.
fn raw_download(name: &str, graph_url: &str, out: &Path) {
    runtime().block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().expect("client");
        let item: serde_json::Value = http
            .get(format!("{graph_url}/me/drive/root:/{name}"))
            .bearer_auth(token())
            .send()
            .await
            .expect("get the item")
            .json()
            .await
            .expect("item json");
        let url = item["@microsoft.graph.downloadUrl"].as_str().expect("a download URL").to_owned();
        let mut response = http.get(&url).send().await.expect("GET the download URL");
        assert!(response.status().is_success(), "download: {}", response.status());
        let mut file = std::io::BufWriter::with_capacity(MIB as usize, std::fs::File::create(out).expect("create"));
        while let Some(chunk) = response.chunk().await.expect("a chunk") {
            file.write_all(&chunk).expect("write");
        }
        file.flush().expect("write");
    });
}
