//! The To Do write path of the client against the simulated tenant over loopback: every task,
//! checklist and list operation, each checked in the tenant's own state afterwards, and the
//! refusals (unknown ids, bodies the service rejects, ambiguous names, non-repeated creates).
use crate::harness;

use chrono::NaiveDate;
use harness::{Harness, api_error};
use o365_graph::dto::{Importance, ItemBody, NewTask, TaskPatch, TaskStatus};
use o365_graph::error::GraphError;
use o365_graph::todo;
use o365_sim::faults::FaultKind;
use serde_json::Value;

fn list_id(h: &Harness, name: &str) -> String {
    let tenant = h.state.tenant.read().unwrap();
    let list = tenant.todo_lists.iter().find(|l| l["displayName"] == name).unwrap();
    list["id"].as_str().unwrap().to_owned()
}

/// The task as the tenant stores it, if it is there.
fn stored_task(h: &Harness, id: &str) -> Option<Value> {
    h.state.tenant.read().unwrap().todo_tasks.get(id).cloned()
}

fn tasks_in(h: &Harness, list_id: &str) -> usize {
    let tenant = h.state.tenant.read().unwrap();
    tenant.todo_tasks.iter().filter(|t| t["_listId"] == list_id).count()
}

fn titled(title: &str) -> NewTask {
    NewTask { title: title.to_owned(), ..NewTask::default() }
}

#[tokio::test]
async fn a_task_is_created_with_every_field_and_stored_in_its_list() {
    let h = harness::start().await;
    let client = h.client();
    let groceries = list_id(&h, "Groceries 🛒");
    let before = tasks_in(&h, &groceries);
    let new = NewTask {
        title: "Buy oat milk".into(),
        due_date_time: Some(todo::due_on(NaiveDate::from_ymd_opt(2026, 3, 14).unwrap(), "Europe/Berlin")),
        importance: Some(Importance::High),
        body: Some(ItemBody::text("The barista one")),
        reminder_date_time: Some(o365_graph::dto::DateTimeTimeZone::new("2026-03-13T09:00:00", "Europe/Berlin")),
        is_reminder_on: Some(true),
        ..NewTask::default()
    };
    let created = todo::create_task(&client, &groceries, &new).await.unwrap();
    assert!(!created.id.is_empty());
    assert_eq!(created.title.as_deref(), Some("Buy oat milk"));
    assert_eq!(created.status, Some(TaskStatus::NotStarted));

    let stored = stored_task(&h, &created.id).expect("the tenant has the task");
    assert_eq!(stored["_listId"], groceries.as_str());
    assert_eq!(stored["title"], "Buy oat milk");
    assert_eq!(stored["importance"], "high");
    assert_eq!(stored["body"]["content"], "The barista one");
    assert_eq!(stored["body"]["contentType"], "text");
    assert_eq!(stored["dueDateTime"]["dateTime"], "2026-03-14T00:00:00.0000000");
    assert_eq!(stored["dueDateTime"]["timeZone"], "Europe/Berlin");
    assert_eq!(stored["reminderDateTime"]["dateTime"], "2026-03-13T09:00:00.0000000");
    assert_eq!(stored["isReminderOn"], true);
    assert_eq!(tasks_in(&h, &groceries), before + 1);

    // Only the title: the service's defaults apply and nothing else is sent.
    let plain = todo::create_task(&client, &groceries, &titled("Eggs")).await.unwrap();
    let stored = stored_task(&h, &plain.id).unwrap();
    assert_eq!((stored["importance"].as_str(), stored["status"].as_str()), (Some("normal"), Some("notStarted")));
    assert!(stored.get("dueDateTime").is_none(), "{stored}");
}

