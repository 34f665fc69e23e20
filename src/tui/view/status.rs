//! The status bar: account, the local cache's state (offline, last sync), what is loading, the
//! last error or notice, key hints generated from the keymap for the focused column (as the
//! README promises).
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::sanitize;
use crate::tui::action::{Action, Pane};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::store::Store;
use crate::tui::theme::Theme;

pub struct StatusView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

/// The most useful actions of the focused column, with what the hint says.
fn column_hints(store: &Store) -> Vec<(Action, &'static str)> {
    use crate::tui::action::compose::ComposeAction;
    use crate::tui::action::mail_ops::MailOp;
    use crate::tui::action::{CalendarAction, PeopleAction};
    use crate::tui::layout::people::PeopleFocus;
    use crate::tui::store::compose::Kind;
    use crate::tui::store::tasks::TasksFocus;
    use crate::tui::store::{CalendarFocus, MailFocus};
    match store.pane {
        Pane::Mail => match store.mail.focus {
            MailFocus::Folders => {
                vec![
                    (Action::Open, "open"),
                    (Action::Mail(MailOp::NewFolder), "new folder"),
                    (Action::Refresh, "refresh"),
                ]
            }
            MailFocus::Messages => vec![
                (Action::Open, "open"),
                (Action::Mail(MailOp::ToggleMark), "mark"),
                (Action::Compose(ComposeAction::Open(Kind::New)), "write"),
                (Action::StartFilter, "filter"),
            ],
            MailFocus::Reader => vec![
                (Action::Compose(ComposeAction::Open(Kind::Reply)), "reply"),
                (Action::Compose(ComposeAction::Open(Kind::Forward)), "forward"),
                (Action::Mail(MailOp::SaveAttachment), "save file"),
                (Action::Back, "back"),
            ],
        },
        Pane::Calendar if store.calendar.free_busy.is_some() => vec![
            (Action::Calendar(CalendarAction::FindTime), "find a time"),
            (Action::NextWeek, "next day"),
            (Action::Back, "back"),
        ],
        Pane::Calendar => match store.calendar.focus {
            CalendarFocus::Agenda => vec![
                (Action::Open, "detail"),
                (Action::Add, "new event"),
                (Action::Calendar(CalendarAction::CycleView), "view"),
                (Action::NextWeek, "next"),
                (Action::GoToDate, "date"),
                (Action::StartFilter, "filter"),
            ],
            CalendarFocus::Detail => vec![
                (Action::Rename, "edit"),
                (Action::Calendar(CalendarAction::Answer(crate::domain::calendar::Answer::Accept)), "accept"),
                (Action::Back, "agenda"),
            ],
            CalendarFocus::Calendars => {
                vec![(Action::Calendar(CalendarAction::ToggleCalendar), "show/hide"), (Action::Back, "events")]
            }
        },
        Pane::Drive if store.drive.details_open => vec![(Action::Back, "close details")],
        Pane::Drive => vec![
            (Action::Open, "open"),
            (Action::Back, "up"),
            (Action::ToggleDetails, "details"),
            (Action::StartFilter, "filter"),
            (Action::SearchSites, "find sites"),
        ],
        Pane::Tasks if store.tasks.note_editor.is_some() => {
            vec![(Action::NoteSave, "keep"), (Action::NoteCancel, "drop")]
        }
        Pane::Tasks => match store.tasks.focus {
            TasksFocus::Lists => vec![(Action::Open, "tasks"), (Action::Add, "new list"), (Action::Rename, "rename")],
            TasksFocus::Tasks => vec![
                (Action::Add, "add"),
                (Action::ToggleDone, "done"),
                (Action::ToggleCompleted, "completed"),
                (Action::CycleSort, "sort"),
                (Action::StartFilter, "filter"),
            ],
            TasksFocus::Detail => {
                vec![(Action::Add, "add item"), (Action::ToggleDone, "tick"), (Action::EditNote, "note")]
            }
        },
        Pane::People => {
            let write = (Action::People(PeopleAction::WriteTo), "write");
            match store.people.focus {
                PeopleFocus::Sources => {
                    vec![(Action::Open, "open"), (Action::StartFilter, "search"), (Action::Add, "add")]
                }
                PeopleFocus::Entries => vec![
                    (Action::StartFilter, "search"),
                    write,
                    (Action::People(PeopleAction::CopyAddress), "copy"),
                    (Action::Add, "add"),
                    (Action::Rename, "edit"),
                ],
                PeopleFocus::Card => vec![
                    write,
                    (Action::People(PeopleAction::FreeBusy), "free/busy"),
                    (Action::Rename, "edit"),
                    (Action::Back, "back"),
                ],
            }
        }
    }
}

