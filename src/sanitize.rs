//! Makes remote text safe for a terminal: no control characters, escape sequences or bidi
//! overrides from a subject, a name or a body ever reach the screen raw (ecosystem-notes C.1).
use std::borrow::Cow;

/// Text for one line of display: escape sequences removed, other controls (tabs and newlines
/// included) turned into spaces, bidi override and isolate characters dropped.
pub fn line(text: &str) -> Cow<'_, str> {
    clean(text, Keep { newlines: false, tabs: false })
}

/// Text for a multi-line display: like `line`, but newlines stay (CR LF becomes LF) and tabs
/// become spaces.
pub fn block(text: &str) -> Cow<'_, str> {
    clean(text, Keep { newlines: true, tabs: false })
}

/// Remote text put into a file the user edits (`$EDITOR`): like `block`, but tabs stay.
pub fn editable(text: &str) -> Cow<'_, str> {
    clean(text, Keep { newlines: true, tabs: true })
}

/// Which controls survive as themselves.
#[derive(Clone, Copy)]
struct Keep {
    newlines: bool,
    tabs: bool,
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The Unicode line and paragraph separators: not controls, but readers that split on Unicode
/// line breaks (and some terminals) start a new line at them.
fn is_unicode_line_break(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// A character the cleaner removes or replaces: a control (C0, DEL, C1), a bidi override or
/// isolate, or a Unicode line or paragraph separator.
pub fn needs_cleaning(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_unicode_line_break(c)
}

fn clean(text: &str, keep: Keep) -> Cow<'_, str> {
    let kept = |c: char| (c == '\n' && keep.newlines) || (c == '\t' && keep.tabs);
    if !text.chars().any(|c| needs_cleaning(c) && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI/OSC/DCS/APC/PM/SOS introduce sequences just like ESC [ and ESC ].
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9f}' | '\u{9e}' | '\u{98}' => skip_string(&mut chars),
            '\n' | '\t' if kept(c) => out.push(c),
            c if is_unicode_line_break(c) => out.push(if keep.newlines { '\n' } else { ' ' }),
            '\r' if keep.newlines && chars.peek() == Some(&'\n') => {}
            '\t' | '\n' | '\r' => out.push(' '),
            c if needs_cleaning(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: a CSI (`[`), a string sequence (`]`, `P`, `X`, `^`, `_`) or a two-character escape.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // ESC followed by intermediates then a final byte (e.g. ESC ( B).
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(&n) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&n) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// CSI parameters and intermediates up to the final byte (0x40–0x7E).
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS-style strings end with BEL, ST (ESC \) or C1 ST.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(line("Héllo 日本語 مرحبا 👋"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_vanish_whole() {
        assert_eq!(line("A\x1b]0;pwned\x07B\x1b[31mC\u{9b}2JD\x1b[2JE"), "ABCDE");
        assert_eq!(line("x\x1bP1;2|payload\x1b\\y"), "xy");
        assert_eq!(line("x\x1b]52;c;Y2xpcA==\x1b\\y"), "xy", "OSC 52 clipboard write");
        assert_eq!(line("a\x1b(Bb"), "ab");
        assert_eq!(line("unterminated\x1b]0;title"), "unterminated");
    }

    #[test]
    fn controls_and_bidi_overrides_are_removed() {
        assert_eq!(line("tab\there\r\nnext\x07\x00"), "tab here  next");
        assert_eq!(line("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(block("one\r\ntwo\n\tthree\x1b[1m"), "one\ntwo\n three");
        assert_eq!(editable("one\r\n\ttwo\u{9b}1m\x07\u{2066}"), "one\n\ttwo");
        assert!(matches!(editable("a\tb\nc"), Cow::Borrowed(_)));
    }

    #[test]
    fn unicode_line_and_paragraph_separators_break_lines_only_where_lines_may_break() {
        assert_eq!(line("one\u{2028}two\u{2029}three"), "one two three");
        assert_eq!(block("one\u{2028}two\u{2029}three"), "one\ntwo\nthree");
        assert_eq!(editable("a\u{2029}b"), "a\nb");
    }
}
