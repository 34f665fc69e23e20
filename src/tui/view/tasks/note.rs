//! The built-in note editor: a box over the tasks pane with the task's title, the text being
//! typed (several lines) and the keys that keep or drop it.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::super::cell;
use crate::sanitize;
use crate::tui::store::tasks::NoteEditor;
use crate::tui::theme::Theme;

pub struct NoteEditorView<'a> {
    pub editor: &'a NoteEditor,
    pub theme: &'a Theme,
}

impl Widget for NoteEditorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let title = format!(" Note for {} ", sanitize::line(&self.editor.title));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(cell(&title, usize::from(area.width.saturating_sub(2))), self.theme.title))
            .title_bottom(Line::styled(" Esc keeps it · Ctrl-X drops it ", self.theme.marks).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        self.editor.area.render(inner, buf);
    }
}
