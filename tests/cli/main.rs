//! The `o365` binary as a shell or cron job meets it: every command against an `o365 sim` child
//! process, exit codes and one-line errors, the config file, the default keymap.
//!
//! One test binary of a few: each links the whole crate, and on a 2-core machine linking
//! dominates. Shared fixtures are in tests/support/.
#[path = "../support/cli_harness.rs"]
mod cli_harness;

mod basics;
mod calendar;
mod config;
mod daily;
mod drive_files;
mod drive_sites;
mod faults;
mod keymap_defaults;
mod mail;
mod mail_daily;
mod people;
mod permissions;
mod secret;
mod sync;
mod sync_cached;
mod todo;
