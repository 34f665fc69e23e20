//! Writing through `$EDITOR` (a shell script standing in for it) with the TUI's store, update
//! and worker against the simulated tenant: lines written below the quote marker or between
//! quoted lines all reach the service, while a reply written only above an untouched quote
//! keeps the service's formatted quote; an HTML draft is edited as its body and the edit is
//! sent (its inline image still referred to); hostile subjects and names never reach the
//! editor's file or go back to the service.
#![cfg(unix)]
use crate::compose_ui;
use crate::harness;
use crate::mail_harness;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use compose_ui::Ui;
use mail_harness::{addresses, by_subject, folder_messages, inbox_where};
use o365::tui::action::compose::ComposeAction;
use o365::tui::msg::compose::ComposeMsg;
use o365::tui::store::compose::Kind;
use o365::tui::store::compose::Mode;
use o365_graph::client::GraphClient;
use o365_graph::mail::compose::{NewMessage, save_draft};
use o365_graph::mail::upload::OutgoingAttachment;
use o365_graph::request::Request;
use serde_json::{Value, json};

/// A scratch directory with an "editor": a script that copies the file it is given to `seen`
/// (what the editor was shown), then runs `edits` on it (`$1` is the file).
struct Editor {
    dir: PathBuf,
}

impl Editor {
    fn new(edits: &str) -> Editor {
        let dir = std::env::temp_dir().join(format!("o365-editor-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let editor = Editor { dir };
        let script = format!("#!/bin/sh\nset -e\ncp \"$1\" '{}'\n{edits}\n", editor.seen_path().display());
        std::fs::write(editor.script(), script).unwrap();
        std::fs::set_permissions(editor.script(), std::fs::Permissions::from_mode(0o700)).unwrap();
        editor
    }

    fn script(&self) -> PathBuf {
        self.dir.join("editor.sh")
    }

    fn seen_path(&self) -> PathBuf {
        self.dir.join("seen.txt")
    }

    fn command(&self) -> String {
        format!("sh {}", self.script().display())
    }

    /// The file as the editor was given it.
    fn seen(&self) -> String {
        std::fs::read_to_string(self.seen_path()).unwrap()
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Opens a reply to `id` in the editor and waits for the review screen.
async fn reply_in_editor(ui: &mut Ui, id: &str) {
    ui.select(id);
    ui.act(ComposeAction::Open(Kind::Reply));
    let prepared = ui.until(|m| matches!(m, ComposeMsg::Prepared(_))).await;
    assert!(matches!(prepared, ComposeMsg::Prepared(Ok(_))), "{prepared:?}");
    ui.edit().await;
    assert_eq!(ui.store.compose.open.as_ref().unwrap().mode, Mode::Review);
}

async fn send(ui: &mut Ui) {
    ui.act(ComposeAction::Send);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
}

fn a_message_with_a_body(h: &harness::Harness) -> Value {
    inbox_where(&h.state, |m| m["body"]["content"].as_str().is_some_and(|c| c.len() > 20))
        .into_iter()
        .next()
        .expect("an inbox message")
}

#[tokio::test]
async fn lines_written_below_and_inside_the_quote_all_reach_the_service() {
    let h = harness::start().await;
    let original = a_message_with_a_body(&h);
    // Above the quote, an answer after the second quoted line, the quote's `Sent:` line cut
    // out, and two lines at the bottom, as a mutt user answers.
    let editor = Editor::new(
        r#"awk '
/^Subject:/ { print; getline; print; print "Top line above the quote"; next }
/^> / { if ($0 ~ /Sent:/) next; q++; print; if (q == 2) print "Interleaved answer after the second quoted line"; next }
{ print }
END { print ""; print "Bottom-posted line one"; print "Bottom-posted line two" }
' "$1" > "$1.new"
mv "$1.new" "$1""#,
    );
    let mut ui = Ui::with_editor(h.client(), &editor.command());
    reply_in_editor(&mut ui, original["id"].as_str().unwrap()).await;
    let shown = editor.seen();
    let quote: Vec<&str> = shown.lines().filter(|l| l.starts_with("> ")).collect();
    assert!(quote.len() >= 3 && quote.iter().any(|l| l.contains("Sent:")), "the quote was shown: {shown}");
    let compose = ui.store.compose.open.as_ref().unwrap();
    assert_eq!(compose.problem, None);
    assert!(
        compose.fields.body.contains("Bottom-posted line two"),
        "the review shows every line: {:?}",
        compose.fields
    );
    send(&mut ui).await;

    let subject = format!("RE: {}", original["subject"].as_str().unwrap());
    let reply = by_subject(&h.state, "sentitems", &subject);
    assert_eq!(reply["conversationId"], original["conversationId"], "still the same conversation");
    let body = reply["body"]["content"].as_str().unwrap();
    for typed in [
        "Top line above the quote",
        "Interleaved answer after the second quoted line",
        "Bottom-posted line one",
        "Bottom-posted line two",
    ] {
        assert!(body.contains(typed), "{typed:?} is missing from the sent body:\n{body}");
    }
    for kept in quote.iter().filter(|l| !l.contains("Sent:")) {
        assert!(body.contains(kept.trim_end()), "the kept quote line {kept:?} is missing:\n{body}");
    }
    assert!(!body.contains("Sent:"), "the line cut from the quote came back:\n{body}");
    assert!(!body.contains("divRplyFwdMsg"), "the service's quote was added again:\n{body}");
    let order: Vec<usize> =
        ["Top line", "Interleaved answer", "Bottom-posted line one"].iter().map(|t| body.find(t).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "in the order written:\n{body}");
    assert_eq!(reply["body"]["contentType"], "text");
}

#[tokio::test]
async fn a_reply_written_above_an_untouched_quote_keeps_the_services_quote() {
    let h = harness::start().await;
    let original = a_message_with_a_body(&h);
    let editor = Editor::new(
        r#"awk '/^Subject:/ { print; getline; print; print "Only above the marker"; next } { print }' "$1" > "$1.new"
mv "$1.new" "$1""#,
    );
    let mut ui = Ui::with_editor(h.client(), &editor.command());
    reply_in_editor(&mut ui, original["id"].as_str().unwrap()).await;
    send(&mut ui).await;
    let reply = by_subject(&h.state, "sentitems", &format!("RE: {}", original["subject"].as_str().unwrap()));
    let body = reply["body"]["content"].as_str().unwrap();
    let ours = body.find("Only above the marker").expect("our text");
    let quote = body.find("divRplyFwdMsg").expect("Outlook's quote, formatted as the service made it");
    assert!(ours < quote, "{body}");
    assert_eq!(reply["body"]["contentType"], "html");
}

const DRAFT_HTML: &str = "<html><body><p>Dear team,</p><p>The <b>budget</b> for Q3 is below.</p>\
    <p><img src=\"cid:chart.png@o365-tui\" alt=\"chart\"></p><p>Regards</p></body></html>";

/// An HTML draft in Drafts with an inline image its body refers to; returns its id.
async fn html_draft(client: &GraphClient, subject: &str) -> String {
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[7u8; 64]].concat();
    let message = NewMessage {
        to: vec![mail_harness::to("ivy@fabrikam.example")],
        subject: subject.into(),
        body: DRAFT_HTML.into(),
        html: true,
        attachments: vec![OutgoingAttachment::inline_image("chart.png", png, "chart.png@o365-tui")],
        ..NewMessage::default()
    };
    save_draft(client, &message, &mut |_, _| {}).await.expect("the draft is saved").id
}

async fn resume_in_editor(ui: &mut Ui, id: &str) {
    ui.select_draft(id);
    ui.act(ComposeAction::Open(Kind::Draft));
    let prepared = ui.until(|m| matches!(m, ComposeMsg::Prepared(_))).await;
    assert!(matches!(prepared, ComposeMsg::Prepared(Ok(_))), "{prepared:?}");
    ui.edit().await;
    assert_eq!(ui.store.compose.open.as_ref().unwrap().mode, Mode::Review);
}

#[tokio::test]
async fn editing_an_html_draft_edits_its_body_and_the_edit_is_sent() {
    let h = harness::start().await;
    let id = html_draft(&h.client(), "TUI html draft").await;
    let editor =
        Editor::new("sed -i -e 's/budget/revised budget/' \"$1\"\nprintf 'P.S. edited in the editor\\n' >> \"$1\"");
    let mut ui = Ui::with_editor(h.client(), &editor.command());
    resume_in_editor(&mut ui, &id).await;
    let shown = editor.seen();
    let (_, body_shown) = shown.split_once("\n\n").unwrap();
    assert!(body_shown.contains("Dear team,") && body_shown.contains("budget"), "the body is the text: {shown}");
    assert!(!shown.contains("-- o365:"), "no part of a draft is a fixed quote: {shown}");
    assert!(!body_shown.lines().any(|l| l.starts_with("> ")), "the draft's body is not quoted: {shown}");
    send(&mut ui).await;

    let sent = by_subject(&h.state, "sentitems", "TUI html draft");
    let body = sent["body"]["content"].as_str().unwrap();
    for edited in ["revised budget", "P.S. edited in the editor", "Dear team,", "Regards"] {
        assert!(body.contains(edited), "{edited:?} did not reach the service:\n{body}");
    }
    assert!(body.contains("cid:chart.png@o365-tui"), "the inline image is still referred to:\n{body}");
    assert_eq!(sent["body"]["contentType"], "html", "a cid reference needs HTML");
    let attachments = h.state.tenant.read().unwrap().attachments.list(sent["id"].as_str().unwrap());
    assert!(
        attachments.iter().any(|a| a["contentId"] == "chart.png@o365-tui" && a["isInline"] == true),
        "{attachments:?}"
    );
    assert!(folder_messages(&h.state, "drafts").iter().all(|m| m["subject"] != "TUI html draft"));
}

#[tokio::test]
async fn an_html_draft_left_unchanged_in_the_editor_keeps_its_html() {
    let h = harness::start().await;
    let id = html_draft(&h.client(), "TUI html kept").await;
    let before = by_subject(&h.state, "drafts", "TUI html kept")["body"]["content"].clone();
    let editor = Editor::new("true");
    let mut ui = Ui::with_editor(h.client(), &editor.command());
    resume_in_editor(&mut ui, &id).await;
    send(&mut ui).await;
    let sent = by_subject(&h.state, "sentitems", "TUI html kept");
    assert_eq!(sent["body"]["content"], before, "nothing edited: the HTML goes as it was");
}

const HOSTILE_SUBJECT: &str =
    "Invoice \u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mdue \u{9b}31mnow \u{202e}fdp.exe\u{202c} \u{2066}ok\u{2069}";
const HOSTILE_NAME: &str = "Mallory\u{1b}[8m \u{9d}0;title\u{9c}Evil\u{202e}\r\nBcc: eve@evil.example";

fn has_hidden_characters(text: &str) -> bool {
    text.chars()
        .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

#[tokio::test]
async fn hostile_subjects_and_names_reach_neither_the_editor_file_nor_the_service() {
    let h = harness::start().await;
    let client = h.client();
    let planted: Value = client
        .json(Request::post(client.resource_path("mailFolders/inbox/messages")).with_json(json!({
            "subject": HOSTILE_SUBJECT,
            "from": {"emailAddress": {"name": HOSTILE_NAME, "address": "mallory@evil.test"}},
            "body": {"contentType": "text", "content": "Pay \u{1b}]52;c;ZXZpbA==\u{7}today.\nThanks"},
        })))
        .await
        .expect("the hostile message is stored");
    let editor = Editor::new(
        "sed -i -e 's/^Subject: \\(.*\\)$/Subject: \\1 (answered)/' \"$1\"\nsed -i -e '0,/^$/s//\\nNot paying./' \"$1\"",
    );
    let mut ui = Ui::with_editor(client, &editor.command());
    reply_in_editor(&mut ui, planted["id"].as_str().unwrap()).await;

    let shown = editor.seen();
    assert!(!has_hidden_characters(&shown), "the editor's file carries control characters: {shown:?}");
    assert!(shown.contains("Subject: RE: Invoice") && shown.contains("fdp.exe"), "{shown}");
    assert!(!shown.lines().any(|l| l.starts_with("Bcc: eve")), "a name cannot add a header: {shown}");
    let compose = ui.store.compose.open.as_ref().unwrap();
    assert_eq!(compose.problem, None, "{shown}");
    send(&mut ui).await;

    let sent = folder_messages(&h.state, "sentitems")
        .into_iter()
        .find(|m| m["subject"].as_str().is_some_and(|s| s.contains("(answered)")))
        .expect("the reply in Sent Items");
    let subject = sent["subject"].as_str().unwrap();
    assert!(!has_hidden_characters(subject), "{subject:?}");
    assert!(subject.starts_with("RE: Invoice") && subject.contains("due"), "{subject:?}");
    assert_eq!(addresses(&sent["toRecipients"]), ["mallory@evil.test"]);
    let name = sent["toRecipients"][0]["emailAddress"]["name"].as_str().unwrap_or_default();
    assert!(!has_hidden_characters(name) && name.starts_with("Mallory"), "{name:?}");
    assert!(sent["bccRecipients"].as_array().is_none_or(Vec::is_empty), "no recipient was injected: {sent}");
    assert!(sent["body"]["content"].as_str().unwrap().contains("Not paying."));
}
