//! Reading a secret from standard input without showing it: on a terminal a prompt (on stderr)
//! in raw mode, so nothing typed is echoed and Ctrl-C is a key, not a signal that would leave
//! the terminal silent; from a pipe, its first line. The terminal is restored on every way out:
//! Enter, Ctrl-C, Esc, an error, a panic (the guard's drop), SIGTERM or SIGHUP (the signal is
//! caught while the prompt waits).
use std::io::{BufRead, IsTerminal, Write};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::cli::failure::UsageError;
use o365_graph::auth::client_secret::MAX_SECRET_LEN;

/// Why no secret was read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Nothing usable on stdin, not UTF-8, too long: a usage mistake (exit 2).
    #[error(transparent)]
    Usage(#[from] UsageError),
    #[error("cancelled: no secret was stored")]
    Cancelled,
    #[error("reading the secret: {0}")]
    Io(#[from] std::io::Error),
}

/// The secret, trimmed: typed at `prompt` when stdin is a terminal, else the first line of stdin.
pub async fn read_secret(prompt: &str) -> Result<String, InputError> {
    if std::io::stdin().is_terminal() {
        typed(prompt).await
    } else {
        tokio::task::spawn_blocking(|| first_line(std::io::stdin().lock()))
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))?
    }
}

/// The first line of `input`, trimmed; a usage error when there is none, it is not UTF-8 or it
/// is longer than any client secret.
pub fn first_line(input: impl BufRead) -> Result<String, InputError> {
    let mut line = Vec::new();
    // Reading past the limit tells a line that is too long from one that fits.
    let limit = u64::try_from(MAX_SECRET_LEN + 2).unwrap_or(u64::MAX);
    input.take(limit).read_until(b'\n', &mut line)?;
    let text = String::from_utf8(line)
        .map_err(|_| UsageError("the secret on standard input is not UTF-8: nothing was stored".into()))?;
    if text.trim_end_matches('\n').trim_end_matches('\r').len() > MAX_SECRET_LEN {
        return Err(UsageError(format!(
            "the first line on standard input is longer than {MAX_SECRET_LEN} bytes: not a client secret, nothing was stored"
        ))
        .into());
    }
    let secret = text.trim();
    if secret.is_empty() {
        return Err(UsageError(
            "no secret on standard input: pipe it in (`pass show o365/robot | o365 secret set`; the first line is \
             read) or run the command on a terminal to type it"
                .into(),
        )
        .into());
    }
    Ok(secret.to_owned())
}

/// What one key does to the secret being typed.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    Continue,
    Done,
    Cancel,
}

/// Applies `key` to `typed`: characters add, Backspace and Ctrl-U remove, Enter ends, Ctrl-C,
/// Esc and Ctrl-D (on an empty line) cancel. Nothing else does anything.
pub fn apply(typed: &mut String, key: KeyEvent) -> Step {
    if key.kind == KeyEventKind::Release {
        return Step::Continue;
    }
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Enter => return Step::Done,
        KeyCode::Esc => return Step::Cancel,
        KeyCode::Char('c') if control => return Step::Cancel,
        KeyCode::Char('d') if control && typed.is_empty() => return Step::Cancel,
        KeyCode::Char('u') if control => typed.clear(),
        KeyCode::Char(_) if control => {}
        KeyCode::Char(c) if typed.len() < MAX_SECRET_LEN => typed.push(c),
        KeyCode::Backspace => {
            typed.pop();
        }
        _ => {}
    }
    Step::Continue
}

/// Raw mode for as long as it lives; dropping it (any way out of `typed`) restores the terminal.
struct RawMode;

impl RawMode {
    fn enable() -> std::io::Result<RawMode> {
        crossterm::terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

async fn typed(prompt: &str) -> Result<String, InputError> {
    // Signals caught and echo off before the prompt shows: whoever sees it may type or signal.
    let stop = Termination::listen();
    let raw = RawMode::enable()?;
    let mut stderr = std::io::stderr();
    write!(stderr, "{prompt}")?;
    stderr.flush()?;
    let keys = tokio::task::spawn_blocking(read_keys);
    let outcome = tokio::select! {
        keys = keys => keys.map_err(|e| InputError::Io(std::io::Error::other(e.to_string()))).and_then(|r| r),
        () = stop.wait() => Err(InputError::Cancelled),
    };
    drop(raw);
    // Raw mode printed nothing for Enter: end the prompt's line.
    writeln!(stderr)?;
    let secret = outcome?;
    let secret = secret.trim();
    if secret.is_empty() {
        return Err(UsageError("no secret was typed: nothing was stored".into()).into());
    }
    Ok(secret.to_owned())
}

/// Keys until Enter or a cancel (the terminal is in raw mode).
fn read_keys() -> Result<String, InputError> {
    let mut secret = String::new();
    loop {
        if let Event::Key(key) = crossterm::event::read()? {
            match apply(&mut secret, key) {
                Step::Continue => {}
                Step::Done => return Ok(secret),
                Step::Cancel => return Err(InputError::Cancelled),
            }
        }
    }
}

/// The process asked to end (SIGTERM, SIGHUP, or SIGINT from outside the terminal) while the
/// prompt waits: caught, so the terminal is restored before the process ends.
struct Termination {
    #[cfg(unix)]
    streams: Vec<tokio::signal::unix::Signal>,
}

impl Termination {
    fn listen() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [SignalKind::terminate(), SignalKind::hangup(), SignalKind::interrupt()];
            Termination { streams: kinds.into_iter().filter_map(|kind| signal(kind).ok()).collect() }
        }
        #[cfg(not(unix))]
        Termination {}
    }

