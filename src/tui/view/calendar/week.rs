//! The week grid: seven day columns under their dates, all-day events on top, timed events
//! as bars down the hours they take (in the user's zone), the selected one highlighted. The
//! hours shown cover the working day and every event of the week; when they do not fit, the
//! grid scrolls to keep the selected event in view.
use chrono::{NaiveDate, NaiveTime, TimeDelta};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::{cell, message_line};
use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime};
use crate::sanitize;
use crate::tui::store::calendar::{AGENDA_DAYS, Agenda};
use crate::tui::theme::Theme;

/// The hours always shown, so an empty week still looks like a working week.
const WORKDAY: (u32, u32) = (8, 18);
const GUTTER: u16 = 6;
/// Narrower day columns cannot show anything readable.
const MIN_DAY_WIDTH: u16 = 8;
/// All-day lines at most; more become "+N".
const ALL_DAY_LINES: usize = 2;

pub struct WeekGrid<'a> {
    pub agenda: &'a Agenda,
    pub week_start: NaiveDate,
    pub today: Option<NaiveDate>,
    pub selected_id: Option<&'a str>,
    pub zone: Tz,
    pub theme: &'a Theme,
}

/// A timed event's minutes within one day: `[start, end)` from midnight, clipped to the day.
fn minutes_on(event: &Event, day: NaiveDate, zone: &Tz) -> Option<(u32, u32)> {
    let Some(EventTime::Timed { start, end }) = &event.time else { return None };
    let (start, end) = (in_zone(start, zone).naive_local(), in_zone(end, zone).naive_local());
    let day_start = day.and_time(NaiveTime::MIN);
    let day_end = day_start + TimeDelta::days(1);
    if end <= day_start || start >= day_end {
        return None;
    }
    let minutes = |t: chrono::NaiveDateTime| (t.clamp(day_start, day_end) - day_start).num_minutes() as u32;
    Some((minutes(start), minutes(end).max(minutes(start) + 1)))
}

fn covers_all_day(event: &Event, day: NaiveDate) -> bool {
    matches!(&event.time, Some(EventTime::AllDay { start, end_exclusive }) if *start <= day && day < *end_exclusive)
}

fn subject(event: &Event) -> String {
    if event.subject.is_empty() { "(no subject)".to_owned() } else { sanitize::line(&event.subject).into_owned() }
}

impl WeekGrid<'_> {
    fn days(&self) -> Vec<NaiveDate> {
        (0..AGENDA_DAYS).map(|d| self.week_start + TimeDelta::days(d)).collect()
    }

    fn style_of(&self, event: &Event) -> Style {
        if Some(event.id.as_str()) == self.selected_id { self.theme.selected } else { self.theme.marks }
    }

    /// First and last hour drawn: the working day widened to every timed event of the week.
    fn hours(&self, days: &[NaiveDate]) -> (u32, u32) {
        let (mut first, mut last) = WORKDAY;
        for event in &self.agenda.events {
            for day in days {
                if let Some((start, end)) = minutes_on(event, *day, &self.zone) {
                    first = first.min(start / 60);
                    last = last.max(end.div_ceil(60));
                }
            }
        }
        (first, last.min(24))
    }
}

impl Widget for WeekGrid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let day_width = area.width.saturating_sub(GUTTER) / AGENDA_DAYS as u16;
        if day_width < MIN_DAY_WIDTH || area.height < 4 {
            let text = "The week grid needs a wider window (w shows the agenda list)";
            return message_line(text.into(), self.theme.dim, area, buf);
        }
        let days = self.days();
        let column_x = |d: usize| area.x + GUTTER + d as u16 * day_width;
        let mut y = area.y;
        for (d, day) in days.iter().enumerate() {
            let style = if self.today == Some(*day) { self.theme.title } else { self.theme.header_label };
            let label = cell(&day.format("%a %-d").to_string(), usize::from(day_width));
            buf.set_string(column_x(d), y, label, style);
        }
        y += 1;
        y = self.all_day_rows(&days, area, y, day_width, buf);
        let (first, last) = self.hours(&days);
        let rows = usize::from(area.bottom().saturating_sub(y));
        if rows == 0 {
            return;
        }
        let hours = (last - first) as usize;
        // Half-hour rows when there is room for them, hour rows otherwise.
        let per_hour = if hours * 2 <= rows { 2 } else { 1 };
        let slot_minutes = 60 / per_hour as u32;
        let slots = hours * per_hour;
        let scroll = self.scroll_for(&days, first, slot_minutes, slots, rows);
        for row in 0..rows.min(slots - scroll) {
            let slot = scroll + row;
            let from = first * 60 + slot as u32 * slot_minutes;
            let line_y = y + row as u16;
            if from.is_multiple_of(60) {
                buf.set_string(area.x, line_y, format!("{:02}:00", from / 60), self.theme.dim);
            }
            for (d, day) in days.iter().enumerate() {
                let text = self.slot_text(*day, from, slot_minutes, usize::from(day_width));
                Line::from(text).render(Rect::new(column_x(d), line_y, day_width, 1), buf);
            }
        }
    }
}

