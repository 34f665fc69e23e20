//! Linked resources of a To Do task (learn.microsoft.com resources/linkedresource,
//! todotask-post-linkedresources): the item a task came from, such as the message it was made
//! from, with a link back to it. Created with the task (`NewTask::linked_resources`) or later.
use super::task_path;
use crate::client::{GraphClient, to_body};
use crate::dto::{LinkedResource, Message};
use crate::error::GraphResult;
use crate::paging::collect;
use crate::request::Request;

/// The `applicationName` this client writes: the task detail says where the task came from.
pub const APPLICATION_NAME: &str = "o365-tui";

/// A link back to `message`: its Outlook web link, its subject and its id (`externalId`, which
/// the Tasks pane opens the message by).
pub fn message_link(message: &Message) -> LinkedResource {
    let subject = message.subject.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("(no subject)");
    LinkedResource {
        id: None,
        web_url: message.web_link.clone(),
        application_name: Some(APPLICATION_NAME.to_owned()),
        display_name: Some(subject.to_owned()),
        external_id: Some(message.id.clone()),
    }
}

fn linked_path(client: &GraphClient, list_id: &str, task_id: &str) -> String {
    format!("{}/linkedResources", task_path(client, list_id, task_id))
}

/// `GET .../tasks/{id}/linkedResources`.
pub async fn list_linked_resources(
    client: &GraphClient,
    list_id: &str,
    task_id: &str,
) -> GraphResult<Vec<LinkedResource>> {
    collect(client, Request::get(linked_path(client, list_id, task_id)), None).await
}

/// `POST .../tasks/{id}/linkedResources` → 201 with the linked resource.
pub async fn add_linked_resource(
    client: &GraphClient,
    list_id: &str,
    task_id: &str,
    linked: &LinkedResource,
) -> GraphResult<LinkedResource> {
    client.json(Request::post(linked_path(client, list_id, task_id)).with_json(to_body(linked)?)).await
}
