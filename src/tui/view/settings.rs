//! The settings screen over the pane: automatic replies (state, who gets them, the messages),
//! the mailbox's time zone, working hours and language, and the keys that change the replies.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::labelled::labelled_lines;
use crate::sanitize;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::loadable::Loadable;
use crate::tui::store::Store;
use crate::tui::theme::Theme;

pub struct SettingsView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

impl Widget for SettingsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [row] = Layout::vertical([Constraint::Max(22)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Max(84)]).flex(Flex::Center).areas(row);
        Clear.render(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(" Settings (Esc closes) ", self.theme.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let settings = &self.store.settings;
        let mut lines: Vec<Line> = match &settings.settings {
            Loadable::Idle | Loadable::Loading { .. } => {
                vec![Line::styled("Loading the mailbox settings…", self.theme.dim)]
            }
            Loadable::Failed { reason, .. } => vec![Line::styled(
                format!("Could not load the mailbox settings: {} (r retries)", sanitize::line(reason)),
                self.theme.error,
            )],
            Loadable::Ready(mailbox) => {
                labelled_lines(&mailbox.lines(&self.store.zone), inner.width, self.theme.header_label)
            }
        };
        if settings.saving.is_some() {
            lines.push(Line::styled("Saving…", self.theme.notice));
        }
        lines.push(Line::raw(""));
        for binding in self.keymap.of(Context::Settings) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<4} ", binding.keys.join(" ")), self.theme.marks),
                Span::raw(binding.description.clone()),
            ]));
        }
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}
