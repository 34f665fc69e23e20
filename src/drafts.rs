//! Local drafts, shared by both faces: the full-screen interface writes one before a message
//! is sent, `o365 mail send` writes one when sending fails (and sends it again with `--draft
//! FILE`), and either face picks up what the other left (the interface offers them at start,
//! `C`). This is the file format (its own field names, never Graph's types, readable by every
//! version that wrote drafts); `files` reads and writes it.
mod files;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::domain::Body;

pub use files::{base_in, create_private, read_draft, remove_draft, write_draft};

/// What a local draft file holds: enough to reopen the compose exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDraft {
    pub to: String,
    pub cc: String,
    pub bcc: String,
    pub subject: String,
    pub body: String,
    /// `new`, `reply`, `reply-all`, `forward` or `draft`.
    pub kind: String,
    /// The server draft the text goes into (a reply's, a resumed or an already saved one).
    pub server_draft_id: Option<String>,
    /// Whether this compose made that server draft (discarding then deletes it).
    pub created_here: bool,
    /// The service's quoted original, kept below the text when sent. On disk as
    /// `{"contentType": "html"|"text", "content": …}`, the shape drafts have always had.
    #[serde(with = "quoted_on_disk")]
    pub quoted: Option<Body>,
    /// Files to attach that are not on the server draft yet.
    pub attachments: Vec<PathBuf>,
    /// Images to show inside the body (drafts written before these existed have none).
    #[serde(default)]
    pub inline_images: Vec<InlineImageFile>,
    /// An HTML draft from Drafts being edited as text.
    #[serde(default)]
    pub resumed_html: Option<ResumedHtml>,
    /// Whether the body is HTML, when the writer said so (`o365 mail send --html`); absent in
    /// the interface's drafts, whose bodies follow the account's `compose_format`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<bool>,
}

/// An HTML draft resumed for editing as text: its HTML and the text it was shown as. When the
/// text comes back unchanged the HTML goes back as it was; otherwise the text is the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumedHtml {
    pub html: String,
    pub text: String,
}

/// An inline image of a local draft: the file and the id the body refers to it by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineImageFile {
    pub path: PathBuf,
    pub content_id: String,
}

/// A leftover draft found at start-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Leftover {
    pub path: PathBuf,
    pub draft: LocalDraft,
}

/// The directories compose files live in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDir {
    /// Shared by every o365 process of this user (0700).
    pub base: PathBuf,
    /// This process's own directory inside `base` (0700).
    pub own: PathBuf,
}

impl DraftDir {
    /// A new file name in this process's directory (`draft-….json`, `edit-….txt`).
    pub fn new_path(&self, prefix: &str, extension: &str) -> PathBuf {
        self.own.join(format!("{prefix}-{}.{extension}", uuid::Uuid::new_v4().simple()))
    }
}

/// The quote's shape in a draft file: its own field names, kept as the first drafts wrote
/// them (then Graph's `itemBody`), so every draft on disk still reads.
mod quoted_on_disk {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::domain::Body;

    #[derive(Serialize, Deserialize, Default)]
    #[serde(rename_all = "camelCase", default)]
    struct OnDisk {
        #[serde(skip_serializing_if = "Option::is_none")]
        content_type: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        content: Option<String>,
    }

    pub fn serialize<S: Serializer>(quoted: &Option<Body>, serializer: S) -> Result<S::Ok, S::Error> {
        let on_disk = quoted.as_ref().map(|body| {
            let kind = if matches!(body, Body::Html(_)) { "html" } else { "text" };
            OnDisk { content_type: Some(kind.to_owned()), content: Some(body.content().to_owned()) }
        });
        on_disk.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Body>, D::Error> {
        let on_disk = Option::<OnDisk>::deserialize(deserializer)?;
        Ok(on_disk.map(|quote| {
            let content = quote.content.unwrap_or_default();
            match quote.content_type {
                Some(kind) if kind.eq_ignore_ascii_case("html") => Body::Html(content),
                _ => Body::Text(content),
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reply's draft as this program has written them since local drafts exist.
    const WRITTEN_BEFORE: &str = r#"{
  "to": "Alex <alex@fabrikam.example>",
  "cc": "",
  "bcc": "",
  "subject": "RE: Lunch",
  "body": "Friday works.\n",
  "kind": "reply",
  "server_draft_id": "AAMkAGreply",
  "created_here": true,
  "quoted": {
    "contentType": "html",
    "content": "<html><body><p>Friday?</p></body></html>"
  },
  "attachments": [
    "/home/me/agenda.pdf"
  ],
  "inline_images": [
    {
      "path": "/home/me/logo.png",
      "content_id": "logo.png@o365-tui"
    }
  ],
  "resumed_html": null
}"#;

    #[test]
    fn drafts_written_before_still_read_and_are_written_the_same_way() {
        let draft: LocalDraft = serde_json::from_str(WRITTEN_BEFORE).unwrap();
        assert_eq!(draft.quoted, Some(Body::Html("<html><body><p>Friday?</p></body></html>".into())));
        assert_eq!((draft.kind.as_str(), draft.server_draft_id.as_deref()), ("reply", Some("AAMkAGreply")));
        assert_eq!(draft.attachments, [PathBuf::from("/home/me/agenda.pdf")]);
        assert_eq!(draft.inline_images[0].content_id, "logo.png@o365-tui");
        let written = serde_json::to_string_pretty(&draft).unwrap();
        assert_eq!(written, WRITTEN_BEFORE, "the format on disk is unchanged");
    }

    #[test]
    fn a_quote_of_any_case_or_without_a_type_reads_as_graph_sent_it() {
        let read = |quoted: &str| {
            let text = format!(
                r#"{{"to":"","cc":"","bcc":"","subject":"","body":"","kind":"new","server_draft_id":null,"created_here":false,"quoted":{quoted},"attachments":[]}}"#
            );
            serde_json::from_str::<LocalDraft>(&text).unwrap().quoted
        };
        assert_eq!(read(r#"{"contentType":"HTML","content":"<p>x</p>"}"#), Some(Body::Html("<p>x</p>".into())));
        assert_eq!(read(r#"{"contentType":"text","content":"x"}"#), Some(Body::Text("x".into())));
        assert_eq!(read(r#"{"content":"x"}"#), Some(Body::Text("x".into())));
        assert_eq!(read("{}"), Some(Body::Text(String::new())));
        assert_eq!(read("null"), None);
    }
}
