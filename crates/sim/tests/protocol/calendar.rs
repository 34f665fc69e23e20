//! The simulated calendar over HTTP: calendars, events, calendarView with series expanded,
//! zones from `Prefer: outlook.timezone`, paging, writes and error bodies. Dates are pinned.
use crate::harness;

use harness::{TestSim, assert_graph_error, body_of};
use reqwest::Method;
use serde_json::{Value, json};

fn dt(date_time: &str, zone: &str) -> Value {
    json!({"dateTime": date_time, "timeZone": zone})
}

fn event(id: &str, calendar: &str, subject: &str, start: Value, end: Value) -> Value {
    json!({
        "id": id, "_calendarId": calendar, "subject": subject, "type": "singleInstance",
        "isAllDay": false, "isOrganizer": true, "recurrence": null, "seriesMasterId": null,
        "originalStartTimeZone": start["timeZone"], "originalEndTimeZone": end["timeZone"],
        "responseStatus": {"response": "organizer", "time": "0001-01-01T00:00:00Z"},
        "start": start, "end": end,
    })
}

fn series(mut master: Value, pattern: Value, range: Value) -> Value {
    master["type"] = json!("seriesMaster");
    master["recurrence"] = json!({"pattern": pattern, "range": range});
    master
}

async fn sim() -> TestSim {
    let mut t = harness::tenant();
    t.calendars.insert(json!({"id": "CAL1", "name": "Calendar", "isDefaultCalendar": true, "canEdit": true}));
    t.calendars.insert(json!({"id": "CAL2", "name": "Team", "isDefaultCalendar": false, "canEdit": true}));
    t.events.insert(event(
        "E1",
        "CAL1",
        "Pacific sync",
        dt("2024-05-06T10:00:00.0000000", "Pacific Standard Time"),
        dt("2024-05-06T11:00:00.0000000", "Pacific Standard Time"),
    ));
    t.events.insert(series(
        event(
            "E2",
            "CAL1",
            "Standup",
            dt("2024-04-01T09:00:00.0000000", "W. Europe Standard Time"),
            dt("2024-04-01T09:30:00.0000000", "W. Europe Standard Time"),
        ),
        json!({"type": "weekly", "interval": 1, "daysOfWeek": ["monday"], "firstDayOfWeek": "monday"}),
        json!({"type": "endDate", "startDate": "2024-04-01", "endDate": "2024-06-30"}),
    ));
    let mut holiday = event(
        "E3",
        "CAL1",
        "Holiday",
        dt("2024-05-07T00:00:00.0000000", "UTC"),
        dt("2024-05-08T00:00:00.0000000", "UTC"),
    );
    holiday["isAllDay"] = json!(true);
    t.events.insert(holiday);
    let mut invite = event(
        "E4",
        "CAL2",
        "Other calendar",
        dt("2024-05-06T12:00:00.0000000", "UTC"),
        dt("2024-05-06T13:00:00.0000000", "UTC"),
    );
    invite["isOrganizer"] = json!(false);
    t.events.insert(invite);
    t.events.insert(series(
        event(
            "E5",
            "CAL1",
            "Monthly review",
            dt("2024-01-26T15:00:00.0000000", "Tokyo Standard Time"),
            dt("2024-01-26T16:00:00.0000000", "Tokyo Standard Time"),
        ),
        json!({"type": "relativeMonthly", "interval": 1, "daysOfWeek": ["friday"], "index": "last"}),
        json!({"type": "noEnd", "startDate": "2024-01-26"}),
    ));
    harness::start(t).await
}

fn subjects(items: &[Value]) -> Vec<&str> {
    items.iter().map(|e| e["subject"].as_str().unwrap()).collect()
}

const WEEK: &str = "startDateTime=2024-05-06T00:00:00Z&endDateTime=2024-05-13T00:00:00Z";

#[tokio::test]
async fn calendar_view_expands_series_in_utc_by_default() {
    let sim = sim().await;
    let (status, body) = sim.get(&format!("/me/calendarView?{WEEK}")).await;
    assert_eq!(status, 200, "{body}");
    let items = body["value"].as_array().unwrap();
    assert_eq!(subjects(items), vec!["Standup", "Pacific sync", "Holiday"]);
    // The Monday 05-13 occurrence starts exactly at the window's end and is left out.
    assert_eq!(items[0]["type"], "occurrence");
    assert_eq!(items[0]["seriesMasterId"], "E2");
    assert_eq!(items[0]["recurrence"], Value::Null);
    assert_eq!(items[0]["start"], dt("2024-05-06T07:00:00.0000000", "UTC"));
    assert_eq!(items[1]["start"], dt("2024-05-06T17:00:00.0000000", "UTC"));
    assert_eq!(items[2]["end"], dt("2024-05-08T00:00:00.0000000", "UTC"));
    assert!(items.iter().all(|e| e.get("_calendarId").is_none()));
    assert!(body["@odata.context"].as_str().unwrap().contains("calendarView"));
    // Same answer from the default calendar's own view; the other calendar has only its event.
    let (_, again) = sim.get(&format!("/me/calendar/calendarView?{WEEK}")).await;
    assert_eq!(again["value"], body["value"]);
    let (_, other) = sim.get(&format!("/me/calendars/CAL2/calendarView?{WEEK}")).await;
    assert_eq!(subjects(other["value"].as_array().unwrap()), vec!["Other calendar"]);
}

