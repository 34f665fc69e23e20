//! A meeting's mail as the mail reader shows it under the headers, as rows: when (in the user's
//! zone, and in the meeting's own when its clock differs), where, the user's answer so far, the
//! user's other events that day with those at the same time marked, and the keys that answer
//! it. The view styles the rows; `update` counts them, so the reader scrolls to the last one.
use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime, ShowAs};
use crate::render::event::{response_word, when_text};
use crate::sanitize;
use crate::tui::action::{Action, CalendarAction};
use crate::tui::store::Store;
use crate::tui::store::calendar::InvitationDoc;

/// One row under the headers; the view gives each kind its style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvitationRow {
    Blank,
    /// The meeting could not be read, and why.
    Problem(String),
    /// A quiet line: the meeting is gone, "nothing else", the answer keys.
    Dim(String),
    Heading(&'static str),
    /// A labelled field ("When:", "Where:"...; an empty label continues the one above).
    Field {
        label: &'static str,
        value: String,
        marked: bool,
    },
    /// "Your Tuesday 10 March:"
    Day(String),
    /// Another event of that day; `conflict` when it is at the same time.
    Other {
        text: String,
        conflict: bool,
    },
}

fn overlaps(a: &Event, b: &Event) -> bool {
    match (&a.time, &b.time) {
        (Some(EventTime::Timed { start: s1, end: e1 }), Some(EventTime::Timed { start: s2, end: e2 })) => {
            s1 < e2 && s2 < e1
        }
        (Some(x), Some(y)) => {
            // All-day events take whole days: the same day is a clash.
            x.start_utc().date_naive() == y.start_utc().date_naive()
        }
        _ => false,
    }
}

/// Whether `other` keeps the user from the meeting: at the same time, not free, not cancelled.
pub fn conflicts(meeting: &Event, other: &Event) -> bool {
    other.id != meeting.id
        && other.series_master_id.as_deref() != Some(meeting.id.as_str())
        && !other.is_cancelled
        && !matches!(other.show_as, Some(ShowAs::Free))
        && overlaps(meeting, other)
}

/// The keys bound to the answers in the reader, from the keymap's `[[invitation]]` section.
fn answer_keys(store: &Store) -> String {
    let key = |answer| {
        store
            .commands
            .iter()
            .find(|c| c.section == "invitation" && c.action == Action::Calendar(CalendarAction::Answer(answer)))
            .map(|c| c.keys.split(' ').next().unwrap_or_default().to_owned())
    };
    use crate::domain::calendar::Answer;
    let keys = [(Answer::Accept, "accept"), (Answer::Tentative, "tentative"), (Answer::Decline, "decline")];
    let words: Vec<String> = keys.iter().filter_map(|(a, word)| key(*a).map(|k| format!("{k} {word}"))).collect();
    words.join(" · ")
}

/// The rows under the headers of a meeting's mail, for a reader `width` columns wide.
pub fn rows(store: &Store, doc: &InvitationDoc, width: usize) -> Vec<InvitationRow> {
    let field = |label, value| InvitationRow::Field { label, value, marked: false };
    let room = width.saturating_sub(9).max(10);
    let mut rows = vec![InvitationRow::Blank];
    if let Some(problem) = &doc.problem {
        rows.push(InvitationRow::Problem(format!("The meeting could not be read: {}", sanitize::line(problem))));
        return rows;
    }
    let Some(event) = &doc.event else {
        let text = match doc.kind.as_deref() {
            Some("meetingCancelled") => "The meeting was cancelled",
            _ => "The meeting is not in your calendar",
        };
        rows.push(InvitationRow::Dim(text.to_owned()));
        return rows;
    };
    let zone = store.zone;
    rows.push(InvitationRow::Heading(match doc.kind.as_deref() {
        Some("meetingCancelled") => "Cancelled meeting",
        Some("meetingRequest") | None => "Invitation",
        Some(_) => "Meeting",
    }));
    rows.push(field("When:", when_text(event, &zone, None)));
    let both = when_text(event, &zone, event.original_zone.as_deref());
    if let Some(own) =
        both.strip_prefix(when_text(event, &zone, None).as_str()).map(str::trim).filter(|r| !r.is_empty())
    {
        rows.extend(crate::human::text::wrap(own, room).into_iter().map(|part| field("", part)));
    }
    if let Some(location) = &event.location {
        rows.push(field("Where:", sanitize::line(location).into_owned()));
    }
    if let Some(url) = &event.online_meeting_url {
        rows.push(field("Teams:", sanitize::line(url).into_owned()));
    }
    let answer = response_word(event.my_response.as_ref()).to_owned();
    rows.push(InvitationRow::Field { label: "Answer:", value: answer, marked: true });
    let day = event.time.as_ref().map(|t| match t {
        EventTime::AllDay { start, .. } => *start,
        EventTime::Timed { start, .. } => in_zone(start, &zone).date_naive(),
    });
    if let Some(day) = day {
        rows.push(InvitationRow::Day(format!("Your {}:", day.format("%A %-d %B"))));
        let mut that_day: Vec<&Event> = doc
            .nearby
            .iter()
            .filter(|e| e.id != event.id && e.series_master_id.as_deref() != Some(event.id.as_str()))
            .filter(|e| match &e.time {
                Some(EventTime::AllDay { start, end_exclusive }) => *start <= day && day < *end_exclusive,
                Some(EventTime::Timed { start, end }) => {
                    in_zone(start, &zone).date_naive() <= day && day <= in_zone(end, &zone).date_naive()
                }
                None => false,
            })
            .collect();
        that_day.sort_by_key(|e| e.time.as_ref().map(|t| t.start_utc()));
        if that_day.is_empty() {
            rows.push(InvitationRow::Dim("  nothing else".to_owned()));
        }
        for other in that_day {
            let time = match &other.time {
                Some(EventTime::Timed { start, end }) => {
                    format!("{}–{}", in_zone(start, &zone).format("%H:%M"), in_zone(end, &zone).format("%H:%M"))
                }
                _ => "all day".to_owned(),
            };
            let subject = crate::render::event::subject_line(other);
            rows.push(InvitationRow::Other {
                text: format!("  {time:<11} {subject}"),
                conflict: conflicts(event, other),
            });
        }
    }
    if !event.is_organizer && doc.kind.as_deref() != Some("meetingCancelled") {
        rows.push(InvitationRow::Dim(answer_keys(store)));
    }
    rows
}

impl Store {
    /// The rows of the invitation the reader shows with the open message (none for another
    /// message, or while a text attachment is shown in its place).
    pub fn invitation_rows(&self) -> Vec<InvitationRow> {
        let Some(doc) = self.mail.reader.ready() else { return Vec::new() };
        let open = self.mail.open_message.as_ref();
        match self.calendar.invitation.as_ref().filter(|i| Some(&i.message_id) == open) {
            Some(invitation) if doc.viewing.is_none() => rows(self, invitation, doc.width),
            _ => Vec::new(),
        }
    }

    /// Every line the reader has for the open message: its own and the invitation's.
    pub fn reader_line_count(&self) -> usize {
        let own = self.mail.reader.ready().map_or(0, |doc| doc.line_count());
        own + self.invitation_rows().len()
    }
}
