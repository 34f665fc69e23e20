//! The drive as a tree over `Tenant::drive_items` (linked by `parentReference.id`): lookups
//! by name and path, and items as Graph returns them, with computed `folder.childCount`,
//! `parentReference.path`, `file.hashes` and a fresh `@microsoft.graph.downloadUrl` on files.
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::address::{Address, Base};
use super::download;
use crate::errors::{GraphError, GraphResult};
use crate::store::Tenant;

pub fn parent_id(item: &Value) -> Option<&str> {
    item.get("parentReference").and_then(|p| p.get("id")).and_then(Value::as_str)
}

pub fn item_id(item: &Value) -> &str {
    item.get("id").and_then(Value::as_str).unwrap_or_default()
}

fn name(item: &Value) -> &str {
    item.get("name").and_then(Value::as_str).unwrap_or_default()
}

pub fn is_folder(item: &Value) -> bool {
    item.get("folder").is_some() || item.get("root").is_some()
}

/// The drive an item belongs to (`parentReference.driveId`).
pub fn drive_of(item: &Value) -> Option<&str> {
    item.get("parentReference").and_then(|p| p.get("driveId")).and_then(Value::as_str)
}

/// The drive an item lives in; items that do not say are the owner's.
pub fn drive_id_of<'a>(tenant: &'a Tenant, item: &'a Value) -> &'a str {
    drive_of(item).unwrap_or_else(|| my_drive_id(tenant))
}

/// The owner's drive id.
pub fn my_drive_id(tenant: &Tenant) -> &str {
    tenant.drive.get("id").and_then(Value::as_str).unwrap_or_default()
}

/// A drive resource by id: the owner's or any other.
pub fn find_drive<'a>(tenant: &'a Tenant, drive_id: &str) -> Option<&'a Value> {
    if !tenant.drive.is_null() && my_drive_id(tenant) == drive_id {
        return Some(&tenant.drive);
    }
    tenant.drives.get(drive_id)
}

/// The root folder of a drive (the owner's for an empty id).
pub fn root<'a>(tenant: &'a Tenant, drive_id: &str) -> Option<&'a Value> {
    let drive_id = if drive_id.is_empty() { my_drive_id(tenant) } else { drive_id };
    let mine = drive_id == my_drive_id(tenant);
    let (_, id) = tenant.drive_items.roots().find(|(drive, _)| drive.map_or(mine, |d| d == drive_id))?;
    tenant.drive_items.get(id)
}

/// The children of a folder, by name (case-insensitive) as OneDrive lists them by default.
pub fn children<'a>(tenant: &'a Tenant, folder_id: &str) -> Vec<&'a Value> {
    tenant.drive_items.children(folder_id).collect()
}

/// Whether `id` lies strictly below `ancestor`.
pub fn is_below(tenant: &Tenant, id: &str, ancestor: &str) -> bool {
    let mut current = tenant.drive_items.get(id).and_then(parent_id);
    for _ in 0..1000 {
        match current {
            Some(p) if p == ancestor => return true,
            Some(p) => current = tenant.drive_items.get(p).and_then(parent_id),
            None => return false,
        }
    }
    false
}

/// `/drive/root:/A/B` for a folder `B` in `A` (the root itself is `/drive/root:`).
pub fn folder_path(tenant: &Tenant, folder_id: &str) -> String {
    let mut names = Vec::new();
    let mut current = tenant.drive_items.get(folder_id);
    while let Some(item) = current {
        if item.get("root").is_some() || names.len() > 1000 {
            break;
        }
        names.push(name(item).to_owned());
        current = parent_id(item).and_then(|p| tenant.drive_items.get(p));
    }
    names.reverse();
    let encoded: Vec<String> = names.iter().map(|n| n.replace('%', "%25")).collect();
    if encoded.is_empty() { "/drive/root:".to_owned() } else { format!("/drive/root:/{}", encoded.join("/")) }
}

/// The item an address names (before its action), or OneDrive's 404.
/// Items of other drives are not found through this one (ids are unique across drives).
pub fn resolve<'a>(tenant: &'a Tenant, address: &Address) -> GraphResult<&'a Value> {
    let drive_id = if address.drive_id.is_empty() { my_drive_id(tenant) } else { address.drive_id.as_str() };
    let mut item = match &address.base {
        Base::Root => root(tenant, drive_id),
        Base::Item(id) => tenant.drive_items.get(id),
        Base::Special(special) => tenant.drive_items.iter().find(|i| {
            i.get("specialFolder").and_then(|s| s.get("name")).and_then(Value::as_str) == Some(special.as_str())
        }),
    }
    .filter(|item| drive_id_of(tenant, item) == drive_id)
    .ok_or_else(GraphError::item_not_found)?;
    for segment in &address.path {
        // Names compare ignoring case, non-ASCII ones too.
        item = tenant.drive_items.child_named(item_id(item), segment).ok_or_else(GraphError::item_not_found)?;
    }
    Ok(item)
}

/// What a response needs besides the item itself.
pub struct RenderContext<'a> {
    pub tenant: &'a Tenant,
    pub origin: &'a str,
    pub now: DateTime<Utc>,
}

/// A stored item as Graph returns it.
pub fn render(cx: &RenderContext<'_>, item: &Value) -> Value {
    let mut out = item.clone();
    let id = item_id(item).to_owned();
    let Some(map) = out.as_object_mut() else { return out };
    if is_folder(item) {
        let count = cx.tenant.drive_items.child_count(&id);
        match map.get_mut("folder").and_then(Value::as_object_mut) {
            Some(folder) => {
                folder.insert("childCount".to_owned(), json!(count));
            }
            None => {
                map.insert("folder".to_owned(), json!({"childCount": count}));
            }
        }
    }
    if let Some(parent) = parent_id(item) {
        let path = folder_path(cx.tenant, parent);
        let drive_id = cx.tenant.drive.get("id").cloned().unwrap_or(Value::Null);
        let drive_type = cx.tenant.drive.get("driveType").cloned().unwrap_or(json!("business"));
        if let Some(reference) = map.get_mut("parentReference").and_then(Value::as_object_mut) {
            reference.insert("path".to_owned(), json!(path));
            reference.entry("driveId").or_insert(drive_id);
            reference.entry("driveType").or_insert(drive_type);
        }
    }
    if item.get("file").is_some() {
        let url = download::download_url(&cx.tenant.download_key, cx.origin, &id, cx.now);
        map.insert("@microsoft.graph.downloadUrl".to_owned(), json!(url));
        if let Some(content) = cx.tenant.drive_content.get(&id)
            && let Some(file) = map.get_mut("file").and_then(Value::as_object_mut)
        {
            // The hash of the bytes as they are now, computed the first time an answer shows it.
            let known = cx.tenant.drive_hashes.hashes(&id, content);
            let hashes = file.entry("hashes").or_insert_with(|| json!({}));
            if let Some(hashes) = hashes.as_object_mut() {
                hashes.insert("quickXorHash".to_owned(), json!(known.quick_xor));
                hashes.insert("sha256Hash".to_owned(), json!(known.sha256));
            }
        }
    }
    out
}
