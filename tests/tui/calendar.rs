//! The Calendar pane end to end: `update` and the real worker against the simulated tenant over
//! loopback. Every calendar loads with its colour and hides with a key; events are created,
//! edited (one occurrence or the series, asked every time), cancelled, deleted and answered
//! through the pane's keys and its form, each checked in the tenant's own state; a write the
//! service refuses is put back with a notice; free/busy and suggested times come from the
//! tenant's calendars; an invitation answered from the mail reader is recorded on its event.
use crate::harness;
use crate::tui_driver::Tui;

use chrono::NaiveDate;
use harness::Harness;
use o365::domain::calendar::Answer;
use o365::domain::calendar::draft::{EventInput, When};
use o365::tui::action::{Action, CalendarAction, Pane};
use o365::tui::driver::Driver;
use o365::tui::msg::Msg;
use o365::tui::msg::calendar::CalendarMsg;
use o365::tui::store::calendar::form::FieldId;
use o365::tui::store::{CalendarFocus, Store};
use o365::tui::update::Input;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// The pane on the loop without a terminal.
pub(crate) struct Cal {
    pub(crate) driver: Driver,
}

impl Cal {
    pub(crate) async fn open(h: &Harness) -> Cal {
        let mut store = Store::new("adele@contoso.test", ZONE, 140, 40);
        store.calendar.today = NaiveDate::from_ymd_opt(2026, 3, 10);
        let mut pane = Cal { driver: Driver::new(store, h.client()) };
        pane.apply(Action::ShowPane(Pane::Calendar)).await;
        pane
    }

    pub(crate) fn store(&self) -> &Store {
        &self.driver.store
    }

    /// Feeds `input` through `update`, then the worker's answers until nothing is pending.
    pub(crate) async fn apply(&mut self, input: impl Into<Input>) {
        self.driver.apply(input);
        self.driver
            .settle(|store| {
                let calendar = &store.calendar;
                let free_busy = calendar.free_busy.as_ref().is_some_and(|f| {
                    f.schedules.is_loading() || f.suggestions.as_ref().is_some_and(|s| s.is_loading())
                });
                calendar.agenda.is_loading() || calendar.refresh.is_some() || calendar.writes.is_busy() || free_busy
            })
            .await;
    }

    async fn key(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE).await;
    }

    async fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.apply(Action::Calendar(CalendarAction::FormKey(KeyEvent::new(code, modifiers)))).await;
    }

    /// Focuses the form's field `id`, clears it and types `text`.
    async fn fill(&mut self, id: FieldId, text: &str) {
        let at = self.store().calendar.form.as_ref().unwrap().fields.iter().position(|f| f.id == id).unwrap();
        while self.store().calendar.form.as_ref().unwrap().focus != at {
            self.key(KeyCode::Tab).await;
        }
        self.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL).await;
        for c in text.chars() {
            self.key(KeyCode::Char(c)).await;
        }
    }

    /// Types into the open prompt and answers it.
    async fn answer(&mut self, text: &str) {
        for c in text.chars() {
            self.apply(Action::TextInput(c)).await;
        }
        if matches!(
            self.store().prompt.as_ref().map(|p| &p.kind),
            Some(o365::tui::store::prompt::PromptKind::Text { .. })
        ) {
            self.apply(Action::TextSubmit).await;
        }
    }

    /// Moves the cursor (j/k, as a user does) onto the event `id`.
    fn select(&mut self, id: &str) {
        let row = self.store().calendar.agenda.ready().unwrap().row_of(id).unwrap_or_else(|| panic!("{id} is listed"));
        for _ in 0..500 {
            let selected = self.store().calendar.cursor.selected;
            if selected == row {
                break;
            }
            self.driver.apply(if row > selected { Action::Down } else { Action::Up });
        }
        assert_eq!(self.store().calendar.selected_event().map(|e| e.id.as_str()), Some(id));
    }

    pub(crate) fn shown_ids(&self) -> Vec<String> {
        let agenda = self.store().calendar.agenda.ready().unwrap();
        agenda.shown_events().map(|e| e.id.clone()).collect()
    }

    /// The first event shown that `wanted` picks.
    pub(crate) fn first_shown(&self, wanted: impl Fn(&o365::domain::Event) -> bool) -> Option<o365::domain::Event> {
        self.store().calendar.agenda.ready()?.shown_events().find(|e| wanted(e)).cloned()
    }

    fn notice(&self) -> String {
        self.store().notice.as_ref().map(|n| n.text.clone()).unwrap_or_default()
    }
}

