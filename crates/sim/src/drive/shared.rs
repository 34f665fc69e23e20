//! `/me/drive/sharedWithMe` (graph-facts §3.5b): items of other drives shared with the owner,
//! each carrying a `remoteItem` facet that names the drive and id to open it with. Microsoft
//! retired this endpoint in November 2026; the simulator still serves it so clients can be
//! tested both with answers and (with `Tenant::shared_with_me` emptied) without.
use axum::extract::State;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Map, Value, json};

use super::tree::{self, RenderContext};
use crate::SharedState;
use crate::calendar::requested_uri;
use crate::errors::GraphResult;
use crate::odata::QueryOptions;
use crate::paging::{PageRules, collection_response};

/// Keys copied from the remote item to the listed item and into `remoteItem`.
const COMMON: &[&str] = &["name", "size", "webUrl", "createdDateTime", "lastModifiedDateTime", "file", "folder"];

/// The listed item: the remote item's own id and summary, plus the `remoteItem` facet.
pub fn shared_entry(cx: &RenderContext<'_>, item: &Value) -> Value {
    let rendered = tree::render(cx, item);
    let mut remote = Map::new();
    let mut entry = Map::new();
    entry.insert("id".to_owned(), json!(tree::item_id(item)));
    for key in COMMON {
        if let Some(value) = rendered.get(*key) {
            remote.insert((*key).to_owned(), value.clone());
            entry.insert((*key).to_owned(), value.clone());
        }
    }
    remote.insert("id".to_owned(), json!(tree::item_id(item)));
    for key in ["createdBy", "lastModifiedBy", "shared"] {
        if let Some(value) = rendered.get(key) {
            remote.insert(key.to_owned(), value.clone());
        }
    }
    let reference = rendered.get("parentReference");
    let pick = |k: &str| reference.and_then(|r| r.get(k)).cloned().unwrap_or(Value::Null);
    remote.insert(
        "parentReference".to_owned(),
        json!({"driveId": pick("driveId"), "driveType": pick("driveType"), "id": pick("id")}),
    );
    entry.insert("remoteItem".to_owned(), Value::Object(remote));
    Value::Object(entry)
}

pub async fn shared_with_me(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    let cx = RenderContext { tenant: &tenant, origin: &state.urls.origin, now: Utc::now() };
    let entries: Vec<Value> = tenant
        .shared_with_me
        .iter()
        .filter_map(|id| tenant.drive_items.get(id))
        .map(|item| shared_entry(&cx, item))
        .collect();
    let refs: Vec<&Value> = entries.iter().collect();
    Ok(collection_response(&state, &uri, &options, PageRules::DRIVE, &refs, "Collection(driveItem)")?.into_response())
}
