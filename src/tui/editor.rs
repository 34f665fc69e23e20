//! Running `$VISUAL`/`$EDITOR` on a compose file or a task's note from the full-screen UI: the
//! file is created new with mode 0600 in compose's private directory, the terminal handed over exactly as
//! ecosystem-notes D.3 says (input stream dropped first, a full repaint that asks the terminal nothing),
//! the text read back and the file removed. A message piped to a command (`|`) gets the
//! terminal the same way, and Enter takes it back once the command has ended (as mutt waits
//! for a key), so what the command wrote can be read.
use std::io::stdout;

use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture, EventStream};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};

use super::effect::compose::EditorJob;
use super::effect::mail_ops::PipeJob;
use super::effect::tasks::NoteJob;
use super::msg::Msg;
use super::msg::compose::ComposeMsg;
use super::msg::tasks::TaskMsg;
use super::terminal::TerminalGuard;
use crate::drafts::create_private;
use crate::paths::EnvLookup;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("an opening {0} quote is never closed")]
    UnclosedQuote(char),
    #[error("it ends with a lone backslash")]
    TrailingBackslash,
}

/// `$VISUAL`, else `$EDITOR` (ignoring empty ones), split like a shell would; `None` when
/// neither is set (the built-in editor is used then).
pub fn editor_command(env: EnvLookup<'_>) -> Option<Result<Vec<String>, String>> {
    let value = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|name| env(name).map(|v| v.to_string_lossy().into_owned()).filter(|v| !v.trim().is_empty()))?;
    Some(match split_words(&value) {
        Ok(words) if !words.is_empty() => Ok(words),
        Ok(_) => Err("the editor command is empty".to_owned()),
        Err(e) => Err(format!("cannot read the editor command `{value}`: {e}")),
    })
}

/// Splits a command line the way `sh` does for words: blanks separate, single quotes keep
/// everything, double quotes keep all but `\"` `\\` `\$` `` \` ``, a backslash outside quotes
/// escapes the next character. No expansion of any kind.
pub fn split_words(text: &str) -> Result<Vec<String>, SplitError> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(SplitError::UnclosedQuote('\'')),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some('\n') => {}
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(SplitError::UnclosedQuote('"')),
                        },
                        Some(c) => word.push(c),
                        None => return Err(SplitError::UnclosedQuote('"')),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some('\n') => {}
                    Some(c) => word.push(c),
                    None => return Err(SplitError::TrailingBackslash),
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// Writes the file, runs the editor on it (inheriting the terminal) and reads the text back;
/// the file is removed afterwards either way. A non-zero exit (vim's `:cq`) means "cancel".
pub async fn run_job(job: &EditorJob) -> Result<String, String> {
    let Some((program, args)) = job.command.split_first() else { return Err("no editor command".into()) };
    create_private(&job.path, job.text.as_bytes()).map_err(|e| format!("cannot create {}: {e}", job.path.display()))?;
    let status = tokio::process::Command::new(program).args(args).arg(&job.path).status().await;
    let result = match status {
        Ok(status) if status.success() => tokio::fs::read_to_string(&job.path)
            .await
            .map_err(|e| format!("cannot read {} back: {e}", job.path.display())),
        Ok(status) => Err(format!("the editor gave up ({status}); the text is as it was")),
        Err(e) => Err(format!("cannot run the editor `{program}`: {e}")),
    };
    let _ = tokio::fs::remove_file(&job.path).await;
    result
}

/// The loop's side of `Effect::RunEditor`, `Effect::EditNote`, `Effect::EditContact` and
/// `Effect::RunPipe`: gives the terminal to the program and takes it back (ecosystem-notes
/// D.3), then answers with what the editor left in the file, or how the piped command ended.
pub async fn run_suspended(
    guard: &mut TerminalGuard,
    events: &mut Option<EventStream>,
    run: EditorRun,
) -> std::io::Result<Msg> {
    Ok(match run {
        EditorRun::Compose(job) => Msg::Compose(ComposeMsg::Edited(handed_over(guard, events, run_job(&job)).await?)),
        EditorRun::Note(NoteJob { job, list_id, task_id }) => {
            let result = handed_over(guard, events, run_job(&job)).await?;
            Msg::Tasks(TaskMsg::NoteEdited { list_id, task_id, result })
        }
        EditorRun::Pipe(job) => pipe_suspended(guard, events, &job).await?,
        EditorRun::Contact(job) => {
            Msg::People(crate::tui::msg::people::PeopleMsg::Edited(handed_over(guard, events, run_job(&job)).await?))
        }
    })
}

