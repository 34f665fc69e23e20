//! The loop: waits on terminal events, worker messages, a signal to stop (SIGTERM, SIGHUP,
//! SIGINT) and a render deadline; feeds what arrives through `update`; hands effects to the
//! worker; draws at most once per frame interval and only when something changed. Nothing runs
//! while nothing happens. Each account of the config has its own store and worker (so its own
//! client); messages carry the account they belong to and only ever reach its store. What the
//! status bar says is also written to the log.
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use ratatui::crossterm::event::EventStream;
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::time::Instant;

use super::action::Action;
use super::editor::EditorRun;
use super::effect::Effect;
use super::input::{self, Input};
use super::keymap::Keymap;
use super::msg::Msg;
use super::store::Store;
use super::store::notices::Level;
use super::store::overlay::KeyHelp;
use super::terminal::{StopSignals, TerminalGuard};
use super::theme::Theme;
use super::update::update;
use super::view::ScreenView;
use super::worker::Worker;
use super::worker::scratch::Scratch;
use super::{Account, OpenAccount, TuiError};

/// At most one frame per this interval.
const FRAME: Duration = Duration::from_millis(10);

pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    /// What opens links and attachments (`O365_OPENER`, else the system's opener), for every
    /// account.
    pub opener: super::worker::opener::Opener,
    /// What tells the desktop about new mail (`O365_NOTIFIER`, else `notify-send` if any).
    pub notifier: super::worker::notifier::Notifier,
}

/// One account's part of the interface.
struct Live {
    store: Store,
    worker: Worker,
    /// The last notice of the store already written to the log.
    logged: u64,
}

/// The accounts: their names in order, the one in view, and those opened so far.
struct Accounts<'a> {
    names: Vec<String>,
    active: usize,
    live: Vec<Option<Live>>,
    open: &'a OpenAccount<'a>,
    /// Where every worker's messages go, tagged with their account's index.
    tagged: UnboundedSender<(usize, Msg)>,
    scratch: Arc<Scratch>,
    opener: super::worker::opener::Opener,
    notifier: super::worker::notifier::Notifier,
    key_help: Arc<Vec<KeyHelp>>,
    /// The palette's commands, from the keymap.
    commands: Vec<super::store::palette::Command>,
    started: Instant,
    started_at: chrono::DateTime<chrono::Utc>,
}

pub async fn run(
    first: Account,
    others: Vec<String>,
    open: &OpenAccount<'_>,
    settings: Settings,
) -> Result<(), TuiError> {
    let mut guard = TerminalGuard::enter()?;
    let mut stop = StopSignals::new()?;
    let size = guard.terminal.size()?;
    let (tagged, mut messages) = mpsc::unbounded_channel::<(usize, Msg)>();
    let mut names = vec![first.options.account.clone()];
    names.extend(others);
    let mut accounts = Accounts {
        live: names.iter().map(|_| None).collect(),
        names,
        active: 0,
        open,
        tagged,
        scratch: Arc::new(Scratch::default()),
        opener: settings.opener.clone(),
        notifier: settings.notifier.clone(),
        key_help: KeyHelp::from_keymap(&settings.keymap),
        commands: super::keymap::palette_commands(&settings.keymap),
        started: Instant::now(),
        started_at: crate::clock::now(),
    };
    accounts.start(0, first, (size.width, size.height));
    let mut events = Some(EventStream::new());
    let mut jobs = LoopJobs::default();
    let mut dirty = true;
    let mut last_frame: Option<Instant> = None;
    while let Some(live) = accounts.live[accounts.active].as_ref() {
        if dirty && last_frame.is_none_or(|at| at.elapsed() >= FRAME) {
            let view = ScreenView { store: &live.store, theme: &settings.theme, keymap: &settings.keymap };
            // The title first: a frame on screen then always has its title with it.
            guard.show_title(&super::view::title::window_title(&live.store))?;
            guard.terminal.draw(|frame| frame.render_widget(&view, frame.area()))?;
            last_frame = Some(Instant::now());
            dirty = false;
        }
        let frame_due = if dirty { last_frame.map(|at| at + FRAME) } else { None };
        // Notices time out, the open message is marked read, the background refresh runs.
        let store_due = live.store.next_deadline_ms().map(|ms| accounts.started + Duration::from_millis(ms));
        let wake = [frame_due, store_due].into_iter().flatten().min();
        let Some(stream) = events.as_mut() else { break };
        let active = accounts.active;
        tokio::select! {
            event = stream.next() => match event {
                Some(Ok(event)) => match input::translate(&live.store, &settings.keymap, &event) {
                    Input::Action(action) => {
                        accounts.apply(active, action.into(), &mut jobs);
                        dirty = true;
                    }
                    Input::Suspend => {
                        // Stop reading stdin before the shell gets it back (ecosystem-notes D.3).
                        drop(events.take());
                        guard.suspend()?;
                        events = Some(EventStream::new());
                        let size = guard.terminal.size()?;
                        let resize = Action::Resize { width: size.width, height: size.height };
                        accounts.apply(active, resize.into(), &mut jobs);
                        dirty = true;
                    }
                    Input::Ignore => {}
                },
                Some(Err(error)) => return Err(TuiError::Io(error)),
                None => break,
            },
            Some((index, msg)) = messages.recv() => {
                accounts.apply(index, msg.into(), &mut jobs);
                // Take everything already queued before drawing once.
                while let Ok((index, msg)) = messages.try_recv() {
                    accounts.apply(index, msg.into(), &mut jobs);
                }
                dirty = true;
            }
            signal = stop.recv() => {
                tracing::info!("stopping on {signal}");
                break;
            }
            _ = sleep_until(wake), if wake.is_some() => {
                let before = live.store.notice.clone();
                let worked = accounts.tick(active, &mut jobs);
                // A tick that ordered work changed what shows (a message marked read).
                dirty |= worked || accounts.live[active].as_ref().is_some_and(|l| l.store.notice != before);
            }
        }
        if let Some(text) = jobs.clipboard.take() {
            super::terminal::osc52(&text)?;
        }
        if let Some(run) = jobs.handover.take() {
            let msg = super::editor::run_suspended(&mut guard, &mut events, run).await?;
            let size = guard.terminal.size()?;
            let resize = Action::Resize { width: size.width, height: size.height };
            accounts.apply(active, resize.into(), &mut jobs);
            accounts.apply(active, msg.into(), &mut jobs);
            dirty = true;
        }
        if let Some(name) = jobs.switch.take() {
            let size = guard.terminal.size()?;
            accounts.switch_to(&name, (size.width, size.height));
            dirty = true;
        }
        if accounts.live[accounts.active].as_ref().is_none_or(|live| live.store.quit) {
            break;
        }
    }
    drop(events);
    drop(guard);
    accounts.scratch.remove();
    Ok(())
}

