//! The month grid: six weeks of day cells from the Monday on or before the first, weekday names
//! on top; each cell its day's number (today marked, days of other months dim) and as many of
//! its events as fit (all-day first, then by start, each in its calendar's colour, the selected
//! one reversed), then "+N more". Only what fits is drawn, so 2,000 events cost one walk of the
//! agenda's rows.
use chrono::{Datelike, NaiveDate, TimeDelta};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::{cell, message_line};
use super::grid::events_by_day;
use super::{event_style, subject};
use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime};
use crate::tui::store::calendar::{Agenda, CalendarState, MONTH_DAYS};
use crate::tui::theme::Theme;

/// Narrower cells cannot show a day number and a word.
const MIN_CELL_WIDTH: u16 = 6;

pub struct MonthGrid<'a> {
    pub calendar: &'a CalendarState,
    pub agenda: &'a Agenda,
    /// The first day drawn (a Monday).
    pub first: NaiveDate,
    /// A day of the month the grid is about.
    pub month: NaiveDate,
    pub today: Option<NaiveDate>,
    pub selected_id: Option<&'a str>,
    pub zone: Tz,
    pub theme: &'a Theme,
}

impl MonthGrid<'_> {
    /// One event's line in a cell: its start time (when timed and it starts that day) and subject.
    fn event_text(&self, event: &Event, day: NaiveDate) -> String {
        match &event.time {
            Some(EventTime::Timed { start, .. }) => {
                let local = in_zone(start, &self.zone);
                if local.date_naive() == day {
                    format!("{} {}", local.format("%H:%M"), subject(event))
                } else {
                    format!("… {}", subject(event))
                }
            }
            _ => subject(event),
        }
    }
}

impl Widget for MonthGrid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let cell_width = area.width / 7;
        let cell_height = area.height.saturating_sub(1) / 6;
        if cell_width < MIN_CELL_WIDTH || cell_height < 2 {
            let text = "The month grid needs a larger window (m shows the agenda list)";
            return message_line(text.into(), self.theme.dim, area, buf);
        }
        for (d, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].iter().enumerate() {
            buf.set_string(
                area.x + d as u16 * cell_width,
                area.y,
                cell(name, usize::from(cell_width)),
                self.theme.header_label,
            );
        }
        let by_day = events_by_day(self.agenda, self.first, MONTH_DAYS);
        let width = usize::from(cell_width.saturating_sub(1));
        for (offset, events) in by_day.iter().enumerate() {
            let day = self.first + TimeDelta::days(offset as i64);
            let (week, weekday) = ((offset / 7) as u16, (offset % 7) as u16);
            let x = area.x + weekday * cell_width;
            let top = area.y + 1 + week * cell_height;
            let in_month = day.month() == self.month.month() && day.year() == self.month.year();
            let number_style = match (self.today == Some(day), in_month) {
                (true, _) => self.theme.selected.patch(self.theme.title),
                (false, true) => self.theme.header_label,
                (false, false) => self.theme.dim,
            };
            let number = if self.today == Some(day) { format!("{} today", day.day()) } else { day.day().to_string() };
            buf.set_string(x, top, crate::human::fit(&number, width), number_style);
            let room = usize::from(cell_height - 1);
            let shown = if events.len() > room { room.saturating_sub(1) } else { events.len() };
            for (line, event) in events.iter().take(shown).enumerate() {
                let selected = Some(event.id.as_str()) == self.selected_id;
                let style = event_style(self.calendar, event, selected, self.theme);
                let text = cell(&self.event_text(event, day), width);
                Line::from(Span::styled(text, style))
                    .render(Rect::new(x, top + 1 + line as u16, cell_width - 1, 1), buf);
            }
            if events.len() > shown {
                let more = format!("+{} more", events.len() - shown);
                buf.set_string(x, top + 1 + shown as u16, crate::human::fit(&more, width), self.theme.dim);
            }
        }
    }
}
