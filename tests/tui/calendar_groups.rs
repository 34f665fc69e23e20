//! A Microsoft 365 group's calendar in the Calendar pane, against the simulated tenant: with the
//! default scopes it is listed by the group's name without a colour (Group.Read.All is an
//! administrator's permission), saying why, and its events still show; with Group.Read.All it
//! has its colour. Either way `s` hides it without a reload.
use crate::calendar::Cal;
use crate::harness;

use o365::tui::action::{Action, CalendarAction};

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
async fn with_the_default_scopes_the_group_calendar_shows_its_events_without_its_colour() {
    let h = harness::start().await;
    let mut pane = Cal::open(&h).await;
    let group = group_calendar_hides(&mut pane).await;
    assert_eq!(group.color, None);
    let why = group.limited.expect("it says why the colour is missing");
    assert!(why.contains("Group.Read.All"), "{why}");
}

#[tokio::test]
async fn with_group_read_all_the_group_calendar_has_its_colour() {
    let mut scopes = o365_graph::permissions::default_scopes();
    scopes.push("Group.Read.All");
    let h = harness::start_with_scopes(harness::sim_options(120), &scopes).await;
    let mut pane = Cal::open(&h).await;
    let group = group_calendar_hides(&mut pane).await;
    assert_eq!((group.color.as_deref(), group.limited), (Some("#3ab0a8"), None));
}
