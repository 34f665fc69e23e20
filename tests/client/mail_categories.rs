//! Categories through the client against the simulated tenant, checked in the tenant's state:
//! the seeded master list, creating (a duplicate refused) and deleting; editing categories on
//! messages that each carry others (each keeps its own, one `$batch` to read and one to write,
//! a missing id failing alone); the quick filters finding exactly what the tenant holds; and
//! `o365 mail categories | categorize | list --category --flagged --from --since --until` as a
//! user runs them.
use crate::cli_harness as cli;
use crate::harness;
use crate::mail_harness;

use chrono::{DateTime, Utc};
use mail_harness::{ids, inbox_where, stored};
use o365::domain::{CategoryEdit, QuickFilters};
use o365_graph::dto::Message;
use o365_graph::mail::categories::{
    create_master_category, delete_master_category, edit_categories, edit_each, list_master_categories, set_categories,
};
use o365_graph::mail::quick_filters::filtered_request;
use o365_graph::mail::resolve_folder;
use o365_graph::paging::collect;
use serde_json::{Value, json};

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn set_stored(h: &harness::Harness, id: &str, categories: &[&str]) {
    h.state.tenant.write().unwrap().messages.update(id, |m| m["categories"] = json!(categories)).unwrap();
}

fn stored_categories(h: &harness::Harness, id: &str) -> Value {
    stored(&h.state, id).unwrap()["categories"].clone()
}

