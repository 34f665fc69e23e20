//! Message lists beside the plain folder listing: `$search` over a folder, the folder through
//! quick filters (`$filter`), a conversation across folders. Every query goes through the
//! OData builder, which quotes search text and escapes literals (graph-facts §2.5).
use futures::StreamExt;

use crate::domain;
use crate::tui::effect::mail_ops::ListQuery;
use crate::tui::msg::MessagePage;
use crate::tui::worker::MESSAGES_PAGE;
use o365_graph::client::GraphClient;
use o365_graph::dto;
use o365_graph::error::GraphResult;
use o365_graph::mail::quick_filters::filtered_request;
use o365_graph::mail::{self, MessageFilter, SUMMARY_FIELDS};
use o365_graph::paging::pages;
use o365_graph::query::{Filter, Order, Query};
use o365_graph::request::Request;

/// The first request of a list. Filters lead with `receivedDateTime`, the sort key, as Graph
/// demands of `$filter` with `$orderby` on messages (`InefficientFilter`, §2.5); a search
/// takes neither (`SearchWithFilter`, `SearchWithOrderBy`).
pub fn list_request(client: &GraphClient, folder_id: &str, query: &ListQuery) -> Request {
    let since_ever = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    let newest_first =
        || Query::new().select(SUMMARY_FIELDS).top(MESSAGES_PAGE as u32).order_by("receivedDateTime", Order::Desc);
    match query {
        ListQuery::Search(text) => {
            let filter = MessageFilter { search: Some(text.clone()), unread_only: false };
            mail::messages_request(client, Some(folder_id), &filter, Some(MESSAGES_PAGE))
        }
        ListQuery::Filter(filters) => filtered_request(client, Some(folder_id), filters.filter(), MESSAGES_PAGE as u32),
        ListQuery::Conversation(conversation_id) => {
            let filter = Filter::ge("receivedDateTime", since_ever).and(Filter::eq("conversationId", conversation_id));
            Request::get(client.resource_path("messages")).with_query(newest_first().filter(filter).to_pairs())
        }
    }
}

/// The first page of the list; more come through its nextLink like any folder page.
pub(super) async fn load(client: &GraphClient, folder_id: &str, query: &ListQuery) -> GraphResult<MessagePage> {
    let mut stream = Box::pin(pages::<dto::Message>(client.clone(), list_request(client, folder_id, query)));
    match stream.next().await {
        Some(page) => {
            let page = page?;
            Ok(MessagePage {
                items: page.value.iter().map(domain::MessageSummary::from).collect(),
                next_link: page.next_link,
            })
        }
        None => Ok(MessagePage { items: Vec::new(), next_link: None }),
    }
}
