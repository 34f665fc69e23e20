//! `--json` output: every line parses back to the value written, is one line, and holds no
//! raw control character, bidi control or Unicode line break (issue 14, failure 3).
use proptest::prelude::*;
use serde_json::Value;

use super::{config, hostile_text, is_dangerous};
use crate::cli::json_line;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        hostile_text(8).prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((hostile_text(4), inner), 0..4)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn every_json_line_parses_back_and_holds_no_raw_control(value in json_value()) {
        let mut out = Vec::new();
        json_line::write(&mut out, &value).unwrap();
        let line = String::from_utf8(out).unwrap();
        let body = line.strip_suffix('\n').expect("ends with a newline");
        prop_assert!(!body.chars().any(|c| is_dangerous(c) || c == '\n' || c == '\u{85}' || c == '\u{7f}'), "{:?}", body);
        let parsed: Value = serde_json::from_str(body).unwrap();
        prop_assert_eq!(parsed, value);
    }
}
