//! Mailbox settings as the app sees them (learn.microsoft.com resources/mailboxsettings):
//! automatic replies in the app's words, the mailbox's zone, working hours and language, and
//! the lines both faces show (`o365 settings`, the interface's settings screen).
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::Body;
use super::time_zones::{format_in_zone, to_date_time_time_zone, to_instant_lenient};
use crate::render;
use o365_graph::dto::{self, AutomaticRepliesStatus, ExternalAudienceScope};

/// When automatic replies go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RepliesState {
    Off,
    On,
    Scheduled { start: DateTime<Utc>, end: DateTime<Utc> },
}

/// Who outside the organisation gets the external reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Audience {
    Nobody,
    Contacts,
    All,
}

impl Audience {
    pub fn describe(self) -> &'static str {
        match self {
            Audience::Nobody => "no one outside",
            Audience::Contacts => "your contacts outside",
            Audience::All => "everyone outside",
        }
    }
}

/// Automatic replies; the messages as text (the service keeps HTML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AutoReplies {
    pub state: RepliesState,
    pub audience: Audience,
    pub internal: String,
    pub external: String,
}

/// Working hours: days (`monday`...) and times of day (`08:00`) in their zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkingHours {
    pub days: Vec<String>,
    pub start: String,
    pub end: String,
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailboxSettings {
    pub replies: AutoReplies,
    pub time_zone: Option<String>,
    pub working_hours: Option<WorkingHours>,
    /// "English (United States)", with its tag.
    pub language: Option<(String, String)>,
}

/// `08:30:00.0000000` (Graph's timeOfDay) as `08:30`; anything else as it came.
fn time_of_day(text: &str) -> &str {
    match text.get(..5) {
        Some(short) if chrono::NaiveTime::parse_from_str(text, "%H:%M:%S%.f").is_ok() => short,
        _ => text,
    }
}

/// A message as the service keeps it, as text.
fn message_text(html: &Option<String>) -> String {
    match html.as_deref().map(str::trim) {
        None | Some("") => String::new(),
        Some(html) => render::body_text(&Body::Html(html.to_owned()), 76).trim_end().to_owned(),
    }
}

/// Text as the HTML Outlook keeps a reply in: escaped, lines kept.
pub fn text_to_html(text: &str) -> String {
    let escaped = text.trim_end().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!("<html><body>{}</body></html>", escaped.replace('\n', "<br>\n"))
}

impl From<&dto::AutomaticRepliesSetting> for AutoReplies {
    fn from(value: &dto::AutomaticRepliesSetting) -> Self {
        let instant =
            |v: &Option<dto::DateTimeTimeZone>| v.as_ref().and_then(to_instant_lenient).map(|i| i.with_timezone(&Utc));
        let state = match &value.status {
            Some(AutomaticRepliesStatus::AlwaysEnabled) => RepliesState::On,
            Some(AutomaticRepliesStatus::Scheduled) => {
                match (instant(&value.scheduled_start_date_time), instant(&value.scheduled_end_date_time)) {
                    (Some(start), Some(end)) => RepliesState::Scheduled { start, end },
                    _ => RepliesState::On,
                }
            }
            _ => RepliesState::Off,
        };
        let audience = match &value.external_audience {
            Some(ExternalAudienceScope::NoOne) => Audience::Nobody,
            Some(ExternalAudienceScope::ContactsOnly) => Audience::Contacts,
            _ => Audience::All,
        };
        AutoReplies {
            state,
            audience,
            internal: message_text(&value.internal_reply_message),
            external: message_text(&value.external_reply_message),
        }
    }
}

impl AutoReplies {
    /// The change to send: the state, and the messages and audience when `with_messages`.
    pub fn to_dto(&self, with_messages: bool) -> dto::AutomaticRepliesSetting {
        let (status, start, end) = match self.state {
            RepliesState::Off => (AutomaticRepliesStatus::Disabled, None, None),
            RepliesState::On => (AutomaticRepliesStatus::AlwaysEnabled, None, None),
            RepliesState::Scheduled { start, end } => (
                AutomaticRepliesStatus::Scheduled,
                Some(to_date_time_time_zone(&start)),
                Some(to_date_time_time_zone(&end)),
            ),
        };
        let audience = match self.audience {
            Audience::Nobody => ExternalAudienceScope::NoOne,
            Audience::Contacts => ExternalAudienceScope::ContactsOnly,
            Audience::All => ExternalAudienceScope::All,
        };
        dto::AutomaticRepliesSetting {
            status: Some(status),
            scheduled_start_date_time: start,
            scheduled_end_date_time: end,
            external_audience: with_messages.then_some(audience),
            internal_reply_message: with_messages.then(|| text_to_html(&self.internal)),
            external_reply_message: with_messages.then(|| text_to_html(&self.external)),
        }
    }

    /// "off", "on", "on from ... until ..." in the user's zone.
    pub fn describe_state(&self, zone: &Tz) -> String {
        match self.state {
            RepliesState::Off => "off".to_owned(),
            RepliesState::On => "on".to_owned(),
            RepliesState::Scheduled { start, end } => {
                let at = |t: &DateTime<Utc>| format_in_zone(t, zone, "%Y-%m-%d %H:%M");
                format!("scheduled from {} until {}", at(&start), at(&end))
            }
        }
    }
}

