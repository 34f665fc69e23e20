//! A large drive folder: a page of its children finds and draws only the page, and the
//! `$skiptoken` cursor goes on where it left off when items come and go between pages.
use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use crate::seed::{SeedOptions, generate};
use crate::server::testing::{get, state_with};
use crate::store::{Content, Tenant};

const ROOT: &str = "/graph/v1.0";
const ORIGIN: &str = "http://127.0.0.1:9";

fn file(tenant: &mut Tenant, parent: &str, name: &str) -> String {
    let id = tenant.mint_id("big");
    tenant.drive_items.insert(json!({
        "id": id, "name": name, "size": 3, "file": {"mimeType": "text/plain", "hashes": {}},
        "parentReference": {"id": parent}
    }));
    tenant.drive_content.insert(id.clone(), Content::Bytes(b"abc".to_vec()));
    id
}

fn names(body: &Value) -> Vec<String> {
    body["value"].as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_big_folder_pages_by_cursor_drawing_only_the_page() {
    let anchor = Utc.with_ymd_and_hms(2025, 3, 12, 15, 30, 0).unwrap();
    let mut tenant = generate(&SeedOptions { seed: 4, messages: 10, anchor });
    let root = crate::drive::tree::root(&tenant, "").unwrap()["id"].as_str().unwrap().to_owned();
    let big = tenant.mint_id("big");
    tenant.drive_items.insert(json!({"id": big, "name": "Big", "folder": {}, "parentReference": {"id": root}}));
    for i in 0..3000 {
        file(&mut tenant, &big, &format!("file {i:05}.txt"));
    }
    let state = state_with(tenant, ORIGIN);
    let hashed = |state: &crate::SharedState| state.read_tenant().drive_hashes.len();

    let first = get(&state, &format!("{ROOT}/me/drive/items/{big}/children?$count=true")).await.json();
    assert_eq!(names(&first).len(), 200, "OneDrive's default page");
    assert_eq!(first["@odata.count"], 3000);
    assert_eq!(hashed(&state), 200, "only the page's files were drawn (and hashed)");

    // Walk on at 500 a page; between pages, one file arrives before the cursor, one after it,
    // and one not yet listed goes.
    let mut seen: Vec<String> = Vec::new();
    let mut url = format!("{ROOT}/me/drive/items/{big}/children?$top=500");
    let mut pages = 0;
    loop {
        let body = get(&state, &url).await.json();
        seen.extend(names(&body));
        pages += 1;
        if pages == 2 {
            let mut tenant = state.write_tenant();
            file(&mut tenant, &big, "file 00000a.txt");
            file(&mut tenant, &big, "file 99999.txt");
            let gone =
                tenant.drive_items.child_named(&big, "file 02999.txt").unwrap()["id"].as_str().unwrap().to_owned();
            tenant.drive_items.remove(&gone);
        }
        let Some(next) = body["@odata.nextLink"].as_str() else { break };
        assert!(next.contains("$skiptoken=") && next.contains("$top=500"), "{next}");
        url = next.strip_prefix(ORIGIN).unwrap().to_owned();
    }
    assert_eq!(pages, 6);
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no child twice");
    assert!(seen.contains(&"file 99999.txt".to_owned()) && !seen.contains(&"file 00000a.txt".to_owned()));
    assert!(!seen.contains(&"file 02999.txt".to_owned()));
    assert_eq!(seen.len(), 3000);
    let mut sorted = seen.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(seen, sorted, "name order");

    let forged = get(&state, &format!("{ROOT}/me/drive/items/{big}/children?$skiptoken=bm90LWEtdG9rZW4")).await;
    assert_eq!(forged.status, 400);
}
