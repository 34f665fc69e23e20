//! Drive writes (graph-facts §3.5): create folder (201), simple upload by id or path
//! (201 new / 200 replaced), rename and move (200), delete (204), with OneDrive's
//! `@microsoft.graph.conflictBehavior` and errors (`nameAlreadyExists` 409 and so on).
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Map, Value, json};

use super::address::{Action, Address};
use super::tree::{self, RenderContext};
use crate::SharedState;
use crate::calendar::writes::parse_json_object;
use crate::calendar::{context_url, entity_response, requested_uri};
use crate::errors::{GraphError, GraphResult};
use crate::odata::QueryOptions;
use crate::store::{Content, Tenant};

/// Simple uploads above this are refused (graph-facts §3.5: the simulator takes 250 MB).
const MAX_SIMPLE_UPLOAD: usize = 250 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Conflict {
    Fail,
    Replace,
    Rename,
}

impl Conflict {
    pub(super) fn parse(text: Option<&str>, default: Conflict) -> GraphResult<Conflict> {
        match text {
            None => Ok(default),
            Some("fail") => Ok(Conflict::Fail),
            Some("replace") => Ok(Conflict::Replace),
            Some("rename") => Ok(Conflict::Rename),
            Some(other) => Err(invalid(format!("Invalid conflict behavior '{other}'."))),
        }
    }
}

pub(super) fn invalid(message: impl Into<String>) -> GraphError {
    GraphError::new(StatusCode::BAD_REQUEST, "invalidRequest", message)
}

pub(super) fn name_exists() -> GraphError {
    GraphError::new(StatusCode::CONFLICT, "nameAlreadyExists", "The specified item name already exists.")
}

/// OneDrive refuses these characters and names.
pub(super) fn check_name(name: &str) -> GraphResult<()> {
    let bad = name.trim().is_empty()
        || name.chars().any(|c| matches!(c, '"' | '*' | ':' | '<' | '>' | '?' | '/' | '\\' | '|') || c.is_control())
        || name.ends_with('.')
        || name.ends_with(' ');
    if bad { Err(invalid(format!("The name '{name}' is not valid."))) } else { Ok(()) }
}

pub(super) fn sibling_named<'a>(tenant: &'a Tenant, parent: &str, name: &str) -> Option<&'a Value> {
    tenant.drive_items.child_named(parent, name)
}

/// `name 1.txt`, `name 2.txt`, ... the first that is free.
pub(super) fn free_name(tenant: &Tenant, parent: &str, name: &str) -> String {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    (1..).map(|n| format!("{stem} {n}{ext}")).find(|c| sibling_named(tenant, parent, c).is_none()).unwrap_or_default()
}

fn mime_for(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" | "log" | "md" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

pub(super) fn identity(tenant: &Tenant) -> Value {
    let me = tenant.me();
    json!({"user": {
        "email": me.get("mail").cloned().unwrap_or(Value::Null),
        "id": tenant.me_id,
        "displayName": me.get("displayName").cloned().unwrap_or(Value::Null),
    }})
}

/// Marks an item changed: times, modifier and a new eTag.
pub(super) fn touch(tenant: &mut Tenant, id: &str) {
    tenant.next_id += 1;
    let version = tenant.next_id;
    let who = identity(tenant);
    let now = tenant.clock.now_text();
    tenant.drive_items.update(id, |item| {
        if let Value::Object(item) = item {
            item.insert("lastModifiedDateTime".to_owned(), json!(now));
            item.insert("lastModifiedBy".to_owned(), who);
            item.insert("eTag".to_owned(), json!(format!("\"{{{id}}},{version}\"")));
            if let Some(Value::Object(fs)) = item.get_mut("fileSystemInfo") {
                fs.insert("lastModifiedDateTime".to_owned(), json!(now));
            }
        }
    });
}

fn new_item(tenant: &mut Tenant, parent: &str, name: &str, facet: (&str, Value)) -> String {
    let id = tenant.mint_id("driveitem");
    let now = tenant.clock.now_text();
    let who = identity(tenant);
    // The new item lives in its parent's drive, whichever drive that is.
    let reference = tenant.drive_items.get(parent).and_then(|p| p.get("parentReference"));
    let mine = tenant.drive.get("id").cloned().unwrap_or(Value::Null);
    let drive_id = reference.and_then(|r| r.get("driveId")).cloned().unwrap_or(mine);
    let drive_type = reference.and_then(|r| r.get("driveType")).cloned().unwrap_or(json!("business"));
    let mut item = json!({
        "id": id, "name": name, "size": 0,
        "createdDateTime": now, "lastModifiedDateTime": now,
        "createdBy": who, "lastModifiedBy": who,
        "eTag": format!("\"{{{id}}},1\""),
        "fileSystemInfo": {"createdDateTime": now, "lastModifiedDateTime": now},
        "parentReference": {"driveId": drive_id, "driveType": drive_type, "id": parent},
    });
    item[facet.0] = facet.1;
    tenant.drive_items.insert(item);
    id
}

fn respond(state: &SharedState, parts: &Parts, tenant: &Tenant, status: StatusCode, id: &str) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(parts))?;
    respond_with(state, &options, tenant, status, id)
}

