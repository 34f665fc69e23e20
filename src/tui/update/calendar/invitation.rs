//! A meeting's mail in the mail reader: its event and the user's other events that day arrive
//! after the message (the reader shows them under the headers, conflicts marked), and the
//! answer keys answer it as the Calendar pane's keys answer an event.
use super::super::super::effect::Effect;
use super::super::super::msg::Outcome;
use super::super::super::msg::calendar::Invitation;
use super::super::super::store::Store;
use super::super::super::store::calendar::InvitationDoc;
use super::super::notify;
use super::answers::ask_comment;
use crate::domain::calendar::Answer;

/// The invitation of the message `message_id`, kept while that message is open.
pub(super) fn arrived(store: &mut Store, message_id: String, result: Outcome<Box<Invitation>>) {
    if store.mail.open_message.as_deref() != Some(message_id.as_str()) {
        return;
    }
    store.calendar.invitation = Some(match result {
        Ok(found) => {
            InvitationDoc { message_id, kind: found.kind, event: found.event, nearby: found.nearby, problem: None }
        }
        Err(reason) => InvitationDoc { message_id, problem: Some(reason.text), ..InvitationDoc::default() },
    });
}

/// An answer key in the mail pane: the invitation open in the reader is answered.
pub(in crate::tui::update) fn answer_key(store: &mut Store, answer: Answer) -> Vec<Effect> {
    let open = store.mail.open_message.clone();
    let invitation = store.calendar.invitation.as_ref().filter(|i| Some(&i.message_id) == open.as_ref());
    let Some(event) = invitation.and_then(|i| i.event.clone()) else {
        notify(store, "The open message is not an invitation with an event to answer".to_owned());
        return Vec::new();
    };
    let id = event.id.clone();
    ask_comment(store, &event, id, true, answer)
}
