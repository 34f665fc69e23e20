//! The settings screen (`,`): the mailbox settings loaded when it opens; `o` turns automatic
//! replies on or off, `s` schedules them until a day, `m` edits the message, `w` cycles who
//! outside gets it. A change shows at once and is put back, with the reason, when refused.
use chrono::Duration;

use super::super::action::SettingsAction;
use super::super::effect::Effect;
use super::super::effect::settings::SettingsEffect;
use super::super::msg::settings::SettingsMsg;
use super::super::store::Store;
use super::super::store::prompt::{Prompt, Purpose};
use super::super::store::settings::SettingsPrompt;
use super::prompt::Answered;
use super::{notify, report_error};
use crate::domain::mailbox_settings::{Audience, RepliesState};
use crate::human::dates::{local_midnight, parse_day};
use crate::tui::loadable::Loadable;

#[cfg(test)]
mod tests;

pub(super) fn toggle(store: &mut Store) -> Vec<Effect> {
    let settings = &mut store.settings;
    settings.open = !settings.open;
    if settings.open && !matches!(settings.settings, Loadable::Ready(_) | Loadable::Loading { .. }) {
        return load(store);
    }
    Vec::new()
}

fn load(store: &mut Store) -> Vec<Effect> {
    let generation = store.next_generation();
    store.settings.settings = Loadable::Loading { generation };
    vec![Effect::Settings(SettingsEffect::Load { generation })]
}

pub(super) fn on_action(store: &mut Store, action: super::super::action::Action) -> Vec<Effect> {
    use super::super::action::Action;
    match action {
        Action::Back | Action::ToggleSettings => {
            store.settings.open = false;
            Vec::new()
        }
        Action::Refresh => load(store),
        Action::Settings(action) => settings_action(store, action),
        _ => Vec::new(),
    }
}

fn settings_action(store: &mut Store, action: SettingsAction) -> Vec<Effect> {
    if store.settings.saving.is_some() {
        notify(store, "Saving the automatic replies…".into());
        return Vec::new();
    }
    // Every settings action changes the replies: refused offline before a prompt asks anything.
    if super::sync::refuse_offline_change(store, "Changing the automatic replies") {
        return Vec::new();
    }
    let Some(current) = store.settings.settings.ready().map(|s| s.replies.clone()) else { return Vec::new() };
    match action {
        SettingsAction::ToggleReplies => {
            if current.state == RepliesState::Off && current.internal.trim().is_empty() {
                return ask(
                    store,
                    "Automatic reply message (then o again turns it on)",
                    &current.internal,
                    SettingsPrompt::Message,
                );
            }
            let state = if current.state == RepliesState::Off { RepliesState::On } else { RepliesState::Off };
            save(store, |r| r.state = state)
        }
        SettingsAction::ScheduleReplies => {
            ask(store, "Reply from today until (a day: 2026-12-24, +7d, tomorrow)", "", SettingsPrompt::Until)
        }
        SettingsAction::EditMessage => {
            ask(store, "Automatic reply message", &current.internal, SettingsPrompt::Message)
        }
        SettingsAction::CycleAudience => {
            let next = match current.audience {
                Audience::All => Audience::Contacts,
                Audience::Contacts => Audience::Nobody,
                Audience::Nobody => Audience::All,
            };
            save(store, |r| r.audience = next)
        }
    }
}

fn ask(store: &mut Store, title: &str, initial: &str, asked: SettingsPrompt) -> Vec<Effect> {
    let initial = initial.replace('\n', " ");
    store.prompt = Some(Prompt::text(title, initial, Purpose::Settings(asked)));
    Vec::new()
}

/// Makes `change` on the shown replies at once and sends the result.
fn save(store: &mut Store, change: impl FnOnce(&mut crate::domain::mailbox_settings::AutoReplies)) -> Vec<Effect> {
    let Some(settings) = store.settings.settings.ready_mut() else { return Vec::new() };
    let before = settings.replies.clone();
    change(&mut settings.replies);
    let after = settings.replies.clone();
    store.settings.saving = Some(before);
    vec![Effect::Settings(SettingsEffect::SaveReplies(Box::new(after)))]
}

pub(super) fn answer(store: &mut Store, asked: &SettingsPrompt, answer: &str) -> Answered {
    match asked {
        SettingsPrompt::Message => {
            if answer.trim().is_empty() {
                return Err("The reply needs a message".into());
            }
            let text = answer.to_owned();
            // The outside message follows unless it was set apart (`mail auto-reply --external`).
            Ok(save(store, |r| {
                if r.external.trim().is_empty() || r.external == r.internal {
                    r.external = text.clone();
                }
                r.internal = text;
            }))
        }
        SettingsPrompt::Until => {
            let today = store.calendar.today.unwrap_or_default();
            let day = parse_day(answer, today).map_err(|e| e.to_string())?;
            if day < today {
                return Err("That day is past".into());
            }
            let zone = store.zone;
            let start = local_midnight(today, zone).ok_or("today has no midnight in your zone")?;
            // Until the end of the day named: replies stop at the next midnight.
            let end = local_midnight(day + Duration::days(1), zone).ok_or("that day has no midnight in your zone")?;
            let needs_message = store.settings.settings.ready().is_some_and(|s| s.replies.internal.trim().is_empty());
            if needs_message {
                return Err("Set a message first (m)".into());
            }
            Ok(save(store, |r| r.state = RepliesState::Scheduled { start, end }))
        }
    }
}

pub(super) fn on_msg(store: &mut Store, msg: SettingsMsg) -> Vec<Effect> {
    match msg {
        SettingsMsg::Loaded { generation, result } => {
            if !store.settings.settings.awaits(generation) {
                return Vec::new();
            }
            store.settings.settings = match result {
                Ok(settings) => Loadable::Ready(*settings),
                Err(reason) => {
                    report_error(store, format!("Loading the mailbox settings failed: {reason}"));
                    Loadable::Failed { reason: reason.text, retry: () }
                }
            };
        }
        SettingsMsg::Saved(result) => {
            let Some(before) = store.settings.saving.take() else { return Vec::new() };
            match result {
                Ok(replies) => {
                    let state = replies.describe_state(&store.zone);
                    if let Some(settings) = store.settings.settings.ready_mut() {
                        settings.replies.state = replies.state;
                        settings.replies.audience = replies.audience;
                    }
                    notify(store, format!("Automatic replies {state}"));
                }
                Err(reason) => {
                    if let Some(settings) = store.settings.settings.ready_mut() {
                        settings.replies = before;
                    }
                    report_error(store, format!("Changing the automatic replies failed: {reason}"));
                }
            }
        }
    }
    Vec::new()
}
