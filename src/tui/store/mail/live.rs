//! What the mail pane does on its own, by the loop's clock: the message being read is marked
//! read once it has been open long enough, the open folder's newest messages and the folder
//! counts are fetched again every so often, and `G` keeps loading pages until the end.
//! `update` has no clock: it learns the time from ticks, so a timer set between two ticks
//! starts counting at the next one (the loop ticks at once when a timer waits to start).
use crate::tui::loadable::Generation;

/// What the account's config says (tests set it; `Default` is the config's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailSettings {
    /// Milliseconds a message stays open before it is marked read; `None`: never.
    pub mark_read_after_ms: Option<u64>,
    /// Milliseconds between background refreshes; `None`: never.
    pub refresh_every_ms: Option<u64>,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings { mark_read_after_ms: Some(1_000), refresh_every_ms: Some(60_000) }
    }
}

/// A deadline on the loop's clock (milliseconds since the loop started).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Timer {
    #[default]
    Off,
    /// Runs for `after_ms` from the next tick on.
    Starting {
        after_ms: u64,
    },
    At(u64),
}

impl Timer {
    /// When the loop must tick for it: at once for a timer waiting to start.
    pub fn due(&self) -> Option<u64> {
        match self {
            Timer::Off => None,
            Timer::Starting { .. } => Some(0),
            Timer::At(at) => Some(*at),
        }
    }

    /// Starts a waiting timer at `now_ms`; true when it has run out.
    pub fn run(&mut self, now_ms: u64) -> bool {
        if let Timer::Starting { after_ms } = *self {
            *self = Timer::At(now_ms.saturating_add(after_ms));
        }
        matches!(self, Timer::At(at) if now_ms >= *at)
    }
}

/// The message in the reader, to be marked read when its timer runs out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadMark {
    pub id: String,
    pub timer: Timer,
}

/// The background refresh: its timer and the loads it is waiting for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refresh {
    pub timer: Timer,
    /// The folder tree with fresh counts.
    pub folders: Option<Generation>,
    /// The open folder's newest page (folder id, generation).
    pub page: Option<(String, Generation)>,
}