pub(super) fn respond_with(
    state: &SharedState,
    options: &QueryOptions,
    tenant: &Tenant,
    status: StatusCode,
    id: &str,
) -> GraphResult<Response> {
    let cx = RenderContext { tenant, origin: &state.urls.origin, now: Utc::now() };
    let item = tenant.drive_items.get(id).ok_or_else(GraphError::item_not_found)?;
    let rendered = tree::render(&cx, item);
    Ok(entity_response(status, &rendered, context_url(state, tenant, "drive/items/$entity"), options))
}

/// `POST .../children`: a new folder.
pub fn create_folder(state: &SharedState, parts: &Parts, address: &Address, body: &Bytes) -> GraphResult<Response> {
    let input = parse_json_object(body)?;
    let name = input.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
    check_name(&name)?;
    if !input.get("folder").is_some_and(Value::is_object) {
        return Err(invalid("Only folders can be created this way: the body needs a folder facet."));
    }
    let conflict =
        Conflict::parse(input.get("@microsoft.graph.conflictBehavior").and_then(Value::as_str), Conflict::Fail)?;
    let mut tenant = state.write_tenant();
    let parent = tree::resolve(&tenant, address)?;
    if !tree::is_folder(parent) {
        return Err(invalid("The parent of a new folder must be a folder."));
    }
    let parent_id = tree::item_id(parent).to_owned();
    let name = match (sibling_named(&tenant, &parent_id, &name).map(|i| tree::item_id(i).to_owned()), conflict) {
        (None, _) => name,
        (Some(_), Conflict::Fail) => return Err(name_exists()),
        (Some(_), Conflict::Rename) => free_name(&tenant, &parent_id, &name),
        (Some(existing), Conflict::Replace) => {
            remove_tree(&mut tenant, &existing);
            name
        }
    };
    let id = new_item(&mut tenant, &parent_id, &name, ("folder", json!({"childCount": 0})));
    touch(&mut tenant, &parent_id);
    respond(state, parts, &tenant, StatusCode::CREATED, &id)
}

/// `PUT .../content`: replace a file's bytes, or create the file the path names.
pub fn upload(state: &SharedState, parts: &Parts, address: &Address, body: &Bytes) -> GraphResult<Response> {
    if body.len() > MAX_SIMPLE_UPLOAD {
        return Err(GraphError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalidRequest",
            "The file is too large for a simple upload; use an upload session.",
        ));
    }
    let query = url::form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "@microsoft.graph.conflictBehavior")
        .map(|(_, v)| v.into_owned());
    let conflict = Conflict::parse(query.as_deref(), Conflict::Replace)?;
    let mut tenant = state.write_tenant();
    let (id, status) = store_file(&mut tenant, address, conflict, body.to_vec(), name_exists)?;
    respond(state, parts, &tenant, status, &id)
}

/// Writes `bytes` to the file `address` names, creating it (201) or replacing it (200) as
/// `conflict` says; `on_conflict` is the error when it says `fail` and the name is taken.
pub(super) fn store_file(
    tenant: &mut Tenant,
    address: &Address,
    conflict: Conflict,
    bytes: Vec<u8>,
    on_conflict: fn() -> GraphError,
) -> GraphResult<(String, StatusCode)> {
    let existing = tree::resolve(tenant, address).ok().map(|i| (tree::item_id(i).to_owned(), i.get("file").is_some()));
    let (id, status) = match existing {
        Some((_, false)) => return Err(invalid("Cannot upload content to a folder.")),
        Some((_, true)) if conflict == Conflict::Fail => return Err(on_conflict()),
        Some((id, true)) if conflict == Conflict::Replace => {
            super::versions::keep_current(tenant, &id);
            (id, StatusCode::OK)
        }
        _ => {
            let (name, parent_id) = new_file_target(tenant, address)?;
            let name = if existing.is_some() { free_name(tenant, &parent_id, &name) } else { name };
            let file = json!({"mimeType": mime_for(&name), "hashes": {}});
            let id = new_item(tenant, &parent_id, &name, ("file", file));
            touch(tenant, &parent_id);
            (id, StatusCode::CREATED)
        }
    };
    tenant.drive_items.update(&id, |item| item["size"] = json!(bytes.len()));
    // Shared so that downloads serve slices of it, never a copy.
    tenant.drive_content.insert(id.clone(), Content::Shared(bytes.into()));
    tenant.drive_hashes.forget(&id);
    touch(tenant, &id);
    Ok((id, status))
}

