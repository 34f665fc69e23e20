//! Mouse clicks in the mail pane: the column under the pointer takes the focus, the row under
//! it is selected, and a click on the row already selected opens it. The Calendar, Drive and
//! Tasks panes do the same in their own update modules.
use ratatui::layout::{Position, Rect};

use super::super::effect::Effect;
use super::super::layout::row_at;
use super::super::store::{MailFocus, Store};
use super::mail::{focus, move_by, open};

pub(super) fn click(store: &mut Store, column: u16, row: u16) -> Vec<Effect> {
    let layout = store.mail_layout();
    let at = Position { x: column, y: row };
    let hit =
        [(layout.folders, MailFocus::Folders), (layout.list, MailFocus::Messages), (layout.reader, MailFocus::Reader)]
            .into_iter()
            .find_map(|(area, column)| area.filter(|a| a.contains(at)).map(|a| (a, column)));
    let Some((area, column)) = hit else { return Vec::new() };
    let mut effects = focus(store, column);
    let Some(index) = row_index(store, column, area, row) else { return effects };
    let selected = match column {
        MailFocus::Folders => store.mail.folder_cursor.selected,
        MailFocus::Messages => store.mail.message_cursor.selected,
        MailFocus::Reader => return effects,
    };
    if index == selected {
        effects.extend(open(store));
    } else {
        effects.extend(move_by(store, index as isize - selected as isize));
    }
    effects
}

/// The list row under screen row `row`, if a row of the list is there.
fn row_index(store: &Store, column: MailFocus, area: Rect, row: u16) -> Option<usize> {
    let (offset, len) = match column {
        MailFocus::Folders => (store.mail.folder_cursor.offset, store.mail.folders.ready().map_or(0, Vec::len)),
        MailFocus::Messages => (store.mail.message_cursor.offset, store.mail.visible_len()),
        MailFocus::Reader => return None,
    };
    row_at(area, offset, len, row)
}
