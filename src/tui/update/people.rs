//! The people pane's reactions: loading the sources (contact folders, people, the directory)
//! and the people of the one open, moving through them, searching (`/`), the card's manager,
//! writing to someone, copying an address. Contact edits are in `people/edit.rs`; the worker's
//! answers to writes in `people/answers.rs`.
mod answers;
mod edit;
#[cfg(test)]
mod tests;

use super::super::action::{Action, Pane, PeopleAction};
use super::super::effect::Effect;
use super::super::effect::people::PeopleEffect;
use super::super::layout;
use super::super::layout::people::PeopleLayout;
use super::super::msg::people::PeopleMsg;
use super::super::store::Store;
use super::super::store::people::{Entry, ManagerLine, NO_DIRECTORY, PeopleFocus, PeoplePrompt, Remote, Source};
use super::super::store::prompt::{Prompt, Purpose};
use super::{notify, report_error};
pub(super) use edit::{answer, form_key};

fn fx(effect: PeopleEffect) -> Vec<Effect> {
    vec![Effect::People(effect)]
}

/// The pane came into view: the first time, load the sources.
pub(super) fn show(store: &mut Store) -> Vec<Effect> {
    store.pane = Pane::People;
    if matches!(store.people.sources, Remote::Idle) {
        return load_sources(store);
    }
    Vec::new()
}

fn load_sources(store: &mut Store) -> Vec<Effect> {
    let generation = store.next_generation();
    store.people.sources = Remote::Loading { generation };
    fx(PeopleEffect::LoadSources { generation })
}

/// Shows `source`'s people: loads them (the directory only once there is a search term).
fn open_source(store: &mut Store, source: Source, search: Option<String>) -> Vec<Effect> {
    let people = &mut store.people;
    people.open = Some(source.clone());
    people.entry_cursor = Default::default();
    people.search = search.clone();
    if source == Source::Directory && (people.personal_account || search.is_none()) {
        people.entries = Remote::Ready(Vec::new());
        return Vec::new();
    }
    let generation = store.next_generation();
    store.people.entries = Remote::Loading { generation };
    fx(PeopleEffect::LoadEntries { generation, source, search })
}

fn open_selected_source(store: &mut Store) -> Vec<Effect> {
    let Some(source) = store.people.selected_source().cloned() else { return Vec::new() };
    if store.people.open.as_ref() == Some(&source) {
        return Vec::new();
    }
    open_source(store, source, None)
}

pub(super) fn pane_layout(store: &Store) -> PeopleLayout {
    layout::people::split(layout::screen(store.size).body, store.people.focus)
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    if let Some(step) = super::list_step(&action, page_rows(store)) {
        return move_by(store, step);
    }
    match action {
        Action::Open => match store.people.focus {
            PeopleFocus::Sources => {
                let effects = open_selected_source(store);
                focus(store, PeopleFocus::Entries);
                effects
            }
            PeopleFocus::Entries if store.people.selected_entry().is_some() => {
                let mut effects = focus(store, PeopleFocus::Card);
                effects.extend(want_manager(store));
                effects
            }
            _ => Vec::new(),
        },
        Action::Back => match store.people.focus {
            PeopleFocus::Card => focus(store, PeopleFocus::Entries),
            _ => focus(store, PeopleFocus::Sources),
        },
        Action::FocusNext => {
            let next = match store.people.focus {
                PeopleFocus::Sources => PeopleFocus::Entries,
                PeopleFocus::Entries if store.people.selected_entry().is_some() => PeopleFocus::Card,
                _ => PeopleFocus::Sources,
            };
            focus(store, next)
        }
        Action::FocusPrev => {
            let previous = match store.people.focus {
                PeopleFocus::Sources if store.people.selected_entry().is_some() => PeopleFocus::Card,
                PeopleFocus::Sources | PeopleFocus::Card => PeopleFocus::Entries,
                PeopleFocus::Entries => PeopleFocus::Sources,
            };
            focus(store, previous)
        }
        Action::Refresh => refresh(store),
        Action::StartFilter => search_prompt(store),
        Action::People(PeopleAction::WriteTo) => write_to(store),
        Action::People(PeopleAction::CopyAddress) => copy_address(store),
        Action::People(PeopleAction::FreeBusy) => free_busy(store),
        other => edit::on_action(store, other),
    }
}

