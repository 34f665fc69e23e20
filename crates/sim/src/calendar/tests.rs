//! Calendar views stay bounded: a window past Graph's limit is refused before anything is
//! expanded, and a page of a long window finds and draws little more than the page.
use std::sync::atomic::Ordering;

use chrono::{TimeZone, Utc};
use serde_json::json;

use crate::seed::{SeedOptions, generate};
use crate::server::testing::{get, state_with};

const ROOT: &str = "/graph/v1.0";

fn state() -> crate::SharedState {
    let anchor = Utc.with_ymd_and_hms(2025, 3, 12, 15, 30, 0).unwrap();
    let mut tenant = generate(&SeedOptions { seed: 3, messages: 20, anchor });
    let calendar = tenant.calendars.first().unwrap()["id"].clone();
    // Every day since 2001, for ever: a window far from its start must not replay it.
    tenant.events.insert(json!({
        "id": "DAILY", "_calendarId": calendar, "type": "seriesMaster", "subject": "Every day",
        "start": {"dateTime": "2001-01-01T09:00:00.0000000", "timeZone": "UTC"},
        "end": {"dateTime": "2001-01-01T09:30:00.0000000", "timeZone": "UTC"},
        "recurrence": {"pattern": {"type": "daily", "interval": 1},
                       "range": {"type": "noEnd", "startDate": "2001-01-01"}}
    }));
    state_with(tenant, "http://127.0.0.1:9")
}

fn counts(state: &crate::SharedState) -> (usize, usize) {
    let tenant = state.read_tenant();
    (tenant.calendar_counts.found.load(Ordering::Relaxed), tenant.calendar_counts.rendered.load(Ordering::Relaxed))
}

#[tokio::test]
async fn a_window_past_the_limit_is_refused_before_anything_is_expanded() {
    let state = state();
    for path in [
        "/me/calendarView?startDateTime=0001-01-01T00:00:00Z&endDateTime=9999-12-31T00:00:00Z",
        "/me/calendarView?startDateTime=2020-01-01T00:00:00Z&endDateTime=2025-01-01T00:00:01Z",
        "/me/events/DAILY/instances?startDateTime=1900-01-01T00:00:00Z&endDateTime=2100-01-01T00:00:00Z",
    ] {
        let answer = get(&state, &format!("{ROOT}{path}")).await;
        assert_eq!((answer.status.as_u16(), answer.error_code().as_str()), (400, "ErrorInvalidRequest"), "{path}");
        assert!(answer.json()["error"]["message"].as_str().unwrap().contains("Maximum number of days: 1825"));
    }
    assert_eq!(counts(&state), (0, 0), "nothing was expanded or drawn");
}

#[tokio::test]
async fn a_page_of_the_longest_window_finds_little_more_than_the_page() {
    let state = state();
    let series = state.read_tenant().events.len();
    // 1,825 days exactly: allowed. The daily series alone has 1,825 occurrences in it.
    let window = "startDateTime=2030-01-01T00:00:00Z&endDateTime=2034-12-31T00:00:00Z";
    let answer = get(&state, &format!("{ROOT}/me/calendarView?{window}&$top=10&$orderby=start/dateTime")).await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    let body = answer.json();
    assert_eq!(body["value"].as_array().unwrap().len(), 10);
    assert!(body["@odata.nextLink"].as_str().unwrap().contains("$skip=10"));
    let (found, rendered) = counts(&state);
    assert_eq!(rendered, 10);
    // Each event's next occurrence waits to be merged: the page, one more, one per event.
    assert!(found <= 10 + 1 + series, "{found} found for a page of 10 among {series} events");

    let counted = get(&state, &format!("{ROOT}/me/events/DAILY/instances?{window}&$top=5&$count=true")).await.json();
    assert_eq!(counted["value"].as_array().unwrap().len(), 5);
    assert_eq!(counted["@odata.count"], 1825);
    assert_eq!(counts(&state).1, 15, "only the pages were drawn, the count was not");
}