fn stored_by_subject(h: &Harness, subject: &str) -> Vec<Value> {
    h.state.tenant.read().unwrap().events.iter().filter(|e| e["subject"] == subject).cloned().collect()
}

#[tokio::test]
async fn every_calendar_loads_in_its_colour_and_one_hides_with_a_key() {
    let h = harness::start().await;
    let mut pane = Cal::open(&h).await;
    let calendar = &pane.store().calendar;
    let names: Vec<&str> = calendar.calendars.iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&"Calendar") && names.contains(&"Team"), "{names:?}");
    let team = calendar.calendars.iter().find(|c| c.name == "Team").unwrap().clone();
    assert_eq!(team.color.as_deref(), Some("#4b9ce5"));
    let agenda = calendar.agenda.ready().unwrap();
    assert!(agenda.events.iter().all(|e| e.calendar_id.is_some()), "every event knows its calendar");
    let team_events: Vec<String> =
        agenda.events.iter().filter(|e| e.calendar_id.as_deref() == Some(&team.id)).map(|e| e.id.clone()).collect();
    assert!(!team_events.is_empty(), "the Team calendar has events this week");
    assert!(team_events.iter().all(|id| pane.shown_ids().contains(id)));

    // `c` focuses the list, the cursor goes to Team, `s` hides it: its events leave the rows.
    pane.apply(Action::Calendar(CalendarAction::FocusCalendars)).await;
    assert_eq!(pane.store().calendar.focus, CalendarFocus::Calendars);
    let at = pane.store().calendar.calendars.iter().position(|c| c.id == team.id).unwrap();
    for _ in 0..at {
        pane.apply(Action::Down).await;
    }
    pane.apply(Action::Calendar(CalendarAction::ToggleCalendar)).await;
    assert!(pane.store().calendar.hidden.contains(&team.id));
    assert!(team_events.iter().all(|id| !pane.shown_ids().contains(id)), "hidden without a reload");
    pane.apply(Action::Open).await;
    assert!(team_events.iter().all(|id| pane.shown_ids().contains(id)), "Enter shows it again");
}

