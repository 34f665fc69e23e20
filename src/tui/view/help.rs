//! The text overlays: `?` (every global binding and those of the pane in view, with their
//! descriptions, from the keymap) and Ctrl-N (the last notices in full, newest first). Rows come
//! wrapped from the store (`Store::overlay_view`); long ones scroll, saying where they are.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::tui::store::Store;
use crate::tui::store::overlay::{Overlay, OverlayRow};
use crate::tui::theme::Theme;

pub struct HelpView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl Widget for HelpView<'_> {
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let Some(view) = self.store.overlay_view() else { return };
        let popup = view.layout.popup;
        Clear.render(popup, buf);
        let title = match view.overlay {
            Overlay::Help => " Keys (Esc closes) ",
            Overlay::Notices => " Notices, newest first (Esc closes) ",
        };
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(title, self.theme.title));
        if view.max_scroll() > 0 {
            let last = (view.scroll + view.layout.capacity()).min(view.rows.len());
            let place = format!(" {}–{last} of {} · j/k PgUp/PgDn ", view.scroll + 1, view.rows.len());
            block = block.title_bottom(Line::styled(place, self.theme.marks).right_aligned());
        }
        block.render(popup, buf);
        let mut rows = view.rows.iter().skip(view.scroll);
        for column in &view.layout.columns {
            for y in 0..column.height {
                let Some(row) = rows.next() else { return };
                self.line(row).render(Rect { y: column.y + y, height: 1, ..*column }, buf);
            }
        }
    }
}

impl HelpView<'_> {
    fn line(&self, row: &OverlayRow) -> Line<'static> {
        match row {
            OverlayRow::Heading(text) => Line::styled(text.clone(), self.theme.header_label),
            OverlayRow::Blank => Line::raw(""),
            OverlayRow::Entry { label, text, error } => {
                let text_style = if *error { self.theme.error } else { Default::default() };
                Line::from(vec![
                    Span::styled(label.clone(), self.theme.marks),
                    Span::raw("  "),
                    Span::styled(text.clone(), text_style),
                ])
            }
        }
    }
}
