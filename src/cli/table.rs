//! Aligned plain-text tables for the CLI: widths by display width (wide characters and emoji
//! count double), remote text sanitised, one column allowed to shrink to fit the terminal.
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::human::fit;
use crate::sanitize;

/// A table being filled row by row.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// The column that gives up width when the table is wider than the screen.
    shrink: Option<usize>,
    /// Columns left out when no row has anything in them.
    optional: Vec<usize>,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Self {
        Self { headers: headers.to_vec(), rows: Vec::new(), shrink: None, optional: Vec::new() }
    }

    /// Names the column (by index) that is cut to fit a narrow terminal, e.g. a subject.
    pub fn shrink_column(mut self, index: usize) -> Self {
        self.shrink = Some(index);
        self
    }

    /// Names columns (by index) left out when every row's cell is empty: e.g. a directory's
    /// title and department, which the default permission (User.ReadBasic.All) never returns.
    pub fn optional_columns(mut self, indexes: &[usize]) -> Self {
        self.optional = indexes.to_vec();
        self
    }

    /// Adds a row; every cell is sanitised for one-line display.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.rows.push(cells.into_iter().map(|c| sanitize::line(c.as_ref()).into_owned()).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the table; `max_width` (a terminal's width) limits lines when given.
    pub fn write(&self, out: &mut impl Write, max_width: Option<usize>) -> io::Result<()> {
        let empty = |i: usize| self.rows.iter().all(|row| row.get(i).is_none_or(String::is_empty));
        if self.optional.iter().any(|&i| empty(i)) {
            return self.without(|i| self.optional.contains(&i) && empty(i)).write(out, max_width);
        }
        let columns = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        if let (Some(max), Some(s)) = (max_width, self.shrink) {
            let total: usize = widths.iter().sum::<usize>() + 2 * (columns.saturating_sub(1));
            if total > max {
                let others = total - widths[s];
                widths[s] = max.saturating_sub(others).max(self.headers[s].width()).max(8);
            }
        }
        let header: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        for row in std::iter::once(&header).chain(self.rows.iter()) {
            let mut line = String::new();
            for (i, width) in widths.iter().enumerate() {
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                let cell = fit(cell, *width);
                line.push_str(&cell);
                if i + 1 < columns {
                    line.push_str(&" ".repeat(width - cell.width() + 2));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// The table without the columns `dropped` names (the shrinking one keeps its place).
    fn without(&self, dropped: impl Fn(usize) -> bool) -> Table {
        let kept: Vec<usize> = (0..self.headers.len()).filter(|&i| !dropped(i)).collect();
        let pick = |row: &Vec<String>| kept.iter().map(|&i| row.get(i).cloned().unwrap_or_default()).collect();
        Table {
            headers: kept.iter().map(|&i| self.headers[i]).collect(),
            rows: self.rows.iter().map(pick).collect(),
            shrink: self.shrink.and_then(|s| kept.iter().position(|&i| i == s)),
            optional: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &Table, max: Option<usize>) -> String {
        let mut out = Vec::new();
        t.write(&mut out, max).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn columns_align_by_display_width() {
        let mut t = Table::new(&["NAME", "SIZE"]);
        t.row(["日本語.txt", "1 KB"]);
        t.row(["a.txt", "2 KB"]);
        let text = render(&t, None);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "NAME        SIZE");
        assert_eq!(lines[1], "日本語.txt  1 KB");
        assert_eq!(lines[2], "a.txt       2 KB");
    }

    #[test]
    fn the_shrink_column_is_cut_to_fit() {
        let mut t = Table::new(&["DATE", "SUBJECT", "ID"]).shrink_column(1);
        t.row(["2026-11-23", "A very long subject line that will not fit at all", "AAMk123"]);
        let text = render(&t, Some(40));
        for line in text.lines() {
            assert!(line.width() <= 40, "{line:?}");
        }
        assert!(text.contains('…'));
        assert!(text.contains("AAMk123"), "ids are never cut");
    }

    #[test]
    fn cells_are_sanitised() {
        let mut t = Table::new(&["SUBJECT"]);
        t.row(["hi\x1b]0;pwned\x07 there\nnext"]);
        assert_eq!(render(&t, None).lines().nth(1), Some("hi there next"));
    }

    #[test]
    fn an_optional_column_empty_in_every_row_is_left_out() {
        let mut t = Table::new(&["NAME", "TITLE", "EMAIL"]).optional_columns(&[1]);
        t.row(["Adele", "", "adele@contoso.test"]);
        assert_eq!(render(&t, None), "NAME   EMAIL\nAdele  adele@contoso.test\n");
        t.row(["Megan", "Engineer", "megan@contoso.test"]);
        assert_eq!(render(&t, None).lines().next(), Some("NAME   TITLE     EMAIL"), "kept when one row has it");
    }
}