/// The name and parent folder id of a file an address names by path.
pub(super) fn new_file_target(tenant: &Tenant, address: &Address) -> GraphResult<(String, String)> {
    let (name, parent_address) = split_last(address)?;
    check_name(&name)?;
    let parent = tree::resolve(tenant, &parent_address)?;
    if !tree::is_folder(parent) {
        return Err(GraphError::item_not_found());
    }
    Ok((name, tree::item_id(parent).to_owned()))
}

/// The last path segment and the address of its parent.
fn split_last(address: &Address) -> GraphResult<(String, Address)> {
    let mut parent = address.clone();
    parent.action = Action::Item;
    let name = parent.path.pop().ok_or_else(GraphError::item_not_found)?;
    Ok((name, parent))
}

/// `PATCH` an item: rename and/or move (`parentReference.id`).
pub fn update(state: &SharedState, parts: &Parts, address: &Address, body: &Bytes) -> GraphResult<Response> {
    let input: Map<String, Value> = parse_json_object(body)?;
    let mut tenant = state.write_tenant();
    let item = tree::resolve(&tenant, address)?;
    let id = tree::item_id(item).to_owned();
    if item.get("root").is_some() {
        return Err(invalid("The root folder cannot be renamed or moved."));
    }
    let mut name = item.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut parent = tree::parent_id(item).unwrap_or_default().to_owned();
    if let Some(new_name) = input.get("name") {
        name = new_name.as_str().unwrap_or_default().to_owned();
        check_name(&name)?;
    }
    if let Some(new_parent) = input.get("parentReference").and_then(|p| p.get("id")).and_then(Value::as_str) {
        let target = tenant
            .drive_items
            .get(new_parent)
            .filter(|target| tree::drive_id_of(&tenant, target) == tree::drive_id_of(&tenant, item))
            .ok_or_else(GraphError::item_not_found)?;
        if !tree::is_folder(target) || new_parent == id || tree::is_below(&tenant, new_parent, &id) {
            return Err(invalid("An item cannot be moved into itself, below itself or into a file."));
        }
        parent = new_parent.to_owned();
    }
    if sibling_named(&tenant, &parent, &name).is_some_and(|other| tree::item_id(other) != id) {
        return Err(name_exists());
    }
    let old_parent = tree::parent_id(item).unwrap_or_default().to_owned();
    tenant.drive_items.update(&id, |item| {
        item["name"] = json!(name);
        if let Some(Value::Object(reference)) = item.get_mut("parentReference") {
            reference.insert("id".to_owned(), json!(parent));
            reference.remove("name");
        }
    });
    touch(&mut tenant, &id);
    if old_parent != parent {
        touch(&mut tenant, &old_parent);
        touch(&mut tenant, &parent);
    }
    respond(state, parts, &tenant, StatusCode::OK, &id)
}

pub(super) fn remove_tree(tenant: &mut Tenant, id: &str) {
    // Everything below, folder by folder (the children index knows them).
    let mut below: Vec<String> = Vec::new();
    let mut folders = vec![id.to_owned()];
    while let Some(folder) = folders.pop() {
        for child in tenant.drive_items.children(&folder) {
            let child = tree::item_id(child).to_owned();
            folders.push(child.clone());
            below.push(child);
        }
    }
    for gone in below.iter().map(String::as_str).chain([id]) {
        tenant.drive_items.remove(gone);
        tenant.drive_content.remove(gone);
        tenant.drive_hashes.forget(gone);
        tenant.drive_permissions.remove(gone);
        tenant.drive_versions.remove(gone);
    }
}

/// `DELETE` an item and everything below it: to the recycle bin, or for good with
/// `permanentDelete`.
pub fn delete(state: &SharedState, address: &Address, to_recycle_bin: bool) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    let item = tree::resolve(&tenant, address)?;
    if item.get("root").is_some() {
        return Err(GraphError::new(StatusCode::FORBIDDEN, "accessDenied", "The root folder cannot be deleted."));
    }
    let id = tree::item_id(item).to_owned();
    let parent = tree::parent_id(item).unwrap_or_default().to_owned();
    if to_recycle_bin {
        // What the recycle bin holds: the item as it was, where it was (its subtree goes with it).
        let path = tree::folder_path(&tenant, &parent);
        let mut kept = item.clone();
        kept["parentReference"]["path"] = json!(path);
        tenant.drive_recycle_bin.push(kept);
    }
    remove_tree(&mut tenant, &id);
    touch(&mut tenant, &parent);
    Ok(StatusCode::NO_CONTENT.into_response())
}