#[tokio::test]
async fn an_event_made_in_the_form_is_created_edited_and_cancelled_in_the_tenant() {
    let h = harness::start().await;
    let mut pane = Cal::open(&h).await;
    pane.apply(Action::Add).await;
    pane.driver.settle(|store| !store.compose.candidates_loaded).await;
    let candidate = pane.store().compose.candidates.first().cloned().expect("contacts and people to offer");
    pane.fill(FieldId::Subject, "Planning").await;
    pane.fill(FieldId::Start, "2026-03-11 10:00").await;
    pane.fill(FieldId::End, "11:30").await;
    pane.fill(FieldId::Location, "Room 4").await;
    pane.fill(FieldId::Attendees, &candidate.address[..3]).await;
    let form = pane.store().calendar.form.as_ref().unwrap();
    assert!(form.suggestions.iter().any(|c| c.address == candidate.address), "{:?}", form.suggestions);
    let wanted = form.suggestions.iter().position(|c| c.address == candidate.address).unwrap();
    for _ in 0..wanted {
        pane.key(KeyCode::Down).await;
    }
    pane.key(KeyCode::Tab).await;
    assert_eq!(
        pane.store().calendar.form.as_ref().unwrap().value(FieldId::Attendees),
        format!("{}, ", candidate.address)
    );
    pane.driver.apply(Action::Calendar(CalendarAction::FormSave));
    // Shown at once under a local id, before the service answered.
    let local = pane.store().calendar.selected_event().unwrap().clone();
    assert!(local.id.starts_with("local-event-") && local.subject == "Planning", "{local:?}");
    pane.apply(Action::Tick { now_ms: 0 }).await;

    let made = stored_by_subject(&h, "Planning");
    assert_eq!(made.len(), 1, "created once");
    let made = &made[0];
    assert_eq!(
        made["start"],
        serde_json::json!({"dateTime": "2026-03-11T10:00:00.0000000", "timeZone": "Romance Standard Time"})
    );
    assert_eq!(made["end"]["dateTime"], "2026-03-11T11:30:00.0000000");
    assert_eq!(made["location"]["displayName"], "Room 4");
    assert_eq!(made["attendees"][0]["emailAddress"]["address"], candidate.address.as_str());
    let id = made["id"].as_str().unwrap().to_owned();
    assert_eq!(pane.store().calendar.selected_event().unwrap().id, id, "the local id became the service's");

    // `e` edits it (one event: no question), Esc saves.
    pane.apply(Action::Rename).await;
    assert!(pane.store().prompt.is_none());
    pane.fill(FieldId::Subject, "Planning v2").await;
    pane.apply(Action::Calendar(CalendarAction::FormSave)).await;
    assert_eq!(stored_by_subject(&h, "Planning v2").len(), 1);
    assert_eq!(stored_by_subject(&h, "Planning v2")[0]["location"]["displayName"], "Room 4", "untouched fields stay");

    // `x` on a meeting the user organizes cancels it with a message for the attendees.
    pane.apply(Action::Delete).await;
    assert!(pane.store().prompt.as_ref().unwrap().title.starts_with("Cancel «Planning v2»"));
    pane.answer("Sorry, moved").await;
    assert!(h.state.tenant.read().unwrap().events.get(&id).is_none(), "cancelled");
    let tenant = h.state.tenant.read().unwrap();
    let sent = tenant.resolve_folder("sentitems").unwrap();
    assert!(tenant.messages.iter().any(|m| m["parentFolderId"] == sent.as_str()
        && m["subject"] == "Canceled: Planning v2"
        && m["body"]["content"] == "Sorry, moved"));
}

#[tokio::test]
async fn a_series_made_in_the_form_changes_one_occurrence_or_loses_one_as_asked() {
    let h = harness::start().await;
    let mut pane = Cal::open(&h).await;
    pane.apply(Action::Add).await;
    pane.fill(FieldId::Subject, "Sync").await;
    pane.fill(FieldId::Start, "2026-03-10 16:00").await;
    pane.fill(FieldId::End, "30m").await;
    pane.fill(FieldId::Repeat, "weekly:TU,TH").await;
    pane.fill(FieldId::Until, "2026-03-26").await;
    pane.apply(Action::Calendar(CalendarAction::FormSave)).await;
    let master = stored_by_subject(&h, "Sync");
    assert_eq!(master.len(), 1);
    assert_eq!(master[0]["recurrence"]["pattern"]["daysOfWeek"], serde_json::json!(["tuesday", "thursday"]));
    let master_id = master[0]["id"].as_str().unwrap().to_owned();
    // The period was loaded again: this week's two occurrences show.
    let agenda = pane.store().calendar.agenda.ready().unwrap();
    let occurrences: Vec<String> = agenda
        .events
        .iter()
        .filter(|e| e.series_master_id.as_deref() == Some(&master_id))
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(occurrences.len(), 2, "Tuesday and Thursday of this week");

    // Editing the first asks, every time; `o` changes only it.
    pane.select(&occurrences[0]);
    pane.apply(Action::Rename).await;
    assert!(pane.store().calendar.form.is_none(), "the question comes first");
    pane.answer("o").await;
    pane.fill(FieldId::Subject, "Sync (moved room)").await;
    pane.apply(Action::Calendar(CalendarAction::FormSave)).await;
    let client = h.client();
    let start = chrono::DateTime::parse_from_rfc3339("2026-03-09T00:00:00Z").unwrap().to_utc();
    let instances =
        o365_graph::calendar::list_instances(&client, &master_id, start, start + chrono::Duration::days(21))
            .await
            .unwrap();
    let subjects: Vec<&str> = instances.iter().map(|e| e.subject.as_deref().unwrap_or("")).collect();
    assert_eq!(subjects, ["Sync (moved room)", "Sync", "Sync", "Sync", "Sync", "Sync"]);

    // Deleting the second with `o` removes only it.
    pane.select(&occurrences[1]);
    pane.apply(Action::Delete).await;
    pane.answer("o").await;
    pane.answer("y").await;
    let instances =
        o365_graph::calendar::list_instances(&client, &master_id, start, start + chrono::Duration::days(21))
            .await
            .unwrap();
    assert_eq!(instances.len(), 5, "one occurrence gone, the series kept");
    assert!(!pane.shown_ids().contains(&occurrences[1]));
}