impl Accounts<'_> {
    fn now_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The account `index` comes alive: its store, and a worker whose messages are tagged with
    /// `index` on their way to the loop. The first view is loaded at once.
    fn start(&mut self, index: usize, account: Account, (width, height): (u16, u16)) {
        let Account { client, options } = account;
        // The account's local cache (issue 10): a notice when it was rebuilt or cannot be used.
        let (cache, cache_notice) = super::open_cache(&options);
        let mut store = account_store(&options, cache.as_ref(), width, height);
        if let (Some(text), None) = (cache_notice, &store.notice) {
            store.log.push(Level::Warning, &text, 0);
            store.notice = Some(super::store::Notice { text, is_error: true, until_ms: None });
        }
        store.commands = self.commands.clone();
        store.accounts = self.names.clone();
        store.key_help = self.key_help.clone();
        store.started = Some(self.started_at);
        let (sender, mut own) = mpsc::unbounded_channel::<Msg>();
        let tagged = self.tagged.clone();
        tokio::spawn(async move {
            while let Some(msg) = own.recv().await {
                if tagged.send((index, msg)).is_err() {
                    break;
                }
            }
        });
        let notices = sender.clone();
        client.observe_waits(move |wait| {
            if wait.is_notable_throttling() {
                let _ = notices.send(Msg::Throttled(wait.wait));
            }
        });
        super::worker::requests::watch(&client, sender.clone());
        let mut worker = Worker::new(client, sender)
            .with_drafts_in(options.data_dir.join("compose"))
            .with_scratch(self.scratch.clone())
            .with_opener(self.opener.clone())
            .with_notifier(self.notifier.clone());
        if let Some(cache) = cache {
            worker = worker.with_cache(cache);
        }
        // A warning from the start is already in o365.log (the session wrote it).
        let logged = store.log.last_seq();
        self.live[index] = Some(Live { store, worker, logged });
        // Starting orders loads only; nothing the loop would do itself.
        self.apply(index, Action::Start.into(), &mut LoopJobs::default());
    }

    /// Shows the account `name`, opening it the first time; a failure to open it is said on the
    /// account in view.
    fn switch_to(&mut self, name: &str, size: (u16, u16)) {
        let Some(index) = self.names.iter().position(|n| n == name) else { return };
        let mut jobs = LoopJobs::default();
        if self.live[index].is_none() {
            match (self.open)(name) {
                Ok(account) => self.start(index, account, size),
                Err(reason) => {
                    let failed = Msg::AccountUnavailable { name: name.to_owned(), reason };
                    self.apply(self.active, failed.into(), &mut jobs);
                    return;
                }
            }
        }
        self.active = index;
        tracing::info!("showing the account {name}");
        // The screen may have changed size, and time went on, while it was not in view.
        let resize = Action::Resize { width: size.0, height: size.1 };
        self.apply(index, resize.into(), &mut jobs);
    }

    /// The time goes on for the account `index` (notices time out, a message is marked read, the
    /// background refresh runs); true when that ordered work.
    fn tick(&mut self, index: usize, jobs: &mut LoopJobs) -> bool {
        self.apply(index, Action::Tick { now_ms: self.now_ms() }.into(), jobs)
    }

    /// One input through the account's `update`; its effects go to the account's worker, except
    /// those the loop does itself (an editor or pipe run, a clipboard copy, a switch), which wait
    /// until the current event is handled. Every input is preceded by the time, so notices are stamped and time
    /// out correctly; what the store newly said is written to the log. True when it ordered work.
    fn apply(&mut self, index: usize, input: super::update::Input, jobs: &mut LoopJobs) -> bool {
        let now_ms = self.now_ms();
        let active = index == self.active;
        let Some(live) = self.live.get_mut(index).and_then(Option::as_mut) else { return false };
        let mut effects = Vec::new();
        let is_tick = matches!(input, super::update::Input::Action(Action::Tick { .. }));
        if live.store.now_ms < now_ms && !is_tick {
            effects = update(&mut live.store, Action::Tick { now_ms });
        }
        effects.extend(update(&mut live.store, input));
        let worked = !effects.is_empty();
        for effect in effects {
            match effect {
                // Only the account in view owns the terminal and can switch away.
                Effect::RunEditor(job) if active => jobs.handover = Some(EditorRun::Compose(job)),
                Effect::EditNote(job) if active => jobs.handover = Some(EditorRun::Note(job)),
                Effect::RunPipe(job) if active => jobs.handover = Some(EditorRun::Pipe(job)),
                Effect::EditContact(job) if active => jobs.handover = Some(EditorRun::Contact(job)),
                Effect::CopyToClipboard(text) if active => jobs.clipboard = Some(text),
                Effect::SwitchAccount(name) if active => jobs.switch = Some(name),
                Effect::RunEditor(_)
                | Effect::EditNote(_)
                | Effect::RunPipe(_)
                | Effect::EditContact(_)
                | Effect::CopyToClipboard(_)
                | Effect::SwitchAccount(_) => {}
                effect => live.worker.run(effect),
            }
        }
        log_said(live);
        worked
    }
}

