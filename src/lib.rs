//! o365: the application (its command line and full-screen interface) over the o365-graph client
//! library, with the simulated tenant of o365-sim behind `o365 sim` and `--demo`.
pub mod address_lookup;
pub mod cache;
pub mod calendar_lookup;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod drafts;
pub mod human;
pub mod paths;
#[cfg(test)]
mod properties;
pub mod render;
pub mod sanitize;
pub mod saving;
pub mod sign_in_help;
pub mod sync;
pub mod tui;
