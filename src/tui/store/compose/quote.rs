//! The quoted original in the `$EDITOR` file: the marker line above it, and reading the text
//! back. A quote that comes back as it was written stays the service's (formatted, below the
//! text above the marker); when anything below the marker changed (an answer at the bottom or
//! between quoted lines, lines cut from the quote) or the marker is gone, the whole text is the
//! body, the quote as the user left it included. Only the marker line itself is dropped.

use crate::domain::Body;

/// The line between the text and the quote in the editor's file.
pub const QUOTE_MARKER: &str = "-- o365: write anywhere; a quote left as it is goes in its original format --";

/// The body in `text` (what follows the header block) and whether the quote below the marker
/// came back as `quote` (then the body is what is above the marker). Blank lines around the
/// body go.
pub fn split_quote(text: &str, quote: &[String]) -> (String, bool) {
    let lines: Vec<&str> = text.split('\n').collect();
    split_lines(&lines, quote)
}

/// `split_quote` over the lines of the text.
pub fn split_lines(lines: &[&str], quote: &[String]) -> (String, bool) {
    let is_marker = |line: &&str| line.trim_end() == QUOTE_MARKER;
    match lines.iter().position(is_marker) {
        Some(at) if same_quote(&lines[at + 1..], quote) => (joined(&lines[..at]), true),
        Some(_) => {
            let text: Vec<&str> = lines.iter().copied().filter(|line| !is_marker(line)).collect();
            (joined(&text), false)
        }
        None => (joined(lines), quote.is_empty()),
    }
}

/// Whether the lines below the marker are the quote as written. Editors that strip trailing
/// blanks (`> ` becomes `>`) or the last newline do not count as a change.
fn same_quote(below: &[&str], quote: &[String]) -> bool {
    let mut below = below;
    while let [rest @ .., last] = below
        && last.trim().is_empty()
    {
        below = rest;
    }
    below.len() == quote.len() && below.iter().zip(quote).all(|(got, wrote)| got.trim_end() == wrote.trim_end())
}

/// The lines as a body: blank lines before the first and after the last dropped, a newline
/// after the last one.
fn joined(lines: &[&str]) -> String {
    let blank = |line: &&str| line.trim().is_empty();
    let start = lines.iter().position(|line| !blank(line)).unwrap_or(lines.len());
    let end = lines.iter().rposition(|line| !blank(line)).map_or(start, |last| last + 1);
    let mut body = lines[start..end].join("\n");
    if !body.is_empty() {
        body.push('\n');
    }
    body
}

/// The quoted original as text lines, `> ` in front, for the editor file and the screen.
pub fn quote_lines(body: &Body) -> Vec<String> {
    let text = crate::render::body_text(body, 76);
    text.lines().map(|line| format!("> {}", crate::sanitize::line(line))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote() -> Vec<String> {
        ["> From: Ann", "> ", "> Shall we meet on Friday?", "> Or Monday?"].map(str::to_owned).to_vec()
    }

    fn file(above: &str, below: &str) -> String {
        format!("{above}\n{QUOTE_MARKER}\n{below}")
    }

    #[test]
    fn an_untouched_quote_stays_the_services_and_the_text_above_is_the_body() {
        let written = file("Friday suits me.\n", &format!("{}\n", quote().join("\n")));
        assert_eq!(split_quote(&written, &quote()), ("Friday suits me.\n".to_owned(), true));
        // An editor that strips trailing blanks and the last newline changed nothing.
        let stripped = file("Friday suits me.\n\n\n", "> From: Ann\n>\n> Shall we meet on Friday?\n> Or Monday?\n\n");
        assert_eq!(split_quote(&stripped, &quote()), ("Friday suits me.\n".to_owned(), true));
        assert_eq!(split_quote("just text\n\n", &[]), ("just text\n".to_owned(), true), "no quote, no marker");
    }

    #[test]
    fn a_bottom_post_keeps_every_line_quote_included_without_the_marker() {
        let written = file("", &format!("{}\n\nFriday, then.\nBring the slides.\n", quote().join("\n")));
        let (body, kept) = split_quote(&written, &quote());
        assert!(!kept);
        assert_eq!(body, format!("{}\n\nFriday, then.\nBring the slides.\n", quote().join("\n")));
    }

    #[test]
    fn answers_between_quoted_lines_and_a_trimmed_quote_are_sent_as_left() {
        let interleaved = file("Hi Ann,\n", "> Shall we meet on Friday?\nYes.\n> Or Monday?\nNo.\n");
        let (body, kept) = split_quote(&interleaved, &quote());
        assert!(!kept);
        assert_eq!(body, "Hi Ann,\n\n> Shall we meet on Friday?\nYes.\n> Or Monday?\nNo.\n");
        assert!(!body.contains("From: Ann"), "the lines cut from the quote stay cut");
        // A changed quoted line counts too.
        let changed = file("", "> From: Ann\n> \n> Shall we meet on Saturday?\n> Or Monday?\n");
        assert!(!split_quote(&changed, &quote()).1);
    }

    #[test]
    fn without_the_marker_the_whole_text_is_the_body() {
        let written = format!("Above\n{}\nBelow\n", quote().join("\n"));
        assert_eq!(split_quote(&written, &quote()), (written.clone(), false));
        // A marker left in a text that had no quote (an earlier file pasted back) goes alone.
        let pasted = file("Above\n", "> old\n");
        assert_eq!(split_quote(&pasted, &[]), ("Above\n\n> old\n".to_owned(), false));
    }
}
