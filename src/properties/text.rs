//! Remote text on its way to the terminal: the sanitiser and the HTML renderer never let ESC,
//! another C0 or C1 control, a bidi control or a Unicode line break through.
use proptest::prelude::*;

use super::{config, hostile_text, is_dangerous};
use crate::domain::Body;
use crate::{render, sanitize};

/// HTML-ish input: tags, attributes, entities and links mixed with hostile text.
fn html() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => hostile_text(6),
        1 => proptest::sample::select(vec![
            "<p>", "</p>", "<br>", "<b>", "</b>", "<a href=\"http://x/\u{1b}[2J\">", "</a>", "<pre>", "</pre>",
            "<table><tr><td>", "</td></tr></table>", "<ul><li>", "</li></ul>", "<img src=x alt=\"\u{9b}31m\">",
            "&#27;[31m", "&#x9b;", "&#8238;", "&lt;", "<style>x{}</style>", "<h1>", "</h1>",
        ])
        .prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn a_sanitised_line_holds_no_control_and_no_line_break(text in hostile_text(24)) {
        let line = sanitize::line(&text);
        prop_assert!(!line.chars().any(|c| is_dangerous(c) || c == '\n' || c == '\t'), "{:?}", line);
    }

    #[test]
    fn a_sanitised_block_keeps_only_newlines(text in hostile_text(24)) {
        let block = sanitize::block(&text);
        prop_assert!(!block.chars().any(|c| is_dangerous(c) || c == '\t'), "{:?}", block);
        let editable = sanitize::editable(&text);
        prop_assert!(!editable.chars().any(is_dangerous), "{:?}", editable);
    }
}

proptest! {
    // html2text is the slow part: fewer, smaller documents.
    #![proptest_config(config(1000))]

    #[test]
    fn html_bodies_render_without_dangerous_characters(html in html(), width in 0usize..120) {
        let text = render::body_text(&Body::Html(html), width);
        prop_assert!(!text.chars().any(is_dangerous), "{:?}", text);
        prop_assert!(text.ends_with('\n'));
    }

    #[test]
    fn text_bodies_render_without_dangerous_characters(text in hostile_text(24), width in 0usize..120) {
        let shown = render::body_text(&Body::Text(text), width);
        prop_assert!(!shown.chars().any(is_dangerous), "{:?}", shown);
    }
}
