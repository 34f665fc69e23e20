//! Looking at the simulated tenant's mailbox after a mail write: the messages of a folder,
//! one message's stored attachments, and picking messages to work on.
#![allow(dead_code)]
use base64::Engine;
use o365_graph::dto::Recipient;
use o365_sim::SharedState;
use serde_json::Value;

/// The messages stored in a folder (well-known name or id), as the tenant holds them.
pub fn folder_messages(state: &SharedState, folder: &str) -> Vec<Value> {
    let tenant = state.tenant.read().unwrap();
    let id = tenant.resolve_folder(folder).unwrap_or_else(|| panic!("no folder {folder}"));
    tenant.messages.iter().filter(|m| m["parentFolderId"] == id.as_str()).map(|m| m.into_owned()).collect()
}

/// The one message in `folder` with this subject.
pub fn by_subject(state: &SharedState, folder: &str, subject: &str) -> Value {
    let found: Vec<Value> = folder_messages(state, folder).into_iter().filter(|m| m["subject"] == subject).collect();
    assert_eq!(found.len(), 1, "messages called {subject:?} in {folder}: {}", found.len());
    found.into_iter().next().unwrap()
}

pub fn stored(state: &SharedState, id: &str) -> Option<Value> {
    state.tenant.read().unwrap().messages.get(id).map(|m| m.into_owned())
}

/// (name, decoded bytes) of a stored message's attachments.
pub fn attachments_of(state: &SharedState, id: &str) -> Vec<(String, Vec<u8>)> {
    let tenant = state.tenant.read().unwrap();
    let b64 = base64::engine::general_purpose::STANDARD;
    tenant
        .attachments
        .get(id)
        .map(|list| {
            list.iter()
                .map(|a| {
                    let bytes = b64.decode(a["contentBytes"].as_str().unwrap_or("")).unwrap();
                    (a["name"].as_str().unwrap_or("").to_owned(), bytes)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Addresses of a recipients array, in order.
pub fn addresses(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["emailAddress"]["address"].as_str().unwrap_or("").to_ascii_lowercase())
        .collect()
}

/// The owner's address.
pub fn my_address(state: &SharedState) -> String {
    let tenant = state.tenant.read().unwrap();
    let me = tenant.me();
    me["mail"].as_str().or(me["userPrincipalName"].as_str()).unwrap().to_ascii_lowercase()
}

/// Inbox messages from someone other than the owner, newest stored first, with a filter.
pub fn inbox_where(state: &SharedState, keep: impl Fn(&Value) -> bool) -> Vec<Value> {
    let me = my_address(state);
    folder_messages(state, "inbox")
        .into_iter()
        .filter(|m| m["from"]["emailAddress"]["address"].as_str().is_some_and(|a| !a.eq_ignore_ascii_case(&me)))
        .filter(|m| keep(m))
        .collect()
}

pub fn ids(messages: &[Value]) -> Vec<String> {
    messages.iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect()
}

pub fn to(address: &str) -> Recipient {
    Recipient::new(address, None)
}

/// Bytes that differ position by position, so a misplaced range shows.
pub fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}
