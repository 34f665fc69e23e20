//! The free/busy view in place of the period: one row per person, a cell per half hour of the
//! working day and some (in the user's zone) showing whether they are busy (█), tentative (▒),
//! out of office (▓), working elsewhere (░) or free (·); under it the times findMeetingTimes
//! suggests, the chosen one marked.
use chrono::{NaiveTime, TimeDelta};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::{cell, message_line, pane_block};
use crate::domain::time_zones::{in_zone, local_to_instant};
use crate::sanitize;
use crate::tui::loadable::Loadable;
use crate::tui::msg::calendar::PersonSchedule;
use crate::tui::store::calendar::free_busy::{FreeBusy, HOURS};
use crate::tui::theme::Theme;

const NAME_WIDTH: usize = 20;
const SLOT_MINUTES: i64 = 30;

pub struct FreeBusyView<'a> {
    pub view: &'a FreeBusy,
    pub zone: Tz,
    pub theme: &'a Theme,
}

/// How busy a status is: the worst of those overlapping a cell is drawn.
fn weight(status: &str) -> u8 {
    match status {
        "oof" => 4,
        "busy" => 3,
        "tentative" => 2,
        "workingelsewhere" => 1,
        _ => 0,
    }
}

impl FreeBusyView<'_> {
    fn symbol(&self, status: &str) -> (&'static str, Style) {
        match status {
            "oof" => ("▓", self.theme.error),
            "busy" => ("█", self.theme.marks),
            "tentative" => ("▒", self.theme.notice),
            "workingelsewhere" => ("░", self.theme.notice),
            _ => ("·", self.theme.dim),
        }
    }

    /// A person's row: a cell per slot, `cell_width` columns each.
    fn row(&self, person: &PersonSchedule, slots: usize, cell_width: usize) -> Line<'static> {
        let mut spans = vec![Span::raw(cell(&sanitize::line(&person.address), NAME_WIDTH))];
        if let Some(problem) = &person.problem {
            spans.push(Span::styled(format!("unknown: {}", sanitize::line(problem)), self.theme.error));
            return Line::from(spans);
        }
        let day_start = self.view.day.and_time(NaiveTime::MIN) + TimeDelta::hours(i64::from(HOURS.0));
        for slot in 0..slots {
            let from = local_to_instant(day_start + TimeDelta::minutes(SLOT_MINUTES * slot as i64), &self.zone);
            let to = from + TimeDelta::minutes(SLOT_MINUTES);
            let status = person
                .blocks
                .iter()
                .filter(|b| b.start < to && b.end > from)
                .map(|b| b.status.as_str())
                .max_by_key(|s| weight(s))
                .unwrap_or("free");
            let (symbol, style) = self.symbol(status);
            spans.push(Span::styled(symbol.repeat(cell_width), style));
        }
        Line::from(spans)
    }
}

impl Widget for FreeBusyView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let title = format!("Free/busy · {}", self.view.day.format("%A %-d %B %Y"));
        let block = pane_block(Line::styled(title, self.theme.title), true, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let keys = "f find a time · Enter book it · [ ] day · b people · Esc back";
        let mut lines: Vec<Line> = Vec::new();
        let slots = ((HOURS.1 - HOURS.0) as i64 * 60 / SLOT_MINUTES) as usize;
        let room = usize::from(inner.width).saturating_sub(NAME_WIDTH);
        let cell_width = (room / slots).clamp(1, 2);
        let slots = slots.min(room / cell_width);
        match &self.view.schedules {
            Loadable::Idle | Loadable::Loading { .. } => lines.push(Line::styled("Loading free/busy…", self.theme.dim)),
            Loadable::Failed { reason, .. } => lines.push(Line::styled(
                format!("Could not read free/busy: {} (r retries)", sanitize::line(reason)),
                self.theme.error,
            )),
            Loadable::Ready(people) => {
                // Hour labels at their slots, every other hour when the cells are narrow.
                let mut axis: Vec<char> = vec![' '; NAME_WIDTH + slots * cell_width + 2];
                let every = if cell_width == 1 { 4 } else { 2 };
                for slot in (0..slots).step_by(every) {
                    let hour = i64::from(HOURS.0) + SLOT_MINUTES * slot as i64 / 60;
                    for (i, c) in format!("{hour:02}").chars().enumerate() {
                        axis[NAME_WIDTH + slot * cell_width + i] = c;
                    }
                }
                lines.push(Line::styled(axis.into_iter().collect::<String>().trim_end().to_owned(), self.theme.dim));
                lines.extend(people.iter().map(|p| self.row(p, slots, cell_width)));
                let legend = "█ busy  ▒ tentative  ▓ away  ░ elsewhere  · free";
                lines.push(Line::styled(legend, self.theme.dim));
            }
        }
        lines.push(Line::raw(""));
        match &self.view.suggestions {
            None => {}
            Some(Loadable::Idle | Loadable::Loading { .. }) => {
                lines.push(Line::styled("Finding times that suit everyone…", self.theme.dim))
            }
            Some(Loadable::Failed { reason, .. }) => {
                lines.push(Line::styled(format!("No times: {}", sanitize::line(reason)), self.theme.error))
            }
            Some(Loadable::Ready(found)) if found.times.is_empty() => {
                let why =
                    found.empty_reason.as_deref().map(|r| format!(" ({})", sanitize::line(r))).unwrap_or_default();
                lines.push(Line::styled(format!("No time in the week suits everyone{why}"), self.theme.dim));
            }
            Some(Loadable::Ready(found)) => {
                lines.push(Line::styled(format!("Times for {} minutes:", self.view.minutes), self.theme.header_label));
                for (index, time) in found.times.iter().enumerate() {
                    let (from, to) = (in_zone(&time.start, &self.zone), in_zone(&time.end, &self.zone));
                    let confidence = time.confidence.map(|c| format!("  {c:.0}%")).unwrap_or_default();
                    let text = format!("{}–{}{confidence}", from.format("%a %-d %b %H:%M"), to.format("%H:%M"));
                    let selected = index == self.view.cursor;
                    let style = if selected { self.theme.selected } else { Style::default() };
                    lines.push(Line::styled(format!("{} {text}", if selected { "▸" } else { " " }), style));
                }
            }
        }
        let height = usize::from(inner.height);
        if height == 0 {
            return;
        }
        for (y, line) in lines.into_iter().take(height - 1).enumerate() {
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
        message_line(keys.into(), self.theme.dim, Rect { y: inner.bottom() - 1, height: 1, ..inner }, buf);
    }
}
