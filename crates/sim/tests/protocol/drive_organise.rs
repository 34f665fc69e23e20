//! The simulated OneDrive organising and sharing as OneDrive does: copy through a monitor URL
//! that completes after a poll, sharing links and permissions, the recycle bin, quickXorHash.
//! (Sites by path and the transfer fault knobs are met through the client: tests/client/drive_files.rs.)
use crate::harness;

use harness::{TestSim, assert_graph_error, body_of};
use reqwest::Method;
use serde_json::{Value, json};

async fn sim() -> TestSim {
    let mut t = harness::tenant();
    t.drive = json!({"id": "b!d", "driveType": "business", "owner": {"user": {"displayName": "Owner"}}});
    t.drive_items.insert(json!({"id": "ROOT", "name": "root", "root": {}, "folder": {"childCount": 0}}));
    t.drive_items
        .insert(json!({"id": "A", "name": "Alpha", "folder": {"childCount": 0}, "parentReference": {"id": "ROOT"}}));
    t.drive_items
        .insert(json!({"id": "B", "name": "Beta", "folder": {"childCount": 0}, "parentReference": {"id": "ROOT"}}));
    harness::start(t).await
}

async fn upload(sim: &TestSim, path: &str, bytes: &'static [u8]) -> Value {
    let answer = sim.client.put(sim.url(path)).bearer_auth("t").body(bytes).send().await.unwrap();
    let (status, body) = body_of(answer).await;
    assert_eq!(status, 201, "{body}");
    body
}

#[tokio::test]
async fn copy_completes_through_its_monitor_and_copies_the_subtree() {
    let sim = sim().await;
    let file = upload(&sim, "/me/drive/root:/Alpha/a.txt:/content", b"alpha bytes").await;
    assert_eq!(file["parentReference"]["path"], "/drive/root:/Alpha");
    let body = json!({"parentReference": {"driveId": "b!d", "id": "B"}, "name": "Alpha copy"});
    let answer = sim.client.post(sim.url("/me/drive/items/A/copy")).bearer_auth("t").json(&body).send().await.unwrap();
    assert_eq!(answer.status(), 202);
    let monitor = answer.headers()["location"].to_str().unwrap().to_owned();
    assert!(monitor.starts_with(&sim.origin) && !monitor.contains("/graph/"), "{monitor}");
    // Nothing yet: the copy appears when the job is done.
    assert_eq!(sim.get("/me/drive/root:/Beta/Alpha%20copy").await.0, 404);
    let first: Value = sim.client.get(&monitor).send().await.unwrap().json().await.unwrap();
    assert_eq!(first["status"], "inProgress");
    let done = sim.client.get(&monitor).send().await.unwrap();
    assert_eq!(done.status(), 200);
    let done: Value = done.json().await.unwrap();
    assert_eq!(done["status"], "completed");
    let (status, copy) = sim.get("/me/drive/root:/Beta/Alpha%20copy/a.txt").await;
    assert_eq!(status, 200, "{copy}");
    assert_ne!(copy["id"], file["id"]);
    assert_eq!(copy["file"]["hashes"]["quickXorHash"], file["file"]["hashes"]["quickXorHash"]);
    let url = copy["@microsoft.graph.downloadUrl"].as_str().unwrap();
    assert_eq!(sim.client.get(url).send().await.unwrap().bytes().await.unwrap().as_ref(), b"alpha bytes");
    let (_, copied) = sim.get(&format!("/me/drive/items/{}", done["resourceId"].as_str().unwrap())).await;
    assert_eq!(copied["name"], "Alpha copy");
    // The original stays; a second copy under the same name fails at once.
    assert_eq!(sim.get("/me/drive/root:/Alpha/a.txt").await.0, 200);
    let (status, error) = sim.send(Method::POST, "/me/drive/items/A/copy", Some(body)).await;
    assert_graph_error(status, &error, 409, "nameAlreadyExists");
}

#[tokio::test]
async fn links_and_permissions() {
    let sim = sim().await;
    let file = upload(&sim, "/me/drive/root:/Alpha/report.pdf:/content", b"%PDF").await;
    let id = file["id"].as_str().unwrap();
    let create = format!("/me/drive/items/{id}/createLink");
    let link = |body: Value| sim.send(Method::POST, &create, Some(body));
    let (status, view) = link(json!({"type": "view", "scope": "organization"})).await;
    assert_eq!(status, 201, "{view}");
    assert_eq!((view["link"]["type"].as_str(), view["roles"][0].as_str()), (Some("view"), Some("read")));
    let (status, again) = link(json!({"type": "view", "scope": "organization"})).await;
    assert_eq!((status, &again["id"]), (200, &view["id"]), "the existing link comes back");
    let (status, edit) =
        link(json!({"type": "edit", "scope": "anonymous", "password": "s3cret", "expirationDateTime": "2099-01-01T00:00:00Z"}))
            .await;
    assert_eq!(status, 201, "{edit}");
    assert_eq!((edit["hasPassword"].as_bool(), edit["roles"][0].as_str()), (Some(true), Some("write")));
    let (status, error) = link(json!({"type": "view", "scope": "organization", "password": "x"})).await;
    assert_graph_error(status, &error, 400, "invalidRequest");
    let (status, error) = link(json!({"type": "embed"})).await;
    assert_graph_error(status, &error, 400, "invalidRequest");
    let (_, list) = sim.get(&format!("/me/drive/items/{id}/permissions")).await;
    let roles: Vec<&str> = list["value"].as_array().unwrap().iter().map(|p| p["roles"][0].as_str().unwrap()).collect();
    assert_eq!(roles, ["owner", "read", "write"]);
    let view_id = view["id"].as_str().unwrap();
    let (status, _) = sim.send(Method::DELETE, &format!("/me/drive/items/{id}/permissions/{view_id}"), None).await;
    assert_eq!(status, 204);
    let (status, error) = sim.send(Method::DELETE, &format!("/me/drive/items/{id}/permissions/owner"), None).await;
    assert_graph_error(status, &error, 403, "accessDenied");
    let (_, list) = sim.get(&format!("/me/drive/items/{id}/permissions")).await;
    assert_eq!(list["value"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn delete_goes_to_the_recycle_bin_and_permanent_delete_does_not() {
    let sim = sim().await;
    upload(&sim, "/me/drive/root:/Alpha/a.txt:/content", b"a").await;
    upload(&sim, "/me/drive/root:/Beta/b.txt:/content", b"b").await;
    let (status, _) = sim.send(Method::DELETE, "/me/drive/root:/Alpha/a.txt", None).await;
    assert_eq!(status, 204);
    let (status, _) = sim.send(Method::POST, "/me/drive/root:/Beta/b.txt:/permanentDelete", None).await;
    assert_eq!(status, 204);
    assert_eq!(sim.get("/me/drive/root:/Alpha/a.txt").await.0, 404);
    assert_eq!(sim.get("/me/drive/root:/Beta/b.txt").await.0, 404);
    let bin: Vec<String> = sim.state.read_tenant().drive_recycle_bin.iter().map(|i| i["name"].to_string()).collect();
    assert_eq!(bin, ["\"a.txt\""]);
}
