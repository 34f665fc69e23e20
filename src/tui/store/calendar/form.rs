//! The event form: one line per field of an event (subject, times, calendar, where, who, Teams,
//! reminder, show as, sensitivity, categories, repeat, description), typed text or a choice,
//! with address suggestions under the attendee fields and what is wrong, if anything.
use crate::domain::Event;
use crate::tui::store::compose::Candidate;

/// Which field a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Subject,
    Start,
    End,
    AllDay,
    Calendar,
    Location,
    Attendees,
    Optional,
    Teams,
    Reminder,
    ShowAs,
    Sensitivity,
    Categories,
    Repeat,
    Every,
    Until,
    Body,
}

/// How a field takes keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Typed text.
    Text,
    /// Yes or no (Space flips it).
    Toggle,
    /// One of these (label, value) pairs (Space, Left and Right move through them).
    Choice(Vec<(String, String)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    pub id: FieldId,
    pub label: &'static str,
    pub kind: FieldKind,
    /// The text; a toggle's is `yes` or `no`; a choice's is the chosen value.
    pub value: String,
    /// As the form opened with it, to send only what changed on an edit.
    pub original: String,
    /// Shown dim beside an empty field: what it takes.
    pub hint: &'static str,
}

impl FormField {
    pub fn text(id: FieldId, label: &'static str, value: impl Into<String>, hint: &'static str) -> Self {
        let value = value.into();
        FormField { id, label, kind: FieldKind::Text, original: value.clone(), value, hint }
    }

    pub fn toggle(id: FieldId, label: &'static str, on: bool) -> Self {
        let value = if on { "yes" } else { "no" }.to_owned();
        FormField { id, label, kind: FieldKind::Toggle, original: value.clone(), value, hint: "Space switches" }
    }

    pub fn choice(id: FieldId, label: &'static str, options: Vec<(String, String)>, value: impl Into<String>) -> Self {
        let value = value.into();
        FormField { id, label, kind: FieldKind::Choice(options), original: value.clone(), value, hint: "Space changes" }
    }

    pub fn is_on(&self) -> bool {
        self.value == "yes"
    }

    pub fn changed(&self) -> bool {
        self.value != self.original
    }

    /// What the line shows: a choice by its label.
    pub fn shown(&self) -> &str {
        match &self.kind {
            FieldKind::Choice(options) => {
                options.iter().find(|(_, value)| *value == self.value).map_or(self.value.as_str(), |(label, _)| label)
            }
            _ => &self.value,
        }
    }
}

/// A new event, or an edit of `target` (an event, an occurrence, or a series' master).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormMode {
    New,
    Edit { target: String, series: bool, base: Box<Event> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventForm {
    pub mode: FormMode,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// Addresses offered for what is typed in Attendees or Optional.
    pub suggestions: Vec<Candidate>,
    pub chosen: usize,
    /// Why the form could not be saved, shown under it.
    pub problem: Option<String>,
}

impl EventForm {
    pub fn field(&self, id: FieldId) -> Option<&FormField> {
        self.fields.iter().find(|f| f.id == id)
    }

    pub fn value(&self, id: FieldId) -> &str {
        self.field(id).map_or("", |f| f.value.as_str())
    }

    pub fn focused(&self) -> Option<&FormField> {
        self.fields.get(self.focus)
    }

    pub fn title(&self) -> &'static str {
        match &self.mode {
            FormMode::New => "New event",
            FormMode::Edit { series: true, .. } => "Edit the whole series",
            FormMode::Edit { .. } => "Edit the event",
        }
    }
}
