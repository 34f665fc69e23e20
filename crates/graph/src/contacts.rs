//! Contacts and contact folders (graph-facts §3.7; learn.microsoft.com user-list-contacts,
//! user-list-contactfolders, contact-update): the default Contacts folder (`/me/contacts`), the
//! folders inside it, reads, writes, and finding one contact by what a person types.
mod body;
pub mod delta;
mod find;

pub use body::{SETTABLE, contact_body};
pub use find::{matches, pick_contact, resolve_contact};

use super::client::{GraphClient, to_body};
use super::dto::{Contact, ContactFolder};
use super::encode::encode_segment;
use super::error::GraphResult;
use super::paging::{collect, page_size};
use super::query::{Order, Query};
use super::request::Request;

/// Contact pages: undocumented maximum; Exchange and the simulator accept this.
const CONTACTS_MAX_PAGE: usize = 1000;

fn listing(path: String, limit: Option<usize>) -> Request {
    let query = Query::new().order_by("displayName", Order::Asc).top(page_size(limit, CONTACTS_MAX_PAGE) as u32);
    Request::get(path).with_query(query.to_pairs())
}

/// The contacts of the default Contacts folder, by name.
pub async fn list_contacts(client: &GraphClient, limit: Option<usize>) -> GraphResult<Vec<Contact>> {
    collect(client, listing(client.resource_path("contacts"), limit), limit).await
}

/// The contacts of one folder (an id from `list_contact_folders`), by name.
pub async fn list_folder_contacts(
    client: &GraphClient,
    folder_id: &str,
    limit: Option<usize>,
) -> GraphResult<Vec<Contact>> {
    let path = client.resource_path(&format!("contactFolders/{}/contacts", encode_segment(folder_id)));
    collect(client, listing(path, limit), limit).await
}

/// The folders inside the default Contacts folder (which is not listed itself).
pub async fn list_contact_folders(client: &GraphClient) -> GraphResult<Vec<ContactFolder>> {
    let request = Request::get(client.resource_path("contactFolders")).with_param("$top", 100);
    collect(client, request, None).await
}

/// `POST /me/contactFolders` → 201: a folder inside the default one.
pub async fn create_contact_folder(client: &GraphClient, name: &str) -> GraphResult<ContactFolder> {
    let body = serde_json::json!({ "displayName": name });
    client.json(Request::post(client.resource_path("contactFolders")).with_json(body)).await
}

/// Every contact: the default folder's, then each folder's (what `contacts export` writes).
pub async fn list_all_contacts(client: &GraphClient) -> GraphResult<Vec<Contact>> {
    let mut all = list_contacts(client, None).await?;
    for folder in list_contact_folders(client).await? {
        all.extend(list_folder_contacts(client, &folder.id, None).await?);
    }
    Ok(all)
}

fn contact_path(client: &GraphClient, id: &str) -> String {
    client.resource_path(&format!("contacts/{}", encode_segment(id)))
}

/// `GET /me/contacts/{id}` (a contact of any folder).
pub async fn get_contact(client: &GraphClient, id: &str) -> GraphResult<Contact> {
    client.json(Request::get(contact_path(client, id))).await
}

/// `POST /me/contacts` (the default folder) or `/me/contactFolders/{id}/contacts` → 201. The
/// body carries every settable field `contact` has (`contact_body`).
pub async fn create_contact(client: &GraphClient, folder_id: Option<&str>, contact: &Contact) -> GraphResult<Contact> {
    let path = match folder_id {
        Some(folder) => client.resource_path(&format!("contactFolders/{}/contacts", encode_segment(folder))),
        None => client.resource_path("contacts"),
    };
    client.json(Request::post(path).with_json(contact_body(contact, false))).await
}

/// `PATCH /me/contacts/{id}` → 200 with the contact. Every settable field is sent, cleared
/// ones as `null` or `[]`, so the contact becomes exactly `contact`.
pub async fn replace_contact(client: &GraphClient, id: &str, contact: &Contact) -> GraphResult<Contact> {
    client.json(Request::patch(contact_path(client, id)).with_json(contact_body(contact, true))).await
}

/// `PATCH /me/contacts/{id}` with only the fields of `change` (a JSON object of Graph names).
pub async fn update_contact(client: &GraphClient, id: &str, change: &serde_json::Value) -> GraphResult<Contact> {
    client.json(Request::patch(contact_path(client, id)).with_json(to_body(change)?)).await
}

/// `DELETE /me/contacts/{id}` → 204.
pub async fn delete_contact(client: &GraphClient, id: &str) -> GraphResult<()> {
    client.send(Request::delete(contact_path(client, id))).await.map(drop)
}
