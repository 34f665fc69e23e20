//! Delta queries on a drive (graph-facts §2.8, driveitem-delta): `GET /me/drive/root/delta` and
//! `GET /drives/{id}/root/delta`. The links carry one `token` parameter (next page and next round
//! alike); `token=latest` answers an empty page and a deltaLink from now. A round gives every
//! item of the drive (the first) or the items changed since, a deleted one as `{"id", "deleted":
//! {}}` (not `@removed`); `parentReference.path` is left out, as Graph does in delta answers. The
//! drive's change journal (`DriveItems::changes`) makes a round cost what changed. An unknown or
//! expired token gets 410.
use std::sync::Arc;

use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::Utc;
use serde_json::{Value, json};

use super::tree::{self, RenderContext};
use crate::SharedState;
use crate::delta::token::Round;
use crate::delta::{DRIVE, cut, page_with, round_of_with};
use crate::errors::GraphResult;
use crate::odata::{QueryOptions, project};
use crate::paging::{PageRules, preferred_page_size};
use crate::store::Tenant;

pub fn delta(
    state: &SharedState,
    tenant: &Tenant,
    drive_id: &str,
    uri: &Uri,
    headers: &HeaderMap,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(uri)?;
    let size = options
        .top
        .map(|top| top.min(PageRules::DRIVE.max_size))
        .unwrap_or_else(|| PageRules::DRIVE.with_preferred_size(preferred_page_size(headers)).default_size);
    // Items are noted under the drive they name (`DriveItems::changes`).
    let scope = drive_id;
    let changes = &tenant.drive_items.changes;
    let latest = url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .any(|(k, v)| k.eq_ignore_ascii_case("token") && v.eq_ignore_ascii_case("latest"));
    let round = match latest {
        // Nothing before now: an empty page whose deltaLink starts from here.
        true => Round::Changes { since: changes.now(), until: changes.now(), offset: 0 },
        false => round_of_with(uri, changes, scope, DRIVE)?,
    };
    let in_drive = |item: &Value| tree::drive_id_of(tenant, item) == drive_id;
    let id_of = |item: &Value| item.get("id").and_then(Value::as_str).map(Arc::<str>::from);
    let all: Vec<Arc<str>> = match round {
        Round::Full { .. } => tenant.drive_items.iter().filter(|i| in_drive(i)).filter_map(id_of).collect(),
        Round::Changes { since, until, .. } => changes.changed(scope, since, until),
    };
    let page_cut = cut(&all, round, size);
    let cx = RenderContext { tenant, origin: &state.urls.origin, now: Utc::now() };
    let items = page_cut
        .ids
        .iter()
        .map(|id| match tenant.drive_items.get(id).filter(|i| in_drive(i)) {
            Some(item) => {
                let mut shown = project(&tree::render(&cx, item), &options);
                if let Some(reference) = shown.get_mut("parentReference").and_then(Value::as_object_mut) {
                    reference.remove("path");
                }
                shown
            }
            None => json!({"id": &**id, "deleted": {}, "parentReference": {"driveId": drive_id}}),
        })
        .collect();
    Ok(page_with(state, uri, scope, items, &page_cut, "driveItem", DRIVE))
}
