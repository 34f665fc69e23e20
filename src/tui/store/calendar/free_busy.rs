//! The free/busy view: people's busy blocks over a day (getSchedule), drawn as rows, and the
//! times findMeetingTimes suggests for a meeting with all of them, one of which opens the
//! event form.
use chrono::NaiveDate;

use crate::tui::loadable::Loadable;
use crate::tui::msg::calendar::{PersonSchedule, Suggestions};

/// First and last hour drawn (the working day and some).
pub const HOURS: (u32, u32) = (7, 20);

#[derive(Debug, Clone, PartialEq)]
pub struct FreeBusy {
    /// The addresses asked about, in the order typed.
    pub people: Vec<String>,
    /// The day drawn, in the user's zone.
    pub day: NaiveDate,
    pub schedules: Loadable<Vec<PersonSchedule>, ()>,
    /// Times for a meeting of `minutes`, once `f` asked.
    pub suggestions: Option<Loadable<Suggestions, ()>>,
    pub minutes: i64,
    /// Over the suggestions.
    pub cursor: usize,
}

impl FreeBusy {
    pub fn new(people: Vec<String>, day: NaiveDate) -> Self {
        FreeBusy { people, day, schedules: Loadable::Idle, suggestions: None, minutes: 30, cursor: 0 }
    }
}
