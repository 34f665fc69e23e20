//! The headless command line: parses arguments, picks the account (or the demo tenant) and runs
//! one subcommand. Exit codes: 0 ok, 2 usage, 1 anything else with one line on stderr.
pub mod args;
pub mod dates;
pub mod table;

pub use args::Cli;
