//! The status bar: account, what is loading, the last error or notice, key hints generated
//! from the keymap.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::sanitize;
use crate::tui::action::{Action, Pane};
use crate::tui::keymap::Keymap;
use crate::tui::store::Store;
use crate::tui::theme::Theme;

pub struct StatusView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

/// The focused pane's most useful actions, with what the hint says.
fn pane_hints(pane: Pane) -> &'static [(Action, &'static str)] {
    match pane {
        Pane::Mail => &[(Action::Open, "open"), (Action::StartFilter, "filter"), (Action::Refresh, "refresh")],
        Pane::Calendar => &[
            (Action::Add, "new event"),
            (Action::Calendar(crate::tui::action::CalendarAction::CycleView), "view"),
            (Action::GoToDate, "date"),
        ],
        Pane::Drive => &[(Action::Open, "open"), (Action::Back, "up"), (Action::ToggleDetails, "details")],
        Pane::Tasks => &[(Action::Add, "add"), (Action::ToggleDone, "done"), (Action::Delete, "delete")],
        Pane::People => &[
            (Action::StartFilter, "search"),
            (Action::People(crate::tui::action::PeopleAction::WriteTo), "write"),
            (Action::Add, "add"),
        ],
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
        // "<Enter>" reads as "Enter" in a hint.
        let plain = |key: &str| key.strip_prefix('<').and_then(|k| k.strip_suffix('>')).unwrap_or(key).to_owned();
        let hint =
            |(action, what): &(Action, &str)| self.keymap.key_in(pane, action).map(|k| format!("{} {what}", plain(k)));
        let mut own: Vec<String> = pane_hints(pane).iter().filter_map(hint).collect();
        let always: Vec<String> =
            [(Action::ToggleHelp, "help"), (Action::Quit, "quit")].iter().filter_map(hint).collect();
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
        let loading = store.loading_what();
        if !loading.is_empty() {
            spans.push(Span::raw(format!("│ loading {} ", loading.join(", "))));
        }
        if let Some(requests) = requests_text(store) {
            spans.push(Span::raw(format!("│ {requests} ")));
        }
        if let Some(notice) = &store.notice {
            let style = if notice.is_error { self.theme.error } else { self.theme.notice };
            spans.push(Span::raw("│ "));
            spans.push(Span::styled(sanitize::line(&notice.text).into_owned(), style));
        }
        let left = Line::from(spans);
        let left_width = left.width();
        let hints = self.hints(usize::from(area.width).saturating_sub(left_width + 1));
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
