//! The simulated Microsoft To Do over HTTP: lists, tasks and checklist items, each created,
//! read, changed and deleted as the TUI does, with the resulting state and Graph's errors.
use crate::harness;

use harness::{TestSim, assert_graph_error};
use reqwest::Method;
use serde_json::json;

async fn sim() -> TestSim {
    let mut t = harness::tenant();
    t.todo_lists.insert(json!({"@odata.etag": "W/\"a\"", "id": "L1", "displayName": "Tasks", "isOwner": true, "isShared": false, "wellknownListName": "defaultList"}));
    t.todo_lists.insert(json!({"@odata.etag": "W/\"b\"", "id": "L2", "displayName": "Flagged email", "isOwner": true, "isShared": false, "wellknownListName": "flaggedEmails"}));
    t.todo_lists.insert(json!({"@odata.etag": "W/\"c\"", "id": "L3", "displayName": "Groceries", "isOwner": true, "isShared": false, "wellknownListName": "none"}));
    for (i, status) in ["notStarted", "completed", "inProgress", "notStarted", "completed"].iter().enumerate() {
        t.todo_tasks.insert(json!({
            "@odata.etag": "W/\"t\"", "id": format!("T{i}"), "_listId": "L1", "title": format!("Task {i}"),
            "status": status, "importance": "normal", "isReminderOn": false,
            "createdDateTime": "2024-05-01T09:03:05.8339192Z", "lastModifiedDateTime": "2024-05-01T09:03:05.8339192Z",
            "body": {"content": "", "contentType": "text"}, "categories": [],
            "checklistItems": [{"id": format!("C{i}"), "displayName": "step", "isChecked": false, "createdDateTime": "2024-05-01T09:04:00.0000000Z"}],
        }));
    }
    t.todo_tasks
        .insert(json!({"id": "G1", "_listId": "L3", "title": "Milk", "status": "notStarted", "importance": "low"}));
    harness::start(t).await
}

#[tokio::test]
async fn lists_are_created_renamed_and_deleted_but_well_known_lists_stay() {
    let sim = sim().await;
    let (_, body) = sim.get("/me/todo/lists").await;
    assert_eq!(body["value"].as_array().unwrap().len(), 3);
    let (status, created) =
        sim.send(Method::POST, "/me/todo/lists", Some(json!({"displayName": "Travel items"}))).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["wellknownListName"], "none");
    assert_eq!(created["isOwner"], true);
    assert!(created["@odata.etag"].as_str().unwrap().starts_with("W/\""));
    let id = created["id"].as_str().unwrap().to_owned();
    let (status, renamed) =
        sim.send(Method::PATCH, &format!("/me/todo/lists/{id}"), Some(json!({"displayName": "Trips"}))).await;
    assert_eq!(status, 200);
    assert_eq!(renamed["displayName"], "Trips");
    assert_ne!(renamed["@odata.etag"], created["@odata.etag"]);
    let (_, got) = sim.get(&format!("/me/todo/lists/{id}")).await;
    assert_eq!(got["displayName"], "Trips");
    let (status, _) = sim.send(Method::DELETE, &format!("/me/todo/lists/{id}"), None).await;
    assert_eq!(status, 204);
    let (status, body) = sim.get(&format!("/me/todo/lists/{id}")).await;
    assert_graph_error(status, &body, 404, "ErrorItemNotFound");
    for well_known in ["L1", "L2"] {
        let (status, body) = sim.send(Method::DELETE, &format!("/me/todo/lists/{well_known}"), None).await;
        assert_graph_error(status, &body, 400, "invalidRequest");
    }
    let (status, body) = sim.send(Method::POST, "/me/todo/lists", Some(json!({"displayName": ""}))).await;
    assert_graph_error(status, &body, 400, "invalidRequest");
    // Deleting a list takes its tasks with it.
    let (status, _) = sim.send(Method::DELETE, "/me/todo/lists/L3", None).await;
    assert_eq!(status, 204);
    assert!(sim.state.tenant.read().unwrap().todo_tasks.get("G1").is_none());
}

