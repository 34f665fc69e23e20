//! The open message's files: save one attachment (picked when there are several) or all of
//! them into a typed folder, open one with the system's viewer, save the message as `.eml`.
//! The folder is checked and names made safe by the worker; here only the questions are asked,
//! among them whether to create a folder that is missing (never a quiet fallback elsewhere).
use std::path::PathBuf;

use super::super::super::effect::Effect;
use super::super::super::effect::mail_ops::{DEFAULT_SAVE_DIR, MailOpsEffect};
use super::super::super::msg::Outcome;
use super::super::super::store::Store;
use super::super::super::store::mail::ops::{MailPrompt, PickFor, PickItem, Picker};
use super::super::prompt::Answered;
use super::super::{notify, report_error};
use super::{ask, folder_prompt, path_prompt};
use crate::domain::AttachmentKind;

/// The open message's id and its file attachments (id, name): the only ones with bytes.
fn open_files(store: &Store) -> Option<(String, Vec<(String, String)>)> {
    let doc = store.mail.reader.ready()?;
    let files = doc
        .message
        .attachments
        .iter()
        .filter(|a| a.kind == AttachmentKind::File)
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    Some((doc.message.message.summary.id.clone(), files))
}

/// The files, or a notice that there is nothing to work on.
fn files_or_notice(store: &mut Store) -> Option<(String, Vec<(String, String)>)> {
    match open_files(store) {
        None => {
            notify(store, "Open a message first".to_owned());
            None
        }
        Some((_, files)) if files.is_empty() => {
            notify(store, "The message has no attachments to save".to_owned());
            None
        }
        found => found,
    }
}

fn picker(title: &str, files: Vec<(String, String)>, purpose: PickFor) -> Picker {
    let items = files.into_iter().map(|(id, name)| PickItem { label: name, value: id, ..Default::default() }).collect();
    Picker::new(title, items, purpose)
}

pub(super) fn save_one(store: &mut Store) -> Vec<Effect> {
    let Some((message_id, mut files)) = files_or_notice(store) else { return Vec::new() };
    if files.len() > 1 {
        store.mail.ops.picker = Some(picker("Save which attachment?", files, PickFor::SaveAttachment { message_id }));
        return Vec::new();
    }
    let (id, name) = files.remove(0);
    let title = format!("Save {name} into folder");
    ask(
        store,
        folder_prompt(
            title,
            DEFAULT_SAVE_DIR,
            MailPrompt::SaveAttachments { message_id, attachment: Some((id, name)) },
        ),
    )
}

pub(super) fn save_all(store: &mut Store) -> Vec<Effect> {
    let Some((message_id, files)) = files_or_notice(store) else { return Vec::new() };
    let title = format!("Save {} attachment{} into folder", files.len(), if files.len() == 1 { "" } else { "s" });
    ask(store, folder_prompt(title, DEFAULT_SAVE_DIR, MailPrompt::SaveAttachments { message_id, attachment: None }))
}

pub(super) fn open_one(store: &mut Store) -> Vec<Effect> {
    let Some((message_id, mut files)) = files_or_notice(store) else { return Vec::new() };
    if files.len() > 1 {
        store.mail.ops.picker = Some(picker("Open which attachment?", files, PickFor::OpenAttachment { message_id }));
        return Vec::new();
    }
    let (attachment_id, name) = files.remove(0);
    notify(store, format!("Opening {name}…"));
    vec![Effect::MailOps(MailOpsEffect::OpenAttachment { message_id, attachment_id, name })]
}

pub(super) fn save_eml(store: &mut Store) -> Vec<Effect> {
    let Some(doc) = store.mail.reader.ready() else {
        notify(store, "Open a message first".to_owned());
        return Vec::new();
    };
    let summary = &doc.message.message.summary;
    let asked = MailPrompt::SaveEml { message_id: summary.id.clone(), subject: summary.subject.clone() };
    ask(store, path_prompt("Save the message (.eml) into folder or file".to_owned(), DEFAULT_SAVE_DIR, asked))
}

pub(super) fn answer(store: &mut Store, asked: &MailPrompt, answer: &str) -> Answered {
    let yes_no = matches!(asked, MailPrompt::CreateAndSave { .. });
    if answer.is_empty() && !yes_no {
        return Err("Type a folder (~ is your home folder)".to_owned());
    }
    let effect = match asked.clone() {
        MailPrompt::SaveAttachments { message_id, attachment } => {
            MailOpsEffect::SaveAttachments { message_id, attachment, dir: answer.to_owned(), create: false }
        }
        MailPrompt::SaveEml { message_id, subject } => {
            MailOpsEffect::SaveEml { message_id, subject, path: answer.to_owned(), create: false }
        }
        // A yes (the prompt is a yes/no): the same save, the folder made first.
        MailPrompt::CreateAndSave { retry, .. } => match *retry {
            MailOpsEffect::SaveAttachments { message_id, attachment, dir, .. } => {
                MailOpsEffect::SaveAttachments { message_id, attachment, dir, create: true }
            }
            MailOpsEffect::SaveEml { message_id, subject, path, .. } => {
                MailOpsEffect::SaveEml { message_id, subject, path, create: true }
            }
            _ => return Ok(Vec::new()),
        },
        _ => return Ok(Vec::new()),
    };
    notify(store, "Saving…".to_owned());
    Ok(vec![Effect::MailOps(effect)])
}

/// The folder typed is not there: asks whether to create it (the save follows a yes).
pub(super) fn ask_create(store: &mut Store, folder: PathBuf, retry: Box<MailOpsEffect>) {
    store.notice = None;
    let title = format!("{} does not exist: create it and save there?", folder.display());
    let asked = MailPrompt::CreateAndSave { folder, retry };
    store.prompt = Some(super::super::super::store::prompt::Prompt::yes_no(
        title,
        super::super::super::store::prompt::Purpose::Mail(asked),
    ));
}

pub(super) fn saved(store: &mut Store, result: Outcome<Vec<PathBuf>>) {
    match result {
        Ok(paths) if paths.len() == 1 => notify(store, format!("Saved {}", paths[0].display())),
        Ok(paths) => {
            let dir = paths.first().and_then(|p| p.parent()).map(|d| d.display().to_string()).unwrap_or_default();
            notify(store, format!("Saved {} files into {dir}", paths.len()))
        }
        Err(reason) => report_error(store, format!("Saving failed: {reason}")),
    }
}

pub(super) fn opened(store: &mut Store, result: Outcome<PathBuf>) {
    match result {
        Ok(path) => notify(store, format!("Opened {}", path.display())),
        Err(reason) => report_error(store, format!("Opening the attachment failed: {reason}")),
    }
}
