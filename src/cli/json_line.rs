//! JSON lines for scripts: serde_json's encoding, plus `\uXXXX` for code points that are legal
//! raw in JSON but unsafe to pass on raw (C1 controls, DEL, bidi overrides and isolates, the
//! Unicode line and paragraph separators). The line parses to exactly the same strings.
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

/// Writes `value` as one JSON object and a newline.
pub fn write<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, SafeFormatter);
    value.serialize(&mut serializer)?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}

/// Raw in valid JSON, but a terminal acts on C1 controls (U+009B is CSI), bidi controls
/// reorder what is shown, and readers that split on Unicode line breaks (U+0085 NEL, U+2028,
/// U+2029) would cut the line. serde_json already escapes C0 controls, `"` and `\`.
fn must_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// serde_json's compact output, with `must_escape` code points written as `\uXXXX`. Keys and
/// values both pass through `write_string_fragment` (the text between serde_json's own escapes).
struct SafeFormatter;

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices().filter(|&(_, c)| must_escape(c)) {
            writer.write_all(&fragment.as_bytes()[start..at])?;
            // Every such code point is in the Basic Multilingual Plane: one \u escape each.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            start = at + c.len_utf8();
        }
        CompactFormatter.write_string_fragment(writer, &fragment[start..])
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// Every code point the issue names, and DEL.
    fn hostile() -> Vec<char> {
        let ranges = [0x7f..=0x9f, 0x202a..=0x202e, 0x2066..=0x2069, 0x2028..=0x2029];
        ranges.into_iter().flatten().map(|c| char::from_u32(c).unwrap()).collect()
    }

    fn is_hostile(c: char) -> bool {
        matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    }

    fn line_of(value: &Value) -> String {
        let mut out = Vec::new();
        write(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The line holds no hostile code point raw, is one line, and parses back to `value`.
    fn assert_safe(value: &Value) {
        let line = line_of(value);
        assert!(!line.chars().any(is_hostile), "raw hostile code point in {line:?}");
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1, "{line:?}");
        assert!(line.chars().all(|c| !c.is_control() || c == '\n'), "{line:?}");
        assert_eq!(&serde_json::from_str::<Value>(&line).unwrap(), value, "{line:?}");
    }

    #[test]
    fn every_listed_code_point_is_escaped_in_values_and_keys() {
        for c in hostile() {
            let text = format!("a{c}b\u{e9}{c}{c}\u{1F600}{c}");
            assert_safe(&json!({ "subject": text, (text.clone()): [text.clone(), c.to_string()] }));
            let line = line_of(&json!(c.to_string()));
            assert_eq!(line, format!("\"\\u{:04x}\"\n", c as u32));
        }
    }

    #[test]
    fn csi_nel_and_bidi_in_one_subject() {
        let subject = "Invoice\u{9b}2J \u{85}next \u{202e}fdp.exe\u{202c} \u{2066}x\u{2069}\u{2028}\u{2029}\u{1b}[31m";
        let line = line_of(&json!({ "subject": subject }));
        assert_eq!(
            line,
            "{\"subject\":\"Invoice\\u009b2J \\u0085next \\u202efdp.exe\\u202c \\u2066x\\u2069\\u2028\\u2029\\u001b[31m\"}\n"
        );
    }

    /// Property-style: every Unicode scalar value, in strings of 64, round-trips and none of the
    /// hostile ones is left raw; everything else is written as serde_json writes it.
    #[test]
    fn every_scalar_value_round_trips() {
        let all: Vec<char> = (0..=0x10ffff).filter_map(char::from_u32).collect();
        for chunk in all.chunks(64) {
            let text: String = chunk.iter().collect();
            let value = json!({ "k": text });
            assert_safe(&value);
            if !chunk.iter().copied().any(is_hostile) {
                assert_eq!(line_of(&value), format!("{}\n", serde_json::to_string(&value).unwrap()));
            }
        }
    }
}
