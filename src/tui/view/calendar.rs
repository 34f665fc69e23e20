//! The calendar pane: the agenda (day headings in the user's zone, all-day events first, times
//! local; only the rows in view are drawn) and the selected event's detail (lines already
//! built and sanitised in the store).
use chrono::NaiveDate;
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

mod week;

use super::{cell, message_line, pane_block};
use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime};
use crate::sanitize;
use crate::tui::loadable::Loadable;
use crate::tui::store::calendar::AGENDA_DAYS;
use crate::tui::store::{AgendaRow, CalendarFocus, Store};
use crate::tui::theme::Theme;

pub struct CalendarView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl Widget for CalendarView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let calendar = &self.store.calendar;
        let layout = crate::tui::layout::calendar::split(area, calendar.focus, calendar.week_grid);
        if let Some(area) = layout.agenda {
            self.agenda(area, buf);
        }
        if let Some(area) = layout.detail {
            self.detail(area, buf);
        }
    }
}

/// "09:00–10:00" in the user's zone, "all day", or "?" without a time; a bound on another
/// day than the row's carries its date.
fn time_label(event: &Event, day: NaiveDate, zone: &Tz) -> String {
    match &event.time {
        None => "?".to_owned(),
        Some(EventTime::AllDay { .. }) => "all day".to_owned(),
        Some(EventTime::Timed { start, end }) => {
            let show = |t: &chrono::DateTime<chrono::FixedOffset>| {
                let local = in_zone(t, zone);
                let format = if local.date_naive() == day { "%H:%M" } else { "%d/%m %H:%M" };
                local.format(format).to_string()
            };
            format!("{}–{}", show(start), show(end))
        }
    }
}

impl CalendarView<'_> {
    fn title(&self) -> String {
        match self.store.calendar.week_start {
            Some(start) => {
                let last = start + chrono::TimeDelta::days(AGENDA_DAYS - 1);
                let what = if self.store.calendar.week_grid { "Week" } else { "Agenda" };
                format!("{what} · {} – {}", start.format("%a %-d %b"), last.format("%a %-d %b %Y"))
            }
            None => "Agenda".to_owned(),
        }
    }

    fn agenda(&self, area: Rect, buf: &mut Buffer) {
        let calendar = &self.store.calendar;
        let focused = calendar.focus == CalendarFocus::Agenda;
        let block = pane_block(Line::styled(self.title(), self.theme.title), focused, self.theme);
        let mut inner = block.inner(area);
        block.render(area, buf);
        if calendar.filter.is_active() && !calendar.week_grid {
            // The filter takes the last row of the list.
            inner.height = inner.height.saturating_sub(1);
            let matching = calendar.agenda.ready().map_or(0, |a| {
                let mut ids: Vec<usize> = a
                    .rows
                    .iter()
                    .filter_map(|r| match r {
                        AgendaRow::Event { index, .. } => Some(*index),
                        _ => None,
                    })
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids.len()
            });
            let row = Rect { y: inner.y + inner.height, height: 1, ..inner };
            Line::styled(calendar.filter.status_line(matching), self.theme.marks).render(row, buf);
        }
        let agenda = match &calendar.agenda {
            Loadable::Idle => return message_line("No week chosen yet".into(), self.theme.dim, inner, buf),
            Loadable::Loading { .. } => return message_line("Loading the agenda…".into(), self.theme.dim, inner, buf),
            Loadable::Failed { reason, .. } => {
                let text = format!("Could not load the agenda: {} (r retries)", sanitize::line(reason));
                return message_line(text, self.theme.error, inner, buf);
            }
            Loadable::Ready(agenda) => agenda,
        };
        if let (true, Some(week_start)) = (calendar.week_grid, calendar.week_start) {
            let selected_id = calendar.selected_event().map(|e| e.id.as_str());
            let (today, zone, theme) = (calendar.today, self.store.zone, self.theme);
            return week::WeekGrid { agenda, week_start, today, selected_id, zone, theme }.render(inner, buf);
        }
        if !agenda.has_events() {
            let text = if calendar.filter.text.is_empty() {
                "Nothing planned this week ([ and ] change the week)"
            } else {
                "No event this week matches the filter (Esc clears it)"
            };
            return message_line(text.into(), self.theme.dim, inner, buf);
        }
        let width = usize::from(inner.width);
        let cursor = calendar.cursor;
        let end = (cursor.offset + usize::from(inner.height)).min(agenda.rows.len());
        for (y, index) in (cursor.offset..end).enumerate() {
            let line = match agenda.rows[index] {
                AgendaRow::Day(day) => {
                    let mut heading = day.format("%A %-d %B").to_string();
                    if calendar.today == Some(day) {
                        heading.push_str(" · today");
                    }
                    Line::styled(heading, self.theme.header_label)
                }
                AgendaRow::NoEvents => Line::styled("  no events", self.theme.dim),
                AgendaRow::Event { index: event, day } => {
                    let Some(event) = agenda.events.get(event) else { continue };
                    self.event_row(event, day, width, index == cursor.selected)
                }
            };
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }

    fn event_row(&self, event: &Event, day: NaiveDate, width: usize, selected: bool) -> Line<'static> {
        let time = time_label(event, day, &self.store.zone);
        let time_width = if time.chars().count() > 11 { time.chars().count() } else { 11 };
        let mut text = if event.subject.is_empty() {
            "(no subject)".to_owned()
        } else {
            sanitize::line(&event.subject).into_owned()
        };
        if event.is_cancelled {
            text = format!("✕ {text}");
        }
        if let Some(location) = &event.location {
            text.push_str(&format!(" · {}", sanitize::line(location)));
        }
        let base = if selected { self.theme.selected } else { Default::default() };
        let dim = if selected { base } else { self.theme.dim };
        let rest = width.saturating_sub(2 + time_width + 1);
        Line::from(vec![
            Span::styled("  ", base),
            Span::styled(cell(&time, time_width), dim),
            Span::styled(" ", base),
            Span::styled(cell(&text, rest), base),
        ])
    }

    fn detail(&self, area: Rect, buf: &mut Buffer) {
        let calendar = &self.store.calendar;
        let focused = calendar.focus == CalendarFocus::Detail;
        let block = pane_block(Line::styled("Event", self.theme.title), focused, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(doc) = &calendar.detail else {
            let text = if calendar.agenda.ready().is_some() { "No event selected" } else { "" };
            return message_line(text.into(), self.theme.dim, inner, buf);
        };
        let label = self.theme.header_label;
        let visible = doc.lines.iter().skip(doc.scroll).take(usize::from(inner.height));
        for (y, (name, value)) in visible.enumerate() {
            let line = if name.is_empty() {
                Line::raw(value.as_str())
            } else {
                Line::from(vec![Span::styled(format!("{name:<11}"), label), Span::raw(value.as_str())])
            };
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }
}