fn search_prompt(store: &mut Store) -> Vec<Effect> {
    let Some(source) = store.people.open.clone().or_else(|| store.people.selected_source().cloned()) else {
        return Vec::new();
    };
    if source == Source::Directory && store.people.personal_account {
        report_error(store, NO_DIRECTORY.to_owned());
        return Vec::new();
    }
    let title = match &source {
        Source::Directory => "Search the directory (a name, or the start of an address)".to_owned(),
        other => format!("Search {} (empty shows all)", other.title()),
    };
    let initial = store.people.search.clone().unwrap_or_default();
    store.prompt = Some(Prompt::text(title, initial, Purpose::People(PeoplePrompt::Search)));
    Vec::new()
}

/// The search prompt's answer: the open source again, searched.
pub(super) fn search(store: &mut Store, term: &str) -> Vec<Effect> {
    let Some(source) = store.people.open.clone().or_else(|| store.people.selected_source().cloned()) else {
        return Vec::new();
    };
    let term = Some(term.trim().to_owned()).filter(|t| !t.is_empty());
    let effects = open_source(store, source, term);
    focus(store, PeopleFocus::Entries);
    effects
}

/// `r`: the sources again when they failed or have the focus, otherwise the open source.
fn refresh(store: &mut Store) -> Vec<Effect> {
    notify(store, "Refreshing…".to_owned());
    let people = &store.people;
    if matches!(people.sources, Remote::Failed { .. } | Remote::Idle) || people.focus == PeopleFocus::Sources {
        return load_sources(store);
    }
    match (store.people.open.clone(), store.people.search.clone()) {
        (Some(source), search) => open_source(store, source, search),
        (None, _) => load_sources(store),
    }
}

fn page_rows(store: &Store) -> usize {
    let layout = pane_layout(store);
    match store.people.focus {
        PeopleFocus::Sources => layout::inner_height(layout.sources),
        _ => layout::inner_height(layout.entries),
    }
}

fn move_by(store: &mut Store, delta: isize) -> Vec<Effect> {
    let layout = pane_layout(store);
    let people = &mut store.people;
    match people.focus {
        PeopleFocus::Sources => {
            let len = people.source_count();
            people.source_cursor.move_by(delta, len, layout::inner_height(layout.sources));
            open_selected_source(store)
        }
        PeopleFocus::Entries | PeopleFocus::Card => {
            let len = people.entry_count();
            people.entry_cursor.move_by(delta, len, layout::inner_height(layout.entries));
            if layout.card.is_some() { want_manager(store) } else { Vec::new() }
        }
    }
}

/// A click focuses its column and selects the row under it; on the selected person, the card.
pub(super) fn click(store: &mut Store, column: u16, row: u16) -> Vec<Effect> {
    let layout = pane_layout(store);
    let at = ratatui::layout::Position { x: column, y: row };
    let hit = [
        (layout.sources, PeopleFocus::Sources),
        (layout.entries, PeopleFocus::Entries),
        (layout.card, PeopleFocus::Card),
    ]
    .into_iter()
    .find_map(|(area, column)| area.filter(|a| a.contains(at)).map(|a| (a, column)));
    let Some((area, column)) = hit else { return Vec::new() };
    let was_focused = store.people.focus == column;
    let mut effects = focus(store, column);
    let people = &store.people;
    let (cursor, len) = match column {
        PeopleFocus::Sources => (people.source_cursor, people.source_count()),
        PeopleFocus::Entries => (people.entry_cursor, people.entry_count()),
        PeopleFocus::Card => return effects,
    };
    match layout::row_at(area, cursor.offset, len, row) {
        Some(index) if index == cursor.selected && was_focused && column == PeopleFocus::Entries => {
            effects.extend(focus(store, PeopleFocus::Card));
            effects.extend(want_manager(store));
        }
        Some(index) if index != cursor.selected => {
            effects.extend(move_by(store, index as isize - cursor.selected as isize));
        }
        _ => {}
    }
    effects
}

fn focus(store: &mut Store, focus: PeopleFocus) -> Vec<Effect> {
    store.people.focus = focus;
    relayout(store);
    Vec::new()
}

/// After a resize, a focus change or a list that changed length: cursors stay on a row.
pub(super) fn relayout(store: &mut Store) {
    let layout = pane_layout(store);
    let people = &mut store.people;
    let (sources, entries) = (people.source_count(), people.entry_count());
    let (source, entry) = (people.source_cursor.selected, people.entry_cursor.selected);
    people.source_cursor.select(source, sources, layout::inner_height(layout.sources));
    people.entry_cursor.select(entry, entries, layout::inner_height(layout.entries));
}

