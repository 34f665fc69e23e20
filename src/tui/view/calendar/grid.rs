//! The day and week grids: one column per day under its date (today marked), all-day events
//! in their own rows on top, timed events as blocks down the hours they take (in the user's
//! zone), side by side where they overlap, each in its calendar's colour, the selected one
//! reversed. The hours shown cover the working day and every event drawn; when they do not
//! fit, the grid scrolls to keep the selected event in view.
use chrono::{NaiveDate, NaiveTime, TimeDelta};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::{cell, message_line};
use super::{event_style, subject};
use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime};
use crate::tui::store::calendar::{Agenda, AgendaRow, CalendarState};
use crate::tui::theme::Theme;

/// The hours always shown, so an empty week still looks like a working week.
const WORKDAY: (u32, u32) = (8, 18);
const GUTTER: u16 = 6;
/// Narrower day columns cannot show anything readable.
const MIN_DAY_WIDTH: u16 = 8;
/// All-day lines at most; more become "+N".
const ALL_DAY_LINES: usize = 2;

pub struct DayGrid<'a> {
    pub calendar: &'a CalendarState,
    pub agenda: &'a Agenda,
    pub first: NaiveDate,
    pub days: i64,
    pub today: Option<NaiveDate>,
    pub selected_id: Option<&'a str>,
    pub zone: Tz,
    pub theme: &'a Theme,
}

/// A timed event's minutes within one day: `[start, end)` from midnight, clipped to the day.
pub fn minutes_on(event: &Event, day: NaiveDate, zone: &Tz) -> Option<(u32, u32)> {
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

/// A timed event placed in its day: minutes, and its lane among `lanes` side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed<'e> {
    pub event: &'e Event,
    pub start: u32,
    pub end: u32,
    pub lane: usize,
    pub lanes: usize,
}

/// Lays out one day's timed events (sorted by start): each takes the first lane free at its
/// start; events that overlap, directly or through others, share one lane count, so each
/// group of overlapping events divides the column between them.
pub fn lay_out<'e>(events: &[&'e Event], day: NaiveDate, zone: &Tz) -> Vec<Placed<'e>> {
    let mut placed: Vec<Placed<'e>> = Vec::new();
    let mut lane_ends: Vec<u32> = Vec::new();
    let mut group_start = 0;
    let mut group_end = 0;
    for event in events {
        let Some((start, end)) = minutes_on(event, day, zone) else { continue };
        if start >= group_end && !placed.is_empty() {
            // The group before is closed: every member gets its lane count.
            let lanes = lane_ends.len();
            placed[group_start..].iter_mut().for_each(|p| p.lanes = lanes);
            lane_ends.clear();
            group_start = placed.len();
        }
        let lane = match lane_ends.iter().position(|lane_end| *lane_end <= start) {
            Some(free) => {
                lane_ends[free] = end;
                free
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        group_end = if placed.len() == group_start { end } else { group_end.max(end) };
        placed.push(Placed { event, start, end, lane, lanes: 1 });
    }
    let lanes = lane_ends.len().max(1);
    placed[group_start..].iter_mut().for_each(|p| p.lanes = lanes);
    placed
}

/// The events drawn on each day of the window, as the agenda's rows list them (all-day first,
/// then by start; hidden calendars left out).
pub fn events_by_day(agenda: &Agenda, first: NaiveDate, days: i64) -> Vec<Vec<&Event>> {
    let mut out: Vec<Vec<&Event>> = vec![Vec::new(); days.max(0) as usize];
    for row in &agenda.rows {
        if let AgendaRow::Event { index, day } = row
            && let Ok(offset) = usize::try_from((*day - first).num_days())
            && let (Some(list), Some(event)) = (out.get_mut(offset), agenda.events.get(*index))
        {
            list.push(event);
        }
    }
    out
}

impl DayGrid<'_> {
    /// First and last hour drawn: the working day widened to every timed event shown.
    fn hours(&self, placed: &[Vec<Placed>]) -> (u32, u32) {
        let (mut first, mut last) = WORKDAY;
        for p in placed.iter().flatten() {
            first = first.min(p.start / 60);
            last = last.max(p.end.div_ceil(60));
        }
        (first, last.min(24))
    }

    fn header(&self, day: NaiveDate, width: u16) -> String {
        let today = self.today == Some(day);
        let text = match (self.days, today) {
            (1, true) => format!("{} · today", day.format("%A %-d %B")),
            (1, false) => day.format("%A %-d %B").to_string(),
            (_, true) if width >= 13 => format!("{} today", day.format("%a %-d")),
            (_, _) => day.format("%a %-d").to_string(),
        };
        cell(&text, usize::from(width))
    }
}

