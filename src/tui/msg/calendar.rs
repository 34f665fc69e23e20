//! What the worker answers the calendar pane: each write's outcome (the event as the service
//! now holds it), people's busy blocks and suggested meeting times.
use chrono::{DateTime, Utc};

use super::Outcome;
use crate::domain::Event;
use crate::tui::effect::calendar::OpId;
use crate::tui::loadable::Generation;

#[derive(Debug, Clone, PartialEq)]
pub enum CalendarMsg {
    Written {
        op: OpId,
        result: Outcome<Written>,
    },
    Schedule {
        generation: Generation,
        result: Outcome<Vec<PersonSchedule>>,
    },
    Times {
        generation: Generation,
        result: Outcome<Suggestions>,
    },
    /// The message open in the reader is a meeting's mail: its event and the user's others.
    Invitation {
        message_id: String,
        result: Outcome<Box<Invitation>>,
    },
}

/// A meeting's mail as the reader shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Invitation {
    /// `meetingRequest`, `meetingCancelled`, … (graph's `meetingMessageType`).
    pub kind: Option<String>,
    /// The event in the user's calendar (none when it was removed since).
    pub event: Option<Event>,
    /// The user's events from the day before to the day after it.
    pub nearby: Vec<Event>,
}

/// The service's answer to a write.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// The event as it now is (a create or an update).
    Event(Box<Event>),
    /// Deleted, cancelled or answered: nothing to take.
    Done,
}

/// One person's time in the window: what getSchedule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSchedule {
    pub address: String,
    pub blocks: Vec<BusyBlock>,
    /// Why the service could not tell (an unknown address), as it said it.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyBlock {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// `busy`, `tentative`, `oof`, `workingElsewhere` (lower case).
    pub status: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimeSuggestion {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// 0 to 100.
    pub confidence: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Suggestions {
    pub times: Vec<TimeSuggestion>,
    /// The service's word when it found none.
    pub empty_reason: Option<String>,
}