#[tokio::test]
async fn a_refused_delete_is_put_back_with_a_notice() {
    let h = harness::start().await;
    // A meeting this week in the colleague's calendar shared with the user to read only.
    let shared = {
        let mut tenant = h.state.tenant.write().unwrap();
        let me = tenant.me()["mail"].clone();
        let shared = tenant.calendars.iter().find(|c| c["canEdit"] == false && c["owner"]["address"] != me).cloned();
        let shared = shared.expect("a colleague's calendar shared with the user");
        tenant.events.insert(serde_json::json!({
            "id": "THEIRS", "_calendarId": shared["id"], "subject": "Their review", "type": "singleInstance",
            "isAllDay": false, "isOrganizer": true, "isCancelled": false, "recurrence": null, "seriesMasterId": null,
            "organizer": {"emailAddress": shared["owner"]}, "originalStartTimeZone": "UTC", "originalEndTimeZone": "UTC",
            "attendees": [{"type": "required", "emailAddress": {"address": me},
                           "status": {"response": "accepted", "time": "2026-03-01T10:00:00Z"}}],
            "responseStatus": {"response": "organizer", "time": "0001-01-01T00:00:00Z"},
            "start": {"dateTime": "2026-03-11T10:00:00.0000000", "timeZone": "UTC"},
            "end": {"dateTime": "2026-03-11T11:00:00.0000000", "timeZone": "UTC"},
        }));
        shared["name"].as_str().unwrap().to_owned()
    };
    let mut pane = Cal::open(&h).await;
    let mine = pane
        .first_shown(|e| e.attendees.is_empty() && e.series_master_id.is_none() && !e.is_recurring)
        .expect("an event of the user's own this week");
    pane.select(&mine.id);
    // Someone else deleted it meanwhile: the service answers 404.
    h.state.tenant.write().unwrap().events.remove(&mine.id);
    pane.apply(Action::Delete).await;
    pane.driver.apply(Action::TextInput('y'));
    assert!(!pane.shown_ids().contains(&mine.id), "gone at once");
    pane.apply(Action::Tick { now_ms: 0 }).await;
    assert!(pane.shown_ids().contains(&mine.id), "put back");
    assert!(pane.notice().starts_with("Deleting «") && pane.notice().contains("failed"), "{}", pane.notice());
    assert!(pane.store().notice.as_ref().unwrap().is_error);

    // The colleague's calendar shared to read only: Exchange answers 403 and nothing changes.
    pane.select("THEIRS");
    pane.apply(Action::Delete).await;
    pane.answer("").await;
    assert!(pane.shown_ids().contains(&"THEIRS".to_owned()), "put back");
    let notice = pane.notice();
    assert!(notice.starts_with("Cancelling «Their review» failed"), "{notice}");
    assert!(notice.contains(&format!("«{shared}» is shared with you to read only")), "{notice}");
    assert!(notice.contains("Access is denied"), "Graph's words stay: {notice}");
    assert!(h.state.tenant.read().unwrap().events.get("THEIRS").is_some(), "still in the tenant");
}