impl Widget for DayGrid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let columns = self.days.max(1) as u16;
        let day_width = area.width.saturating_sub(GUTTER) / columns;
        if day_width < MIN_DAY_WIDTH || area.height < 4 {
            let text = "The grid needs a wider window (w shows the agenda list)";
            return message_line(text.into(), self.theme.dim, area, buf);
        }
        let days: Vec<NaiveDate> = (0..self.days).map(|d| self.first + TimeDelta::days(d)).collect();
        let by_day = events_by_day(self.agenda, self.first, self.days);
        let column_x = |d: usize| area.x + GUTTER + d as u16 * day_width;
        let mut y = area.y;
        for (d, day) in days.iter().enumerate() {
            let style = if self.today == Some(*day) { self.theme.title } else { self.theme.header_label };
            buf.set_string(column_x(d), y, self.header(*day, day_width), style);
        }
        y += 1;
        let all_day: Vec<Vec<&Event>> = by_day
            .iter()
            .map(|events| events.iter().copied().filter(|e| !matches!(e.time, Some(EventTime::Timed { .. }))).collect())
            .collect();
        y = self.all_day_rows(&all_day, area, y, day_width, buf);
        let placed: Vec<Vec<Placed>> = by_day
            .iter()
            .zip(&days)
            .map(|(events, day)| {
                let timed: Vec<&Event> =
                    events.iter().copied().filter(|e| matches!(e.time, Some(EventTime::Timed { .. }))).collect();
                lay_out(&timed, *day, &self.zone)
            })
            .collect();
        let (mut first, mut last) = self.hours(&placed);
        let rows = usize::from(area.bottom().saturating_sub(y));
        if rows == 0 {
            return;
        }
        // Half-hour rows when there is room for them, hour rows otherwise; spare rows show
        // more of the day (later first, then earlier) rather than stay empty.
        let per_hour = if (last - first) as usize * 2 <= rows { 2 } else { 1 };
        let fits = (rows / per_hour) as u32;
        while last - first < fits && (last < 24 || first > 0) {
            if last < 24 { last += 1 } else { first -= 1 }
        }
        let hours = (last - first) as usize;
        let slot_minutes = 60 / per_hour as u32;
        let slots = hours * per_hour;
        let scroll = self.scroll_for(&placed, first, slot_minutes, slots, rows);
        for row in 0..rows.min(slots.saturating_sub(scroll)) {
            let from = first * 60 + (scroll + row) as u32 * slot_minutes;
            let line_y = y + row as u16;
            if from.is_multiple_of(60) {
                buf.set_string(area.x, line_y, format!("{:02}:00", from / 60), self.theme.dim);
            }
            for (d, day_placed) in placed.iter().enumerate() {
                self.slot(day_placed, (from, slot_minutes, row == 0), column_x(d), line_y, day_width, buf);
            }
        }
    }
}

