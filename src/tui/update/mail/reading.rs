//! The reader: it shows the selected message and no other (moving the selection away closes
//! it; a list that changes under it keeps its message selected), `J`/`K` open the next or the
//! previous message, Ctrl-B lists the links to open one, `I` shows a text attachment in place of
//! the message, `|` and `P` pipe the message or its MIME source to a command.
use super::super::super::effect::mail_ops::{MailOpsEffect, PipeJob};
use super::super::super::effect::{Effect, LoadKey};
use super::super::super::loadable::Loadable;
use super::super::super::msg::Outcome;
use super::super::super::store::mail::AttachmentText;
use super::super::super::store::mail::ops::{MailPrompt, PickFor, PickItem, Picker};
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::super::store::{MailFocus, Store};
use super::super::{notify, report_error};
use super::{focus, load, more_if_near_end, page_rows, relayout};
use crate::domain::AttachmentKind;
use crate::render;
use crate::sanitize;

/// Enter on a row: the reader takes the focus and shows the message.
pub(in crate::tui::update) fn open_selected(store: &mut Store) -> Vec<Effect> {
    let Some(id) = store.mail.selected_message().map(|m| m.id.clone()) else { return Vec::new() };
    store.mail.focus = MailFocus::Reader;
    relayout(store);
    if store.mail.open_message.as_deref() == Some(&id) && !matches!(store.mail.reader, Loadable::Failed { .. }) {
        return Vec::new();
    }
    load(store, LoadKey::Message { id })
}

/// `J` (`forward`) / `K`: the next or previous row of the list, opened in the reader.
pub(in crate::tui::update) fn step(store: &mut Store, forward: bool) -> Vec<Effect> {
    if store.mail.focus == MailFocus::Folders || store.mail.messages.ready().is_none() {
        return Vec::new();
    }
    let mail = &store.mail;
    let len = mail.visible_len();
    let at = mail.message_cursor.selected;
    let next = if forward { at + 1 } else { at.wrapping_sub(1) };
    if next >= len {
        let more = mail.messages.ready().is_some_and(|p| p.has_more()) && forward;
        notify(store, if more { "Loading more messages…" } else { "No more messages" }.to_owned());
        return if more { more_if_near_end(store) } else { Vec::new() };
    }
    let height = page_rows(store);
    store.mail.message_cursor.select(next, len, height);
    let mut effects = more_if_near_end(store);
    effects.extend(open_selected(store));
    effects
}

/// After each update: the reader shows the selected message or nothing. When the user moved
/// the selection, the reader closes; when the list changed under it (a reload, a merge, a
/// conversation), the reader's message is selected again if the list has it.
pub(in crate::tui::update) fn follow_selection(store: &mut Store, list_changed: bool) {
    let Some(open) = store.mail.open_message.clone() else { return };
    if store.mail.messages.ready().is_none() {
        return;
    }
    if store.mail.selected_message().is_some_and(|m| m.id == open) {
        return;
    }
    if list_changed && let Some(row) = store.mail.row_of(&open) {
        let (len, height) = (store.mail.visible_len(), page_rows(store));
        store.mail.message_cursor.select(row, len, height);
        return;
    }
    close(store);
}

/// The reader empties; its focus goes back to the list.
fn close(store: &mut Store) {
    let mail = &mut store.mail;
    mail.open_message = None;
    mail.reader = Loadable::Idle;
    mail.read_mark = None;
    if mail.focus == MailFocus::Reader {
        focus(store, MailFocus::Messages);
    }
}

/// Esc in the reader while an attachment shows: back to the message. False when none shows.
pub(in crate::tui::update) fn close_attachment(store: &mut Store) -> bool {
    match store.mail.reader.ready_mut() {
        Some(doc) if doc.viewing.is_some() => {
            doc.viewing = None;
            true
        }
        _ => false,
    }
}

/// Ctrl-B: the open message's links, numbered as its footnotes, to pick one to open.
pub(in crate::tui::update) fn list_links(store: &mut Store) -> Vec<Effect> {
    let Some(doc) = store.mail.reader.ready() else {
        notify(store, "Open a message first".to_owned());
        return Vec::new();
    };
    if doc.links.is_empty() {
        notify(store, "The message has no links".to_owned());
        return Vec::new();
    }
    let items = doc
        .links
        .iter()
        .enumerate()
        .map(|(at, url)| PickItem {
            label: format!("[{}] {}", at + 1, sanitize::line(url)),
            value: url.clone(),
            ..Default::default()
        })
        .collect();
    let mut picker = Picker::new("Open which link?", items, PickFor::OpenLink);
    picker.hint = Some("type to filter · ↑/↓ move · Enter opens · Esc closes");
    store.mail.ops.picker = Some(picker);
    Vec::new()
}

/// A link picked: handed to the opener when its scheme is one that may be.
pub(in crate::tui::update) fn open_link(store: &mut Store, url: String) -> Vec<Effect> {
    if !render::openable_link(&url) {
        report_error(store, format!("Only http, https and mailto links are opened, not {}", sanitize::line(&url)));
        return Vec::new();
    }
    notify(store, format!("Opening {}…", sanitize::line(&url)));
    vec![Effect::MailOps(MailOpsEffect::OpenLink { url })]
}