/// An account's own store as it starts: today in its zone, its mail settings and signature, and
/// a warning from the start (the token store's fallback to the plain file) on the status bar
/// until a notice replaces it, and behind Ctrl-N.
fn account_store(
    options: &super::Options,
    cache: Option<&super::worker::cached::CacheAccess>,
    width: u16,
    height: u16,
) -> Store {
    let mut store = Store::new(options.account.clone(), options.zone, width, height);
    store.calendar.today = Some(crate::clock::now().with_timezone(&options.zone).date_naive());
    store.tasks.today = store.calendar.today;
    store.compose.env.html = options.compose_html;
    store.compose.env.signature = options.mail.signature.clone();
    let millis = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
    store.mail.settings = super::store::mail::live::MailSettings {
        mark_read_after_ms: options.mail.mark_read_after.map(millis),
        refresh_every_ms: options.mail.refresh_every.map(millis),
    };
    store.people.personal_account = options.personal_account;
    store.sync.cached = cache.is_some();
    store.sync.forced_offline = cache.is_some_and(|c| c.forced_offline);
    store.sync.every_ms = options.mail.sync_every.map(millis);
    store.sync.notify_desktop = options.mail.notify;
    store.sync.synced = cache.map(|c| c.synced.clone()).unwrap_or_default();
    if let Some(text) = options.warning.clone() {
        store.log.push(Level::Warning, &text, 0);
        store.notice = Some(super::store::Notice { text, is_error: true, until_ms: None });
    }
    store
}

/// What the loop does itself after an input, because it owns the terminal and the accounts.
#[derive(Default)]
struct LoopJobs {
    /// A program to hand the terminal to.
    handover: Option<EditorRun>,
    /// Text for the clipboard (OSC 52).
    clipboard: Option<String>,
    /// The account to show next.
    switch: Option<String>,
}

/// Writes what the store said since last time to the log (o365.log for the interface): errors
/// and warnings always, notes at `-v`.
fn log_said(live: &mut Live) {
    let account = &live.store.account;
    for said in live.store.log.since(live.logged) {
        match said.level {
            Level::Error => tracing::error!("[{account}] {}", said.text),
            Level::Warning => tracing::warn!("[{account}] {}", said.text),
            Level::Info => tracing::info!("[{account}] {}", said.text),
        }
    }
    live.logged = live.store.log.last_seq();
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests;
