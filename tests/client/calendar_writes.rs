//! The calendar write path of the client against the simulated tenant over loopback: series
//! created in the user's zone across a DST change, one occurrence changed or deleted, answers
//! to invitations recorded on the organizer's copy, cancelled meetings, and getSchedule's busy
//! blocks; each checked in the tenant's own state.
use crate::harness;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc, Weekday};
use harness::{Harness, api_error};
use o365::domain::calendar::draft::{EventInput, When};
use o365::domain::calendar::repeat::{Repeat, RepeatEnd};
use o365::domain::time_zones::{local_date_time_time_zone, to_instant};
use o365_graph::calendar::{self, EventAnswer};
use o365_graph::client::{ClientOptions, GraphClient};
use o365_graph::dto::{EventDraft, EventType, ScheduleRequest, ShowAs};
use serde_json::Value;

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

/// A client whose answers come in Berlin time, as the app asks for the user's zone.
fn berlin_client(h: &Harness) -> GraphClient {
    h.client_with(ClientOptions { timezone: Some("Europe/Berlin".into()), ..h.options() })
}

fn stored(h: &Harness, id: &str) -> Option<Value> {
    h.state.tenant.read().unwrap().events.get(id).cloned()
}

/// A weekly series on Monday and Wednesday at 09:00–09:30 Berlin time from Monday 23 March 2026
/// until Wednesday 8 April: Europe moves its clocks on Sunday 29 March.
async fn create_standup(client: &GraphClient) -> o365_graph::dto::Event {
    let start = at("2026-03-23T09:00");
    let rule = Repeat::Weekly(vec![Weekday::Mon, Weekday::Wed]);
    let end = RepeatEnd::Until(NaiveDate::from_ymd_opt(2026, 4, 8).unwrap());
    let input = EventInput {
        subject: Some("Stand-up".into()),
        when: Some(When::Timed { start, end: at("2026-03-23T09:30") }),
        recurrence: Some(rule.to_graph(start.date(), 1, end, "W. Europe Standard Time")),
        ..EventInput::default()
    };
    calendar::create_event(client, None, &input.to_graph(&BERLIN)).await.unwrap()
}

async fn standup_instances(client: &GraphClient, id: &str) -> Vec<o365_graph::dto::Event> {
    calendar::list_instances(client, id, utc("2026-03-01T00:00:00Z"), utc("2026-05-01T00:00:00Z")).await.unwrap()
}

#[tokio::test]
async fn a_weekly_series_in_berlin_keeps_its_local_time_across_the_dst_change() {
    let h = harness::start().await;
    let client = berlin_client(&h);
    let series = create_standup(&client).await;
    assert_eq!(series.kind, Some(EventType::SeriesMaster));

    let master = stored(&h, &series.id).expect("the tenant stores the series");
    assert_eq!(master["start"]["dateTime"], "2026-03-23T09:00:00.0000000");
    assert_eq!(master["start"]["timeZone"], "W. Europe Standard Time");
    assert_eq!(master["recurrence"]["pattern"]["daysOfWeek"], serde_json::json!(["monday", "wednesday"]));
    assert_eq!(master["recurrence"]["range"]["endDate"], "2026-04-08");

    let instances = standup_instances(&client, &series.id).await;
    let local: Vec<&str> = instances.iter().map(|e| e.start.as_ref().unwrap().date_time.as_str()).collect();
    assert_eq!(
        local,
        [
            "2026-03-23T09:00:00.0000000",
            "2026-03-25T09:00:00.0000000",
            "2026-03-30T09:00:00.0000000",
            "2026-04-01T09:00:00.0000000",
            "2026-04-06T09:00:00.0000000",
            "2026-04-08T09:00:00.0000000",
        ],
        "every occurrence at 09:00 Berlin time, before and after the change"
    );
    // The same wall-clock time is another instant once summer time begins.
    let instant = |e: &o365_graph::dto::Event| to_instant(e.start.as_ref().unwrap()).unwrap().with_timezone(&Utc);
    assert_eq!(instant(&instances[1]), utc("2026-03-25T08:00:00Z"));
    assert_eq!(instant(&instances[2]), utc("2026-03-30T07:00:00Z"));
}