    async fn wait(self) {
        #[cfg(unix)]
        {
            let mut streams = self.streams;
            if streams.is_empty() {
                return std::future::pending().await;
            }
            let waits = streams.iter_mut().map(|s| Box::pin(s.recv()));
            futures::future::select_all(waits).await;
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn typed_keys(keys: &[KeyEvent]) -> (String, Step) {
        let mut typed = String::new();
        for k in keys {
            match apply(&mut typed, *k) {
                Step::Continue => {}
                end => return (typed, end),
            }
        }
        (typed, Step::Continue)
    }

    #[test]
    fn keys_build_the_secret_until_enter() {
        let none = KeyModifiers::NONE;
        let keys = [
            key(KeyCode::Char('a'), none),
            key(KeyCode::Char('X'), KeyModifiers::SHIFT),
            key(KeyCode::Char('~'), none),
            key(KeyCode::Backspace, none),
            key(KeyCode::Char('1'), none),
            key(KeyCode::Tab, none),
            key(KeyCode::Char('z'), KeyModifiers::CONTROL),
            key(KeyCode::Enter, none),
            key(KeyCode::Char('!'), none),
        ];
        assert_eq!(typed_keys(&keys), ("aX1".to_owned(), Step::Done));
        let cleared = [key(KeyCode::Char('a'), none), key(KeyCode::Char('u'), KeyModifiers::CONTROL)];
        assert_eq!(typed_keys(&cleared), (String::new(), Step::Continue));
        let mut released = key(KeyCode::Char('r'), none);
        released.kind = KeyEventKind::Release;
        assert_eq!(typed_keys(&[released]), (String::new(), Step::Continue), "Windows reports releases too");
    }

    #[test]
    fn ctrl_c_esc_and_ctrl_d_on_an_empty_line_cancel() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(typed_keys(&[key(KeyCode::Char('s'), none), key(KeyCode::Char('c'), ctrl)]).1, Step::Cancel);
        assert_eq!(typed_keys(&[key(KeyCode::Esc, none)]).1, Step::Cancel);
        assert_eq!(typed_keys(&[key(KeyCode::Char('d'), ctrl)]).1, Step::Cancel);
        assert_eq!(typed_keys(&[key(KeyCode::Char('s'), none), key(KeyCode::Char('d'), ctrl)]).1, Step::Continue);
    }

    #[test]
    fn the_first_line_of_a_pipe_is_the_secret() {
        assert_eq!(first_line(&b"  s3cret~x \r\nsecond line\n"[..]).unwrap(), "s3cret~x");
        assert_eq!(first_line(&b"no newline"[..]).unwrap(), "no newline");
        let at_limit = "x".repeat(MAX_SECRET_LEN);
        assert_eq!(first_line(format!("{at_limit}\n").as_bytes()).unwrap(), at_limit);
        assert_eq!(first_line(at_limit.as_bytes()).unwrap(), at_limit);
    }

    #[test]
    fn an_empty_long_or_binary_first_line_is_a_usage_error() {
        for (input, said) in [
            (b"".to_vec(), "no secret on standard input"),
            (b" \n s3cret\n".to_vec(), "no secret on standard input"),
            (b"\xff\xfe\n".to_vec(), "not UTF-8"),
            (vec![b'x'; MAX_SECRET_LEN + 1], "longer than"),
            ([vec![b'x'; MAX_SECRET_LEN + 1], b"\n".to_vec()].concat(), "longer than"),
        ] {
            match first_line(&input[..]) {
                Err(InputError::Usage(e)) => assert!(e.0.contains(said), "{e}"),
                other => panic!("{said}: {other:?}"),
            }
        }
    }
}
