//! `o365 completions SHELL` and `o365 man`: a completion script and the manual page, both
//! generated from the one clap definition of the command line (clap_complete, clap_mangen), so
//! they never drift from what `o365` accepts.
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// The completion script for `shell`, written to standard output.
pub fn completions(shell: Shell) -> anyhow::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "o365", &mut script);
    write_out(&script)
}

/// The manual page `o365(1)` on standard output; with `dir`, one page per command there.
pub fn man(dir: Option<&Path>) -> anyhow::Result<()> {
    let command = Cli::command();
    match dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(command, dir).with_context(|| format!("cannot write into {}", dir.display()))?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "Wrote the manual pages into {} (man -M DIR o365, or copy them to man1/)", dir.display())?;
            Ok(())
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            write_out(&page)
        }
    }
}

fn write_out(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}
