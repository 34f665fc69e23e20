//! Runs the real `o365` binary in a pseudo-terminal of a fixed size with a pinned environment:
//! keeps every byte it writes, feeds them to a vt100 screen, types keys, and waits (up to a
//! deadline, woken by each read) for what the screen should show, failing with the screen.
#![allow(dead_code)]

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_o365");
pub const ROWS: u16 = 40;
pub const COLS: u16 = 140;
/// How long any one expected screen may take: generous, for a loaded 2-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// Leave the alternate screen, and show the cursor: what a restored terminal was sent last.
pub const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";
pub const SHOW_CURSOR: &str = "\x1b[?25h";

/// The pinned "now" of every program started here (`O365_NOW`): `O365_TEST_NOW` when set
/// (`scripts/clock-matrix` runs the suite on a Sunday, New Year's Eve, DST days...), else a
/// fixed Tuesday. Never the machine's clock.
pub fn pinned_now() -> String {
    std::env::var("O365_TEST_NOW")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "2026-03-10T12:00:00Z".to_owned())
}

/// The pinned day in the pinned zone, as the agenda heads it (`Tuesday 10 March`).
pub fn pinned_today() -> String {
    let now = chrono::DateTime::parse_from_rfc3339(&pinned_now()).expect("O365_TEST_NOW is an RFC 3339 time");
    let zone: chrono_tz::Tz = pinned_zone().parse().expect("O365_TEST_TZ is an IANA zone");
    now.with_timezone(&zone).format("%A %-d %B").to_string()
}

/// The pinned zone (`TZ`) of every program started here: `O365_TEST_TZ` when set, else UTC.
pub fn pinned_zone() -> String {
    std::env::var("O365_TEST_TZ").ok().filter(|v| !v.trim().is_empty()).unwrap_or_else(|| "UTC".to_owned())
}

/// Sets `key` in an environment list, replacing an earlier value.
pub fn set_env(env: &mut Vec<(String, OsString)>, key: &str, value: impl Into<OsString>) {
    env.retain(|(k, _)| k != key);
    env.push((key.to_owned(), value.into()));
}

/// A private directory standing in for HOME, the XDG directories and TMPDIR; removed on drop.
pub struct PinnedHome {
    pub dir: PathBuf,
}

impl PinnedHome {
    pub fn new(test: &str) -> PinnedHome {
        let dir = std::env::temp_dir().join(format!("o365-pty-{test}-{}-{}", std::process::id(), fastrand::u64(..)));
        for sub in ["home", "config", "data", "cache", "state", "tmp"] {
            std::fs::create_dir_all(dir.join(sub)).expect("temp dir");
        }
        PinnedHome { dir }
    }

    /// Nothing from the caller's environment but PATH: the pinned clock and zone, a known
    /// terminal type, no editor, no o365 or log settings, every directory the program may use
    /// inside this home.
    pub fn env(&self) -> Vec<(String, OsString)> {
        let at = |sub: &str| self.dir.join(sub).into_os_string();
        let mut env = vec![
            ("O365_NOW".to_owned(), OsString::from(pinned_now())),
            ("TZ".to_owned(), OsString::from(pinned_zone())),
            ("TERM".to_owned(), OsString::from("xterm-256color")),
            ("LANG".to_owned(), OsString::from("C.UTF-8")),
            ("HOME".to_owned(), at("home")),
            ("XDG_CONFIG_HOME".to_owned(), at("config")),
            ("XDG_DATA_HOME".to_owned(), at("data")),
            ("XDG_CACHE_HOME".to_owned(), at("cache")),
            ("XDG_STATE_HOME".to_owned(), at("state")),
            ("TMPDIR".to_owned(), at("tmp")),
        ];
        if let Some(path) = std::env::var_os("PATH") {
            env.push(("PATH".to_owned(), path));
        }
        env
    }
}

impl PinnedHome {
    /// `env()` for a program that uses the config and data directories of `account` (a CLI
    /// test's home, signed in to an `o365 sim`), on the tenant's day `now`.
    pub fn env_with_account(&self, account: &Path, now: &str) -> Vec<(String, OsString)> {
        let mut env = self.env();
        set_env(&mut env, "O365_NOW", now);
        set_env(&mut env, "O365_CONFIG_DIR", account.join("config"));
        set_env(&mut env, "O365_DATA_DIR", account.join("data"));
        env
    }
}