#[tokio::test]
async fn task_lifecycle_create_complete_uncomplete_delete() {
    let sim = sim().await;
    let (status, task) = sim
        .send(
            Method::POST,
            "/me/todo/lists/L3/tasks",
            Some(json!({"title": "Eggs", "dueDateTime": {"dateTime": "2024-05-10T00:00:00", "timeZone": "UTC"}})),
        )
        .await;
    assert_eq!(status, 201, "{task}");
    assert_eq!(task["status"], "notStarted");
    assert_eq!(task["importance"], "normal");
    assert_eq!(task["dueDateTime"]["dateTime"], "2024-05-10T00:00:00.0000000");
    assert_eq!(task["createdDateTime"], task["lastModifiedDateTime"]);
    assert!(task.get("checklistItems").is_none());
    assert!(task.get("completedDateTime").is_none());
    assert!(task.get("_listId").is_none());
    let id = task["id"].as_str().unwrap().to_owned();
    let path = format!("/me/todo/lists/L3/tasks/{id}");

    let (status, done) = sim.send(Method::PATCH, &path, Some(json!({"status": "completed"}))).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["status"], "completed");
    assert_eq!(done["completedDateTime"]["timeZone"], "UTC");
    assert!(done["lastModifiedDateTime"].as_str().unwrap() >= task["lastModifiedDateTime"].as_str().unwrap());
    assert_ne!(done["@odata.etag"], task["@odata.etag"]);

    let (_, undone) = sim.send(Method::PATCH, &path, Some(json!({"status": "inProgress", "importance": "high"}))).await;
    assert_eq!(undone["status"], "inProgress");
    assert_eq!(undone["importance"], "high");
    assert!(undone.get("completedDateTime").is_none());
    let stored = sim.state.tenant.read().unwrap().todo_tasks.get(&id).cloned().unwrap();
    assert_eq!(stored["_listId"], "L3");
    assert!(stored.get("completedDateTime").is_none());

    let (status, _) = sim.send(Method::DELETE, &path, None).await;
    assert_eq!(status, 204);
    let (status, body) = sim.get(&path).await;
    assert_graph_error(status, &body, 404, "ErrorItemNotFound");
}

#[tokio::test]
async fn task_validation_errors() {
    let sim = sim().await;
    let cases = [
        json!({"importance": "high"}),
        json!({"title": "   "}),
        json!({"title": "x", "status": "done"}),
        json!({"title": "x", "importance": "urgent"}),
        json!({"title": "x", "dueDateTime": {"dateTime": "tomorrow", "timeZone": "UTC"}}),
    ];
    for body in cases {
        let (status, error) = sim.send(Method::POST, "/me/todo/lists/L1/tasks", Some(body.clone())).await;
        assert_graph_error(status, &error, 400, "invalidRequest");
    }
    let (status, error) =
        sim.send(Method::POST, "/me/todo/lists/L1/tasks", Some(json!({"title": "x", "colour": "red"}))).await;
    assert_graph_error(status, &error, 400, "BadRequest");
    let (status, error) = sim.send(Method::PATCH, "/me/todo/lists/L1/tasks/T0", Some(json!({"status": 3}))).await;
    assert_graph_error(status, &error, 400, "invalidRequest");
    let response =
        sim.client.post(sim.url("/me/todo/lists/L1/tasks")).bearer_auth("t").body("{not json").send().await.unwrap();
    let (status, error) = harness::body_of(response).await;
    assert_graph_error(status, &error, 400, "BadRequest");
    let (status, error) = sim.send(Method::POST, "/me/todo/lists/NOPE/tasks", Some(json!({"title": "x"}))).await;
    assert_graph_error(status, &error, 404, "ErrorItemNotFound");
    // A task is addressed through its own list only.
    let (status, error) = sim.get("/me/todo/lists/L3/tasks/T0").await;
    assert_graph_error(status, &error, 404, "ErrorItemNotFound");
    // Nothing was stored by the refused requests.
    assert_eq!(sim.state.tenant.read().unwrap().todo_tasks.len(), 6);
}