impl DayGrid<'_> {
    /// The all-day rows; returns the row below them.
    fn all_day_rows(&self, per_day: &[Vec<&Event>], area: Rect, mut y: u16, day_width: u16, buf: &mut Buffer) -> u16 {
        let lines = per_day.iter().map(Vec::len).max().unwrap_or(0).min(ALL_DAY_LINES);
        for line in 0..lines {
            if y >= area.bottom() {
                break;
            }
            if line == 0 {
                buf.set_string(area.x, y, "all", self.theme.dim);
            }
            for (d, events) in per_day.iter().enumerate() {
                let x = area.x + GUTTER + d as u16 * day_width;
                let more = events.len().saturating_sub(ALL_DAY_LINES - 1);
                let text = match events.get(line) {
                    Some(_) if line == ALL_DAY_LINES - 1 && more > 1 => {
                        Span::styled(format!("+{more}"), self.theme.dim)
                    }
                    Some(event) => {
                        let selected = Some(event.id.as_str()) == self.selected_id;
                        let style = event_style(self.calendar, event, selected, self.theme);
                        Span::styled(cell(&subject(event), usize::from(day_width) - 1), style)
                    }
                    None => continue,
                };
                Line::from(text).render(Rect::new(x, y, day_width - 1, 1), buf);
            }
            y += 1;
        }
        y
    }

    /// One day's cells for the slot starting at `from` minutes: each event running then in its
    /// lane, with its start time and subject on the row where it begins, a bar below.
    #[allow(clippy::too_many_arguments)] // one cell's place, as the caller has it
    fn slot(
        &self,
        placed: &[Placed],
        (from, slot, top): (u32, u32, bool),
        x: u16,
        y: u16,
        width: u16,
        buf: &mut Buffer,
    ) {
        let usable = width.saturating_sub(1);
        let running: Vec<&Placed> = placed.iter().filter(|p| p.start < from + slot && p.end > from).collect();
        for p in &running {
            // Events one after another in a lane can share a row (an hour row, a meeting ending
            // at the half hour): the row shows the selected one, else the first, and "+N".
            let same_lane: Vec<&&Placed> = running.iter().filter(|o| o.lane == p.lane).collect();
            let shown = same_lane
                .iter()
                .find(|o| Some(o.event.id.as_str()) == self.selected_id)
                .or(same_lane.first())
                .is_some_and(|o| std::ptr::eq(**o, *p));
            if !shown {
                continue;
            }
            let others = same_lane.len() - 1;
            let lanes = p.lanes.max(1) as u16;
            let left = x + usable * p.lane as u16 / lanes;
            let right = x + usable * (p.lane as u16 + 1) / lanes;
            let w = right.saturating_sub(left);
            if w == 0 {
                continue;
            }
            let selected = Some(p.event.id.as_str()) == self.selected_id;
            let style = event_style(self.calendar, p.event, selected, self.theme);
            // The time and subject on the row where it begins (or the top row, when it began
            // above it); a lane too narrow for the time shows the subject alone.
            let mut text = match (p.start >= from || top, w >= 13) {
                (false, _) => String::new(),
                (true, false) => subject(p.event),
                (true, true) => {
                    let minutes = p.start.min(24 * 60 - 1) * 60;
                    let at = NaiveTime::from_num_seconds_from_midnight_opt(minutes, 0).unwrap_or_default();
                    format!("{} {}", at.format("%H:%M"), subject(p.event))
                }
            };
            let more = if others > 0 { format!("+{others}") } else { String::new() };
            let room = usize::from(w.saturating_sub(1)).saturating_sub(more.chars().count());
            text = cell(&text, room);
            let line = Line::from(vec![
                Span::styled("▌", style),
                Span::styled(text, style),
                Span::styled(more, self.theme.dim),
            ]);
            line.render(Rect::new(left, y, w, 1), buf);
        }
    }

    /// The first slot drawn: 0, or later so that the selected event's start is in view.
    fn scroll_for(&self, placed: &[Vec<Placed>], first: u32, slot: u32, slots: usize, rows: usize) -> usize {
        let selected = placed.iter().flatten().find(|p| Some(p.event.id.as_str()) == self.selected_id);
        let Some(start) = selected.map(|p| p.start) else { return 0 };
        let slot_of_start = ((start.saturating_sub(first * 60)) / slot) as usize;
        if slot_of_start < rows { 0 } else { (slot_of_start + 2).saturating_sub(rows).min(slots.saturating_sub(rows)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at(id: &str, h: u32, m: u32, minutes: i64) -> Event {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap().fixed_offset();
        Event {
            id: id.into(),
            time: Some(EventTime::Timed { start, end: start + TimeDelta::minutes(minutes) }),
            ..Event::default()
        }
    }

    #[test]
    fn events_one_after_another_in_an_hour_row_show_the_first_and_how_many_more() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let events = vec![
            Event { subject: "Lunch".into(), ..at("lunch", 9, 0, 30) },
            Event { subject: "Stand-up".into(), ..at("standup", 9, 30, 15) },
        ];
        let rows = vec![AgendaRow::Day(day), AgendaRow::Event { index: 0, day }, AgendaRow::Event { index: 1, day }];
        let agenda = Agenda { events, rows, shown: vec![0, 1] };
        let calendar = CalendarState::default();
        let theme = Theme::default();
        let grid = |selected_id| DayGrid {
            calendar: &calendar,
            agenda: &agenda,
            first: day,
            days: 1,
            today: None,
            selected_id,
            zone: Tz::UTC,
            theme: &theme,
        };
        // Ten rows: hour rows, 09:00 the second of them.
        let area = Rect::new(0, 0, 40, 10);
        let row = |buf: &Buffer| (0..40).map(|x| buf[(x, 2)].symbol().to_owned()).collect::<String>();
        let mut buf = Buffer::empty(area);
        grid(None).render(area, &mut buf);
        assert!(row(&buf).starts_with("09:00 ▌09:00 Lunch") && row(&buf).trim_end().ends_with("+1"), "{}", row(&buf));
        let mut buf = Buffer::empty(area);
        grid(Some("standup")).render(area, &mut buf);
        assert!(row(&buf).contains("09:30 Stand-up"), "the selected one shows: {}", row(&buf));
    }

    #[test]
    fn overlapping_events_share_the_column_and_others_keep_it_whole() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let events = [at("a", 9, 0, 60), at("b", 9, 30, 60), at("c", 10, 0, 30), at("d", 12, 0, 30)];
        let refs: Vec<&Event> = events.iter().collect();
        let placed = lay_out(&refs, day, &Tz::UTC);
        let lanes: Vec<(&str, usize, usize)> = placed.iter().map(|p| (p.event.id.as_str(), p.lane, p.lanes)).collect();
        // c starts when a ends: it takes a's lane; a, b and c overlap as one group of two lanes.
        assert_eq!(lanes, [("a", 0, 2), ("b", 1, 2), ("c", 0, 2), ("d", 0, 1)]);
    }
}
