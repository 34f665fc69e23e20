//! The calendar pane's work orders: event writes (each tagged with the op id its answer carries
//! back), people's free/busy over a window and times that suit them, all in the user's zone.
use chrono::NaiveDateTime;
use chrono_tz::Tz;

use crate::domain::calendar::Answer;
use crate::domain::calendar::draft::EventInput;
use crate::tui::loadable::Generation;

pub use crate::tui::store::write_queue::OpId;
use crate::tui::store::write_queue::QueuedWrite;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventWrite {
    /// A new event in a calendar (`None`: the default one), written in `zone`.
    Create {
        calendar_id: Option<String>,
        input: Box<EventInput>,
        zone: Tz,
    },
    /// Changes to an event, an occurrence (only it) or a series master (all of them).
    Update {
        id: String,
        input: Box<EventInput>,
        zone: Tz,
    },
    Delete {
        id: String,
    },
    /// The organizer calls the meeting off, telling the attendees `message`.
    Cancel {
        id: String,
        message: Option<String>,
    },
    /// An answer to an invitation, told to the organizer when `send`.
    Respond {
        id: String,
        answer: Answer,
        comment: Option<String>,
        send: bool,
    },
}

impl EventWrite {
    /// The event the write changes (none for a create).
    pub fn target(&self) -> Option<&str> {
        match self {
            EventWrite::Create { .. } => None,
            EventWrite::Update { id, .. }
            | EventWrite::Delete { id }
            | EventWrite::Cancel { id, .. }
            | EventWrite::Respond { id, .. } => Some(id),
        }
    }
}

impl QueuedWrite for EventWrite {
    fn rename_id(&mut self, from: &str, to: &str) {
        match self {
            EventWrite::Create { .. } => {}
            EventWrite::Update { id, .. }
            | EventWrite::Delete { id }
            | EventWrite::Cancel { id, .. }
            | EventWrite::Respond { id, .. } => {
                if id == from {
                    *id = to.to_owned();
                }
            }
        }
    }

    fn mentions(&self, id: &str) -> bool {
        self.target() == Some(id)
    }
}

/// A window of wall-clock times in the user's zone (what getSchedule and findMeetingTimes take).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalWindow {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub zone: Tz,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarEffect {
    Write {
        op: OpId,
        write: EventWrite,
    },
    /// Busy blocks of each address (the user's own among them) in the window.
    Schedule {
        generation: Generation,
        addresses: Vec<String>,
        window: LocalWindow,
    },
    /// Times of `minutes` in the window when everyone named and the user are free.
    FindTimes {
        generation: Generation,
        addresses: Vec<String>,
        minutes: i64,
        window: LocalWindow,
    },
}