#[tokio::test]
async fn task_lists_filter_order_page_and_expand() {
    let sim = sim().await;
    let (_, plain) = sim.get("/me/todo/lists/L1/tasks").await;
    let items = plain["value"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert!(items.iter().all(|t| t.get("checklistItems").is_none()));
    let (_, expanded) = sim.get("/me/todo/lists/L1/tasks?$expand=checklistItems").await;
    assert_eq!(expanded["value"][0]["checklistItems"][0]["id"], "C0");
    let (_, open) = sim.get("/me/todo/lists/L1/tasks?$filter=status%20ne%20'completed'").await;
    let titles: Vec<&str> = open["value"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(titles, vec!["Task 0", "Task 2", "Task 3"]);
    let (_, ordered) = sim.get("/me/todo/lists/L1/tasks?$orderby=title%20desc&$top=2").await;
    let titles: Vec<&str> = ordered["value"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(titles, vec!["Task 4", "Task 3"]);
    let (all, pages) = sim.get_all("/me/todo/lists/L1/tasks?$top=2").await;
    assert_eq!((all.len(), pages), (5, 3));
    let (_, one) = sim.get("/me/todo/lists/L1/tasks/T1?$expand=checklistItems").await;
    assert_eq!(one["checklistItems"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn checklist_items_create_check_uncheck_delete() {
    let sim = sim().await;
    let base = "/me/todo/lists/L1/tasks/T0/checklistItems";
    let (status, item) = sim.send(Method::POST, base, Some(json!({"displayName": "Buy soap"}))).await;
    assert_eq!(status, 201, "{item}");
    assert_eq!(item["isChecked"], false);
    assert!(item.get("checkedDateTime").is_none());
    let id = item["id"].as_str().unwrap().to_owned();
    let (_, list) = sim.get(base).await;
    assert_eq!(list["value"].as_array().unwrap().len(), 2);

    let (status, checked) = sim.send(Method::PATCH, &format!("{base}/{id}"), Some(json!({"isChecked": true}))).await;
    assert_eq!(status, 200);
    assert!(checked["checkedDateTime"].as_str().unwrap().ends_with('Z'));
    let (_, got) = sim.get(&format!("{base}/{id}")).await;
    assert_eq!(got["isChecked"], true);
    let (_, unchecked) = sim.send(Method::PATCH, &format!("{base}/{id}"), Some(json!({"isChecked": false}))).await;
    assert!(unchecked.get("checkedDateTime").is_none());
    let (_, renamed) =
        sim.send(Method::PATCH, &format!("{base}/{id}"), Some(json!({"displayName": "Buy soap x2"}))).await;
    assert_eq!(renamed["displayName"], "Buy soap x2");

    // The change shows on the task, which was stamped as modified.
    let (_, task) = sim.get("/me/todo/lists/L1/tasks/T0?$expand=checklistItems").await;
    assert_eq!(task["checklistItems"][1]["displayName"], "Buy soap x2");
    assert_ne!(task["lastModifiedDateTime"], "2024-05-01T09:03:05.8339192Z");

    let (status, _) = sim.send(Method::DELETE, &format!("{base}/{id}"), None).await;
    assert_eq!(status, 204);
    let (status, body) = sim.send(Method::DELETE, &format!("{base}/{id}"), None).await;
    assert_graph_error(status, &body, 404, "ErrorItemNotFound");
    let (status, body) = sim.send(Method::POST, base, Some(json!({"isChecked": true}))).await;
    assert_graph_error(status, &body, 400, "invalidRequest");
    let stored = sim.state.tenant.read().unwrap().todo_tasks.get("T0").cloned().unwrap();
    assert_eq!(stored["checklistItems"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn linked_resources_come_with_a_new_task_and_through_their_own_endpoints() {
    let sim = sim().await;
    let link = json!({"webUrl": "https://outlook.office365.com/owa/?ItemID=AAMk1", "applicationName": "o365-tui",
                      "displayName": "Re: the budget", "externalId": "AAMk1"});
    let (status, task) = sim
        .send(Method::POST, "/me/todo/lists/L1/tasks", Some(json!({"title": "Answer", "linkedResources": [link]})))
        .await;
    assert_eq!(status, 201, "{task}");
    assert_eq!(task["linkedResources"][0]["externalId"], "AAMk1", "sent along: in the answer");
    let id = task["id"].as_str().unwrap().to_owned();
    let (_, plain) = sim.get(&format!("/me/todo/lists/L1/tasks/{id}")).await;
    assert!(plain.get("linkedResources").is_none(), "only under $expand");
    let (_, expanded) = sim.get(&format!("/me/todo/lists/L1/tasks/{id}?$expand=linkedResources")).await;
    assert_eq!(expanded["linkedResources"].as_array().unwrap().len(), 1);

    let path = format!("/me/todo/lists/L1/tasks/{id}/linkedResources");
    let (status, body) = sim.send(Method::POST, &path, Some(json!({"displayName": "no application"}))).await;
    assert_graph_error(status, &body, 400, "invalidRequest");
    let (status, second) =
        sim.send(Method::POST, &path, Some(json!({"applicationName": "Teams", "displayName": "The thread"}))).await;
    assert_eq!(status, 201, "{second}");
    let second_id = second["id"].as_str().unwrap().to_owned();
    let (status, renamed) =
        sim.send(Method::PATCH, &format!("{path}/{second_id}"), Some(json!({"displayName": "The chat"}))).await;
    assert_eq!((status, renamed["displayName"].as_str()), (200, Some("The chat")));
    let (_, listed) = sim.get(&path).await;
    assert_eq!(listed["value"].as_array().unwrap().len(), 2);
    let (status, _) = sim.send(Method::DELETE, &format!("{path}/{second_id}"), None).await;
    assert_eq!(status, 204);
    let (status, _) = sim.send(Method::GET, &format!("{path}/{second_id}"), None).await;
    assert_eq!(status, 404);
}

/// Follows a delta round from `path` to its deltaLink: the items by id and the link (path only).
async fn delta_round(sim: &TestSim, path: &str) -> (std::collections::BTreeMap<String, serde_json::Value>, String) {
    let mut path = path.to_owned();
    let mut items = std::collections::BTreeMap::new();
    loop {
        let (status, body) = sim.get(&path).await;
        assert_eq!(status, 200, "{body}");
        for item in body["value"].as_array().unwrap() {
            items.insert(item["id"].as_str().unwrap().to_owned(), item.clone());
        }
        let relative = |link: &str| link.split("/graph/v1.0").nth(1).unwrap().to_owned();
        match (body["@odata.nextLink"].as_str(), body["@odata.deltaLink"].as_str()) {
            (Some(next), _) => path = relative(next),
            (None, Some(delta)) => return (items, relative(delta)),
            (None, None) => panic!("a delta page with no link: {body}"),
        }
    }
}

#[tokio::test]
async fn task_and_list_deltas_give_what_changed_since() {
    let sim = sim().await;
    let (tasks, delta) = delta_round(&sim, "/me/todo/lists/L1/tasks/delta").await;
    assert_eq!(tasks.len(), 5);
    assert!(tasks.values().all(|t| t["@odata.type"] == "#microsoft.graph.todoTask" && t.get("_listId").is_none()));
    let (lists, lists_delta) = delta_round(&sim, "/me/todo/lists/delta").await;
    assert_eq!(lists.len(), 3);

    let (status, _) = sim.send(Method::PATCH, "/me/todo/lists/L1/tasks/T0", Some(json!({"status": "completed"}))).await;
    assert_eq!(status, 200);
    let (status, _) = sim.send(Method::DELETE, "/me/todo/lists/L1/tasks/T1", None).await;
    assert_eq!(status, 204);
    let (status, made) = sim.send(Method::POST, "/me/todo/lists/L1/tasks", Some(json!({"title": "New one"}))).await;
    assert_eq!(status, 201);
    let (status, _) = sim.send(Method::PATCH, "/me/todo/lists/L3/tasks/G1", Some(json!({"title": "Oat milk"}))).await;
    assert_eq!(status, 200);
    let (status, _) = sim.send(Method::PATCH, "/me/todo/lists/L3", Some(json!({"displayName": "Shop"}))).await;
    assert_eq!(status, 200);

    let (changes, _) = delta_round(&sim, &delta).await;
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert_eq!(changes["T0"]["status"], "completed");
    assert_eq!(changes["T1"]["@removed"]["reason"], "deleted");
    assert_eq!(changes[made["id"].as_str().unwrap()]["title"], "New one");
    let (lists_changed, _) = delta_round(&sim, &lists_delta).await;
    assert_eq!(lists_changed.keys().collect::<Vec<_>>(), ["L3"]);
    assert_eq!(lists_changed["L3"]["displayName"], "Shop");

    sim.state.tenant.write().unwrap().todo_changes.expire("L1");
    let (status, body) = sim.get(&delta).await;
    assert_graph_error(status, &body, 410, "syncStateNotFound");
}
