//! What the user configures: any config file text (every account key, with numbers far out of
//! range, hostile strings, wrong types) and any keymap text is accepted or refused with a
//! message, never a panic.
use std::path::Path;

use proptest::prelude::*;

use super::{config, hostile_text};
use crate::config::{ACCOUNT_KEYS, Config};
use crate::tui::keymap::Keymap;

/// `text` as a TOML string, so odd characters reach the parsers behind TOML's own.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        Just("18446744073709551615".to_owned()),
        Just("-0".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        hostile_text(6).prop_map(|s| quoted(&s)),
        proptest::sample::select(vec![
            "\"keyring\"",
            "\"file\"",
            "\"device_code\"",
            "\"client_credentials\"",
            "[]",
            "[\"basic\"]",
            "{}",
            "1.5"
        ])
        .prop_map(str::to_owned),
    ]
}

fn config_text() -> impl Strategy<Value = String> {
    let line = (proptest::sample::select(ACCOUNT_KEYS), toml_value()).prop_map(|(k, v)| format!("{k} = {v}\n"));
    (hostile_text(3), proptest::collection::vec(line, 0..8), any::<bool>()).prop_map(|(name, lines, named)| {
        let header = if named { format!("[accounts.{}]\n", quoted(&name)) } else { "[accounts.work]\n".to_owned() };
        format!("{header}{}", lines.concat())
    })
}

fn keymap_text() -> impl Strategy<Value = String> {
    let section = proptest::sample::select(vec!["global", "mail", "calendar", "drive", "tasks", "reader", "nope"]);
    let action = prop_oneof![
        proptest::sample::select(vec!["quit", "help", "pane-mail", "open", "refresh", "up", "down", ""])
            .prop_map(str::to_owned),
        hostile_text(3),
    ];
    let key = prop_oneof![
        proptest::sample::select(vec![
            "q", "<Enter>", "<C-c>", "<Tab>", "<S-Tab>", "<F12>", "<F99>", "<C-", "<>", "ä", "<Esc>", "<Up>", "",
        ])
        .prop_map(str::to_owned),
        hostile_text(3),
    ];
    let binding = (section, action, proptest::collection::vec(key, 0..3), hostile_text(3)).prop_map(
        |(section, action, keys, description)| {
            let keys: Vec<String> = keys.iter().map(|k| quoted(k)).collect();
            format!(
                "[[{section}]]\naction = {}\nkeys = [{}]\ndescription = {}\n",
                quoted(&action),
                keys.join(", "),
                quoted(&description)
            )
        },
    );
    proptest::collection::vec(binding, 0..5).prop_map(|b| b.concat())
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn any_config_is_accepted_or_refused_with_a_message(text in prop_oneof![config_text(), hostile_text(20)]) {
        if let Err(e) = Config::parse(&text, Path::new("config.toml")) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn any_keymap_is_accepted_or_refused_with_a_message(text in prop_oneof![keymap_text(), hostile_text(20)]) {
        if let Err(e) = Keymap::load(Some(&text)) {
            prop_assert!(!e.to_string().is_empty());
        }
    }
}
