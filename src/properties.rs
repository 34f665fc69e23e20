//! Property tests (proptest) over every parser and renderer that sees remote or user input
//! (issue 14): what comes from the service (Graph JSON, HTML bodies, attachment names), what the
//! user types or configures (config, keymap, date arguments, filter and search text) and what
//! scripts read (JSON lines). Each property runs thousands of generated cases, sized so the
//! whole suite stays within seconds in a debug build: `cargo test --lib properties`.
mod dates;
mod dto;
mod files;
mod json_lines;
mod odata;
mod settings;
mod text;

use proptest::prelude::*;

/// `cases` cases from a fixed seed (every run tries the same cases: a failure is seen again
/// on the next run, and a pass means the same thing on every machine), and no
/// failure-persistence files next to the sources. `PROPTEST_CASES` still raises the count for
/// a longer hunt.
pub(crate) fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x0365_1414),
        ..ProptestConfig::default()
    }
}

/// Any text, weighted towards what breaks parsers and terminals: controls (C0, DEL, C1),
/// escape sequences, bidi controls, Unicode line breaks, quotes, separators, non-ASCII.
pub(crate) fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        3 => "[a-zA-Z0-9 ._-]{1,6}",
        2 => proptest::sample::select(vec![
            "\u{1b}[31m", "\u{1b}]0;title\u{7}", "\u{9b}2J", "\u{85}", "\u{7f}", "\u{202e}", "\u{2066}",
            "\u{2069}", "\u{2028}", "\u{2029}", "\r\n", "\t", "'", "''", "\"", "\\", "/", "..", ":", "\u{0}",
            "é", "日本", "\u{200b}", "\u{feff}", "<", ">", "&amp;", "%00",
        ])
        .prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

/// Characters no terminal or JSON-lines reader should get raw from remote text.
pub(crate) fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}
