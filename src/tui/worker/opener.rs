//! Handing a link or a saved attachment to the program that shows it: the command in
//! `O365_OPENER` when set (split like a shell would, the target added last; tests set a stub
//! script there, and a user may prefer, say, `firefox --new-tab`), else the system's opener
//! (the `open` crate). Only http, https and mailto links are handed over (ecosystem-notes C.4):
//! the check is in `render::openable_link`, and made again here.
use std::ffi::OsString;
use std::path::Path;
use std::process::Stdio;

use crate::paths::EnvLookup;
use crate::render::openable_link;
use crate::tui::editor::split_words;

/// What opens links and files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Opener {
    /// `xdg-open`, `open` or `start`, through the `open` crate.
    #[default]
    System,
    /// Program and arguments; the target goes last.
    Command(Vec<String>),
}

/// `O365_OPENER`, when set and not blank, else the system's opener. A value that cannot be
/// split (an open quote) is logged and the system's opener used.
pub fn from_env() -> Opener {
    from_lookup(&|name: &str| std::env::var_os(name))
}

pub fn from_lookup(env: EnvLookup<'_>) -> Opener {
    command_from(env, "O365_OPENER", "the system's opener").map_or(Opener::System, Opener::Command)
}

/// The command (program and arguments) an environment variable names, split like a shell
/// would; `None` when it is unset or blank, or cannot be split (an open quote: logged, saying
/// that `instead` is used).
pub(super) fn command_from(env: EnvLookup<'_>, variable: &str, instead: &str) -> Option<Vec<String>> {
    let value = env(variable).map(|v| v.to_string_lossy().into_owned()).filter(|v| !v.trim().is_empty())?;
    match split_words(&value) {
        Ok(words) => Some(words).filter(|w| !w.is_empty()),
        Err(e) => {
            tracing::warn!("{variable} `{value}` cannot be read ({e}): using {instead}");
            None
        }
    }
}

impl Opener {
    /// Opens a link; anything but http, https and mailto is refused.
    pub fn open_link(&self, url: &str) -> Result<(), String> {
        if !openable_link(url) {
            return Err(format!("only http, https and mailto links are opened, not {url}"));
        }
        self.open(OsString::from(url))
    }

    /// Opens a file (a saved attachment).
    pub fn open_file(&self, path: &Path) -> Result<(), String> {
        self.open(path.as_os_str().to_owned())
    }

    /// Detached: the viewer outlives nothing of ours and never holds the terminal.
    fn open(&self, target: OsString) -> Result<(), String> {
        let shown = target.to_string_lossy().into_owned();
        match self {
            Opener::System => open::that_detached(&target).map_err(|e| format!("no program opened {shown}: {e}")),
            Opener::Command(words) => {
                let (program, args) = words.split_first().ok_or("no opener command")?;
                let mut child = std::process::Command::new(program)
                    .args(args)
                    .arg(&target)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .map_err(|e| format!("cannot run the opener `{program}`: {e}"))?;
                // Reaped on a thread of its own, so it never lingers as a zombie.
                std::thread::spawn(move || child.wait());
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_names_the_opener_and_blank_means_the_system() {
        let env = |value: &'static str| move |name: &str| (name == "O365_OPENER").then(|| OsString::from(value));
        assert_eq!(from_lookup(&env("firefox --new-tab")), Opener::Command(vec!["firefox".into(), "--new-tab".into()]));
        assert_eq!(from_lookup(&env("  ")), Opener::System);
        assert_eq!(from_lookup(&env("'unclosed")), Opener::System);
        assert_eq!(from_lookup(&|_: &str| None), Opener::System);
    }

    #[test]
    fn other_schemes_never_reach_the_opener() {
        let opener = Opener::Command(vec!["/nonexistent/opener".into()]);
        for url in ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.test/", "notaurl"] {
            let refused = opener.open_link(url).unwrap_err();
            assert!(refused.starts_with("only http, https and mailto"), "{url}: {refused}");
        }
        let tried = opener.open_link("https://contoso.test/").unwrap_err();
        assert!(tried.contains("cannot run the opener"), "{tried}");
    }
}
