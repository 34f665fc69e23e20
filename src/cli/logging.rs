//! Where log lines go: stderr for commands (never stdout, which pipes read), and a file in the
//! data dir for the full-screen UI, where stderr lines would tear its frames.
use std::fs::{File, OpenOptions};
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
        match crate::paths::data_dir().ok().and_then(|dir| open_log(&dir)) {
            Some(file) => BoxMakeWriter::new(std::sync::Mutex::new(file)),
            // Nowhere to write: losing log lines beats tearing the screen.
            None => BoxMakeWriter::new(std::io::sink),
        }
    };
    let with_ansi = for_command;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(with_ansi)
        .with_target(false)
        .try_init();
}

/// Opens `{dir}/o365.log` for appending, readable by the user alone (it names folders and
/// mail ids).
pub fn open_log(dir: &Path) -> Option<File> {
    std::fs::create_dir_all(dir).ok()?;
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(dir.join(TUI_LOG_FILE)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_is_appended_and_private() {
        let dir = std::env::temp_dir().join(format!("o365-log-test-{}", std::process::id()));
        use std::io::Write;
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
}
