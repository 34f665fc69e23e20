//! Transfer progress on stderr: a bar with bytes, rate and time left, redrawn at most ten times
//! a second, when stderr is a terminal; otherwise one summary line when a transfer ends, as a
//! cron log wants. Wall-clock time here only ever reaches the screen.
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::human::human_size;
use crate::sanitize;

pub struct Progress {
    verb: &'static str,
    label: String,
    size: u64,
    started: Instant,
    drawn: Option<Instant>,
    terminal: bool,
}

impl Progress {
    /// `verb` is what is done (`uploaded`), `label` what to (a name, sanitised here).
    pub fn new(verb: &'static str, label: &str, size: u64) -> Self {
        Self {
            verb,
            label: sanitize::line(label).into_owned(),
            size,
            started: Instant::now(),
            drawn: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn rate(&self, done: u64) -> f64 {
        done as f64 / self.started.elapsed().as_secs_f64().max(0.001)
    }

    pub fn update(&mut self, done: u64) {
        if !self.terminal || self.drawn.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) {
            return;
        }
        self.drawn = Some(Instant::now());
        let ratio = if self.size == 0 { 1.0 } else { (done as f64 / self.size as f64).min(1.0) };
        let filled = (ratio * 20.0) as usize;
        let rate = self.rate(done);
        let left = if rate > 0.0 { (self.size.saturating_sub(done)) as f64 / rate } else { 0.0 };
        let _ = write!(
            std::io::stderr(),
            "\r\x1b[2K{} [{}{}] {}/{} {}/s {:.0}s left",
            self.label,
            "#".repeat(filled),
            "-".repeat(20 - filled),
            human_size(done),
            human_size(self.size),
            human_size(rate as u64),
            left
        );
    }

    /// Ends the bar, or writes the summary line.
    pub fn finish(&mut self) {
        let seconds = self.started.elapsed().as_secs_f64();
        let summary = format!(
            "{} {} ({}) in {:.1} s, {}/s",
            self.verb,
            self.label,
            human_size(self.size),
            seconds,
            human_size(self.rate(self.size) as u64)
        );
        let mut err = std::io::stderr();
        let _ = if self.terminal { writeln!(err, "\r\x1b[2K{summary}") } else { writeln!(err, "{summary}") };
    }
}
