//! Mail: folders (nested), message lists with a lean `$select`, one message with its body and
//! attachment list, attachment bytes (graph-facts §3.1–3.3). Writing and organising mail live
//! in the submodules: `compose` (send, drafts), `respond` (reply, forward), `organise` (bulk
//! changes through `$batch`), `attachments` and `upload` (files in and out), `filenames`
//! (safe local names), `address` (typed recipients).
pub mod address;
pub mod attachments;
pub mod categories;
pub mod compose;
pub mod delta;
pub mod filenames;
pub mod folders;
pub mod organise;
pub mod quick_filters;
pub mod respond;
pub mod upload;

use std::collections::HashMap;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use super::client::GraphClient;
use super::dto::{Attachment, MailFolder, Message};
use super::encode::encode_segment;
use super::error::{GraphError, GraphResult};
use super::paging::{collect, items, page_size};
use super::query::{Filter, Order, Query};
use super::request::Request;

/// Messages pages hold at most 1000 (graph-facts §2.4).
pub const MESSAGES_MAX_PAGE: usize = 1000;
/// Folder pages: undocumented maximum; the simulator and Exchange accept this.
const FOLDERS_MAX_PAGE: usize = 250;
/// Graph allows four concurrent requests per mailbox (graph-facts §2.3).
const MAILBOX_CONCURRENCY: usize = 4;

/// What a message list shows: enough for a line per message, no body. `toRecipients` is what
/// a list of sent mail shows; `conversationIndex` places a message in its thread.
pub const SUMMARY_FIELDS: [&str; 14] = [
    "id",
    "subject",
    "from",
    "toRecipients",
    "receivedDateTime",
    "isRead",
    "isDraft",
    "flag",
    "hasAttachments",
    "importance",
    "conversationId",
    "conversationIndex",
    "parentFolderId",
    "categories",
];

/// Well-known folder names Graph accepts in place of ids (graph-facts §3.1).
pub const WELL_KNOWN_FOLDERS: [&str; 9] = [
    "inbox",
    "drafts",
    "sentitems",
    "deleteditems",
    "junkemail",
    "archive",
    "outbox",
    "conversationhistory",
    "msgfolderroot",
];

/// A folder and its depth in the tree (0 = top level), in display order.
#[derive(Debug, Clone)]
pub struct FolderNode {
    pub folder: MailFolder,
    pub depth: usize,
}

/// Every folder of the mailbox, depth first: each folder followed by its children. Children
/// are fetched a level at a time, four requests at once; a tree deeper than `MAX_FOLDER_DEPTH`
/// (only a hostile server sends one) is cut there.
pub async fn list_folders(client: &GraphClient) -> GraphResult<Vec<FolderNode>> {
    let top: Vec<MailFolder> = collect(client, folders_request(client, "mailFolders"), None).await?;
    let mut children_of: HashMap<String, Vec<MailFolder>> = HashMap::new();
    let mut frontier = parents_among(&top);
    for _ in 0..MAX_FOLDER_DEPTH {
        if frontier.is_empty() {
            break;
        }
        let fetched: Vec<(String, Vec<MailFolder>)> = stream::iter(frontier)
            .map(|id| async move {
                let path = format!("mailFolders/{}/childFolders", encode_segment(&id));
                Ok::<_, GraphError>((id, collect(client, folders_request(client, &path), None).await?))
            })
            .buffered(MAILBOX_CONCURRENCY)
            .try_collect()
            .await?;
        frontier = fetched.iter().flat_map(|(_, kids)| parents_among(kids)).collect();
        children_of.extend(fetched);
    }
    let mut out = Vec::new();
    for folder in top {
        push_depth_first(&mut out, folder, 0, &mut children_of);
    }
    Ok(out)
}

const MAX_FOLDER_DEPTH: usize = 32;

fn parents_among(folders: &[MailFolder]) -> Vec<String> {
    folders.iter().filter(|f| f.child_folder_count.unwrap_or(0) > 0).map(|f| f.id.clone()).collect()
}

fn push_depth_first(
    out: &mut Vec<FolderNode>,
    folder: MailFolder,
    depth: usize,
    children_of: &mut HashMap<String, Vec<MailFolder>>,
) {
    // `remove` also stops a server-made cycle from recursing forever.
    let kids = children_of.remove(&folder.id).unwrap_or_default();
    out.push(FolderNode { folder, depth });
    for kid in kids {
        push_depth_first(out, kid, depth + 1, children_of);
    }
}

fn folders_request(client: &GraphClient, path: &str) -> Request {
    Request::get(client.resource_path(path)).with_param("$top", FOLDERS_MAX_PAGE)
}

/// A folder by well-known name, display name (any case; `Inbox/Projects` for a nested one) or id.
pub async fn resolve_folder(client: &GraphClient, name_or_id: &str) -> GraphResult<MailFolder> {
    let wanted = name_or_id.trim().trim_matches('/');
    let well_known = wanted.to_ascii_lowercase().replace(' ', "");
    if WELL_KNOWN_FOLDERS.contains(&well_known.as_str()) {
        return get_folder(client, &well_known).await;
    }
    let folders = list_folders(client).await?;
    if let Some(found) = find_by_path(&folders, wanted) {
        return Ok(found);
    }
    match get_folder(client, wanted).await {
        Err(e) if e.is_not_found() || e.api().is_some_and(|a| a.status == 400) => {
            Err(GraphError::NotFound(format!("no mail folder named `{wanted}` (see `o365 mail folders`)")))
        }
        other => other,
    }
}