impl StatusView<'_> {
    /// Key hints for the focused pane, then help and quit; the pane's hints are dropped from
    /// the left until the rest fits in `room` columns. None while composing or in the settings
    /// screen: they show their own keys, and the pane's would not work there.
    fn hints(&self, room: usize) -> String {
        if self.store.compose.is_open() || self.store.settings.open {
            return String::new();
        }
        let pane = self.store.pane;
        let note = self.store.tasks.note_editor.is_some();
        // "<Enter>" reads as "Enter" in a hint, "<C-n>" as "Ctrl-N".
        let plain = |key: &str| {
            let key = key.strip_prefix('<').and_then(|k| k.strip_suffix('>')).unwrap_or(key);
            match key.strip_prefix("C-") {
                Some(rest) => format!("Ctrl-{}", rest.to_uppercase()),
                None => key.to_owned(),
            }
        };
        let key_of = |action: &Action| match action {
            Action::NoteSave | Action::NoteCancel => self.keymap.first_key(Context::Note, action),
            _ if note => None,
            _ => self.keymap.key_in(pane, action),
        };
        let hint = |(action, what): &(Action, &str)| key_of(action).map(|k| format!("{} {what}", plain(k)));
        let mut own: Vec<String> = if self.store.typing_filter() {
            // Letters go into the filter then; Enter and Esc are fixed while text is typed.
            vec!["Enter keep".to_owned(), "Esc clear".to_owned()]
        } else {
            column_hints(self.store).iter().filter_map(hint).collect()
        };
        // A long error does not fit the bar: where it is in full is never dropped for the
        // column's hints (at 80 columns "Ctrl-N full error" costs the error a column or two).
        let error = self.store.notice.as_ref().is_some_and(|n| n.is_error);
        let always: Vec<String> = error
            .then_some((Action::ShowNotices, "full error"))
            .iter()
            .chain(&[(Action::ToggleHelp, "help"), (Action::Quit, "quit")])
            .filter_map(hint)
            .collect();
        loop {
            let text = own.iter().chain(&always).cloned().collect::<Vec<_>>().join("  ");
            if own.is_empty() || text.width() < room {
                return text;
            }
            own.remove(0);
        }
    }
}

/// `4 requests, 1 waiting, throttled until 10:01:40`: what the client's budget is doing, when
/// it is doing anything.
fn requests_text(store: &Store) -> Option<String> {
    let load = &store.requests;
    let mut parts = Vec::new();
    if load.in_flight > 0 || load.waiting > 0 {
        let plural = if load.in_flight == 1 { "" } else { "s" };
        parts.push(format!("{} request{plural}", load.in_flight));
    }
    if load.waiting > 0 {
        parts.push(format!("{} waiting", load.waiting));
    }
    if let Some(until) = load.throttled_until {
        parts.push(format!("throttled until {}", until.with_timezone(&store.zone).format("%H:%M:%S")));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

impl Widget for StatusView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let store = self.store;
        buf.set_style(area, self.theme.status);
        let mut spans = vec![Span::raw(format!(" {} ", sanitize::line(&store.account)))];
        // The local cache: offline, syncing, or when the pane's data last synced (issue 10).
        if let Some(sync) = store.sync.status(store.zone, store.pane) {
            let style = if store.sync.offline { self.theme.error } else { self.theme.status };
            spans.push(Span::styled(format!("│ {sync} "), style));
        }
        let loading = store.loading_what();
        if !loading.is_empty() {
            spans.push(Span::raw(format!("│ loading {} ", loading.join(", "))));
        }
        if let Some(requests) = requests_text(store) {
            spans.push(Span::raw(format!("│ {requests} ")));
        }
        let width = usize::from(area.width);
        let before_notice = Line::from(spans.clone()).width();
        // An error keeps at least this much of the bar; past it the hints give way, and what is
        // cut of the error is one key away (Ctrl-N). A note (what just happened: "Saved …",
        // "`cmd` ended") comes before the column's hints, which give way to it.
        const NOTICE_ROOM: usize = 24;
        let hints = match &store.notice {
            Some(notice) => {
                let text = sanitize::line(&notice.text);
                let wanted = before_notice + 2 + text.width();
                let kept = if notice.is_error { wanted.min(before_notice + 2 + NOTICE_ROOM) } else { wanted };
                let room = width.saturating_sub(kept + 1);
                let hints = self.hints(room);
                let left = width.saturating_sub(before_notice + 2 + hints.width() + 2);
                let style = if notice.is_error { self.theme.error } else { self.theme.notice };
                spans.push(Span::raw("│ "));
                spans.push(Span::styled(crate::human::fit(&text, left), style));
                hints
            }
            None => self.hints(width.saturating_sub(before_notice + 1)),
        };
        let left = Line::from(spans);
        let left_width = left.width();
        left.render(area, buf);
        // Hints on the right, when they fit beside the rest.
        let hints_width = hints.width() + 1;
        if left_width + hints_width < usize::from(area.width) {
            let x = area.x + area.width - hints_width as u16;
            Line::raw(hints).render(Rect { x, width: hints_width as u16, ..area }, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::msg::RequestLoad;

    #[test]
    fn the_request_budget_is_said_only_while_busy() {
        let mut store = Store::new("work", chrono_tz::Europe::Paris, 120, 30);
        assert_eq!(requests_text(&store), None);
        let until = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:01:40Z").unwrap().to_utc();
        store.requests = RequestLoad { in_flight: 4, waiting: 1, throttled_until: Some(until) };
        assert_eq!(requests_text(&store).as_deref(), Some("4 requests, 1 waiting, throttled until 10:01:40"));
        store.requests = RequestLoad { in_flight: 1, ..Default::default() };
        assert_eq!(requests_text(&store).as_deref(), Some("1 request"));
    }
}