#[tokio::test]
async fn a_patch_changes_only_what_it_sets_and_can_clear_the_due_date() {
    let h = harness::start().await;
    let client = h.client();
    let tasks = list_id(&h, "Tasks");
    let new = NewTask {
        title: "Draft the report".into(),
        importance: Some(Importance::Low),
        due_date_time: Some(todo::due_on(NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(), "UTC")),
        body: Some(ItemBody::text("Section 3 first")),
        ..NewTask::default()
    };
    let task = todo::create_task(&client, &tasks, &new).await.unwrap();

    let patch = TaskPatch { title: Some("Draft the annual report".into()), ..TaskPatch::default() };
    let updated = todo::update_task(&client, &tasks, &task.id, &patch).await.unwrap();
    assert_eq!(updated.title.as_deref(), Some("Draft the annual report"));
    let stored = stored_task(&h, &task.id).unwrap();
    assert_eq!(stored["title"], "Draft the annual report");
    assert_eq!(stored["importance"], "low", "untouched");
    assert_eq!(stored["body"]["content"], "Section 3 first", "untouched");
    assert_eq!(stored["dueDateTime"]["dateTime"], "2026-03-20T00:00:00.0000000", "untouched");

    let patch = TaskPatch { importance: Some(Importance::High), due_date_time: Some(None), ..TaskPatch::default() };
    todo::update_task(&client, &tasks, &task.id, &patch).await.unwrap();
    let stored = stored_task(&h, &task.id).unwrap();
    assert_eq!(stored["importance"], "high");
    assert!(stored.get("dueDateTime").is_none(), "cleared: {stored}");
    assert_eq!(stored["title"], "Draft the annual report");
}

#[tokio::test]
async fn complete_and_uncomplete_move_status_and_completion_time() {
    let h = harness::start().await;
    let client = h.client();
    let tasks = list_id(&h, "Tasks");
    let task = todo::create_task(&client, &tasks, &titled("Water the plants")).await.unwrap();

    let done = todo::complete_task(&client, &tasks, &task.id).await.unwrap();
    assert_eq!(done.status, Some(TaskStatus::Completed));
    assert!(done.completed_date_time.is_some());
    let stored = stored_task(&h, &task.id).unwrap();
    assert_eq!(stored["status"], "completed");
    assert!(stored["completedDateTime"].is_object(), "{stored}");

    let undone = todo::uncomplete_task(&client, &tasks, &task.id).await.unwrap();
    assert_eq!(undone.status, Some(TaskStatus::NotStarted));
    let stored = stored_task(&h, &task.id).unwrap();
    assert_eq!(stored["status"], "notStarted");
    assert!(stored.get("completedDateTime").is_none(), "{stored}");
}

#[tokio::test]
async fn a_deleted_task_is_gone_and_deleting_it_again_is_not_found() {
    let h = harness::start().await;
    let client = h.client();
    let reading = list_id(&h, "Reading");
    let task = todo::create_task(&client, &reading, &titled("Dune")).await.unwrap();
    let before = tasks_in(&h, &reading);

    todo::delete_task(&client, &reading, &task.id).await.unwrap();
    assert!(stored_task(&h, &task.id).is_none());
    assert_eq!(tasks_in(&h, &reading), before - 1);

    let error = todo::delete_task(&client, &reading, &task.id).await.unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
    assert_eq!(api_error(&error).status, 404);
    let error = todo::complete_task(&client, &reading, &task.id).await.unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
    let error = todo::get_task(&client, &reading, &task.id).await.unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
}

#[tokio::test]
async fn bodies_the_service_refuses_change_nothing() {
    let h = harness::start().await;
    let client = h.client();
    let tasks = list_id(&h, "Tasks");
    let before = tasks_in(&h, &tasks);

    let error = todo::create_task(&client, &tasks, &titled("   ")).await.unwrap_err();
    let api = api_error(&error);
    assert_eq!((api.status, api.code.as_str()), (400, "invalidRequest"));
    assert!(api.message.contains("title"), "{}", api.message);

    let bad_due = NewTask {
        due_date_time: Some(o365_graph::dto::DateTimeTimeZone::new("next week", "UTC")),
        ..titled("Call the bank")
    };
    let error = todo::create_task(&client, &tasks, &bad_due).await.unwrap_err();
    assert_eq!(api_error(&error).status, 400);
    assert_eq!(tasks_in(&h, &tasks), before, "no task was made");

    let error = todo::create_task(&client, "no-such-list", &titled("Orphan")).await.unwrap_err();
    assert!(error.is_not_found(), "{error:?}");

    let task = todo::create_task(&client, &tasks, &titled("Keep me")).await.unwrap();
    let patch = TaskPatch { importance: Some(Importance::Other("urgent".into())), ..TaskPatch::default() };
    let error = todo::update_task(&client, &tasks, &task.id, &patch).await.unwrap_err();
    assert_eq!(api_error(&error).status, 400);
    assert_eq!(stored_task(&h, &task.id).unwrap()["importance"], "normal", "unchanged");
}

