//! Inline images: which files can be one (PNG, JPEG, GIF, by name and by their first bytes),
//! a content id for each that is unique in the message and made of safe characters, and the
//! HTML body that refers to them as `<img src="cid:…">` (graph-facts §3.3: `isInline`,
//! `contentId`). A cid reference only works in HTML, so a plain-text body carrying images is
//! sent as HTML with its text escaped (`body_with_images`).
use crate::mail::respond::{escape_html, text_as_html};

/// The right-hand side of the content ids made here (`logo.png@o365-tui`).
pub const CID_DOMAIN: &str = "o365-tui";

/// The types mail readers show inline.
pub const INLINE_IMAGE_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/gif"];

/// The image type the bytes start with, if they are a PNG, JPEG or GIF.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else {
        None
    }
}

/// Why this file cannot be an inline image, if it cannot: its name must say PNG, JPEG or GIF
/// and its bytes must agree.
pub fn refuse_inline(name: &str, bytes: &[u8]) -> Option<String> {
    let by_name = super::guess_content_type(name);
    if !INLINE_IMAGE_TYPES.contains(&by_name) {
        return Some(format!("{name}: only PNG, JPEG and GIF images can be inline"));
    }
    match sniff_image(bytes) {
        Some(found) if found == by_name => None,
        Some(found) => Some(format!("{name}: the name says {by_name} but the file is {found}")),
        None => Some(format!("{name}: the content is not {by_name}")),
    }
}

/// A content id for `name` that none of `taken` has: the name reduced to letters, digits and
/// `.-_` (runs of anything else become one `_`), then `@o365-tui`; `logo-2.png@…` and so on
/// when taken. Safe in an `src` attribute and in a MIME `Content-ID` (RFC 2392).
pub fn content_id_for(name: &str, taken: &[&str]) -> String {
    let mut safe = String::new();
    for c in name.chars().take(64) {
        let keep = c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        let c = if keep { c } else { '_' };
        // No runs of separators and no empty atoms between dots; a dot wins over a `_`.
        match c {
            '.' if safe.ends_with('_') => {
                safe.pop();
                safe.push('.');
            }
            '.' | '_' if safe.ends_with(['_', '.']) => {}
            c => safe.push(c),
        }
    }
    let safe = safe.trim_matches(['.', '_']);
    let safe = if safe.is_empty() { "image" } else { safe };
    let (stem, ext) = match safe.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext)),
        _ => (safe, None),
    };
    let taken = |id: &str| taken.iter().any(|t| t.eq_ignore_ascii_case(id));
    (1..)
        .map(|n| {
            let stem = if n == 1 { stem.to_owned() } else { format!("{stem}-{n}") };
            match ext {
                Some(ext) => format!("{stem}.{ext}@{CID_DOMAIN}"),
                None => format!("{stem}@{CID_DOMAIN}"),
            }
        })
        .find(|id| !taken(id))
        .unwrap_or_else(|| format!("image@{CID_DOMAIN}"))
}

/// An inline image as the body refers to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageRef<'a> {
    pub content_id: &'a str,
    pub name: &'a str,
}

/// Whether `html` refers to `content_id` as `cid:…` (case is ignored, as in URLs' schemes).
pub fn mentions_cid(html: &str, content_id: &str) -> bool {
    html.to_ascii_lowercase().contains(&format!("cid:{}", content_id.to_ascii_lowercase()))
}

/// The content ids `html` refers to as `cid:…`, each once, in order.
pub fn cid_references(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found: Vec<String> = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("cid:") {
        let start = from + i + 4;
        let end = html[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '>' | '<' | ')'))
            .map_or(html.len(), |j| start + j);
        let id = &html[start..end];
        if !id.is_empty() && !found.iter().any(|f| f.eq_ignore_ascii_case(id)) {
            found.push(id.to_owned());
        }
        from = end.max(start);
    }
    found
}

