//! Tests that every entity kind carries the Graph fields the endpoints serve, and that a large
//! mailbox keeps the shape of a small one.
use std::collections::BTreeSet;

use serde_json::Value;

use super::{SeedOptions, anchor, folder_id, generate, in_folder, messages, s, shared, time};

fn has_all(kind: &str, v: &Value, keys: &[&str]) {
    for k in keys {
        assert!(v.get(*k).is_some(), "{kind} lacks {k}: {v}");
    }
}

#[test]
fn every_entity_carries_its_graph_fields() {
    let t = shared();
    assert_eq!(t.domain, "contoso.onmicrosoft.com");
    assert_eq!(t.tenant_id.len(), 36);
    assert_eq!(t.users.len(), 50);
    for u in t.users.iter() {
        has_all(
            "user",
            u,
            &[
                "id",
                "displayName",
                "givenName",
                "surname",
                "mail",
                "userPrincipalName",
                "jobTitle",
                "officeLocation",
                "businessPhones",
                "mobilePhone",
                "preferredLanguage",
            ],
        );
        assert!(s(u, "mail").ends_with("@contoso.onmicrosoft.com"));
    }
    for f in t.mail_folders.iter() {
        has_all(
            "mailFolder",
            f,
            &[
                "id",
                "displayName",
                "parentFolderId",
                "childFolderCount",
                "unreadItemCount",
                "totalItemCount",
                "isHidden",
            ],
        );
    }
    for m in &messages(t) {
        has_all(
            "message",
            m,
            &[
                "@odata.etag",
                "id",
                "createdDateTime",
                "lastModifiedDateTime",
                "changeKey",
                "categories",
                "receivedDateTime",
                "sentDateTime",
                "hasAttachments",
                "internetMessageId",
                "subject",
                "bodyPreview",
                "importance",
                "parentFolderId",
                "conversationId",
                "conversationIndex",
                "isDeliveryReceiptRequested",
                "isReadReceiptRequested",
                "isRead",
                "isDraft",
                "webLink",
                "inferenceClassification",
                "body",
                "sender",
                "from",
                "toRecipients",
                "ccRecipients",
                "bccRecipients",
                "replyTo",
                "flag",
            ],
        );
        assert_eq!(m["body"]["contentType"], "html");
        assert!(s(m, "bodyPreview").chars().count() <= 255);
        assert!(s(&m["body"], "content").len() < 4096);
        assert!(m["flag"]["flagStatus"].is_string());
    }
    for a in &t.attachments.values().flatten().collect::<Vec<_>>() {
        has_all(
            "attachment",
            a,
            &[
                "@odata.type",
                "id",
                "name",
                "contentType",
                "size",
                "isInline",
                "lastModifiedDateTime",
                "contentId",
                "contentBytes",
            ],
        );
    }
    for c in t.calendars.iter() {
        has_all(
            "calendar",
            c,
            &[
                "id",
                "name",
                "color",
                "hexColor",
                "isDefaultCalendar",
                "canEdit",
                "canShare",
                "canViewPrivateItems",
                "changeKey",
                "owner",
            ],
        );
    }
    assert!(t.events.len() >= 150);
    for e in t.events.iter() {
        has_all(
            "event",
            e,
            &[
                "@odata.etag",
                "id",
                "subject",
                "body",
                "bodyPreview",
                "start",
                "end",
                "isAllDay",
                "originalStartTimeZone",
                "originalEndTimeZone",
                "location",
                "locations",
                "attendees",
                "organizer",
                "isOrganizer",
                "responseStatus",
                "isOnlineMeeting",
                "onlineMeetingProvider",
                "onlineMeeting",
                "showAs",
                "sensitivity",
                "importance",
                "webLink",
                "iCalUId",
                "categories",
                "isReminderOn",
                "reminderMinutesBeforeStart",
                "type",
                "seriesMasterId",
                "recurrence",
                "changeKey",
                "_calendarId",
            ],
        );
        if e["isOnlineMeeting"] == true {
            assert!(s(&e["onlineMeeting"], "joinUrl").starts_with("https://teams.microsoft.com/l/meetup-join/"));
            assert_eq!(e["onlineMeetingProvider"], "teamsForBusiness");
        }
    }
    has_all("drive", &t.drive, &["id", "driveType", "name", "webUrl", "owner", "quota"]);
    has_all("quota", &t.drive["quota"], &["total", "used", "remaining", "deleted", "state"]);
    assert!(t.drive_items.len() >= 300, "{}", t.drive_items.len());
    for i in t.drive_items.iter() {
        has_all(
            "driveItem",
            i,
            &[
                "id",
                "name",
                "size",
                "eTag",
                "createdDateTime",
                "lastModifiedDateTime",
                "webUrl",
                "createdBy",
                "lastModifiedBy",
                "parentReference",
                "fileSystemInfo",
            ],
        );
        if i.get("file").is_some() {
            has_all("file", i, &["cTag"]);
            // Hashes are computed when first served (drive::tree::render); every file has bytes
            // to compute them from.
            let id = s(i, "id");
            let hash = t.drive_hashes.sha256(id, &t.drive_content[id]);
            assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{hash}");
        }
    }
    let specials: BTreeSet<&str> = t.drive_items.iter().filter_map(|i| i["specialFolder"]["name"].as_str()).collect();
    assert!(specials.contains("documents") && specials.contains("photos"));
    assert!(
        t.drive_content
            .values()
            .any(|c| matches!(c, crate::store::Content::Generated { len, .. } if *len >= 20 * 1024 * 1024))
    );
    let wellknown: BTreeSet<&str> = t.todo_lists.iter().map(|l| s(l, "wellknownListName")).collect();
    assert!(wellknown.contains("defaultList") && wellknown.contains("flaggedEmails"));
    assert!(t.todo_tasks.len() >= 70);
    let statuses: BTreeSet<&str> = t.todo_tasks.iter().map(|x| s(x, "status")).collect();
    assert_eq!(statuses.len(), 5, "{statuses:?}");
    for x in t.todo_tasks.iter() {
        has_all(
            "todoTask",
            x,
            &[
                "@odata.etag",
                "id",
                "title",
                "status",
                "importance",
                "isReminderOn",
                "body",
                "categories",
                "createdDateTime",
                "lastModifiedDateTime",
                "bodyLastModifiedDateTime",
                "hasAttachments",
            ],
        );
        assert_eq!(x.get("completedDateTime").is_some(), x["status"] == "completed");
    }
    assert!(t.todo_tasks.iter().any(|x| x["checklistItems"].as_array().is_some_and(|c| !c.is_empty())));
    assert_eq!(t.contacts.len(), 200);
    for c in t.contacts.iter() {
        has_all(
            "contact",
            c,
            &[
                "id",
                "displayName",
                "givenName",
                "surname",
                "emailAddresses",
                "businessPhones",
                "companyName",
                "parentFolderId",
                "changeKey",
                "fileAs",
            ],
        );
    }
    assert_eq!(t.people.len(), 100);
    let scores: Vec<f64> =
        t.people.iter().map(|p| p["scoredEmailAddresses"][0]["relevanceScore"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    for p in t.people.iter() {
        has_all(
            "person",
            p,
            &[
                "id",
                "displayName",
                "givenName",
                "surname",
                "jobTitle",
                "companyName",
                "department",
                "officeLocation",
                "userPrincipalName",
                "scoredEmailAddresses",
                "phones",
                "personType",
            ],
        );
    }
}

#[test]
fn a_large_mailbox_keeps_its_shape() {
    let t = &generate(&SeedOptions { seed: 21, messages: 5_000, anchor: anchor() });
    let inbox = in_folder(t, &folder_id(t, "inbox"));
    assert_eq!(inbox.len(), 5_000);
    assert_eq!(in_folder(t, &folder_id(t, "sentitems")).len(), 500);
    // Several a day, in working hours mostly, over months rather than years.
    let days: BTreeSet<_> = inbox.iter().map(|m| time(&m["receivedDateTime"]).date_naive()).collect();
    assert!(days.len() > 200 && days.len() < 600, "{} days", days.len());
    let office =
        inbox.iter().filter(|m| (7..19).contains(&chrono::Timelike::hour(&time(&m["receivedDateTime"])))).count();
    assert!(office * 10 > inbox.len() * 8);
    let bodies: usize = messages(t).iter().map(|m| s(&m["body"], "content").len()).sum();
    let average = bodies / t.messages.len();
    assert!((400..2048).contains(&average), "{average}");
    let other = t.messages.len() - 5_000 - 500;
    assert!((300..1200).contains(&other), "{other}");
}