#[tokio::test]
async fn an_invitation_is_answered_from_the_pane_without_telling_the_organizer() {
    let h = harness::start().await;
    let mut pane = Cal::open(&h).await;
    let invitation = pane
        .first_shown(|e| !e.is_organizer && e.organizer.is_some() && !e.attendees.is_empty() && !e.is_recurring)
        .expect("an invitation this week");
    pane.select(&invitation.id);
    pane.apply(Action::Calendar(CalendarAction::Answer(Answer::Tentative))).await;
    pane.answer("I may be late").await;
    assert_eq!(pane.store().prompt.as_ref().unwrap().title, format!("Tentative «{}»", invitation.subject));
    pane.answer("n").await;
    let stored = h.state.tenant.read().unwrap().events.get(&invitation.id).cloned().unwrap();
    assert_eq!(stored["responseStatus"]["response"], "tentativelyAccepted");
    let shown = pane.store().calendar.selected_event().unwrap();
    assert_eq!(shown.my_response, Some(o365::domain::ResponseType::TentativelyAccepted));
    // Not told: no answer mail left in Sent Items.
    let tenant = h.state.tenant.read().unwrap();
    let sent = tenant.resolve_folder("sentitems").unwrap();
    assert!(
        !tenant.messages.iter().any(|m| m["parentFolderId"] == sent.as_str()
            && m["subject"].as_str().is_some_and(|s| s.starts_with("Tentative:")))
    );
}

#[tokio::test]
async fn free_busy_draws_the_tenants_busy_blocks_and_a_suggestion_becomes_the_meeting() {
    let h = harness::start().await;
    let colleague = {
        let tenant = h.state.tenant.read().unwrap();
        let me = tenant.me()["mail"].clone();
        let calendar = tenant.calendars.iter().find(|c| c["owner"]["address"] != me).unwrap().clone();
        calendar["owner"]["address"].as_str().unwrap().to_owned()
    };
    let mut pane = Cal::open(&h).await;
    pane.apply(Action::Calendar(CalendarAction::FreeBusy)).await;
    pane.answer(&colleague).await;
    let view = pane.store().calendar.free_busy.as_ref().expect("the free/busy view");
    assert_eq!(view.day, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
    let people = view.schedules.ready().expect("schedules loaded");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].address, colleague);
    assert!(people[0].problem.is_none());
    // The same blocks as the tenant's getSchedule gives the CLI.
    let client = h.client();
    let request = o365::domain::calendar::schedule::schedule_request(
        std::slice::from_ref(&colleague),
        (
            NaiveDate::from_ymd_opt(2026, 3, 10).unwrap().and_hms_opt(0, 0, 0).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 11).unwrap().and_hms_opt(0, 0, 0).unwrap(),
        ),
        &ZONE,
        Some(30),
    );
    let answered = o365_graph::calendar::get_schedule(&client, &request).await.unwrap();
    let blocks = o365::domain::calendar::schedule::blocks(&answered[0]);
    assert_eq!(people[0].blocks.len(), blocks.len());
    for (shown, wanted) in people[0].blocks.iter().zip(&blocks) {
        assert_eq!((shown.start, shown.end), (wanted.start.to_utc(), wanted.end.to_utc()));
    }

    pane.apply(Action::Calendar(CalendarAction::FindTime)).await;
    pane.answer("").await;
    let view = pane.store().calendar.free_busy.as_ref().unwrap();
    let found = view.suggestions.as_ref().and_then(|s| s.ready()).expect("suggestions");
    assert!(!found.times.is_empty(), "a week of working hours has room for 30 minutes");
    let first = found.times[0].clone();
    assert_eq!(first.end - first.start, chrono::Duration::minutes(30));
    pane.apply(Action::Open).await;
    let form = pane.store().calendar.form.as_ref().expect("Enter opens the form");
    assert_eq!(form.value(FieldId::Attendees), colleague);
    let start = o365::domain::time_zones::in_zone(&first.start, &ZONE).naive_local();
    assert_eq!(form.value(FieldId::Start), start.format("%Y-%m-%d %H:%M").to_string());
}

