//! Categories: the Outlook master list (`/me/outlook/masterCategories`: list, create, delete)
//! and the categories on messages (a PATCH of `categories`, through `$batch` like every bulk
//! change in `organise`).
//!
//! A PATCH replaces a message's whole list; Graph has no "add one" operation. So adding X to
//! 30 messages that each carry other categories means sending each message its own list plus
//! X. The caller says how a list changes (`rewrite`: a message's new list from its current
//! one); `edit_each` applies it to lists the caller already knows (the TUI's summaries carry
//! `categories`), and `edit_categories` first reads the lists (`$select=categories`, batched)
//! for callers that know nothing (the CLI). A change another client makes between that read
//! and the write is lost, as in Outlook's own clients.
use reqwest::Method;
use serde_json::json;

use super::organise::{self, Change, MessageOutcome};
use crate::batch::{BatchRequest, BatchResponse};
use crate::client::GraphClient;
use crate::dto::OutlookCategory;
use crate::encode::encode_segment;
use crate::error::{ApiError, GraphResult};
use crate::paging::collect;
use crate::request::Request;

fn master_path(client: &GraphClient) -> String {
    client.resource_path("outlook/masterCategories")
}

/// The user's master category list, in the service's order.
pub async fn list_master_categories(client: &GraphClient) -> GraphResult<Vec<OutlookCategory>> {
    collect(client, Request::get(master_path(client)), None).await
}

/// Adds `name` to the master list with `color` (`preset0` … `preset24`; `None` leaves it
/// colourless). A name already in the list is refused by the service (409).
pub async fn create_master_category(
    client: &GraphClient,
    name: &str,
    color: Option<&str>,
) -> GraphResult<OutlookCategory> {
    let body = json!({ "displayName": name, "color": color.unwrap_or("none") });
    client.json(Request::post(master_path(client)).with_json(body)).await
}

/// Removes a category from the master list; messages keep the name.
pub async fn delete_master_category(client: &GraphClient, id: &str) -> GraphResult<()> {
    client.send(Request::delete(format!("{}/{}", master_path(client), encode_segment(id)))).await?;
    Ok(())
}

/// Gives every message in `ids` the same list (`organise`'s `Change::Categories`).
pub async fn set_categories(
    client: &GraphClient,
    ids: &[String],
    categories: &[String],
    progress: impl FnMut(usize, usize),
) -> GraphResult<Vec<MessageOutcome>> {
    organise::apply(client, ids, &Change::Categories(categories.to_vec()), progress).await
}

fn message_url(client: &GraphClient, id: &str) -> String {
    format!("/{}", client.resource_path(&format!("messages/{}", encode_segment(id))))
}

/// Gives each message its own list: one PATCH per message, 20 per `$batch` call. One outcome
/// per message, in order.
pub async fn set_each(
    client: &GraphClient,
    lists: &[(String, Vec<String>)],
    progress: impl FnMut(usize, usize),
) -> GraphResult<Vec<MessageOutcome>> {
    let requests: Vec<BatchRequest> = lists
        .iter()
        .map(|(id, list)| {
            BatchRequest::new(Method::PATCH, message_url(client, id)).with_json(json!({ "categories": list }))
        })
        .collect();
    let answers = client.batch(&requests, progress).await?;
    Ok(lists.iter().zip(answers).map(|((id, _), answer)| written(id, &answer)).collect())
}

fn written(id: &str, answer: &BatchResponse) -> MessageOutcome {
    MessageOutcome { id: id.to_owned(), new_id: None, error: answer.error() }
}

/// `rewrite` applied to lists the caller knows: `(id, current list)`. Messages it leaves as
/// they are get no request (and an outcome without error).
pub async fn edit_each(
    client: &GraphClient,
    current: &[(String, Vec<String>)],
    rewrite: impl Fn(&[String]) -> Vec<String>,
    progress: impl FnMut(usize, usize),
) -> GraphResult<Vec<MessageOutcome>> {
    let changed: Vec<(String, Vec<String>)> = current
        .iter()
        .filter_map(|(id, list)| {
            let new = rewrite(list);
            (new != *list).then(|| (id.clone(), new))
        })
        .collect();
    let mut written = set_each(client, &changed, progress).await?.into_iter();
    let outcomes = current
        .iter()
        .map(|(id, _)| match changed.iter().any(|(c, _)| c == id) {
            true => written.next().unwrap_or_else(|| MessageOutcome { id: id.clone(), new_id: None, error: None }),
            false => MessageOutcome { id: id.clone(), new_id: None, error: None },
        })
        .collect();
    Ok(outcomes)
}

/// Each message's categories (`$select=categories`, 20 per `$batch` call), or why the service
/// would not say.
pub async fn categories_of(
    client: &GraphClient,
    ids: &[String],
) -> GraphResult<Vec<(String, Result<Vec<String>, ApiError>)>> {
    let requests: Vec<BatchRequest> = ids
        .iter()
        .map(|id| BatchRequest::new(Method::GET, format!("{}?$select=categories", message_url(client, id))))
        .collect();
    let answers = client.batch(&requests, |_, _| {}).await?;
    Ok(ids
        .iter()
        .zip(answers)
        .map(|(id, answer)| {
            let list = match answer.error() {
                Some(error) => Err(error),
                None => Ok(answer
                    .body
                    .as_ref()
                    .and_then(|b| b.get("categories"))
                    .and_then(|c| c.as_array())
                    .map(|c| c.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect())
                    .unwrap_or_default()),
            };
            (id.clone(), list)
        })
        .collect())
}

/// Reads each message's list, then writes those `rewrite` changes (see the module note). A
/// message that could not be read is reported with the read's error and not written.
pub async fn edit_categories(
    client: &GraphClient,
    ids: &[String],
    rewrite: impl Fn(&[String]) -> Vec<String>,
    progress: impl FnMut(usize, usize),
) -> GraphResult<Vec<MessageOutcome>> {
    let read = categories_of(client, ids).await?;
    let known: Vec<(String, Vec<String>)> =
        read.iter().filter_map(|(id, list)| list.as_ref().ok().map(|l| (id.clone(), l.clone()))).collect();
    let mut written = edit_each(client, &known, rewrite, progress).await?.into_iter();
    Ok(read
        .into_iter()
        .map(|(id, list)| match list {
            Err(error) => MessageOutcome { id, new_id: None, error: Some(error) },
            Ok(_) => written.next().unwrap_or(MessageOutcome { id, new_id: None, error: None }),
        })
        .collect())
}
