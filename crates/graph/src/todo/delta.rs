//! Delta rounds on To Do (graph-facts §2.8, todotask-delta): the lists, and one list's tasks,
//! with pages as large as Graph gives (`Prefer: odata.maxpagesize`).
use super::super::client::GraphClient;
use super::super::encode::encode_segment;
use super::super::request::Request;

/// Items per delta page asked for (the service may give fewer).
const TODO_DELTA_PAGE: u32 = 200;

/// The first request of a round over the task lists.
pub fn lists_delta_request(client: &GraphClient) -> Request {
    Request::get(client.resource_path("todo/lists/delta")).with_max_page_size(TODO_DELTA_PAGE)
}

/// The first request of a round over one list's tasks.
pub fn tasks_delta_request(client: &GraphClient, list_id: &str) -> Request {
    let path = client.resource_path(&format!("todo/lists/{}/tasks/delta", encode_segment(list_id)));
    Request::get(path).with_max_page_size(TODO_DELTA_PAGE)
}
