//! Categories in the mail pane end to end: keys through `update`, the real worker against the
//! simulated tenant, answers back through `update`. The master list arrives at start; `#`
//! and Enter put a category on the marked messages in the tenant (each keeping its own); a
//! message gone behind the client's back fails and its row gets its old categories back with
//! an error notice; the category quick filter lists what the tenant holds.
use crate::harness;
use crate::mail_harness;
use crate::tui_driver;

use mail_harness::{folder_messages, stored};
use o365::tui::action::Action;
use o365::tui::action::mail_ops::MailOp;
use o365::tui::msg::Msg;
use o365::tui::msg::mail_ops::MailOpsMsg;
use serde_json::json;
use tui_driver::Tui;

async fn started(h: &harness::Harness) -> Tui {
    let mut tui = Tui::start(h).await;
    if tui.store.mail.ops.categories.ready().is_none() {
        tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Categories { .. }))).await;
    }
    assert_eq!(tui.store.mail.ops.categories.ready().unwrap().len(), 6, "the seeded master list");
    tui
}

fn categories(tui: &Tui, id: &str) -> Vec<String> {
    tui.store.mail.messages.ready().unwrap().items.iter().find(|m| m.id == id).unwrap().categories.clone()
}

#[tokio::test]
async fn a_category_goes_on_the_marked_messages_and_a_refusal_rolls_its_row_back() {
    let h = harness::start().await;
    let chosen: Vec<String> = {
        let tui = Tui::start(&h).await;
        tui.ids()[..3].to_vec()
    };
    {
        let mut tenant = h.state.tenant.write().unwrap();
        for (id, list) in chosen.iter().zip([json!([]), json!(["Travel"]), json!([])]) {
            tenant.messages.update(id, |m| m["categories"] = list).unwrap();
        }
    }
    let mut tui = started(&h).await;
    assert_eq!(tui.ids()[..3], chosen[..]);
    assert_eq!(categories(&tui, &chosen[1]), ["Travel"], "summaries carry categories");
    for _ in 0..3 {
        tui.mail(MailOp::ToggleMark);
    }
    tui.mail(MailOp::Categorize);
    tui.type_text("green");
    tui.act(Action::TextSubmit);
    assert_eq!(categories(&tui, &chosen[1]), ["Travel", "Green category"], "at once");
    tui.until_changed().await;
    assert_eq!(tui.notice(), "3 messages categorised");
    assert_eq!(stored(&h.state, &chosen[0]).unwrap()["categories"], json!(["Green category"]));
    assert_eq!(stored(&h.state, &chosen[1]).unwrap()["categories"], json!(["Travel", "Green category"]));

    // Another client deletes one; taking Green off all three fails for that one alone.
    h.state.tenant.write().unwrap().messages.remove(&chosen[2]);
    tui.act(Action::TextSubmit);
    assert!(categories(&tui, &chosen[2]).is_empty(), "at once");
    tui.until_changed().await;
    assert_eq!(categories(&tui, &chosen[2]), ["Green category"], "rolled back");
    assert_eq!(categories(&tui, &chosen[1]), ["Travel"]);
    assert_eq!(stored(&h.state, &chosen[1]).unwrap()["categories"], json!(["Travel"]));
    let notice = tui.store.notice.clone().unwrap();
    assert!(notice.is_error && notice.text.starts_with("1 of 3 could not be uncategorised: "), "{notice:?}");
}

#[tokio::test]
async fn the_category_filter_lists_what_the_tenant_holds() {
    let h = harness::start().await;
    let inbox = h.state.tenant.read().unwrap().resolve_folder("inbox").unwrap();
    let tagged: Vec<String> = {
        let mut tenant = h.state.tenant.write().unwrap();
        let ids: Vec<String> = tenant
            .messages
            .iter()
            .filter(|m| m["parentFolderId"] == inbox.as_str())
            .skip(3)
            .step_by(7)
            .take(5)
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        for id in &ids {
            tenant.messages.update(id, |m| m["categories"] = json!(["Purple category"])).unwrap();
        }
        ids
    };
    let mut tui = started(&h).await;
    tui.mail(MailOp::CategoryOnly);
    tui.type_text("purp");
    tui.act(Action::TextSubmit);
    tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Listed { .. }))).await;
    let mut shown = tui.ids();
    shown.sort();
    let mut expected: Vec<String> = folder_messages(&h.state, "inbox")
        .iter()
        .filter(|m| m["categories"] == json!(["Purple category"]))
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    expected.sort();
    assert!(expected.len() >= tagged.len());
    assert_eq!(shown, expected);
    let filters: Vec<String> = h.graph_requests().iter().filter_map(|s| s.param("$filter")).collect();
    assert!(filters.last().unwrap().ends_with("categories/any(c: c eq 'Purple category')"), "{filters:?}");
}
