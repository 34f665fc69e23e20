//! Outlook mail endpoints under `/me` (graph-facts §3.1–3.3): folders, messages, attachments,
//! MIME, the writes that move mail between folders like Exchange does, and delta queries.
pub mod attachments;
pub mod categories;
pub mod compose;
pub mod delta;
pub mod folders;
pub mod listing;
pub mod messages;
pub mod mime;
pub mod relocate;
pub mod respond;
pub mod upload;

use axum::Router;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use serde_json::{Map, Value};

use super::SharedState;
use super::errors::{GraphError, GraphResult};
use super::store::Tenant;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/me/mailFolders", get(folders::list_top).post(folders::create_top))
        .route("/me/mailFolders/delta", get(delta::folders))
        .route("/me/mailFolders/{folder}/messages/delta", get(delta::messages))
        .route("/me/mailFolders/{folder}", get(folders::get_folder).patch(folders::update).delete(folders::delete))
        .route("/me/mailFolders/{folder}/childFolders", get(folders::list_children).post(folders::create_child))
        .route("/me/mailFolders/{folder}/messages", get(messages::list_in_folder).post(compose::create_in_folder))
        .route(
            "/me/mailFolders/{folder}/messages/{id}",
            get(messages::get_in_folder).patch(messages::update_in_folder).delete(relocate::delete_in_folder),
        )
        .route("/me/mailFolders/{folder}/messages/{id}/$value", get(messages::mime_in_folder))
        .route("/me/messages", get(messages::list_all).post(compose::create_draft))
        .route("/me/messages/$count", get(messages::count_all))
        .route("/me/mailFolders/{folder}/messages/$count", get(messages::count_in_folder))
        .route("/me/mailFolders/{folder}/move", post(folders::move_folder))
        .route("/me/mailFolders/{folder}/copy", post(folders::copy_folder))
        .route("/me/messages/{id}", get(messages::get_one).patch(messages::update).delete(relocate::delete))
        .route("/me/messages/{id}/$value", get(messages::mime))
        .route("/me/messages/{id}/move", post(relocate::move_message))
        .route("/me/messages/{id}/copy", post(relocate::copy_message))
        .route("/me/messages/{id}/permanentDelete", post(relocate::permanent_delete))
        .route("/me/messages/{id}/send", post(compose::send_draft))
        .route("/me/messages/{id}/createReply", post(respond::create_reply))
        .route("/me/messages/{id}/createReplyAll", post(respond::create_reply_all))
        .route("/me/messages/{id}/createForward", post(respond::create_forward))
        .route("/me/messages/{id}/reply", post(respond::reply))
        .route("/me/messages/{id}/replyAll", post(respond::reply_all))
        .route("/me/messages/{id}/forward", post(respond::forward))
        .route("/me/messages/{id}/attachments", get(attachments::list).post(attachments::add))
        .route("/me/messages/{id}/attachments/{attachment}", get(attachments::get_one).delete(attachments::delete))
        .route("/me/messages/{id}/attachments/{attachment}/$value", get(attachments::raw))
        .route("/me/messages/{id}/attachments/createUploadSession", post(upload::create_session))
        .route("/me/sendMail", post(compose::send_mail))
        .route("/me/outlook/masterCategories", get(categories::list).post(categories::create))
        .route(
            "/me/outlook/masterCategories/{id}",
            get(categories::get_one).patch(categories::update).delete(categories::delete),
        )
}

/// The attachment upload session URLs, which take no Authorization header (graph-facts §3.3).
pub fn unauthenticated_routes() -> Router<SharedState> {
    Router::new().route("/upload/mail/{id}/{session}", axum::routing::put(upload::put_range).delete(upload::cancel))
}

/// `users('{owner id}')`, the start of every mailbox `@odata.context`.
pub fn owner_context(tenant: &Tenant) -> String {
    format!("users('{}')", tenant.me_id)
}

/// The message with this id (body included), or Outlook's 404.
pub fn message<'a>(tenant: &'a Tenant, id: &str) -> GraphResult<std::borrow::Cow<'a, Value>> {
    tenant.messages.get(id).ok_or_else(GraphError::outlook_not_found)
}

/// A request body that must be a JSON object (an empty body counts as `{}`).
pub fn json_object(body: &Bytes) -> GraphResult<Map<String, Value>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(GraphError::bad_request("The request body must be a JSON object.")),
        Err(e) => Err(GraphError::bad_request(format!("Unable to read JSON request payload. {e}"))),
    }
}

/// True when the request asked for text bodies (`Prefer: outlook.body-content-type="text"`).
pub fn prefers_text_body(headers: &HeaderMap) -> bool {
    super::paging::prefer_values(headers).any(|p| {
        p.split_once('=').is_some_and(|(k, v)| {
            k.trim().eq_ignore_ascii_case("outlook.body-content-type")
                && v.trim().trim_matches('"').eq_ignore_ascii_case("text")
        })
    })
}

/// The `Preference-Applied` value answering `prefers_text_body`.
pub const TEXT_BODY_APPLIED: &str = "outlook.body-content-type=\"text\"";

/// HTML to plain text the way Outlook renders a text body.
pub fn html_to_text(html: &str) -> String {
    html2text::config::plain_no_decorate()
        .string_from_read(html.as_bytes(), 10_000)
        .unwrap_or_else(|_| html.to_owned())
        .trim_end()
        .to_owned()
}

/// The first 255 characters of the body as text, like `bodyPreview`.
pub fn body_preview(body: &Value) -> String {
    let content = body.get("content").and_then(Value::as_str).unwrap_or("");
    let is_html = body.get("contentType").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("html"));
    let text = if is_html { html_to_text(content) } else { content.to_owned() };
    text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(255).collect()
}

/// A fresh change key and the matching `@odata.etag`, after any write.
pub fn touch(message: &mut Value, tenant_next: u64, now: &str) {
    let change_key = format!("CQAAABYAAA{tenant_next:010}");
    if let Some(map) = message.as_object_mut() {
        map.insert("lastModifiedDateTime".into(), Value::String(now.to_owned()));
        map.insert("@odata.etag".into(), Value::String(format!("W/\"{change_key}\"")));
        map.insert("changeKey".into(), Value::String(change_key));
    }
}

/// The owner as a recipient object.
pub fn owner_recipient(tenant: &Tenant) -> Value {
    let me = tenant.me();
    serde_json::json!({"emailAddress": {
        "name": me.get("displayName").cloned().unwrap_or(Value::Null),
        "address": me.get("mail").or_else(|| me.get("userPrincipalName")).cloned().unwrap_or(Value::Null),
    }})
}

#[cfg(test)]
mod tests;
