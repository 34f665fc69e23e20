//! The transfers view (`T`): every transfer of the session, newest last, with its direction,
//! name, progress (bytes of the size and a bar, or a copy's percent) and state: waiting,
//! running, tried again after a failure (with the reason), done, failed (why), cancelled.
//! Names are remote or typed text, sanitised.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::{cell, message_line, pane_block};
use super::DriveView;
use crate::human::human_size;
use crate::sanitize;
use crate::tui::store::drive::transfers::{MAX_ATTEMPTS, MAX_RUNNING, Transfer, TransferState};

/// Columns of the progress bar.
const BAR: usize = 12;

impl DriveView<'_> {
    pub(super) fn render_transfers(&self, area: Rect, buf: &mut Buffer) {
        let transfers = &self.store.drive.transfers;
        let title = format!(
            "Transfers · {} active (at most {MAX_RUNNING} at once) · x cancels · r tries again · Esc closes",
            transfers.active()
        );
        let block = pane_block(Line::styled(title, self.theme.title), true, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if transfers.rows.is_empty() {
            let text = "No transfers yet: Enter opens a file, s saves, u uploads, y copies";
            return message_line(text.into(), self.theme.dim, inner, buf);
        }
        let height = usize::from(inner.height);
        let offset = transfers.selected.saturating_sub(height.saturating_sub(1));
        let width = usize::from(inner.width);
        for (y, (index, transfer)) in transfers.rows.iter().enumerate().skip(offset).take(height).enumerate() {
            let line = self.transfer_row(transfer, width, index == transfers.selected);
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }

    fn transfer_row(&self, transfer: &Transfer, width: usize, selected: bool) -> Line<'static> {
        let base = if selected { self.theme.selected } else { Default::default() };
        let (state, style) = match &transfer.state {
            TransferState::Queued => match &transfer.retry_reason {
                Some(reason) => (
                    format!("waits to try again ({} of {MAX_ATTEMPTS}): {}", transfer.attempt, sanitize::line(reason)),
                    self.theme.error,
                ),
                None => ("waiting".to_owned(), self.theme.dim),
            },
            TransferState::Running if transfer.total == 0 && transfer.retry_reason.is_none() => {
                ("starting…".to_owned(), self.theme.dim)
            }
            TransferState::Running => {
                let amount = if transfer.in_percent() {
                    format!("{}%", transfer.done.min(100))
                } else {
                    format!("{} of {}", human_size(transfer.done), human_size(transfer.total))
                };
                let retry = match &transfer.retry_reason {
                    Some(reason) => {
                        format!(" · try {} of {MAX_ATTEMPTS} after: {}", transfer.attempt, sanitize::line(reason))
                    }
                    None => String::new(),
                };
                (format!("{} {amount}{retry}", bar(transfer.done, transfer.total)), Default::default())
            }
            TransferState::Done(summary) => (sanitize::line(summary).into_owned(), self.theme.dim),
            TransferState::Failed(reason) => (format!("failed: {}", sanitize::line(reason)), self.theme.error),
            TransferState::Cancelled => ("cancelled".to_owned(), self.theme.dim),
        };
        let name_width = (width / 3).clamp(8, 40).min(width.saturating_sub(2));
        let rest = width.saturating_sub(2 + name_width + 1);
        Line::from(vec![
            Span::styled(format!("{} ", transfer.arrow()), base.patch(self.theme.marks)),
            Span::styled(cell(&sanitize::line(&transfer.name), name_width), base),
            Span::styled(format!(" {}", cell(&state, rest)), base.patch(style)),
        ])
    }
}

/// `[#####.......]`: how much of `total` is done (empty while the total is unknown).
fn bar(done: u64, total: u64) -> String {
    let filled = if total == 0 { 0 } else { ((done.min(total) as u128 * BAR as u128) / total as u128) as usize };
    format!("[{}{}]", "#".repeat(filled), ".".repeat(BAR - filled))
}
