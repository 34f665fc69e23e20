//! Writing mail through the TUI's store, update and worker against the simulated tenant: a new
//! message lands in Sent Items as plain text, a reply threads under its conversation, a forward
//! reaches its typed recipient, a draft saved to Drafts resumes, and a send that fails (503,
//! then a dropped connection) keeps both the local and the server draft until a retry
//! succeeds; quitting with an unsent message asks first and puts it in Drafts before leaving.
//! The editor runner is checked with a shell script standing in for `$EDITOR`.
use crate::compose_ui;
use crate::harness;
use crate::mail_harness;

use std::path::Path;

use compose_ui::Ui;
use mail_harness::{addresses, by_subject, folder_messages, inbox_where};
use o365::domain::MessageSummary;
use o365::drafts::write_draft;
use o365::tui::action::Action;
use o365::tui::action::compose::ComposeAction;
use o365::tui::editor::run_job;
use o365::tui::effect::compose::EditorJob;
use o365::tui::loadable::{Loadable, MoreState, Paged};
use o365::tui::msg::compose::ComposeMsg;
use o365::tui::store::MailFocus;
use o365::tui::store::compose::draft::LocalDraft;
use o365::tui::store::compose::{Kind, Mode};
use o365_sim::faults::FaultKind;

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[tokio::test]
async fn a_new_message_goes_to_sent_items_as_text_and_its_local_draft_goes_with_it() {
    let h = harness::start().await;
    let mut ui = Ui::new(h.client());
    ui.act(ComposeAction::Open(Kind::New));
    let ComposeMsg::Candidates(Ok(candidates)) = ui.until(|m| matches!(m, ComposeMsg::Candidates(_))).await else {
        panic!("completion candidates")
    };
    assert!(!candidates.is_empty(), "contacts and people offer addresses");
    ui.type_text("alex@fabrikam.example, bea@fabrikam.example\ncarol@fabrikam.example\n\nTUI text send\n");
    ui.type_text("Line one\n<not a tag> & more");
    ui.act(ComposeAction::Done);
    assert!(matches!(ui.until(|m| matches!(m, ComposeMsg::LocalSaved(_))).await, ComposeMsg::LocalSaved(Ok(_))));
    let path = ui.local_path();
    assert!(path.exists(), "the text is on disk before anything is sent");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
    }
    ui.act(ComposeAction::Send);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
    assert!(!ui.store.compose.is_open());
    let sent = by_subject(&h.state, "sentitems", "TUI text send");
    assert_eq!(sent["body"]["contentType"], "text");
    assert_eq!(sent["body"]["content"], "Line one\n<not a tag> & more\n");
    assert_eq!(addresses(&sent["toRecipients"]), ["alex@fabrikam.example", "bea@fabrikam.example"]);
    assert_eq!(addresses(&sent["ccRecipients"]), ["carol@fabrikam.example"]);
    assert!(!path.exists(), "the local draft goes once the service has the message");
    assert_eq!(files_in(&ui.own_dir()), 0);
}

#[tokio::test]
async fn a_reply_threads_under_the_conversation_with_our_text_above_the_quote() {
    let h = harness::start().await;
    let original = inbox_where(&h.state, |m| m["body"]["content"].as_str().is_some_and(|c| c.len() > 20))
        .into_iter()
        .next()
        .expect("an inbox message");
    let mut ui = Ui::new(h.client());
    ui.select(original["id"].as_str().unwrap());
    ui.act(ComposeAction::Open(Kind::Reply));
    assert!(matches!(ui.until(|m| matches!(m, ComposeMsg::Prepared(_))).await, ComposeMsg::Prepared(Ok(_))));
    let compose = ui.store.compose.open.as_ref().unwrap();
    assert_eq!(compose.mode, Mode::Editor);
    let subject = format!("RE: {}", original["subject"].as_str().unwrap());
    assert_eq!(compose.fields.subject, subject, "the service's subject");
    assert!(!compose.fields.to.is_empty(), "the service's recipients");
    assert!(!compose.quote_lines.is_empty(), "the quote is shown");
    ui.type_text("Agreed, thanks.");
    ui.act(ComposeAction::Done);
    ui.act(ComposeAction::Send);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
    let reply = by_subject(&h.state, "sentitems", &subject);
    assert_eq!(reply["conversationId"], original["conversationId"], "same conversation");
    assert_eq!(addresses(&reply["toRecipients"]), addresses(&serde_json::json!([original["from"]])));
    let body = reply["body"]["content"].as_str().unwrap();
    let ours = body.find("Agreed, thanks.").expect("our text");
    let quote = body.find("divRplyFwdMsg").expect("Outlook's quote header");
    assert!(ours < quote, "text above the quote: {body}");
    assert!(folder_messages(&h.state, "drafts").iter().all(|m| m["subject"] != subject.as_str()), "draft sent");
}