#[tokio::test]
async fn editing_one_occurrence_leaves_the_others() {
    let h = harness::start().await;
    let client = berlin_client(&h);
    let series = create_standup(&client).await;
    let before = standup_instances(&client, &series.id).await;
    let third = &before[2];

    let moved = EventInput {
        subject: Some("Stand-up (moved)".into()),
        when: Some(When::Timed { start: at("2026-03-30T11:00"), end: at("2026-03-30T11:30") }),
        ..EventInput::default()
    };
    let updated = calendar::update_event(&client, &third.id, &moved.to_graph(&BERLIN)).await.unwrap();
    assert_eq!(updated.kind, Some(EventType::Exception));
    assert_eq!(updated.subject.as_deref(), Some("Stand-up (moved)"));

    let after = standup_instances(&client, &series.id).await;
    assert_eq!(after.len(), before.len(), "no occurrence gained or lost");
    for (old, new) in before.iter().zip(&after) {
        if new.id == third.id {
            assert_eq!(new.kind, Some(EventType::Exception));
            assert_eq!(new.start.as_ref().unwrap().date_time, "2026-03-30T11:00:00.0000000");
            assert_eq!(new.subject.as_deref(), Some("Stand-up (moved)"));
        } else {
            assert_eq!(
                (new.kind.clone(), new.subject.clone(), new.start.clone()),
                (old.kind.clone(), old.subject.clone(), old.start.clone())
            );
        }
    }
    let master = stored(&h, &series.id).unwrap();
    assert_eq!(master["subject"], "Stand-up", "the series keeps its subject");
    assert_eq!(master["_exceptions"]["2026-03-30"]["subject"], "Stand-up (moved)");

    // The whole series, through the master's id: every occurrence but the exception follows.
    let renamed = EventDraft { subject: Some("Daily sync".into()), ..EventDraft::default() };
    calendar::update_event(&client, &series.id, &renamed).await.unwrap();
    let renamed_all = standup_instances(&client, &series.id).await;
    let subjects: Vec<&str> = renamed_all.iter().map(|e| e.subject.as_deref().unwrap()).collect();
    assert_eq!(subjects, ["Daily sync", "Daily sync", "Stand-up (moved)", "Daily sync", "Daily sync", "Daily sync"]);
}

#[tokio::test]
async fn deleting_one_occurrence_removes_only_it() {
    let h = harness::start().await;
    let client = berlin_client(&h);
    let series = create_standup(&client).await;
    let before = standup_instances(&client, &series.id).await;
    calendar::delete_event(&client, &before[1].id).await.unwrap();

    let after = standup_instances(&client, &series.id).await;
    let ids = |list: &[o365_graph::dto::Event]| list.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    let mut expected = ids(&before);
    expected.remove(1);
    assert_eq!(ids(&after), expected);
    assert!(stored(&h, &series.id).is_some(), "the series stays");
    let missing = calendar::get_event(&client, &before[1].id).await.unwrap_err();
    assert_eq!(api_error(&missing).status, 404);
}

/// An invitation in the owner's calendar whose organizer's copy the tenant holds (in the
/// colleague's calendar shared with the owner).
fn invitation(h: &Harness) -> (String, String, String) {
    let tenant = h.state.tenant.read().unwrap();
    let me = tenant.me()["mail"].clone();
    let copy = tenant
        .events
        .iter()
        .find(|e| {
            e["isOrganizer"] == true && {
                let calendar = e["_calendarId"].as_str().unwrap_or_default();
                tenant.calendars.get(calendar).is_some_and(|c| c["owner"]["address"] != me)
            }
        })
        .expect("the seed shares a colleague's calendar holding the organizer's copies");
    let uid = copy["iCalUId"].as_str().unwrap();
    let mine = tenant.events.iter().find(|e| e["iCalUId"] == uid && e["isOrganizer"] == false).unwrap();
    (
        mine["id"].as_str().unwrap().to_owned(),
        copy["id"].as_str().unwrap().to_owned(),
        mine["subject"].as_str().unwrap().to_owned(),
    )
}

fn my_status_on(h: &Harness, copy_id: &str) -> Value {
    let me = h.state.tenant.read().unwrap().me()["mail"].clone();
    let copy = stored(h, copy_id).unwrap();
    let attendee = copy["attendees"].as_array().unwrap().iter().find(|a| a["emailAddress"]["address"] == me).cloned();
    attendee.expect("the owner is on the organizer's attendee list")["status"].clone()
}

fn sent_subjects(h: &Harness) -> Vec<(String, String)> {
    let tenant = h.state.tenant.read().unwrap();
    let sent = tenant.resolve_folder("sentitems").unwrap();
    tenant
        .messages
        .iter()
        .filter(|m| m["parentFolderId"] == sent.as_str())
        .map(|m| {
            (m["subject"].as_str().unwrap_or("").to_owned(), m["body"]["content"].as_str().unwrap_or("").to_owned())
        })
        .collect()
}

