//! Small, readable file contents shared by mail attachments and the drive: a valid PNG, a PDF
//! that opens, CSV, plain text and Markdown, plus the MIME type for a file name.
use std::fmt::Write;

use super::rng::Rng;
use super::text::{LIST_ITEMS, SENTENCES, WEEKDAYS, fill};

/// A valid 2×2 RGB PNG (Contoso blue), small enough to inline.
pub const TINY_PNG: [u8; 72] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00, 0x0f, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0xa8, 0xb8, 0x02, 0x42, 0x10, 0x0a, 0x00, 0x21, 0x0e, 0x05, 0x31, 0xc8,
    0x49, 0x68, 0xe8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A one-page PDF showing `title` (a real, minimal document: header, objects, trailer).
pub fn pdf(title: &str) -> Vec<u8> {
    let safe: String = title.chars().filter(|c| c.is_ascii() && !"()\\".contains(*c)).collect();
    let stream = format!("BT /F1 18 Tf 72 720 Td ({safe}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{body}\nendobj\n", i + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(out, "{o:010} 00000 n ");
    }
    let _ = write!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    out.into_bytes()
}

pub fn csv(rng: &mut Rng, rows: usize) -> Vec<u8> {
    let mut out = String::from("Date,Item,Category,Amount (USD)\n");
    let items = ["Taxi", "Hotel", "Lunch with client", "Train ticket", "Conference pass", "Software licence"];
    let categories = ["Travel", "Meals", "Training", "IT"];
    for _ in 0..rows {
        let _ = writeln!(
            out,
            "2025-{:02}-{:02},{},{},{}.{:02}",
            rng.range(1, 13),
            rng.range(1, 29),
            rng.pick(&items),
            rng.pick(&categories),
            rng.range(8, 900),
            rng.below(100)
        );
    }
    out.into_bytes()
}

pub fn notes(rng: &mut Rng, project: &str) -> Vec<u8> {
    let mut out = format!("Notes: {project}\n\n");
    for _ in 0..rng.range(3, 8) {
        out.push_str(&fill(rng.pick(SENTENCES), project, rng.range(2, 60) as u64, rng.pick(WEEKDAYS)));
        out.push('\n');
    }
    out.into_bytes()
}

pub fn markdown(rng: &mut Rng, project: &str) -> Vec<u8> {
    let mut out = format!("# {project}\n\n## Summary\n\n");
    out.push_str(&fill(rng.pick(SENTENCES), project, rng.range(2, 60) as u64, rng.pick(WEEKDAYS)));
    out.push_str("\n\n## To do\n\n");
    for _ in 0..rng.range(2, 6) {
        let done = if rng.chance(0.4) { "x" } else { " " };
        let _ = writeln!(out, "- [{done}] {}", fill(rng.pick(LIST_ITEMS), project, 3, rng.pick(WEEKDAYS)));
    }
    out.push_str("\n| Owner | Status |\n|---|---|\n| Lynne | on track |\n| Grady | blocked |\n");
    out.into_bytes()
}

/// The MIME type Graph reports for a file, from its extension.
pub fn mime_for(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" => "text/plain",
        "md" => "text/markdown",
        "csv" => "text/csv",
        "zip" => "application/x-zip-compressed",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_has_header_xref_and_trailer() {
        let text = String::from_utf8(pdf("Q3 (draft) report")).unwrap();
        assert!(text.starts_with("%PDF-1.4\n"));
        assert!(text.ends_with("%%EOF\n"));
        let xref: usize = text.split("startxref\n").nth(1).unwrap().lines().next().unwrap().parse().unwrap();
        assert!(text[xref..].starts_with("xref\n"));
    }

    #[test]
    fn png_signature_and_mime() {
        assert_eq!(&TINY_PNG[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(mime_for("a/B.XLSX"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assert_eq!(mime_for("noext"), "application/octet-stream");
    }
}