impl From<&dto::MailboxSettings> for MailboxSettings {
    fn from(value: &dto::MailboxSettings) -> Self {
        let working_hours = value.working_hours.as_ref().map(|w| WorkingHours {
            days: w.days_of_week.clone(),
            start: w.start_time.as_deref().map(|t| t.chars().take(5).collect()).unwrap_or_default(),
            end: w.end_time.as_deref().map(|t| t.chars().take(5).collect()).unwrap_or_default(),
            zone: w.time_zone.as_ref().and_then(|z| z.name.clone()).unwrap_or_default(),
        });
        MailboxSettings {
            replies: value.automatic_replies_setting.as_ref().map(AutoReplies::from).unwrap_or(AutoReplies {
                state: RepliesState::Off,
                audience: Audience::All,
                internal: String::new(),
                external: String::new(),
            }),
            time_zone: value.time_zone.clone().filter(|z| !z.is_empty()),
            working_hours,
            language: value.language.as_ref().and_then(|l| {
                let tag = l.locale.clone()?;
                Some((l.display_name.clone().unwrap_or_else(|| tag.clone()), tag))
            }),
        }
    }
}

/// `monday, tuesday, ... friday` → `Mon–Fri` when the days follow each other, else `Mon, Wed`.
fn days(days: &[String]) -> String {
    const WEEK: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let short = |d: &str| d.get(..3).map(|s| format!("{}{}", s[..1].to_uppercase(), &s[1..])).unwrap_or_default();
    let mut at: Vec<usize> = days.iter().filter_map(|d| WEEK.iter().position(|w| w.eq_ignore_ascii_case(d))).collect();
    at.sort_unstable();
    let consecutive = at.windows(2).all(|w| w[1] == w[0] + 1);
    match at.as_slice() {
        [] => "no days".to_owned(),
        [one] => short(WEEK[*one]),
        [first, .., last] if consecutive => format!("{}–{}", short(WEEK[*first]), short(WEEK[*last])),
        many => many.iter().map(|i| short(WEEK[*i])).collect::<Vec<_>>().join(", "),
    }
}

impl MailboxSettings {
    /// Label and value lines, the messages as indented text lines after their label.
    pub fn lines(&self, zone: &Tz) -> Vec<(String, String)> {
        let r = &self.replies;
        let mut lines = vec![("Automatic replies".to_owned(), r.describe_state(zone))];
        lines.push(("Replies go to".to_owned(), format!("your organisation and {}", r.audience.describe())));
        for (label, text) in [("Inside", &r.internal), ("Outside", &r.external)] {
            let mut first = true;
            for line in if text.is_empty() { vec!["(no message)"] } else { text.lines().collect() } {
                lines.push((if first { label.to_owned() } else { String::new() }, line.to_owned()));
                first = false;
            }
        }
        lines.push(("Time zone".to_owned(), self.time_zone.clone().unwrap_or_else(|| "(not set)".into())));
        if let Some(w) = &self.working_hours {
            let (start, end) = (time_of_day(&w.start), time_of_day(&w.end));
            lines.push(("Working hours".to_owned(), format!("{} {start}–{end} ({})", days(&w.days), w.zone)));
        }
        if let Some((name, tag)) = &self.language {
            lines.push(("Language".to_owned(), format!("{name} ({tag})")));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_hours_show_hours_and_minutes() {
        assert_eq!(time_of_day("08:30:00.0000000"), "08:30");
        assert_eq!(time_of_day("17:00:00"), "17:00");
        assert_eq!(time_of_day("soon"), "soon");
    }

    #[test]
    fn replies_go_both_ways_and_describe_themselves() {
        let start = "2026-03-16T08:00:00Z".parse().unwrap();
        let end = "2026-03-20T18:00:00Z".parse().unwrap();
        let replies = AutoReplies {
            state: RepliesState::Scheduled { start, end },
            audience: Audience::Contacts,
            internal: "Away <until> Friday.\nAsk Ben.".into(),
            external: String::new(),
        };
        let wire = replies.to_dto(true);
        assert_eq!(
            wire.internal_reply_message.as_deref(),
            Some("<html><body>Away &lt;until&gt; Friday.<br>\nAsk Ben.</body></html>")
        );
        let back = AutoReplies::from(&wire);
        assert_eq!(back, replies);
        assert_eq!(
            back.describe_state(&chrono_tz::Europe::Berlin),
            "scheduled from 2026-03-16 09:00 until 2026-03-20 19:00"
        );
        assert_eq!(replies.to_dto(false).internal_reply_message, None);
        assert_eq!(
            days(&["monday".into(), "tuesday".into(), "wednesday".into(), "thursday".into(), "friday".into()]),
            "Mon–Fri"
        );
        assert_eq!(days(&["sunday".into(), "wednesday".into()]), "Wed, Sun");
    }
}