#[tokio::test]
async fn an_answer_sent_is_recorded_on_the_organizers_event_and_one_kept_back_is_not() {
    let h = harness::start().await;
    let client = h.client();
    let (mine, copy, subject) = invitation(&h);

    calendar::respond_to_event(&client, &mine, EventAnswer::Tentative, None, false).await.unwrap();
    assert_eq!(stored(&h, &mine).unwrap()["responseStatus"]["response"], "tentativelyAccepted");
    let untouched = my_status_on(&h, &copy);
    assert_ne!(untouched["response"], "tentativelyAccepted", "a kept-back answer reaches no one");

    calendar::respond_to_event(&client, &mine, EventAnswer::Accept, Some("See you there"), true).await.unwrap();
    assert_eq!(stored(&h, &mine).unwrap()["responseStatus"]["response"], "accepted");
    assert_eq!(my_status_on(&h, &copy)["response"], "accepted");
    assert!(
        sent_subjects(&h).contains(&(format!("Accepted: {subject}"), "See you there".into())),
        "the answer with its comment is in Sent Items"
    );

    // The organizer's copy is in the colleague's calendar, shared to read only: no answer there.
    let refused = calendar::respond_to_event(&client, &copy, EventAnswer::Decline, None, true).await.unwrap_err();
    assert_eq!((api_error(&refused).status, api_error(&refused).code.as_str()), (403, "ErrorAccessDenied"));
    // And an organizer cannot answer their own meeting.
    let input = EventInput {
        subject: Some("Own meeting".into()),
        when: Some(When::Timed { start: at("2026-03-12T14:00"), end: at("2026-03-12T15:00") }),
        required: vec!["alex@example.com".into()],
        ..EventInput::default()
    };
    let own = calendar::create_event(&client, None, &input.to_graph(&chrono_tz::Tz::UTC)).await.unwrap();
    let refused = calendar::respond_to_event(&client, &own.id, EventAnswer::Decline, None, true).await.unwrap_err();
    assert_eq!(api_error(&refused).status, 400);
}

#[tokio::test]
async fn the_organizer_cancels_a_meeting_with_a_note_and_an_attendee_cannot() {
    let h = harness::start().await;
    let client = berlin_client(&h);
    let input = EventInput {
        subject: Some("Budget review".into()),
        when: Some(When::Timed { start: at("2026-03-12T14:00"), end: at("2026-03-12T15:00") }),
        required: vec!["alex@example.com".into()],
        ..EventInput::default()
    };
    let meeting = calendar::create_event(&client, None, &input.to_graph(&BERLIN)).await.unwrap();
    calendar::cancel_event(&client, &meeting.id, Some("Moved to next quarter")).await.unwrap();
    assert!(stored(&h, &meeting.id).is_none(), "the meeting left the calendar");
    assert!(sent_subjects(&h).contains(&("Canceled: Budget review".into(), "Moved to next quarter".into())));

    let (mine, _, _) = invitation(&h);
    let refused = calendar::cancel_event(&client, &mine, None).await.unwrap_err();
    assert_eq!(api_error(&refused).status, 400);
    assert!(stored(&h, &mine).is_some());
}

#[tokio::test]
async fn get_schedule_marks_exactly_the_busy_blocks() {
    let h = harness::start().await;
    let client = berlin_client(&h);
    let me = h.state.tenant.read().unwrap().me()["mail"].as_str().unwrap().to_owned();
    // A Sunday morning far from the seeded weeks.
    let day = "2026-08-16";
    let request = ScheduleRequest {
        schedules: vec![me.clone(), "nobody@nowhere.example".into()],
        start_time: local_date_time_time_zone(at(&format!("{day}T08:00")), &BERLIN),
        end_time: local_date_time_time_zone(at(&format!("{day}T12:00")), &BERLIN),
        availability_view_interval: Some(30),
    };
    let empty = calendar::get_schedule(&client, &request).await.unwrap();
    assert_eq!(empty[0].availability_view.as_deref(), Some("00000000"), "nothing seeded there");

    for (subject, from, to, show_as) in [
        ("Deep work", "09:00", "10:00", ShowAs::Busy),
        ("Maybe lunch", "10:30", "11:00", ShowAs::Tentative),
        ("Gym", "11:00", "11:30", ShowAs::Free),
    ] {
        let input = EventInput {
            subject: Some(subject.into()),
            when: Some(When::Timed { start: at(&format!("{day}T{from}")), end: at(&format!("{day}T{to}")) }),
            show_as: Some(show_as),
            ..EventInput::default()
        };
        calendar::create_event(&client, None, &input.to_graph(&BERLIN)).await.unwrap();
    }
    let schedules = calendar::get_schedule(&client, &request).await.unwrap();
    assert_eq!(schedules.len(), 2);
    assert_eq!(schedules[0].schedule_id, me);
    assert_eq!(schedules[0].availability_view.as_deref(), Some("00220100"));
    let items: Vec<(String, String, String)> = schedules[0]
        .schedule_items
        .iter()
        .map(|i| {
            let time = |v: &Option<o365_graph::dto::DateTimeTimeZone>| v.as_ref().unwrap().date_time[11..16].to_owned();
            (i.subject.clone().unwrap(), time(&i.start), time(&i.end))
        })
        .collect();
    assert_eq!(
        items,
        [("Deep work".into(), "09:00".into(), "10:00".into()), ("Maybe lunch".into(), "10:30".into(), "11:00".into())],
        "free time is no busy block"
    );
    assert_eq!(
        schedules[1].error.as_ref().and_then(|e| e.response_code.as_deref()),
        Some("ErrorMailRecipientNotFound")
    );
}

