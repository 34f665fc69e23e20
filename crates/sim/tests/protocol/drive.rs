//! The simulated OneDrive over HTTP: addressing by id, path (spaces, unicode) and special
//! folder, children paging with `$skiptoken`, search, and 302 downloads with Range.
use crate::harness;

use harness::{TestSim, assert_graph_error, body_of};
use o365_sim::store::Content;
use serde_json::{Value, json};

const DRIVE: &str = "b!drive1";
const TEXT: &[u8] = b"hello world, from the sim\n";
const BIG: u64 = 5_000_000;

fn folder(id: &str, name: &str, parent: Option<&str>) -> Value {
    let mut item = json!({
        "id": id, "name": name, "folder": {"childCount": 0}, "size": 0,
        "createdDateTime": "2024-01-08T12:00:00Z", "lastModifiedDateTime": "2024-05-01T15:20:45Z",
    });
    match parent {
        Some(p) => item["parentReference"] = json!({"driveId": DRIVE, "driveType": "business", "id": p}),
        None => item["root"] = json!({}),
    }
    item
}

fn file(id: &str, name: &str, parent: &str, size: u64, mime: &str) -> Value {
    json!({
        "id": id, "name": name, "size": size,
        "file": {"mimeType": mime, "hashes": {"quickXorHash": "x"}},
        "createdDateTime": "2024-01-08T12:00:00Z", "lastModifiedDateTime": "2024-05-01T15:20:45Z",
        "parentReference": {"driveId": DRIVE, "driveType": "business", "id": parent},
    })
}

async fn sim() -> TestSim {
    let mut t = harness::tenant();
    t.drive = json!({"id": DRIVE, "driveType": "business", "quota": {"total": 1_000_000_000u64, "used": 5_000_026}});
    t.drive_items.insert(folder("ROOT", "root", None));
    let mut docs = folder("DOCS", "Documents", Some("ROOT"));
    docs["specialFolder"] = json!({"name": "documents"});
    t.drive_items.insert(docs);
    t.drive_items.insert(folder("SPACE", "My Files", Some("ROOT")));
    t.drive_items.insert(folder("MANY", "Many", Some("ROOT")));
    t.drive_items.insert(file("UNI", "Café ünïcode.txt", "SPACE", TEXT.len() as u64, "text/plain"));
    t.drive_content.insert("UNI".into(), Content::Bytes(TEXT.to_vec()));
    t.drive_items.insert(file("BIG", "big.log", "DOCS", BIG, "text/x-log"));
    t.drive_content.insert("BIG".into(), Content::Generated { seed: 7, len: BIG });
    t.drive_items.insert(file("QUOTE", "it's here.txt", "DOCS", 3, "text/plain"));
    t.drive_content.insert("QUOTE".into(), Content::Bytes(b"abc".to_vec()));
    for i in 0..250u64 {
        t.drive_items.insert(file(&format!("F{i:03}"), &format!("f{i:03}.txt"), "MANY", i, "text/plain"));
    }
    harness::start(t).await
}

