//! The mail folder tree (graph-facts §3.1, §4.3) and its item counts.
use std::collections::BTreeMap;

use serde_json::json;

use crate::store::Tenant;

/// Ids of the folders the generator files mail into.
#[derive(Debug, Clone)]
pub struct Folders {
    pub inbox: String,
    pub drafts: String,
    pub sent: String,
    pub deleted: String,
    pub junk: String,
    pub archive: String,
    pub history: String,
    pub projects: String,
    pub alpha: String,
    pub beta: String,
    pub receipts: String,
    pub newsletters: String,
    pub travel: String,
    pub clients: String,
}

/// Creates every folder (counts zero for now) and the well-known name map.
pub fn create(tenant: &mut Tenant) -> Folders {
    let add = |tenant: &mut Tenant, name: &str, parent: Option<&str>, well_known: Option<&str>| {
        let id = tenant.mint_id("fld");
        // The root's own parent is the mailbox's hidden top folder, which is not listed.
        let parent = parent.map_or_else(|| tenant.mint_id("fldtop"), str::to_owned);
        tenant.mail_folders.insert(json!({
            "id": id,
            "displayName": name,
            "parentFolderId": parent,
            "childFolderCount": 0,
            "unreadItemCount": 0,
            "totalItemCount": 0,
            "isHidden": false,
        }));
        if let Some(w) = well_known {
            tenant.well_known_folders.insert(w.to_owned(), id.clone());
        }
        id
    };
    let root = add(tenant, "Top of Information Store", None, Some("msgfolderroot"));
    let r = Some(root.as_str());
    let inbox = add(tenant, "Inbox", r, Some("inbox"));
    let drafts = add(tenant, "Drafts", r, Some("drafts"));
    let sent = add(tenant, "Sent Items", r, Some("sentitems"));
    let deleted = add(tenant, "Deleted Items", r, Some("deleteditems"));
    let junk = add(tenant, "Junk Email", r, Some("junkemail"));
    let archive = add(tenant, "Archive", r, Some("archive"));
    add(tenant, "Outbox", r, Some("outbox"));
    let history = add(tenant, "Conversation History", r, Some("conversationhistory"));
    let travel = add(tenant, "Travel ✈", r, None);
    let clients = add(tenant, "Clients", r, None);
    let i = Some(inbox.as_str());
    let projects = add(tenant, "Projects", i, None);
    let receipts = add(tenant, "Receipts", i, None);
    let newsletters = add(tenant, "Newsletters", i, None);
    let p = Some(projects.as_str());
    let alpha = add(tenant, "Alpha", p, None);
    let beta = add(tenant, "Beta", p, None);
    Folders {
        inbox,
        drafts,
        sent,
        deleted,
        junk,
        archive,
        history,
        projects,
        alpha,
        beta,
        receipts,
        newsletters,
        travel,
        clients,
    }
}

/// Sets `totalItemCount`, `unreadItemCount` and `childFolderCount` from the data itself.
pub fn recount(tenant: &mut Tenant) {
    let mut children: BTreeMap<String, u64> = BTreeMap::new();
    for f in tenant.mail_folders.iter() {
        *children.entry(f["parentFolderId"].as_str().unwrap_or_default().to_owned()).or_default() += 1;
    }
    let ids: Vec<String> = tenant.mail_folders.iter().filter_map(|f| f["id"].as_str().map(str::to_owned)).collect();
    for id in ids {
        let (total, unread) = tenant.messages.counts(&id);
        let child_count = children.get(&id).copied().unwrap_or_default();
        if let Some(folder) = tenant.mail_folders.get_mut(&id) {
            folder["totalItemCount"] = json!(total);
            folder["unreadItemCount"] = json!(unread);
            folder["childFolderCount"] = json!(child_count);
        }
    }
}