#[tokio::test]
async fn prefer_timezone_rewrites_start_and_end_and_is_acknowledged() {
    let sim = sim().await;
    let response = sim
        .client
        .get(sim.url(&format!("/me/calendarView?{WEEK}")))
        .bearer_auth("t")
        .header("Prefer", "outlook.timezone=\"Pacific Standard Time\"")
        .send()
        .await
        .unwrap();
    let applied = response.headers().get("Preference-Applied").map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(applied.as_deref(), Some("outlook.timezone=\"Pacific Standard Time\""));
    let (status, body) = body_of(response).await;
    assert_eq!(status, 200, "{body}");
    let items = body["value"].as_array().unwrap();
    assert_eq!(items[0]["start"], dt("2024-05-06T00:00:00.0000000", "Pacific Standard Time"));
    assert_eq!(items[1]["start"], dt("2024-05-06T10:00:00.0000000", "Pacific Standard Time"));
    // All-day events keep their dates, midnight to midnight, in the requested zone.
    assert_eq!(items[2]["start"], dt("2024-05-07T00:00:00.0000000", "Pacific Standard Time"));
    assert_eq!(items[2]["end"], dt("2024-05-08T00:00:00.0000000", "Pacific Standard Time"));
    // IANA names work too.
    let response = sim
        .client
        .get(sim.url("/me/events/E1"))
        .bearer_auth("t")
        .header("Prefer", "outlook.timezone=\"Asia/Kolkata\"")
        .send()
        .await
        .unwrap();
    let (_, body) = body_of(response).await;
    assert_eq!(body["start"], dt("2024-05-06T22:30:00.0000000", "Asia/Kolkata"));
}

#[tokio::test]
async fn window_errors_and_unknown_zones_are_graph_errors() {
    let sim = sim().await;
    let (status, body) = sim.get("/me/calendarView").await;
    assert_graph_error(status, &body, 400, "ErrorInvalidParameter");
    assert!(body["error"]["message"].as_str().unwrap().contains("StartDateTime and EndDateTime"));
    let (status, body) = sim.get("/me/calendarView?startDateTime=2024-05-06T00:00:00Z").await;
    assert_graph_error(status, &body, 400, "ErrorInvalidParameter");
    let response = sim
        .client
        .get(sim.url(&format!("/me/calendarView?{WEEK}")))
        .bearer_auth("t")
        .header("Prefer", "outlook.timezone=\"Mars Standard Time\"")
        .send()
        .await
        .unwrap();
    let (status, body) = body_of(response).await;
    assert_graph_error(status, &body, 400, "TimeZoneNotSupportedException");
    let (status, body) = sim.get(&format!("/me/calendars/NOPE/calendarView?{WEEK}")).await;
    assert_graph_error(status, &body, 404, "ErrorItemNotFound");
}

