//! The loop: waits on terminal events, worker messages, SIGTERM and a render deadline; feeds
//! what arrives through `update`; hands effects to the worker; draws at most once per frame
//! interval and only when something changed. Nothing runs while nothing happens.
use std::time::Duration;

use chrono_tz::Tz;
use futures::StreamExt;
use ratatui::crossterm::event::EventStream;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::TuiError;
use super::action::Action;
use super::effect::Effect;
use super::effect::compose::EditorJob;
use super::effect::mail_ops::PipeJob;
use super::input::{self, Input};
use super::keymap::Keymap;
use super::msg::Msg;
use super::store::Store;
use super::terminal::TerminalGuard;
use super::theme::Theme;
use super::update::update;
use super::view::ScreenView;
use super::worker::Worker;
use o365_graph::client::GraphClient;

/// At most one frame per this interval.
const FRAME: Duration = Duration::from_millis(10);

pub struct Settings {
    pub account: String,
    pub zone: Tz,
    pub keymap: Keymap,
    pub theme: Theme,
    pub compose_html: bool,
    /// Where compose keeps local drafts (`{data dir}/compose`).
    pub drafts_dir: std::path::PathBuf,
    /// A personal Microsoft account: the people pane offers no directory.
    pub personal_account: bool,
    /// Marking read on open and the background refresh.
    pub mail: super::store::mail::live::MailSettings,
    /// Put under a `-- ` line in new messages, replies and forwards.
    pub signature: Option<String>,
    /// What opens links and attachments (`O365_OPENER`, else the system's opener).
    pub opener: super::worker::opener::Opener,
    /// A warning for the status bar from the start (it stays until a notice replaces it).
    pub warning: Option<String>,
}

/// The store the loop starts with: today in the user's zone, the account's mail settings and
/// signature, and a warning from the start (the token store's fallback to the plain file) on
/// the status bar until a notice replaces it.
fn first_store(settings: &Settings, width: u16, height: u16) -> Store {
    let mut store = Store::new(settings.account.clone(), settings.zone, width, height);
    store.calendar.today = Some(crate::clock::now().with_timezone(&settings.zone).date_naive());
    store.compose.env.html = settings.compose_html;
    store.compose.env.signature = settings.signature.clone();
    store.mail.settings = settings.mail;
    store.tasks.today = store.calendar.today;
    store.people.personal_account = settings.personal_account;
    store.commands = super::keymap::palette_commands(&settings.keymap);
    store.notice = settings.warning.clone().map(|text| super::store::Notice { text, is_error: true, until_ms: None });
    store
}

pub async fn run(client: GraphClient, settings: Settings) -> Result<(), TuiError> {
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut store = first_store(&settings, size.width, size.height);
    let (sender, mut messages) = mpsc::unbounded_channel::<Msg>();
    let notices = sender.clone();
    client.observe_waits(move |wait| {
        if wait.is_notable_throttling() {
            let _ = notices.send(Msg::Throttled(wait.wait));
        }
    });
    super::worker::requests::watch(&client, sender.clone());
    let mut worker =
        Worker::new(client, sender).with_drafts_in(settings.drafts_dir.clone()).with_opener(settings.opener.clone());
    let mut events = Some(EventStream::new());
    let mut editor = LoopJobs::default();
    let mut terminate = terminate_signal()?;
    let started = Instant::now();
    apply(&mut store, &mut worker, &mut editor, Action::Start.into());
    let mut dirty = true;
    let mut last_frame: Option<Instant> = None;
    loop {
        if dirty && last_frame.is_none_or(|at| at.elapsed() >= FRAME) {
            let view = ScreenView { store: &store, theme: &settings.theme, keymap: &settings.keymap };
            guard.terminal.draw(|frame| frame.render_widget(&view, frame.area()))?;
            last_frame = Some(Instant::now());
            dirty = false;
        }
        let frame_due = if dirty { last_frame.map(|at| at + FRAME) } else { None };
        // Notices time out, the open message is marked read, the background refresh runs.
        let store_due = store.next_deadline_ms().map(|ms| started + Duration::from_millis(ms));
        let wake = [frame_due, store_due].into_iter().flatten().min();
        let Some(stream) = events.as_mut() else { break };
        tokio::select! {
            event = stream.next() => match event {
                Some(Ok(event)) => match input::translate(&store, &settings.keymap, &event) {
                    Input::Action(action) => {
                        apply(&mut store, &mut worker, &mut editor, action.into());
                        dirty = true;
                    }
                    Input::Suspend => {
                        // Stop reading stdin before the shell gets it back (ecosystem-notes D.3).
                        drop(events.take());
                        guard.suspend()?;
                        events = Some(EventStream::new());
                        let size = guard.terminal.size()?;
                        apply(&mut store, &mut worker, &mut editor, Action::Resize { width: size.width, height: size.height }.into());
                        dirty = true;
                    }
                    Input::Ignore => {}
                },
                Some(Err(error)) => return Err(TuiError::Io(error)),
                None => break,
            },
            Some(msg) = messages.recv() => {
                apply(&mut store, &mut worker, &mut editor, msg.into());
                // Take everything already queued before drawing once.
                while let Ok(msg) = messages.try_recv() {
                    apply(&mut store, &mut worker, &mut editor, msg.into());
                }
                dirty = true;
            }
            _ = terminate.recv() => break,
            _ = sleep_until(wake), if wake.is_some() => {
                let now_ms = started.elapsed().as_millis() as u64;
                let before = store.notice.clone();
                let worked = apply(&mut store, &mut worker, &mut editor, Action::Tick { now_ms }.into());
                // A tick that ordered work changed what shows (a message marked read).
                dirty |= store.notice != before || worked;
            }
        }
        if let Some(text) = editor.clipboard.take() {
            osc52(&text)?;
        }
        if let Some(job) = editor.handover.take() {
            let msg = match &job {
                Handover::Editor(job) => super::editor::run_suspended(&mut guard, &mut events, job).await?,
                Handover::Pipe(job) => super::editor::pipe_suspended(&mut guard, &mut events, job).await?,
                Handover::Contact(job) => Msg::People(super::msg::people::PeopleMsg::Edited(
                    super::editor::run_suspended_text(&mut guard, &mut events, job).await?,
                )),
            };
            let size = guard.terminal.size()?;
            apply(
                &mut store,
                &mut worker,
                &mut editor,
                Action::Resize { width: size.width, height: size.height }.into(),
            );
            apply(&mut store, &mut worker, &mut editor, msg.into());
            dirty = true;
        }
        if store.quit {
            break;
        }
    }
    drop(events);
    drop(guard);
    Ok(())
}

