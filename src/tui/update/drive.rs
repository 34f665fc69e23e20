//! The drive pane's reactions: moving through a folder's children, opening a folder, going up
//! to the parent (back onto the folder just left), the details toggle, and the worker's results.
use super::super::action::Action;
use super::super::effect::{Effect, LoadKey};
use super::super::layout;
use super::super::loadable::Loadable;
use super::super::msg::Msg;
use super::super::store::{Crumb, Store};
use super::{notify, report_error};

/// The pane came into view: the first time, list the root.
pub(super) fn on_show(store: &mut Store) -> Vec<Effect> {
    if matches!(store.drive.children, Loadable::Idle) {
        return load(store, None);
    }
    Vec::new()
}

/// Lists `folder_id`'s children under a fresh generation; any older listing still coming is
/// then stale and dropped on arrival (and cancelled by the worker, same slot).
fn load(store: &mut Store, folder_id: Option<String>) -> Vec<Effect> {
    let generation = store.next_generation();
    store.drive.children = Loadable::Loading { generation };
    store.drive.cursor = Default::default();
    vec![Effect::Load { generation, key: LoadKey::DriveChildren { folder_id } }]
}

fn list_height(store: &Store) -> usize {
    layout::inner_height(store.drive_layout().list)
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    match action {
        Action::Up => move_by(store, -1),
        Action::Down => move_by(store, 1),
        Action::PageUp => move_by(store, -(list_height(store) as isize)),
        Action::PageDown => move_by(store, list_height(store) as isize),
        Action::Top => move_by(store, isize::MIN / 2),
        Action::Bottom => move_by(store, isize::MAX / 2),
        Action::Open => open(store),
        Action::Back => back(store),
        Action::Refresh => {
            notify(store, "Refreshing…".to_owned());
            let keep = store.drive.selected().map(|entry| entry.item.id.clone());
            store.drive.reselect = keep.or(store.drive.reselect.take());
            let folder_id = store.drive.open_folder_id();
            load(store, folder_id)
        }
        Action::ToggleDetails => {
            store.drive.details_open = !store.drive.details_open;
            relayout(store);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn move_by(store: &mut Store, delta: isize) -> Vec<Effect> {
    let (len, height) = (store.drive.len(), list_height(store));
    store.drive.cursor.move_by(delta, len, height);
    Vec::new()
}

/// Enter on a folder goes into it; on a file it shows the details (narrow screens).
fn open(store: &mut Store) -> Vec<Effect> {
    let Some(entry) = store.drive.selected() else { return Vec::new() };
    if !entry.item.is_folder() {
        if !store.drive.details_open {
            store.drive.details_open = true;
            relayout(store);
        }
        return Vec::new();
    }
    let crumb = Crumb { id: entry.item.id.clone(), name: entry.item.name.clone() };
    store.drive.path.push(crumb.clone());
    store.drive.reselect = None;
    store.drive.details_open = false;
    load(store, Some(crumb.id))
}

/// Closes the details when they hide the list; otherwise goes up one folder and, once the
/// parent's children arrive, selects the folder just left.
fn back(store: &mut Store) -> Vec<Effect> {
    if store.drive.details_open {
        store.drive.details_open = false;
        relayout(store);
        return Vec::new();
    }
    let Some(left) = store.drive.path.pop() else { return Vec::new() };
    store.drive.reselect = Some(left.id);
    let parent = store.drive.open_folder_id();
    load(store, parent)
}

/// After a resize or the details toggle: the cursor stays visible.
pub(super) fn relayout(store: &mut Store) {
    let (len, height) = (store.drive.len(), list_height(store));
    let selected = store.drive.cursor.selected;
    store.drive.cursor.select(selected, len, height);
}

pub(super) fn on_msg(store: &mut Store, msg: Msg) -> Vec<Effect> {
    let Msg::DriveChildren { generation, result } = msg else { return Vec::new() };
    if !store.drive.children.awaits(generation) {
        return Vec::new();
    }
    match result {
        Ok(entries) => {
            let wanted = store.drive.reselect.take();
            let at = wanted.and_then(|id| entries.iter().position(|entry| entry.item.id == id)).unwrap_or(0);
            store.drive.children = Loadable::Ready(entries);
            let (len, height) = (store.drive.len(), list_height(store));
            store.drive.cursor.select(at, len, height);
        }
        Err(reason) => {
            report_error(store, format!("Listing the folder failed: {reason}"));
            let folder_id = store.drive.open_folder_id();
            store.drive.children = Loadable::Failed { reason, retry: LoadKey::DriveChildren { folder_id } };
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::super::update;
    use super::*;
    use crate::domain::{DriveItem, DriveItemKind};
    use crate::tui::action::Pane;
    use crate::tui::msg::DriveEntry;

    fn entry(id: &str, folder: bool) -> DriveEntry {
        let kind =
            if folder { DriveItemKind::Folder { child_count: 1 } } else { DriveItemKind::File { mime: None, size: 5 } };
        DriveEntry {
            item: DriveItem {
                id: id.into(),
                name: id.into(),
                kind,
                size: 5,
                modified: None,
                modified_by: None,
                drive_id: None,
                parent_id: None,
                parent_path: Some("/".into()),
                web_url: None,
                download_url: None,
                is_root: false,
                is_deleted: false,
                special_folder: None,
                e_tag: None,
            },
            created: None,
            created_by: None,
        }
    }

    fn ordered(effects: &[Effect]) -> (u64, Option<String>) {
        match effects {
            [Effect::Load { generation, key: LoadKey::DriveChildren { folder_id } }] => {
                (*generation, folder_id.clone())
            }
            other => panic!("expected one drive load, got {other:?}"),
        }
    }

    fn arrive(store: &mut Store, generation: u64, entries: Vec<DriveEntry>) {
        update(store, Msg::DriveChildren { generation, result: Ok(entries) });
    }

    fn root() -> Vec<DriveEntry> {
        vec![entry("a", true), entry("b", true), entry("c", true), entry("f.txt", false)]
    }

    /// A store showing the drive root with `root()` listed.
    fn at_root() -> Store {
        let mut store = Store::new("me", chrono_tz::Europe::Paris, 140, 40);
        let (generation, folder) = ordered(&update(&mut store, Action::ShowPane(Pane::Drive)));
        assert_eq!(folder, None, "the root is listed first");
        arrive(&mut store, generation, root());
        store
    }

    #[test]
    fn entering_and_leaving_restores_the_cursor_on_the_folder_left() {
        let mut store = at_root();
        update(&mut store, Action::Down);
        update(&mut store, Action::Down);
        let (generation, folder) = ordered(&update(&mut store, Action::Open));
        assert_eq!(folder.as_deref(), Some("c"));
        assert_eq!(store.drive.path.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["c"]);
        arrive(&mut store, generation, vec![entry("inner", false)]);
        assert_eq!(store.drive.selected().unwrap().item.id, "inner");

        let (generation, folder) = ordered(&update(&mut store, Action::Back));
        assert_eq!(folder, None, "back goes to the root");
        assert!(store.drive.path.is_empty());
        arrive(&mut store, generation, root());
        assert_eq!(store.drive.selected().unwrap().item.id, "c", "the cursor is back on the folder left");
        assert!(update(&mut store, Action::Back).is_empty(), "nothing above the root");
    }

    #[test]
    fn opening_a_file_loads_nothing() {
        let mut store = at_root();
        update(&mut store, Action::Bottom);
        assert!(update(&mut store, Action::Open).is_empty());
        assert!(store.drive.details_open);
        assert!(update(&mut store, Action::Back).is_empty(), "back first closes the details");
        assert!(!store.drive.details_open);
    }

    #[test]
    fn a_stale_listing_is_dropped() {
        let mut store = at_root();
        let (into_a, _) = ordered(&update(&mut store, Action::Open));
        let (back_to_root, _) = ordered(&update(&mut store, Action::Back));
        // a's children arrive after the user already went back up: they must not show.
        arrive(&mut store, into_a, vec![entry("stale", false)]);
        assert!(store.drive.children.is_loading());
        arrive(&mut store, back_to_root, root());
        assert_eq!(store.drive.len(), 4);
        assert_eq!(store.drive.selected().unwrap().item.id, "a");
    }

    #[test]
    fn a_failure_is_shown_and_r_retries_the_same_folder() {
        let mut store = at_root();
        let (generation, _) = ordered(&update(&mut store, Action::Open));
        update(&mut store, Msg::DriveChildren { generation, result: Err("503 busy".into()) });
        match &store.drive.children {
            Loadable::Failed { reason, retry } => {
                assert_eq!(reason, "503 busy");
                assert_eq!(retry, &LoadKey::DriveChildren { folder_id: Some("a".into()) });
            }
            other => panic!("expected a failure, got {other:?}"),
        }
        assert!(store.notice.as_ref().unwrap().is_error);
        let (retry, folder) = ordered(&update(&mut store, Action::Refresh));
        assert_eq!(folder.as_deref(), Some("a"));
        assert!(retry > generation);
    }

    #[test]
    fn refresh_keeps_the_selected_item() {
        let mut store = at_root();
        update(&mut store, Action::Down);
        let (generation, folder) = ordered(&update(&mut store, Action::Refresh));
        assert_eq!(folder, None);
        let mut reordered = root();
        reordered.reverse();
        arrive(&mut store, generation, reordered);
        assert_eq!(store.drive.selected().unwrap().item.id, "b");
    }
}
