//! The terminal window's title (issue 10): the Inbox's unread count, so a minimised or
//! background terminal says when mail waits. Only our own words and a number: no remote text
//! (a folder or account name could carry an escape sequence) ever reaches the title.
use crate::domain::WellKnown;
use crate::tui::store::Store;

/// `o365 - 3 unread` once the folder tree is known, `o365` before.
pub fn window_title(store: &Store) -> String {
    let inbox = store.mail.folders.ready().and_then(|rows| {
        rows.iter().find(|row| row.folder.well_known == Some(WellKnown::Inbox)).map(|row| row.folder.unread_count)
    });
    match inbox {
        Some(unread) => format!("o365 - {unread} unread"),
        None => "o365".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Folder;
    use crate::tui::loadable::Loadable;
    use crate::tui::msg::FolderRow;

    #[test]
    fn the_title_counts_the_inboxs_unread_messages() {
        let mut store = Store::new("work", chrono_tz::UTC, 120, 40);
        assert_eq!(window_title(&store), "o365");
        let row = |name: &str, unread, well_known| FolderRow {
            folder: Folder {
                id: name.into(),
                name: name.into(),
                unread_count: unread,
                well_known,
                ..Folder::default()
            },
            depth: 0,
        };
        store.mail.folders = Loadable::Ready(vec![
            row("\u{1b}]2;Archive", 9, Some(WellKnown::Archive)),
            row("Inbox", 3, Some(WellKnown::Inbox)),
        ]);
        assert_eq!(window_title(&store), "o365 - 3 unread");
        store.mail.folders = Loadable::Ready(vec![row("Inbox", 0, None)]);
        assert_eq!(window_title(&store), "o365", "no folder known as the Inbox");
    }
}