#[tokio::test]
async fn the_master_list_is_seeded_and_categories_are_created_and_deleted_in_the_tenant() {
    let h = harness::start().await;
    let client = h.client();
    let seeded = list_master_categories(&client).await.unwrap();
    let shown: Vec<(&str, Option<u8>)> = seeded.iter().map(|c| (c.display_name.as_str(), c.preset())).collect();
    assert_eq!(
        shown,
        [
            ("Red category", Some(0)),
            ("Orange category", Some(1)),
            ("Yellow category", Some(3)),
            ("Green category", Some(4)),
            ("Blue category", Some(7)),
            ("Purple category", Some(8)),
        ]
    );
    let created = create_master_category(&client, "Travel 'n' \"trips\"", Some("preset9")).await.unwrap();
    let in_tenant = h.state.tenant.read().unwrap().master_categories.get(&created.id).cloned().unwrap();
    assert_eq!(
        (in_tenant["displayName"].clone(), in_tenant["color"].clone()),
        (json!("Travel 'n' \"trips\""), json!("preset9"))
    );
    let err = create_master_category(&client, "TRAVEL 'N' \"TRIPS\"", None).await.unwrap_err();
    assert_eq!(harness::api_error(&err).status, 409, "{err}");
    delete_master_category(&client, &created.id).await.unwrap();
    assert!(h.state.tenant.read().unwrap().master_categories.get(&created.id).is_none());
    assert!(delete_master_category(&client, &created.id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn each_message_keeps_its_other_categories_and_a_missing_one_fails_alone() {
    let h = harness::start().await;
    let client = h.client();
    let chosen = ids(&inbox_where(&h.state, |_| true)[..3]);
    set_stored(&h, &chosen[0], &[]);
    set_stored(&h, &chosen[1], &["Blue category"]);
    set_stored(&h, &chosen[2], &["Travel", "Blue category"]);
    let mut asked = chosen.clone();
    asked.push("AAMkAGone".to_owned());
    h.clear_seen();
    let edit = CategoryEdit { add: names(&["Red category"]), remove: names(&["blue CATEGORY"]), clear: false };
    let outcomes = edit_categories(&client, &asked, |list| edit.apply(list), |_, _| {}).await.unwrap();
    let ok: Vec<bool> = outcomes.iter().map(|o| o.is_ok()).collect();
    assert_eq!(ok, [true, true, true, false], "{outcomes:?}");
    assert_eq!(outcomes[3].error.as_ref().unwrap().status, 404);
    assert_eq!(stored_categories(&h, &chosen[0]), json!(["Red category"]));
    assert_eq!(stored_categories(&h, &chosen[1]), json!(["Red category"]));
    assert_eq!(stored_categories(&h, &chosen[2]), json!(["Travel", "Red category"]), "Travel stays");
    let batches = h.graph_requests().iter().filter(|s| s.path().ends_with("/$batch")).count();
    assert_eq!((batches, h.graph_requests().len()), (2, 2), "one batch reads, one writes");

    // Lists the caller knows: nothing to change, nothing sent.
    h.clear_seen();
    let known = vec![(chosen[0].clone(), names(&["Red category"]))];
    let add_red = CategoryEdit { add: names(&["Red category"]), ..Default::default() };
    assert!(edit_each(&client, &known, |list| add_red.apply(list), |_, _| {}).await.unwrap()[0].is_ok());
    assert!(h.graph_requests().is_empty());

    let same = set_categories(&client, &chosen[..2], &names(&["Green category"]), |_, _| {}).await.unwrap();
    assert!(same.iter().all(|o| o.is_ok()));
    assert_eq!(stored_categories(&h, &chosen[1]), json!(["Green category"]));
}

#[tokio::test]
async fn quick_filters_find_exactly_what_the_tenant_holds() {
    let h = harness::start().await;
    let client = h.client();
    let inbox = resolve_folder(&client, "inbox").await.unwrap();
    let all = inbox_where(&h.state, |_| true);
    for id in ids(&all[5..9]) {
        set_stored(&h, &id, &["Travel"]);
    }
    let sender = all[0]["from"]["emailAddress"]["address"].as_str().unwrap().to_owned();
    let run = |filters: QuickFilters| {
        let client = client.clone();
        let folder = inbox.id.clone();
        async move {
            let request = filtered_request(&client, Some(&folder), filters.filter(), 1000);
            let found: Vec<Message> = collect(&client, request, None).await.unwrap();
            let mut found: Vec<String> = found.into_iter().map(|m| m.id).collect();
            found.sort();
            found
        }
    };
    let expect = |keep: &dyn Fn(&Value) -> bool| {
        let mut wanted: Vec<String> = mail_harness::folder_messages(&h.state, "inbox")
            .iter()
            .filter(|m| keep(m))
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        wanted.sort();
        wanted
    };
    let travel = run(QuickFilters { category: Some("travel".into()), ..Default::default() }).await;
    assert_eq!(travel, expect(&|m| m["categories"] == json!(["Travel"])));
    assert_eq!(travel.len(), 4);
    let from = run(QuickFilters { from: Some(sender.to_uppercase()), ..Default::default() }).await;
    assert_eq!(from, expect(&|m| m["from"]["emailAddress"]["address"] == sender.as_str()));
    let at = |m: &Value| DateTime::parse_from_rfc3339(m["receivedDateTime"].as_str().unwrap()).unwrap();
    let mut times: Vec<DateTime<Utc>> = all.iter().map(|m| at(m).with_timezone(&Utc)).collect();
    times.sort_by(|a, b| b.cmp(a));
    let (since, until) = (times[30], times[10]);
    let range = run(QuickFilters { since: Some(since), until: Some(until), unread: true, ..Default::default() }).await;
    let wanted = expect(&|m| at(m) >= since && at(m) < until && m["isRead"] == false);
    assert!(!wanted.is_empty());
    assert_eq!(range, wanted);
}

#[test]
fn the_cli_lists_categorizes_and_filters() {
    let sim = cli::SimProcess::start(&[]);
    let home = cli::Home::new("mail-categories");
    home.config_for(&sim);
    cli::ok(&home.run("UTC", &["login"]));

    let table = cli::ok(&home.run("UTC", &["mail", "categories"]));
    assert!(table.contains("Red category") && table.contains("preset0 (red)"), "{table}");
    assert!(table.contains("Purple category") && table.contains("preset8 (purple)"), "{table}");

    let listed = cli::json_lines(&home.run("UTC", &["mail", "list", "-n", "0", "--json"]));
    let chosen: Vec<String> = listed.iter().take(3).map(|m| m["id"].as_str().unwrap().to_owned()).collect();
    let mut args = vec!["mail", "categorize"];
    args.extend(chosen.iter().map(String::as_str));
    let add = [args.clone(), vec!["--add", "green CATEGORY", "--add", "Travel", "--create"]].concat();
    let out = cli::ok(&home.run("UTC", &add));
    assert_eq!(out.matches("categories updated").count(), 3, "{out}");
    let shown = cli::ok(&home.run("UTC", &["mail", "show", &chosen[0]]));
    assert!(shown.contains("Categories: ") && shown.contains("Green category, Travel"), "{shown}");
    assert!(cli::ok(&home.run("UTC", &["mail", "categories"])).contains("Travel"), "created in the master list");

    let unknown = home.run("UTC", &[args.clone(), vec!["--add", "Trvel"]].concat());
    assert_eq!(unknown.status.code(), Some(2));
    let why = cli::stderr(&unknown);
    assert!(why.contains("no category named `Trvel`") && why.contains("known: Red category, "), "{why}");

    let in_travel = cli::json_lines(&home.run("UTC", &["mail", "list", "--category", "travel", "-n", "0", "--json"]));
    let mut found: Vec<String> = in_travel.iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect();
    found.sort();
    let mut expected = chosen.clone();
    expected.sort();
    assert_eq!(found, expected);
    assert!(
        in_travel.iter().all(|m| m["categories"].as_array().unwrap().contains(&json!("Travel"))),
        "--json has them"
    );
    let with_column = cli::ok(&home.run("UTC", &["mail", "list", "--category", "Travel"]));
    assert!(with_column.lines().next().unwrap().contains("Categories"), "{with_column}");

    cli::ok(&home.run("UTC", &[args.clone(), vec!["--remove", "TRAVEL"]].concat()));
    let in_travel = cli::json_lines(&home.run("UTC", &["mail", "list", "--category", "Travel", "--json"]));
    assert!(in_travel.is_empty());
    cli::ok(&home.run("UTC", &[args.clone(), vec!["--clear"]].concat()));
    let shown = cli::ok(&home.run("UTC", &["mail", "show", &chosen[0]]));
    assert!(!shown.contains("Categories:"), "{shown}");

    // The other conditions list what the whole listing says they should.
    let ids_where = |keep: &dyn Fn(&Value) -> bool| {
        let mut ids: Vec<String> =
            listed.iter().filter(|m| keep(m)).map(|m| m["id"].as_str().unwrap().to_owned()).collect();
        ids.sort();
        ids
    };
    let ids_of = |args: &[&str]| {
        let mut ids: Vec<String> =
            cli::json_lines(&home.run("UTC", args)).iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect();
        ids.sort();
        ids
    };
    let flagged = ids_of(&["mail", "list", "--flagged", "-n", "0", "--json"]);
    assert_eq!(flagged, ids_where(&|m| m["flag"]["flagStatus"] == "flagged"));
    assert!(!flagged.is_empty());
    let sender = listed[0]["from"]["emailAddress"]["address"].as_str().unwrap();
    let from = ids_of(&["mail", "list", "--from", sender, "--attachments", "-n", "0", "--json"]);
    assert_eq!(from, ids_where(&|m| m["from"]["emailAddress"]["address"] == sender && m["hasAttachments"] == true));
    let range = ids_of(&["mail", "list", "--since", "2026-03-01", "--until", "2026-03-05", "-n", "0", "--json"]);
    let day = |m: &Value| m["receivedDateTime"].as_str().unwrap()[..10].to_owned();
    let wanted = ids_where(&|m| ("2026-03-01".."2026-03-06").contains(&day(m).as_str()));
    assert!(!wanted.is_empty());
    assert_eq!(range, wanted);

    let refused = home.run("UTC", &["mail", "list", "--since", "next week"]);
    assert_eq!(refused.status.code(), Some(2), "{}", cli::stderr(&refused));
    let refused = home.run("UTC", &["mail", "list", "--search", "x", "--flagged"]);
    assert_eq!(refused.status.code(), Some(2), "$search does not combine with $filter");
}
