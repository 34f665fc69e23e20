//! A meeting's mail as the mail reader shows it under the headers: when (in the user's zone,
//! and in the meeting's own when its clock differs), where, who organizes it, the user's answer
//! so far, the user's other events that day with those at the same time marked, and the keys
//! that answer it.
use ratatui::text::{Line, Span};

use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime, ShowAs};
use crate::render::event::{response_word, when_text};
use crate::sanitize;
use crate::tui::action::{Action, CalendarAction};
use crate::tui::store::Store;
use crate::tui::store::calendar::InvitationDoc;
use crate::tui::theme::Theme;

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

/// The lines under the headers of a meeting's mail (empty while its event loads).
pub fn lines(store: &Store, doc: &InvitationDoc, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let label = |text: &str| Span::styled(format!("{text:<9}"), theme.header_label);
    let room = width.saturating_sub(9).max(10);
    let mut lines = vec![Line::raw("")];
    if let Some(problem) = &doc.problem {
        lines.push(Line::styled(format!("The meeting could not be read: {}", sanitize::line(problem)), theme.error));
        return lines;
    }
    let Some(event) = &doc.event else {
        let text = match doc.kind.as_deref() {
            Some("meetingCancelled") => "The meeting was cancelled",
            _ => "The meeting is not in your calendar",
        };
        lines.push(Line::styled(text, theme.dim));
        return lines;
    };
    let zone = store.zone;
    let heading = match doc.kind.as_deref() {
        Some("meetingCancelled") => "Cancelled meeting",
        Some("meetingRequest") | None => "Invitation",
        Some(_) => "Meeting",
    };
    lines.push(Line::styled(heading, theme.title));
    lines.push(Line::from(vec![label("When:"), Span::raw(when_text(event, &zone, None))]));
    let both = when_text(event, &zone, event.original_zone.as_deref());
    if let Some(own) =
        both.strip_prefix(when_text(event, &zone, None).as_str()).map(str::trim).filter(|r| !r.is_empty())
    {
        for part in crate::human::text::wrap(own, room) {
            lines.push(Line::from(vec![label(""), Span::raw(part)]));
        }
    }
    if let Some(location) = &event.location {
        lines.push(Line::from(vec![label("Where:"), Span::raw(sanitize::line(location).into_owned())]));
    }
    if let Some(url) = &event.online_meeting_url {
        lines.push(Line::from(vec![label("Teams:"), Span::raw(sanitize::line(url).into_owned())]));
    }
    let answer = response_word(event.my_response.as_ref());
    lines.push(Line::from(vec![label("Answer:"), Span::styled(answer.to_owned(), theme.marks)]));
    let day = event.time.as_ref().map(|t| match t {
        EventTime::AllDay { start, .. } => *start,
        EventTime::Timed { start, .. } => in_zone(start, &zone).date_naive(),
    });
    if let Some(day) = day {
        lines.push(Line::styled(format!("Your {}:", day.format("%A %-d %B")), theme.header_label));
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
            lines.push(Line::styled("  nothing else", theme.dim));
        }
        for other in that_day {
            let time = match &other.time {
                Some(EventTime::Timed { start, end }) => {
                    format!("{}–{}", in_zone(start, &zone).format("%H:%M"), in_zone(end, &zone).format("%H:%M"))
                }
                _ => "all day".to_owned(),
            };
            let subject = crate::tui::view::calendar::subject(other);
            let mut spans = vec![Span::raw(format!("  {time:<11} {subject}"))];
            if conflicts(event, other) {
                spans.push(Span::styled("  ⚠ at the same time", theme.error));
            }
            lines.push(Line::from(spans));
        }
    }
    if !event.is_organizer && doc.kind.as_deref() != Some("meetingCancelled") {
        lines.push(Line::styled(answer_keys(store), theme.dim));
    }
    lines
}