#[tokio::test]
async fn tasks_resolve_by_id_or_unique_title_and_refuse_ambiguity() {
    let h = harness::start().await;
    let client = h.client();
    let alpha = list_id(&h, "Project Alpha");
    let one = todo::create_task(&client, &alpha, &titled("Ship the Beta")).await.unwrap();

    assert_eq!(todo::resolve_task(&client, &alpha, "ship THE beta").await.unwrap().id, one.id);
    assert_eq!(todo::resolve_task(&client, &alpha, &format!(" {} ", one.id)).await.unwrap().id, one.id);

    let error = todo::resolve_task(&client, &alpha, "Nothing like this").await.unwrap_err();
    assert!(matches!(error, GraphError::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("`Nothing like this`"), "{error}");

    let two = todo::create_task(&client, &alpha, &titled("SHIP THE BETA")).await.unwrap();
    let error = todo::resolve_task(&client, &alpha, "Ship the beta").await.unwrap_err();
    assert!(matches!(error, GraphError::Ambiguous(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.contains(&one.id) && text.contains(&two.id), "both candidates listed: {text}");
    // The id still picks one of them.
    assert_eq!(todo::resolve_task(&client, &alpha, &two.id).await.unwrap().title.as_deref(), Some("SHIP THE BETA"));

    // A task of another list is not found through this one.
    let tasks = list_id(&h, "Tasks");
    assert!(todo::resolve_task(&client, &tasks, &one.id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn checklist_items_are_added_ticked_unticked_and_deleted() {
    let h = harness::start().await;
    let client = h.client();
    let tasks = list_id(&h, "Tasks");
    let task = todo::create_task(&client, &tasks, &titled("Pack for the trip")).await.unwrap();
    let stored_items = |h: &Harness| stored_task(h, &task.id).unwrap()["checklistItems"].as_array().cloned().unwrap();

    let passport = todo::add_checklist_item(&client, &tasks, &task.id, "Passport").await.unwrap();
    let charger = todo::add_checklist_item(&client, &tasks, &task.id, "Charger").await.unwrap();
    assert_eq!(passport.is_checked, Some(false));
    let names: Vec<String> = stored_items(&h).iter().map(|i| i["displayName"].as_str().unwrap().to_owned()).collect();
    assert_eq!(names, ["Passport", "Charger"]);
    let listed = todo::list_checklist_items(&client, &tasks, &task.id).await.unwrap();
    assert_eq!(listed.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), [passport.id.as_str(), charger.id.as_str()]);

    let ticked = todo::set_checklist_item_checked(&client, &tasks, &task.id, &passport.id, true).await.unwrap();
    assert_eq!(ticked.is_checked, Some(true));
    assert!(ticked.checked_date_time.is_some());
    let stored = stored_items(&h);
    assert_eq!(stored[0]["isChecked"], true);
    assert!(stored[0]["checkedDateTime"].is_string());
    assert_eq!(stored[1]["isChecked"], false, "the other item is untouched");

    todo::set_checklist_item_checked(&client, &tasks, &task.id, &passport.id, false).await.unwrap();
    let stored = stored_items(&h);
    assert_eq!(stored[0]["isChecked"], false);
    assert!(stored[0].get("checkedDateTime").is_none(), "{}", stored[0]);

    // The task read whole carries its checklist.
    let whole = todo::get_task(&client, &tasks, &task.id).await.unwrap();
    assert_eq!(whole.checklist_items.len(), 2);

    todo::delete_checklist_item(&client, &tasks, &task.id, &charger.id).await.unwrap();
    let stored = stored_items(&h);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], passport.id.as_str());
    let error = todo::delete_checklist_item(&client, &tasks, &task.id, &charger.id).await.unwrap_err();
    assert!(error.is_not_found(), "{error:?}");

    let error = todo::add_checklist_item(&client, &tasks, &task.id, "").await.unwrap_err();
    assert_eq!(api_error(&error).status, 400);
    assert_eq!(stored_items(&h).len(), 1);
}

#[tokio::test]
async fn lists_are_created_renamed_and_deleted_with_their_tasks() {
    let h = harness::start().await;
    let client = h.client();
    let lists_before = h.state.tenant.read().unwrap().todo_lists.len();

    let created = todo::create_list(&client, "Holiday 🏖").await.unwrap();
    let stored = h.state.tenant.read().unwrap().todo_lists.get(&created.id).cloned().unwrap();
    assert_eq!(stored["displayName"], "Holiday 🏖");
    assert_eq!(stored["wellknownListName"], "none");
    assert_eq!(h.state.tenant.read().unwrap().todo_lists.len(), lists_before + 1);

    let renamed = todo::rename_list(&client, &created.id, "Summer holiday").await.unwrap();
    assert_eq!(renamed.display_name.as_deref(), Some("Summer holiday"));
    let stored = h.state.tenant.read().unwrap().todo_lists.get(&created.id).cloned().unwrap();
    assert_eq!(stored["displayName"], "Summer holiday");
    assert_eq!(todo::resolve_list(&client, "SUMMER HOLIDAY").await.unwrap().id, created.id);
    assert!(todo::resolve_list(&client, "Holiday 🏖").await.unwrap_err().is_not_found());

    let task = todo::create_task(&client, &created.id, &titled("Book the ferry")).await.unwrap();
    todo::delete_list(&client, &created.id).await.unwrap();
    assert!(h.state.tenant.read().unwrap().todo_lists.get(&created.id).is_none());
    assert!(stored_task(&h, &task.id).is_none(), "its tasks went with it");
    assert_eq!(h.state.tenant.read().unwrap().todo_lists.len(), lists_before);
    assert!(todo::delete_list(&client, &created.id).await.unwrap_err().is_not_found());

    // The service keeps the well-known lists and refuses empty names.
    let default = list_id(&h, "Tasks");
    assert_eq!(api_error(&todo::delete_list(&client, &default).await.unwrap_err()).status, 400);
    assert!(h.state.tenant.read().unwrap().todo_lists.get(&default).is_some());
    assert_eq!(api_error(&todo::create_list(&client, " ").await.unwrap_err()).status, 400);
    assert_eq!(api_error(&todo::rename_list(&client, &default, "").await.unwrap_err()).status, 400);
    assert_eq!(h.state.tenant.read().unwrap().todo_lists.get(&default).unwrap()["displayName"], "Tasks");
}

#[tokio::test]
async fn a_create_is_never_repeated_but_a_patch_or_delete_is() {
    let h = harness::start().await;
    let client = h.client();
    let tasks = list_id(&h, "Tasks");
    let before = tasks_in(&h, &tasks);

    h.clear_seen();
    h.faults().fail_next(1, FaultKind::ServerError);
    let error = todo::create_task(&client, &tasks, &titled("Only once")).await.unwrap_err();
    assert_eq!(api_error(&error).status, 500);
    let posts = h.graph_requests().into_iter().filter(|s| s.method == "POST").count();
    assert_eq!(posts, 1, "a POST that may have taken effect is not sent again");
    assert_eq!(tasks_in(&h, &tasks), before);

    let task = todo::create_task(&client, &tasks, &titled("Retry me")).await.unwrap();
    h.clear_seen();
    h.faults().fail_next(1, FaultKind::ServerError);
    todo::complete_task(&client, &tasks, &task.id).await.unwrap();
    assert_eq!(h.graph_requests().iter().filter(|s| s.method == "PATCH").count(), 2, "retried once");
    assert_eq!(stored_task(&h, &task.id).unwrap()["status"], "completed");

    h.faults().fail_next(1, FaultKind::ServerError);
    todo::delete_task(&client, &tasks, &task.id).await.unwrap();
    assert!(stored_task(&h, &task.id).is_none());
}
