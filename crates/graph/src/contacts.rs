//! Contacts of the user's default contacts folder (graph-facts §3.7).
use super::client::GraphClient;
use super::dto::Contact;
use super::error::GraphResult;
use super::paging::{collect, page_size};
use super::query::{Order, Query};
use super::request::Request;

/// Contact pages: undocumented maximum; Exchange and the simulator accept this.
const CONTACTS_MAX_PAGE: usize = 1000;

pub async fn list_contacts(client: &GraphClient, limit: Option<usize>) -> GraphResult<Vec<Contact>> {
    let query = Query::new().order_by("displayName", Order::Asc).top(page_size(limit, CONTACTS_MAX_PAGE) as u32);
    collect(client, Request::get(client.resource_path("contacts")).with_query(query.to_pairs()), limit).await
}
