//! findMeetingTimes over HTTP: the owner's free times of the asked length within the time slot,
//! by start, capped by maxCandidates, and the reason when an attendee's time is unknown.
use crate::harness;

use harness::TestSim;
use reqwest::Method;
use serde_json::{Value, json};

async fn sim() -> TestSim {
    let mut t = harness::tenant();
    t.calendars.insert(json!({"id": "CAL1", "name": "Calendar", "isDefaultCalendar": true, "canEdit": true}));
    // Mondays 09:00–09:30 in Berlin: 07:00–07:30 UTC on 6 May 2024.
    t.events.insert(json!({
        "id": "E1", "_calendarId": "CAL1", "subject": "Standup", "type": "seriesMaster", "isAllDay": false,
        "isOrganizer": true, "showAs": "busy",
        "start": {"dateTime": "2024-04-01T09:00:00.0000000", "timeZone": "W. Europe Standard Time"},
        "end": {"dateTime": "2024-04-01T09:30:00.0000000", "timeZone": "W. Europe Standard Time"},
        "recurrence": {"pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["monday"]},
                       "range": {"type": "noEnd", "startDate": "2024-04-01"}},
    }));
    harness::start(t).await
}

fn request(attendees: Value, max: u64) -> Value {
    json!({
        "attendees": attendees,
        "timeConstraint": {"activityDomain": "work", "timeSlots": [{
            "start": {"dateTime": "2024-05-06T09:00:00", "timeZone": "W. Europe Standard Time"},
            "end": {"dateTime": "2024-05-06T12:00:00", "timeZone": "W. Europe Standard Time"},
        }]},
        "meetingDuration": "PT1H",
        "maxCandidates": max,
    })
}

fn starts(body: &Value) -> Vec<&str> {
    body["meetingTimeSuggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["meetingTimeSlot"]["start"]["dateTime"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn suggestions_are_the_owners_free_hours_by_start() {
    let sim = sim().await;
    let (status, body) = sim.send(Method::POST, "/me/findMeetingTimes", Some(request(json!([]), 10))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["emptySuggestionsReason"], "");
    assert_eq!(
        starts(&body),
        [
            "2024-05-06T07:30:00.0000000",
            "2024-05-06T08:00:00.0000000",
            "2024-05-06T08:30:00.0000000",
            "2024-05-06T09:00:00.0000000"
        ],
        "the stand-up's half hour is taken; answers in UTC without Prefer"
    );
    let (_, capped) = sim.send(Method::POST, "/me/findMeetingTimes", Some(request(json!([]), 2))).await;
    assert_eq!(starts(&capped).len(), 2);

    let stranger = json!([{"type": "required", "emailAddress": {"address": "nobody@nowhere.example"}}]);
    let (status, none) = sim.send(Method::POST, "/me/findMeetingTimes", Some(request(stranger, 10))).await;
    assert_eq!(status, 200);
    assert!(starts(&none).is_empty());
    assert_eq!(none["emptySuggestionsReason"], "attendeesUnavailable");

    let mut bad = request(json!([]), 10);
    bad["meetingDuration"] = json!("an hour");
    let (status, _) = sim.send(Method::POST, "/me/findMeetingTimes", Some(bad)).await;
    assert_eq!(status, 400);
}
