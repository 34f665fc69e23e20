//! A one-line question over the pane: text to type (a title, a name, a date) or yes/no. Every
//! pane asks through this one prompt; `Purpose` says what the answer is for.

/// What an answered prompt does; the update module of the purpose's pane takes the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Calendar: show the week of a typed date.
    CalendarGoTo,
    /// Tasks: a list, task or checklist item to add, rename, date, note or delete.
    Tasks(super::tasks::TaskPrompt),
    /// Drive: search SharePoint sites.
    Drive(super::drive::DrivePrompt),
    /// Mail: what the mail pane asked (a folder name, a search, a yes/no…).
    Mail(super::mail::ops::MailPrompt),
    /// Compose: an attachment's path, discarding the message.
    Compose(crate::tui::compose::ComposePrompt),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// Free text, edited in place; Enter answers with it.
    Text { text: String },
    /// `y` answers yes; `n` or Esc cancels.
    YesNo,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// The question, e.g. "New task in Groceries" or "Delete the list Groceries?".
    pub title: String,
    pub kind: PromptKind,
    pub purpose: Purpose,
    /// Why the last answer was refused (a date that does not parse); shown under the field.
    pub error: Option<String>,
}

impl Prompt {
    /// A text prompt starting with `initial` (empty for a new name, the old one to rename).
    pub fn text(title: impl Into<String>, initial: impl Into<String>, purpose: Purpose) -> Self {
        Prompt { title: title.into(), kind: PromptKind::Text { text: initial.into() }, purpose, error: None }
    }

    pub fn yes_no(title: impl Into<String>, purpose: Purpose) -> Self {
        Prompt { title: title.into(), kind: PromptKind::YesNo, purpose, error: None }
    }

    /// The text typed so far (empty for a yes/no question).
    pub fn typed(&self) -> &str {
        match &self.kind {
            PromptKind::Text { text } => text,
            PromptKind::YesNo => "",
        }
    }
}