/// A program the loop hands the terminal to.
enum Handover {
    Editor(EditorJob),
    Pipe(PipeJob),
    /// A contact's text in `$EDITOR` (the people pane).
    Contact(EditorJob),
}

/// What the loop does itself after an input, because it owns the terminal.
#[derive(Default)]
struct LoopJobs {
    handover: Option<Handover>,
    /// Text for the clipboard (OSC 52).
    clipboard: Option<String>,
}

/// One input through `update`; its effects go to the worker, except an editor or pipe run and
/// a clipboard copy, which the loop does itself once the current event is handled (it owns the
/// terminal). True when it ordered any work.
fn apply(store: &mut Store, worker: &mut Worker, jobs: &mut LoopJobs, input: super::update::Input) -> bool {
    let effects = update(store, input);
    let worked = !effects.is_empty();
    for effect in effects {
        match effect {
            Effect::RunEditor(job) => jobs.handover = Some(Handover::Editor(job)),
            Effect::RunPipe(job) => jobs.handover = Some(Handover::Pipe(job)),
            Effect::EditContact(job) => jobs.handover = Some(Handover::Contact(job)),
            Effect::CopyToClipboard(text) => jobs.clipboard = Some(text),
            effect => worker.run(effect),
        }
    }
    worked
}

/// Puts `text` on the clipboard through the terminal: OSC 52, which terminals and tmux (with
/// `set-clipboard on`) pass on, also over ssh (ecosystem-notes E). Only an address or a sharing link gets here.
fn osc52(text: &str) -> std::io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

#[cfg(unix)]
fn terminate_signal() -> std::io::Result<tokio::signal::unix::Signal> {
    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    use super::*;
    use crate::tui::view::StatusView;

    /// `token_store = "keyring"` without a usable keyring: the status bar says so from the
    /// first frame (the same line goes to o365.log and, from the command line, to stderr).
    #[test]
    fn the_token_store_warning_is_on_the_status_bar_from_the_start() {
        let warning =
            "token_store = \"keyring\" but the OS keyring cannot be used (EPERM): tokens are kept in a plain file";
        let settings = Settings {
            account: "work".into(),
            zone: chrono_tz::UTC,
            keymap: Keymap::load(None).unwrap(),
            theme: Theme::default(),
            compose_html: false,
            drafts_dir: "/nowhere".into(),
            personal_account: false,
            mail: Default::default(),
            signature: None,
            opener: Default::default(),
            warning: Some(warning.into()),
        };
        let store = first_store(&settings, 200, 30);
        let notice = store.notice.clone().expect("a notice");
        assert!(notice.is_error && notice.until_ms.is_none(), "it stays: {notice:?}");
        let area = Rect::new(0, 0, 200, 1);
        let mut buf = Buffer::empty(area);
        StatusView { store: &store, theme: &settings.theme, keymap: &settings.keymap }.render(area, &mut buf);
        let line: String = (0..area.width).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(line.contains("token_store = \"keyring\" but the OS keyring cannot be used"), "{line}");
        let quiet = first_store(&Settings { warning: None, ..settings }, 200, 30);
        assert_eq!(quiet.notice, None);
    }
}
