//! What the status bar has said: the last notices, warnings and errors in full, newest last,
//! for Ctrl-N to show (a long error does not fit the bar) and for the loop to write to o365.log.
use std::collections::VecDeque;

/// How many notices are kept.
pub const KEPT: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    /// Something slowed down or partly failed (throttling).
    Warning,
    Error,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Info => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// Counts up from 1 over the session: the loop logs each one once.
    pub seq: u64,
    /// The loop's milliseconds when it was said.
    pub at_ms: u64,
    pub level: Level,
    /// As said (it may quote remote text: sanitise before drawing).
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct NoticeLog {
    kept: VecDeque<Said>,
    last_seq: u64,
}

impl NoticeLog {
    /// Keeps `text`; the oldest goes past `KEPT`. The same text said again in a row (a retried
    /// load failing the same way) is kept once, with the newer time.
    pub fn push(&mut self, level: Level, text: &str, at_ms: u64) {
        self.last_seq += 1;
        if let Some(last) = self.kept.back_mut()
            && last.level == level
            && last.text == text
        {
            last.at_ms = at_ms;
            last.seq = self.last_seq;
            return;
        }
        self.kept.push_back(Said { seq: self.last_seq, at_ms, level, text: text.to_owned() });
        while self.kept.len() > KEPT {
            self.kept.pop_front();
        }
    }

    /// Newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Said> {
        self.kept.iter().rev()
    }

    /// What was said after `seq`, oldest first (for the log file).
    pub fn since(&self, seq: u64) -> impl Iterator<Item = &Said> {
        self.kept.iter().filter(move |said| said.seq > seq)
    }

    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_newest_and_folds_repeats() {
        let mut log = NoticeLog::default();
        log.push(Level::Error, "Loading failed: boom", 10);
        log.push(Level::Error, "Loading failed: boom", 20);
        log.push(Level::Info, "Refreshing…", 30);
        let texts: Vec<_> = log.newest_first().map(|s| (s.text.as_str(), s.at_ms)).collect();
        assert_eq!(texts, [("Refreshing…", 30), ("Loading failed: boom", 20)]);
        assert_eq!(log.since(1).count(), 2, "the repeat counts as new for the log file");
        assert_eq!(log.since(log.last_seq()).count(), 0);
        for n in 0..200 {
            log.push(Level::Info, &format!("n{n}"), n);
        }
        assert_eq!(log.newest_first().count(), KEPT);
        assert_eq!(log.newest_first().next().unwrap().text, "n199");
    }
}