#[tokio::test]
async fn a_forward_goes_to_the_recipient_typed_in_to() {
    let h = harness::start().await;
    let original = inbox_where(&h.state, |_| true).into_iter().next().unwrap();
    let mut ui = Ui::new(h.client());
    ui.select(original["id"].as_str().unwrap());
    ui.act(ComposeAction::Open(Kind::Forward));
    assert!(matches!(ui.until(|m| matches!(m, ComposeMsg::Prepared(_))).await, ComposeMsg::Prepared(Ok(_))));
    assert_eq!(ui.store.compose.open.as_ref().unwrap().editor.as_ref().unwrap().focus, 0, "To is empty: start there");
    ui.type_text("dana@fabrikam.example");
    ui.act(ComposeAction::Done);
    ui.act(ComposeAction::Send);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
    let forward = by_subject(&h.state, "sentitems", &format!("FW: {}", original["subject"].as_str().unwrap()));
    assert_eq!(addresses(&forward["toRecipients"]), ["dana@fabrikam.example"]);
    assert_eq!(forward["conversationId"], original["conversationId"]);
}

#[tokio::test]
async fn a_draft_saved_to_drafts_resumes_and_sends() {
    let h = harness::start().await;
    let mut ui = Ui::new(h.client());
    ui.act(ComposeAction::Open(Kind::New));
    ui.type_text("erin@fabrikam.example\n\n\nTUI later\nfirst thoughts");
    ui.act(ComposeAction::Done);
    let path = ui.local_path();
    ui.act(ComposeAction::SaveDraft);
    let ComposeMsg::DraftSaved(Ok(id)) = ui.until(|m| matches!(m, ComposeMsg::DraftSaved(_))).await else {
        panic!("saved")
    };
    assert!(!ui.store.compose.is_open() && !path.exists(), "closed, and the local copy is gone");
    let stored = by_subject(&h.state, "drafts", "TUI later");
    assert_eq!((stored["id"].as_str(), stored["body"]["contentType"].as_str()), (Some(id.as_str()), Some("text")));
    assert_eq!(stored["body"]["content"], "first thoughts\n");

    // Opened from the Drafts folder, `E` resumes it.
    let summary = MessageSummary { id: id.clone(), is_draft: true, ..Default::default() };
    ui.store.mail.messages =
        Loadable::Ready(Paged { items: vec![summary], next_link: None, total: None, more: MoreState::Idle });
    ui.store.mail.focus = MailFocus::Messages;
    ui.act(ComposeAction::Open(Kind::Draft));
    assert!(matches!(ui.until(|m| matches!(m, ComposeMsg::Prepared(_))).await, ComposeMsg::Prepared(Ok(_))));
    let compose = ui.store.compose.open.as_ref().unwrap();
    assert_eq!(compose.fields.body, "first thoughts\n");
    assert_eq!(compose.fields.to, "erin@fabrikam.example");
    ui.type_text(" and more");
    ui.act(ComposeAction::Done);
    ui.act(ComposeAction::Send);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
    // One message in Sent Items (by_subject checks), none left in Drafts: the draft was sent.
    let sent = by_subject(&h.state, "sentitems", "TUI later");
    assert_eq!(sent["body"]["content"], "first thoughts and more\n");
    assert!(folder_messages(&h.state, "drafts").iter().all(|m| m["subject"] != "TUI later"));
}

#[tokio::test]
async fn a_failing_send_keeps_local_and_server_drafts_until_a_retry_gets_through() {
    let h = harness::start().await;
    let mut ui = Ui::new(h.client());
    ui.act(ComposeAction::Open(Kind::New));
    ui.until(|m| matches!(m, ComposeMsg::Candidates(_))).await;
    ui.type_text("fay@fabrikam.example\n\n\nTUI fragile\nwords that must not be lost");
    ui.act(ComposeAction::Done);
    let path = ui.local_path();
    // sendMail: 503 (retried), then the connection drops; the text goes to Drafts.
    h.faults().fail_next_matching(1, "sendMail", FaultKind::Unavailable { retry_after: Some("0".into()) });
    h.faults().fail_next_matching(1, "sendMail", FaultKind::Drop);
    ui.act(ComposeAction::Send);
    let ComposeMsg::Sent(Err(failure)) = ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await else { panic!("fails") };
    assert!(failure.maybe_sent && failure.reason.contains("network error"), "{failure:?}");
    let compose = ui.store.compose.open.as_ref().unwrap();
    assert_eq!(compose.mode, Mode::Review, "the review screen stays");
    assert!(matches!(&compose.status, o365::tui::store::compose::Status::Failed { .. }));
    assert_eq!(compose.fields.body, "words that must not be lost\n");
    assert!(path.exists(), "the local draft stays");
    let draft = by_subject(&h.state, "drafts", "TUI fragile");
    assert_eq!(draft["body"]["content"], "words that must not be lost\n", "the server draft is intact");
    assert_eq!(compose.server_draft_id.as_deref(), draft["id"].as_str());

    // The retry's send fails again (dropped): still both copies.
    h.faults().fail_next_matching(1, "/send", FaultKind::Drop);
    ui.act(ComposeAction::Retry);
    assert!(matches!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Err(_))));
    assert!(path.exists());
    assert_eq!(by_subject(&h.state, "drafts", "TUI fragile")["id"], draft["id"]);

    ui.act(ComposeAction::Retry);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
    // Exactly one in Sent Items (by_subject checks) and none in Drafts: the kept draft went.
    let sent = by_subject(&h.state, "sentitems", "TUI fragile");
    assert_eq!(sent["body"]["content"], "words that must not be lost\n");
    assert!(!path.exists(), "gone once sent");
    assert!(folder_messages(&h.state, "drafts").iter().all(|m| m["subject"] != "TUI fragile"));
}

