//! Tests of the seeded tenant: determinism, counts, referential integrity, dates, hostile samples
//! and the Graph fields every entity kind must carry.
use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use serde_json::Value;

mod invitation;
mod shape;

use super::{SeedOptions, generate};
use crate::store::{Collection, Tenant};

fn anchor() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 12, 15, 30, 0).unwrap()
}

fn small(seed: u64) -> Tenant {
    generate(&SeedOptions { seed, messages: 300, anchor: anchor() })
}

/// One tenant for the tests that only read it (generation is the slow part in debug builds).
fn shared() -> &'static Tenant {
    static TENANT: std::sync::OnceLock<Tenant> = std::sync::OnceLock::new();
    TENANT.get_or_init(|| small(1))
}

fn time(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap().with_timezone(&Utc)
}

fn wall(v: &Value) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(v["dateTime"].as_str().unwrap(), "%Y-%m-%dT%H:%M:%S%.f").unwrap()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing in {v}"))
}

/// Everything observable about a tenant, in a stable order.
fn fingerprint(t: &Tenant) -> String {
    let collections: [&Collection; 9] = [
        &t.users,
        &t.mail_folders,
        &t.calendars,
        &t.events,
        &t.todo_lists,
        &t.todo_tasks,
        &t.contact_folders,
        &t.contacts,
        &t.people,
    ];
    let mut out = format!("{} {} {} {} {}\n", t.tenant_id, t.domain, t.me_id, t.next_id, t.drive);
    for c in collections {
        out.push_str(&serde_json::to_string(&c.iter().collect::<Vec<_>>()).unwrap());
    }
    out.push_str(&serde_json::to_string(&messages(t)).unwrap());
    out.push_str(&serde_json::to_string(&t.drive_items.iter().collect::<Vec<_>>()).unwrap());
    out.push_str(&format!("{:?}", t.well_known_folders.iter().collect::<BTreeMap<_, _>>()));
    out.push_str(&format!("{:?}", t.attachments.iter().collect::<BTreeMap<_, _>>()));
    for (id, c) in t.drive_content.iter().collect::<BTreeMap<_, _>>() {
        out.push_str(&format!("{id}:{}:{:?}", c.len(), c.read_range(0, 32)));
    }
    out
}

fn folder_id(t: &Tenant, name: &str) -> String {
    t.well_known_folders[name].clone()
}

/// Every message as Graph JSON, body included (seeded messages are kept as records).
fn messages(t: &Tenant) -> Vec<Value> {
    t.messages.iter().map(std::borrow::Cow::into_owned).collect()
}

fn in_folder(t: &Tenant, folder: &str) -> Vec<Value> {
    messages(t).into_iter().filter(|m| m["parentFolderId"] == folder).collect()
}

#[test]
fn same_options_same_tenant_and_another_seed_differs() {
    let (a, b) = (small(7), small(7));
    assert_eq!(fingerprint(&a), fingerprint(&b));
    let c = small(8);
    assert_ne!(fingerprint(&a), fingerprint(&c));
    assert_ne!(a.tenant_id, c.tenant_id);
}

#[test]
fn inbox_holds_exactly_the_requested_messages() {
    assert_eq!(in_folder(shared(), &folder_id(shared(), "inbox")).len(), 300);
    for n in [0, 9] {
        let t = generate(&SeedOptions { seed: 3, messages: n, anchor: anchor() });
        assert_eq!(in_folder(&t, &folder_id(&t, "inbox")).len(), n, "messages = {n}");
        assert!(in_folder(&t, &folder_id(&t, "sentitems")).len() >= 5);
    }
}

