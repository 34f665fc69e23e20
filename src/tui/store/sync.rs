//! The local cache as the interface sees it (issue 10): whether there is one, whether the
//! service can be reached, when mail last synced, and the timer of the next sync. The cache
//! itself is the worker's; the store only knows what the worker said about it.
use chrono::{DateTime, Utc};

use super::mail::live::Timer;

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
    /// When mail last finished a sync.
    pub last_synced: Option<DateTime<Utc>>,
    /// Milliseconds between timed syncs; `None`: only at start and on `r`.
    pub every_ms: Option<u64>,
    pub timer: Timer,
    /// `notify`: new mail in the Inbox is also told to the desktop's notification service.
    pub notify_desktop: bool,
}

impl SyncState {
    /// What the status bar says: `offline`, `syncing`, `synced 10:02`, or nothing without a cache.
    pub fn status(&self, zone: chrono_tz::Tz) -> Option<String> {
        if !self.cached {
            return None;
        }
        if self.offline {
            return Some(match self.last_synced {
                Some(at) => format!("offline, synced {}", at.with_timezone(&zone).format("%H:%M")),
                None => "offline".to_owned(),
            });
        }
        if self.syncing {
            return Some("syncing".to_owned());
        }
        self.last_synced.map(|at| format!("synced {}", at.with_timezone(&zone).format("%H:%M")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_says_offline_syncing_or_when() {
        let mut sync = SyncState::default();
        assert_eq!(sync.status(chrono_tz::UTC), None, "no cache, nothing to say");
        sync.cached = true;
        assert_eq!(sync.status(chrono_tz::UTC), None);
        sync.syncing = true;
        assert_eq!(sync.status(chrono_tz::UTC).as_deref(), Some("syncing"));
        sync.syncing = false;
        sync.last_synced = Some(DateTime::parse_from_rfc3339("2026-03-10T09:02:00Z").unwrap().to_utc());
        assert_eq!(sync.status(chrono_tz::Europe::Paris).as_deref(), Some("synced 10:02"));
        sync.offline = true;
        assert_eq!(sync.status(chrono_tz::UTC).as_deref(), Some("offline, synced 09:02"));
    }
}
