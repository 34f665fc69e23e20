//! The terminal's lifecycle: raw mode and the alternate screen on the way in, and always
//! restored on the way out, whether by quitting, an error (the guard's drop), a panic (the
//! hook ratatui installs) or a signal to stop (SIGTERM, SIGHUP, SIGINT: `StopSignals`);
//! suspending for Ctrl-Z; whether there is a terminal at all; the clipboard through OSC 52;
//! the window's title (OSC 2), the one it had saved on the terminal's title stack on the way in
//! (xterm's CSI 22;0t) and put back on the way out (CSI 23;0t), whichever way out it is.
use std::io::{self, stdout};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

/// The terminal in full-screen mode; dropping it gives the terminal back as it was.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
    /// The window title last written; `None` after the terminal was handed over (whatever ran
    /// may have set its own), so the next `show_title` writes it again.
    title: Option<String>,
}

impl TerminalGuard {
    /// Raw mode, alternate screen, mouse reports; a panic restores the terminal before the
    /// message is printed.
    pub fn enter() -> io::Result<TerminalGuard> {
        let terminal = ratatui::try_init()?;
        let guard = TerminalGuard { terminal, title: None };
        execute!(stdout(), EnableMouseCapture)?;
        push_title()?;
        Ok(guard)
    }

    /// Ctrl-Z: give the terminal back, stop the process as the shell expects, and take the
    /// screen again once the shell resumes it (`fg`). The caller must stop reading input
    /// first, or the input reader would steal the shell's keys (ecosystem-notes D.3).
    pub fn suspend(&mut self) -> io::Result<()> {
        leave();
        stop_self()?;
        self.terminal = ratatui::try_init()?;
        execute!(stdout(), EnableMouseCapture)?;
        push_title()?;
        // Dropping the event stream woke crossterm's shared reader; eat that wake-up before the
        // loop starts a new stream (ecosystem-notes D.3).
        let _ = ratatui::crossterm::event::poll(std::time::Duration::ZERO);
        self.repaint_all()
    }

    /// Clears the screen and forgets what was drawn, so the next frame is drawn whole (after
    /// `$EDITOR` or Ctrl-Z). Unlike `Terminal::clear` it does not ask the terminal where its
    /// cursor is: that answer can be eaten by the input reader just dropped (ecosystem-notes
    /// D.3) or never come, and then the return failed with "The cursor position could not be
    /// read within a normal duration" (found by tests/tui_pty_compose.rs).
    pub fn repaint_all(&mut self) -> io::Result<()> {
        use ratatui::backend::Backend;
        self.terminal.backend_mut().clear()?;
        // Each swap empties the buffer it leaves; two leave both empty, so the next frame is
        // compared with a blank screen, which is what the terminal now shows.
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
        self.title = None;
        Ok(())
    }

    /// Sets the window's title to `title` (only our own words: see `view::title`), unless it
    /// already is.
    pub fn show_title(&mut self, title: &str) -> io::Result<()> {
        use std::io::Write;
        if self.title.as_deref() == Some(title) {
            return Ok(());
        }
        let mut out = stdout();
        write!(out, "\x1b]2;{title}\x07")?;
        out.flush()?;
        self.title = Some(title.to_owned());
        Ok(())
    }
}

/// Saves the window's title on the terminal's stack (xterm's XTPUSHTITLE; terminals without a
/// stack ignore it, and then keep our title after we leave, as they would anyway).
fn push_title() -> io::Result<()> {
    use std::io::Write;
    let mut out = stdout();
    out.write_all(b"\x1b[22;0t")?;
    out.flush()
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave();
    }
}

fn leave() {
    use std::io::Write;
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    // The title the window had before (XTPOPTITLE).
    let mut out = stdout();
    let _ = out.write_all(b"\x1b[23;0t").and_then(|()| out.flush());
}

/// Whether a full-screen interface can run here: standard output is a terminal, and keys can
/// be read (standard input is one, or the process has a controlling terminal to read them from,
/// as crossterm does).
pub fn is_available() -> bool {
    use std::io::IsTerminal;
    let keys = std::io::stdin().is_terminal() || (cfg!(unix) && std::fs::File::open("/dev/tty").is_ok());
    std::io::stdout().is_terminal() && keys
}

/// The signals that ask the program to stop: SIGTERM (a service manager, `kill`), SIGHUP (the
/// terminal went away: a closed window or ssh session) and SIGINT. Listened to from creation
/// on, so one arriving between two waits is not lost.
pub struct StopSignals {
    #[cfg(unix)]
    listeners: Vec<(&'static str, tokio::signal::unix::Signal)>,
}

impl StopSignals {
    pub fn new() -> io::Result<StopSignals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [
                ("SIGTERM", SignalKind::terminate()),
                ("SIGHUP", SignalKind::hangup()),
                ("SIGINT", SignalKind::interrupt()),
            ];
            let listeners =
                kinds.into_iter().map(|(name, kind)| Ok((name, signal(kind)?))).collect::<io::Result<_>>()?;
            Ok(StopSignals { listeners })
        }
        #[cfg(not(unix))]
        Ok(StopSignals {})
    }

    /// The exit code a shell reports for a process ended by `signal` (128 + its number).
    pub fn exit_code(signal: &str) -> i32 {
        128 + match signal {
            "SIGHUP" => 1,
            "SIGINT" => 2,
            _ => 15,
        }
    }

    /// Waits for the next one and names it.
    pub async fn recv(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            let waits = self.listeners.iter_mut().map(|(name, signal)| {
                Box::pin(async move {
                    signal.recv().await;
                    *name
                })
            });
            futures::future::select_all(waits).await.0
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C"
        }
    }
}

/// Stops this process with SIGTSTP, as the terminal would have without raw mode; returns once
/// the shell resumes it (`fg`).
fn stop_self() -> io::Result<()> {
    #[cfg(unix)]
    {
        // SAFETY: raise only sends a signal to the calling process; SIGTSTP's default action
        // stops it, and execution continues here after SIGCONT.
        if unsafe { libc::raise(libc::SIGTSTP) } != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Puts `text` on the clipboard through the terminal: OSC 52, which terminals and tmux (with
/// `set-clipboard on`) pass on, also over ssh (ecosystem-notes E). Only an address
/// or a sharing link gets here.
pub fn osc52(text: &str) -> std::io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}
