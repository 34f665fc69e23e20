//! The status bar: account, what is loading, the last error or notice, key hints generated
//! from the keymap.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::sanitize;
use crate::tui::keymap::Keymap;
use crate::tui::store::Store;
use crate::tui::theme::Theme;

pub struct StatusView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

impl StatusView<'_> {
    fn hints(&self) -> String {
        let hint = |action: &str, what: &str| self.keymap.key_for(action).map(|key| format!("{key} {what}"));
        [hint("help", "help"), hint("filter", "filter"), hint("refresh", "refresh"), hint("quit", "quit")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("  ")
    }
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
        if let Some(notice) = &store.notice {
            let style = if notice.is_error { self.theme.error } else { self.theme.notice };
            spans.push(Span::raw("│ "));
            spans.push(Span::styled(sanitize::line(&notice.text).into_owned(), style));
        }
        let hints = self.hints();
        let left = Line::from(spans);
        let left_width = left.width();
        left.render(area, buf);
        // Hints on the right, when they fit beside the rest.
        let hints_width = hints.width() + 1;
        if left_width + hints_width < usize::from(area.width) {
            let x = area.x + area.width - hints_width as u16;
            Line::raw(hints).render(Rect { x, width: hints_width as u16, ..area }, buf);
        }
    }
}