/// Finds `A/B/C` (or a bare name anywhere in the tree) among depth-first folder nodes.
fn find_by_path(nodes: &[FolderNode], wanted: &str) -> Option<MailFolder> {
    let mut path: Vec<&str> = Vec::new();
    for node in nodes {
        let name = node.folder.display_name.as_deref().unwrap_or("");
        path.truncate(node.depth);
        path.push(name);
        let full = path.join("/");
        if full.eq_ignore_ascii_case(wanted) || (!wanted.contains('/') && name.eq_ignore_ascii_case(wanted)) {
            return Some(node.folder.clone());
        }
    }
    None
}

pub async fn get_folder(client: &GraphClient, id: &str) -> GraphResult<MailFolder> {
    client.json(Request::get(client.resource_path(&format!("mailFolders/{}", encode_segment(id))))).await
}

/// How to list messages.
#[derive(Debug, Clone, Default)]
pub struct MessageFilter {
    /// Graph `$search` text (KQL); Graph cannot combine it with `$filter` or `$orderby`.
    pub search: Option<String>,
    pub unread_only: bool,
}

/// The request for a folder's messages (all folders when `folder_id` is `None`), newest first.
pub fn messages_request(
    client: &GraphClient,
    folder_id: Option<&str>,
    filter: &MessageFilter,
    limit: Option<usize>,
) -> Request {
    let path = match folder_id {
        Some(id) => client.resource_path(&format!("mailFolders/{}/messages", encode_segment(id))),
        None => client.resource_path("messages"),
    };
    let mut query = Query::new().select(SUMMARY_FIELDS).top(page_size(limit, MESSAGES_MAX_PAGE) as u32);
    match &filter.search {
        // Search results come ranked by date already; unread is applied by the caller.
        Some(text) => query = query.search(text),
        None => {
            query = query.order_by("receivedDateTime", Order::Desc);
            if filter.unread_only {
                // $orderby properties must lead the $filter (InefficientFilter, graph-facts §2.5).
                let since_ever = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
                query = query.filter(Filter::ge("receivedDateTime", since_ever).and(Filter::eq("isRead", false)));
            }
        }
    }
    Request::get(path).with_query(query.to_pairs())
}

/// Messages of a folder (or all folders), newest first, up to `limit`, as they arrive page by
/// page: a long listing is printed while later pages are still coming, and never held whole.
pub fn message_stream(
    client: &GraphClient,
    folder_id: Option<&str>,
    filter: &MessageFilter,
    limit: Option<usize>,
) -> BoxStream<'static, GraphResult<Message>> {
    let all = limit.unwrap_or(usize::MAX);
    if filter.search.is_some() && filter.unread_only {
        // Graph cannot combine $search with $filter (graph-facts §2.5): unread is applied here,
        // so the limit counts unread results, not results.
        let request = messages_request(client, folder_id, filter, None);
        return items::<Message>(client.clone(), request, None)
            .try_filter(|m| std::future::ready(m.is_read == Some(false)))
            .take(all)
            .boxed();
    }
    items(client.clone(), messages_request(client, folder_id, filter, limit), limit).boxed()
}

/// `message_stream`, collected.
pub async fn list_messages(
    client: &GraphClient,
    folder_id: Option<&str>,
    filter: &MessageFilter,
    limit: Option<usize>,
) -> GraphResult<Vec<Message>> {
    message_stream(client, folder_id, filter, limit).try_collect().await
}

/// One message with every property and its body, plus its attachments' metadata (no bytes).
pub async fn get_message(client: &GraphClient, id: &str) -> GraphResult<(Message, Vec<Attachment>)> {
    let base = client.resource_path(&format!("messages/{}", encode_segment(id)));
    let message: Message = client.json(Request::get(base.clone())).await?;
    let attachments = if message.has_attachments == Some(true) || body_mentions_cid(&message) {
        let query = Query::new().select(["id", "name", "contentType", "size", "isInline", "lastModifiedDateTime"]);
        collect(client, Request::get(format!("{base}/attachments")).with_query(query.to_pairs()), None).await?
    } else {
        Vec::new()
    };
    Ok((message, attachments))
}

/// Inline images do not set `hasAttachments`, yet the body refers to them by `cid:`.
fn body_mentions_cid(message: &Message) -> bool {
    message.body.as_ref().and_then(|b| b.content.as_deref()).is_some_and(|c| c.contains("cid:"))
}

/// The raw bytes of an attachment.
pub async fn attachment_bytes(client: &GraphClient, message_id: &str, attachment_id: &str) -> GraphResult<Vec<u8>> {
    let path = client.resource_path(&format!(
        "messages/{}/attachments/{}/$value",
        encode_segment(message_id),
        encode_segment(attachment_id)
    ));
    Ok(client.send(Request::get(path)).await?.body)
}