impl Drop for PinnedHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The window title as xterm keeps it: OSC 2 sets it, CSI 22;0t saves it on a stack (push),
/// CSI 23;0t takes the saved one back (pop). vt100 draws no title; it hands these to callbacks.
#[derive(Debug, Default)]
pub struct Titles {
    pub title: String,
    pub stack: Vec<String>,
}

impl vt100::Callbacks for Titles {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.title = String::from_utf8_lossy(title).into_owned();
    }

    fn unhandled_csi(&mut self, _: &mut vt100::Screen, i1: Option<u8>, _: Option<u8>, params: &[&[u16]], c: char) {
        if c != 't' || i1.is_some() {
            return;
        }
        match params.first().and_then(|p| p.first()) {
            Some(22) => self.stack.push(self.title.clone()),
            Some(23) => {
                if let Some(saved) = self.stack.pop() {
                    self.title = saved;
                }
            }
            _ => {}
        }
    }
}

/// What the program wrote so far.
struct Seen {
    raw: Vec<u8>,
    parser: vt100::Parser<Titles>,
    /// The slave side closed: the program (and anything it started) is gone.
    closed: bool,
}

type Shared = Arc<(Mutex<Seen>, Condvar)>;

/// The `o365` binary running in a pseudo-terminal; killed on drop if still running.
pub struct PtyProgram {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    shared: Shared,
    reader: Option<JoinHandle<()>>,
}

impl PtyProgram {
    /// Starts `o365 ARGS` in a ROWS x COLS terminal with exactly `env` as its environment.
    pub fn spawn(args: &[&str], env: &[(String, OsString)], cwd: &Path) -> PtyProgram {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(BIN);
        command.args(args);
        command.env_clear();
        for (key, value) in env {
            command.env(key, value);
        }
        command.cwd(cwd);
        let child = pair.slave.spawn_command(command).expect("start o365 in the pseudo-terminal");
        // Only the child may hold the slave: its exit must close it, or the reader never ends.
        drop(pair.slave);
        let mut output = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let shared: Shared = Arc::new((
            Mutex::new(Seen {
                raw: Vec::new(),
                parser: vt100::Parser::new_with_callbacks(ROWS, COLS, 0, Titles::default()),
                closed: false,
            }),
            Condvar::new(),
        ));
        let feed = shared.clone();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                // Linux answers EIO once the slave is closed: that is the end too.
                let n = output.read(&mut buf).unwrap_or(0);
                let (seen, changed) = &*feed;
                let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
                if n == 0 {
                    seen.closed = true;
                    changed.notify_all();
                    return;
                }
                seen.raw.extend_from_slice(&buf[..n]);
                seen.parser.process(&buf[..n]);
                changed.notify_all();
            }
        });
        PtyProgram { child, master: pair.master, writer, shared, reader: Some(reader) }
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.shared.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child has a pid")
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.seen().parser.screen().contents()
    }

    /// Runs `look` on the current screen.
    pub fn with_screen<T>(&self, look: impl FnOnce(&vt100::Screen) -> T) -> T {
        look(self.seen().parser.screen())
    }

    /// Runs `look` on the screen with the window title and the saved ones (see `Titles`), both
    /// as the same bytes left them.
    pub fn with_titles<T>(&self, look: impl FnOnce(&vt100::Screen, &Titles) -> T) -> T {
        let seen = self.seen();
        look(seen.parser.screen(), seen.parser.callbacks())
    }

    /// How many bytes the program has written so far.
    pub fn written(&self) -> usize {
        self.seen().raw.len()
    }

    /// The bytes the program wrote from offset `from` on.
    pub fn raw_since(&self, from: usize) -> Vec<u8> {
        self.seen().raw[from..].to_vec()
    }

    /// Waits until `ok` holds for the screen; panics with `what` and the screen after TIMEOUT or
    /// when the program ends first.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        let (lock, changed) = &*self.shared;
        let mut seen = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if ok(seen.parser.screen()) {
                return;
            }
            let now = Instant::now();
            if seen.closed || now >= deadline {
                let why = if seen.closed { "the program ended" } else { "timed out" };
                panic!("waiting for {what}: {why}; the screen:\n{}", seen.parser.screen().contents());
            }
            seen = changed.wait_timeout(seen, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for_text(&self, text: &str) {
        self.wait_until(&format!("{text:?} on the screen"), |screen| screen.contents().contains(text));
    }

    /// Types `keys` (raw bytes: "\t" is Tab, "\r" Enter).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the screen that mirrors it.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        let mut seen = self.seen();
        seen.parser.screen_mut().set_size(rows, cols);
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize the pty");
    }

    /// Sends `signal` to the program.
    pub fn signal(&self, signal: libc::c_int) {
        // SAFETY: signalling our own child, not yet reaped (the pid cannot have been reused).
        let r = unsafe { libc::kill(self.pid() as libc::pid_t, signal) };
        assert_eq!(r, 0, "kill: {}", std::io::Error::last_os_error());
    }

    /// The terminal's local mode flags (ICANON, ECHO...) as the program left them.
    pub fn local_flags(&self) -> libc::tcflag_t {
        let fd = self.master.as_raw_fd().expect("a unix pty has a descriptor");
        // SAFETY: an all-zero termios is a valid value for tcgetattr to fill; fd is the open master.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: valid descriptor and pointer to a local.
        let r = unsafe { libc::tcgetattr(fd, &mut termios) };
        assert_eq!(r, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        termios.c_lflag
    }

    /// Waits for the program to end (its side of the terminal closed) and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        self.wait_closed();
        let status = self.child.wait().expect("wait for o365");
        status.exit_code()
    }

    fn wait_closed(&self) {
        let deadline = Instant::now() + TIMEOUT;
        let (lock, changed) = &*self.shared;
        let mut seen = lock.lock().unwrap_or_else(|e| e.into_inner());
        while !seen.closed {
            let now = Instant::now();
            if now >= deadline {
                panic!("o365 did not exit; the screen:\n{}", seen.parser.screen().contents());
            }
            seen = changed.wait_timeout(seen, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }
}

impl Drop for PtyProgram {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if let Some(reader) = self.reader.take()
            && self.seen().closed
        {
            let _ = reader.join();
        }
    }
}

