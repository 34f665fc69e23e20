//! Delta rounds on mail (graph-facts §2.8): a folder's messages with the fields a list shows
//! (`SUMMARY_FIELDS`), and the folder tree. A round starts here or at a stored deltaLink
//! (`delta::resume` with the same request as template, so the page size preference is kept).
use super::super::client::GraphClient;
use super::super::encode::encode_segment;
use super::super::query::Query;
use super::super::request::Request;
use super::{MESSAGES_MAX_PAGE, SUMMARY_FIELDS};

/// Folders per delta page: a mailbox has tens to hundreds of them.
const FOLDERS_DELTA_PAGE: u32 = 250;

/// The first request of a round over a folder's messages: the list's fields, pages as large as
/// Graph gives (`Prefer: odata.maxpagesize`; delta takes no `$top`).
pub fn messages_delta_request(client: &GraphClient, folder_id: &str) -> Request {
    let path = client.resource_path(&format!("mailFolders/{}/messages/delta", encode_segment(folder_id)));
    Request::get(path)
        .with_query(Query::new().select(SUMMARY_FIELDS).to_pairs())
        .with_max_page_size(MESSAGES_MAX_PAGE as u32)
}

/// The first request of a round over the mailbox's folders (every level, flat).
pub fn folders_delta_request(client: &GraphClient) -> Request {
    Request::get(client.resource_path("mailFolders/delta")).with_max_page_size(FOLDERS_DELTA_PAGE)
}