pub(in crate::tui::update) fn link_opened(store: &mut Store, result: Outcome<String>) {
    match result {
        Ok(url) => notify(store, format!("Opened {}", sanitize::line(&url))),
        Err(reason) => report_error(store, format!("Opening the link failed: {reason}")),
    }
}

/// Whether an attachment reads as text: a text type, JSON or CSV (by type or by name).
fn is_text(content_type: Option<&str>, name: &str) -> bool {
    let kind = content_type.unwrap_or("").to_ascii_lowercase();
    let kind = kind.split(';').next().unwrap_or("").trim();
    let by_type =
        kind.starts_with("text/") || kind.ends_with("/json") || kind.ends_with("+json") || kind == "application/csv";
    let lower = name.to_ascii_lowercase();
    let by_name =
        [".txt", ".csv", ".json", ".md", ".log", ".tsv", ".xml", ".ics", ".vcf"].iter().any(|e| lower.ends_with(e));
    by_type || by_name
}

/// `I`: a text attachment of the open message, shown in the reader (picked among several).
pub(in crate::tui::update) fn view_attachment(store: &mut Store) -> Vec<Effect> {
    let Some(doc) = store.mail.reader.ready() else {
        notify(store, "Open a message first".to_owned());
        return Vec::new();
    };
    let message_id = doc.message.message.summary.id.clone();
    let mut texts: Vec<(String, String)> = doc
        .message
        .attachments
        .iter()
        .filter(|a| a.kind == AttachmentKind::File && !a.inline && is_text(a.content_type.as_deref(), &a.name))
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    match texts.len() {
        0 => {
            notify(store, "The message has no text attachments (o opens others)".to_owned());
            Vec::new()
        }
        1 => {
            let (attachment_id, name) = texts.remove(0);
            fetch_text(store, message_id, attachment_id, name)
        }
        _ => {
            let items =
                texts.into_iter().map(|(id, name)| PickItem { label: name, value: id, ..Default::default() }).collect();
            store.mail.ops.picker =
                Some(Picker::new("Show which attachment?", items, PickFor::ViewAttachment { message_id }));
            Vec::new()
        }
    }
}

pub(in crate::tui::update) fn fetch_text(
    store: &mut Store,
    message_id: String,
    attachment_id: String,
    name: String,
) -> Vec<Effect> {
    notify(store, format!("Loading {}…", sanitize::line(&name)));
    vec![Effect::MailOps(MailOpsEffect::AttachmentText { message_id, attachment_id, name })]
}

/// A text attachment arrived: shown in place of the message it belongs to (still open).
pub(in crate::tui::update) fn attachment_text(
    store: &mut Store,
    message_id: String,
    name: String,
    result: Outcome<String>,
) {
    let text = match result {
        Ok(text) => text,
        Err(reason) => return report_error(store, format!("Showing {} failed: {reason}", sanitize::line(&name))),
    };
    let Some(doc) = store.mail.reader.ready_mut().filter(|d| d.message.message.summary.id == message_id) else {
        return;
    };
    let lines = crate::human::text::wrap(&text, doc.width);
    doc.viewing = Some(AttachmentText { name: sanitize::line(&name).into_owned(), text, lines, scroll: 0 });
    store.notice = None;
    if store.mail.focus != MailFocus::Reader {
        focus(store, MailFocus::Reader);
    }
}

/// `|` (`source`: `P`): asks for the command the open message goes to.
pub(in crate::tui::update) fn ask_pipe(store: &mut Store, source: bool) -> Vec<Effect> {
    let Some(doc) = store.mail.reader.ready() else {
        notify(store, "Open a message first".to_owned());
        return Vec::new();
    };
    let message_id = doc.message.message.summary.id.clone();
    let title = if source { "Pipe the MIME source to (sh -c)" } else { "Pipe the message to (sh -c)" };
    store.prompt = Some(Prompt::text(title, "", Purpose::Mail(MailPrompt::Pipe { message_id, source })));
    Vec::new()
}

/// The command typed: the message as the reader shows it goes straight to the loop; the MIME
/// source is fetched first.
pub(in crate::tui::update) fn pipe(
    store: &mut Store,
    message_id: &str,
    source: bool,
    command: &str,
) -> Result<Vec<Effect>, String> {
    if command.trim().is_empty() {
        return Err("Type a command, such as `less` or `grep -i invoice`".to_owned());
    }
    let command = command.to_owned();
    if source {
        notify(store, "Fetching the MIME source…".to_owned());
        let message_id = message_id.to_owned();
        return Ok(vec![Effect::MailOps(MailOpsEffect::PipeSource { message_id, command })]);
    }
    let Some(doc) = store.mail.reader.ready().filter(|d| d.message.message.summary.id == message_id) else {
        return Err("The message is no longer open".to_owned());
    };
    let text = render::message_text(&doc.message.message, &doc.message.attachments, &store.zone, doc.width.max(20));
    Ok(vec![Effect::RunPipe(PipeJob { command, input: text.into_bytes() })])
}

pub(in crate::tui::update) fn pipe_ready(store: &mut Store, result: Outcome<PipeJob>) -> Vec<Effect> {
    match result {
        Ok(job) => vec![Effect::RunPipe(job)],
        Err(reason) => {
            report_error(store, format!("Fetching the MIME source failed: {reason}"));
            Vec::new()
        }
    }
}
