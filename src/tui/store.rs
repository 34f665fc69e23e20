//! The one store: everything the screen shows, mutated only by `update`.
pub mod calendar;
pub mod compose;
pub mod drive;
pub mod filter;
pub mod mail;
pub mod notices;
pub mod overlay;
pub mod palette;
pub mod people;
pub mod prompt;
pub mod settings;
pub mod sync;
pub mod tasks;
pub mod write_queue;

use std::sync::Arc;

use chrono_tz::Tz;
use ratatui::layout::Rect;

pub use calendar::{Agenda, AgendaRow, CalendarFocus, CalendarState, CalendarView, DetailDoc};
pub use drive::{Crumb, DriveState};
pub use mail::{Cursor, MailFocus, MailState, ReaderDoc};

use super::action::Pane;
use super::layout;
use super::loadable::Generation;

/// A line for the status bar. Errors stay until replaced; notices time out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// Loop milliseconds after which a notice disappears (`None`: stays).
    pub until_ms: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Store {
    pub account: String,
    pub zone: Tz,
    pub pane: Pane,
    pub mail: MailState,
    pub calendar: CalendarState,
    pub drive: DriveState,
    pub tasks: tasks::TasksState,
    pub people: people::PeopleState,
    /// The settings screen (`,`).
    pub settings: settings::SettingsState,
    /// The command palette, when open.
    pub palette: Option<palette::Palette>,
    /// Every action the palette offers (set from the keymap when the loop starts).
    pub commands: Vec<palette::Command>,
    pub help_open: bool,
    /// Ctrl-N: the last notices in full.
    pub notices_open: bool,
    /// How far the open overlay (help, notices) is scrolled, in rows.
    pub overlay_scroll: usize,
    /// Every binding with its description, for the help overlay (from the keymap in use).
    pub key_help: Arc<Vec<overlay::KeyHelp>>,
    /// What the status bar said, in full.
    pub log: notices::NoticeLog,
    /// When the loop started (its milliseconds count from here); set by the loop.
    pub started: Option<chrono::DateTime<chrono::Utc>>,
    /// Every account of the config, this one among them (the account picker's choices).
    pub accounts: Vec<String>,
    /// The account picker, open on this row of `accounts`.
    pub account_picker: Option<usize>,
    /// The message being written, and what compose found at start-up.
    pub compose: compose::ComposeState,
    /// A question over the pane (a name to type, a yes/no); it takes every key while open.
    pub prompt: Option<prompt::Prompt>,
    pub notice: Option<Notice>,
    /// The client's request budget, as last reported.
    pub requests: super::msg::RequestLoad,
    /// The local cache: offline or not, when mail last synced (issue 10).
    pub sync: sync::SyncState,
    /// The terminal's size, as last reported.
    pub size: Rect,
    pub now_ms: u64,
    pub quit: bool,
    last_generation: Generation,
}

impl Store {
    pub fn new(account: impl Into<String>, zone: Tz, width: u16, height: u16) -> Self {
        let account = account.into();
        Store {
            accounts: vec![account.clone()],
            account,
            zone,
            pane: Pane::Mail,
            mail: MailState::default(),
            calendar: CalendarState::default(),
            drive: DriveState::default(),
            tasks: tasks::TasksState::default(),
            people: people::PeopleState::default(),
            settings: settings::SettingsState::default(),
            palette: None,
            commands: Vec::new(),
            help_open: false,
            notices_open: false,
            overlay_scroll: 0,
            key_help: super::keymap::Keymap::load(None)
                .map(|keymap| overlay::KeyHelp::from_keymap(&keymap))
                .unwrap_or_default(),
            log: Default::default(),
            started: None,
            account_picker: None,
            compose: Default::default(),
            prompt: None,
            notice: None,
            requests: Default::default(),
            sync: Default::default(),
            size: Rect::new(0, 0, width, height),
            now_ms: 0,
            quit: false,
            last_generation: 0,
        }
    }

    /// A generation id never handed out before.
    pub fn next_generation(&mut self) -> Generation {
        self.last_generation += 1;
        self.last_generation
    }

    /// The pane's part of the screen at the terminal's size.
    fn body(&self) -> Rect {
        layout::screen(self.size).body
    }

    pub fn mail_layout(&self) -> layout::mail::MailLayout {
        layout::mail::split(self.body(), self.mail.focus)
    }

    pub fn calendar_layout(&self) -> layout::calendar::CalendarLayout {
        layout::calendar::split(self.body(), self.calendar.focus, self.calendar.layout_view())
    }

    pub fn drive_layout(&self) -> layout::drive::DriveLayout {
        layout::drive::split(self.body(), self.drive.details_open)
    }

    pub fn tasks_layout(&self) -> layout::tasks::TasksLayout {
        layout::tasks::split(self.body(), self.tasks.focus)
    }

    pub fn people_layout(&self) -> layout::people::PeopleLayout {
        layout::people::split(self.body(), self.people.focus)
    }

    /// Keys go in as text (a prompt or the palette is open, or a pane's filter is being typed).
    pub fn wants_text(&self) -> bool {
        let picking = match self.pane {
            Pane::Mail => self.mail.ops.picker.is_some(),
            Pane::Drive => self.drive.picker.is_some(),
            _ => false,
        } || self.compose.drive_picker.is_some();
        let filtering = self.typing_filter() || picking;
        self.overlay().is_none()
            && self.account_picker.is_none()
            && (self.prompt.is_some() || self.palette.is_some() || filtering)
    }

    /// The pane in view's `/` filter is being typed (the people pane's `/` is a prompt).
    pub fn typing_filter(&self) -> bool {
        match self.pane {
            Pane::Mail => self.mail.filter.editing,
            Pane::Calendar => self.calendar.filter.editing,
            Pane::Drive => self.drive.filter.editing,
            Pane::Tasks => self.tasks.filter.editing,
            Pane::People => false,
        }
    }

    /// The next loop time (milliseconds) at which a tick is due: a notice times out, the
    /// message being read is marked read, the background refresh runs. A time already past
    /// means at once.
    pub fn next_deadline_ms(&self) -> Option<u64> {
        let notice = self.notice.as_ref().and_then(|n| n.until_ms);
        let read = self.mail.read_mark.as_ref().and_then(|m| m.timer.due());
        [notice, read, self.mail.refresh.timer.due(), self.sync.timer.due()].into_iter().flatten().min()
    }

    /// What is loading right now, for the status bar.
    pub fn loading_what(&self) -> Vec<&'static str> {
        let mut what = Vec::new();
        if self.mail.folders.is_loading() {
            what.push("folders");
        }
        let more = self.mail.messages.ready().is_some_and(|p| p.more.is_loading());
        if self.mail.messages.is_loading() || more {
            what.push("messages");
        }
        if self.mail.reader.is_loading() {
            what.push("message");
        }
        if self.calendar.agenda.is_loading() {
            what.push("agenda");
        }
        if self.calendar.refresh.is_some() {
            what.push("calendar");
        }
        if self.calendar.writes.is_busy() {
            what.push("event");
        }
        if let Some(view) = &self.calendar.free_busy
            && (view.schedules.is_loading() || view.suggestions.as_ref().is_some_and(|s| s.is_loading()))
        {
            what.push("free/busy");
        }
        if self.drive.is_loading() {
            what.push("folder");
        }
        what.extend(self.tasks.loading_what());
        what.extend(self.people.loading_what());
        if self.settings.settings.is_loading() {
            what.push("settings");
        }
        what
    }
}
