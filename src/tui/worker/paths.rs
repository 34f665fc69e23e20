//! Tab completion of local paths for prompts that ask for a file or folder: lists the folder
//! the typed text points into and completes the last part as a shell would (one match in
//! full, several to their common start, with the choices shown). `~` is the home folder.
use std::path::{Path, PathBuf};

use tokio::sync::mpsc::UnboundedSender;

use crate::tui::msg::Msg;
use crate::tui::store::prompt::{PathMatches, PathQuery};

/// Choices kept for the prompt to show; a folder with more shows this many and a count.
const MAX_CHOICES: usize = 200;

/// Completes on a blocking thread (a slow or network folder never stalls the screen); the
/// answer comes back as `Msg::PathCompleted`.
pub fn run(messages: &UnboundedSender<Msg>, query: PathQuery) {
    let messages = messages.clone();
    tokio::task::spawn_blocking(move || {
        let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
        let _ = messages.send(Msg::PathCompleted(complete(&query, home.as_deref())));
    });
}

/// Completes `query.typed` against the file system, with `home` standing for `~`.
pub fn complete(query: &PathQuery, home: Option<&Path>) -> PathMatches {
    let typed = if query.typed == "~" { "~/" } else { query.typed.as_str() };
    let (folder_part, start) = match typed.rfind('/') {
        Some(slash) => typed.split_at(slash + 1),
        None => ("", typed),
    };
    let folder = if folder_part.is_empty() { PathBuf::from(".") } else { expand_home(folder_part, home) };
    let mut names = matching_names(&folder, start, query.folders_only);
    names.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b)));
    let found = names.len();
    let completed = match names.as_slice() {
        [] => typed.to_owned(),
        [only] => format!("{folder_part}{only}"),
        many => format!("{folder_part}{}", common_start(many)),
    };
    let choices = if found > 1 { names.into_iter().take(MAX_CHOICES).collect() } else { Vec::new() };
    PathMatches { typed: query.typed.clone(), completed, choices, found }
}

/// A path the user typed, with `~` for their home folder; refused when `~` is used and no home
/// folder is known.
pub fn typed_path(typed: &str) -> Result<PathBuf, String> {
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    if home.is_none() && (typed == "~" || typed.starts_with("~/")) {
        return Err("no home folder is known".to_owned());
    }
    Ok(expand_home(typed, home.as_deref()))
}

/// `~` or `~/…` under `home`; anything else as typed.
pub fn expand_home(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with('/') => home.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(typed),
    }
}

/// Names in `folder` that start with `start` (folders end in `/`). Hidden ones only when the
/// start asks for them, as shells do; names that are not UTF-8 cannot be typed and are left out.
fn matching_names(folder: &Path, start: &str, folders_only: bool) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if !name.starts_with(start) || (name.starts_with('.') && !start.starts_with('.')) {
                return None;
            }
            // Follows symbolic links: a link to a folder completes as a folder.
            let is_folder = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
            match (is_folder, folders_only) {
                (true, _) => Some(format!("{name}/")),
                (false, false) => Some(name),
                (false, true) => None,
            }
        })
        .collect()
}

/// The longest start every name shares (at least what was typed: each name starts with it).
fn common_start(names: &[String]) -> &str {
    let mut common = names[0].as_str();
    for name in &names[1..] {
        let shared: usize =
            common.chars().zip(name.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
        common = &common[..shared];
    }
    common
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["Documents", "Downloads", ".config", "Music"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
        }
        for file in ["Documents/report-2026.pdf", "Documents/report-2025.pdf", "notes.txt", "ünïcode.txt"] {
            std::fs::write(dir.path().join(file), b"x").unwrap();
        }
        dir
    }

    fn query(typed: &str) -> PathQuery {
        PathQuery { typed: typed.to_owned(), folders_only: false }
    }

    #[test]
    fn one_match_completes_in_full_and_a_folder_gets_its_slash() {
        let dir = tree();
        let home = Some(dir.path());
        assert_eq!(complete(&query("~/Mu"), home).completed, "~/Music/");
        assert_eq!(complete(&query("~/no"), home).completed, "~/notes.txt");
        assert_eq!(complete(&query("~/ü"), home).completed, "~/ünïcode.txt");
        assert_eq!(complete(&query("~"), home).found, 5, "`~` lists the home folder, hidden ones left out");
    }

    #[test]
    fn several_matches_complete_to_their_common_start_and_are_listed() {
        let dir = tree();
        let home = Some(dir.path());
        let matches = complete(&query("~/Do"), home);
        assert_eq!(matches.completed, "~/Do");
        assert_eq!(matches.choices, ["Documents/", "Downloads/"]);
        let matches = complete(&query("~/Documents/re"), home);
        assert_eq!(matches.completed, "~/Documents/report-202");
        assert_eq!(matches.found, 2);
    }

    #[test]
    fn hidden_names_only_when_asked_for_and_folders_only_when_wanted() {
        let dir = tree();
        let home = Some(dir.path());
        assert_eq!(complete(&query("~/.c"), home).completed, "~/.config/");
        let folders = PathQuery { typed: "~/".to_owned(), folders_only: true };
        assert_eq!(complete(&folders, home).choices, ["Documents/", "Downloads/", "Music/"]);
    }

    #[test]
    fn nothing_matching_or_a_missing_folder_leaves_the_text_alone() {
        let dir = tree();
        let home = Some(dir.path());
        let matches = complete(&query("~/zzz"), home);
        assert_eq!((matches.completed.as_str(), matches.found), ("~/zzz", 0));
        let absolute = format!("{}/Missing/x", dir.path().display());
        assert_eq!(complete(&query(&absolute), home).completed, absolute);
    }

    #[test]
    fn absolute_paths_complete_too() {
        let dir = tree();
        let typed = format!("{}/Documents/report-2026", dir.path().display());
        assert_eq!(complete(&query(&typed), None).completed, format!("{typed}.pdf"));
    }
}
