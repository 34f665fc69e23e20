//! What the owner's OneDrive holds: the folder tree, and file names and sizes by kind.
use super::super::rng::Rng;
use super::super::text::fill;
use super::super::words::PROJECTS;

/// A folder: path below the root, special-folder name, how many ordinary files it gets, and
/// which kinds they are.
pub struct FolderPlan {
    pub path: String,
    pub special: Option<&'static str>,
    pub files: usize,
    pub kinds: &'static [&'static str],
    /// Year the contents date from (Archive/YYYY), if fixed.
    pub year: Option<i32>,
}

const OFFICE: &[&str] = &["docx", "docx", "xlsx", "pptx", "pdf", "md", "txt", "csv"];

pub fn folders(anchor_year: i32) -> Vec<FolderPlan> {
    let plan =
        |path: &str, special, files, kinds| FolderPlan { path: path.to_owned(), special, files, kinds, year: None };
    let mut out = vec![
        plan("Documents", Some("documents"), 12, OFFICE),
        plan("Documents/Projects", None, 3, OFFICE),
        plan("Documents/Finance", None, 18, &["xlsx", "xlsx", "pdf", "csv"]),
        plan("Documents/Finance/Receipts", None, 25, &["pdf", "jpg", "png"]),
        plan("Documents/HR", None, 8, &["docx", "pdf"]),
        plan("Documents/Presentations", None, 12, &["pptx", "pptx", "pdf"]),
        plan("Pictures", Some("photos"), 4, &["jpg", "png"]),
        plan("Pictures/Vacation 2024", None, 20, &["jpg"]),
        plan("Pictures/Screenshots", None, 18, &["png"]),
        plan("Music", Some("music"), 8, &["mp3"]),
        plan("Shared", None, 10, OFFICE),
        plan("Archive", None, 2, &["zip"]),
        plan("Desktop", None, 6, &["txt", "md", "png", "docx"]),
    ];
    for p in PROJECTS.iter().take(6) {
        out.push(plan(&format!("Documents/Projects/{p}"), None, 14, OFFICE));
        out.push(plan(&format!("Documents/Projects/{p}/Specs"), None, 5, &["docx", "md", "pdf"]));
    }
    for year in 2019..=anchor_year.max(2025) {
        out.push(FolderPlan {
            path: format!("Archive/{year}"),
            special: None,
            files: 10,
            kinds: &["docx", "xlsx", "pdf", "zip", "jpg"],
            year: Some(year),
        });
    }
    out
}

/// A file name of `kind` (the extension) about a project.
pub fn file_name(rng: &mut Rng, kind: &str, project: &str) -> String {
    let n = rng.range(1, 999) as u64;
    let stem = match kind {
        "docx" => {
            rng.pick(&["{p} Proposal", "Meeting notes {n}", "{p} Requirements", "Contract draft v{n}", "Offer letter"])
        }
        "xlsx" => rng.pick(&["Budget Q{n}", "{p} Forecast", "Headcount plan", "Expenses {n}", "KPI tracker"]),
        "pptx" => rng.pick(&["{p} Kickoff", "All hands {n}", "{p} Roadmap", "Customer pitch"]),
        "pdf" => rng.pick(&["Invoice {n}", "{p} Whitepaper", "Signed NDA", "Receipt {n}", "Policy handbook"]),
        "jpg" => rng.pick(&["IMG_{n}", "DSC0{n}", "Team photo {n}", "Whiteboard {n}"]),
        "png" => rng.pick(&["Screenshot {n}", "{p} diagram", "Logo v{n}", "Mockup {n}"]),
        "md" => rng.pick(&["README", "{p} notes", "Decisions log", "Retro {n}"]),
        "txt" => rng.pick(&["todo", "{p} ideas", "phone numbers", "notes {n}"]),
        "csv" => rng.pick(&["export {n}", "{p} metrics", "contacts {n}"]),
        "zip" => rng.pick(&["{p} assets", "Backup {n}", "Photos {n}"]),
        "mp3" => rng.pick(&["Track {n}", "Podcast episode {n}", "Voice memo {n}"]),
        _ => "file {n}",
    };
    format!("{}.{kind}", fill(stem, project, n, "Monday"))
}

/// A plausible size in bytes for a file of `kind`.
pub fn file_size(rng: &mut Rng, kind: &str) -> u64 {
    let (lo, hi) = match kind {
        "docx" => (12_000, 120_000),
        "xlsx" => (8_000, 250_000),
        "pptx" => (80_000, 600_000),
        "pdf" => (20_000, 400_000),
        "jpg" => (100_000, 600_000),
        "png" => (5_000, 150_000),
        "zip" => (100_000, 800_000),
        "mp3" => (300_000, 900_000),
        _ => (1_000, 20_000),
    };
    rng.range(lo, hi) as u64
}

/// Large files, so downloads and uploads have something to chew on: (folder, name, size).
pub const LARGE_FILES: &[(&str, &str, u64)] = &[
    ("Documents/Presentations", "Product launch deck.pptx", 12 * 1024 * 1024 + 4321),
    ("Archive/2024", "Dataset export.zip", 24 * 1024 * 1024 + 77),
    ("Pictures/Vacation 2024", "Panorama (full size).jpg", 6 * 1024 * 1024 + 555),
    ("Documents/Projects/Alpha", "Alpha build artefacts.zip", 2 * 1024 * 1024 + 1000),
    ("Music", "Conference keynote recording.mp3", 38 * 1024 * 1024 + 12),
];

/// Files the client's sanitiser must cope with: a control character and escape sequence in
/// one name, right-to-left and wide characters and an emoji in others. (folder, name)
pub const AWKWARD_NAMES: &[(&str, &str)] = &[
    ("Documents", "bell\u{7}and\u{1b}[31mred.txt"),
    ("Documents", "Präsentation – 日本語 資料 📊.pptx"),
    ("Shared", "تقرير الربع الثالث.docx"),
    ("Shared", "סיכום פגישה.md"),
];
