//! A Microsoft 365 group's calendar in the Calendar pane, against the simulated tenant: with the
//! default scopes Graph lists the groups with limited information, so none is listed; with
//! Group.Read.All (an administrator's permission) it has its colour and `s` hides it without a
//! reload. The event form offers it: without Group.ReadWrite.All the save is put back with a
//! notice naming it; with it an event is made, changed and deleted through the group.
use crate::calendar::Cal;
use crate::harness;

use o365::tui::action::{Action, CalendarAction};
use o365::tui::store::calendar::form::FieldId;
use ratatui::crossterm::event::KeyCode;

/// The tenant, signed in with the default scopes and `extra`.
async fn signed_in_with(extra: &'static str) -> harness::Harness {
    let mut scopes = o365_graph::permissions::default_scopes();
    scopes.push(extra);
    harness::start_with_scopes(harness::sim_options(120), &scopes).await
}

/// The group's calendar as the pane lists it, after its events were checked and it was hidden.
async fn group_calendar_hides(pane: &mut Cal) -> o365::domain::Calendar {
    let group = pane.store().calendar.calendars.iter().find(|c| c.name == "Falcon Launch").cloned();
    let group = group.expect("the group's calendar is listed");
    assert!(group.group_id.is_some() && !group.is_default);
    let sync = pane.first_shown(|e| e.subject == "Falcon sync").expect("the group's weekly sync this week");
    assert_eq!(sync.calendar_id.as_deref(), Some(group.id.as_str()));
    pane.apply(Action::Calendar(CalendarAction::FocusCalendars)).await;
    let at = pane.store().calendar.calendars.iter().position(|c| c.id == group.id).unwrap();
    while pane.store().calendar.calendar_cursor.selected < at {
        pane.apply(Action::Down).await;
    }
    pane.apply(Action::Calendar(CalendarAction::ToggleCalendar)).await;
    assert!(!pane.shown_ids().contains(&sync.id), "hidden without a reload");
    group
}

#[tokio::test]
async fn with_the_default_scopes_the_groups_are_not_listed_and_their_events_not_shown() {
    // Graph lists the user's groups with limited information (no name, no kind) to a sign-in
    // without a permission that reads groups: which has a calendar is unknown.
    let h = harness::start().await;
    let pane = Cal::open(&h).await;
    assert!(pane.store().calendar.calendars.iter().all(|c| c.group_id.is_none()));
    assert!(pane.first_shown(|e| e.subject == "Falcon sync").is_none());
    let note = pane.store().calendar.unlisted.clone().expect("it says why they are not listed");
    assert!(note.starts_with("2 of your groups are not listed") && note.contains("Group.Read.All"), "{note}");
}

#[tokio::test]
async fn with_group_read_all_the_group_calendar_has_its_colour() {
    let h = signed_in_with("Group.Read.All").await;
    let mut pane = Cal::open(&h).await;
    let group = group_calendar_hides(&mut pane).await;
    assert_eq!((group.color.as_deref(), group.limited), (Some("#3ab0a8"), None));
}

/// Opens the form, fills a new event for Thursday and picks the group's calendar in it.
async fn new_event_in_the_group(pane: &mut Cal, subject: &str) {
    let group = pane.store().calendar.calendars.iter().find(|c| c.name == "Falcon Launch").cloned().unwrap();
    pane.apply(Action::Add).await;
    pane.fill(FieldId::Subject, subject).await;
    pane.fill(FieldId::Start, "2026-03-12 15:00").await;
    pane.fill(FieldId::End, "16:00").await;
    let form = pane.store().calendar.form.as_ref().unwrap();
    let at = form.fields.iter().position(|f| f.id == FieldId::Calendar).expect("a calendar choice");
    while pane.store().calendar.form.as_ref().unwrap().focus != at {
        pane.key(KeyCode::Tab).await;
    }
    for _ in 0..10 {
        if pane.store().calendar.form.as_ref().unwrap().value(FieldId::Calendar) == group.id {
            break;
        }
        pane.key(KeyCode::Right).await;
    }
    assert_eq!(pane.store().calendar.form.as_ref().unwrap().value(FieldId::Calendar), group.id, "offered");
    pane.apply(Action::Calendar(CalendarAction::FormSave)).await;
    pane.apply(Action::Tick { now_ms: 0 }).await;
}

fn group_events_titled(h: &harness::Harness, subject: &str) -> Vec<serde_json::Value> {
    let tenant = h.state.tenant.read().unwrap();
    tenant.group_events.iter().filter(|e| e["subject"] == subject).cloned().collect()
}

#[tokio::test]
async fn the_form_offers_the_group_calendar_and_with_group_read_all_only_the_save_is_put_back() {
    let h = signed_in_with("Group.Read.All").await;
    let mut pane = Cal::open(&h).await;
    new_event_in_the_group(&mut pane, "Falcon retro").await;
    assert!(pane.first_shown(|e| e.subject == "Falcon retro").is_none(), "put back");
    let notice = pane.notice();
    assert!(notice.starts_with("Creating «Falcon retro» failed") && notice.contains("Group.ReadWrite.All"), "{notice}");
    assert!(group_events_titled(&h, "Falcon retro").is_empty());
}

#[tokio::test]
async fn with_group_read_write_all_a_group_event_is_made_changed_and_deleted_through_the_group() {
    let h = signed_in_with("Group.ReadWrite.All").await;
    let mut pane = Cal::open(&h).await;
    new_event_in_the_group(&mut pane, "Falcon retro").await;
    let made = group_events_titled(&h, "Falcon retro");
    assert_eq!(made.len(), 1, "{}", pane.notice());
    let id = made[0]["id"].as_str().unwrap().to_owned();

    pane.select(&id);
    pane.apply(Action::Rename).await;
    pane.fill(FieldId::Subject, "Falcon retro v2").await;
    pane.apply(Action::Calendar(CalendarAction::FormSave)).await;
    assert_eq!(group_events_titled(&h, "Falcon retro v2").len(), 1, "{}", pane.notice());

    pane.apply(Action::Delete).await;
    let title = pane.store().prompt.as_ref().map(|p| p.title.clone()).unwrap_or_default();
    assert_eq!(title, "Delete «Falcon retro v2» from the group's calendar?");
    pane.apply(Action::TextInput('y')).await;
    assert!(h.state.tenant.read().unwrap().group_events.get(&id).is_none(), "{}", pane.notice());
    assert!(!pane.shown_ids().contains(&id));
}
