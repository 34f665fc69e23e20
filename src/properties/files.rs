//! Attachment and file names from the service: the safe name is one plain component, so the
//! path it is saved under never leaves the chosen folder, whatever the name was.
use std::path::{Component, Path};

use proptest::prelude::*;

use super::{config, hostile_text};
use o365_graph::mail::filenames::{candidate, safe_file_name};

fn name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => hostile_text(4),
        1 => proptest::sample::select(vec![
            "../", "..\\", "/etc/passwd", "C:\\Windows\\", "CON", "nul.txt", "COM1", ".", "..", "...", " ",
            ".bashrc", "a/", "\u{202e}fdp.exe", "~", "$HOME", "\\\\server\\share\\",
        ])
        .prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(config(4000))]

    #[test]
    fn a_saved_name_never_leaves_the_folder(name in name(), n in 0u32..5) {
        let safe = candidate(&safe_file_name(&name), n);
        let folder = Path::new("/home/me/Downloads");
        let path = folder.join(&safe);
        prop_assert_eq!(path.parent(), Some(folder), "{:?} -> {:?}", name, safe);
        let components: Vec<_> = Path::new(&safe).components().collect();
        prop_assert!(matches!(components.as_slice(), [Component::Normal(_)]), "{:?} -> {:?}", name, safe);
        prop_assert!(!safe.contains(['/', '\\']) && !safe.starts_with('.'), "{:?}", safe);
        prop_assert!(!safe.chars().any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')), "{:?}", safe);
        prop_assert!(!safe.is_empty() && safe.len() <= 255, "{:?}", safe);
    }
}
