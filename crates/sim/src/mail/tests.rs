//! Endpoint tests for mail.
mod categories;
mod delta;
mod listing;
mod reads;
mod writes;

use serde_json::Value;

pub(super) const ROOT: &str = "/graph/v1.0";

pub(super) fn ids(body: &Value) -> Vec<String> {
    body["value"].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect()
}
