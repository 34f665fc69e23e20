//! A one-line question over the pane: text to type (a title, a name, a date) or yes/no. Every
//! pane asks through this one prompt; `Purpose` says what the answer is for. Prompts for a
//! local path complete it with Tab.

/// What an answered prompt does; the update module of the purpose's pane takes the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Calendar: show the week of a typed date.
    CalendarGoTo,
    /// Calendar: which part of a series, a meeting's cancel message, an answer's comment…
    Calendar(super::calendar::CalendarPrompt),
    /// Tasks: a list, task or checklist item to add, rename, date, note or delete.
    Tasks(super::tasks::TaskPrompt),
    /// Drive: search SharePoint sites.
    Drive(super::drive::DrivePrompt),
    /// Mail: what the mail pane asked (a folder name, a search, a yes/no…).
    Mail(super::mail::ops::MailPrompt),
    /// Compose: an attachment's path, discarding the message, quitting with it unsent.
    Compose(super::compose::ComposePrompt),
    /// People: a search, deleting a contact.
    People(super::people::PeoplePrompt),
    /// Settings: the automatic reply's message, the day it ends.
    Settings(super::settings::SettingsPrompt),
    /// Mail: the To Do list a task made from the message goes to.
    MailToTask { message_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// Free text, edited in place; Enter answers with it.
    Text { text: String },
    /// `y` answers yes; `n` or Esc cancels.
    YesNo,
    /// One of a few answers, each a key (`o` this occurrence, `s` the whole series); the
    /// answer is the key. Esc cancels.
    Choice { options: Vec<(char, String)> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// The question, e.g. "New task in Groceries" or "Delete the list Groceries?".
    pub title: String,
    pub kind: PromptKind,
    pub purpose: Purpose,
    /// Why the last answer was refused (a date that does not parse); shown under the field.
    pub error: Option<String>,
    /// Set when Tab completes local paths in this prompt.
    pub paths: Option<PathCompletion>,
    /// What is typed is a secret (a link's password): drawn as dots, never as typed.
    pub secret: bool,
}

/// Tab completion of a path typed into a prompt.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PathCompletion {
    /// Only folders are offered (a folder to save into).
    pub folders_only: bool,
    /// What the last Tab found when it could not choose one; shown under the field.
    pub choices: Vec<String>,
    /// How many matched (more than `choices` holds in a crowded folder).
    pub found: usize,
    /// A Tab's answer is shown (so `found == 0` says nothing matched; typing clears it).
    pub answered: bool,
}

/// What to complete: the text as typed, `~` for the home folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathQuery {
    pub typed: String,
    pub folders_only: bool,
}

/// The worker's answer to a `PathQuery`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathMatches {
    /// The text the query was for: a late answer to older text is dropped.
    pub typed: String,
    /// The text to put in the field: one match in full, several to their common start.
    pub completed: String,
    /// Every match when there are several (at most a few hundred), in display order.
    pub choices: Vec<String>,
    pub found: usize,
}

impl Prompt {
    /// A text prompt starting with `initial` (empty for a new name, the old one to rename).
    pub fn text(title: impl Into<String>, initial: impl Into<String>, purpose: Purpose) -> Self {
        Prompt {
            title: title.into(),
            kind: PromptKind::Text { text: initial.into() },
            purpose,
            error: None,
            paths: None,
            secret: false,
        }
    }

    /// A text prompt for a secret (a password), drawn as dots.
    pub fn secret(title: impl Into<String>, purpose: Purpose) -> Self {
        Prompt { secret: true, ..Prompt::text(title, "", purpose) }
    }

    /// A text prompt for a local path, where Tab completes file and folder names.
    pub fn path(title: impl Into<String>, initial: impl Into<String>, purpose: Purpose) -> Self {
        Prompt { paths: Some(PathCompletion::default()), ..Prompt::text(title, initial, purpose) }
    }

    /// A text prompt for a local folder, where Tab completes folder names only.
    pub fn folder(title: impl Into<String>, initial: impl Into<String>, purpose: Purpose) -> Self {
        let paths = PathCompletion { folders_only: true, ..PathCompletion::default() };
        Prompt { paths: Some(paths), ..Prompt::text(title, initial, purpose) }
    }

    pub fn yes_no(title: impl Into<String>, purpose: Purpose) -> Self {
        Prompt { title: title.into(), kind: PromptKind::YesNo, purpose, error: None, paths: None, secret: false }
    }

    /// A question answered by one of `options`' keys.
    pub fn choice(title: impl Into<String>, options: Vec<(char, String)>, purpose: Purpose) -> Self {
        Prompt {
            title: title.into(),
            kind: PromptKind::Choice { options },
            purpose,
            error: None,
            paths: None,
            secret: false,
        }
    }

    /// The text changed: the last complaint and the last completion's choices no longer apply.
    pub fn edited(&mut self) {
        self.error = None;
        if let Some(paths) = &mut self.paths {
            *paths = PathCompletion { folders_only: paths.folders_only, ..PathCompletion::default() };
        }
    }

    /// Whether Tab means something here: completing a path, or switching the mail search
    /// between the server and the local cache.
    pub fn takes_tab(&self) -> bool {
        self.paths.is_some() || matches!(self.purpose, Purpose::Mail(super::mail::ops::MailPrompt::Search { .. }))
    }

    /// The text typed so far (empty for a yes/no question).
    pub fn typed(&self) -> &str {
        match &self.kind {
            PromptKind::Text { text } => text,
            PromptKind::YesNo | PromptKind::Choice { .. } => "",
        }
    }
}