#[test]
fn references_and_counts_are_consistent() {
    let t = shared();
    // Mail folders: parents exist (the root's is the hidden top), counts match the messages.
    let root = folder_id(t, "msgfolderroot");
    for name in
        ["inbox", "drafts", "sentitems", "deleteditems", "junkemail", "archive", "outbox", "conversationhistory"]
    {
        assert_eq!(t.mail_folders.get(&folder_id(t, name)).unwrap()["parentFolderId"], root.as_str(), "{name}");
    }
    for f in t.mail_folders.iter() {
        let id = s(f, "id");
        if id != root {
            assert!(t.mail_folders.contains(s(f, "parentFolderId")));
        }
        let msgs = in_folder(t, id);
        assert_eq!(f["totalItemCount"], msgs.len() as u64, "{}", f["displayName"]);
        assert_eq!(f["unreadItemCount"], msgs.iter().filter(|m| m["isRead"] == false).count() as u64);
        let children = t.mail_folders.iter().filter(|c| c["parentFolderId"] == id).count();
        assert_eq!(f["childFolderCount"], children as u64);
    }
    let inbox = folder_id(t, "inbox");
    let projects = t.mail_folders.iter().find(|f| f["displayName"] == "Projects").unwrap();
    assert_eq!(projects["parentFolderId"], inbox.as_str());
    assert!(t.mail_folders.iter().any(|f| f["displayName"] == "Alpha" && f["parentFolderId"] == projects["id"]));
    let all = messages(t);
    for m in &all {
        assert!(t.mail_folders.contains(s(m, "parentFolderId")));
        let listed = t.attachments.get(s(m, "id")).map_or(0, |a| a.iter().filter(|a| a["isInline"] == false).count());
        assert_eq!(m["hasAttachments"], listed > 0, "{}", m["subject"]);
    }
    for id in t.attachments.keys() {
        assert!(t.messages.contains(id));
    }
    // Threads: every reply shares its conversation with another message; some span Inbox and Sent.
    let mut conversations: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for m in &all {
        conversations.entry(s(m, "conversationId")).or_default().push(m);
    }
    for m in all.iter().filter(|m| s(m, "subject").starts_with("RE: ")) {
        assert!(conversations[s(m, "conversationId")].len() >= 2, "{}", m["subject"]);
    }
    let sent = folder_id(t, "sentitems");
    let spanning = conversations.values().filter(|ms| {
        ms.iter().any(|m| m["parentFolderId"] == inbox.as_str())
            && ms.iter().any(|m| m["parentFolderId"] == sent.as_str())
    });
    assert!(spanning.count() >= 3);
    assert!(conversations.values().any(|ms| ms.len() >= 3));

    // Drive: one root per drive, parents exist, child counts and folder sizes add up, every file has bytes.
    let items = &t.drive_items;
    assert_eq!(items.iter().filter(|i| i.get("root").is_some()).count(), 1 + t.drives.len(), "one root per drive");
    for item in items.iter() {
        let id = s(item, "id");
        let children: Vec<&Value> = items.iter().filter(|c| c["parentReference"]["id"] == id).collect();
        if item.get("folder").is_some() {
            assert_eq!(item["folder"]["childCount"], children.len() as u64);
            let total: u64 = children.iter().map(|c| c["size"].as_u64().unwrap()).sum();
            assert_eq!(item["size"], total);
            assert!(!t.drive_content.contains_key(id));
        } else {
            assert_eq!(t.drive_content[id].len(), item["size"].as_u64().unwrap(), "{}", item["name"]);
        }
        if item.get("root").is_none() {
            let parent = items.get(s(&item["parentReference"], "id")).unwrap();
            assert!(parent.get("folder").is_some());
            let path = s(&item["parentReference"], "path");
            if parent.get("root").is_some() {
                assert_eq!(path, "/drive/root:");
            } else {
                assert!(path.starts_with("/drive/root:/") && path.ends_with(s(parent, "name")), "{path}");
            }
        }
    }
    assert_eq!(t.drive["quota"]["used"], items.iter().find(|i| i.get("root").is_some()).unwrap()["size"]);
    // Calendar, To Do, contacts.
    assert_eq!(t.calendars.iter().filter(|c| c["isDefaultCalendar"] == true).count(), 1);
    for e in t.events.iter() {
        assert!(t.calendars.contains(s(e, "_calendarId")));
    }
    for task in t.todo_tasks.iter() {
        assert!(t.todo_lists.contains(s(task, "_listId")));
    }
    // A contact is in a listed folder or in the default one, which the listed ones are in.
    let default_folder = t.contact_folders.iter().next().map(|f| s(f, "parentFolderId").to_owned());
    for c in t.contacts.iter() {
        let parent = s(c, "parentFolderId");
        assert!(t.contact_folders.contains(parent) || Some(parent) == default_folder.as_deref());
    }
    assert!(t.users.contains(&t.me_id));
}

