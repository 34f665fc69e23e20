//! The compose screen over the pane: the built-in editor (fields, body, quote, suggestions)
//! or the review screen (recipients, subject, attachments and inline images with sizes, a
//! progress bar while the files go, the body, what stops a send, the last failure and the
//! keys). Reads the store; decides nothing.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Gauge, Paragraph, Widget, Wrap};

use crate::human::addresses::format_recipients;
use crate::sanitize;
use crate::tui::action::Action;
use crate::tui::action::compose::ComposeAction;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::msg::compose::SendProgress;
use crate::tui::store::compose::header::parse_fields;
use crate::tui::store::compose::{BODY, BuiltIn, Compose, FIELD_NAMES, Kind, Mode, Status};
use crate::tui::theme::Theme;

pub struct ComposeView<'a> {
    pub compose: &'a Compose,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

/// `1.2 MB`, `340 KB`, `12 B`.
fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{b} B"),
    }
}

impl Widget for ComposeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let compose = self.compose;
        let title = match compose.mode {
            Mode::Preparing => format!(" {} — asking the service for the draft… ", compose.kind.title()),
            Mode::Editor => format!(" {} — {} ", compose.kind.title(), self.editor_keys()),
            Mode::External => format!(" {} — in your editor ", compose.kind.title()),
            Mode::Review => format!(" {} — review ", compose.kind.title()),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Line::styled(title, self.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        match (compose.mode, &compose.editor) {
            (Mode::Editor, Some(editor)) => self.render_editor(editor, inner, buf),
            (Mode::Review, _) => self.render_review(inner, buf),
            _ => {}
        }
    }
}

