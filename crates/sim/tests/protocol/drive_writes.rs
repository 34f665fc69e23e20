//! Writes to the simulated OneDrive: folders, simple uploads by path, rename and move,
//! delete, and the conflict and validation errors OneDrive gives.
use crate::harness;

use harness::{TestSim, assert_graph_error, body_of};
use reqwest::Method;
use serde_json::{Value, json};

async fn sim() -> TestSim {
    let mut t = harness::tenant();
    t.drive = json!({"id": "b!d", "driveType": "business"});
    t.drive_items.insert(json!({"id": "ROOT", "name": "root", "root": {}, "folder": {"childCount": 0}}));
    t.drive_items
        .insert(json!({"id": "A", "name": "Alpha", "folder": {"childCount": 0}, "parentReference": {"id": "ROOT"}}));
    t.drive_items
        .insert(json!({"id": "B", "name": "Beta", "folder": {"childCount": 0}, "parentReference": {"id": "A"}}));
    harness::start(t).await
}

async fn put(sim: &TestSim, path: &str, bytes: &'static [u8]) -> (u16, Value) {
    body_of(sim.client.put(sim.url(path)).bearer_auth("t").body(bytes).send().await.unwrap()).await
}

#[tokio::test]
async fn upload_by_path_then_replace_then_download() {
    let sim = sim().await;
    let (status, created) = put(&sim, "/me/drive/root:/Alpha/notes%20%C3%A9t%C3%A9.txt:/content", b"first").await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["name"], "notes été.txt");
    assert_eq!(created["size"], 5);
    assert_eq!(created["file"]["mimeType"], "text/plain");
    assert_eq!(created["parentReference"]["path"], "/drive/root:/Alpha");
    let id = created["id"].as_str().unwrap().to_owned();
    let (status, replaced) = put(&sim, &format!("/me/drive/items/{id}/content"), b"second!").await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(replaced["size"], 7);
    assert_ne!(replaced["eTag"], created["eTag"]);
    let url = replaced["@microsoft.graph.downloadUrl"].as_str().unwrap();
    assert_eq!(sim.client.get(url).send().await.unwrap().bytes().await.unwrap().as_ref(), b"second!");
    let (status, body) = put(
        &sim,
        "/me/drive/root:/Alpha/notes%20%C3%A9t%C3%A9.txt:/content?@microsoft.graph.conflictBehavior=fail",
        b"x",
    )
    .await;
    assert_graph_error(status, &body, 409, "nameAlreadyExists");
    let (status, renamed) = put(
        &sim,
        "/me/drive/root:/Alpha/notes%20%C3%A9t%C3%A9.txt:/content?@microsoft.graph.conflictBehavior=rename",
        b"x",
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(renamed["name"], "notes été 1.txt");
    let (status, body) = put(&sim, "/me/drive/root:/Nowhere/x.txt:/content", b"x").await;
    assert_graph_error(status, &body, 404, "itemNotFound");
    let (_, alpha) = sim.get("/me/drive/items/A").await;
    assert_eq!(alpha["folder"]["childCount"], 3);
}

#[tokio::test]
async fn folders_rename_move_delete() {
    let sim = sim().await;
    let body = json!({"name": "Gamma", "folder": {}, "@microsoft.graph.conflictBehavior": "fail"});
    let (status, gamma) = sim.send(Method::POST, "/me/drive/root/children", Some(body.clone())).await;
    assert_eq!(status, 201, "{gamma}");
    assert_eq!(gamma["folder"]["childCount"], 0);
    let (status, error) = sim.send(Method::POST, "/me/drive/root/children", Some(body)).await;
    assert_graph_error(status, &error, 409, "nameAlreadyExists");
    let (status, error) =
        sim.send(Method::POST, "/me/drive/root/children", Some(json!({"name": "a:b", "folder": {}}))).await;
    assert_graph_error(status, &error, 400, "invalidRequest");
    let gamma_id = gamma["id"].as_str().unwrap().to_owned();

    // Move Beta from Alpha into Gamma and rename it.
    let (status, moved) = sim
        .send(Method::PATCH, "/me/drive/items/B", Some(json!({"name": "Beta 2", "parentReference": {"id": gamma_id}})))
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["parentReference"]["path"], "/drive/root:/Gamma");
    let (_, found) = sim.get("/me/drive/root:/Gamma/Beta%202").await;
    assert_eq!(found["id"], "B");
    // A folder cannot go below itself.
    let (status, error) = sim
        .send(Method::PATCH, &format!("/me/drive/items/{gamma_id}"), Some(json!({"parentReference": {"id": "B"}})))
        .await;
    assert_graph_error(status, &error, 400, "invalidRequest");

    let (status, _) = sim.send(Method::DELETE, &format!("/me/drive/items/{gamma_id}"), None).await;
    assert_eq!(status, 204);
    let (status, error) = sim.get("/me/drive/items/B").await;
    assert_graph_error(status, &error, 404, "itemNotFound");
    let (status, error) = sim.send(Method::DELETE, "/me/drive/root", None).await;
    assert_graph_error(status, &error, 403, "accessDenied");
    let (_, root) = sim.get("/me/drive/root").await;
    assert_eq!(root["folder"]["childCount"], 1);
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

