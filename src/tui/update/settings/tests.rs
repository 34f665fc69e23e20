//! `update` on the settings screen: it loads when it opens, `o` needs a message before turning
//! replies on, a schedule runs from today to the end of the day named, `w` cycles the audience,
//! a refused change puts the old replies back with the reason, and offline nothing is changed.
use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::super::update;
use crate::domain::mailbox_settings::{Audience, AutoReplies, MailboxSettings, RepliesState};
use crate::tui::action::{Action, SettingsAction};
use crate::tui::effect::Effect;
use crate::tui::effect::settings::SettingsEffect;
use crate::tui::msg::settings::SettingsMsg;
use crate::tui::msg::{Failure, Msg};
use crate::tui::store::Store;

fn replies(internal: &str) -> AutoReplies {
    AutoReplies {
        state: RepliesState::Off,
        audience: Audience::All,
        internal: internal.into(),
        external: String::new(),
    }
}

fn opened(internal: &str) -> Store {
    let mut store = Store::new("adele@contoso.test", Tz::Europe__Berlin, 100, 30);
    store.calendar.today = NaiveDate::from_ymd_opt(2026, 12, 18);
    let generation = match update(&mut store, Action::ToggleSettings).as_slice() {
        [Effect::Settings(SettingsEffect::Load { generation })] => *generation,
        other => panic!("expected the settings load, got {other:?}"),
    };
    let settings = MailboxSettings { replies: replies(internal), time_zone: None, working_hours: None, language: None };
    update(&mut store, Msg::Settings(SettingsMsg::Loaded { generation, result: Ok(Box::new(settings)) }));
    store
}

fn saved(effects: &[Effect]) -> AutoReplies {
    match effects {
        [Effect::Settings(SettingsEffect::SaveReplies(replies))] => (**replies).clone(),
        other => panic!("expected one save, got {other:?}"),
    }
}

fn shown(store: &Store) -> &AutoReplies {
    &store.settings.settings.ready().expect("settings shown").replies
}

fn type_in(store: &mut Store, text: &str) -> Vec<Effect> {
    for c in text.chars() {
        update(store, Action::TextInput(c));
    }
    update(store, Action::TextSubmit)
}

#[test]
fn turning_replies_on_asks_for_a_message_first() {
    let mut store = opened("");
    assert!(store.settings.open);
    assert!(update(&mut store, Action::Settings(SettingsAction::ToggleReplies)).is_empty());
    assert!(store.prompt.as_ref().unwrap().title.starts_with("Automatic reply message"));
    let sent = saved(&type_in(&mut store, "Away until Monday."));
    assert_eq!((sent.internal.as_str(), sent.external.as_str()), ("Away until Monday.", "Away until Monday."));
    assert_eq!(sent.state, RepliesState::Off, "the message alone does not turn them on");
    update(&mut store, Msg::Settings(SettingsMsg::Saved(Ok(Box::new(sent)))));
    let on = saved(&update(&mut store, Action::Settings(SettingsAction::ToggleReplies)));
    assert_eq!(on.state, RepliesState::On);
    assert_eq!(shown(&store).state, RepliesState::On, "shown at once");
}

#[test]
fn a_schedule_runs_from_today_to_the_end_of_the_day_named() {
    let mut store = opened("Away.");
    update(&mut store, Action::Settings(SettingsAction::ScheduleReplies));
    assert!(type_in(&mut store, "2026-12-17").is_empty(), "a past day is refused");
    assert_eq!(store.prompt.as_ref().unwrap().error.as_deref(), Some("That day is past"));
    for _ in 0.."2026-12-17".len() {
        update(&mut store, Action::TextBackspace);
    }
    let sent = saved(&type_in(&mut store, "2026-12-24"));
    // Midnight in Berlin is 23:00 UTC the day before.
    let start = Utc.with_ymd_and_hms(2026, 12, 17, 23, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2026, 12, 24, 23, 0, 0).unwrap();
    assert_eq!(sent.state, RepliesState::Scheduled { start, end });
}

#[test]
fn a_refused_change_puts_the_old_replies_back() {
    let mut store = opened("Away.");
    let sent = saved(&update(&mut store, Action::Settings(SettingsAction::CycleAudience)));
    assert_eq!(sent.audience, Audience::Contacts);
    assert!(update(&mut store, Action::Settings(SettingsAction::CycleAudience)).is_empty(), "one save at a time");
    let failure = Failure::from("HTTP 403: MailboxSettings.ReadWrite is missing");
    update(&mut store, Msg::Settings(SettingsMsg::Saved(Err(failure))));
    assert_eq!(shown(&store).audience, Audience::All);
    let notice = store.notice.clone().unwrap();
    assert!(notice.is_error && notice.text.contains("MailboxSettings.ReadWrite"), "{notice:?}");
}

#[test]
fn a_new_message_keeps_a_different_outside_message() {
    let mut store = opened("Away.");
    store.settings.settings.ready_mut().unwrap().replies.external = "Out of office.".into();
    update(&mut store, Action::Settings(SettingsAction::EditMessage));
    for _ in 0.."Away.".len() {
        update(&mut store, Action::TextBackspace);
    }
    let sent = saved(&type_in(&mut store, "Back on Monday."));
    assert_eq!((sent.internal.as_str(), sent.external.as_str()), ("Back on Monday.", "Out of office."));
}

#[test]
fn offline_every_change_is_refused_before_anything_is_asked_or_shown() {
    let mut store = opened("Away until Monday");
    store.sync.offline = true;
    for action in [
        SettingsAction::ToggleReplies,
        SettingsAction::ScheduleReplies,
        SettingsAction::EditMessage,
        SettingsAction::CycleAudience,
    ] {
        assert!(update(&mut store, Action::Settings(action)).is_empty(), "{action:?} asked the service offline");
        assert!(store.prompt.is_none(), "{action:?} opened a prompt offline");
        assert_eq!(shown(&store), &replies("Away until Monday"), "{action:?} changed what shows");
        let notice = store.notice.as_ref().expect("a notice says why");
        assert!(notice.text.contains("was not done"), "{}", notice.text);
    }
}
