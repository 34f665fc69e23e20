//! Finding files and their past: search (`root/search(q='...')`, the text an OData string
//! with `'` doubled), the user's recent files, and a file's versions with restoring one.
use super::location::DriveRoot;
use crate::client::GraphClient;
use crate::dto::{DriveItem, DriveItemVersion};
use crate::encode::encode_segment;
use crate::error::GraphResult;
use crate::paging::collect;
use crate::request::Request;

/// `{drive}/root/search(q='text')`, the text's quotes doubled (graph-facts §2.5), then encoded.
pub fn search_path(drive: &DriveRoot, text: &str) -> String {
    format!("{}/root/search(q='{}')", drive.drive_path(), encode_segment(&text.replace('\'', "''")))
}

/// Items of the drive whose name or content matches `text`.
pub async fn search(
    client: &GraphClient,
    drive: &DriveRoot,
    text: &str,
    limit: Option<usize>,
) -> GraphResult<Vec<DriveItem>> {
    collect(client, Request::get(search_path(drive, text)), limit).await
}

/// The signed-in user's recently used files (`me/drive/recent`; delegated sign-ins only).
pub async fn recent(client: &GraphClient, limit: Option<usize>) -> GraphResult<Vec<DriveItem>> {
    collect(client, Request::get(client.resource_path("drive/recent")), limit).await
}

/// A file's versions, the current one first.
pub async fn list_versions(
    client: &GraphClient,
    drive: &DriveRoot,
    item_id: &str,
) -> GraphResult<Vec<DriveItemVersion>> {
    collect(client, Request::get(format!("{}/versions", drive.item(item_id))), None).await
}

/// Makes `version` the current one (the bytes it replaces become a version in turn).
pub async fn restore_version(client: &GraphClient, drive: &DriveRoot, item_id: &str, version: &str) -> GraphResult<()> {
    let path = format!("{}/versions/{}/restoreVersion", drive.item(item_id), encode_segment(version));
    client.execute(Request::post(path)).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_an_escaped_literal() {
        let drive = DriveRoot::new("me/drive");
        assert_eq!(search_path(&drive, "it's q3"), "me/drive/root/search(q='it%27%27s%20q3')");
    }
}
