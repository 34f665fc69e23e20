//! The worker's side of the mail pane's organising: runs a change over many messages through
//! `$batch` (reporting progress after each batch and an outcome per message), loads search,
//! quick-filter and conversation lists, saves and opens attachments, exports `.eml`, creates,
//! renames and deletes folders, and loads the master category list. Each effect runs as its
//! own task; answers come back as `Msg::MailOps`.
mod files;
mod lists;

use std::path::PathBuf;

use tokio::sync::mpsc::UnboundedSender;

use super::super::loadable::Generation;
use super::super::msg::{MessagePage, Msg, Outcome};
use super::super::store::mail::ops::{CategoryRow, MessageChange, QuickFilters};
use super::Failures;
use o365_graph::client::GraphClient;
use o365_graph::dto::FlagStatus;
use o365_graph::mail::organise::{self, Change};
use o365_graph::mail::{categories, folders};

pub use files::{DEFAULT_SAVE_DIR, private_dir, resolve_save_dir};
pub use lists::list_request;

/// What a list load asks for, beside a plain folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListQuery {
    /// `$search` over the folder (the text as typed; the query builder quotes it).
    Search(String),
    /// The folder through an OData `$filter` of the filters on.
    Filter(QuickFilters),
    /// Every message, in all folders, with this `conversationId`.
    Conversation(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderChange {
    Create { parent: Option<String>, name: String },
    Rename { id: String, name: String },
    Delete { id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOpsEffect {
    /// Apply `change` to `ids`; `op` names the pending change in the store.
    Change {
        op: Generation,
        ids: Vec<String>,
        change: MessageChange,
    },
    List {
        generation: Generation,
        folder_id: String,
        query: ListQuery,
    },
    /// Save one attachment (id, name), or all of them, into the folder typed (`~` allowed).
    SaveAttachments {
        message_id: String,
        attachment: Option<(String, String)>,
        dir: String,
    },
    OpenAttachment {
        message_id: String,
        attachment_id: String,
        name: String,
    },
    /// The message's MIME into `path` (a folder: saved there as `<subject>.eml`).
    SaveEml {
        message_id: String,
        subject: String,
        path: String,
    },
    Folder {
        op: Generation,
        change: FolderChange,
    },
    /// The master category list.
    LoadCategories {
        generation: Generation,
    },
}

/// What happened to one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemOutcome {
    pub id: String,
    pub new_id: Option<String>,
    /// The service's reason, when it refused.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MailOpsMsg {
    /// `done` of `total` messages have been answered for.
    Progress {
        op: Generation,
        done: usize,
        total: usize,
    },
    Changed {
        op: Generation,
        result: Outcome<Vec<ItemOutcome>>,
    },
    Listed {
        generation: Generation,
        result: Outcome<MessagePage>,
    },
    /// Files written (attachments, `.eml`).
    Saved {
        result: Outcome<Vec<PathBuf>>,
    },
    /// An attachment saved to a private folder and handed to the system opener.
    Opened {
        result: Outcome<PathBuf>,
    },
    /// A folder change answered; a created folder's new id.
    FolderDone {
        op: Generation,
        result: Outcome<Option<String>>,
    },
    Categories {
        generation: Generation,
        result: Outcome<Vec<CategoryRow>>,
    },
}

/// Starts the effect's task; its answer goes to `messages`.
pub fn run(client: &GraphClient, messages: &UnboundedSender<Msg>, effect: MailOpsEffect) {
    let (client, messages) = (client.clone(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let answer = answer(&client, &messages, effect, &failures).await;
        // The loop may have ended; then nobody needs the answer.
        let _ = messages.send(Msg::MailOps(answer));
        failures.announce(&messages);
    });
}

async fn answer(
    client: &GraphClient,
    messages: &UnboundedSender<Msg>,
    effect: MailOpsEffect,
    failures: &Failures,
) -> MailOpsMsg {
    let text = |e: o365_graph::error::GraphError| failures.text(e);
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
                    .map(|o| ItemOutcome { error: o.error.as_ref().map(|e| e.to_string()), id: o.id, new_id: o.new_id })
                    .collect()
            });
            MailOpsMsg::Changed { op, result: outcomes.map_err(text) }
        }
        MailOpsEffect::List { generation, folder_id, query } => {
            MailOpsMsg::Listed { generation, result: lists::load(client, &folder_id, &query).await.map_err(text) }
        }
        MailOpsEffect::SaveAttachments { message_id, attachment, dir } => {
            MailOpsMsg::Saved { result: files::save_attachments(client, &message_id, attachment, &dir).await }
        }
        MailOpsEffect::OpenAttachment { message_id, attachment_id, name } => {
            MailOpsMsg::Opened { result: files::open_attachment(client, &message_id, &attachment_id, &name).await }
        }
        MailOpsEffect::SaveEml { message_id, subject, path } => {
            MailOpsMsg::Saved { result: files::save_eml(client, &message_id, &subject, &path).await.map(|p| vec![p]) }
        }
        MailOpsEffect::Folder { op, change } => {
            let result = match change {
                FolderChange::Create { parent, name } => {
                    folders::create_folder(client, parent.as_deref(), &name).await.map(|f| Some(f.id))
                }
                FolderChange::Rename { id, name } => folders::rename_folder(client, &id, &name).await.map(|_| None),
                FolderChange::Delete { id } => folders::delete_folder(client, &id).await.map(|_| None),
            };
            MailOpsMsg::FolderDone { op, result: result.map_err(text) }
        }
        MailOpsEffect::LoadCategories { generation } => {
            let rows = categories::list_master_categories(client).await.map(|list| {
                list.iter().map(|c| CategoryRow { name: c.display_name.clone(), preset: c.preset() }).collect()
            });
            MailOpsMsg::Categories { generation, result: rows.map_err(text) }
        }
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