#[test]
fn next_id_is_past_every_minted_id() {
    let t = shared();
    let fresh = crate::store::mint_id("msg", t.next_id + 1);
    assert!(!t.messages.contains(&fresh));
    let mut all: BTreeSet<String> = BTreeSet::new();
    for c in [&t.mail_folders, &t.calendars, &t.events, &t.todo_lists, &t.todo_tasks, &t.contacts] {
        for v in c.iter() {
            assert!(all.insert(s(v, "id").to_owned()), "duplicate id {}", v["id"]);
        }
    }
    for v in t.drive_items.iter() {
        assert!(all.insert(s(v, "id").to_owned()), "duplicate id {}", v["id"]);
    }
    for v in messages(t) {
        assert!(all.insert(s(&v, "id").to_owned()), "duplicate id {}", v["id"]);
    }
    assert!(!all.contains(&fresh));
}

#[test]
fn dates_follow_the_anchor() {
    let t = shared();
    let a = anchor();
    let inbox = folder_id(t, "inbox");
    let inbox_msgs = in_folder(t, &inbox);
    let received: Vec<DateTime<Utc>> = inbox_msgs.iter().map(|m| time(&m["receivedDateTime"])).collect();
    let all = messages(t);
    assert!(all.iter().all(|m| time(&m["receivedDateTime"]) <= a + Duration::minutes(1)));
    assert!(all.iter().all(|m| time(&m["sentDateTime"]) <= time(&m["receivedDateTime"])));
    let newest = *received.iter().max().unwrap();
    assert!(a - newest < Duration::days(3), "newest {newest}");
    let distinct: BTreeSet<_> = received.iter().collect();
    assert!(distinct.len() * 100 >= received.len() * 95);
    // Recent mail mostly unread, older mostly read.
    let (recent, old): (Vec<&Value>, Vec<&Value>) =
        inbox_msgs.iter().partition(|m| a - time(&m["receivedDateTime"]) < Duration::days(2));
    let unread = |ms: &[&Value]| ms.iter().filter(|m| m["isRead"] == false).count() as f64 / ms.len().max(1) as f64;
    assert!(unread(&recent) > 0.4 && unread(&old) < 0.2, "{} {}", unread(&recent), unread(&old));

    let (lo, hi) = (a.naive_utc() - Duration::days(32), a.naive_utc() + Duration::days(62));
    for e in t.events.iter().filter(|e| {
        e["type"] == "singleInstance"
            && e["_calendarId"] != t.calendars.iter().find(|c| c["name"] == "United States holidays").unwrap()["id"]
    }) {
        let (start, end) = (wall(&e["start"]), wall(&e["end"]));
        assert!(start >= lo && start <= hi, "{}", e["subject"]);
        assert!(end > start);
        assert_eq!(e["start"]["timeZone"], e["originalStartTimeZone"]);
        assert!(super::calendar::ZONES.contains(&s(e, "originalStartTimeZone")));
        if e["isAllDay"] == true {
            assert_eq!(start.time(), chrono::NaiveTime::MIN);
            assert_eq!(end.time(), chrono::NaiveTime::MIN);
        }
    }
    let zones: BTreeSet<&str> = t.events.iter().map(|e| s(e, "originalStartTimeZone")).collect();
    assert!(zones.len() >= 5, "{zones:?}");
    let overdue = t
        .todo_tasks
        .iter()
        .filter(|x| x["status"] != "completed" && x.get("dueDateTime").is_some_and(|d| wall(d) < a.naive_utc()));
    assert!(overdue.count() >= 2);
    for item in t.drive_items.iter() {
        assert!(
            time(&item["lastModifiedDateTime"]) <= a
                && time(&item["createdDateTime"]) <= time(&item["lastModifiedDateTime"])
        );
    }
}

