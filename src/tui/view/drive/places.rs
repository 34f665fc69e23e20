//! The Drive pane's Sites place: the followed or found sites, a site's document libraries, and
//! the details of the selected one. Names, descriptions and URLs are remote text, sanitised.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::{cell, message_line};
use super::DriveView;
use crate::sanitize;
use crate::tui::loadable::Loadable;
use crate::tui::msg::{PlaceKind, PlaceRow};

impl DriveView<'_> {
    fn place_row(&self, row: &PlaceRow, width: usize, selected: bool) -> Line<'static> {
        let base = if selected { self.theme.selected } else { Default::default() };
        let dim = if selected { base } else { self.theme.dim };
        let (mark, kind) = match row.kind {
            PlaceKind::Site => ('◆', "site"),
            PlaceKind::Library => ('▤', "library"),
        };
        let url = row.web_url.as_deref().map(|u| sanitize::line(u).into_owned()).unwrap_or_default();
        let name_width = (width.saturating_sub(2) * 2 / 5).max(12).min(width.saturating_sub(2));
        let rest = width.saturating_sub(2 + name_width + 1);
        Line::from(vec![
            Span::styled(format!("{mark} "), base.patch(self.theme.marks)),
            Span::styled(cell(&sanitize::line(&row.name), name_width), base.patch(self.theme.unread)),
            Span::styled(format!(" {}", cell(if url.is_empty() { kind } else { &url }, rest)), dim),
        ])
    }

    pub(super) fn render_places(&self, inner: Rect, buf: &mut Buffer) {
        let drive = &self.store.drive;
        let at_sites = drive.path.is_empty();
        let rows = match &drive.places {
            Loadable::Idle | Loadable::Loading { .. } => {
                let text = if at_sites { "Loading sites…" } else { "Loading the site's libraries…" };
                return message_line(text.into(), self.theme.dim, inner, buf);
            }
            Loadable::Failed { reason, .. } => {
                let what = if at_sites { "sites" } else { "the site's libraries" };
                let text = format!("Could not list {what}: {} (r retries)", sanitize::line(reason));
                return message_line(text, self.theme.error, inner, buf);
            }
            Loadable::Ready(rows) => rows,
        };
        if rows.is_empty() {
            let text = match (at_sites, &drive.site_search) {
                (true, None) => "You follow no sites. Press f to find one.".to_owned(),
                (true, Some(search)) => {
                    format!("No site matches \"{}\". Press f to search again.", sanitize::line(search))
                }
                (false, _) => "This site has no document libraries.".to_owned(),
            };
            return message_line(text, self.theme.dim, inner, buf);
        }
        let shown = drive.shown();
        if shown.is_empty() {
            return message_line("Nothing here matches the filter (Esc clears it)".into(), self.theme.dim, inner, buf);
        }
        let width = usize::from(inner.width);
        let cursor = drive.cursor;
        let end = (cursor.offset + usize::from(inner.height)).min(shown.len());
        for (y, row) in (cursor.offset..end).enumerate() {
            let line = self.place_row(&rows[shown[row]], width, row == cursor.selected);
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }

    pub(super) fn render_place_details(&self, row: &PlaceRow, inner: Rect, buf: &mut Buffer) {
        let text = |value: &Option<String>| {
            value.as_deref().map(|v| sanitize::line(v).into_owned()).unwrap_or_else(|| "—".to_owned())
        };
        let (kind, id_label) = match row.kind {
            PlaceKind::Site => ("SharePoint site (Enter lists its libraries)", "Site id"),
            PlaceKind::Library => ("Document library (Enter browses it)", "Drive id"),
        };
        let rows = [
            ("Name", sanitize::line(&row.name).into_owned()),
            ("Type", kind.to_owned()),
            ("About", text(&row.description)),
            ("Web URL", text(&row.web_url)),
            (id_label, sanitize::line(&row.id).into_owned()),
        ];
        super::labelled_rows(rows, self.theme).render(inner, buf);
    }
}
