//! Safe local file names from names a sender chose: an attachment called `../../.bashrc`,
//! `/etc/passwd`, `C:\x`, with a NUL, escapes or a right-to-left override, or 10,000 bytes long
//! must still land as one plain file inside the folder the user picked.

/// Longest name produced, in bytes; leaves room for ` (NNNN)` under the usual 255-byte limit.
pub const MAX_NAME_BYTES: usize = 240;
/// Used when nothing of the sender's name survives.
pub const FALLBACK_NAME: &str = "attachment";
/// Extensions longer than this are treated as part of the name when shortening.
const MAX_EXTENSION_BYTES: usize = 24;

/// A single file name (never a path) made from `name`: only its last path component (`/` and
/// `\` both separate), without control, bidirectional-override or Windows-reserved characters
/// (those become `_`), without leading dots (no hidden files, no `.`/`..`), without trailing
/// dots and spaces, not a Windows device name, and at most `MAX_NAME_BYTES` bytes, cut on a
/// character boundary with the extension kept.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).find(|part| !part.trim().is_empty()).unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !is_invisible_control(*c))
        .map(|c| if c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    // Until nothing changes: `.. ._` loses `..`, then a space, and starts with a dot again
    // (found by the property tests, issue 14).
    let mut trimmed = cleaned.as_str();
    loop {
        let next = trimmed.trim().trim_start_matches('.').trim_end_matches(['.', ' ']).trim();
        if next == trimmed {
            break;
        }
        trimmed = next;
    }
    let mut out = if trimmed.is_empty() { FALLBACK_NAME.to_owned() } else { trimmed.to_owned() };
    if is_windows_device(&out) {
        out.insert(0, '_');
    }
    shorten(&out, MAX_NAME_BYTES)
}

/// Characters that change how text is shown without being seen: bidi controls (a name like
/// `invoice\u{202E}fdp.exe` shows as `invoiceexe.pdf`) and zero-width marks.
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `CON`, `NUL`, `COM1`, … (with any extension) open devices on Windows.
fn is_windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim().to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

/// (stem, extension with its dot); a leading dot does not start an extension.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= MAX_EXTENSION_BYTES + 1 => (&name[..i], &name[i..]),
        _ => (name, ""),
    }
}

/// `name` cut to `max` bytes on a character boundary, the extension kept whole.
fn shorten(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let (stem, ext) = split_extension(name);
    let room = max.saturating_sub(ext.len());
    let mut cut = room.min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    let stem = stem[..cut].trim_end_matches(['.', ' ']);
    let stem = if stem.is_empty() { FALLBACK_NAME } else { stem };
    format!("{stem}{ext}")
}

/// The `n`th name to try for a safe name: itself, then `stem (1).ext`, `stem (2).ext`, …
pub fn candidate(safe: &str, n: u32) -> String {
    if n == 0 {
        return safe.to_owned();
    }
    let (stem, ext) = split_extension(safe);
    format!("{stem} ({n}){ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_their_last_component() {
        assert_eq!(safe_file_name("../../.bashrc"), "bashrc");
        assert_eq!(safe_file_name("/etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\Windows\\system32\\evil.dll"), "evil.dll");
        assert_eq!(safe_file_name("C:x"), "C_x");
        assert_eq!(safe_file_name("report/"), "report");
        assert_eq!(safe_file_name("a\\..\\..\\b.txt"), "b.txt");
    }

    #[test]
    fn empty_and_dot_names_get_a_fallback() {
        for name in ["", ".", "..", "...", "/", "../..", "   ", " . ", "\u{202E}"] {
            assert_eq!(safe_file_name(name), FALLBACK_NAME, "{name:?}");
        }
        assert_eq!(safe_file_name("\0"), "_");
    }

    #[test]
    fn controls_and_invisible_characters_are_removed() {
        assert_eq!(safe_file_name("a\0b\x1b[31m.txt"), "a_b_[31m.txt");
        assert_eq!(safe_file_name("new\nline.txt"), "new_line.txt");
        assert_eq!(safe_file_name("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(safe_file_name("what?.txt"), "what_.txt");
        assert_eq!(safe_file_name("trailing. . "), "trailing");
        // Dots and spaces in turn: no hidden file either way round.
        assert_eq!(safe_file_name(".. .\0"), "_");
        assert_eq!(safe_file_name(". .. .x"), "x");
        assert_eq!(safe_file_name("NUL.txt"), "_NUL.txt");
        assert_eq!(safe_file_name("com1"), "_com1");
        assert_eq!(safe_file_name("computer.txt"), "computer.txt");
    }

    #[test]
    fn long_names_are_cut_on_a_char_boundary_keeping_the_extension() {
        let long = format!("{}.pdf", "é".repeat(300));
        let safe = safe_file_name(&long);
        assert!(safe.len() <= MAX_NAME_BYTES, "{}", safe.len());
        assert!(safe.ends_with(".pdf") && safe.starts_with('é'), "{safe}");
        let no_ext = "x".repeat(1000);
        assert_eq!(safe_file_name(&no_ext).len(), MAX_NAME_BYTES);
        let odd = format!("{}.{}", "a".repeat(300), "b".repeat(100));
        assert_eq!(safe_file_name(&odd).len(), MAX_NAME_BYTES);
    }

    #[test]
    fn collisions_are_numbered_before_the_extension() {
        assert_eq!(candidate("report.pdf", 0), "report.pdf");
        assert_eq!(candidate("report.pdf", 1), "report (1).pdf");
        assert_eq!(candidate("archive.tar.gz", 2), "archive.tar (2).gz");
        assert_eq!(candidate("README", 3), "README (3)");
    }
}
