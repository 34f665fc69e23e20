//! The listing engine against the plain definition (test every message, sort, slice) on a
//! seeded mailbox that has also been written to: every page, count and next offset must agree
//! whichever fast path answers.
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use crate::mail::listing::{SEARCH_FIELDS, SEARCH_LIMIT, list};
use crate::odata::QueryOptions;
use crate::odata::filter_eval::matches;
use crate::odata::filter_parse::parse_filter;
use crate::odata::search::{parse_search, search_matches};
use crate::odata::sort::OrderBy;
use crate::seed::{SeedOptions, generate};
use crate::store::Tenant;

fn tenant() -> Tenant {
    let anchor = Utc.with_ymd_and_hms(2025, 3, 12, 15, 30, 0).unwrap();
    let mut t = generate(&SeedOptions { seed: 11, messages: 400, anchor });
    let inbox = t.well_known_folders["inbox"].clone();
    let sent = t.well_known_folders["sentitems"].clone();
    // Stored messages beside the seeded ones: two received in the same second as each other,
    // one with no received time at all.
    for (i, received) in
        [json!("2025-03-01T10:00:00Z"), json!("2025-03-01T10:00:00Z"), Value::Null].into_iter().enumerate()
    {
        t.messages.insert(json!({
            "id": format!("stored{i}"), "parentFolderId": inbox, "receivedDateTime": received,
            "sentDateTime": received, "subject": format!("Stored pizza {i}"), "isRead": i != 0,
            "importance": "high", "from": {"emailAddress": {"name": "Zed", "address": "zed@example.com"}},
            "body": {"contentType": "text", "content": "salad"}, "flag": {"flagStatus": "flagged"}
        }));
    }
    // Writes: some seeded messages read or unread, one moved to Sent Items.
    let ids = t.messages.ids_in(&inbox);
    for (n, id) in ids.iter().enumerate().filter(|(n, _)| n % 7 == 0) {
        t.messages.update(id, |m| m["isRead"] = json!(n % 2 == 0));
    }
    let mut moved = t.messages.remove(&ids[3]).unwrap();
    moved["id"] = json!("moved");
    moved["parentFolderId"] = json!(sent);
    t.messages.insert(moved);
    t
}

fn options(query: &str) -> QueryOptions {
    QueryOptions::from_uri(&format!("/graph/v1.0/me/messages?{query}").parse().unwrap()).unwrap()
}

