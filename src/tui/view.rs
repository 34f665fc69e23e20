//! Read-only views: they draw the store and decide nothing. `ScreenView` lays out the tab
//! bar, the focused pane, the status bar and the help overlay.
mod accounts;
pub mod calendar;
mod columns;
mod compose;
mod drive;
mod folder_picker;
mod folders;
mod help;
mod labelled;
mod messages;
mod palette;
mod people;
mod prompt;
mod reader;
mod settings;
mod status;
mod tasks;
pub mod title;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::action::Pane;
use super::keymap::Keymap;
use super::layout;
use super::store::Store;
use super::theme::Theme;
use crate::human::fit;

pub use calendar::CalendarView;
pub use drive::DriveView;
pub use folders::FoldersView;
pub use help::HelpView;
pub use messages::MessagesView;
pub use prompt::PromptView;
pub use reader::ReaderView;
pub use status::StatusView;

pub struct ScreenView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

impl Widget for &ScreenView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = layout::screen(area);
        render_tabs(self.store, self.theme, screen.tabs, buf);
        match self.store.pane {
            Pane::Mail => {
                let layout = layout::mail::split(screen.body, self.store.mail.focus);
                let (store, theme) = (self.store, self.theme);
                if let Some(area) = layout.folders {
                    FoldersView { store, theme }.render(area, buf);
                }
                if let Some(area) = layout.list {
                    MessagesView { store, theme }.render(area, buf);
                }
                if let Some(area) = layout.reader {
                    ReaderView { store, theme }.render(area, buf);
                }
            }
            Pane::Calendar => CalendarView { store: self.store, theme: self.theme }.render(screen.body, buf),
            Pane::Drive => DriveView { store: self.store, theme: self.theme }.render(screen.body, buf),
            Pane::Tasks => tasks::TasksView { store: self.store, theme: self.theme }.render(screen.body, buf),
            Pane::People => people::PeopleView { store: self.store, theme: self.theme }.render(screen.body, buf),
        }
        if let Some(form) = &self.store.people.form {
            people::form::FormView { form, theme: self.theme }.render(screen.body, buf);
        }
        if let Some(form) = &self.store.calendar.form {
            calendar::form::EventFormView { form, theme: self.theme }.render(screen.body, buf);
        }
        if self.store.settings.open {
            settings::SettingsView { store: self.store, theme: self.theme, keymap: self.keymap }
                .render(screen.body, buf);
        }
        if let Some(compose) = &self.store.compose.open {
            compose::ComposeView { compose, theme: self.theme, keymap: self.keymap }.render(screen.body, buf);
        }
        StatusView { store: self.store, theme: self.theme, keymap: self.keymap }.render(screen.status, buf);
        if let Some(picker) = self.store.mail.ops.picker.as_ref().filter(|_| self.store.pane == Pane::Mail) {
            folder_picker::PickerView { picker, theme: self.theme }.render(screen.body, buf);
        }
        if let Some(drive) = self.store.drive.picker.as_ref().filter(|_| self.store.pane == Pane::Drive) {
            folder_picker::PickerView { picker: &drive.picker, theme: self.theme }.render(screen.body, buf);
        }
        if let Some(drive) = self.store.compose.drive_picker.as_ref().filter(|_| self.store.compose.is_open()) {
            folder_picker::PickerView { picker: &drive.picker, theme: self.theme }.render(screen.body, buf);
        }
        if let Some(palette) = &self.store.palette {
            palette::PaletteView { store: self.store, palette, theme: self.theme }.render(screen.body, buf);
        }
        if let Some(prompt) = &self.store.prompt {
            PromptView { prompt, theme: self.theme }.render(area, buf);
        }
        if self.store.account_picker.is_some() {
            accounts::AccountPickerView { store: self.store, theme: self.theme }.render(area, buf);
        }
        if self.store.overlay().is_some() {
            HelpView { store: self.store, theme: self.theme }.render(area, buf);
        }
    }
}

fn render_tabs(store: &Store, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![Span::styled(" o365 ", theme.title)];
    for (number, pane) in Pane::ALL.iter().enumerate() {
        let style = if *pane == store.pane { theme.tab_active } else { theme.tab };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!("{} {}", number + 1, pane.title()), style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans).render(area, buf);
}

/// A bordered block whose border shows whether it has the focus.
fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    let style = if focused { theme.border_focused } else { theme.border };
    Block::default().borders(Borders::ALL).border_style(style).title(title)
}

/// `text` cut or padded to exactly `width` display columns.
fn cell(text: &str, width: usize) -> String {
    let mut out = fit(text, width);
    let used = out.width();
    if used < width {
        out.push_str(&" ".repeat(width - used));
    }
    out
}

/// One dim line of text inside `area` (Loading…, empty, failed).
fn message_line(text: String, style: Style, area: Rect, buf: &mut Buffer) {
    Paragraph::new(text).style(style).wrap(Wrap { trim: true }).render(area, buf);
}
