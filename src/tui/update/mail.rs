//! The mail pane's reactions: moving through folders and messages, opening, paging in more
//! messages near the end of the list, filtering, and taking in the worker's results.
use super::super::action::Action;
use super::super::effect::{Effect, LoadKey, Slot};
use super::super::layout;
use super::super::loadable::{Loadable, MoreState, Paged};
use super::super::msg::Msg;
use super::super::store::{MailFocus, Store};
use super::reader::{build_doc, rewrap};
use super::{notify, report_error};

/// Load the next page when the cursor comes within this many rows (or one screen) of the end.
const PREFETCH_ROWS: usize = 50;

pub(super) fn start(store: &mut Store) -> Vec<Effect> {
    load(store, LoadKey::Folders)
}

/// Marks the resource behind `key` as loading under a fresh generation and orders the load.
pub(super) fn load(store: &mut Store, key: LoadKey) -> Vec<Effect> {
    let generation = store.next_generation();
    let mail = &mut store.mail;
    match &key {
        LoadKey::Folders => mail.folders = Loadable::Loading { generation },
        LoadKey::Messages { folder_id } => {
            mail.open_folder = Some(folder_id.clone());
            mail.messages = Loadable::Loading { generation };
            mail.message_cursor = Default::default();
        }
        LoadKey::MoreMessages { .. } => match mail.messages.ready_mut() {
            Some(page) => page.more = MoreState::Loading { generation },
            None => return Vec::new(),
        },
        LoadKey::Message { id } => {
            mail.open_message = Some(id.clone());
            mail.reader = Loadable::Loading { generation };
        }
        // Not the mail pane's.
        LoadKey::Agenda { .. } => return Vec::new(),
        // Other panes' loads go through their own update modules.
        LoadKey::DriveChildren { .. } | LoadKey::SharedWithMe | LoadKey::Sites { .. } | LoadKey::SiteDrives { .. } => {
            return Vec::new();
        }
    }
    let mut effects = Vec::new();
    if let LoadKey::Messages { .. } = key {
        // A new list makes any page still coming for the old one useless.
        effects.push(Effect::Cancel(Slot::MessagePage));
    }
    effects.push(Effect::Load { generation, key });
    effects
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let action = match super::mail_ops::on_action(store, action) {
        std::ops::ControlFlow::Continue(action) => action,
        std::ops::ControlFlow::Break(effects) => return effects,
    };
    if store.mail.filter.editing {
        match action {
            Action::TextInput(c) => {
                store.mail.filter.text.push(c);
                refilter(store);
                return Vec::new();
            }
            Action::TextBackspace => {
                store.mail.filter.text.pop();
                refilter(store);
                return Vec::new();
            }
            Action::TextSubmit => {
                store.mail.filter.editing = false;
                return Vec::new();
            }
            Action::Back => {
                clear_filter(store);
                return Vec::new();
            }
            _ => {}
        }
    }
    if let Some(step) = super::list_step(&action, page_rows(store)) {
        return move_by(store, step);
    }
    match action {
        Action::Open => open(store),
        Action::Back => back(store),
        Action::FocusNext => focus(store, next_focus(store, true)),
        Action::FocusPrev => focus(store, next_focus(store, false)),
        Action::Refresh => refresh(store),
        Action::StartFilter => {
            store.mail.focus = MailFocus::Messages;
            store.mail.filter.editing = true;
            store.mail.filter.text.clear();
            refilter(store);
            relayout(store);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn page_rows(store: &Store) -> usize {
    let layout = store.mail_layout();
    match store.mail.focus {
        MailFocus::Folders => layout::inner_height(layout.folders),
        MailFocus::Messages => layout::inner_height(layout.list),
        MailFocus::Reader => layout::inner_height(layout.reader),
    }
}

pub(super) fn move_by(store: &mut Store, delta: isize) -> Vec<Effect> {
    let height = page_rows(store);
    match store.mail.focus {
        MailFocus::Folders => {
            let len = store.mail.folders.ready().map_or(0, Vec::len);
            store.mail.folder_cursor.move_by(delta, len, height);
            // The list follows the highlighted folder; stale loads are cancelled as it moves.
            match store.mail.selected_folder().map(|row| row.folder.id.clone()) {
                Some(id) if store.mail.open_folder.as_deref() != Some(&id) => open_folder(store, id),
                _ => Vec::new(),
            }
        }
        MailFocus::Messages => {
            let len = store.mail.visible_len();
            store.mail.message_cursor.move_by(delta, len, height);
            more_if_near_end(store)
        }
        MailFocus::Reader => {
            if let Some(doc) = store.mail.reader.ready_mut() {
                let last = doc.line_count().saturating_sub(height);
                doc.scroll = doc.scroll.saturating_add_signed(delta).min(last);
            }
            Vec::new()
        }
    }
}

fn open_folder(store: &mut Store, folder_id: String) -> Vec<Effect> {
    store.mail.filter = Default::default();
    load(store, LoadKey::Messages { folder_id })
}

/// Infinite scroll: near the end of what is loaded, ask for the next page (once at a time).
fn more_if_near_end(store: &mut Store) -> Vec<Effect> {
    let near = PREFETCH_ROWS.max(page_rows(store));
    let Some(folder_id) = store.mail.open_folder.clone() else { return Vec::new() };
    let Some(page) = store.mail.messages.ready() else { return Vec::new() };
    let Some(next_link) = page.next_link.clone() else { return Vec::new() };
    let wanted = store.mail.filter.matches.is_none()
        && page.more == MoreState::Idle
        && store.mail.message_cursor.selected + near >= page.items.len();
    if !wanted {
        return Vec::new();
    }
    load(store, LoadKey::MoreMessages { folder_id, next_link })
}

pub(super) fn open(store: &mut Store) -> Vec<Effect> {
    match store.mail.focus {
        MailFocus::Folders => {
            let effects = match store.mail.selected_folder().map(|row| row.folder.id.clone()) {
                Some(id) if store.mail.open_folder.as_deref() != Some(&id) => open_folder(store, id),
                _ => Vec::new(),
            };
            focus(store, MailFocus::Messages);
            effects
        }
        MailFocus::Messages => {
            let row = store.mail.message_cursor.selected;
            let Some(id) = store.mail.visible_message(row).map(|m| m.id.clone()) else { return Vec::new() };
            store.mail.focus = MailFocus::Reader;
            relayout(store);
            if store.mail.open_message.as_deref() == Some(&id) && !matches!(store.mail.reader, Loadable::Failed { .. })
            {
                return Vec::new();
            }
            load(store, LoadKey::Message { id })
        }
        MailFocus::Reader => Vec::new(),
    }
}

fn back(store: &mut Store) -> Vec<Effect> {
    match store.mail.focus {
        MailFocus::Reader => focus(store, MailFocus::Messages),
        MailFocus::Messages if store.mail.filter.matches.is_some() => {
            clear_filter(store);
            Vec::new()
        }
        MailFocus::Messages => focus(store, MailFocus::Folders),
        MailFocus::Folders => Vec::new(),
    }
}

pub(super) fn focus(store: &mut Store, focus: MailFocus) -> Vec<Effect> {
    store.mail.focus = focus;
    relayout(store);
    Vec::new()
}

/// Tab order; the reader joins it once a message is open.
fn next_focus(store: &Store, forward: bool) -> MailFocus {
    let has_reader = !matches!(store.mail.reader, Loadable::Idle);
    let order: &[MailFocus] = if has_reader {
        &[MailFocus::Folders, MailFocus::Messages, MailFocus::Reader]
    } else {
        &[MailFocus::Folders, MailFocus::Messages]
    };
    let at = order.iter().position(|f| *f == store.mail.focus).unwrap_or(0);
    let step = if forward { 1 } else { order.len() - 1 };
    order[(at + step) % order.len()]
}

/// `r`: load again what the focused column shows (the retry of a failed load too).
fn refresh(store: &mut Store) -> Vec<Effect> {
    let mail = &store.mail;
    let key = match mail.focus {
        MailFocus::Folders => Some(LoadKey::Folders),
        MailFocus::Messages => match &mail.messages {
            Loadable::Ready(Paged { more: MoreState::Failed { .. }, next_link: Some(link), .. }) => {
                mail.open_folder.clone().map(|folder_id| LoadKey::MoreMessages { folder_id, next_link: link.clone() })
            }
            _ => mail.open_folder.clone().map(|folder_id| LoadKey::Messages { folder_id }),
        },
        MailFocus::Reader => mail.open_message.clone().map(|id| LoadKey::Message { id }),
    };
    match key {
        Some(key) => {
            notify(store, "Refreshing…".to_owned());
            load(store, key)
        }
        None => Vec::new(),
    }
}

fn clear_filter(store: &mut Store) {
    let selected = store.mail.filter.matches.as_ref().and_then(|m| m.get(store.mail.message_cursor.selected).copied());
    store.mail.filter = Default::default();
    // Stay on the message that was selected in the filtered view.
    let height = page_rows(store);
    let len = store.mail.visible_len();
    store.mail.message_cursor.select(selected.unwrap_or(0), len, height);
}

/// Recomputes which loaded messages match the filter text (subject or sender, any case).
pub(super) fn refilter(store: &mut Store) {
    let needle = store.mail.filter.text.to_lowercase();
    let matches = match store.mail.messages.ready() {
        Some(page) if !needle.is_empty() => Some(
            page.items
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    m.subject.to_lowercase().contains(&needle)
                        || m.from.as_ref().is_some_and(|f| {
                            f.name.to_lowercase().contains(&needle) || f.address.to_lowercase().contains(&needle)
                        })
                })
                .map(|(i, _)| i)
                .collect(),
        ),
        _ if !needle.is_empty() => Some(Vec::new()),
        _ => None,
    };
    store.mail.filter.matches = matches;
    let height = page_rows(store);
    let len = store.mail.visible_len();
    let selected = store.mail.message_cursor.selected;
    store.mail.message_cursor.select(selected, len, height);
}

/// After a resize or a focus change: cursors stay visible, the reader rewraps to its width.
pub(super) fn relayout(store: &mut Store) {
    let layout = store.mail_layout();
    let mail = &mut store.mail;
    let folders_len = mail.folders.ready().map_or(0, Vec::len);
    let selected = mail.folder_cursor.selected;
    mail.folder_cursor.select(selected, folders_len, layout::inner_height(layout.folders));
    let (selected, len) = (mail.message_cursor.selected, mail.visible_len());
    mail.message_cursor.select(selected, len, layout::inner_height(layout.list));
    if let (Some(area), Some(doc)) = (layout.reader, mail.reader.ready_mut()) {
        rewrap(doc, layout::inner_width(Some(area)), &store.zone);
    }
}

pub(super) fn on_msg(store: &mut Store, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Folders { generation, result } => {
            if !store.mail.folders.awaits(generation) {
                return Vec::new();
            }
            match result {
                Ok(rows) => {
                    let first_time = store.mail.open_folder.is_none();
                    let inbox = rows.iter().position(|r| r.folder.name.eq_ignore_ascii_case("inbox")).unwrap_or(0);
                    let keep =
                        store.mail.open_folder.as_deref().and_then(|id| rows.iter().position(|r| r.folder.id == id));
                    let at = keep.unwrap_or(inbox);
                    let open = rows.get(at).map(|r| r.folder.id.clone());
                    store.mail.folders = Loadable::Ready(rows);
                    let height = layout::inner_height(store.mail_layout().folders);
                    let len = store.mail.folders.ready().map_or(0, Vec::len);
                    store.mail.folder_cursor.select(at, len, height);
                    match open {
                        Some(id) if first_time => open_folder(store, id),
                        _ => Vec::new(),
                    }
                }
                Err(reason) => {
                    report_error(store, format!("Loading folders failed: {reason}"));
                    store.mail.folders = Loadable::Failed { reason: reason.text, retry: LoadKey::Folders };
                    Vec::new()
                }
            }
        }
        Msg::Messages { generation, result } => {
            if !store.mail.messages.awaits(generation) {
                return Vec::new();
            }
            let folder_id = store.mail.open_folder.clone().unwrap_or_default();
            match result {
                Ok(page) => {
                    let total = store.mail.open_folder_row().map(|row| row.folder.total_count);
                    store.mail.messages = Loadable::Ready(Paged::first(page.items, page.next_link, total));
                    store.mail.message_cursor = Default::default();
                    refilter(store);
                }
                Err(reason) => {
                    report_error(store, format!("Loading messages failed: {reason}"));
                    store.mail.messages =
                        Loadable::Failed { reason: reason.text, retry: LoadKey::Messages { folder_id } };
                }
            }
            Vec::new()
        }
        Msg::MoreMessages { generation, result } => {
            let Some(page) = store.mail.messages.ready_mut() else { return Vec::new() };
            if page.more != (MoreState::Loading { generation }) {
                return Vec::new();
            }
            match result {
                Ok(more) => {
                    page.items.extend(more.items);
                    page.next_link = more.next_link;
                    page.more = MoreState::Idle;
                    refilter(store);
                    // The cursor may already sit past the new end's prefetch line.
                    more_if_near_end(store)
                }
                Err(reason) => {
                    page.more = MoreState::Failed { reason: reason.text.clone() };
                    report_error(store, format!("Loading more messages failed: {reason} (r retries)"));
                    Vec::new()
                }
            }
        }
        Msg::Message { generation, result } => {
            if !store.mail.reader.awaits(generation) {
                return Vec::new();
            }
            match result {
                Ok(full) => {
                    let width = layout::inner_width(
                        layout::mail::split(layout::screen(store.size).body, MailFocus::Reader).reader,
                    );
                    store.mail.reader = Loadable::Ready(build_doc(full, width, &store.zone));
                }
                Err(reason) => {
                    let id = store.mail.open_message.clone().unwrap_or_default();
                    report_error(store, format!("Opening the message failed: {reason}"));
                    store.mail.reader = Loadable::Failed { reason: reason.text, retry: LoadKey::Message { id } };
                }
            }
            Vec::new()
        }
        Msg::Agenda { .. } => Vec::new(),
        Msg::DriveChildren { .. }
        | Msg::DrivePlaces { .. }
        | Msg::Tasks(_)
        | Msg::MailOps(_)
        | Msg::Compose(_)
        | Msg::SignedOut
        | Msg::Throttled(_)
        | Msg::AccountUnavailable { .. }
        | Msg::PathCompleted(_) => Vec::new(),
    }
}
