//! Sharing drive items (driveitem-createlink, driveitem-list-permissions, permission-delete):
//! a view or edit link for the organisation or for anyone, with an expiry and, on links for
//! anyone, a password; who has access; removing a link.
use serde_json::json;

use super::location::DriveRoot;
use crate::client::GraphClient;
use crate::dto::Permission;
use crate::encode::encode_segment;
use crate::error::GraphResult;
use crate::paging::collect;
use crate::request::Request;

/// What a link lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    View,
    Edit,
}

/// Who a link works for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkScope {
    /// People in the organisation.
    Organization,
    /// Anyone with the link (`anonymous`).
    Anyone,
}

/// A sharing link to make.
#[derive(Debug, Clone)]
pub struct LinkRequest {
    pub kind: LinkKind,
    pub scope: LinkScope,
    /// RFC 3339, e.g. `2026-12-31T00:00:00Z`.
    pub expires: Option<String>,
    pub password: Option<String>,
}

/// `POST .../createLink`: the link (an existing one of the same kind and scope comes back as is).
pub async fn create_link(
    client: &GraphClient,
    drive: &DriveRoot,
    item_id: &str,
    link: &LinkRequest,
) -> GraphResult<Permission> {
    let mut body = json!({
        "type": match link.kind { LinkKind::View => "view", LinkKind::Edit => "edit" },
        "scope": match link.scope { LinkScope::Organization => "organization", LinkScope::Anyone => "anonymous" },
    });
    if let Some(expires) = &link.expires {
        body["expirationDateTime"] = json!(expires);
    }
    if let Some(password) = &link.password {
        body["password"] = json!(password);
    }
    client.json(Request::post(format!("{}/createLink", drive.item(item_id))).with_json(body)).await
}

/// `GET .../permissions`.
pub async fn list_permissions(client: &GraphClient, drive: &DriveRoot, item_id: &str) -> GraphResult<Vec<Permission>> {
    collect(client, Request::get(format!("{}/permissions", drive.item(item_id))), None).await
}

/// `DELETE .../permissions/{id}`.
pub async fn remove_permission(
    client: &GraphClient,
    drive: &DriveRoot,
    item_id: &str,
    permission_id: &str,
) -> GraphResult<()> {
    let path = format!("{}/permissions/{}", drive.item(item_id), encode_segment(permission_id));
    client.execute(Request::delete(path)).await.map(|_| ())
}
