//! The text overlays, `?` (the bindings) and Ctrl-N (the last notices in full): their rows at a
//! width, descriptions wrapped under their own column, so nothing is cut off on a small
//! terminal; `update` scrolls them and the view draws the same rows.
use std::sync::Arc;

use chrono::{DateTime, Utc};
use unicode_width::UnicodeWidthStr;

use super::Store;
use super::notices::Level;
use crate::human::text::wrap;
use crate::tui::action::Pane;
use crate::tui::keymap::{Context, Keymap};

/// One binding as the help lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHelp {
    pub context: Context,
    /// The keys as the keymap writes them, e.g. `j <Down>`.
    pub keys: String,
    pub description: String,
}

impl KeyHelp {
    /// Every binding of `keymap`, in its order.
    pub fn from_keymap(keymap: &Keymap) -> Arc<Vec<KeyHelp>> {
        let rows = keymap
            .bindings
            .iter()
            .map(|b| KeyHelp { context: b.context, keys: b.keys.join(" "), description: b.description.clone() })
            .collect();
        Arc::new(rows)
    }
}

/// Which overlay is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Notices,
}

/// A row of an overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverlayRow {
    Heading(String),
    /// A label (keys, a time) and the first line of its text; `label` is empty on the lines that
    /// continue the text.
    Entry {
        label: String,
        text: String,
        error: bool,
    },
    Blank,
}

/// The label column takes at most 1/LABEL_SHARE of the width (a longer key list gets its own row).
const LABEL_SHARE: usize = 2;

/// The open overlay as drawn at the terminal's size: where it goes, its rows, and the first
/// row shown (the scroll, kept within the rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayView {
    pub overlay: Overlay,
    pub layout: crate::tui::layout::overlay::OverlayLayout,
    pub rows: Vec<OverlayRow>,
    pub scroll: usize,
}

impl OverlayView {
    /// The furthest the rows can scroll: the last row at the bottom.
    pub fn max_scroll(&self) -> usize {
        self.rows.len().saturating_sub(self.layout.capacity())
    }
}

impl Store {
    pub fn overlay(&self) -> Option<Overlay> {
        if self.help_open {
            Some(Overlay::Help)
        } else if self.notices_open {
            Some(Overlay::Notices)
        } else {
            None
        }
    }

    /// The open overlay laid out on the screen, if one is open.
    pub fn overlay_view(&self) -> Option<OverlayView> {
        let overlay = self.overlay()?;
        let layout = crate::tui::layout::overlay::split(self.size, |width| self.overlay_rows(width).len());
        let rows = self.overlay_rows(layout.text_width());
        let mut view = OverlayView { overlay, layout, rows, scroll: 0 };
        view.scroll = self.overlay_scroll.min(view.max_scroll());
        Some(view)
    }

    /// The open overlay's rows for `width` columns of text.
    pub fn overlay_rows(&self, width: usize) -> Vec<OverlayRow> {
        match self.overlay() {
            Some(Overlay::Help) => self.help_rows(width),
            Some(Overlay::Notices) => self.notice_rows(width),
            None => Vec::new(),
        }
    }

    /// The sections that apply here: everywhere, the pane in view, and what is open over it.
    fn help_sections(&self) -> Vec<(&'static str, Context)> {
        let mut sections = vec![("Everywhere", Context::Global)];
        sections.push(match self.pane {
            Pane::Mail => ("Mail", Context::Mail),
            Pane::Calendar => ("Calendar", Context::Calendar),
            Pane::Drive => ("Drive", Context::Drive),
            Pane::Tasks => ("Tasks", Context::Tasks),
            Pane::People => ("People", Context::People),
        });
        if self.pane == Pane::Mail {
            sections.push(("An invitation in the reader", Context::Invitation));
        }
        if self.settings.open {
            sections.push(("Settings", Context::Settings));
        }
        if self.compose.is_open() {
            sections.push(("Writing", Context::Compose));
        }
        if self.tasks.note_editor.is_some() {
            sections.push(("Editing a note", Context::Note));
        }
        sections
    }

