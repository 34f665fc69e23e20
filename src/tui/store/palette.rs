//! The command palette (`:` or Ctrl-P): every action of every section of the keymap, by its
//! description, filtered by what is typed. The list is taken from the keymap when the loop
//! starts (`Store::commands`); the palette holds only the typed text and the selected row.
use super::super::action::{Action, Pane};

/// One action the palette offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The keymap section: "global", "mail", ...
    pub section: &'static str,
    /// The pane the action belongs to (shown first when it runs), `None` for global ones.
    pub pane: Option<Pane>,
    pub keys: String,
    pub description: String,
    pub action: Action,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    pub query: String,
    pub selected: usize,
}

/// The commands whose section, keys or description hold every word of `query` (any case),
/// in keymap order. Actions that only make sense inside something else (the compose editor,
/// the contact form, the palette itself) are left out by the caller building `commands`.
pub fn matching<'a>(commands: &'a [Command], query: &str) -> Vec<&'a Command> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    commands
        .iter()
        .filter(|c| {
            let text = format!("{} {} {}", c.section, c.keys, c.description).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect()
}