#[test]
fn recurring_series_follow_graph_rules() {
    let t = shared();
    let masters: Vec<&Value> = t.events.iter().filter(|e| e["type"] == "seriesMaster").collect();
    let kinds: BTreeSet<&str> = masters.iter().map(|e| s(&e["recurrence"]["pattern"], "type")).collect();
    for k in ["weekly", "relativeMonthly", "daily", "absoluteYearly"] {
        assert!(kinds.contains(k), "{kinds:?}");
    }
    for e in &masters {
        let range = &e["recurrence"]["range"];
        assert_eq!(s(range, "startDate"), &s(&e["start"], "dateTime")[..10], "{}", e["subject"]);
        if range["type"] == "numbered" {
            assert!(range["numberOfOccurrences"].as_u64().unwrap() > 0);
        }
        assert!(e["seriesMasterId"].is_null());
    }
    let standup = masters.iter().find(|e| e["subject"] == "Daily stand-up").unwrap();
    assert_eq!(standup["recurrence"]["pattern"]["daysOfWeek"].as_array().unwrap().len(), 5);
    let birthday = masters.iter().find(|e| e["recurrence"]["pattern"]["type"] == "absoluteYearly").unwrap();
    assert_eq!(birthday["isAllDay"], true);
}

#[test]
fn hostile_and_awkward_samples_are_present() {
    let t = shared();
    let all = messages(t);
    let attack = all.iter().find(|m| s(m, "subject").contains("\u{1b}]0;pwned\u{7}")).unwrap();
    assert!(s(attack, "subject").contains("\u{1b}[2J"));
    assert!(s(&attack["body"], "content").contains("\u{1b}[2J"));
    assert!(s(attack, "bodyPreview").contains('\u{1b}'));
    let dotfile = t.attachments.values().flatten().find(|a| a["name"] == "../../.bashrc").unwrap();
    assert_eq!(dotfile["isInline"], false);
    let inline = t.attachments.values().flatten().find(|a| a["isInline"] == true).unwrap();
    let cid = s(&inline, "contentId");
    let carrier = all.iter().find(|m| s(&m["body"], "content").contains(&format!("cid:{cid}"))).unwrap();
    assert_eq!(carrier["hasAttachments"], false);
    for a in t.attachments.values().flatten() {
        let bytes = base64::engine::general_purpose::STANDARD.decode(s(&a, "contentBytes")).unwrap();
        assert_eq!(a["size"], bytes.len() as u64);
    }
    let names: Vec<&str> = t.drive_items.iter().map(|i| s(i, "name")).collect();
    assert!(names.iter().any(|n| n.chars().any(char::is_control)));
    assert!(names.iter().any(|n| n.contains("日本語")));
    let scripts =
        [('\u{0600}', '\u{06FF}'), ('\u{0590}', '\u{05FF}'), ('\u{3040}', '\u{30FF}'), ('\u{4E00}', '\u{9FFF}')];
    for (lo, hi) in scripts {
        assert!(all.iter().any(|m| s(m, "bodyPreview").chars().any(|c| (lo..=hi).contains(&c))), "{lo:?}");
    }
    assert!(all.iter().any(|m| s(&m["body"], "content").contains("dir=\"rtl\"")));
}

#[test]
fn a_new_tenant_has_hashed_nothing() {
    // File hashes are computed when a response first shows them (drive::tree::render), so a
    // tenant starts without reading the tens of megabytes its drive could produce.
    assert!(small(5).drive_hashes.is_empty());
}

#[test]
fn a_new_tenant_keeps_its_events_files_and_contacts_as_text() {
    // Parsed, a demo tenant's 170 events, 455 drive items and 200 contacts took about 7 MB for
    // about 1.2 MB of JSON text; a run reads few of them (issue 12: the demo under 40 MB).
    let t = small(5);
    assert_eq!(t.events.unread_packed(), t.events.len());
    assert_eq!(t.contacts.unread_packed(), t.contacts.len());
    // Sharing a few files reads them and their folders (through the index, not a scan).
    assert!(t.drive_items.unread_packed() + 20 >= t.drive_items.len(), "{}", t.drive_items.unread_packed());
    assert!(t.events.len() > 100 && t.drive_items.len() > 100 && t.contacts.len() > 100);
}
