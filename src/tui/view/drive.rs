//! The drive pane: the breadcrumb of the place and open folder, its children (folders first;
//! name, size, modified in the user's zone) or the sites and libraries (`places`), and the
//! details of the selected row. Every name, person, path
//! and URL is remote text and is sanitised before it is drawn.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

mod places;
mod transfers;

use super::{cell, message_line, pane_block};
use crate::domain::DriveItemKind;
use crate::domain::drive::SHARED_RETIRED_NOTE;
use crate::domain::time_zones::format_in_zone;
use crate::human::human_size;
use crate::sanitize;
use crate::tui::effect::LoadKey;
use crate::tui::loadable::Loadable;
use crate::tui::msg::DriveEntry;
use crate::tui::store::Store;
use crate::tui::store::drive::Place;
use crate::tui::theme::Theme;

const DATE_FORMAT: &str = "%Y-%m-%d %H:%M";

pub struct DriveView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl DriveView<'_> {
    fn breadcrumb(&self) -> Line<'static> {
        let drive = &self.store.drive;
        let mut spans = vec![Span::styled(format!(" {}", drive.place.title()), self.theme.title)];
        if let (Place::Sites, Some(search)) = (drive.place, &drive.site_search) {
            spans.push(Span::styled(format!(" (search: {})", sanitize::line(search)), self.theme.dim));
        }
        for crumb in &self.store.drive.path {
            spans.push(Span::styled(" › ", self.theme.dim));
            spans.push(Span::raw(sanitize::line(&crumb.name).into_owned()));
        }
        let active = self.store.drive.transfers.active();
        if active > 0 {
            let what = if active == 1 { "1 transfer".to_owned() } else { format!("{active} transfers") };
            spans.push(Span::styled(format!("  ({what}: T shows them)"), self.theme.marks));
        }
        Line::from(spans)
    }

    fn row(&self, entry: &DriveEntry, width: usize, selected: bool) -> Line<'static> {
        let item = &entry.item;
        // A column of marks only while something is marked.
        let marked = &self.store.drive.marked;
        let mark_column = match (marked.is_empty(), marked.contains(&item.id)) {
            (true, _) => "",
            (false, true) => "*",
            (false, false) => " ",
        };
        let (mark, size) = match item.kind {
            DriveItemKind::Folder { child_count } => ('▸', format!("{child_count} items")),
            DriveItemKind::File { size, .. } => (' ', human_size(size)),
            DriveItemKind::Other => (' ', human_size(item.size)),
        };
        let modified = item.modified.map(|t| format_in_zone(&t, &self.store.zone, DATE_FORMAT)).unwrap_or_default();
        let (size_width, date_width) = (10, if width >= 50 { 16 } else { 0 });
        let name_width = width
            .saturating_sub(mark_column.len() + 2 + size_width + 1 + if date_width > 0 { date_width + 1 } else { 0 });
        let mut name = sanitize::line(&item.name).into_owned();
        if item.is_folder() {
            name.push('/');
        }
        let base = if selected { self.theme.selected } else { Default::default() };
        let dim = if selected { base } else { self.theme.dim };
        let mut spans = vec![
            Span::styled(format!("{mark_column}{mark} "), base.patch(self.theme.marks)),
            Span::styled(cell(&name, name_width), if item.is_folder() { base.patch(self.theme.unread) } else { base }),
            Span::styled(format!(" {size:>size_width$}"), dim),
        ];
        if date_width > 0 {
            spans.push(Span::styled(format!(" {}", cell(&modified, date_width)), dim));
        }
        Line::from(spans)
    }

    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let drive = &self.store.drive;
        let name =
            drive.path.last().map_or_else(|| drive.place.title().to_owned(), |c| sanitize::line(&c.name).into_owned());
        let count = if drive.shows_places() {
            drive.places.ready().map(Vec::len)
        } else {
            drive.children.ready().map(Vec::len)
        };
        let mut title = match count {
            Some(count) => format!("{name} · {count}"),
            None => name,
        };
        if !drive.marked.is_empty() {
            title.push_str(&format!(" · {} marked", drive.marked.len()));
        }
        let block = pane_block(Line::styled(title, self.theme.title), true, self.theme);
        let mut inner = block.inner(area);
        block.render(area, buf);
        if drive.filter.is_active() {
            // The filter takes the last row of the list.
            inner.height = inner.height.saturating_sub(1);
            let row = Rect { y: inner.y + inner.height, height: 1, ..inner };
            Line::styled(drive.filter.status_line(drive.len()), self.theme.marks).render(row, buf);
        }
        if drive.shows_places() {
            return self.render_places(inner, buf);
        }
        let shared_list = drive.place == Place::Shared && drive.path.is_empty();
        let entries = match &drive.children {
            Loadable::Idle | Loadable::Loading { .. } => {
                let text = if shared_list { "Loading the items shared with you…" } else { "Loading the folder…" };
                return message_line(text.into(), self.theme.dim, inner, buf);
            }
            Loadable::Failed { reason, .. } => {
                let text = format!("Could not list the folder: {} (r retries)", sanitize::line(reason));
                return message_line(text, self.theme.error, inner, buf);
            }
            Loadable::Ready(entries) => entries,
        };
        if entries.is_empty() {
            // sharedWithMe was retired in November 2026: an empty answer proves nothing (§3.5b).
            let text = match drive.listing_key() {
                _ if shared_list => SHARED_RETIRED_NOTE,
                LoadKey::DriveSearch { .. } => "The search found nothing",
                LoadKey::DriveRecent => "No recent files",
                _ => "This folder is empty",
            };
            return message_line(text.into(), self.theme.dim, inner, buf);
        }
        let shown = drive.shown();
        if shown.is_empty() {
            return message_line("Nothing here matches the filter (Esc clears it)".into(), self.theme.dim, inner, buf);
        }
        let width = usize::from(inner.width);
        let cursor = drive.cursor;
        let end = (cursor.offset + usize::from(inner.height)).min(shown.len());
        for (y, row) in (cursor.offset..end).enumerate() {
            let line = self.row(&entries[shown[row]], width, row == cursor.selected);
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }

    fn render_details(&self, area: Rect, buf: &mut Buffer) {
        let block = pane_block(Line::styled("Details", self.theme.title), false, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if let Some(place) = self.store.drive.selected_place() {
            return self.render_place_details(place, inner, buf);
        }
        let Some(entry) = self.store.drive.selected() else { return };
        let item = &entry.item;
        let zone = &self.store.zone;
        let when = |t: &Option<chrono::DateTime<chrono::Utc>>| {
            t.map(|t| format_in_zone(&t, zone, DATE_FORMAT)).unwrap_or_else(|| "—".to_owned())
        };
        let who = |by: &Option<String>| by.as_deref().map(|b| format!(" by {}", sanitize::line(b))).unwrap_or_default();
        let kind = match &item.kind {
            DriveItemKind::Folder { child_count } => format!("Folder, {child_count} items"),
            DriveItemKind::File { mime: Some(mime), .. } => format!("File ({})", sanitize::line(mime)),
            DriveItemKind::File { mime: None, .. } => "File".to_owned(),
            DriveItemKind::Other => "Other".to_owned(),
        };
        let path = item.path().map(|p| sanitize::line(&p).into_owned()).unwrap_or_else(|| "—".to_owned());
        let url = item.web_url.as_deref().map(|u| sanitize::line(u).into_owned()).unwrap_or_else(|| "—".to_owned());
        let created_label = if self.store.drive.place == Place::Shared && self.store.drive.path.is_empty() {
            "Shared"
        } else {
            "Created"
        };
        let rows = [
            ("Name", sanitize::line(&item.name).into_owned()),
            ("Type", kind),
            ("Size", format!("{} ({} bytes)", human_size(item.size), item.size)),
            (created_label, format!("{}{}", when(&entry.created), who(&entry.created_by))),
            ("Modified", format!("{}{}", when(&item.modified), who(&item.modified_by))),
            ("Path", path),
            ("Web URL", url),
        ];
        labelled_rows(rows, self.theme).render(inner, buf);
    }
}

impl Widget for DriveView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = self.store.drive_layout();
        self.breadcrumb().render(layout.crumbs, buf);
        if self.store.drive.transfers.open {
            let below = Rect { y: layout.crumbs.y + 1, height: area.height.saturating_sub(1), ..area };
            return self.render_transfers(below, buf);
        }
        if let Some(area) = layout.list {
            self.render_list(area, buf);
        }
        if let Some(area) = layout.details {
            self.render_details(area, buf);
        }
    }
}

/// The details column: a label column, then each value (already sanitised), wrapped.
fn labelled_rows<'a>(rows: impl IntoIterator<Item = (&'a str, String)>, theme: &Theme) -> Paragraph<'static> {
    let lines: Vec<Line<'static>> = rows
        .into_iter()
        .map(|(label, value)| {
            Line::from(vec![Span::styled(format!("{label:<9}"), theme.header_label), Span::raw(value)])
        })
        .collect();
    Paragraph::new(lines).wrap(Wrap { trim: false })
}
