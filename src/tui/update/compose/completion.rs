//! The built-in editor's keys and address completion: keys go to the focused field (Enter in
//! a one-line field moves on), and while an address is typed in To, Cc or Bcc the contacts and
//! people whose name or address start with it are offered; the arrow keys move through them
//! and Enter or Tab takes the chosen one (the first until an arrow moves).
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::tui::store::compose::{BODY, BuiltIn, Candidate};

/// How many suggestions show at once.
pub const SHOWN: usize = 5;

/// A key for the focused field.
pub fn key(editor: &mut BuiltIn, key: KeyEvent, candidates: &[Candidate]) {
    let offered = editor.suggestions.len();
    match key.code {
        KeyCode::Down if offered > 0 => {
            editor.chosen = (editor.chosen + 1) % offered;
            return;
        }
        KeyCode::Up if offered > 0 => {
            editor.chosen = (editor.chosen + offered - 1) % offered;
            return;
        }
        KeyCode::Enter if editor.focus < BODY => {
            next_field(editor);
            return;
        }
        _ => {}
    }
    editor.areas[editor.focus].input(key);
    editor.suggestions = if editor.focus < 3 { suggest(current_word(editor), candidates) } else { Vec::new() };
    editor.chosen = 0;
}

/// Tab (Enter in a one-line field): take the chosen suggestion when there is one, else go to
/// the next field.
pub fn next_field(editor: &mut BuiltIn) {
    let chosen = editor.suggestions.get(editor.chosen).or(editor.suggestions.first()).cloned();
    editor.chosen = 0;
    if let Some(chosen) = chosen {
        let area = &mut editor.areas[editor.focus];
        let line = area.lines().join(" ");
        let kept = match line.rfind([',', ';']) {
            Some(at) => format!("{}, ", line[..at].trim_end()),
            None => String::new(),
        };
        let text = format!("{kept}{}, ", chosen.entry());
        *area = ratatui_textarea::TextArea::new(vec![text]);
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.move_cursor(ratatui_textarea::CursorMove::End);
        editor.suggestions.clear();
        return;
    }
    editor.suggestions.clear();
    editor.focus = (editor.focus + 1) % (BODY + 1);
}

/// The address being typed: what follows the last comma or semicolon.
fn current_word(editor: &BuiltIn) -> String {
    let line = editor.areas[editor.focus].lines().join(" ");
    let word = line.rsplit([',', ';']).next().unwrap_or("");
    word.trim().to_owned()
}

/// Candidates whose address or a word of whose name starts with `typed` (any case).
pub fn suggest(typed: String, candidates: &[Candidate]) -> Vec<Candidate> {
    if typed.is_empty() {
        return Vec::new();
    }
    let typed = typed.to_lowercase();
    candidates
        .iter()
        .filter(|c| {
            c.address.to_lowercase().starts_with(&typed)
                || c.name.to_lowercase().starts_with(&typed)
                || c.name.split_whitespace().any(|w| w.to_lowercase().starts_with(&typed))
        })
        .take(SHOWN)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::store::compose::header::Fields;
    use crate::tui::store::compose::merge_candidates as merge;
    use ratatui::crossterm::event::KeyModifiers;

    fn people() -> Vec<Candidate> {
        merge([
            Candidate { name: "Alex Wilber".into(), address: "alexw@contoso.example".into() },
            Candidate { name: "Adele Vance".into(), address: "adelev@contoso.example".into() },
            Candidate { name: "Ben Walters".into(), address: "ben@fabrikam.example".into() },
            Candidate { name: "Alex W. (dup)".into(), address: "ALEXW@contoso.example".into() },
        ])
    }

    fn type_text(editor: &mut BuiltIn, text: &str, candidates: &[Candidate]) {
        for c in text.chars() {
            key(editor, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), candidates);
        }
    }

    #[test]
    fn prefixes_of_names_and_addresses_are_offered_and_tab_takes_the_first() {
        let candidates = people();
        assert_eq!(candidates.len(), 3, "one entry per address");
        let mut editor = BuiltIn::new(&Fields::default());
        assert_eq!(editor.focus, 0, "an empty message starts in To");
        type_text(&mut editor, "ad", &candidates);
        assert_eq!(
            editor.suggestions.iter().map(|c| c.address.as_str()).collect::<Vec<_>>(),
            ["adelev@contoso.example"]
        );
        next_field(&mut editor);
        assert_eq!(editor.fields().to, "Adele Vance <adelev@contoso.example>, ");
        type_text(&mut editor, "walt", &candidates);
        assert_eq!(editor.suggestions[0].address, "ben@fabrikam.example", "a later word of the name");
        next_field(&mut editor);
        assert_eq!(editor.fields().to, "Adele Vance <adelev@contoso.example>, Ben Walters <ben@fabrikam.example>, ");
        assert_eq!(editor.focus, 0);
        next_field(&mut editor);
        assert_eq!(editor.focus, 1, "no suggestion: Tab moves on");
        type_text(&mut editor, "zz", &candidates);
        assert!(editor.suggestions.is_empty());
        key(&mut editor, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), &candidates);
        assert_eq!(editor.focus, 2, "Enter leaves a one-line field");
    }

    #[test]
    fn arrows_move_through_the_suggestions_and_enter_or_tab_takes_the_chosen_one() {
        let candidates = people();
        let mut editor = BuiltIn::new(&Fields::default());
        type_text(&mut editor, "a", &candidates);
        assert_eq!(editor.suggestions.len(), 2, "{:?}", editor.suggestions);
        let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
        key(&mut editor, down, &candidates);
        key(&mut editor, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), &candidates);
        assert_eq!(editor.fields().to, "Adele Vance <adelev@contoso.example>, ", "Enter took the second");
        assert_eq!(editor.focus, 0, "and stayed in To for the next address");
        type_text(&mut editor, "a", &candidates);
        key(&mut editor, down, &candidates);
        key(&mut editor, down, &candidates);
        assert_eq!(editor.chosen, 0, "past the last it comes round to the first");
        key(&mut editor, KeyEvent::new(KeyCode::Up, KeyModifiers::NONE), &candidates);
        next_field(&mut editor);
        assert!(editor.fields().to.ends_with("Adele Vance <adelev@contoso.example>, "), "Tab took the chosen");
        assert_eq!(editor.fields().to.matches("adelev").count(), 2);
    }

    #[test]
    fn the_body_takes_enter_as_a_new_line() {
        let fresh = BuiltIn::new(&Fields { to: "a@b.example".into(), ..Fields::default() });
        assert_eq!(fresh.focus, 3, "with recipients and no subject it starts in the subject");
        let mut editor =
            BuiltIn::new(&Fields { to: "a@b.example".into(), subject: "RE: hi".into(), ..Fields::default() });
        assert_eq!(editor.focus, BODY, "with recipients and a subject (a reply) it starts in the body");
        type_text(&mut editor, "one", &[]);
        key(&mut editor, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), &[]);
        type_text(&mut editor, "two", &[]);
        assert_eq!(editor.fields().body, "one\ntwo\n");
    }
}
