//! Delta rounds on contacts (graph-facts §2.8, contact-delta, contactfolder-delta): the folders
//! inside the default Contacts folder, and one folder's contacts (the default folder's too, by
//! its id: Graph gives it no well-known name here).
use super::super::client::GraphClient;
use super::super::dto::Contact;
use super::super::encode::encode_segment;
use super::super::error::GraphResult;
use super::super::paging::collect;
use super::super::request::Request;

/// Items per delta page asked for (the service may give fewer).
const CONTACTS_DELTA_PAGE: u32 = 500;

/// The first request of a round over the contact folders.
pub fn folders_delta_request(client: &GraphClient) -> Request {
    Request::get(client.resource_path("contactFolders/delta")).with_max_page_size(CONTACTS_DELTA_PAGE)
}

/// The first request of a round over one folder's contacts.
pub fn contacts_delta_request(client: &GraphClient, folder_id: &str) -> Request {
    let path = client.resource_path(&format!("contactFolders/{}/contacts/delta", encode_segment(folder_id)));
    Request::get(path).with_max_page_size(CONTACTS_DELTA_PAGE)
}

/// The default Contacts folder's id, from one of its contacts (`None` when it holds none; the
/// folders inside it name it as their parent too).
pub async fn default_folder_id(client: &GraphClient) -> GraphResult<Option<String>> {
    let request =
        Request::get(client.resource_path("contacts")).with_param("$top", 1).with_param("$select", "id,parentFolderId");
    let first: Vec<Contact> = collect(client, request, Some(1)).await?;
    Ok(first.into_iter().next().and_then(|c| c.parent_folder_id))
}
