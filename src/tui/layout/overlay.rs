//! Where the text overlays (`?` help, Ctrl-N notices) go: centred, at most `ONE_COLUMN` wide; on a
//! wide screen whose text does not fit one column, two columns side by side that read as one
//! (the second goes on where the first ends). Taller than the screen, they scroll.
use ratatui::layout::{Constraint, Flex, Layout, Rect};

/// One column of text, in cells with its border: its widest.
pub const ONE_COLUMN: u16 = 90;
/// Two columns need at least this much room each.
pub const NARROW_COLUMN: u16 = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayLayout {
    /// The box with its border.
    pub popup: Rect,
    /// Where the text goes: one or two columns inside the border.
    pub columns: Vec<Rect>,
}

impl OverlayLayout {
    /// How many rows of text show at once.
    pub fn capacity(&self) -> usize {
        self.columns.iter().map(|c| usize::from(c.height)).sum()
    }

    /// The width the text is wrapped to.
    pub fn text_width(&self) -> usize {
        self.columns.first().map_or(1, |c| usize::from(c.width).max(1))
    }
}

/// The overlay for `area`, given how many rows the text takes at a width (`rows_at`).
pub fn split(area: Rect, rows_at: impl Fn(usize) -> usize) -> OverlayLayout {
    let room = usize::from(area.height.saturating_sub(2));
    let one_width = area.width.min(ONE_COLUMN);
    let one = rows_at(usize::from(one_width.saturating_sub(2)).max(1));
    if one <= room || area.width < 2 * NARROW_COLUMN {
        return place(area, one_width, one, 1);
    }
    let width = area.width.min(2 * ONE_COLUMN);
    let column = usize::from((width.saturating_sub(3)) / 2).max(1);
    place(area, width, rows_at(column).div_ceil(2), 2)
}

fn place(area: Rect, width: u16, rows_per_column: usize, count: u16) -> OverlayLayout {
    let height = u16::try_from(rows_per_column + 2).unwrap_or(u16::MAX).min(area.height);
    let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    let inner = Rect {
        x: popup.x + 1,
        y: popup.y + 1,
        width: popup.width.saturating_sub(2),
        height: popup.height.saturating_sub(2),
    };
    let columns = if count == 2 {
        let left = inner.width.saturating_sub(1) / 2;
        vec![
            Rect { width: left, ..inner },
            Rect { x: inner.x + left + 1, width: inner.width.saturating_sub(left + 1), ..inner },
        ]
    } else {
        vec![inner]
    };
    OverlayLayout { popup, columns }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_screens_get_one_column_as_tall_as_they_are() {
        let layout = split(Rect::new(0, 0, 60, 20), |_| 100);
        assert_eq!(layout.popup, Rect::new(0, 0, 60, 20));
        assert_eq!((layout.columns.len(), layout.capacity(), layout.text_width()), (1, 18, 58));
        let short = split(Rect::new(0, 0, 80, 24), |_| 5);
        assert_eq!(short.popup.height, 7);
    }

    #[test]
    fn wide_screens_flow_into_two_columns_only_when_one_does_not_fit() {
        let fits = split(Rect::new(0, 0, 140, 40), |_| 30);
        assert_eq!(fits.columns.len(), 1);
        let two = split(Rect::new(0, 0, 140, 40), |_| 70);
        assert_eq!(two.columns.len(), 2);
        assert_eq!(two.capacity(), 2 * 35);
        assert!(two.columns[0].right() < two.columns[1].x, "a gap between the columns");
    }
}
