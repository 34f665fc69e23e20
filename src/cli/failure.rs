//! How a failed command ends: one sanitised line on stderr and exit code 1, or 2 for a usage
//! mistake; a closed pipe (`o365 mail list | head`) is a normal end, not an error. A sign-in
//! refusal is explained (`sign_in_help`).
use std::io::Write;
use std::process::ExitCode;

use crate::sanitize;

/// The command line was well-formed for clap but still wrong (a bad date, an unknown account).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn exit_code(outcome: anyhow::Result<()>) -> ExitCode {
    let error = match outcome {
        Ok(()) => return ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => return ExitCode::SUCCESS,
        Err(e) => e,
    };
    let _ = writeln!(std::io::stderr(), "o365: error: {}", one_line(&error));
    if error.downcast_ref::<UsageError>().is_some() { ExitCode::from(2) } else { ExitCode::FAILURE }
}

/// The error and its causes on one line; server-supplied text cannot inject escapes.
pub fn one_line(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        // A sign-in refusal with a known AADSTS number says what to change (issue 14).
        let text = crate::sign_in_help::explain_cause(cause).unwrap_or_else(|| cause.to_string());
        // thiserror sources often repeat in their parent's message.
        if !parts.last().is_some_and(|last| last.contains(&text)) {
            parts.push(text);
        }
    }
    sanitize::line(&parts.join(": ")).into_owned()
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let kind = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => Some(io.kind()),
            // JSON lines are written by serde_json, which wraps the write error in its own.
            None => cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind),
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_causes_and_strips_escapes() {
        let error = anyhow::anyhow!("bad\x1b[31m thing\nhere").context("listing mail");
        assert_eq!(one_line(&error), "listing mail: bad thing here");
    }

    #[test]
    fn broken_pipe_is_found_under_context() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "closed");
        assert!(is_broken_pipe(&anyhow::Error::new(io).context("writing")));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "closed");
        assert!(is_broken_pipe(&anyhow::Error::new(serde_json::Error::io(io))));
    }
}