async fn put_fragment(sim: &TestSim, url: &str, data: &[u8], start: usize, end: usize, total: usize) -> (u16, Value) {
    let response = sim
        .client
        .put(url)
        .header("Content-Range", format!("bytes {start}-{}/{total}", end - 1))
        .body(data[start..end].to_vec())
        .send()
        .await
        .unwrap();
    body_of(response).await
}

#[tokio::test]
async fn upload_session_in_fragments_then_download() {
    let sim = sim().await;
    let total = 700_000;
    let data = pattern(total);
    let (status, session) = sim
        .send(
            Method::POST,
            "/me/drive/root:/Alpha/big.bin:/createUploadSession",
            Some(json!({"item": {"@microsoft.graph.conflictBehavior": "rename"}})),
        )
        .await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["nextExpectedRanges"], json!(["0-"]));
    let url = session["uploadUrl"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!("{}/upload/", sim.origin)));

    let (status, progress) = put_fragment(&sim, &url, &data, 0, 327_680, total).await;
    assert_eq!(status, 202, "{progress}");
    assert_eq!(progress["nextExpectedRanges"], json!(["327680-"]));
    let (status, body) = put_fragment(&sim, &url, &data, 0, 327_680, total).await;
    assert_graph_error(status, &body, 416, "invalidRange");
    let (status, body) = put_fragment(&sim, &url, &data, 327_680, 427_680, total).await;
    assert_graph_error(status, &body, 400, "invalidRequest");
    let (status, progress) = body_of(sim.client.get(&url).send().await.unwrap()).await;
    assert_eq!((status, progress["nextExpectedRanges"].clone()), (200, json!(["327680-"])));

    let (status, item) = put_fragment(&sim, &url, &data, 327_680, total, total).await;
    assert_eq!(status, 201, "{item}");
    assert_eq!(item["name"], "big.bin");
    assert_eq!(item["size"], total);
    let download = item["@microsoft.graph.downloadUrl"].as_str().unwrap();
    assert_eq!(sim.client.get(download).send().await.unwrap().bytes().await.unwrap().as_ref(), data.as_slice());
    let (status, body) = body_of(sim.client.get(&url).send().await.unwrap()).await;
    assert_graph_error(status, &body, 404, "itemNotFound");

    // The same name again with conflictBehavior fail is refused when the upload completes.
    let (_, session) = sim
        .send(
            Method::POST,
            "/me/drive/root:/Alpha/big.bin:/createUploadSession",
            Some(json!({"item": {"@microsoft.graph.conflictBehavior": "fail"}})),
        )
        .await;
    let url = session["uploadUrl"].as_str().unwrap().to_owned();
    let (status, body) = put_fragment(&sim, &url, &data, 0, 10, 10).await;
    assert_graph_error(status, &body, 409, "upload_name_conflict");

    // A cancelled session is gone.
    let (_, session) = sim.send(Method::POST, "/me/drive/items/A:/other.bin:/createUploadSession", None).await;
    let url = session["uploadUrl"].as_str().unwrap().to_owned();
    let (status, _) = body_of(sim.client.delete(&url).send().await.unwrap()).await;
    assert_eq!(status, 204);
    let (status, body) = put_fragment(&sim, &url, &data, 0, 10, 10).await;
    assert_graph_error(status, &body, 404, "itemNotFound");
    let (status, body) = sim.send(Method::POST, "/me/drive/root:/Nowhere/x.bin:/createUploadSession", None).await;
    assert_graph_error(status, &body, 404, "itemNotFound");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02X}")).collect()
}

#[tokio::test]
async fn hashes_follow_the_bytes_and_tenants_keep_their_own_sessions_and_urls() {
    let (a, b) = (sim().await, sim().await);
    let (_, created) = put(&a, "/me/drive/root:/Alpha/h.txt:/content", b"first").await;
    assert_eq!(created["file"]["hashes"]["sha256Hash"], sha256_hex(b"first"));
    let id = created["id"].as_str().unwrap().to_owned();
    let (_, replaced) = put(&a, &format!("/me/drive/items/{id}/content"), b"second!").await;
    assert_eq!(replaced["file"]["hashes"]["sha256Hash"], sha256_hex(b"second!"));
    let (_, listed) = a.get("/me/drive/items/A/children").await;
    let listed = listed["value"].as_array().unwrap().iter().find(|i| i["id"] == id.as_str()).unwrap().clone();
    assert_eq!(listed["file"]["hashes"]["sha256Hash"], sha256_hex(b"second!"));

    // Another tenant in the same process knows neither this upload session nor this download URL.
    let (_, session) = a.send(Method::POST, "/me/drive/root:/Alpha/s.bin:/createUploadSession", None).await;
    let upload = session["uploadUrl"].as_str().unwrap().replace(&a.origin, &b.origin);
    let (status, body) = body_of(b.client.get(&upload).send().await.unwrap()).await;
    assert_graph_error(status, &body, 404, "itemNotFound");
    // b holds an item of the same id (ids are minted alike), so only the key can tell them apart.
    let (_, twin) = put(&b, "/me/drive/root:/Alpha/h.txt:/content", b"first").await;
    assert_eq!(twin["id"], id.as_str());
    let download = replaced["@microsoft.graph.downloadUrl"].as_str().unwrap().replace(&a.origin, &b.origin);
    let (status, body) = body_of(b.client.get(&download).send().await.unwrap()).await;
    assert_graph_error(status, &body, 401, "unauthenticated");
}