impl WeekGrid<'_> {
    /// The all-day strip; returns the row below it.
    fn all_day_rows(&self, days: &[NaiveDate], area: Rect, mut y: u16, day_width: u16, buf: &mut Buffer) -> u16 {
        let per_day: Vec<Vec<&Event>> =
            days.iter().map(|day| self.agenda.events.iter().filter(|e| covers_all_day(e, *day)).collect()).collect();
        let lines = per_day.iter().map(Vec::len).max().unwrap_or(0).min(ALL_DAY_LINES);
        for line in 0..lines {
            if y >= area.bottom() {
                break;
            }
            for (d, events) in per_day.iter().enumerate() {
                let x = area.x + GUTTER + d as u16 * day_width;
                let more = events.len().saturating_sub(ALL_DAY_LINES - 1);
                let text = match events.get(line) {
                    Some(_) if line == ALL_DAY_LINES - 1 && more > 1 => {
                        Span::styled(format!("+{more}"), self.theme.dim)
                    }
                    Some(event) => {
                        Span::styled(cell(&subject(event), usize::from(day_width) - 1), self.style_of(event))
                    }
                    None => continue,
                };
                Line::from(text).render(Rect::new(x, y, day_width - 1, 1), buf);
            }
            y += 1;
        }
        y
    }

    /// One day's cell for the slot starting at `from` minutes: the first event running then,
    /// with its start time and subject on the row where it begins, a bar below; "+" when
    /// others overlap it.
    fn slot_text(&self, day: NaiveDate, from: u32, slot: u32, width: usize) -> Vec<Span<'static>> {
        let mut running: Vec<(&Event, u32)> = self
            .agenda
            .events
            .iter()
            .filter_map(|e| minutes_on(e, day, &self.zone).map(|(start, end)| (e, start, end)))
            .filter(|(_, start, end)| *start < from + slot && *end > from)
            .map(|(e, start, _)| (e, start))
            .collect();
        running.sort_by_key(|(e, start)| (*start, Some(e.id.as_str()) != self.selected_id));
        let Some(&(event, start)) = running.first() else { return Vec::new() };
        let style = self.style_of(event);
        let overlap = if running.len() > 1 { "+" } else { "" };
        let room = width.saturating_sub(2 + overlap.len());
        let text = if start >= from || from == 0 {
            let at = NaiveTime::from_num_seconds_from_midnight_opt(start.min(24 * 60 - 1) * 60, 0).unwrap_or_default();
            format!("{} {}", at.format("%H:%M"), subject(event))
        } else {
            String::new()
        };
        vec![
            Span::styled("▌", style),
            Span::styled(cell(&text, room), style),
            Span::styled(overlap.to_owned(), self.theme.dim),
        ]
    }

    /// The first slot drawn: 0, or later so that the selected event's start is in view.
    fn scroll_for(&self, days: &[NaiveDate], first: u32, slot: u32, slots: usize, rows: usize) -> usize {
        let Some(selected) = self.selected_id.and_then(|id| self.agenda.events.iter().find(|e| e.id == id)) else {
            return 0;
        };
        let Some((start, _)) = days.iter().find_map(|day| minutes_on(selected, *day, &self.zone)) else { return 0 };
        let slot_of_start = ((start.saturating_sub(first * 60)) / slot) as usize;
        if slot_of_start < rows { 0 } else { (slot_of_start + 2).saturating_sub(rows).min(slots.saturating_sub(rows)) }
    }
}
