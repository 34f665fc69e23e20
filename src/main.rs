//! The `o365` binary: parses the command line and hands it to `o365::cli`, which runs it and
//! turns the outcome into the exit code (0 ok, 2 usage, 1 anything else).
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2.
    let cli = o365::cli::Cli::parse();
    o365::cli::main(cli)
}
