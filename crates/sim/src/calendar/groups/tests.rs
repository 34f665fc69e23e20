//! The group calendar over HTTP with real tokens: `/me/memberOf` lists the seeded groups (the
//! Microsoft 365 one and a security group), the group's calendar needs Group.Read.All, its view
//! the Calendars permissions too, and a new event Group.ReadWrite.All; the group's events stay
//! out of the owner's own calendar view.
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::server::testing::device_code_token_for;
use crate::{RunningSim, SimOptions};

async fn sim() -> RunningSim {
    let options = SimOptions {
        messages: 20,
        anchor: "2026-03-10T12:00:00Z".parse().unwrap(),
        device_code_interval: 0,
        auto_approve_device_codes: true,
        ..SimOptions::default()
    };
    crate::start("127.0.0.1:0".parse().unwrap(), options).await.unwrap()
}

async fn call(sim: &RunningSim, token: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let http = Client::new();
    let mut request = http.request(method, format!("{}{path}", sim.urls().graph_url())).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let answer = request.send().await.unwrap();
    (answer.status(), answer.json().await.unwrap_or(Value::Null))
}

const WEEK: &str = "startDateTime=2026-03-09T00:00:00Z&endDateTime=2026-03-16T00:00:00Z";

#[tokio::test]
async fn a_group_calendar_needs_group_read_all_and_its_view_the_calendar_permissions_too() {
    let sim = sim().await;
    let http = Client::new();
    let origin = sim.urls().origin.clone();
    let defaults = device_code_token_for(&origin, &http, "User.Read Calendars.ReadWrite").await;
    let (status, groups) = call(&sim, &defaults, Method::GET, "/me/memberOf/microsoft.graph.group", None).await;
    assert_eq!(status, StatusCode::OK, "{groups}");
    let groups = groups["value"].as_array().unwrap().clone();
    // Without a permission that reads groups: listed with limited information, the id and type.
    assert_eq!(groups.len(), 2, "{groups:?}");
    for group in &groups {
        assert_eq!(group["@odata.type"], "#microsoft.graph.group");
        assert!(group["id"].is_string() && group["displayName"].is_null() && group["groupTypes"].is_null(), "{group}");
    }
    let reader = device_code_token_for(&origin, &http, "User.Read Group.Read.All").await;
    let (_, groups) = call(&sim, &reader, Method::GET, "/me/memberOf/microsoft.graph.group", None).await;
    let groups = groups["value"].as_array().unwrap().clone();
    let unified = groups.iter().find(|g| g["groupTypes"] == json!(["Unified"])).expect("a Microsoft 365 group");
    assert!(groups.iter().any(|g| g["groupTypes"] == json!([]) && g["securityEnabled"] == true));
    assert_eq!(unified["@odata.type"], "#microsoft.graph.group");
    let id = unified["id"].as_str().unwrap();

    let (status, refused) = call(&sim, &defaults, Method::GET, &format!("/groups/{id}/calendar"), None).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("ErrorAccessDenied")));
    let (status, view) = call(&sim, &defaults, Method::GET, &format!("/groups/{id}/calendarView?{WEEK}"), None).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let subjects: Vec<&str> = view["value"].as_array().unwrap().iter().filter_map(|e| e["subject"].as_str()).collect();
    assert!(subjects.contains(&"Falcon sync") && subjects.contains(&"Falcon launch review"), "{subjects:?}");
    let (_, own) = call(&sim, &defaults, Method::GET, &format!("/me/calendarView?{WEEK}&$top=500"), None).await;
    let own = own["value"].as_array().unwrap();
    assert!(!own.iter().any(|e| e["subject"].as_str().is_some_and(|s| s.starts_with("Falcon "))), "not the owner's");
    let event = json!({"subject": "Falcon retro", "start": {"dateTime": "2026-03-12T15:00:00", "timeZone": "UTC"},
                       "end": {"dateTime": "2026-03-12T16:00:00", "timeZone": "UTC"}});
    let path = format!("/groups/{id}/events");
    let (status, _) = call(&sim, &defaults, Method::POST, &path, Some(event.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, calendar) = call(&sim, &reader, Method::GET, &format!("/groups/{id}/calendar"), None).await;
    assert_eq!(status, StatusCode::OK, "{calendar}");
    let shown = (calendar["hexColor"].as_str(), calendar["owner"]["name"].as_str());
    assert_eq!(shown, (Some("#3ab0a8"), Some("Falcon Launch")));
    assert!(calendar.get("_groupId").is_none());
    let (status, _) = call(&sim, &reader, Method::POST, &path, Some(event.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "reading is not writing");

    let writer = device_code_token_for(&origin, &http, "User.Read Group.ReadWrite.All").await;
    let (status, created) = call(&sim, &writer, Method::POST, &path, Some(event)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["organizer"]["emailAddress"]["name"], "Falcon Launch");
    let (_, view) = call(&sim, &writer, Method::GET, &format!("/groups/{id}/calendarView?{WEEK}"), None).await;
    assert!(view["value"].as_array().unwrap().iter().any(|e| e["id"] == created["id"]));
    let (status, _) = call(&sim, &writer, Method::GET, "/groups/nope/calendar", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    sim.shutdown().await;
}

/// Three weeks: the weekly series has an occurrence in each.
const WEEKS: &str = "startDateTime=2026-03-09T00:00:00Z&endDateTime=2026-03-30T00:00:00Z";

/// The ids and subjects of the group's events in `WEEKS`.
async fn week_of(sim: &RunningSim, token: &str, id: &str) -> Vec<(String, String)> {
    let (status, view) = call(sim, token, Method::GET, &format!("/groups/{id}/calendarView?{WEEKS}"), None).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let events = view["value"].as_array().unwrap();
    events.iter().map(|e| (e["id"].as_str().unwrap().to_owned(), e["subject"].as_str().unwrap().to_owned())).collect()
}

#[tokio::test]
async fn a_group_event_is_changed_and_deleted_with_group_read_write_all_only() {
    let sim = sim().await;
    let http = Client::new();
    let origin = sim.urls().origin.clone();
    let reader = device_code_token_for(&origin, &http, "User.Read Calendars.ReadWrite Group.Read.All").await;
    let (_, groups) = call(&sim, &reader, Method::GET, "/me/memberOf/microsoft.graph.group", None).await;
    let groups = groups["value"].as_array().unwrap();
    let group = groups.iter().find(|g| g["groupTypes"] == json!(["Unified"])).unwrap()["id"].as_str().unwrap();
    let before = week_of(&sim, &reader, group).await;
    let (review, _) = before.iter().find(|(_, s)| s == "Falcon launch review").unwrap().clone();
    let syncs: Vec<&String> = before.iter().filter(|(_, s)| s == "Falcon sync").map(|(id, _)| id).collect();
    assert!(syncs.len() >= 3, "a series with occurrences in the week: {before:?}");

    // Reading is not writing: nothing changes.
    let rename = json!({"subject": "Falcon launch review (moved)"});
    let path = format!("/groups/{group}/events/{review}");
    let (status, refused) = call(&sim, &reader, Method::PATCH, &path, Some(rename.clone())).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("ErrorAccessDenied")));
    let (status, _) = call(&sim, &reader, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(week_of(&sim, &reader, group).await, before);

    let writer = device_code_token_for(&origin, &http, "User.Read Group.ReadWrite.All").await;
    let (status, changed) = call(&sim, &writer, Method::PATCH, &path, Some(rename)).await;
    assert_eq!((status, changed["subject"].as_str()), (StatusCode::OK, Some("Falcon launch review (moved)")));
    // One occurrence of the series renamed, another deleted; the rest of the series stays.
    let first = format!("/groups/{group}/calendar/events/{}", syncs[0]);
    let (status, one) = call(&sim, &writer, Method::PATCH, &first, Some(json!({"subject": "Falcon sync (1:1)"}))).await;
    assert_eq!((status, one["subject"].as_str()), (StatusCode::OK, Some("Falcon sync (1:1)")), "{one}");
    let (status, _) = call(&sim, &writer, Method::DELETE, &format!("/groups/{group}/events/{}", syncs[1]), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let after = week_of(&sim, &writer, group).await;
    let subject_of = |id: &str| after.iter().find(|(i, _)| i == id).map(|(_, s)| s.as_str());
    assert_eq!(subject_of(&review), Some("Falcon launch review (moved)"));
    assert_eq!(subject_of(syncs[0]), Some("Falcon sync (1:1)"));
    assert_eq!(subject_of(syncs[1]), None, "{after:?}");
    assert_eq!(after.iter().filter(|(_, s)| s == "Falcon sync").count(), syncs.len() - 2);

    let (status, _) = call(&sim, &writer, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(call(&sim, &writer, Method::GET, &path, None).await.0, StatusCode::NOT_FOUND);
    // An event of the owner's own calendar is not the group's.
    let (_, own) = call(&sim, &writer, Method::GET, &format!("/me/calendarView?{WEEK}"), None).await;
    if let Some(own_id) = own["value"].as_array().and_then(|v| v.first()).and_then(|e| e["id"].as_str()) {
        let (status, _) = call(&sim, &writer, Method::DELETE, &format!("/groups/{group}/events/{own_id}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    sim.shutdown().await;
}