fn names(items: &[Value]) -> Vec<&str> {
    items.iter().map(|i| i["name"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn root_children_carry_computed_child_counts() {
    let sim = sim().await;
    let (_, drive) = sim.get("/me/drive").await;
    assert_eq!(drive["id"], DRIVE);
    let (status, root) = sim.get("/me/drive/root").await;
    assert_eq!(status, 200, "{root}");
    assert_eq!(root["folder"]["childCount"], 3);
    let (_, body) = sim.get("/me/drive/root/children").await;
    let items = body["value"].as_array().unwrap();
    assert_eq!(names(items), vec!["Documents", "Many", "My Files"]);
    assert_eq!(items[0]["folder"]["childCount"], 2);
    assert_eq!(items[1]["folder"]["childCount"], 250);
    assert_eq!(items[2]["parentReference"]["path"], "/drive/root:");
    let (_, by_drive_id) = sim.get(&format!("/drives/{DRIVE}/root/children")).await;
    assert_eq!(by_drive_id["value"], body["value"]);
    let (status, body) = sim.get("/drives/other-drive/root").await;
    assert_graph_error(status, &body, 404, "itemNotFound");
}

#[tokio::test]
async fn path_addressing_with_spaces_and_unicode() {
    let sim = sim().await;
    let encoded = "/me/drive/root:/My%20Files/Caf%C3%A9%20%C3%BCn%C3%AFcode.txt";
    let (status, item) = sim.get(encoded).await;
    assert_eq!(status, 200, "{item}");
    assert_eq!(item["id"], "UNI");
    assert_eq!(item["parentReference"]["path"], "/drive/root:/My Files");
    assert!(item["@microsoft.graph.downloadUrl"].as_str().unwrap().starts_with(&format!("{}/download/", sim.origin)));
    let (_, with_colon) = sim.get(&format!("{encoded}:")).await;
    assert_eq!(with_colon["id"], "UNI");
    let (_, case_folded) = sim.get("/me/drive/root:/my%20files/CAF%C3%89%20%C3%9CN%C3%8FCODE.TXT").await;
    assert_eq!(case_folded["id"], "UNI");
    let (_, children) = sim.get("/me/drive/root:/My%20Files:/children").await;
    assert_eq!(names(children["value"].as_array().unwrap()), vec!["Café ünïcode.txt"]);
    let (_, relative) = sim.get("/me/drive/items/SPACE:/Caf%C3%A9%20%C3%BCn%C3%AFcode.txt:").await;
    assert_eq!(relative["id"], "UNI");
    let (status, body) = sim.get("/me/drive/root:/My%20Files/nope.txt").await;
    assert_graph_error(status, &body, 404, "itemNotFound");
    let (status, body) = sim.get("/me/drive/items/NOPE").await;
    assert_graph_error(status, &body, 404, "itemNotFound");
}

#[tokio::test]
async fn content_redirects_to_a_download_url_that_needs_no_token() {
    let sim = sim().await;
    let response = sim.client.get(sim.url("/me/drive/items/UNI/content")).bearer_auth("t").send().await.unwrap();
    assert_eq!(response.status().as_u16(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("{}/download/", sim.origin)));
    let download = sim.client.get(&location).send().await.unwrap();
    assert_eq!(download.status().as_u16(), 200);
    assert_eq!(download.headers()["content-type"], "text/plain");
    assert_eq!(download.headers()["content-length"], TEXT.len().to_string().as_str());
    assert_eq!(download.bytes().await.unwrap().as_ref(), TEXT);
    let ranged = sim.client.get(&location).header("Range", "bytes=6-10").send().await.unwrap();
    assert_eq!(ranged.status().as_u16(), 206);
    assert_eq!(ranged.headers()["content-range"], format!("bytes 6-10/{}", TEXT.len()).as_str());
    assert_eq!(ranged.bytes().await.unwrap().as_ref(), b"world");
    let beyond = sim.client.get(&location).header("Range", "bytes=100-").send().await.unwrap();
    assert_eq!(beyond.status().as_u16(), 416);
    assert_eq!(beyond.headers()["content-range"], format!("bytes */{}", TEXT.len()).as_str());
    // Path addressing reaches the same file; a tampered URL is refused.
    let by_path = sim
        .client
        .get(sim.url("/me/drive/root:/My%20Files/Caf%C3%A9%20%C3%BCn%C3%AFcode.txt:/content"))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    assert_eq!(by_path.status().as_u16(), 302);
    let tampered = format!("{}x", location.trim_end_matches(|c: char| c != '.'));
    let (status, _) = body_of(sim.client.get(tampered).send().await.unwrap()).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn folders_have_no_content() {
    let sim = sim().await;
    let (status, body) = sim.get("/me/drive/items/DOCS/content").await;
    assert_graph_error(status, &body, 404, "itemNotFound");
}

#[tokio::test]
async fn large_generated_files_download_whole_and_in_ranges() {
    let sim = sim().await;
    let (_, item) = sim.get("/me/drive/items/BIG").await;
    let url = item["@microsoft.graph.downloadUrl"].as_str().unwrap().to_owned();
    let expected = Content::Generated { seed: 7, len: BIG };
    let whole = sim.client.get(&url).send().await.unwrap();
    assert_eq!(whole.headers()["content-type"], "text/x-log");
    let bytes = whole.bytes().await.unwrap();
    assert_eq!(bytes.len() as u64, BIG);
    assert_eq!(&bytes[4_000_000..4_100_000], expected.read_range(4_000_000, 4_100_000).as_slice());
    let tail = sim.client.get(&url).header("Range", "bytes=-1000").send().await.unwrap();
    assert_eq!(tail.status().as_u16(), 206);
    assert_eq!(tail.headers()["content-range"], format!("bytes {}-{}/{BIG}", BIG - 1000, BIG - 1).as_str());
    assert_eq!(tail.bytes().await.unwrap().as_ref(), expected.read_range(BIG - 1000, BIG).as_slice());
}

#[tokio::test]
async fn children_page_with_skiptoken() {
    let sim = sim().await;
    let (status, first) = sim.get("/me/drive/items/MANY/children").await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["value"].as_array().unwrap().len(), 200);
    assert!(first["@odata.nextLink"].as_str().unwrap().contains("skiptoken"));
    let (all, pages) = sim.get_all("/me/drive/items/MANY/children").await;
    assert_eq!((all.len(), pages), (250, 2));
    let (all, pages) = sim.get_all("/me/drive/items/MANY/children?$top=100").await;
    assert_eq!((all.len(), pages), (250, 3));
    let expected: Vec<String> = (0..250).map(|i| format!("f{i:03}.txt")).collect();
    assert_eq!(names(&all), expected.iter().map(String::as_str).collect::<Vec<_>>());
}

#[tokio::test]
async fn order_select_and_expand() {
    let sim = sim().await;
    let (_, body) = sim.get("/me/drive/items/MANY/children?$orderby=size%20desc&$top=3&$select=name,size").await;
    let items = body["value"].as_array().unwrap();
    assert_eq!(names(items), vec!["f249.txt", "f248.txt", "f247.txt"]);
    assert!(items[0].get("lastModifiedDateTime").is_none());
    let (_, folder) = sim.get("/me/drive/items/SPACE?$expand=children").await;
    assert_eq!(names(folder["children"].as_array().unwrap()), vec!["Café ünïcode.txt"]);
}

#[tokio::test]
async fn special_folders_and_search() {
    let sim = sim().await;
    let (_, docs) = sim.get("/me/drive/special/documents").await;
    assert_eq!(docs["id"], "DOCS");
    let (_, children) = sim.get("/me/drive/special/documents/children").await;
    assert_eq!(names(children["value"].as_array().unwrap()), vec!["big.log", "it's here.txt"]);
    let (status, body) = sim.get("/me/drive/special/music").await;
    assert_graph_error(status, &body, 404, "itemNotFound");
    let (status, found) = sim.get("/me/drive/root/search(q='it''s')").await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(names(found["value"].as_array().unwrap()), vec!["it's here.txt"]);
    let (_, found) = sim.get("/me/drive/items/SPACE/search(q='caf%C3%A9')").await;
    assert_eq!(names(found["value"].as_array().unwrap()), vec!["Café ünïcode.txt"]);
    let (status, body) = sim.get("/me/drive/root/bogus").await;
    assert_eq!(status, 400, "{body}");
}
