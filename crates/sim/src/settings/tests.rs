//! Mailbox settings over the router: read, read one property, change automatic replies (merged,
//! schedule checked), working hours, zone and language; read-only and unknown properties refused.
use serde_json::json;

use crate::server::testing::{bare_state, call, get};

const ROOT: &str = "/graph/v1.0";

#[tokio::test]
async fn settings_read_and_automatic_replies_change() {
    let state = bare_state();
    let settings = get(&state, &format!("{ROOT}/me/mailboxSettings")).await.json();
    assert_eq!(settings["automaticRepliesSetting"]["status"], "disabled");
    assert_eq!(settings["workingHours"]["daysOfWeek"].as_array().unwrap().len(), 5);
    assert!(settings["@odata.context"].as_str().unwrap().ends_with("/mailboxSettings"));
    assert!(settings.get("_mailboxSettings").is_none());

    let body = json!({"automaticRepliesSetting": {
        "status": "scheduled",
        "scheduledStartDateTime": {"dateTime": "2026-03-16T08:00:00", "timeZone": "W. Europe Standard Time"},
        "scheduledEndDateTime": {"dateTime": "2026-03-20T18:00:00", "timeZone": "W. Europe Standard Time"},
        "internalReplyMessage": "Away until Friday.",
        "externalAudience": "contactsOnly"
    }});
    let changed = call(&state, "PATCH", &format!("{ROOT}/me/mailboxSettings"), Some(body), &[]).await;
    assert_eq!(changed.status, 200, "{}", changed.text());
    let changed = changed.json();
    assert_eq!(changed["automaticRepliesSetting"]["status"], "scheduled");
    assert!(changed.get("workingHours").is_none(), "only what changed comes back");
    let replies = get(&state, &format!("{ROOT}/me/mailboxSettings/automaticRepliesSetting")).await.json();
    assert_eq!(replies["internalReplyMessage"], "Away until Friday.");
    assert_eq!(replies["externalReplyMessage"], "", "fields not named are kept");
    assert_eq!(replies["externalAudience"], "contactsOnly");

    let off = json!({"automaticRepliesSetting": {"status": "disabled"}});
    call(&state, "PATCH", &format!("{ROOT}/me/mailboxSettings"), Some(off), &[]).await;
    let replies = get(&state, &format!("{ROOT}/me/mailboxSettings/automaticRepliesSetting")).await.json();
    assert_eq!(
        (replies["status"].as_str(), replies["internalReplyMessage"].as_str()),
        (Some("disabled"), Some("Away until Friday."))
    );
}

#[tokio::test]
async fn settings_are_checked() {
    let state = bare_state();
    let patch = |body| call(&state, "PATCH", "/graph/v1.0/me/mailboxSettings", Some(body), &[]);
    let backwards = json!({"automaticRepliesSetting": {"status": "scheduled",
        "scheduledStartDateTime": {"dateTime": "2026-03-20T08:00:00", "timeZone": "UTC"},
        "scheduledEndDateTime": {"dateTime": "2026-03-16T08:00:00", "timeZone": "UTC"}}});
    for bad in [
        backwards,
        json!({"automaticRepliesSetting": {"status": "sometimes"}}),
        json!({"automaticRepliesSetting": {"externalAudience": "everyone"}}),
        json!({"timeZone": "Mars/Olympus"}),
        json!({"workingHours": {"daysOfWeek": ["funday"]}}),
        json!({"archiveFolder": "x"}),
        json!({"shoeSize": 9}),
    ] {
        let answer = patch(bad.clone()).await;
        assert_eq!(answer.status, 400, "{bad} → {}", answer.text());
    }
    let zone = patch(json!({"timeZone": "Pacific Standard Time", "language": {"locale": "fr-FR"},
        "workingHours": {"startTime": "09:00:00.0000000", "timeZone": {"name": "Pacific Standard Time"}}}))
    .await
    .json();
    assert_eq!(zone["language"]["displayName"], "French (France)");
    let hours = get(&state, "/graph/v1.0/me/mailboxSettings/workingHours").await.json();
    assert_eq!(
        (hours["startTime"].as_str(), hours["endTime"].as_str()),
        (Some("09:00:00.0000000"), Some("17:00:00.0000000"))
    );
    assert_eq!(get(&state, "/graph/v1.0/me/mailboxSettings/timeZone").await.json()["value"], "Pacific Standard Time");
    assert_eq!(get(&state, "/graph/v1.0/me/mailboxSettings/nothing").await.status, 400);
}
