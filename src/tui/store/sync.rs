//! The local cache as the interface sees it (issue 10): whether there is one, whether the
//! service can be reached, when each pane's data last synced, and the timer of the next sync. The cache
//! itself is the worker's; the store only knows what the worker said about it.
use chrono::{DateTime, Utc};

use super::mail::live::Timer;
use crate::tui::action::Pane;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    /// The worker has a cache for this account: loads can be answered from it.
    pub cached: bool,
    /// `--offline`: the service is never asked; the cache answers everything.
    pub forced_offline: bool,
    /// The service could not be reached (or `--offline`): what shows is the cache's, and
    /// changes are refused until it can be reached again.
    pub offline: bool,
    /// A sync is running.
    pub syncing: bool,
    /// Another sync was asked for while one ran: it runs when that one ends.
    pub again: bool,
    /// When each pane's data last finished a sync (mail always; the others when `o365 sync`
    /// filled the cache with them, so the interface's sync keeps them current too).
    pub synced: Vec<(Pane, DateTime<Utc>)>,
    /// Milliseconds between timed syncs; `None`: only at start and on `r`.
    pub every_ms: Option<u64>,
    pub timer: Timer,
    /// `notify`: new mail in the Inbox is also told to the desktop's notification service.
    pub notify_desktop: bool,
}

impl SyncState {
    /// When `pane`'s data last finished a sync.
    pub fn synced_at(&self, pane: Pane) -> Option<DateTime<Utc>> {
        self.synced.iter().find(|(p, _)| *p == pane).map(|(_, at)| *at)
    }

    pub fn set_synced(&mut self, pane: Pane, at: DateTime<Utc>) {
        self.synced.retain(|(p, _)| *p != pane);
        self.synced.push((pane, at));
    }

    /// What the status bar says in `pane`: `offline`, `syncing`, `synced 10:02` (that pane's
    /// data; nothing for a pane no sync keeps), or nothing without a cache.
    pub fn status(&self, zone: chrono_tz::Tz, pane: Pane) -> Option<String> {
        if !self.cached {
            return None;
        }
        if self.offline {
            return Some(match self.synced_at(pane) {
                Some(at) => format!("offline, synced {}", at.with_timezone(&zone).format("%H:%M")),
                None => "offline".to_owned(),
            });
        }
        if self.syncing {
            return Some("syncing".to_owned());
        }
        self.synced_at(pane).map(|at| format!("synced {}", at.with_timezone(&zone).format("%H:%M")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_says_offline_syncing_or_when_the_pane_in_view_synced() {
        let (mail, tasks) = (Pane::Mail, Pane::Tasks);
        let mut sync = SyncState::default();
        assert_eq!(sync.status(chrono_tz::UTC, mail), None, "no cache, nothing to say");
        sync.cached = true;
        assert_eq!(sync.status(chrono_tz::UTC, mail), None);
        sync.syncing = true;
        assert_eq!(sync.status(chrono_tz::UTC, mail).as_deref(), Some("syncing"));
        sync.syncing = false;
        sync.set_synced(mail, DateTime::parse_from_rfc3339("2026-03-10T09:02:00Z").unwrap().to_utc());
        assert_eq!(sync.status(chrono_tz::Europe::Paris, mail).as_deref(), Some("synced 10:02"));
        assert_eq!(sync.status(chrono_tz::UTC, tasks), None, "no sync keeps the tasks");
        sync.set_synced(tasks, DateTime::parse_from_rfc3339("2026-03-10T08:30:00Z").unwrap().to_utc());
        assert_eq!(sync.status(chrono_tz::UTC, tasks).as_deref(), Some("synced 08:30"));
        sync.offline = true;
        assert_eq!(sync.status(chrono_tz::UTC, mail).as_deref(), Some("offline, synced 09:02"));
        assert_eq!(sync.status(chrono_tz::UTC, Pane::Drive).as_deref(), Some("offline"));
    }
}
