//! Event writes shown before the service answered them: each with what to put back if it is
//! refused (events added, changed, removed), in the one write queue every pane uses, so an
//! edit of an event just created learns its real id before it is sent.
use crate::domain::Event;
use crate::tui::effect::calendar::EventWrite;
use crate::tui::store::write_queue::WriteQueue;

/// Prefix of the ids of events shown before the service named them.
pub const LOCAL_EVENT_PREFIX: &str = "local-event-";

/// What a write changed among the loaded events, so a refusal puts exactly that back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventUndo {
    /// Events shown that the service has not made (a new event under a local id).
    pub added: Vec<String>,
    /// Events as they were before the change.
    pub changed: Vec<Event>,
    /// Events taken off the screen.
    pub removed: Vec<Event>,
    /// The invitation open in the mail reader was answered: its answer before.
    pub invitation_answer: Option<Option<crate::domain::ResponseType>>,
}

/// A write not yet answered: its undo record, what it is called in a notice, and whether the
/// period is loaded again once it is done (a series changes occurrences not drawn yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingEvent {
    pub undo: EventUndo,
    pub what: String,
    pub reload: bool,
}

/// The calendar's writes in flight and waiting (src/tui/store/write_queue.rs).
pub type EventWrites = WriteQueue<EventWrite, PendingEvent>;

impl EventWrites {
    /// An id for an event made here until the service names it.
    pub fn local_id(&mut self) -> String {
        format!("{LOCAL_EVENT_PREFIX}{}", self.next_number())
    }
}
