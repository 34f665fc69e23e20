//! Moving between workloads: a message made into a To Do task (`L` in mail asks for the list;
//! the task links back to the message), and the Tasks pane opening the message a task was made
//! from (`o`), in the mail pane's reader.
use super::super::action::Pane;
use super::super::effect::{Effect, LoadKey};
use super::super::msg::Outcome;
use super::super::store::prompt::{Prompt, Purpose};
use super::super::store::{MailFocus, Store};
use super::prompt::Answered;
use super::{notify, report_error};

#[cfg(test)]
mod tests;

/// The message the mail pane points at: the one in the reader, else the selected row.
fn pointed_message(store: &Store) -> Option<String> {
    let mail = &store.mail;
    if mail.focus == MailFocus::Reader
        && let Some(doc) = mail.reader.ready()
    {
        return Some(doc.message.message.summary.id.clone());
    }
    if mail.focus == MailFocus::Folders {
        return None;
    }
    mail.visible_message(mail.message_cursor.selected).map(|m| m.id.clone())
}

pub(super) fn mail_to_task(store: &mut Store) -> Vec<Effect> {
    if store.pane != Pane::Mail {
        notify(store, "Select a message in the mail pane first".into());
        return Vec::new();
    }
    let Some(message_id) = pointed_message(store) else {
        notify(store, "Select a message first".into());
        return Vec::new();
    };
    // Asked before the prompt, so nothing typed is lost to a refusal.
    if super::sync::refuse_offline_change(store, "Making a task of the message") {
        return Vec::new();
    }
    let initial = store
        .tasks
        .lists
        .ready()
        .and_then(|lists| lists.iter().find(|l| l.is_default()))
        .map_or_else(|| "Tasks".to_owned(), |l| l.name.clone());
    let title = "Make a task of the message in the To Do list (its name)";
    store.prompt = Some(Prompt::text(title, initial, Purpose::MailToTask { message_id }));
    Vec::new()
}

pub(super) fn answer_list(store: &mut Store, message_id: &str, answer: &str) -> Answered {
    if answer.trim().is_empty() {
        return Err("Name a To Do list".into());
    }
    notify(store, format!("Making a task in {answer}…"));
    Ok(vec![Effect::MailToTask { list: answer.trim().to_owned(), message_id: message_id.to_owned() }])
}

/// The task was made: say so, and show it when its list is open in the Tasks pane.
pub(super) fn on_task_made(store: &mut Store, result: Outcome<(String, String)>) -> Vec<Effect> {
    match result {
        Ok((list_id, title)) => {
            notify(store, format!("Added the task {title}, linked to the message"));
            if store.tasks.open_list.as_deref() == Some(list_id.as_str()) {
                let generation = store.next_generation();
                store.tasks.tasks = crate::tui::store::tasks::Remote::Loading { generation };
                return vec![Effect::Tasks(crate::tui::effect::tasks::TaskEffect::LoadTasks { generation, list_id })];
            }
            Vec::new()
        }
        Err(reason) => {
            report_error(store, format!("Making a task of the message failed: {reason}"));
            Vec::new()
        }
    }
}

/// The selected task's message, in the mail pane's reader.
pub(super) fn open_linked_message(store: &mut Store) -> Vec<Effect> {
    let Some(task) = store.tasks.selected_task() else { return Vec::new() };
    let Some(link) = task.links.iter().find(|l| l.message_id.is_some()) else {
        notify(store, format!("The task {} was not made from a message", task.title));
        return Vec::new();
    };
    let id = link.message_id.clone().unwrap_or_default();
    store.pane = Pane::Mail;
    store.mail.focus = MailFocus::Reader;
    super::mail::relayout(store);
    super::mail::load(store, LoadKey::Message { id })
}