/// `Effect::RunPipe`: the command gets the terminal and the message on its standard input;
/// Enter returns to the interface.
async fn pipe_suspended(
    guard: &mut TerminalGuard,
    events: &mut Option<EventStream>,
    job: &PipeJob,
) -> std::io::Result<Msg> {
    let result = handed_over(guard, events, async {
        let ended = run_pipe(job).await;
        wait_for_enter().await;
        ended
    })
    .await?;
    Ok(Msg::Piped(result))
}

/// Runs `work` with the terminal handed over: cooked mode, the main screen, no input reader.
async fn handed_over<T>(
    guard: &mut TerminalGuard,
    events: &mut Option<EventStream>,
    work: impl std::future::Future<Output = T>,
) -> std::io::Result<T> {
    // 1. Stop reading stdin, or the input reader steals the program's keys.
    *events = None;
    execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, cursor::Show)?;
    disable_raw_mode()?;
    let result = work.await;
    // 3. Restored whether or not the program ran.
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    guard.repaint_all()?;
    // Dropping the stream woke crossterm's shared reader; eat that wake-up before a new stream
    // starts reading, as ecosystem-notes D.3 does (without it a key typed right after the
    // return was lost under load).
    let _ = ratatui::crossterm::event::poll(std::time::Duration::ZERO);
    *events = Some(EventStream::new());
    Ok(result)
}

/// A program the loop owes the terminal to: `$EDITOR` on compose's message or on a task's
/// note, or a command the message is piped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorRun {
    Compose(EditorJob),
    Note(NoteJob),
    Pipe(PipeJob),
    /// A contact's text (the people pane).
    Contact(EditorJob),
}

/// `sh -c COMMAND` with `job.input` on its standard input and the terminal for its output;
/// how it ended, as the status bar says it.
pub async fn run_pipe(job: &PipeJob) -> Result<String, String> {
    use tokio::io::AsyncWriteExt;
    let mut child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(&job.command)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", job.command))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that stops reading early (`head`) closes the pipe: not a failure.
        let _ = stdin.write_all(&job.input).await;
    }
    let status = child.wait().await.map_err(|e| format!("`{}`: {e}", job.command))?;
    match status.code() {
        Some(0) => Ok(format!("`{}` ended", job.command)),
        Some(code) => Err(format!("`{}` ended with exit code {code}", job.command)),
        None => Err(format!("`{}` was stopped ({status})", job.command)),
    }
}

async fn wait_for_enter() {
    use std::io::Write;
    let mut out = stdout();
    let _ = write!(out, "\r\n[o365] Press Enter to return ");
    let _ = out.flush();
    let _ = tokio::task::spawn_blocking(|| std::io::stdin().read_line(&mut String::new())).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn words_split_like_a_shell_without_expansion() {
        assert_eq!(split_words("vim").unwrap(), ["vim"]);
        assert_eq!(split_words("  code  --wait ").unwrap(), ["code", "--wait"]);
        assert_eq!(
            split_words(r#"'/opt/My Editor/ed' -c "set tw=72" a\ b"#).unwrap(),
            ["/opt/My Editor/ed", "-c", "set tw=72", "a b"]
        );
        assert_eq!(split_words(r#""say \"hi\" \n" '$HOME' ''"#).unwrap(), [r#"say "hi" \n"#, "$HOME", ""]);
        assert_eq!(split_words("emacs -nw 'x").unwrap_err(), SplitError::UnclosedQuote('\''));
        assert_eq!(split_words("ed \\").unwrap_err(), SplitError::TrailingBackslash);
        assert!(split_words("").unwrap().is_empty());
    }

    #[test]
    fn visual_wins_over_editor_and_empty_ones_are_skipped() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| OsString::from(v))
        };
        let both = env(&[("VISUAL", "nvim -u NONE"), ("EDITOR", "vi")]);
        assert_eq!(editor_command(&both), Some(Ok(vec!["nvim".into(), "-u".into(), "NONE".into()])));
        let empty_visual = env(&[("VISUAL", " "), ("EDITOR", "vi")]);
        assert_eq!(editor_command(&empty_visual), Some(Ok(vec!["vi".into()])));
        assert_eq!(editor_command(&env(&[])), None);
        assert!(matches!(editor_command(&env(&[("EDITOR", "vi 'x")])), Some(Err(_))));
    }
}
