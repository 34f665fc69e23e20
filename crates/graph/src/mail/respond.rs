//! Replies and forwards the way Outlook makes them: `createReply` / `createReplyAll` /
//! `createForward` give a draft in the same conversation with the original quoted; our text is
//! put above the quote with a PATCH, extra recipients added, then the draft is sent
//! (graph-facts §3.2). A failed send leaves the draft in Drafts.
use crate::client::{GraphClient, to_body};
use crate::dto::{CommentRequest, ItemBody, Message, MessagePatch, Recipient};
use crate::encode::encode_segment;
use crate::error::GraphResult;
use crate::request::Request;

use super::compose::{SendFailure, is_html, send_draft, update_draft};
use super::upload::{OutgoingAttachment, add_attachment};

/// Which response to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    Reply,
    ReplyAll,
    Forward,
}

impl ResponseKind {
    fn action(self) -> &'static str {
        match self {
            ResponseKind::Reply => "createReply",
            ResponseKind::ReplyAll => "createReplyAll",
            ResponseKind::Forward => "createForward",
        }
    }
}

/// What the user wrote for a reply or forward.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResponseText {
    pub body: String,
    pub html: bool,
    /// Forward recipients (required for a forward), or extra To recipients of a reply.
    pub to: Vec<Recipient>,
    /// Added to the Cc the service worked out.
    pub cc: Vec<Recipient>,
    pub attachments: Vec<OutgoingAttachment>,
}

/// Makes the response draft with the text above the quoted original and returns it, unsent.
pub async fn create_response(
    client: &GraphClient,
    original_id: &str,
    kind: ResponseKind,
    text: &ResponseText,
) -> GraphResult<Message> {
    let path = client.resource_path(&format!("messages/{}/{}", encode_segment(original_id), kind.action()));
    let request = match kind {
        // Forward recipients must be in the create call (both places or neither is a 400, §3.2).
        ResponseKind::Forward => CommentRequest { to_recipients: Some(text.to.clone()), ..CommentRequest::default() },
        _ => CommentRequest::default(),
    };
    let draft: Message = client.json(Request::post(path).with_json(to_body(&request)?)).await?;
    let quoted = draft.body.clone().unwrap_or_else(|| ItemBody::html(""));
    let mut patch =
        MessagePatch { body: Some(put_above_quote(&quoted, &text.body, text.html)), ..MessagePatch::default() };
    if kind != ResponseKind::Forward && !text.to.is_empty() {
        patch.to_recipients = Some(merged(&draft.to_recipients, &text.to));
    }
    if !text.cc.is_empty() {
        patch.cc_recipients = Some(merged(&draft.cc_recipients, &text.cc));
    }
    let draft = update_draft(client, &draft.id, &patch).await?;
    for attachment in &text.attachments {
        add_attachment(client, &draft.id, attachment, &mut |_, _| {}).await?;
    }
    Ok(draft)
}

/// Replies, replies to all, or forwards, and sends. On failure after the draft was made, the
/// draft (with the text) stays in Drafts and `SendFailure::draft_id` names it.
pub async fn respond(
    client: &GraphClient,
    original_id: &str,
    kind: ResponseKind,
    text: &ResponseText,
) -> Result<(), SendFailure> {
    let draft =
        create_response(client, original_id, kind, text).await.map_err(|e| SendFailure::before_send(e, None))?;
    send_draft(client, &draft.id).await.map_err(|e| SendFailure::at_send(e, Some(draft.id.clone())))
}

/// `list` followed by those of `extra` whose address it does not have yet.
fn merged(list: &[Recipient], extra: &[Recipient]) -> Vec<Recipient> {
    let address =
        |r: &Recipient| r.email_address.as_ref().and_then(|e| e.address.as_deref()).unwrap_or("").to_ascii_lowercase();
    let mut out = list.to_vec();
    for r in extra {
        if !out.iter().any(|o| address(o) == address(r)) {
            out.push(r.clone());
        }
    }
    out
}

/// The service's quoted body with `text` placed at the top: inside `<body>` for HTML (where
/// Outlook puts it), above the quote separated by a blank line for plain text.
pub fn put_above_quote(quoted: &ItemBody, text: &str, text_is_html: bool) -> ItemBody {
    let content = quoted.content.as_deref().unwrap_or("");
    if !is_html(quoted) {
        if text_is_html {
            return ItemBody::html(&format!("<div>{text}</div><hr><pre>{}</pre>", escape_html(content)));
        }
        return ItemBody::text(&format!("{text}\n\n{content}"));
    }
    let ours = if text_is_html { format!("<div>{text}</div>") } else { text_as_html(text) };
    let at = body_open_end(content).unwrap_or(0);
    ItemBody::html(&format!("{}{ours}{}", &content[..at], &content[at..]))
}

/// Where the content of `<body ...>` starts, if there is a body tag.
fn body_open_end(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<body") {
        let start = from + i;
        let next = lower.as_bytes().get(start + 5).copied();
        if matches!(next, Some(b'>') | Some(b' ') | Some(b'\t') | Some(b'\n') | Some(b'\r')) {
            return lower[start..].find('>').map(|j| start + j + 1);
        }
        from = start + 5;
    }
    None
}

/// Plain text as HTML paragraphs that keep its lines.
pub fn text_as_html(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(escape_html).collect();
    format!("<div style=\"white-space: pre-wrap\">{}</div>", lines.join("<br>"))
}

pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_goes_inside_the_body_above_the_quote() {
        let quoted = ItemBody::html("<html><BODY class=\"x\"><hr>From: a</body></html>");
        let out = put_above_quote(&quoted, "Fine by me.\n<3 & bye", false);
        assert_eq!(
            out.content.as_deref().unwrap(),
            "<html><BODY class=\"x\"><div style=\"white-space: pre-wrap\">Fine by me.<br>&lt;3 &amp; bye</div><hr>From: a</body></html>"
        );
        let no_body = put_above_quote(&ItemBody::html("<hr>quote"), "<b>hi</b>", true);
        assert_eq!(no_body.content.as_deref().unwrap(), "<div><b>hi</b></div><hr>quote");
        let text = put_above_quote(&ItemBody::text("> old"), "new", false);
        assert_eq!(text.content.as_deref().unwrap(), "new\n\n> old");
        assert!(!is_html(&text));
    }

    #[test]
    fn body_tag_is_not_confused_with_bodyfoo() {
        assert_eq!(body_open_end("<bodyx><body>"), Some(13));
        assert_eq!(body_open_end("<p>"), None);
    }
}