/// The selected colleague's manager, when the card shows them and it is not known yet.
fn want_manager(store: &mut Store) -> Vec<Effect> {
    let Some(Entry::Colleague(colleague)) = store.people.selected_entry() else { return Vec::new() };
    if !colleague.in_directory || store.people.managers.contains_key(&colleague.id) {
        return Vec::new();
    }
    let user_id = colleague.id.clone();
    store.people.managers.insert(user_id.clone(), ManagerLine::Loading);
    fx(PeopleEffect::LoadManager { user_id })
}

fn write_to(store: &mut Store) -> Vec<Effect> {
    let Some(entry) = store.people.selected_entry() else { return Vec::new() };
    let Some(address) = entry.email().map(str::to_owned) else {
        notify(store, format!("{} has no email address", entry.name()));
        return Vec::new();
    };
    let name = entry.name();
    let to = crate::tui::store::compose::Candidate { name, address }.entry();
    super::compose::write_to(store, to)
}

fn copy_address(store: &mut Store) -> Vec<Effect> {
    let Some(entry) = store.people.selected_entry() else { return Vec::new() };
    let Some(address) = entry.email().map(str::to_owned) else {
        notify(store, format!("{} has no email address", entry.name()));
        return Vec::new();
    };
    notify(store, format!("Copied {address} (through the terminal's clipboard, OSC 52)"));
    vec![Effect::CopyToClipboard(address)]
}

/// `b`: the Calendar pane's free/busy view for the selected person (getSchedule), where `f`
/// finds a time that suits you both.
fn free_busy(store: &mut Store) -> Vec<Effect> {
    let Some(entry) = store.people.selected_entry() else { return Vec::new() };
    let Some(address) = entry.email().map(str::to_owned) else {
        notify(store, format!("{} has no email address", entry.name()));
        return Vec::new();
    };
    super::calendar::free_busy::open_for(store, vec![address])
}

pub(super) fn on_msg(store: &mut Store, msg: PeopleMsg) -> Vec<Effect> {
    match msg {
        PeopleMsg::Sources { generation, result } => {
            if !store.people.sources.awaits(generation) {
                return Vec::new();
            }
            match result {
                Ok(sources) => {
                    let keep = store.people.open.clone();
                    let at = keep.and_then(|open| sources.iter().position(|s| *s == open)).unwrap_or(0);
                    store.people.sources = Remote::Ready(sources);
                    let (len, height) = (store.people.source_count(), layout::inner_height(pane_layout(store).sources));
                    store.people.source_cursor.select(at, len, height);
                    match store.people.selected_source().cloned() {
                        Some(source) => {
                            let search =
                                store.people.search.clone().filter(|_| store.people.open.as_ref() == Some(&source));
                            open_source(store, source, search)
                        }
                        None => Vec::new(),
                    }
                }
                Err(reason) => {
                    report_error(store, format!("Loading the contact folders failed: {reason}"));
                    store.people.sources = Remote::Failed { reason: reason.text, retry: () };
                    Vec::new()
                }
            }
        }
        PeopleMsg::Entries { generation, result } => {
            if !store.people.entries.awaits(generation) {
                return Vec::new();
            }
            match result {
                Ok(entries) => {
                    store.people.entries = Remote::Ready(entries);
                    relayout(store);
                    // The card is on screen: its manager line must not wait for a key.
                    if pane_layout(store).card.is_some() {
                        return want_manager(store);
                    }
                }
                Err(reason) => {
                    let what = store.people.open.as_ref().map_or("people", Source::title).to_owned();
                    report_error(store, format!("Loading {what} failed: {reason}"));
                    store.people.entries = Remote::Failed { reason: reason.text, retry: () };
                }
            }
            Vec::new()
        }
        PeopleMsg::Manager { user_id, result } => {
            let line = match result {
                Ok(known) => ManagerLine::Known(known),
                Err(failure) => ManagerLine::Unavailable(failure.text),
            };
            store.people.managers.insert(user_id, line);
            Vec::new()
        }
        PeopleMsg::Written { op, result } => answers::on_written(store, op, result),
        PeopleMsg::Edited(result) => edit::edited(store, result),
    }
}