/// A named pipe a stub program (an opener, a notifier) writes into; read on a thread so a
/// missing writer fails the test after the harness's timeout instead of hanging it. The pipe,
/// not a sleep, waits for the stub.
pub fn fifo(path: &Path) -> std::sync::mpsc::Receiver<String> {
    let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
    let (send, receive) = std::sync::mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        // Opening blocks until the stub opens it to write.
        let mut text = String::new();
        if std::fs::File::open(&path).and_then(|mut f| f.read_to_string(&mut text)).is_ok() {
            let _ = send.send(text);
        }
    });
    receive
}

/// `output` without the window titles the program sets itself (`ESC ] 2 ; o365 - 3 unread BEL`
/// or `… o365 BEL`), so that a test can assert no other OSC sequence got through.
pub fn without_own_titles(output: &str) -> String {
    let mut rest = output;
    let mut kept = String::new();
    while let Some(start) = rest.find("\u{1b}]2;o365") {
        let title_end = rest[start..].find('\u{7}').map(|end| start + end);
        let own = title_end.filter(|&end| {
            let title = &rest[start + "\u{1b}]2;".len()..end];
            title == "o365"
                || title
                    .strip_prefix("o365 - ")
                    .and_then(|t| t.strip_suffix(" unread"))
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        });
        match own {
            Some(end) => {
                kept.push_str(&rest[..start]);
                rest = &rest[end + 1..];
            }
            None => {
                kept.push_str(&rest[..start + 1]);
                rest = &rest[start + 1..];
            }
        }
    }
    kept.push_str(rest);
    kept
}

/// The text of the screen's row `row`.
pub fn row_text(screen: &vt100::Screen, row: u16) -> String {
    screen.rows(0, screen.size().1).nth(usize::from(row)).unwrap_or_default()
}

/// Where `text` starts on the screen (row, column), in cells.
pub fn find(screen: &vt100::Screen, text: &str) -> Option<(u16, u16)> {
    for (row, line) in screen.rows(0, screen.size().1).enumerate() {
        if let Some(byte) = line.find(text) {
            let column = unicode_width::UnicodeWidthStr::width(&line[..byte]);
            return Some((row as u16, column as u16));
        }
    }
    None
}
