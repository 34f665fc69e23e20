//! Actions of the people pane, the settings screen and the command palette beyond the shared
//! ones (move, open, add, rename, delete, filter).
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleAction {
    /// Write a message to the selected person (compose with To filled).
    WriteTo,
    /// Copy the selected person's address to the clipboard (OSC 52).
    CopyAddress,
    /// The selected person's free/busy for the coming days.
    FreeBusy,
    /// The built-in contact form: save and close.
    FormSave,
    /// The built-in contact form: close without saving.
    FormCancel,
    /// A key typed into the built-in contact form.
    FormKey(KeyEvent),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsAction {
    /// Automatic replies on or off.
    ToggleReplies,
    /// Automatic replies from today until a day asked for.
    ScheduleReplies,
    /// Edit the automatic reply's message.
    EditMessage,
    /// Who outside the organisation gets replies: everyone, contacts, no one.
    CycleAudience,
}

/// The command palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteAction {
    Open,
    Input(char),
    Backspace,
    Up,
    Down,
    Run,
    Close,
}
