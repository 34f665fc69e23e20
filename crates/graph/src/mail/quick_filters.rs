//! A folder's messages through one OData `$filter` (built with the query builder), newest
//! first: what `o365 mail list`'s conditions and the TUI's quick filters load.
use super::SUMMARY_FIELDS;
use crate::client::GraphClient;
use crate::encode::encode_segment;
use crate::query::{Filter, Order, Query};
use crate::request::Request;

/// The first request of a folder's messages through `filter` (all folders when `folder_id` is
/// `None`), `page` to a page, newest first. Graph wants such a filter to lead with
/// `receivedDateTime`, the sort key (`InefficientFilter`, graph-facts §2.5).
pub fn filtered_request(client: &GraphClient, folder_id: Option<&str>, filter: Filter, page: u32) -> Request {
    let path = match folder_id {
        Some(id) => client.resource_path(&format!("mailFolders/{}/messages", encode_segment(id))),
        None => client.resource_path("messages"),
    };
    let query = Query::new().select(SUMMARY_FIELDS).top(page).order_by("receivedDateTime", Order::Desc).filter(filter);
    Request::get(path).with_query(query.to_pairs())
}
