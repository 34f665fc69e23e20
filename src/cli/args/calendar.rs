//! The `o365 calendar ...` part of the command line: calendars, the agenda, one event, writing
//! events and series, answering invitations, free/busy.
use clap::{Args, Subcommand, ValueEnum};

use super::Limit;

/// `--show-as`: how the event shows in free/busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowAsArg {
    Free,
    Tentative,
    Busy,
    Oof,
    WorkingElsewhere,
}

/// `--sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SensitivityArg {
    Normal,
    Personal,
    Private,
    Confidential,
}

/// An invitation's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnswerArg {
    Accept,
    Tentative,
    Decline,
}

/// The fields of an event, shared by `add` (where `--subject` and `--start` are required) and
/// `edit` (where only what is given changes).
#[derive(Debug, Clone, Default, Args)]
pub struct EventFields {
    /// The title
    #[arg(long)]
    pub subject: Option<String>,
    /// Start: a date-time in your zone (2026-03-23T09:00), or a date with --all-day
    #[arg(long)]
    pub start: Option<String>,
    /// End, in your zone (with --all-day, the last day)
    #[arg(long, conflicts_with = "duration")]
    pub end: Option<String>,
    /// Length instead of --end: 30m, 1h, 1h30m, 2d
    #[arg(long)]
    pub duration: Option<String>,
    /// A whole-day event (--start and --end are dates)
    #[arg(long)]
    pub all_day: bool,
    /// Where: a room or an address
    #[arg(long)]
    pub location: Option<String>,
    /// A required attendee (repeatable)
    #[arg(long, value_name = "ADDRESS")]
    pub attendee: Vec<String>,
    /// An optional attendee (repeatable)
    #[arg(long, value_name = "ADDRESS")]
    pub optional: Vec<String>,
    /// The description, as text
    #[arg(long)]
    pub body: Option<String>,
    /// Make it a Microsoft Teams meeting
    #[arg(long)]
    pub teams: bool,
    /// Remind this long before the start (0 for no reminder)
    #[arg(long, value_name = "DURATION")]
    pub reminder: Option<String>,
    /// How it shows in free/busy
    #[arg(long, value_enum)]
    pub show_as: Option<ShowAsArg>,
    /// Who may see the details
    #[arg(long, value_enum)]
    pub sensitivity: Option<SensitivityArg>,
    /// A category (repeatable)
    #[arg(long, value_name = "NAME")]
    pub category: Vec<String>,
    /// Repeat: daily, weekdays, weekly, weekly:MO,WE, monthly, monthly:2TU (L for last), yearly
    #[arg(long, value_name = "RULE")]
    pub repeat: Option<String>,
    /// Every N days, weeks, months or years [default: 1]
    #[arg(long, value_name = "N", requires = "repeat")]
    pub every: Option<u32>,
    /// The last day the series may fall on
    #[arg(long, value_name = "DATE", requires = "repeat", conflicts_with = "count")]
    pub until: Option<String>,
    /// Stop after N occurrences
    #[arg(long, value_name = "N", requires = "repeat")]
    pub count: Option<u32>,
}

/// `--occurrence | --series`: which part of a series an id means.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct SeriesScope {
    /// Only this occurrence of a series
    #[arg(long, conflicts_with = "series")]
    pub occurrence: bool,
    /// The whole series this occurrence belongs to
    #[arg(long)]
    pub series: bool,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Every calendar of the account: your own, shared with you, with colours
    Calendars,
    /// Events between two times, recurring events expanded
    Agenda {
        /// A calendar by name (any case) or id (repeatable) [default: all of them]
        #[arg(long, value_name = "NAME|ID")]
        calendar: Vec<String>,
        /// Start: a date or date-time in your zone, an RFC 3339 time, today, tomorrow, +Nd, -Nd [default: today]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        from: Option<String>,
        /// End, exclusive [default: 7 days after the start]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        to: Option<String>,
        /// Show each event's id (for show, edit, rm, respond)
        #[arg(long)]
        ids: bool,
        #[command(flatten)]
        limit: Limit,
        /// Answer from the local cache (the default calendar, 30 days back to 90 ahead, kept
        /// by `o365 sync`), without the network
        #[arg(long, conflicts_with = "calendar")]
        cached: bool,
    },
    /// One event: times, place, organizer, attendees and their answers, the description
    Show { id: String },
    /// Create an event: --subject S --start T (--end T | --duration 30m)
    Add {
        #[command(flatten)]
        fields: EventFields,
        /// The calendar to put it in, by name or id [default: your default calendar]
        #[arg(long, value_name = "NAME|ID")]
        calendar: Option<String>,
    },
    /// Change an event; for a series, say --occurrence or --series
    Edit {
        id: String,
        #[command(flatten)]
        fields: EventFields,
        #[command(flatten)]
        scope: SeriesScope,
    },
    /// Delete an event (a meeting you organize is cancelled, the attendees get --message)
    Rm {
        id: String,
        #[command(flatten)]
        scope: SeriesScope,
        /// The cancellation note to the attendees of a meeting you organize
        #[arg(long)]
        message: Option<String>,
    },
    /// Answer an invitation
    Respond {
        id: String,
        #[arg(value_enum)]
        answer: AnswerArg,
        /// A note to the organizer
        #[arg(long)]
        comment: Option<String>,
        /// Answer without telling the organizer
        #[arg(long)]
        no_send: bool,
    },
    /// Times when you and everyone named are free: find-time ADDRESS... --duration 1h
    FindTime {
        #[arg(required = true, value_name = "ADDRESS")]
        addresses: Vec<String>,
        /// How long the meeting is: 30m, 1h
        #[arg(long)]
        duration: String,
        /// Start of the range [default: today]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        from: Option<String>,
        /// End of the range, exclusive [default: 7 days after the start]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        to: Option<String>,
    },
    /// Free/busy of people over a time range
    Free {
        #[arg(required = true, value_name = "ADDRESS")]
        addresses: Vec<String>,
        /// Start [default: today]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        from: Option<String>,
        /// End, exclusive [default: the day after the start]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        to: Option<String>,
        /// Length of one slot of the availability line
        #[arg(long, default_value = "30m")]
        interval: String,
    },
}
