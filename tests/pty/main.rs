//! The real `o365` in a pseudo-terminal: `--demo` through every pane, composing through `$EDITOR`,
//! hostile escape sequences, a refused permission; the terminal restored on every way out.
//! `.ci/clock-matrix` runs this binary on pinned days and zones.
//!
//! One test binary of a few: each links the whole crate, and on a 2-core machine linking
//! dominates. Shared fixtures are in tests/support/.
#[path = "../support/cli_harness.rs"]
mod cli_harness;
#[path = "../support/pty_harness.rs"]
mod pty_harness;

mod calendar;
mod compose;
mod daily;
mod demo;
mod drive;
mod hostile;
mod notify;
mod people;
mod permissions;
mod pipe;
mod secret;
