//! Where log lines go: stderr for commands (never stdout, which pipes read), and a file in the
//! data dir for the full-screen UI, where stderr lines would tear its frames. Colour only on a
//! terminal, and never with `NO_COLOR` set (no-color.org); the log file is the user's alone.
use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Write};
use std::path::Path;

use tracing_subscriber::fmt::writer::BoxMakeWriter;

/// The full-screen UI's log, in the data dir.
pub const TUI_LOG_FILE: &str = "o365.log";

/// Warnings by default, `-v` for this crate's debug lines, `-vv` for traces; `RUST_LOG`
/// overrides both.
pub fn init(verbose: u8, for_command: bool) {
    let default = match verbose {
        0 => "warn",
        1 => "warn,o365=debug",
        _ => "info,o365=trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let writer = if for_command {
        BoxMakeWriter::new(std::io::stderr)
    } else {
        match crate::paths::data_dir().map_err(|e| e.to_string()).and_then(|dir| open_log(&dir)) {
            Ok(file) => BoxMakeWriter::new(std::sync::Mutex::new(file)),
            // Nowhere to write: losing log lines beats tearing the screen, but say so first.
            Err(reason) => {
                let _ = writeln!(std::io::stderr(), "o365: warning: not logging: {reason}");
                BoxMakeWriter::new(std::io::sink)
            }
        }
    };
    // Issue 14: cron mailed escape bytes when stderr was a file or a pipe.
    let with_ansi = for_command && colour(std::io::stderr().is_terminal(), std::env::var_os("NO_COLOR"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(with_ansi)
        .with_target(false)
        .try_init();
}

/// Colour on a terminal, unless `NO_COLOR` is set to anything but the empty string.
pub fn colour(is_terminal: bool, no_color: Option<OsString>) -> bool {
    is_terminal && no_color.is_none_or(|value| value.is_empty())
}

/// Opens `{dir}/o365.log` for appending, readable by the user alone (it names folders and
/// mail ids). An existing log open to others is made 0600 (issue 14: one at 0644 stayed so);
/// one that belongs to another user is not written to.
pub fn open_log(dir: &Path) -> Result<File, String> {
    let path = dir.join(TUI_LOG_FILE);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = file.metadata().map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if meta.uid() != unsafe { libc::geteuid() } {
            return Err(format!(
                "{} belongs to another user (uid {}): remove it or fix its owner",
                path.display(),
                meta.uid()
            ));
        }
        if meta.mode() & 0o777 != 0o600 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(|e| format!("cannot make {} private: {e}", path.display()))?;
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("o365-log-{name}-{}", uuid::Uuid::new_v4().simple()))
    }

    #[test]
    fn the_log_is_appended_and_private() {
        let dir = scratch("append");
        writeln!(open_log(&dir).unwrap(), "one").unwrap();
        writeln!(open_log(&dir).unwrap(), "two").unwrap();
        assert_eq!(std::fs::read_to_string(dir.join(TUI_LOG_FILE)).unwrap(), "one\ntwo\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(TUI_LOG_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Issue 14: an existing o365.log at 0644 was left readable by everyone.
    #[cfg(unix)]
    #[test]
    fn an_existing_log_open_to_others_is_made_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("mode");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(TUI_LOG_FILE);
        std::fs::write(&path, "old\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        writeln!(open_log(&dir).unwrap(), "new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\nnew\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// One that another user owns is refused, naming it (only root can set that up here).
    #[cfg(unix)]
    #[test]
    fn another_users_log_is_not_written() {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return;
        }
        let dir = scratch("owner");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(TUI_LOG_FILE);
        std::fs::write(&path, "theirs\n").unwrap();
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
        let error = open_log(&dir).unwrap_err();
        assert!(error.contains("belongs to another user (uid 65534)"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(colour(true, None));
        assert!(!colour(false, None));
        assert!(!colour(true, Some("1".into())));
        assert!(colour(true, Some("".into())), "an empty NO_COLOR does not count (no-color.org)");
        assert!(!colour(false, Some("".into())));
    }
}