    fn help_rows(&self, width: usize) -> Vec<OverlayRow> {
        let sections = self.help_sections();
        let shown: Vec<&KeyHelp> =
            self.key_help.iter().filter(|k| sections.iter().any(|(_, context)| *context == k.context)).collect();
        let widest = shown.iter().map(|k| k.keys.width()).max().unwrap_or(0);
        let mut rows = Vec::new();
        for (title, context) in sections {
            if !rows.is_empty() {
                rows.push(OverlayRow::Blank);
            }
            rows.push(OverlayRow::Heading(title.to_owned()));
            let entries =
                shown.iter().filter(|k| k.context == context).map(|k| (k.keys.as_str(), k.description.as_str()));
            labelled(&mut rows, entries, widest, width, false);
        }
        rows
    }

    fn notice_rows(&self, width: usize) -> Vec<OverlayRow> {
        let mut rows = Vec::new();
        if self.log.is_empty() {
            rows.push(OverlayRow::Entry { label: String::new(), text: "Nothing said yet".into(), error: false });
            return rows;
        }
        let label = |at_ms: u64, level: Level| {
            let when = match self.started {
                Some(start) => when_said(start, at_ms, &self.zone),
                None => format!("{:>5.1} s", at_ms as f64 / 1000.0),
            };
            format!("{when} {}", level.label())
        };
        let labels: Vec<(String, &super::notices::Said)> =
            self.log.newest_first().map(|said| (label(said.at_ms, said.level), said)).collect();
        let widest = labels.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
        for (label, said) in &labels {
            let text = crate::sanitize::line(&said.text);
            labelled(&mut rows, [(label.as_str(), text.as_ref())], widest, width, said.level == Level::Error);
        }
        rows
    }
}

/// The wall-clock time in `zone` of the loop's `at_ms`.
fn when_said(start: DateTime<Utc>, at_ms: u64, zone: &chrono_tz::Tz) -> String {
    let at = start + chrono::Duration::milliseconds(i64::try_from(at_ms).unwrap_or(i64::MAX / 2));
    at.with_timezone(zone).format("%H:%M:%S").to_string()
}

/// `(label, text)` pairs as rows: the label in a column as wide as the widest (at most half
/// the width; a longer label gets a row of its own), the text wrapped beside it.
fn labelled<'a>(
    rows: &mut Vec<OverlayRow>,
    entries: impl IntoIterator<Item = (&'a str, &'a str)>,
    widest: usize,
    width: usize,
    error: bool,
) {
    let column = widest.min(width / LABEL_SHARE);
    let text_width = width.saturating_sub(column + 2).max(8);
    for (label, text) in entries {
        let mut lines = wrap(text, text_width).into_iter();
        if label.width() > column {
            for part in wrap(label, width.max(1)) {
                rows.push(OverlayRow::Entry { label: part, text: String::new(), error });
            }
        } else {
            let first = lines.next().unwrap_or_default();
            rows.push(OverlayRow::Entry { label: format!("{label:<column$}"), text: first, error });
        }
        for line in lines {
            rows.push(OverlayRow::Entry { label: " ".repeat(column), text: line, error });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[OverlayRow]) -> Vec<String> {
        rows.iter()
            .map(|row| match row {
                OverlayRow::Heading(text) => format!("# {text}"),
                OverlayRow::Entry { label, text, .. } => format!("{label}  {text}").trim_end().to_owned(),
                OverlayRow::Blank => String::new(),
            })
            .collect()
    }

    #[test]
    fn long_descriptions_wrap_under_their_own_column() {
        let mut rows = Vec::new();
        let entries = [("j <Down>", "Next row"), ("G", "Last row (loads more messages as it goes, page by page)")];
        labelled(&mut rows, entries, 8, 36, false);
        assert_eq!(
            texts(&rows),
            [
                "j <Down>  Next row",
                "G         Last row (loads more",
                "          messages as it goes, page",
                "          by page)"
            ]
        );
        assert!(texts(&rows).iter().all(|line| line.width() <= 36));
    }

    #[test]
    fn a_label_wider_than_half_gets_its_own_rows() {
        let mut rows = Vec::new();
        labelled(&mut rows, [("<C-d> <PageDown> <Space>", "One screen down")], 24, 40, false);
        assert_eq!(texts(&rows), ["<C-d> <PageDown> <Space>".to_owned(), format!("{}One screen down", " ".repeat(22))]);
    }
}
