//! Terminal events to actions: keys through the keymap (or into the filter while typing one,
//! or into the note being edited), the mouse wheel, resizes. Pure, so it is tested without a
//! terminal.
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use super::action::compose::ComposeAction;
use super::action::{Action, CalendarAction, Pane, PeopleAction};
use super::keymap::{Context, Keymap};
use super::store::MailFocus;
use super::store::Store;
use super::store::compose::Mode;
use super::store::prompt::Prompt;

/// What the loop does with a terminal event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Action(Action),
    /// Ctrl-Z: hand the terminal back to the shell until resumed.
    Suspend,
    Ignore,
}

pub fn translate(store: &Store, keymap: &Keymap, event: &Event) -> Input {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_input(store, keymap, key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Input::Action(Action::Down),
            MouseEventKind::ScrollUp => Input::Action(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => {
                Input::Action(Action::Click { column: mouse.column, row: mouse.row })
            }
            _ => Input::Ignore,
        },
        Event::Resize(width, height) => Input::Action(Action::Resize { width: *width, height: *height }),
        _ => Input::Ignore,
    }
}

fn key_input(store: &Store, keymap: &Keymap, key: &KeyEvent) -> Input {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('z') {
        return Input::Suspend;
    }
    if ctrl && key.code == KeyCode::Char('c') {
        return Input::Action(Action::Quit);
    }
    if let Some(input) = note_key(store, keymap, key) {
        return input;
    }
    if store.wants_text() {
        let typed = match key.code {
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => Some(Action::TextInput(c)),
            KeyCode::Backspace => Some(Action::TextBackspace),
            KeyCode::Enter => Some(Action::TextSubmit),
            KeyCode::Tab if store.prompt.as_ref().is_some_and(Prompt::takes_tab) => Some(Action::TextComplete),
            KeyCode::Esc => Some(Action::Back),
            _ => None,
        };
        if let Some(action) = typed {
            return Input::Action(action);
        }
    }
    if let Some(input) = compose_key(store, keymap, key) {
        return input;
    }
    if let Some(input) = overlay_key(store, keymap, key) {
        return input;
    }
    if let Some(action) = invitation_key(store, keymap, key) {
        return Input::Action(action);
    }
    match keymap.action_for(store.pane, key) {
        Some(action) => Input::Action(action),
        None => Input::Ignore,
    }
}

/// Where a key goes while a message is being written; `None` when compose is closed (or the
/// help overlay is up) and the usual keymap applies.
fn compose_key(store: &Store, keymap: &Keymap, key: &KeyEvent) -> Option<Input> {
    let compose = store.compose.open.as_ref()?;
    if store.overlay().is_some() {
        return None;
    }
    let bound = keymap.action_in(Context::Compose, key);
    let action = match compose.mode {
        Mode::Editor => {
            let printable = matches!(key.code, KeyCode::Char(_))
                && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match bound {
                Some(Action::Compose(
                    a @ (ComposeAction::NextField | ComposeAction::PrevField | ComposeAction::Done),
                )) if !printable => Action::Compose(a),
                _ => Action::Compose(ComposeAction::Key(*key)),
            }
        }
        // The OneDrive file picker moves as the Drive pane's lists do.
        Mode::Review if store.compose.drive_picker.is_some() => match keymap.action_for(Pane::Drive, key) {
            Some(action) => action,
            None => return Some(Input::Ignore),
        },
        Mode::Review => match bound.or_else(|| keymap.action_in(Context::Global, key)) {
            Some(action) => action,
            None => return Some(Input::Ignore),
        },
        Mode::Preparing | Mode::External => match keymap.action_in(Context::Global, key) {
            Some(action @ Action::Quit) => action,
            _ => return Some(Input::Ignore),
        },
    };
    Some(Input::Action(action))
}

/// Where a key goes while a task's note is open in the built-in editor: its own bindings (keep,
/// drop) and the help key for keys without a character; everything else into the text.
fn note_key(store: &Store, keymap: &Keymap, key: &KeyEvent) -> Option<Input> {
    store.tasks.note_editor.as_ref()?;
    if store.overlay().is_some() {
        return None;
    }
    let printable =
        matches!(key.code, KeyCode::Char(_)) && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if !printable {
        if let Some(action) = keymap.action_in(Context::Note, key) {
            return Some(Input::Action(action));
        }
        if keymap.action_in(Context::Global, key) == Some(Action::ToggleHelp) {
            return Some(Input::Action(Action::ToggleHelp));
        }
    }
    Some(Input::Action(Action::NoteKey(*key)))
}

