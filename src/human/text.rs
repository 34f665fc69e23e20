//! Text for people: cut to a display width, wrapped to one, byte counts in readable units.
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to `width` display columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A byte count for people: `512 B`, `1.4 KB`, `23.0 MB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Greedy word wrap by display width, for plain-text bodies (html2text wraps HTML itself).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut out = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let needed = if line.is_empty() { word.width() } else { line.width() + 1 + word.width() };
            if needed > width && !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            // A word longer than the line is cut where it overflows.
            while line.width() > width {
                let cut = cut_at_width(&line, width);
                let rest = line.split_off(cut);
                out.push(std::mem::replace(&mut line, rest));
            }
        }
        out.push(line);
    }
    out
}

fn cut_at_width(text: &str, width: usize) -> usize {
    let mut used = 0;
    for (index, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            return index.max(c.len_utf8());
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(23 * 1024 * 1024), "23.0 MB");
    }

    #[test]
    fn text_is_cut_by_display_width_with_an_ellipsis() {
        assert_eq!(fit("日本語です", 7), "日本語…");
        assert_eq!(fit("short", 10), "short");
    }
}
