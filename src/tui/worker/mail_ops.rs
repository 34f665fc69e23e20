//! The worker's side of the mail pane's organising: runs a change over many messages through
//! `$batch` (reporting progress after each batch and an outcome per message), loads search,
//! quick-filter and conversation lists, saves and opens attachments, exports `.eml`, creates,
//! renames and deletes folders, loads the master category list, opens links, fetches text
//! attachments and MIME sources to pipe. Each effect runs as its own task; answers come back
//! as `Msg::MailOps`.
mod files;
mod lists;

use tokio::sync::mpsc::UnboundedSender;

use super::super::effect::mail_ops::{FolderChange, MailOpsEffect, PipeJob};
use super::super::msg::mail_ops::{ItemOutcome, MailOpsMsg};
use super::super::msg::{Failure, Msg};
use super::super::store::mail::ops::{CategoryRow, MessageChange};
use super::Failures;
use super::opener::Opener;
use super::scratch::Scratch;
use files::Saving;
use o365_graph::client::GraphClient;
use o365_graph::dto::FlagStatus;
use o365_graph::error::GraphError;
use o365_graph::mail::organise::{self, Change};
use o365_graph::mail::{categories, folders};
use std::sync::Arc;

pub use lists::list_request;

/// Starts the effect's task; its answer goes to `messages`.
pub fn run(
    client: &GraphClient,
    messages: &UnboundedSender<Msg>,
    opener: &Opener,
    effect: MailOpsEffect,
    scratch: &Arc<Scratch>,
) {
    let (client, messages, opener, scratch) = (client.clone(), messages.clone(), opener.clone(), scratch.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let answer = answer(&client, &messages, &opener, effect, &failures, &scratch).await;
        // The loop may have ended; then nobody needs the answer.
        let _ = messages.send(Msg::MailOps(answer));
        failures.announce(&messages);
    });
}

async fn answer(
    client: &GraphClient,
    messages: &UnboundedSender<Msg>,
    opener: &Opener,
    effect: MailOpsEffect,
    failures: &Failures,
    scratch: &Scratch,
) -> MailOpsMsg {
    let failed = |e: GraphError| failures.failure(e);
    match effect {
        MailOpsEffect::Change { op, ids, change } => {
            let progress = |done, total| {
                let _ = messages.send(Msg::MailOps(MailOpsMsg::Progress { op, done, total }));
            };
            let result = match (&change, graph_change(&change)) {
                (_, Some(graph)) => organise::apply(client, &ids, &graph, progress).await,
                // Each message its own list (a PATCH replaces the whole list).
                (MessageChange::Categories { lists, .. }, None) => categories::set_each(client, lists, progress).await,
                (_, None) => Ok(Vec::new()),
            };
            let outcomes = result.map(|list| {
                list.into_iter()
                    .map(|o| ItemOutcome {
                        error: o.error.map(|e| Failure::from(GraphError::from(e))),
                        id: o.id,
                        new_id: o.new_id,
                    })
                    .collect()
            });
            MailOpsMsg::Changed { op, result: outcomes.map_err(failed) }
        }
        MailOpsEffect::List { generation, folder_id, query } => {
            MailOpsMsg::Listed { generation, result: lists::load(client, &folder_id, &query).await.map_err(failed) }
        }
        MailOpsEffect::SaveAttachments { ref message_id, ref attachment, ref dir, create } => {
            let saving = files::save_attachments(client, message_id, attachment.clone(), dir, create).await;
            saved(saving, &effect)
        }
        MailOpsEffect::OpenAttachment { message_id, attachment_id, name } => MailOpsMsg::Opened {
            result: files::open_attachment(client, opener, &message_id, &attachment_id, &name, scratch).await,
        },
        MailOpsEffect::SaveEml { ref message_id, ref subject, ref path, create } => {
            saved(files::save_eml(client, message_id, subject, path, create).await, &effect)
        }
        MailOpsEffect::OpenLink { url } => {
            MailOpsMsg::LinkOpened { result: opener.open_link(&url).map(|()| url).map_err(Failure::local) }
        }
        MailOpsEffect::AttachmentText { message_id, attachment_id, name } => {
            let result = files::attachment_text(client, &message_id, &attachment_id).await;
            MailOpsMsg::AttachmentText { message_id, name, result }
        }
        MailOpsEffect::PipeSource { message_id, command } => {
            let source = o365_graph::mail::attachments::export_mime(client, &message_id).await;
            MailOpsMsg::PipeReady { result: source.map(|input| PipeJob { command, input }).map_err(failed) }
        }
        MailOpsEffect::Folder { op, change } => {
            let result = match change {
                FolderChange::Create { parent, name } => {
                    folders::create_folder(client, parent.as_deref(), &name).await.map(|f| Some(f.id))
                }
                FolderChange::Rename { id, name } => folders::rename_folder(client, &id, &name).await.map(|_| None),
                FolderChange::Delete { id } => folders::delete_folder(client, &id).await.map(|_| None),
            };
            MailOpsMsg::FolderDone { op, result: result.map_err(failed) }
        }
        MailOpsEffect::LoadCategories { generation } => {
            let rows = categories::list_master_categories(client).await.map(|list| {
                list.iter().map(|c| CategoryRow { name: c.display_name.clone(), preset: c.preset() }).collect()
            });
            MailOpsMsg::Categories { generation, result: rows.map_err(failed) }
        }
    }
}

/// A save's answer: the files, or the missing folder with the save to make once it exists.
fn saved(saving: Result<Saving, Failure>, effect: &MailOpsEffect) -> MailOpsMsg {
    match saving {
        Ok(Saving::Saved(paths)) => MailOpsMsg::Saved { result: Ok(paths) },
        Ok(Saving::Missing(folder)) => MailOpsMsg::FolderMissing { folder, retry: Box::new(effect.clone()) },
        Err(failure) => MailOpsMsg::Saved { result: Err(failure) },
    }
}

/// The one change every message gets; `None` for categories, where each gets its own list.
fn graph_change(change: &MessageChange) -> Option<Change> {
    Some(match change {
        MessageChange::Read(read) => Change::MarkRead(*read),
        MessageChange::Flag(true) => Change::Flag(FlagStatus::Flagged),
        MessageChange::Flag(false) => Change::Flag(FlagStatus::NotFlagged),
        MessageChange::Move(folder) => Change::Move(folder.clone()),
        MessageChange::Copy(folder) => Change::Copy(folder.clone()),
        MessageChange::Delete => Change::Delete,
        MessageChange::PermanentDelete => Change::PermanentDelete,
        MessageChange::Categories { .. } => return None,
    })
}
