//! `update`: the only code that changes the store. It does no I/O; what must happen outside
//! (loads) comes back as `Effect`s for the worker.
mod accounts;
mod calendar;
pub mod compose;
mod drive;
mod filter;
mod mail;
mod mail_ops;
pub use mail_ops::LOCAL_SEARCH_TYPED_FROM;
mod mouse;
mod palette;
mod people;
mod picker_keys;
mod prompt;
mod reader;
mod settings;
mod sync;
mod tasks;
#[cfg(test)]
mod tests;
mod workloads;

use super::action::{Action, CalendarAction, PaletteAction, Pane, PeopleAction};
use super::effect::Effect;
use super::msg::Msg;
use super::store::notices::Level;
use super::store::{Notice, Store};

/// What `update` reacts to: the user's actions and the worker's messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Action(Action),
    Msg(Msg),
}

impl From<Action> for Input {
    fn from(action: Action) -> Self {
        Input::Action(action)
    }
}

impl From<Msg> for Input {
    fn from(msg: Msg) -> Self {
        Input::Msg(msg)
    }
}

/// How long a notice (not an error) stays in the status bar.
pub const NOTICE_MS: u64 = 5_000;

/// What the status bar says when another o365 process signed the account out: an error, so it
/// stays. Signing in again elsewhere is enough: a retry reads the new tokens.
pub const SIGNED_OUT_NOTICE: &str = "Signed out in another o365 process: run `o365 login`, then r to retry";

pub fn update(store: &mut Store, input: impl Into<Input>) -> Vec<Effect> {
    let input = input.into();
    // A worker's answer may change the list under the reader; an action is the user's move.
    let list_changed = matches!(input, Input::Msg(_));
    let effects = dispatch(store, input);
    mail::reading::follow_selection(store, list_changed);
    effects
}

fn dispatch(store: &mut Store, input: Input) -> Vec<Effect> {
    match input {
        Input::Msg(msg @ (Msg::Agenda { .. } | Msg::Calendar(_))) => calendar::on_msg(store, msg),
        Input::Msg(Msg::AccountUnavailable { name, reason }) => {
            report_error(store, format!("Cannot open the account {name}: {reason}"));
            Vec::new()
        }
        Input::Msg(msg @ (Msg::DriveChildren { .. } | Msg::DrivePlaces { .. } | Msg::Drive(_))) => {
            drive::on_msg(store, msg)
        }
        Input::Msg(Msg::Tasks(msg)) => tasks::on_msg(store, msg),
        Input::Msg(Msg::MailOps(msg)) => mail_ops::on_msg(store, msg),
        Input::Msg(Msg::Compose(msg)) => compose::on_msg(store, msg),
        Input::Msg(Msg::PathCompleted(matches)) => prompt::on_path_completed(store, matches),
        Input::Msg(Msg::People(msg)) => people::on_msg(store, msg),
        Input::Msg(Msg::Settings(msg)) => settings::on_msg(store, msg),
        Input::Msg(Msg::MailToTask(result)) => workloads::on_task_made(store, result),
        Input::Msg(Msg::SignedOut) => {
            report_error(store, SIGNED_OUT_NOTICE.to_owned());
            Vec::new()
        }
        Input::Msg(Msg::Throttled(wait)) => {
            throttled(store, wait);
            Vec::new()
        }
        Input::Msg(Msg::Requests(load)) => {
            store.requests = load;
            Vec::new()
        }
        Input::Msg(Msg::Cache(msg)) => sync::on_msg(store, msg),
        Input::Msg(msg) => mail::on_msg(store, msg),
        Input::Action(action) => on_action(store, action),
    }
}

/// Resizes and ticks while the palette is open go where they always go.
fn on_action_outside_palette(store: &mut Store, action: Action) -> Vec<Effect> {
    let palette = store.palette.take();
    let effects = on_action(store, action);
    store.palette = palette;
    effects
}

fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    match action {
        // Never drops a message being written unasked, nor a note being typed.
        Action::Quit if store.tasks.note_editor.as_ref().is_some_and(|e| e.text() != e.original.trim_end()) => {
            notify(store, "Esc keeps the note, Ctrl-X drops it; then q quits".to_owned());
            Vec::new()
        }
        Action::Quit => compose::quit::quit(store),
        Action::ToggleHelp => {
            open_overlay(store, !store.help_open, false);
            Vec::new()
        }
        Action::ShowNotices => {
            open_overlay(store, false, !store.notices_open);
            Vec::new()
        }
        Action::Back if store.overlay().is_some() => {
            open_overlay(store, false, false);
            Vec::new()
        }
        _ if store.palette.is_some() && store.overlay().is_none() && store.prompt.is_none() => {
            palette::on_action(store, action)
        }
        Action::People(PeopleAction::FormKey(key)) => people::form_key(store, Some(key), false),
        Action::People(PeopleAction::FormSave) if store.people.form.is_some() => people::form_key(store, None, true),
        Action::People(PeopleAction::FormCancel) if store.people.form.is_some() => people::form_key(store, None, false),
        _ if store.people.form.is_some() && !matches!(action, Action::Resize { .. } | Action::Tick { .. }) => {
            Vec::new()
        }
        Action::Calendar(CalendarAction::FormKey(key)) => calendar::form::key(store, key),
        Action::Calendar(CalendarAction::FormSave) if store.calendar.form.is_some() => calendar::form::save(store),
        Action::Calendar(CalendarAction::FormCancel) if store.calendar.form.is_some() => calendar::form::cancel(store),
        _ if store.calendar.form.is_some()
            && store.prompt.is_none()
            && !matches!(action, Action::Resize { .. } | Action::Tick { .. }) =>
        {
            Vec::new()
        }
        Action::Palette(PaletteAction::Open) if !store.compose.is_open() && store.prompt.is_none() => {
            palette::open(store)
        }
        Action::ToggleSettings if !store.compose.is_open() && store.prompt.is_none() => settings::toggle(store),
        Action::ShowPane(Pane::Calendar) => calendar::show(store),
        Action::ShowPane(Pane::People) => people::show(store),
        Action::ShowPane(Pane::Tasks) => tasks::show(store),
        Action::ShowPane(pane) => {
            store.pane = pane;
            if pane == Pane::Drive { drive::on_show(store) } else { Vec::new() }
        }
        Action::Resize { width, height } => {
            store.size = ratatui::layout::Rect::new(0, 0, width, height);
            mail::relayout(store);
            calendar::relayout(store);
            drive::relayout(store);
            tasks::relayout(store);
            people::relayout(store);
            Vec::new()
        }
        Action::Tick { now_ms } => {
            store.now_ms = now_ms;
            if store.notice.as_ref().and_then(|n| n.until_ms).is_some_and(|until| now_ms >= until) {
                store.notice = None;
            }
            [mail::live::tick(store, now_ms), sync::tick(store, now_ms)].concat()
        }
        // An overlay takes the moving keys (it scrolls) and swallows everything else; the account
        // picker and the prompt take every key.
        other if store.overlay().is_some() => {
            scroll_overlay(store, &other);
            Vec::new()
        }
        other if store.account_picker.is_some() => accounts::on_action(store, other),
        other if store.prompt.is_some() => prompt::on_action(store, other),
        Action::Start => [mail::start(store), compose::start(), mail_ops::start(store), sync::start(store)].concat(),
        Action::SwitchAccount => accounts::open_picker(store),
        other if store.compose.drive_picker.is_some() => compose::drive_link::on_action(store, other),
        Action::Compose(action) => compose::on_action(store, action),
        _ if store.compose.is_open() => Vec::new(),
        other if store.tasks.note_editor.is_some() => tasks::on_action(store, other),
        _ if store.settings.open => settings::on_action(store, action),
        Action::MailToTask => workloads::mail_to_task(store),
        Action::OpenLinkedMessage => workloads::open_linked_message(store),
        Action::Click { column, row } => match store.pane {
            Pane::Mail => mouse::click(store, column, row),
            Pane::Calendar => calendar::click(store, column, row),
            Pane::Drive => drive::click(store, column, row),
            Pane::Tasks => tasks::click(store, column, row),
            Pane::People => people::click(store, column, row),
        },
        Action::Calendar(CalendarAction::Answer(answer)) if store.pane == Pane::Mail => {
            calendar::invitation_answer(store, answer)
        }
        other if sync::refuse_offline_action(store, &other) => Vec::new(),
        other if store.pane == Pane::Mail => mail::on_action(store, other),
        other if store.pane == Pane::Calendar => calendar::on_action(store, other),
        other if store.pane == Pane::Drive => drive::on_action(store, other),
        other if store.pane == Pane::Tasks => tasks::on_action(store, other),
        other if store.pane == Pane::People => people::on_action(store, other),
        _ => Vec::new(),
    }
}

/// How far a list's cursor moves for `action` (a page is `page` rows; Top and Bottom go as far
/// as the list allows), or `None` when the action is not a cursor move. Every pane's list moves
/// this way.
pub(super) fn list_step(action: &Action, page: usize) -> Option<isize> {
    let page = page as isize;
    match action {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::Top => Some(isize::MIN / 2),
        Action::Bottom => Some(isize::MAX / 2),
        _ => None,
    }
}

/// Opens the help or the notices overlay (closing the other), or neither, from the top.
fn open_overlay(store: &mut Store, help: bool, notices: bool) {
    store.help_open = help;
    store.notices_open = notices;
    store.overlay_scroll = 0;
}

/// j/k, the page keys, g/G move the open overlay's text.
fn scroll_overlay(store: &mut Store, action: &Action) {
    let Some(view) = store.overlay_view() else { return };
    let Some(step) = list_step(action, view.layout.capacity().max(1)) else { return };
    store.overlay_scroll = view.scroll.saturating_add_signed(step).min(view.max_scroll());
}

pub(super) fn notify(store: &mut Store, text: String) {
    store.log.push(Level::Info, &text, store.now_ms);
    store.notice = Some(Notice { text, is_error: false, until_ms: Some(store.now_ms + NOTICE_MS) });
}

/// "Throttled by the service, retrying in 100 s", shown while the wait lasts; an error on
/// the bar stays (the wait is the less important news).
fn throttled(store: &mut Store, wait: std::time::Duration) {
    if store.notice.as_ref().is_some_and(|n| n.is_error) {
        return;
    }
    let line = o365_graph::retry::RetryWait { wait, throttled: true, retry: 1 }.to_string();
    let mut text = line.clone();
    text[..1].make_ascii_uppercase();
    let shown = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX).max(NOTICE_MS);
    store.log.push(Level::Warning, &text, store.now_ms);
    store.notice = Some(Notice { text, is_error: false, until_ms: Some(store.now_ms.saturating_add(shown)) });
}

pub(super) fn report_error(store: &mut Store, text: String) {
    store.log.push(Level::Error, &text, store.now_ms);
    store.notice = Some(Notice { text, is_error: true, until_ms: None });
}