#[tokio::test]
async fn window_with_offsets_selects_by_overlap() {
    let sim = sim().await;
    // 10:30-11:00 in Pacific daylight time is 17:30-18:00Z: only E1 (17:00-18:00Z) overlaps.
    let (_, body) =
        sim.get("/me/calendarView?startDateTime=2024-05-06T10:30:00-07:00&endDateTime=2024-05-06T11:00:00-07:00").await;
    assert_eq!(subjects(body["value"].as_array().unwrap()), vec!["Pacific sync"]);
    // A window ending when E1 starts does not include it.
    let (_, body) = sim.get("/me/calendarView?startDateTime=2024-05-06T16:00:00&endDateTime=2024-05-06T17:00:00").await;
    assert_eq!(body["value"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn calendar_view_pages_with_top_and_skip() {
    let sim = sim().await;
    let path = "/me/calendarView?startDateTime=2024-01-01T00:00:00Z&endDateTime=2024-07-01T00:00:00Z&$top=5";
    let (items, pages) = sim.get_all(path).await;
    // 13 Mondays of the weekly series, 6 last Fridays of the monthly one, E1 and the holiday.
    assert_eq!(items.len(), 21);
    assert_eq!(pages, 5);
    let mut ids: Vec<&str> = items.iter().map(|e| e["id"].as_str().unwrap()).collect();
    let starts: Vec<&str> = items.iter().map(|e| e["start"]["dateTime"].as_str().unwrap()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "calendarView is ordered by start");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 21, "occurrence ids are distinct");
    let last_fridays: Vec<&str> = items
        .iter()
        .filter(|e| e["seriesMasterId"] == "E5")
        .map(|e| e["start"]["dateTime"].as_str().unwrap())
        .collect();
    assert_eq!(last_fridays[4], "2024-05-31T06:00:00.0000000");
}

#[tokio::test]
async fn events_lists_masters_unexpanded_and_occurrences_resolve_by_id() {
    let sim = sim().await;
    let (status, body) = sim.get("/me/events").await;
    assert_eq!(status, 200, "{body}");
    let items = body["value"].as_array().unwrap();
    assert_eq!(subjects(items), vec!["Monthly review", "Standup", "Pacific sync", "Holiday"]);
    assert_eq!(items[1]["type"], "seriesMaster");
    assert_eq!(items[1]["recurrence"]["pattern"]["type"], "weekly");
    let (_, view) = sim.get(&format!("/me/calendarView?{WEEK}")).await;
    let occurrence_id = view["value"][0]["id"].as_str().unwrap().to_owned();
    let (status, occurrence) = sim.get(&format!("/me/events/{occurrence_id}")).await;
    assert_eq!(status, 200, "{occurrence}");
    assert_eq!(occurrence["subject"], "Standup");
    assert_eq!(occurrence["type"], "occurrence");
    let (status, body) = sim.get("/me/events/E2/instances?startDateTime=2024-05-01&endDateTime=2024-05-31").await;
    assert_eq!(status, 200, "{body}");
    let starts: Vec<&str> =
        body["value"].as_array().unwrap().iter().map(|e| e["start"]["dateTime"].as_str().unwrap()).collect();
    assert_eq!(
        starts,
        vec![
            "2024-05-06T07:00:00.0000000",
            "2024-05-13T07:00:00.0000000",
            "2024-05-20T07:00:00.0000000",
            "2024-05-27T07:00:00.0000000"
        ]
    );
    let (status, body) = sim.get("/me/events/NOPE").await;
    assert_graph_error(status, &body, 404, "ErrorItemNotFound");
}

#[tokio::test]
async fn calendars_and_the_default_calendar() {
    let sim = sim().await;
    let (_, body) = sim.get("/me/calendars").await;
    assert_eq!(body["value"].as_array().unwrap().len(), 2);
    let (_, body) = sim.get("/me/calendar").await;
    assert_eq!(body["id"], "CAL1");
    let (_, body) = sim.get("/me/calendars/CAL2").await;
    assert_eq!(body["name"], "Team");
    let (status, body) = sim.get("/me/calendars/NOPE").await;
    assert_graph_error(status, &body, 404, "ErrorItemNotFound");
}

#[tokio::test]
async fn create_update_and_delete_events_and_occurrences() {
    let sim = sim().await;
    let (status, created) = sim
        .send(
            Method::POST,
            "/me/events",
            Some(json!({
                "subject": "Daily check",
                "body": {"contentType": "HTML", "content": "<p>Agenda</p>"},
                "start": {"dateTime": "2024-05-08T14:00:00", "timeZone": "GMT Standard Time"},
                "end": {"dateTime": "2024-05-08T14:15:00", "timeZone": "GMT Standard Time"},
                "recurrence": {"pattern": {"type": "daily", "interval": 1},
                               "range": {"type": "numbered", "startDate": "2024-05-08", "numberOfOccurrences": 3}}
            })),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["type"], "seriesMaster");
    assert_eq!(created["bodyPreview"], "Agenda");
    assert_eq!(created["start"], dt("2024-05-08T13:00:00.0000000", "UTC"));
    let id = created["id"].as_str().unwrap().to_owned();
    let window = "/me/calendarView?startDateTime=2024-05-08T00:00:00Z&endDateTime=2024-05-12T00:00:00Z";
    let daily = |body: &Value| -> Vec<Value> {
        body["value"].as_array().unwrap().iter().filter(|e| e["seriesMasterId"] == id.as_str()).cloned().collect()
    };
    let (_, view) = sim.get(window).await;
    let occurrences = daily(&view);
    assert_eq!(occurrences.len(), 3);
    let second = occurrences[1]["id"].as_str().unwrap().to_owned();
    let (status, _) = sim.send(Method::DELETE, &format!("/me/events/{second}"), None).await;
    assert_eq!(status, 204);
    let (status, _) = sim.send(Method::PATCH, &format!("/me/events/{id}"), Some(json!({"subject": "Renamed"}))).await;
    assert_eq!(status, 200);
    let (_, view) = sim.get(window).await;
    let left = daily(&view);
    assert_eq!(left.len(), 2);
    assert!(left.iter().all(|e| e["subject"] == "Renamed"));
    assert!(left.iter().all(|e| e["id"] != second.as_str()));
    let (status, _) = sim.send(Method::DELETE, &format!("/me/events/{id}"), None).await;
    assert_eq!(status, 204);
    let (status, body) = sim.get(&format!("/me/events/{id}")).await;
    assert_graph_error(status, &body, 404, "ErrorItemNotFound");
    let (status, body) = sim
        .send(
            Method::POST,
            "/me/calendars/CAL2/events",
            Some(json!({"subject": "x", "start": dt("2024-05-08T10:00:00", "UTC")})),
        )
        .await;
    assert_graph_error(status, &body, 400, "BadRequest");
    let (status, body) = sim
        .send(
            Method::POST,
            "/me/events",
            Some(json!({"start": dt("2024-05-08T10:00:00", "Nowhere"), "end": dt("2024-05-08T11:00:00", "Nowhere")})),
        )
        .await;
    assert_graph_error(status, &body, 400, "TimeZoneNotSupportedException");
}

#[tokio::test]
async fn responding_to_invitations() {
    let sim = sim().await;
    let (status, body) =
        sim.send(Method::POST, "/me/events/E4/accept", Some(json!({"comment": "ok", "sendResponse": true}))).await;
    assert_eq!((status, body), (202, Value::Null));
    let (_, event) = sim.get("/me/events/E4").await;
    assert_eq!(event["responseStatus"]["response"], "accepted");
    let (status, _) = sim.send(Method::POST, "/me/events/E4/tentativelyAccept", Some(json!({}))).await;
    assert_eq!(status, 202);
    let (_, event) = sim.get("/me/events/E4").await;
    assert_eq!(event["responseStatus"]["response"], "tentativelyAccepted");
    let (status, body) = sim.send(Method::POST, "/me/events/E1/decline", Some(json!({}))).await;
    assert_graph_error(status, &body, 400, "ErrorInvalidRequest");
}

#[tokio::test]
async fn a_calendar_shared_to_read_only_refuses_every_write_and_keeps_its_events() {
    let mut t = harness::tenant();
    t.calendars.insert(json!({"id": "CAL1", "name": "Calendar", "isDefaultCalendar": true, "canEdit": true}));
    t.calendars.insert(json!({"id": "RO", "name": "Megan Bowen", "isDefaultCalendar": false, "canEdit": false,
                              "owner": {"name": "Megan Bowen", "address": "meganb@contoso.test"}}));
    let theirs = event("M1", "RO", "Their review", dt("2024-05-06T10:00:00", "UTC"), dt("2024-05-06T11:00:00", "UTC"));
    t.events.insert(theirs);
    t.events.insert(series(
        event("M2", "RO", "Their standup", dt("2024-05-06T09:00:00", "UTC"), dt("2024-05-06T09:15:00", "UTC")),
        json!({"type": "daily", "interval": 1}),
        json!({"type": "numbered", "startDate": "2024-05-06", "numberOfOccurrences": 3}),
    ));
    let sim = harness::start(t).await;
    let before = sim.state.tenant.read().unwrap().events.len();
    let (_, view) = sim
        .get("/me/calendars/RO/calendarView?startDateTime=2024-05-07T00:00:00Z&endDateTime=2024-05-08T00:00:00Z")
        .await;
    let occurrence = view["value"][0]["id"].as_str().expect("an occurrence on the 7th").to_owned();
    let new =
        json!({"subject": "Mine", "start": dt("2024-05-08T10:00:00", "UTC"), "end": dt("2024-05-08T11:00:00", "UTC")});
    let attempts = [
        (Method::POST, "/me/calendars/RO/events".to_owned(), Some(new)),
        (Method::PATCH, "/me/events/M1".to_owned(), Some(json!({"subject": "Changed"}))),
        (Method::PATCH, format!("/me/events/{occurrence}"), Some(json!({"subject": "Changed"}))),
        (Method::DELETE, "/me/events/M1".to_owned(), None),
        (Method::DELETE, format!("/me/events/{occurrence}"), None),
        (Method::POST, "/me/events/M1/cancel".to_owned(), Some(json!({"comment": "off"}))),
    ];
    for (method, path, body) in attempts {
        let (status, answer) = sim.send(method.clone(), &path, body).await;
        assert_graph_error(status, &answer, 403, "ErrorAccessDenied");
        assert_eq!(answer["error"]["message"], "Access is denied. Check credentials and try again.", "{method} {path}");
    }
    let tenant = sim.state.tenant.read().unwrap();
    assert_eq!(tenant.events.len(), before, "nothing added or removed");
    assert_eq!(tenant.events.get("M1").unwrap()["subject"], "Their review");
    let master = tenant.events.get("M2").unwrap();
    assert!(master.get("_exceptions").is_none() && master.get("_deletedOccurrences").is_none(), "{master}");
}
