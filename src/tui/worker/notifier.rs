//! Telling the desktop that new mail arrived (issue 10): `notify-send` (libnotify's command)
//! when it is on PATH, run with an argument list (never a shell); or the command in
//! `O365_NOTIFIER` (split like a shell would, given the same arguments: tests set a stub script
//! there). No such program, or one that fails (no D-Bus session, no notification server), is
//! silent: the status bar has already said it. A process rather than a D-Bus crate: it costs
//! no dependency and no compile time, and a desktop that has a notification server has it.
//!
//! Senders and subjects are remote text: control characters and escape sequences go
//! (`sanitize::line`), and `&`, `<`, `>` are escaped, since notification servers may read the
//! body as markup (the Desktop Notifications spec's `body-markup`: `<a href>`, `<img>`...).
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Stdio;

use crate::domain::NewMail;
use crate::paths::EnvLookup;
use crate::tui::effect::NewMailNotice;

/// Characters of a sender or a subject a notification shows; the rest is cut with `…`.
const SHOWN_CHARS: usize = 80;

/// What tells the desktop.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Notifier {
    /// Nothing does (no `notify-send` on PATH).
    #[default]
    None,
    /// Program and leading arguments; the notification's arguments follow.
    Command(Vec<String>),
}

/// `O365_NOTIFIER` when set and not blank (and readable), else `notify-send` if PATH has it,
/// else none.
pub fn from_env() -> Notifier {
    from_lookup(&|name: &str| std::env::var_os(name))
}

pub fn from_lookup(env: EnvLookup<'_>) -> Notifier {
    if let Some(words) = super::opener::command_from(env, "O365_NOTIFIER", "notify-send if there is one") {
        return Notifier::Command(words);
    }
    match on_path(env("PATH"), "notify-send") {
        Some(path) => Notifier::Command(vec![path.to_string_lossy().into_owned()]),
        None => Notifier::None,
    }
}

/// The first `program` file in the folders of `path`.
fn on_path(path: Option<OsString>, program: &str) -> Option<PathBuf> {
    std::env::split_paths(&path?).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

impl Notifier {
    /// Shows `notice` on the desktop, detached: the program's output goes nowhere (it must
    /// never reach the interface's screen), and a failure is only logged.
    pub fn notify(&self, notice: &NewMailNotice) {
        let Notifier::Command(words) = self else { return };
        let Some((program, leading)) = words.split_first() else { return };
        let spawned = std::process::Command::new(program)
            .args(leading)
            .args(arguments(notice))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match spawned {
            // Reaped on a thread of its own, so it never lingers as a zombie.
            Ok(mut child) => {
                std::thread::spawn(move || child.wait());
            }
            Err(e) => tracing::info!("no desktop notification: cannot run `{program}`: {e}"),
        }
    }
}

/// notify-send's arguments for `notice`: who we are, the kind of event (the spec's
/// `email.arrived`), then `--` so that no text from the service can be read as an option, the
/// summary and the body.
pub fn arguments(notice: &NewMailNotice) -> Vec<String> {
    let plural = if notice.count == 1 { "" } else { "s" };
    vec![
        "--app-name=o365".to_owned(),
        "--category=email.arrived".to_owned(),
        "--".to_owned(),
        format!("{} new message{plural} in the Inbox", notice.count),
        body(notice),
    ]
}

/// One `Sender: Subject` line per named message, then how many more.
fn body(notice: &NewMailNotice) -> String {
    let mut lines: Vec<String> = notice.named.iter().map(line).collect();
    let more = notice.count.saturating_sub(notice.named.len());
    if more > 0 {
        lines.push(format!("and {more} more"));
    }
    lines.join("\n")
}

fn line(mail: &NewMail) -> String {
    let subject = if mail.subject.trim().is_empty() { "(no subject)" } else { &mail.subject };
    match shown(&mail.from) {
        from if from.is_empty() => shown(subject),
        from => format!("{from}: {}", shown(subject)),
    }
}

/// Remote text as a notification may show it: one clean line, cut to `SHOWN_CHARS`, markup
/// characters escaped.
fn shown(text: &str) -> String {
    let clean = crate::sanitize::line(text);
    let clean = clean.trim();
    let mut cut: String = clean.chars().take(SHOWN_CHARS).collect();
    if clean.chars().count() > SHOWN_CHARS {
        cut.push('…');
    }
    cut.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(from: &str, subject: &str) -> NewMail {
        NewMail { from: from.into(), subject: subject.into() }
    }

    #[test]
    fn the_arguments_name_the_count_then_each_sender_and_subject() {
        let notice = NewMailNotice { count: 5, named: vec![mail("Adele Vance", "Budget"), mail("", "")] };
        assert_eq!(
            arguments(&notice),
            [
                "--app-name=o365",
                "--category=email.arrived",
                "--",
                "5 new messages in the Inbox",
                "Adele Vance: Budget\n(no subject)\nand 3 more"
            ]
        );
        let one = NewMailNotice { count: 1, named: vec![mail("a@b.example", "Hi")] };
        assert_eq!(arguments(&one)[3..], ["1 new message in the Inbox", "a@b.example: Hi"]);
    }

    #[test]
    fn remote_text_loses_escapes_controls_and_markup() {
        let hostile = mail("\u{1b}]2;pwned\u{7}Eve <eve@x.example>", "<a href=\"file:///\">x</a> & \u{1b}[31mred\n-rf");
        let body = &arguments(&NewMailNotice { count: 1, named: vec![hostile] })[4];
        assert!(!body.chars().any(|c| c.is_control()), "{body:?}");
        assert!(!body.contains('<') && !body.contains('>'), "{body:?}");
        assert!(body.contains("&lt;a href=\"file:///\"&gt;x&lt;/a&gt; &amp;"), "{body:?}");
        let long = mail("x", &"y".repeat(500));
        let body = &arguments(&NewMailNotice { count: 1, named: vec![long] })[4];
        assert_eq!(body.chars().count(), "x: ".len() + SHOWN_CHARS + 1, "cut with an ellipsis: {body}");
    }

    #[test]
    fn the_environment_names_the_notifier_else_notify_send_on_path_else_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = OsString::from(format!("/nonexistent:{}", dir.path().display()));
        let env = |notifier: Option<&'static str>, path: OsString| {
            move |name: &str| match name {
                "O365_NOTIFIER" => notifier.map(OsString::from),
                "PATH" => Some(path.clone()),
                _ => None,
            }
        };
        assert_eq!(from_lookup(&env(None, path.clone())), Notifier::None, "no notify-send: nothing");
        let program = dir.path().join("notify-send");
        std::fs::write(&program, "").unwrap();
        assert_eq!(from_lookup(&env(None, path.clone())), Notifier::Command(vec![program.display().to_string()]));
        assert_eq!(
            from_lookup(&env(Some("stub --flag"), path.clone())),
            Notifier::Command(vec!["stub".into(), "--flag".into()])
        );
        assert_eq!(
            from_lookup(&env(Some("'open"), path.clone())),
            from_lookup(&env(None, path)),
            "unreadable: as unset"
        );
        Notifier::Command(vec!["/nonexistent/notifier".into()]).notify(&NewMailNotice { count: 1, named: Vec::new() });
    }
}