/// Where a key goes while the contact form or the settings screen is open; `None` otherwise.
fn overlay_key(store: &Store, keymap: &Keymap, key: &KeyEvent) -> Option<Input> {
    if store.overlay().is_some() || store.prompt.is_some() {
        return None;
    }
    if store.people.form.is_some() {
        let printable = matches!(key.code, KeyCode::Char(_))
            && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let action = match keymap.action_in(Context::People, key) {
            Some(Action::People(a @ (PeopleAction::FormSave | PeopleAction::FormCancel))) if !printable => {
                Action::People(a)
            }
            // Esc (back) saves, as Esc ends writing in compose.
            Some(Action::Back) if key.code == KeyCode::Esc => Action::People(PeopleAction::FormSave),
            _ => Action::People(PeopleAction::FormKey(*key)),
        };
        return Some(Input::Action(action));
    }
    if store.calendar.form.is_some() {
        let printable = matches!(key.code, KeyCode::Char(_))
            && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let action = match keymap.action_in(Context::Calendar, key) {
            Some(Action::Calendar(a @ (CalendarAction::FormSave | CalendarAction::FormCancel))) if !printable => {
                Action::Calendar(a)
            }
            // Esc (back) saves, as it does in the contact form.
            Some(Action::Back) if key.code == KeyCode::Esc => Action::Calendar(CalendarAction::FormSave),
            _ => Action::Calendar(CalendarAction::FormKey(*key)),
        };
        return Some(Input::Action(action));
    }
    if store.settings.open {
        let action = keymap.action_in(Context::Settings, key).or_else(|| keymap.action_in(Context::Global, key));
        return Some(match action {
            Some(action) => Input::Action(action),
            None if key.code == KeyCode::Esc => Input::Action(Action::Back),
            None => Input::Ignore,
        });
    }
    None
}

/// While the mail reader shows an invitation whose event arrived (and the folder tree is not
/// focused), the `[[invitation]]` keys answer it before the mail pane's own keys apply.
fn invitation_key(store: &Store, keymap: &Keymap, key: &KeyEvent) -> Option<Action> {
    if store.pane != Pane::Mail || store.help_open || store.mail.focus == MailFocus::Folders {
        return None;
    }
    let open = store.mail.open_message.as_ref()?;
    store.calendar.invitation.as_ref().filter(|i| &i.message_id == open && i.event.is_some())?;
    keymap.action_in(Context::Invitation, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn letters_go_to_the_filter_while_typing_one() {
        let keymap = Keymap::load(None).unwrap();
        let mut store = Store::new("me", chrono_tz::Tz::UTC, 100, 30);
        assert_eq!(translate(&store, &keymap, &press(KeyCode::Char('q'))), Input::Action(Action::Quit));
        store.mail.filter.editing = true;
        assert_eq!(translate(&store, &keymap, &press(KeyCode::Char('q'))), Input::Action(Action::TextInput('q')));
        assert_eq!(translate(&store, &keymap, &press(KeyCode::Down)), Input::Action(Action::Down));
        assert_eq!(translate(&store, &keymap, &press(KeyCode::Esc)), Input::Action(Action::Back));
        let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert_eq!(translate(&store, &keymap, &ctrl_z), Input::Suspend);
        assert_eq!(
            translate(&store, &keymap, &Event::Resize(80, 24)),
            Input::Action(Action::Resize { width: 80, height: 24 })
        );
    }

    #[test]
    fn keys_go_into_an_open_note_except_keep_and_drop() {
        use crate::tui::store::tasks::NoteEditor;
        let keymap = Keymap::load(None).unwrap();
        let mut store = Store::new("me", chrono_tz::Tz::UTC, 100, 30);
        store.tasks.note_editor = Some(NoteEditor::new("l".into(), "t".into(), "Pay rent".into(), ""));
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(translate(&store, &keymap, &Event::Key(q)), Input::Action(Action::NoteKey(q)));
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(translate(&store, &keymap, &Event::Key(enter)), Input::Action(Action::NoteKey(enter)));
        assert_eq!(translate(&store, &keymap, &press(KeyCode::Esc)), Input::Action(Action::NoteSave));
        let ctrl_x = Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL));
        assert_eq!(translate(&store, &keymap, &ctrl_x), Input::Action(Action::NoteCancel));
        assert_eq!(translate(&store, &keymap, &press(KeyCode::F(1))), Input::Action(Action::ToggleHelp));
    }

    #[test]
    fn tab_completes_only_in_a_prompt_for_a_path() {
        use crate::tui::store::prompt::{Prompt, Purpose};
        let keymap = Keymap::load(None).unwrap();
        let mut store = Store::new("me", chrono_tz::Tz::UTC, 100, 30);
        let tab = press(KeyCode::Tab);
        let plain = translate(&store, &keymap, &tab);
        assert_ne!(plain, Input::Action(Action::TextComplete));
        store.prompt = Some(Prompt::text("Go to date", "", Purpose::CalendarGoTo));
        assert_ne!(translate(&store, &keymap, &tab), Input::Action(Action::TextComplete));
        store.prompt = Some(Prompt::folder("Save into folder", "~/", Purpose::CalendarGoTo));
        assert_eq!(translate(&store, &keymap, &tab), Input::Action(Action::TextComplete));
    }
}
