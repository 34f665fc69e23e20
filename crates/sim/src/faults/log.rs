//! The tenant's request log: the method, path and query of each Graph request served (a
//! `$batch` once, as `Faults::requests` counts), the latest `KEPT` of them, so a test can assert
//! which requests a client made (e.g. that a sync asked only for delta pages).
use std::collections::VecDeque;
use std::sync::Mutex;

/// Requests kept; older ones are dropped first.
const KEPT: usize = 10_000;

#[derive(Debug, Default)]
pub struct RequestLog {
    lines: Mutex<VecDeque<String>>,
}

impl RequestLog {
    /// Notes one request: `GET /graph/v1.0/me/mailFolders/inbox/messages/delta?$deltatoken=...`.
    pub fn record(&self, method: &str, path_and_query: &str) {
        let mut lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        if lines.len() >= KEPT {
            lines.pop_front();
        }
        lines.push_back(format!("{method} {path_and_query}"));
    }

    /// The requests logged so far, oldest first.
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned().collect()
    }

    /// Forgets what was logged (a test starts counting here).
    pub fn clear(&self) {
        self.lines.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_latest_requests_in_order() {
        let log = RequestLog::default();
        for i in 0..KEPT + 2 {
            log.record("GET", &format!("/graph/v1.0/me/{i}"));
        }
        let lines = log.lines();
        assert_eq!(lines.len(), KEPT);
        assert_eq!(lines[0], "GET /graph/v1.0/me/2");
        assert_eq!(lines.last().map(String::as_str), Some(format!("GET /graph/v1.0/me/{}", KEPT + 1).as_str()));
        log.clear();
        assert!(log.lines().is_empty());
    }
}