/// The body as HTML referring to every image: a text body is escaped (its words are not
/// markup) and gets every image after it; an HTML body keeps the references its writer put in
/// (a short `cid:logo.png` is completed to the full id) and gets the others before `</body>`.
pub fn body_with_images(body: &str, html: bool, images: &[ImageRef<'_>]) -> String {
    let mut out = if html { body.to_owned() } else { text_as_html(body) };
    let mut tags = String::new();
    for image in images {
        if html {
            out = complete_short_reference(&out, image.content_id);
            if mentions_cid(&out, image.content_id) {
                continue;
            }
        }
        tags.push_str(&format!(
            "<div><img src=\"cid:{}\" alt=\"{}\"></div>",
            escape_html(image.content_id),
            escape_html(image.name)
        ));
    }
    match out.to_ascii_lowercase().rfind("</body>") {
        Some(at) => out.insert_str(at, &tags),
        None => out.push_str(&tags),
    }
    out
}

/// `cid:logo.png"` (the part before `@`, inside a quoted attribute) becomes the full id.
fn complete_short_reference(html: &str, content_id: &str) -> String {
    let Some((local, _)) = content_id.split_once('@') else { return html.to_owned() };
    let mut out = html.to_owned();
    for quote in ['"', '\''] {
        let short = format!("cid:{local}{quote}");
        let lower = out.to_ascii_lowercase();
        let mut rebuilt = String::with_capacity(out.len());
        let mut from = 0;
        while let Some(i) = lower[from..].find(&short.to_ascii_lowercase()) {
            let at = from + i;
            rebuilt.push_str(&out[from..at]);
            rebuilt.push_str(&format!("cid:{content_id}{quote}"));
            from = at + short.len();
        }
        rebuilt.push_str(&out[from..]);
        out = rebuilt;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn only_png_jpeg_and_gif_whose_bytes_agree() {
        assert_eq!(refuse_inline("logo.png", PNG), None);
        assert_eq!(refuse_inline("photo.JPG", &[0xFF, 0xD8, 0xFF, 0xE0]), None);
        assert_eq!(refuse_inline("anim.gif", b"GIF89a...."), None);
        assert!(refuse_inline("notes.txt", b"hello").unwrap().contains("only PNG, JPEG and GIF"));
        assert!(refuse_inline("fake.png", b"hello").unwrap().contains("content is not image/png"));
        assert!(refuse_inline("wrong.gif", PNG).unwrap().contains("is image/png"));
    }

    #[test]
    fn content_ids_are_safe_and_unique() {
        assert_eq!(content_id_for("logo.png", &[]), "logo.png@o365-tui");
        assert_eq!(content_id_for("logo.png", &["LOGO.png@o365-tui"]), "logo-2.png@o365-tui");
        assert_eq!(content_id_for("logo.png", &["logo.png@o365-tui", "logo-2.png@o365-tui"]), "logo-3.png@o365-tui");
        assert_eq!(content_id_for("my \"pic\" <1>.png", &[]), "my_pic_1.png@o365-tui");
        assert_eq!(content_id_for("..", &[]), "image@o365-tui");
        assert_eq!(content_id_for("été.gif", &[]), "t.gif@o365-tui");
        let id = content_id_for(&"x".repeat(300), &[]);
        assert!(id.len() < 80 && id.chars().all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c)), "{id}");
    }

    #[test]
    fn a_text_body_becomes_escaped_html_with_every_image() {
        let images = [ImageRef { content_id: "a.png@o365-tui", name: "a <b>.png" }];
        let out = body_with_images("Look: cid:a.png@o365-tui <here>\n", false, &images);
        assert_eq!(
            out,
            "<div style=\"white-space: pre-wrap\">Look: cid:a.png@o365-tui &lt;here&gt;</div>\
             <div><img src=\"cid:a.png@o365-tui\" alt=\"a &lt;b&gt;.png\"></div>"
        );
    }

    #[test]
    fn an_html_body_keeps_its_own_references_and_gets_the_rest_before_body_end() {
        let images = [
            ImageRef { content_id: "a.png@o365-tui", name: "a.png" },
            ImageRef { content_id: "b.png@o365-tui", name: "b.png" },
            ImageRef { content_id: "c.gif@o365-tui", name: "c.gif" },
        ];
        let body = "<html><body><p>x <img src=\"CID:a.png@o365-tui\"> <img src='cid:b.png'></p></BODY></html>";
        let out = body_with_images(body, true, &images);
        assert_eq!(
            out,
            "<html><body><p>x <img src=\"CID:a.png@o365-tui\"> <img src='cid:b.png@o365-tui'></p>\
             <div><img src=\"cid:c.gif@o365-tui\" alt=\"c.gif\"></div></BODY></html>"
        );
        assert!(mentions_cid(&out, "c.gif@o365-tui"));
        assert!(!mentions_cid("cid:b.png", "b.png@o365-tui"));
    }

    #[test]
    fn the_content_ids_a_body_refers_to_are_found_once_each() {
        let html = "<img src=\"cid:a.png@x\"><img src='CID:b@y'> <img src=\"cid:A.PNG@x\"> url(cid:c) cid:";
        assert_eq!(cid_references(html), ["a.png@x", "b@y", "c"]);
        assert!(cid_references("<p>no images</p>").is_empty());
    }
}
