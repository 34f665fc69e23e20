//! Actions: what the user asked for, already translated from keys by the keymap.
pub mod calendar;
pub mod compose;
pub mod drive;
pub mod mail_ops;
pub mod people;

pub use calendar::CalendarAction;
pub use people::{PaletteAction, PeopleAction, SettingsAction};

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Mail,
    Calendar,
    Drive,
    Tasks,
    People,
}

impl Pane {
    pub const ALL: [Pane; 5] = [Pane::Mail, Pane::Calendar, Pane::Drive, Pane::Tasks, Pane::People];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Mail => "Mail",
            Pane::Calendar => "Calendar",
            Pane::Drive => "Drive",
            Pane::Tasks => "Tasks",
            Pane::People => "People",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The loop has started: load what the first screen shows.
    Start,
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: open the selected folder or message.
    Open,
    /// Leave the reader, close an overlay, cancel a filter.
    Back,
    FocusNext,
    FocusPrev,
    ShowPane(Pane),
    Refresh,
    ToggleHelp,
    StartFilter,
    /// Show or hide the details of the selected item (narrow screens).
    ToggleDetails,
    TextInput(char),
    TextBackspace,
    TextSubmit,
    /// Tab in a prompt for a path: complete the name typed so far.
    TextComplete,
    /// The calendar's window a week earlier / later.
    PrevWeek,
    NextWeek,
    /// Ask for a date and show its week.
    GoToDate,
    /// Show the week from today.
    Today,
    /// Calendar: switch between the agenda list and the week grid.
    ToggleWeekGrid,
    /// The calendar pane's other commands (views, calendars, answers, free/busy, the form).
    Calendar(CalendarAction),
    /// Add an item to the focused column (a To Do list, a task, a checklist item).
    Add,
    /// Rename the focused column's item (a list's name, a task's title).
    Rename,
    /// Delete the focused column's item, after a yes/no question.
    Delete,
    /// Complete or reopen a task; tick or untick a checklist item.
    ToggleDone,
    /// Ask for a task's due date.
    EditDue,
    /// A task's importance: low, normal, high, low…
    CycleImportance,
    /// Edit a task's note (in `$EDITOR` when set, else in the built-in editor).
    EditNote,
    /// Tasks: show or hide the completed tasks.
    ToggleCompleted,
    /// Tasks: the order of the tasks (as the service gives them, by due date, importance, title).
    CycleSort,
    /// The built-in note editor: a key typed into the text.
    NoteKey(ratatui::crossterm::event::KeyEvent),
    /// The built-in note editor: keep the text (saved when it changed) and close.
    NoteSave,
    /// The built-in note editor: close, dropping what was typed.
    NoteCancel,
    /// Drive: search all SharePoint sites.
    SearchSites,
    /// Show the last notices and errors in full, newest first.
    ShowNotices,
    /// Pick another account of the config to show.
    SwitchAccount,
    /// The Drive pane: show My files, Shared with me or Sites.
    DrivePlace(super::store::drive::Place),
    /// The mail pane's organising commands (marks, move, search, folders…).
    Mail(mail_ops::MailOp),
    /// The Drive pane's commands (save, organise, share, versions, search, transfers…).
    Drive(drive::DriveAction),
    Resize {
        width: u16,
        height: u16,
    },
    /// A left click at a screen cell: focus and select what is there (open it when it is
    /// already selected).
    Click {
        column: u16,
        row: u16,
    },
    /// Writing mail: open, edit, review, send.
    Compose(compose::ComposeAction),
    /// The people pane's own commands (write to, copy, free/busy, the contact form).
    People(PeopleAction),
    /// Show or hide the settings screen (automatic replies, zone, working hours, language).
    ToggleSettings,
    /// The settings screen's commands.
    Settings(SettingsAction),
    /// The command palette: every action by its description.
    Palette(PaletteAction),
    /// Mail: make a To Do task of the message, linked back to it.
    MailToTask,
    /// Tasks: open the message the selected task was made from.
    OpenLinkedMessage,
    /// The clock moved on (notices time out); carries the loop's monotonic milliseconds.
    Tick {
        now_ms: u64,
    },
}

impl fmt::Display for Pane {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}
