//! `client_secret_cmd`: the secret is what a shell command prints (`pass show o365/secret`),
//! run with a time limit so a stuck secret store cannot hang the sign-in (issue 14).
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::task::JoinHandle;

use crate::auth::AuthError;

/// The most of the command's stderr an error quotes.
const STDERR_QUOTED: usize = 300;

/// Runs `command` with `sh -c` and returns its trimmed stdout. The output is never put into
/// an error message: on failure it may be half a secret. Its stderr is (the last line says
/// why: `pass: store not found`). Past `timeout` the command is killed with every process it
/// started (its own process group), so `sleep 1000` cannot hang the sign-in (issue 14).
pub async fn secret_from_command(command: &str, timeout: Duration) -> Result<String, AuthError> {
    let mut child = spawn(command)?;
    let stdout = child.stdout.take().map(read_all);
    let stderr = child.stderr.take().map(read_all);
    let status = match tokio::time::timeout(timeout, child.wait()).await {
        Ok(status) => status.map_err(|e| AuthError::ClientSecret(format!("client_secret_cmd: {e}")))?,
        Err(_) => {
            kill_group(&mut child).await;
            // The pipes close once every process holding them is gone.
            let said = collect(stderr, timeout).await;
            return Err(AuthError::ClientSecret(format!(
                "client_secret_cmd did not finish within {} s (client_secret_cmd_timeout) and was stopped{}",
                timeout.as_secs_f64(),
                quoted(&said)
            )));
        }
    };
    // A process the command left running may hold the pipes open: read no longer than allowed.
    let output = collect(stdout, timeout).await;
    let said = collect(stderr, timeout).await;
    if !status.success() {
        return Err(AuthError::ClientSecret(format!("client_secret_cmd failed ({status}){}", quoted(&said))));
    }
    if !said.is_empty() {
        tracing::debug!("client_secret_cmd wrote on stderr: {}", String::from_utf8_lossy(&said).trim());
    }
    let secret = String::from_utf8(output)
        .map_err(|_| AuthError::ClientSecret("client_secret_cmd printed something that is not UTF-8".into()))?;
    let secret = secret.trim();
    if secret.is_empty() {
        return Err(AuthError::ClientSecret(format!("client_secret_cmd printed nothing{}", quoted(&said))));
    }
    Ok(secret.to_owned())
}

fn spawn(command: &str) -> Result<tokio::process::Child, AuthError> {
    let mut shell = tokio::process::Command::new("sh");
    shell.arg("-c").arg(command).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true);
    // Its own process group, so a timeout stops what the shell started too.
    #[cfg(unix)]
    shell.process_group(0);
    shell.spawn().map_err(|e| AuthError::ClientSecret(format!("cannot run client_secret_cmd: {e}")))
}

/// Reads a pipe to its end on a task of its own, so a timeout elsewhere does not lose it.
fn read_all<R: AsyncRead + Unpin + Send + 'static>(mut pipe: R) -> JoinHandle<Vec<u8>> {
    tokio::spawn(async move {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes).await;
        bytes
    })
}

/// What a reader got, waiting at most `limit` for the pipe to close.
async fn collect(reader: Option<JoinHandle<Vec<u8>>>, limit: Duration) -> Vec<u8> {
    let Some(reader) = reader else { return Vec::new() };
    let abort = reader.abort_handle();
    match tokio::time::timeout(limit, reader).await {
        Ok(Ok(bytes)) => bytes,
        _ => {
            abort.abort();
            Vec::new()
        }
    }
}

/// SIGKILL to the command's process group (the shell and everything it started), then the
/// shell is reaped.
async fn kill_group(child: &mut tokio::process::Child) {
    #[cfg(unix)]
    if let Some(pid) = child.id().and_then(|pid| i32::try_from(pid).ok()) {
        // SAFETY: signals the process group our own child leads (`process_group(0)`); the
        // child is not reaped yet, so its id cannot have been reused.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
    }
    let _ = child.kill().await;
}

/// `: <last line of stderr>` for an error message, or nothing.
fn quoted(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    match text.lines().map(str::trim).rfind(|l| !l.is_empty()) {
        Some(line) => format!(": {}", line.chars().take(STDERR_QUOTED).collect::<String>()),
        None => String::new(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    const LONG: Duration = Duration::from_secs(30);

    #[tokio::test]
    async fn command_output_is_trimmed() {
        assert_eq!(secret_from_command("printf '  s3cret\\n\\n'", LONG).await.unwrap(), "s3cret");
    }

    #[tokio::test]
    async fn failures_do_not_echo_output() {
        let err = secret_from_command("echo leaked-half-secret; exit 3", LONG).await.unwrap_err().to_string();
        assert!(err.contains("failed"), "{err}");
        assert!(!err.contains("leaked-half-secret"), "{err}");
        let err = secret_from_command("true", LONG).await.unwrap_err().to_string();
        assert!(err.contains("printed nothing"), "{err}");
    }

    /// Issue 14: the useful line of a failing secret command is on its stderr.
    #[tokio::test]
    async fn a_failure_quotes_the_last_line_of_stderr() {
        let command = "echo 'gpg: decryption failed' >&2; echo 'pass: store not found' >&2; exit 1";
        let err = secret_from_command(command, LONG).await.unwrap_err().to_string();
        assert_eq!(err, "client_secret_cmd failed (exit status: 1): pass: store not found");
    }

    /// Issue 14: `sleep 1000` hung `login` forever. Past the timeout the shell and the sleep it
    /// started are killed: the pipes they held are closed before the error comes back.
    #[tokio::test]
    async fn a_command_past_its_timeout_is_killed_with_what_it_started() {
        let dir = std::env::temp_dir().join(format!("o365-secret-cmd-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let pid_file = dir.join("pid");
        let command = format!("echo waiting >&2; sleep 1000 & echo $! > {}; wait", pid_file.display());
        let started = std::time::Instant::now();
        let err = secret_from_command(&command, Duration::from_millis(300)).await.unwrap_err().to_string();
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
        assert!(err.contains("did not finish within 0.3 s (client_secret_cmd_timeout) and was stopped"), "{err}");
        assert!(err.ends_with(": waiting"), "its stderr is quoted: {err}");
        let pid: i32 = std::fs::read_to_string(&pid_file).unwrap().trim().parse().unwrap();
        // Gone, exiting or a zombie waiting to be reaped: not sleeping any more ('S').
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let sleeping = state.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('S'));
        assert!(!sleeping, "sleep {pid} still runs: {state}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