/// The colleague whose calendar the seed shares with the owner: its id and their address. The
/// seed shares it to read only (a write is refused with 403); here the colleague has made the
/// owner a delegate, so the owner writes the meetings the colleague organizes.
fn colleague_calendar(h: &Harness) -> (String, String) {
    let mut tenant = h.state.tenant.write().unwrap();
    let me = tenant.me()["mail"].clone();
    let calendar = tenant.calendars.iter().find(|c| c["owner"]["address"] != me && c["owner"]["address"].is_string());
    let calendar = calendar.expect("the seed shares a colleague's calendar").clone();
    let id = calendar["id"].as_str().unwrap().to_owned();
    tenant.calendars.get_mut(&id).unwrap()["canEdit"] = serde_json::json!(true);
    (id, calendar["owner"]["address"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_meeting_a_colleague_organizes_reaches_the_owner_as_an_invitation_with_its_event() {
    let h = harness::start().await;
    let client = berlin_client(&h);
    let me = h.state.tenant.read().unwrap().me()["mail"].as_str().unwrap().to_owned();
    let (their_calendar, colleague) = colleague_calendar(&h);
    let input = EventInput {
        subject: Some("Budget review".into()),
        when: Some(When::Timed { start: at("2026-03-12T14:00"), end: at("2026-03-12T15:00") }),
        required: vec![me.clone()],
        ..EventInput::default()
    };
    let organizers = calendar::create_event(&client, Some(&their_calendar), &input.to_graph(&BERLIN)).await.unwrap();
    assert_eq!(organizers.organizer.unwrap().email_address.unwrap().address.as_deref(), Some(colleague.as_str()));

    // The Inbox holds an eventMessageRequest; expanded, its event is the owner's own copy.
    let (inbox, invitation) = {
        let tenant = h.state.tenant.read().unwrap();
        let inbox = tenant.resolve_folder("inbox").unwrap();
        let invitation = tenant
            .messages
            .iter()
            .find(|m| m["parentFolderId"] == inbox.as_str() && m["subject"] == "Budget review")
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .expect("the invitation is in the Inbox");
        (inbox, invitation)
    };
    let message = calendar::get_meeting_message(&client, &invitation).await.unwrap();
    assert!(message.is_event_message(), "{:?}", message.odata_type);
    assert_eq!(message.odata_type.as_deref(), Some("#microsoft.graph.eventMessageRequest"));
    assert_eq!(message.meeting_message_type.as_deref(), Some("meetingRequest"));
    assert_eq!(message.from.unwrap().email_address.unwrap().address.as_deref(), Some(colleague.as_str()));
    let mine = message.event.expect("$expand gives the event");
    assert_ne!(mine.id, organizers.id, "the owner's copy, not the organizer's");
    assert_eq!((mine.is_organizer, mine.ical_uid.clone()), (Some(false), organizers.ical_uid.clone()));
    assert_eq!(mine.start.unwrap().date_time, "2026-03-12T14:00:00.0000000", "in the zone asked for");
    let stored_copy = stored(&h, &mine.id).unwrap();
    assert_eq!(stored_copy["responseStatus"]["response"], "notResponded");

    // The owner's answer is recorded on the colleague's event.
    calendar::respond_to_event(&client, &mine.id, EventAnswer::Accept, None, true).await.unwrap();
    let copy = stored(&h, &organizers.id).unwrap();
    let status = copy["attendees"].as_array().unwrap().iter().find(|a| a["emailAddress"]["address"] == me.as_str());
    assert_eq!(status.unwrap()["status"]["response"], "accepted");

    // A meeting of the owner's own sends the owner no invitation.
    let own = EventInput { subject: Some("Own meeting".into()), ..input };
    calendar::create_event(&client, None, &own.to_graph(&BERLIN)).await.unwrap();
    let tenant = h.state.tenant.read().unwrap();
    assert!(!tenant.messages.iter().any(|m| m["subject"] == "Own meeting" && m["parentFolderId"] == inbox.as_str()));
}
