//! Where command output goes: aligned tables for people (cut to the terminal's width when
//! stdout is one), or one JSON object per line with Graph's field names for scripts.
use std::io::{BufWriter, IsTerminal, Stdout, Write};

use serde::Serialize;

use super::table::Table;

pub struct Output {
    json: bool,
    out: BufWriter<Stdout>,
    /// The terminal's width; `None` when output goes to a pipe or file (never cut there).
    width: Option<usize>,
}

impl Output {
    pub fn stdout(json: bool) -> Self {
        let stdout = std::io::stdout();
        let width = if stdout.is_terminal() { terminal_width() } else { None };
        Self { json, out: BufWriter::new(stdout), width }
    }

    pub fn json(&self) -> bool {
        self.json
    }

    pub fn width(&self) -> Option<usize> {
        self.width
    }

    /// One JSON object on its own line, with every control, bidi and line-separator code
    /// point escaped (see `json_line`), so it is safe to show and to split into lines.
    pub fn json_line<T: Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        super::json_line::write(&mut self.out, value)?;
        Ok(())
    }

    pub fn table(&mut self, table: &Table) -> anyhow::Result<()> {
        table.write(&mut self.out, self.width)?;
        Ok(())
    }

    /// Text written as given: callers sanitise anything that came from the server.
    pub fn text(&mut self, text: &str) -> anyhow::Result<()> {
        self.out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Pushes buffered output out; long listings call it now and then so a pager sees progress.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        self.flush()
    }
}

fn terminal_width() -> Option<usize> {
    ratatui::crossterm::terminal::size().ok().map(|(columns, _)| usize::from(columns)).filter(|&w| w >= 20)
}