#[tokio::test]
async fn quitting_with_an_unsent_message_asks_and_saves_it_to_drafts_before_leaving() {
    let h = harness::start().await;
    let mut ui = Ui::new(h.client());
    ui.new_message("kim@fabrikam.example", "TUI quit", "half a thought").await;
    // `q` on the review screen (and Ctrl-C anywhere) is the quit action.
    ui.feed(Action::Quit);
    assert!(!ui.store.quit, "an unsent message is not dropped by a quit");
    let title = ui.store.prompt.as_ref().expect("a question").title.clone();
    assert!(title.contains("Drafts"), "{title}");
    ui.feed(Action::TextInput('n'));
    assert!(!ui.store.quit && ui.store.prompt.is_none(), "no: back to the message");
    assert_eq!(ui.store.compose.open.as_ref().unwrap().mode, Mode::Review);
    ui.feed(Action::Quit);
    ui.feed(Action::TextInput('y'));
    assert!(!ui.store.quit, "not before the service has the message");
    let saved = ui.until(|m| matches!(m, ComposeMsg::DraftSaved(_))).await;
    assert!(matches!(saved, ComposeMsg::DraftSaved(Ok(_))), "{saved:?}");
    assert!(ui.store.quit, "then it quits");
    assert_eq!(by_subject(&h.state, "drafts", "TUI quit")["body"]["content"], "half a thought\n");
}

#[tokio::test]
async fn a_draft_left_by_a_dead_process_is_offered_at_start_up_and_sends() {
    let h = harness::start().await;
    let root = std::env::temp_dir().join(format!("o365-compose-{}", uuid::Uuid::new_v4().simple()));
    let dead = root.join("compose").join("2147483600-00000000");
    std::fs::create_dir_all(&dead).unwrap();
    let left = dead.join("draft-1.json");
    let draft = LocalDraft {
        to: "gus@fabrikam.example".into(),
        subject: "TUI recovered".into(),
        body: "written before a crash\n".into(),
        kind: "new".into(),
        ..LocalDraft::default()
    };
    write_draft(&left, &draft).unwrap();
    let mut ui = Ui::with_root(h.client(), root);
    assert!(ui.store.notice.as_ref().unwrap().text.contains("press C to reopen"));
    ui.act(ComposeAction::Recover);
    assert_eq!(ui.store.compose.open.as_ref().unwrap().mode, Mode::Review);
    ui.act(ComposeAction::Send);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
    assert_eq!(by_subject(&h.state, "sentitems", "TUI recovered")["body"]["content"], "written before a crash\n");
    assert!(!left.exists() && !dead.exists(), "the recovered draft and its directory are gone");
}

#[cfg(unix)]
#[tokio::test]
async fn the_editor_runs_on_a_private_file_and_its_text_comes_back() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = std::env::temp_dir().join(format!("o365-editor-{}", uuid::Uuid::new_v4().simple()));
    let dir = scratch.join("own");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    // The "editor": records the file's and directory's modes, checks it got the header block,
    // and writes a body under the headers.
    let script = scratch.join("fake-editor.sh");
    let seen = scratch.join("seen");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nstat -c %a \"$1\" > '{seen}'\nstat -c %a \"$(dirname \"$1\")\" >> '{seen}'\nhead -n 1 \"$1\" >> '{seen}'\n\
             printf 'To: hal@fabrikam.example\\nSubject: from the script\\n\\nbody from the script\\n' > \"$1\"\n",
            seen = seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    let path = dir.join("edit-1.txt");
    let job = EditorJob {
        command: vec!["sh".into(), script.display().to_string()],
        path: path.clone(),
        text: "To: \nCc: \nBcc: \nSubject: \n\n".into(),
    };
    let text = run_job(&job).await.unwrap();
    assert_eq!(text, "To: hal@fabrikam.example\nSubject: from the script\n\nbody from the script\n");
    assert_eq!(std::fs::read_to_string(&seen).unwrap(), "600\n700\nTo: \n");
    assert!(!path.exists(), "removed afterwards");
    let fields = o365::tui::store::compose::header::read_block(&text).unwrap();
    assert_eq!(fields.body, "body from the script\n");

    // An editor that gives up (non-zero exit) changes nothing and leaves no file.
    let failing = EditorJob { command: vec!["false".into()], ..job.clone() };
    assert!(run_job(&failing).await.unwrap_err().contains("gave up"));
    assert!(!path.exists());
    let missing = EditorJob { command: vec!["/nonexistent/editor".into()], ..job };
    assert!(run_job(&missing).await.unwrap_err().contains("cannot run the editor"));
    std::fs::remove_dir_all(&scratch).unwrap();
}