#[tokio::test]
async fn an_invitation_answered_from_the_mail_reader_is_recorded_on_its_event() {
    let h = harness::start().await;
    let client = h.client();
    // The colleague made the user a delegate of the calendar they share (read only in the seed),
    // so the user writes the meeting the colleague organizes.
    let (me, their_calendar) = {
        let mut tenant = h.state.tenant.write().unwrap();
        let me = tenant.me()["mail"].as_str().unwrap().to_owned();
        let calendar = tenant.calendars.iter().find(|c| c["owner"]["address"] != me.as_str()).unwrap().clone();
        let id = calendar["id"].as_str().unwrap().to_owned();
        tenant.calendars.get_mut(&id).unwrap()["canEdit"] = serde_json::json!(true);
        (me, id)
    };
    let at = |t: &str| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").unwrap();
    let input = EventInput {
        subject: Some("Quarterly plan".into()),
        when: Some(When::Timed { start: at("2026-03-11T09:00"), end: at("2026-03-11T10:00") }),
        required: vec![me.clone()],
        ..EventInput::default()
    };
    let theirs =
        o365_graph::calendar::create_event(&client, Some(&their_calendar), &input.to_graph(&chrono_tz::Tz::UTC))
            .await
            .unwrap();

    // The invitation is the newest message of the Inbox: open it.
    let mut tui = Tui::start(&h).await;
    assert_eq!(tui.store.mail.selected_message().unwrap().subject, "Quarterly plan");
    assert!(tui.store.mail.selected_message().unwrap().is_meeting, "listed as a meeting's mail");
    tui.act(Action::Open);
    tui.until(|m| matches!(m, Msg::Calendar(CalendarMsg::Invitation { .. }))).await;
    let invitation = tui.store.calendar.invitation.clone().expect("the reader has the invitation");
    let event = invitation.event.expect("with its event");
    assert_eq!(event.subject, "Quarterly plan");
    assert!(!invitation.nearby.is_empty(), "the user's other events that day");

    // `Y` in the reader is the invitation's accept key (not the mail pane's).
    let keymap = o365::tui::keymap::Keymap::load(None).unwrap();
    let key = ratatui::crossterm::event::Event::Key(KeyEvent::new(KeyCode::Char('Y'), KeyModifiers::SHIFT));
    let o365::tui::input::Input::Action(action) = o365::tui::input::translate(&tui.store, &keymap, &key) else {
        panic!("Y is bound in the reader")
    };
    assert_eq!(action, Action::Calendar(CalendarAction::Answer(Answer::Accept)));
    tui.act(action);
    tui.answer("See you there");
    tui.act(Action::TextInput('y'));
    tui.until(|m| matches!(m, Msg::Calendar(CalendarMsg::Written { .. }))).await;
    let tenant = h.state.tenant.read().unwrap();
    assert_eq!(tenant.events.get(&event.id).unwrap()["responseStatus"]["response"], "accepted");
    let organizers = tenant.events.get(&theirs.id).unwrap();
    let mine = organizers["attendees"].as_array().unwrap().iter().find(|a| a["emailAddress"]["address"] == me.as_str());
    assert_eq!(mine.unwrap()["status"]["response"], "accepted", "the organizer sees the answer");
    drop(tenant);
    let shown = tui.store.calendar.invitation.as_ref().unwrap().event.as_ref().unwrap();
    assert_eq!(shown.my_response, Some(o365::domain::ResponseType::Accepted));
}
