//! File versions (driveitem-list-versions, driveitemversion-restore) and the recent files list
//! (drive-recent). Replacing a file's bytes keeps the bytes it had as a version; listing shows
//! the current version first; restoring makes an old version current, keeping the replaced
//! bytes as one more version, as OneDrive does.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Value, json};

use super::address::Address;
use super::tree::{self, RenderContext};
use super::writes::touch;
use crate::SharedState;
use crate::errors::{GraphError, GraphResult};
use crate::store::{Content, Tenant};

/// One earlier version of a file.
#[derive(Debug, Clone)]
pub struct Version {
    content: Content,
    modified: Value,
    modified_by: Value,
}

/// Keeps the current bytes of file `id` as a version, before they are replaced.
pub fn keep_current(tenant: &mut Tenant, id: &str) {
    let Some(content) = tenant.drive_content.get(id).cloned() else { return };
    let item = tenant.drive_items.get(id);
    let modified = item.and_then(|i| i.get("lastModifiedDateTime")).cloned().unwrap_or(Value::Null);
    let modified_by = item.and_then(|i| i.get("lastModifiedBy")).cloned().unwrap_or(Value::Null);
    tenant.drive_versions.entry(id.to_owned()).or_default().push(Version { content, modified, modified_by });
}

fn version_json(number: usize, size: u64, modified: &Value, by: &Value) -> Value {
    json!({"id": format!("{number}.0"), "size": size, "lastModifiedDateTime": modified, "lastModifiedBy": by})
}

/// `GET .../versions`: the current version, then the older ones, newest first.
pub fn list(state: &SharedState, tenant: &Tenant, item: &Value) -> GraphResult<Response> {
    if item.get("file").is_none() {
        return Err(GraphError::new(StatusCode::BAD_REQUEST, "invalidRequest", "Folders have no versions."));
    }
    let id = tree::item_id(item);
    let older = tenant.drive_versions.get(id).map(Vec::as_slice).unwrap_or_default();
    let size = tenant.drive_content.get(id).map_or(0, Content::len);
    let mut value = vec![version_json(older.len() + 1, size, &item["lastModifiedDateTime"], &item["lastModifiedBy"])];
    for (n, version) in older.iter().enumerate().rev() {
        value.push(version_json(n + 1, version.content.len(), &version.modified, &version.modified_by));
    }
    let context = format!("{}/graph/v1.0/$metadata#Collection(driveItemVersion)", state.urls.origin);
    Ok(axum::Json(json!({"@odata.context": context, "value": value})).into_response())
}

/// `POST .../versions/{id}/restoreVersion`: 204.
pub fn restore(state: &SharedState, address: &Address, version: &str) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    let item = tree::resolve(&tenant, address)?;
    let id = tree::item_id(item).to_owned();
    let older = tenant.drive_versions.get(&id).map_or(0, Vec::len);
    let number: usize = version.strip_suffix(".0").unwrap_or(version).parse().unwrap_or(0);
    if number == older + 1 {
        return Err(GraphError::new(StatusCode::BAD_REQUEST, "invalidRequest", "That version is the current one."));
    }
    let Some(chosen) = number.checked_sub(1).and_then(|i| tenant.drive_versions.get(&id)?.get(i).cloned()) else {
        return Err(GraphError::item_not_found());
    };
    keep_current(&mut tenant, &id);
    let size = chosen.content.len();
    tenant.drive_content.insert(id.clone(), chosen.content);
    tenant.drive_hashes.forget(&id);
    tenant.drive_items.update(&id, |item| item["size"] = json!(size));
    touch(&mut tenant, &id);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Most items the recent list holds.
const RECENT: usize = 50;

/// `GET /me/drive/recent`: the owner's files, last changed first.
pub fn recent(state: &SharedState, tenant: &Tenant) -> GraphResult<Response> {
    let cx = RenderContext { tenant, origin: &state.urls.origin, now: Utc::now() };
    let mine = tree::my_drive_id(tenant);
    let mut files: Vec<&Value> =
        tenant.drive_items.iter().filter(|i| i.get("file").is_some() && tree::drive_id_of(tenant, i) == mine).collect();
    let modified = |i: &Value| i.get("lastModifiedDateTime").and_then(Value::as_str).unwrap_or_default().to_owned();
    files.sort_by_key(|i| std::cmp::Reverse(modified(i)));
    let value: Vec<Value> = files.into_iter().take(RECENT).map(|i| tree::render(&cx, i)).collect();
    let context = format!("{}/graph/v1.0/$metadata#Collection(driveItem)", state.urls.origin);
    Ok(axum::Json(json!({"@odata.context": context, "value": value})).into_response())
}
