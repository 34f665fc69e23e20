//! The mailbox's settings (learn.microsoft.com user-get-mailboxsettings,
//! user-update-mailboxsettings): automatic replies ("out of office"), time zone, working hours,
//! language. A change sends only what it names; the service answers with what it changed.
use super::client::{GraphClient, to_body};
use super::dto::{AutomaticRepliesSetting, MailboxSettings};
use super::error::GraphResult;
use super::request::Request;

fn path(client: &GraphClient) -> String {
    client.resource_path("mailboxSettings")
}

/// `GET /me/mailboxSettings`.
pub async fn get_mailbox_settings(client: &GraphClient) -> GraphResult<MailboxSettings> {
    client.json(Request::get(path(client))).await
}

/// `PATCH /me/mailboxSettings` with the fields `change` sets; the answer holds what changed.
pub async fn update_mailbox_settings(client: &GraphClient, change: &MailboxSettings) -> GraphResult<MailboxSettings> {
    client.json(Request::patch(path(client)).with_json(to_body(change)?)).await
}

/// Changes the automatic replies only (the fields `replies` sets; the others stay).
pub async fn set_automatic_replies(
    client: &GraphClient,
    replies: &AutomaticRepliesSetting,
) -> GraphResult<MailboxSettings> {
    let change = MailboxSettings { automatic_replies_setting: Some(replies.clone()), ..MailboxSettings::default() };
    update_mailbox_settings(client, &change).await
}
