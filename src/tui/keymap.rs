//! The keymap: bindings read from TOML (defaults in assets/keymap.toml, overrides from the
//! user's keymap.toml), each with a description; keys in vim notation turned into crossterm
//! key events. A bad binding is an error that names it.
use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

mod names;

use super::action::{Action, Pane};
use names::action_named;

pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a binding applies: everywhere, or in one pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Mail,
    Calendar,
    Drive,
    Tasks,
    People,
    /// While a message is being written (the built-in editor takes only non-letter keys).
    Compose,
    /// While a task's note is edited in the built-in editor (it takes only non-letter keys).
    Note,
    /// While the settings screen is open.
    Settings,
    /// While the mail reader shows an invitation: its answer keys come before the mail pane's.
    Invitation,
}

impl Context {
    /// The section of a pane's own bindings.
    pub fn of_pane(pane: Pane) -> Option<Context> {
        match pane {
            Pane::Mail => Some(Context::Mail),
            Pane::Calendar => Some(Context::Calendar),
            Pane::Drive => Some(Context::Drive),
            Pane::Tasks => Some(Context::Tasks),
            Pane::People => Some(Context::People),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Mail => "mail",
            Context::Calendar => "calendar",
            Context::Drive => "drive",
            Context::Tasks => "tasks",
            Context::People => "people",
            Context::Compose => "compose",
            Context::Note => "note",
            Context::Settings => "settings",
            Context::Invitation => "invitation",
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("keymap is not valid TOML: {0}")]
    Toml(String),
    #[error("keymap [{context}] binding `{action}`: unknown action")]
    UnknownAction { context: &'static str, action: String },
    #[error("keymap [{context}] binding `{action}`: key `{key}` {reason}")]
    BadKey { context: &'static str, action: String, key: String, reason: String },
    #[error("keymap [{context}] binding `{action}`: no keys")]
    NoKeys { context: &'static str, action: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub action_name: String,
    pub action: Action,
    /// As written in the TOML, for the help overlay and the status bar.
    pub keys: Vec<String>,
    pub description: String,
    chords: Vec<Chord>,
}

/// A key with its modifiers, normalised so `G` matches whether or not Shift is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Chord {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl Chord {
    fn of(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let modifiers = match code {
            KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        Chord { code, modifiers }
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
    lookup: HashMap<(Context, Chord), usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    global: Vec<RawBinding>,
    #[serde(default)]
    mail: Vec<RawBinding>,
    #[serde(default)]
    calendar: Vec<RawBinding>,
    #[serde(default)]
    drive: Vec<RawBinding>,
    #[serde(default)]
    tasks: Vec<RawBinding>,
    #[serde(default)]
    people: Vec<RawBinding>,
    #[serde(default)]
    compose: Vec<RawBinding>,
    #[serde(default)]
    note: Vec<RawBinding>,
    #[serde(default)]
    settings: Vec<RawBinding>,
    #[serde(default)]
    invitation: Vec<RawBinding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    action: String,
    keys: Vec<String>,
    #[serde(default)]
    description: Option<String>,
}

impl Keymap {
    /// The built-in defaults, with `user` (a keymap.toml's text) laid over them.
    pub fn load(user: Option<&str>) -> Result<Keymap, KeymapError> {
        let mut bindings = parse(DEFAULT_KEYMAP)?;
        if let Some(text) = user {
            for over in parse(text)? {
                match bindings.iter_mut().find(|b| b.context == over.context && b.action == over.action) {
                    Some(existing) => {
                        existing.keys = over.keys;
                        existing.chords = over.chords;
                        if !over.description.is_empty() {
                            existing.description = over.description;
                        }
                    }
                    None => bindings.push(over),
                }
            }
        }
        let mut lookup = HashMap::new();
        for (index, binding) in bindings.iter().enumerate() {
            for chord in &binding.chords {
                // Later bindings (the user's) win over earlier ones for the same key.
                lookup.insert((binding.context, *chord), index);
            }
        }
        Ok(Keymap { bindings, lookup })
    }

    /// The action a key means in `pane`: the pane's own binding first, then the global one.
    pub fn action_for(&self, pane: Pane, key: &KeyEvent) -> Option<Action> {
        let chord = Chord::of(key.code, key.modifiers);
        Context::of_pane(pane)
            .and_then(|context| self.lookup.get(&(context, chord)))
            .or_else(|| self.lookup.get(&(Context::Global, chord)))
            .map(|&index| self.bindings[index].action.clone())
    }

    /// The action a key means in `context` alone.
    pub fn action_in(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        let chord = Chord::of(key.code, key.modifiers);
        self.lookup.get(&(context, chord)).map(|&index| self.bindings[index].action.clone())
    }

    /// The bindings of `context`, in file order.
    pub fn of(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// The first key bound to `action` in `context`.
    pub fn first_key(&self, context: Context, action: &Action) -> Option<&str> {
        self.of(context).find(|b| b.action == *action).and_then(|b| b.keys.first()).map(String::as_str)
    }

    /// The first key bound to `action` in `pane` (its own section first, then the global
    /// one), for status-bar hints.
    pub fn key_in(&self, pane: Pane, action: &Action) -> Option<&str> {
        let first_key = |context: Context| self.first_key(context, action);
        Context::of_pane(pane).and_then(first_key).or_else(|| first_key(Context::Global))
    }
}

/// What the command palette offers: every binding but those that act only inside something
/// open (the compose editor, a note, the contact form, the settings screen) and the palette's own.
pub fn palette_commands(keymap: &Keymap) -> Vec<crate::tui::store::palette::Command> {
    use crate::tui::action::{CalendarAction, PaletteAction, PeopleAction};
    let pane_of = |context: Context| match context {
        Context::Mail | Context::Invitation => Some(Pane::Mail),
        Context::Calendar => Some(Pane::Calendar),
        Context::Drive => Some(Pane::Drive),
        Context::Tasks => Some(Pane::Tasks),
        Context::People => Some(Pane::People),
        Context::Global | Context::Compose | Context::Note | Context::Settings => None,
    };
    keymap
        .bindings
        .iter()
        .filter(|b| !matches!(b.context, Context::Compose | Context::Note | Context::Settings))
        .filter(|b| {
            !matches!(
                b.action,
                Action::Palette(PaletteAction::Open)
                    | Action::People(PeopleAction::FormSave | PeopleAction::FormCancel)
                    | Action::Calendar(CalendarAction::FormSave | CalendarAction::FormCancel)
            )
        })
        .map(|b| crate::tui::store::palette::Command {
            section: b.context.name(),
            pane: pane_of(b.context),
            keys: b.keys.join(" "),
            description: b.description.clone(),
            action: b.action.clone(),
        })
        .collect()
}

fn parse(text: &str) -> Result<Vec<Binding>, KeymapError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| KeymapError::Toml(e.to_string()))?;
    let sections = [
        (Context::Global, raw.global),
        (Context::Mail, raw.mail),
        (Context::Calendar, raw.calendar),
        (Context::Drive, raw.drive),
        (Context::Tasks, raw.tasks),
        (Context::People, raw.people),
        (Context::Compose, raw.compose),
        (Context::Note, raw.note),
        (Context::Settings, raw.settings),
        (Context::Invitation, raw.invitation),
    ];
    let mut out = Vec::new();
    for (context, bindings) in sections {
        for raw in bindings {
            out.push(binding(context, raw)?);
        }
    }
    Ok(out)
}

fn binding(context: Context, raw: RawBinding) -> Result<Binding, KeymapError> {
    let action = action_named(context, &raw.action)
        .ok_or_else(|| KeymapError::UnknownAction { context: context.name(), action: raw.action.clone() })?;
    if raw.keys.is_empty() {
        return Err(KeymapError::NoKeys { context: context.name(), action: raw.action });
    }
    let chords = raw
        .keys
        .iter()
        .map(|key| {
            parse_key(key).map_err(|reason| KeymapError::BadKey {
                context: context.name(),
                action: raw.action.clone(),
                key: key.clone(),
                reason,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Binding {
        context,
        action,
        description: raw.description.unwrap_or_default(),
        action_name: raw.action,
        keys: raw.keys,
        chords,
    })
}

/// `j`, `G`, `?`, or `<Name>` / `<C-x>` / `<A-x>` / `<S-Tab>`.
fn parse_key(text: &str) -> Result<Chord, String> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(Chord::of(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let inner = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .ok_or_else(|| "is neither one character nor <Name>".to_owned())?;
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = inner;
    while rest.len() > 2 && rest.as_bytes()[1] == b'-' {
        modifiers |= match &rest[..1] {
            "C" | "c" => KeyModifiers::CONTROL,
            "A" | "a" | "M" | "m" => KeyModifiers::ALT,
            "S" | "s" => KeyModifiers::SHIFT,
            other => return Err(format!("has an unknown modifier `{other}-` (use C-, A- or S-)")),
        };
        rest = &rest[2..];
    }
    let code = named_key(rest).ok_or_else(|| format!("names no key `{rest}`"))?;
    if code == KeyCode::Tab && modifiers.contains(KeyModifiers::SHIFT) {
        return Ok(Chord::of(KeyCode::BackTab, modifiers - KeyModifiers::SHIFT));
    }
    Ok(Chord::of(code, modifiers))
}

fn named_key(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    Some(match name.to_ascii_lowercase().as_str() {
        "enter" | "cr" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" | "bs" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "lt" => KeyCode::Char('<'),
        f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_parse_and_resolve_vim_and_arrow_keys() {
        let keymap = Keymap::load(None).unwrap();
        let mail = |code, m| keymap.action_for(Pane::Mail, &key(code, m));
        assert_eq!(mail(KeyCode::Char('j'), KeyModifiers::NONE), Some(Action::Down));
        assert_eq!(mail(KeyCode::Down, KeyModifiers::NONE), Some(Action::Down));
        assert_eq!(mail(KeyCode::Char('G'), KeyModifiers::SHIFT), Some(Action::Bottom));
        assert_eq!(mail(KeyCode::Char('d'), KeyModifiers::CONTROL), Some(Action::PageDown));
        assert_eq!(mail(KeyCode::BackTab, KeyModifiers::SHIFT), Some(Action::FocusPrev));
        assert_eq!(mail(KeyCode::Char('2'), KeyModifiers::NONE), Some(Action::ShowPane(Pane::Calendar)));
        assert_eq!(mail(KeyCode::Char('x'), KeyModifiers::NONE), None);
        // Mail's `v` does not leak into other panes; global keys work there.
        assert_eq!(keymap.action_for(Pane::Tasks, &key(KeyCode::Char('v'), KeyModifiers::NONE)), None);
        assert_eq!(keymap.action_for(Pane::Drive, &key(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Quit));
        assert!(keymap.bindings.iter().all(|b| !b.description.is_empty()), "every default is described");
    }

    #[test]
    fn user_bindings_replace_the_defaults_of_their_action() {
        let user = "[[mail]]\naction = \"down\"\nkeys = [\"n\"]\n";
        let keymap = Keymap::load(Some(user)).unwrap();
        assert_eq!(keymap.action_for(Pane::Mail, &key(KeyCode::Char('n'), KeyModifiers::NONE)), Some(Action::Down));
        assert_eq!(keymap.action_for(Pane::Mail, &key(KeyCode::Char('j'), KeyModifiers::NONE)), None);
        let down = keymap.of(Context::Mail).find(|b| b.action == Action::Down).unwrap();
        assert_eq!(down.description, "Next row (scroll down in the reader)", "description kept");
    }

    #[test]
    fn bad_bindings_are_named_in_the_error() {
        let err = Keymap::load(Some("[[mail]]\naction = \"down\"\nkeys = [\"<Dwn>\"]\n")).unwrap_err();
        assert_eq!(err.to_string(), "keymap [mail] binding `down`: key `<Dwn>` names no key `Dwn`");
        let err = Keymap::load(Some("[[global]]\naction = \"explode\"\nkeys = [\"x\"]\n")).unwrap_err();
        assert_eq!(err.to_string(), "keymap [global] binding `explode`: unknown action");
        let err = Keymap::load(Some("[[global]]\naction = \"quit\"\nkeys = [\"<X-q>\"]\n")).unwrap_err();
        assert!(err.to_string().contains("unknown modifier `X-`"), "{err}");
        assert!(matches!(
            Keymap::load(Some("[[mail]]\naction = \"up\"\nkeys = []\n")),
            Err(KeymapError::NoKeys { .. })
        ));
    }
}