impl ComposeView<'_> {
    fn key(&self, action: ComposeAction) -> String {
        let key = self.keymap.first_key(Context::Compose, &Action::Compose(action));
        key.map_or_else(|| "?".to_owned(), str::to_owned)
    }

    fn editor_keys(&self) -> String {
        format!("{} next field · {} review", self.key(ComposeAction::NextField), self.key(ComposeAction::Done))
    }

    fn render_editor(&self, editor: &BuiltIn, area: Rect, buf: &mut Buffer) {
        let quote_height = if self.compose.quote_lines.is_empty() { 0 } else { (area.height / 4).max(2) };
        let [fields, rule, body, quote] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(quote_height),
        ])
        .areas(area);
        for (index, name) in FIELD_NAMES.iter().take(BODY).enumerate() {
            let row = Rect { y: fields.y + index as u16, height: 1, ..fields };
            let [label, value] = Layout::horizontal([Constraint::Length(9), Constraint::Min(1)]).areas(row);
            let style = if editor.focus == index { self.theme.border_focused } else { self.theme.header_label };
            Line::styled(format!("{name}:"), style).render(label, buf);
            editor.areas[index].render(value, buf);
        }
        let rule_style = if editor.focus == BODY { self.theme.border_focused } else { self.theme.border };
        Line::styled("─".repeat(usize::from(rule.width)), rule_style).render(rule, buf);
        editor.areas[BODY].render(body, buf);
        if quote_height > 0 {
            let lines: Vec<Line> =
                self.compose.quote_lines.iter().map(|l| Line::styled(l.clone(), self.theme.dim)).collect();
            Paragraph::new(lines).render(quote, buf);
        }
        if !editor.suggestions.is_empty() && editor.focus < BODY {
            let height = editor.suggestions.len() as u16 + 2;
            let width = area.width.saturating_sub(9).min(60);
            let popup = Rect { x: area.x + 9, y: fields.y + editor.focus as u16 + 1, width, height }.intersection(area);
            Clear.render(popup, buf);
            let lines: Vec<Line> = editor
                .suggestions
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let style = if i == editor.chosen { self.theme.selected } else { ratatui::style::Style::default() };
                    Line::styled(sanitize::line(&c.entry()).into_owned(), style)
                })
                .collect();
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(self.theme.border)
                .title(" ↑/↓ choose · Tab or Enter takes ");
            Paragraph::new(lines).block(block).render(popup, buf);
        }
    }

    fn render_review(&self, area: Rect, buf: &mut Buffer) {
        let compose = self.compose;
        let label = |name: &str| Span::styled(format!("{name:<9}"), self.theme.header_label);
        let parsed = parse_fields(&compose.fields).ok();
        let list = |text: &str, parsed: Option<String>| parsed.unwrap_or_else(|| text.to_owned());
        let mut lines = Vec::new();
        let fields = &compose.fields;
        let rows = [
            ("To:", list(&fields.to, parsed.as_ref().map(|p| format_recipients(&p.to)))),
            ("Cc:", list(&fields.cc, parsed.as_ref().map(|p| format_recipients(&p.cc)))),
            ("Bcc:", list(&fields.bcc, parsed.as_ref().map(|p| format_recipients(&p.bcc)))),
            ("Subject:", fields.subject.clone()),
        ];
        for (name, value) in rows {
            lines.push(Line::from(vec![label(name), Span::raw(sanitize::line(&value).into_owned())]));
        }
        if compose.attachments.is_empty() && compose.inline_images.is_empty() {
            lines.push(Line::from(vec![label("Files:"), Span::styled("none", self.theme.dim)]));
        }
        for (index, attachment) in compose.attachments.iter().enumerate() {
            let name = if index == 0 { "Files:" } else { "" };
            let where_ = match (&attachment.path, compose.kind) {
                (Some(_), _) => "",
                (None, Kind::Forward) => " (the original's, forwarded with it)",
                (None, _) => " (on the server draft)",
            };
            let size = if attachment.size > 0 { human_size(attachment.size) } else { "size unknown".into() };
            // Numbered: taking one off asks for its number.
            let text = format!("{}. {}  {size}{where_}", index + 1, sanitize::line(&attachment.name));
            lines.push(Line::from(vec![label(name), Span::raw(text)]));
        }
        for (index, image) in compose.inline_images.iter().enumerate() {
            let name = if index == 0 { "Inline:" } else { "" };
            let size = if image.size > 0 { human_size(image.size) } else { "size unknown".into() };
            let text = format!("{}  {size}  ", sanitize::line(&image.name));
            lines.push(Line::from(vec![
                label(name),
                Span::raw(text),
                Span::styled(format!("cid:{}", sanitize::line(&image.content_id)), self.theme.dim),
            ]));
        }
        if !compose.attachments.is_empty() || !compose.inline_images.is_empty() {
            lines.push(Line::from(vec![label("Total:"), Span::raw(human_size(compose.total_size()))]));
        }
        if let Some(problem) = &compose.problem {
            lines.push(Line::styled(format!("Cannot send: {}", sanitize::line(problem)), self.theme.error));
        }
        match &compose.status {
            Status::Idle => {}
            Status::Busy(what) => {
                let progress = compose
                    .progress
                    .as_ref()
                    .map(|p| {
                        let file = sanitize::line(&p.file);
                        format!(" {file}: {} of {}", human_size(p.file_done), human_size(p.file_size))
                    })
                    .unwrap_or_default();
                lines.push(Line::styled(format!("{what}…{progress}"), self.theme.notice));
            }
            Status::Failed { reason, maybe_sent } => {
                lines.push(Line::styled(format!("Failed: {}", sanitize::line(reason)), self.theme.error));
                if *maybe_sent {
                    lines.push(Line::styled(
                        "It may have gone out: look in Sent Items before retrying.",
                        self.theme.error,
                    ));
                }
                let kept = if compose.local_path.is_some() { "Your text is kept on disk. " } else { "" };
                lines.push(Line::styled(
                    format!("{kept}{} retries.", self.key(ComposeAction::Retry)),
                    self.theme.notice,
                ));
            }
        }
        // The key that takes a file off shows only when there is one, in place of the drive
        // link's (the help lists every key), so that the line still fits 80 columns.
        let keys = match compose.attachments.is_empty() {
            true => format!(
                "{} send · {} edit · {} attach · {} drive link · {} inline · {} to Drafts · {} discard",
                self.key(ComposeAction::Send),
                self.key(ComposeAction::EditAgain),
                self.key(ComposeAction::Attach),
                self.key(ComposeAction::LinkDriveFile),
                self.key(ComposeAction::AttachInline),
                self.key(ComposeAction::SaveDraft),
                self.key(ComposeAction::Discard)
            ),
            false => format!(
                "{} send · {} edit · {} attach · {} inline · {} remove · {} to Drafts · {} discard",
                self.key(ComposeAction::Send),
                self.key(ComposeAction::EditAgain),
                self.key(ComposeAction::Attach),
                self.key(ComposeAction::AttachInline),
                self.key(ComposeAction::RemoveAttachment),
                self.key(ComposeAction::SaveDraft),
                self.key(ComposeAction::Discard)
            ),
        };
        // Rows the wrapped lines take (long failure reasons wrap).
        let width = usize::from(area.width.max(1));
        let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
        let gauge_rows = if compose.is_busy() && compose.progress.is_some() { 1 } else { 0 };
        let [top, gauge, body, bottom] = Layout::vertical([
            Constraint::Length(rows as u16 + 1 - gauge_rows),
            Constraint::Length(gauge_rows),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(top, buf);
        if let Some(progress) = compose.progress.as_ref().filter(|_| gauge_rows > 0) {
            self.render_progress(progress, gauge, buf);
        }
        let mut text: Vec<Line> =
            compose.fields.body.lines().map(|l| Line::raw(sanitize::line(l).into_owned())).collect();
        if !compose.quote_lines.is_empty() {
            text.push(Line::raw(""));
            text.extend(compose.quote_lines.iter().map(|l| Line::styled(l.clone(), self.theme.dim)));
        }
        let rule = Block::default().borders(Borders::TOP).border_style(self.theme.border);
        Paragraph::new(text).block(rule).wrap(Wrap { trim: false }).render(body, buf);
        Line::styled(keys, self.theme.dim).render(bottom, buf);
    }

    /// All the message's files as one bar: bytes the service has of their total.
    fn render_progress(&self, progress: &SendProgress, area: Rect, buf: &mut Buffer) {
        let ratio = if progress.total == 0 { 1.0 } else { progress.done as f64 / progress.total as f64 };
        // Whole percents rounded down, as the status bar counts them.
        let percent = (progress.done * 100).checked_div(progress.total).unwrap_or(100);
        let label = format!("{percent}% · {} of {}", human_size(progress.done), human_size(progress.total));
        let [name, bar] = Layout::horizontal([Constraint::Length(9), Constraint::Min(1)]).areas(area);
        Line::styled("Upload:", self.theme.header_label).render(name, buf);
        Gauge::default().gauge_style(self.theme.notice).ratio(ratio.clamp(0.0, 1.0)).label(label).render(bar, buf);
    }
}
