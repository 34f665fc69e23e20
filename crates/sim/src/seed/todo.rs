//! Microsoft To Do (graph-facts §3.6, §4.7, §4.8): the default and flagged-email lists plus a
//! few of the owner's own, with tasks in every status, some overdue, some with checklists.
use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde_json::{Value, json};

use super::rng::Rng;
use super::shape::{date_time_zone, iso, weak_etag};
use super::text::{BOOKS, GROCERIES, TASK_TITLES, fill};
use super::words::PROJECTS;
use crate::store::Tenant;

const STATUSES: &[&str] =
    &["notStarted", "notStarted", "notStarted", "inProgress", "completed", "completed", "waitingOnOthers", "deferred"];

fn list(tenant: &mut Tenant, rng: &mut Rng, name: &str, well_known: &str, shared: bool) -> String {
    let id = tenant.mint_id("tdl");
    tenant.todo_lists.insert(json!({
        "@odata.etag": weak_etag(&rng.change_key()),
        "displayName": name,
        "isOwner": true,
        "isShared": shared,
        "wellknownListName": well_known,
        "id": id,
    }));
    id
}

struct TaskSeed<'a> {
    list: &'a str,
    title: String,
    body: String,
    categories: Vec<&'static str>,
    /// Force a status (the first tasks of a list cycle through all five).
    status: Option<&'static str>,
    checklist: &'a [&'static str],
}

fn task(tenant: &mut Tenant, rng: &mut Rng, anchor: DateTime<Utc>, seed: TaskSeed) {
    let id = tenant.mint_id("task");
    let status = seed.status.unwrap_or_else(|| rng.pick(STATUSES));
    let created = anchor - Duration::minutes(rng.range(60 * 24, 60 * 24 * 120));
    let modified = (created + Duration::minutes(rng.range(5, 60 * 24 * 30))).min(anchor - Duration::minutes(5));
    let midnight = |at: DateTime<Utc>| at.date_naive().and_time(NaiveTime::MIN);
    let mut value = json!({
        "@odata.etag": weak_etag(&rng.change_key()),
        "importance": rng.pick(&["normal", "normal", "normal", "high", "low"]),
        "isReminderOn": false,
        "status": status,
        "title": seed.title,
        "createdDateTime": iso(created),
        "lastModifiedDateTime": iso(modified),
        "bodyLastModifiedDateTime": iso(created + Duration::seconds(1)),
        "hasAttachments": false,
        "categories": seed.categories,
        "id": id,
        "body": { "content": seed.body, "contentType": "text" },
        "_listId": seed.list,
    });
    let fields = value.as_object_mut().expect("json! object");
    if rng.chance(0.7) {
        // From three weeks overdue to six weeks ahead of the anchor.
        let due = anchor + Duration::days(rng.range(-21, 43));
        fields.insert("dueDateTime".into(), date_time_zone(midnight(due), "UTC"));
        if rng.chance(0.5) {
            fields.insert("isReminderOn".into(), json!(status != "completed"));
            let reminder = midnight(due) - Duration::days(1) + Duration::hours(9);
            fields.insert("reminderDateTime".into(), date_time_zone(reminder, "UTC"));
        }
    }
    if status == "completed" {
        fields.insert("completedDateTime".into(), date_time_zone(midnight(modified), "UTC"));
    }
    if !seed.checklist.is_empty() {
        let items: Vec<Value> = seed
            .checklist
            .iter()
            .map(|name| {
                let checked = status == "completed" || rng.chance(0.4);
                let at = created + Duration::minutes(rng.range(1, 600));
                json!({
                    "displayName": name,
                    "createdDateTime": format!("{}.0000000Z", at.format("%Y-%m-%dT%H:%M:%S")),
                    "checkedDateTime": if checked { json!(format!("{}.0000000Z", (at + Duration::hours(3)).format("%Y-%m-%dT%H:%M:%S"))) } else { Value::Null },
                    "isChecked": checked,
                    "id": rng.guid(),
                })
            })
            .collect();
        fields.insert("checklistItems".into(), json!(items));
    }
    tenant.todo_tasks.insert(value);
}

/// `flagged` are the flagged messages (id, subject, received), shown in "Flagged email".
pub fn generate(tenant: &mut Tenant, seed: u64, flagged: &[(String, String, DateTime<Utc>)], anchor: DateTime<Utc>) {
    let mut rng = Rng::stream(seed, "todo");
    let tasks = list(tenant, &mut rng, "Tasks", "defaultList", false);
    let flagged_list = list(tenant, &mut rng, "Flagged email", "flaggedEmails", false);
    let groceries = list(tenant, &mut rng, "Groceries 🛒", "none", true);
    let alpha = list(tenant, &mut rng, "Project Alpha", "none", true);
    let reading = list(tenant, &mut rng, "Reading", "none", false);
    let all_statuses = ["notStarted", "inProgress", "completed", "waitingOnOthers", "deferred"];

    for i in 0..28 {
        let template = TASK_TITLES[i % TASK_TITLES.len()];
        let project = rng.pick(PROJECTS);
        let checklist: &[&str] =
            if i % 4 == 0 { &["Gather documents", "Fill in the form", "Send it off"] } else { &[] };
        let seed = TaskSeed {
            list: &tasks,
            title: if i < TASK_TITLES.len() {
                fill(template, project, 3, "Friday")
            } else {
                format!("Follow up: {}", fill(template, project, 3, "Friday"))
            },
            body: if rng.chance(0.5) { format!("Remember to loop in the {project} team.") } else { String::new() },
            categories: if rng.chance(0.3) { vec![rng.pick(&["Work", "Personal", "Red category"])] } else { vec![] },
            status: all_statuses.get(i).copied(),
            checklist,
        };
        task(tenant, &mut rng, anchor, seed);
    }
    for (_, subject, received) in flagged.iter().rev().take(15) {
        let seed = TaskSeed {
            list: &flagged_list,
            title: subject.clone(),
            body: format!("Flagged email received {}", iso(*received)),
            categories: vec![],
            status: Some("notStarted"),
            checklist: &[],
        };
        task(tenant, &mut rng, anchor, seed);
    }
    for (i, item) in GROCERIES.iter().enumerate() {
        let seed = TaskSeed {
            list: &groceries,
            title: (*item).to_owned(),
            body: String::new(),
            categories: vec![],
            status: Some(if i % 3 == 0 { "completed" } else { "notStarted" }),
            checklist: &[],
        };
        task(tenant, &mut rng, anchor, seed);
    }
    for i in 0..16 {
        let seed = TaskSeed {
            list: &alpha,
            title: fill(
                ["Draft {p} spec", "Review PR #{n}", "Sync with design on {p}", "Load test {p} API"][i % 4],
                "Alpha",
                100 + i as u64,
                "Friday",
            ),
            body: "Tracked in the Alpha board.".to_owned(),
            categories: vec!["Work"],
            status: all_statuses.get(i).copied(),
            checklist: if i % 3 == 1 { &["Write tests", "Update docs", "Demo to the team"] } else { &[] },
        };
        task(tenant, &mut rng, anchor, seed);
    }
    for book in BOOKS {
        let seed = TaskSeed {
            list: &reading,
            title: (*book).to_owned(),
            body: String::new(),
            categories: vec![],
            status: None,
            checklist: &[],
        };
        task(tenant, &mut rng, anchor, seed);
    }
}
