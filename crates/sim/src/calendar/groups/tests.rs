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
    assert_eq!(groups.len(), 2, "{groups:?}");
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

    let reader = device_code_token_for(&origin, &http, "User.Read Group.Read.All").await;
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
