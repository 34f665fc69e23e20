//! The signature from the config (issue 13): a new message, a reply and a forward start with it
//! under a `-- ` line, the cursor above it; a resumed draft keeps its own text; a message that
//! holds only the signature loses nothing when closed. Taking files off on the review screen.
use super::{act, msg, store_with, type_text};
use crate::domain::{Body, MessageSummary};
use crate::tui::action::Action;
use crate::tui::action::compose::ComposeAction;
use crate::tui::effect::Effect;
use crate::tui::effect::compose::ComposeEffect;
use crate::tui::loadable::{Loadable, MoreState, Paged};
use crate::tui::msg::compose::{ComposeMsg, Prepared};
use crate::tui::store::compose::{AttachmentRef, Kind};
use crate::tui::store::{MailFocus, Store};
use crate::tui::update::update;

fn signed() -> Store {
    let mut store = store_with(None);
    store.compose.env.signature = Some("Adele Vance\nContoso\n".into());
    store
}

fn body(store: &Store) -> String {
    store.compose.open.as_ref().unwrap().editor.as_ref().unwrap().fields().body
}

fn prepared(attachments: Vec<AttachmentRef>) -> ComposeMsg {
    ComposeMsg::Prepared(Ok(Box::new(Prepared {
        server_draft_id: "draft-1".into(),
        fields: Default::default(),
        quoted: Some(Body::Html("<p>original</p>".into())),
        quote_lines: vec!["> original".into()],
        resumed_html: None,
        attachments,
    })))
}

fn select(store: &mut Store, id: &str, is_draft: bool) {
    let summary = MessageSummary { id: id.into(), is_draft, ..Default::default() };
    store.mail.messages =
        Loadable::Ready(Paged { items: vec![summary], next_link: None, total: None, more: MoreState::Idle });
    store.mail.focus = MailFocus::Messages;
}

#[test]
fn a_new_message_starts_with_the_signature_below_the_cursor() {
    let mut store = signed();
    act(&mut store, ComposeAction::Open(Kind::New));
    assert_eq!(body(&store), "\n\n-- \nAdele Vance\nContoso\n");
    update(&mut store, Action::Quit);
    assert!(store.quit, "only the signature: nothing to lose");
    let mut store = signed();
    act(&mut store, ComposeAction::Open(Kind::New));
    let editor = store.compose.open.as_mut().unwrap().editor.as_mut().unwrap();
    editor.focus = crate::tui::store::compose::BODY;
    type_text(&mut store, "Hi Bob");
    assert_eq!(body(&store), "Hi Bob\n\n-- \nAdele Vance\nContoso\n", "typed above the signature");
}

#[test]
fn replies_and_forwards_get_it_and_a_resumed_draft_keeps_its_own_text() {
    let mut store = signed();
    select(&mut store, "m1", false);
    act(&mut store, ComposeAction::Open(Kind::Reply));
    msg(&mut store, prepared(Vec::new()));
    assert_eq!(body(&store), "\n\n-- \nAdele Vance\nContoso\n");
    let mut store = signed();
    select(&mut store, "d1", true);
    act(&mut store, ComposeAction::Open(Kind::Draft));
    msg(&mut store, prepared(Vec::new()));
    assert_eq!(body(&store), "", "a draft is resumed as it was");
    let mut plain = store_with(None);
    act(&mut plain, ComposeAction::Open(Kind::New));
    assert_eq!(body(&plain), "", "no signature configured: none");
}

#[test]
fn the_review_takes_a_forwarded_file_off_the_server_draft_and_a_local_one_off_the_list() {
    let mut store = signed();
    select(&mut store, "m1", false);
    act(&mut store, ComposeAction::Open(Kind::Forward));
    let original =
        |name: &str, id: &str| AttachmentRef { path: None, name: name.into(), size: 10, server_id: Some(id.into()) };
    msg(&mut store, prepared(vec![original("plan.pdf", "att-1"), original("notes.txt", "att-2")]));
    type_text(&mut store, "dana@fabrikam.example");
    act(&mut store, ComposeAction::Done);
    act(&mut store, ComposeAction::RemoveAttachment);
    assert!(store.prompt.as_ref().unwrap().title.contains("1–2"), "{:?}", store.prompt);
    for c in "2".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let effects = update(&mut store, Action::TextSubmit);
    assert_eq!(
        effects,
        [Effect::Compose(ComposeEffect::RemoveAttachment {
            draft_id: "draft-1".into(),
            attachment_id: "att-2".into(),
            name: "notes.txt".into()
        })]
    );
    let names = |store: &Store| -> Vec<String> {
        store.compose.open.as_ref().unwrap().attachments.iter().map(|a| a.name.clone()).collect()
    };
    assert_eq!(names(&store), ["plan.pdf"]);
    // The service refuses: the file is back in its place, with the reason.
    msg(&mut store, ComposeMsg::AttachmentRemoved { name: "notes.txt".into(), result: Err("denied".into()) });
    assert_eq!(names(&store), ["plan.pdf", "notes.txt"]);
    assert!(store.notice.as_ref().unwrap().text.contains("denied"));
}
