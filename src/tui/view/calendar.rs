//! The calendar pane: the calendars (each in its Graph colour, shown or hidden), the period
//! (the agenda list, or a day, week or month grid; events in their calendar's colour, today
//! marked) and the selected event's detail (lines already built and sanitised in the store);
//! the free/busy view in place of the period, the event form over everything.
use chrono::NaiveDate;
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub mod form;
mod free_busy;
mod grid;
pub mod invitation;
mod month;

use super::{cell, message_line, pane_block};
use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime};
use crate::sanitize;
use crate::tui::loadable::Loadable;
use crate::tui::store::calendar::CalendarState;
use crate::tui::store::{AgendaRow, CalendarFocus, CalendarView as View, Store};
use crate::tui::theme::Theme;

pub struct CalendarView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl Widget for CalendarView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let calendar = &self.store.calendar;
        let layout = crate::tui::layout::calendar::split(area, calendar.focus, calendar.layout_view());
        if let Some(area) = layout.calendars {
            self.calendars(area, buf);
        }
        if let Some(area) = layout.agenda {
            match &calendar.free_busy {
                Some(view) => {
                    free_busy::FreeBusyView { view, zone: self.store.zone, theme: self.theme }.render(area, buf)
                }
                None => self.agenda(area, buf),
            }
        }
        if let Some(area) = layout.detail {
            self.detail(area, buf);
        }
    }
}

/// `#RRGGBB` as a terminal colour.
pub fn hex_colour(hex: &str) -> Option<Color> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// How an event is drawn: in its calendar's colour; the selected one reversed.
pub fn event_style(calendar: &CalendarState, event: &Event, selected: bool, theme: &Theme) -> Style {
    let colour = calendar.colour_of(event).and_then(hex_colour);
    let base = match colour {
        Some(colour) => Style::default().fg(colour),
        None => theme.marks,
    };
    if selected { base.patch(theme.selected) } else { base }
}

pub use crate::render::event::subject_line as subject;

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
        let calendar = &self.store.calendar;
        let (Some(start), Some(anchor)) = (calendar.week_start, calendar.anchor.or(calendar.week_start)) else {
            return calendar.view.title().to_owned();
        };
        let last = start + chrono::TimeDelta::days(calendar.days.max(1) - 1);
        match calendar.view {
            View::Day => format!("Day · {}", start.format("%A %-d %B %Y")),
            View::Month => format!("Month · {}", anchor.format("%B %Y")),
            view => format!("{} · {} – {}", view.title(), start.format("%a %-d %b"), last.format("%a %-d %b %Y")),
        }
    }

    fn calendars(&self, area: Rect, buf: &mut Buffer) {
        let calendar = &self.store.calendar;
        let focused = calendar.focus == CalendarFocus::Calendars;
        let block = pane_block(Line::styled("Calendars", self.theme.title), focused, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if calendar.calendars.is_empty() {
            let text = if calendar.agenda.is_loading() { "Loading…" } else { "" };
            return message_line(text.into(), self.theme.dim, inner, buf);
        }
        let cursor = calendar.calendar_cursor;
        let width = usize::from(inner.width);
        let rows = calendar.calendars.iter().enumerate().skip(cursor.offset).take(usize::from(inner.height));
        for (y, (index, c)) in rows.enumerate() {
            let shown = !calendar.hidden.contains(&c.id);
            let colour = c.color.as_deref().and_then(hex_colour).map_or(self.theme.marks, |c| Style::default().fg(c));
            let mark = if shown { "■ " } else { "□ " };
            let selected = focused && index == cursor.selected;
            let name_style = match (selected, shown) {
                (true, _) => self.theme.selected,
                (false, true) => Style::default(),
                (false, false) => self.theme.dim,
            };
            let line = Line::from(vec![
                Span::styled(mark, colour),
                Span::styled(cell(&sanitize::line(&c.name), width.saturating_sub(2)), name_style),
            ]);
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }

    fn agenda(&self, area: Rect, buf: &mut Buffer) {
        let calendar = &self.store.calendar;
        let focused = calendar.focus == CalendarFocus::Agenda;
        let block = pane_block(Line::styled(self.title(), self.theme.title), focused, self.theme);
        let mut inner = block.inner(area);
        block.render(area, buf);
        if calendar.filter.is_active() && !calendar.is_grid() {
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
        let selected_id = calendar.selected_event().map(|e| e.id.as_str());
        let (today, zone, theme) = (calendar.today, self.store.zone, self.theme);
        if let (true, Some(first)) = (calendar.is_grid(), calendar.week_start) {
            return match calendar.view {
                View::Month => {
                    let month = calendar.anchor.unwrap_or(first);
                    month::MonthGrid { calendar, agenda, first, month, today, selected_id, zone, theme }
                        .render(inner, buf)
                }
                _ => {
                    let days = calendar.days.max(1);
                    grid::DayGrid { calendar, agenda, first, days, today, selected_id, zone, theme }.render(inner, buf)
                }
            };
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
        let calendar = &self.store.calendar;
        let time = time_label(event, day, &self.store.zone);
        let time_width = if time.chars().count() > 11 { time.chars().count() } else { 11 };
        let mut text = subject(event);
        if let Some(location) = &event.location {
            text.push_str(&format!(" · {}", sanitize::line(location)));
        }
        let base = if selected { self.theme.selected } else { Default::default() };
        let dim = if selected { base } else { self.theme.dim };
        let rest = width.saturating_sub(2 + time_width + 1);
        Line::from(vec![
            Span::styled("▌ ", event_style(calendar, event, false, self.theme)),
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
        let colour = calendar.selected_event().map(|e| event_style(calendar, e, false, self.theme));
        let visible = doc.lines.iter().skip(doc.scroll).take(usize::from(inner.height));
        for (y, (name, value)) in visible.enumerate() {
            let line = match (*name, colour) {
                ("", _) => Line::raw(value.as_str()),
                ("Calendar:", Some(colour)) => Line::from(vec![
                    Span::styled(format!("{name:<11}"), label),
                    Span::styled("■ ", colour),
                    Span::raw(value.as_str()),
                ]),
                _ => Line::from(vec![Span::styled(format!("{name:<11}"), label), Span::raw(value.as_str())]),
            };
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }
}