/// The definition: every message in scope (newest first, the order the folder keeps), tested,
/// then stably sorted as asked, a search cut at 1,000 by `sentDateTime`.
fn reference(t: &Tenant, scope: Option<&str>, o: &QueryOptions) -> Vec<Arc<str>> {
    let order = t.messages.order(scope).unwrap();
    let filter = o.filter.as_deref().map(|f| parse_filter(f).unwrap());
    let search = o.search.as_deref().map(|s| parse_search(s).unwrap());
    let mut rows: Vec<(Value, Arc<str>)> = (0..order.len())
        .map(|i| order.newest(i).unwrap().clone())
        .map(|id| (t.messages.get(&id).unwrap().into_owned(), id))
        .filter(|(m, _)| filter.as_ref().is_none_or(|f| matches(f, m)))
        .filter(|(m, _)| search.as_ref().is_none_or(|s| search_matches(s, m, SEARCH_FIELDS)))
        .collect();
    let keys = if search.is_some() { vec![("sentDateTime".to_owned(), true)] } else { o.orderby.clone() };
    if !keys.is_empty() {
        let order_by = OrderBy::new(&keys);
        rows.sort_by(|(a, _), (b, _)| order_by.compare(&order_by.keys(a), &order_by.keys(b)));
    }
    if search.is_some() {
        rows.truncate(SEARCH_LIMIT);
    }
    rows.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn every_path_agrees_with_the_definition() {
    let t = tenant();
    let inbox = t.well_known_folders["inbox"].clone();
    let queries = [
        "",
        "$orderby=receivedDateTime%20desc",
        "$orderby=receivedDateTime",
        "$filter=receivedDateTime%20ge%201970-01-01T00:00:00Z%20and%20isRead%20eq%20false&$orderby=receivedDateTime%20desc",
        "$filter=isRead%20eq%20true",
        "$filter=receivedDateTime%20ge%202025-01-01T00:00:00Z%20and%20receivedDateTime%20lt%20'2025-03-01T10:00:00Z'",
        "$filter=receivedDateTime%20le%202025-03-01T10:00:00Z&$orderby=receivedDateTime%20asc",
        "$filter=receivedDateTime%20gt%202025-03-10T00:00:00Z%20and%20isRead%20ne%20true",
        "$filter=importance%20eq%20'high'",
        "$filter=flag/flagStatus%20eq%20'flagged'",
        "$filter=hasAttachments%20eq%20true&$orderby=hasAttachments%20desc",
        "$orderby=subject,receivedDateTime%20desc",
        "$orderby=from/emailAddress/name%20desc",
        "$search=%22pizza%22",
        "$search=%22project%22",
        "$search=%22salad%22",
    ];
    for query in queries {
        let o = options(query);
        for scope in [Some(inbox.as_str()), None] {
            let want = reference(&t, scope, &o);
            let mut offsets = vec![0, 1, 7, want.len().saturating_sub(3), want.len(), want.len() + 5];
            // Pages in order, then again out of order (the kept progress must not leak).
            offsets.extend([3, 0]);
            for offset in offsets {
                for size in [1, 10, 1000] {
                    let got = list(&t.messages, scope, &o, offset, size, false).unwrap();
                    let end = (offset + size).min(want.len());
                    let expected = want.get(offset.min(want.len())..end).unwrap_or(&[]);
                    if got.ids != expected {
                        let first = got.ids.iter().zip(expected).position(|(a, b)| a != b);
                        panic!(
                            "{query} in {scope:?} at {offset}+{size}: {} ids, {} expected, first difference at {first:?}",
                            got.ids.len(),
                            expected.len()
                        );
                    }
                    assert_eq!(got.next, (end < want.len()).then_some(end), "{query} next at {offset}+{size}");
                }
            }
            let counted = list(&t.messages, scope, &o, 0, 5, true).unwrap();
            assert_eq!(counted.count, Some(want.len()), "{query} count in {scope:?}");
        }
    }
}

#[test]
fn the_order_is_newest_first_and_counts_follow_writes() {
    let mut t = tenant();
    let inbox = t.well_known_folders["inbox"].clone();
    let received = |t: &Tenant, id: &str| t.messages.get(id).unwrap()["receivedDateTime"].clone();
    let ids = t.messages.ids_in(&inbox);
    let times: Vec<String> = ids.iter().filter_map(|id| received(&t, id).as_str().map(str::to_owned)).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(ids.last().map(|id| &**id), Some("stored2"), "no time sorts oldest");
    let listed_with_folder = t.messages.iter().filter(|m| m["parentFolderId"] == inbox.as_str()).count();
    assert_eq!(ids.len(), listed_with_folder);
    let unread = |t: &Tenant| {
        t.messages.iter().filter(|m| m["parentFolderId"] == inbox.as_str() && m["isRead"] == false).count()
    };
    assert_eq!(t.messages.counts(&inbox), (ids.len(), unread(&t)));
    // Ties keep arrival order: stored0 arrived before stored1.
    let tie: Vec<&str> = ids.iter().map(|id| &**id).filter(|id| id.starts_with("stored") && *id != "stored2").collect();
    assert_eq!(tie, ["stored0", "stored1"]);

    let newest = ids[0].clone();
    t.messages.update(&newest, |m| m["isRead"] = json!(false));
    t.messages.update(&ids[5], |m| m["receivedDateTime"] = json!("2099-01-01T00:00:00Z"));
    assert_eq!(&*t.messages.ids_in(&inbox)[0], &*ids[5], "a new received time re-files the message");
    assert_eq!(t.messages.counts(&inbox).1, unread(&t));
    let projects = t.mail_folders.iter().find(|f| f["displayName"] == "Projects").unwrap()["id"].clone();
    t.messages.update(&newest, |m| m["parentFolderId"] = projects.clone());
    assert_eq!(t.messages.counts(&inbox), (ids.len() - 1, unread(&t)));
    t.messages.remove_folders(std::slice::from_ref(&inbox));
    assert_eq!(t.messages.counts(&inbox), (0, 0));
    assert!(t.messages.get(&ids[1]).is_none() && t.messages.get(&newest).is_some());
    assert_eq!(t.messages.order(None).unwrap().len(), t.messages.len());
}

#[test]
fn a_search_past_its_limit_keeps_the_newest_thousand_sent() {
    let anchor = Utc.with_ymd_and_hms(2025, 3, 12, 15, 30, 0).unwrap();
    let mut t = generate(&SeedOptions { seed: 5, messages: 3_000, anchor });
    let inbox = t.well_known_folders["inbox"].clone();
    for query in ["$search=%22e%22", "$search=%22the%22", "$search=%22from:a%22"] {
        let o = options(query);
        let want = reference(&t, Some(&inbox), &o);
        assert_eq!(want.len(), SEARCH_LIMIT, "{query} should find more than it may return");
        assert_eq!(list(&t.messages, Some(&inbox), &o, 0, 1000, false).unwrap().ids, want, "{query}");
    }
    // A message sent after it was received (a clock gone wrong) is newest by sentDateTime: the walk
    // must not stop before it.
    t.messages.insert(json!({
        "id": "late", "parentFolderId": inbox, "receivedDateTime": "2000-01-01T00:00:00Z",
        "sentDateTime": "2099-01-01T00:00:00Z", "subject": "the late one", "isRead": true
    }));
    let o = options("$search=%22the%22");
    let got = list(&t.messages, Some(&inbox), &o, 0, 1000, false).unwrap().ids;
    assert_eq!(&*got[0], "late");
    assert_eq!(got, reference(&t, Some(&inbox), &o));
}
