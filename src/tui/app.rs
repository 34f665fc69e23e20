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
}

pub async fn run(client: GraphClient, settings: Settings) -> Result<(), TuiError> {
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut store = Store::new(settings.account, settings.zone, size.width, size.height);
    store.calendar.today = Some(crate::clock::now().with_timezone(&settings.zone).date_naive());
    store.compose.env.html = settings.compose_html;
    store.tasks.today = store.calendar.today;
    let (sender, mut messages) = mpsc::unbounded_channel::<Msg>();
    let notices = sender.clone();
    client.observe_waits(move |wait| {
        if wait.is_notable_throttling() {
            let _ = notices.send(Msg::Throttled(wait.wait));
        }
    });
    let mut worker = Worker::new(client, sender).with_drafts_in(settings.drafts_dir.clone());
    let mut events = Some(EventStream::new());
    let mut editor: Option<EditorJob> = None;
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
        let notice_due = store.notice.as_ref().and_then(|n| n.until_ms).map(|ms| started + Duration::from_millis(ms));
        let wake = [frame_due, notice_due].into_iter().flatten().min();
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
                apply(&mut store, &mut worker, &mut editor, Action::Tick { now_ms }.into());
                dirty |= store.notice != before;
            }
        }
        if let Some(job) = editor.take() {
            let msg = super::editor::run_suspended(&mut guard, &mut events, &job).await?;
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

/// One input through `update`; its effects go to the worker, except an editor run, which the
/// loop does itself once the current event is handled (it owns the terminal).
fn apply(store: &mut Store, worker: &mut Worker, editor: &mut Option<EditorJob>, input: super::update::Input) {
    for effect in update(store, input) {
        match effect {
            Effect::RunEditor(job) => *editor = Some(job),
            effect => worker.run(effect),
        }
    }
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
