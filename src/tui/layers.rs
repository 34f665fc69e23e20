//! The TUI's layer rules, checked on the source: the core (action, effect, msg, store, update,
//! view, layout) imports neither the worker, nor Graph's wire types, nor the command line
//! (README, "Layout"). One crate cannot have the compiler keep these apart; this test does.
use std::path::{Path, PathBuf};

const CORE: [&str; 7] = ["action", "effect", "msg", "store", "update", "view", "layout"];
const FORBIDDEN: [&str; 3] = ["worker::", "o365_graph::dto", "crate::cli"];

/// `layer.rs` and every file under `layer/`.
fn files_of(tui: &Path, layer: &str) -> Vec<PathBuf> {
    let mut found = vec![tui.join(format!("{layer}.rs"))];
    let mut dirs = vec![tui.join(layer)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn the_core_imports_neither_the_worker_nor_graphs_wire_types_nor_the_cli() {
    let tui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut checked = 0;
    for layer in CORE {
        for file in files_of(&tui, layer) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (number, line) in text.lines().enumerate() {
                if let Some(name) = FORBIDDEN.iter().find(|name| line.contains(*name)) {
                    panic!("{}:{}: the TUI core names `{name}`: {line}", file.display(), number + 1);
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} files found under {}", tui.display());
}
