//! The worker: runs each `Effect` as a tokio task through the Graph client and sends the
//! result back as a `Msg`. It never touches the store. A new load in a slot cancels the one
//! before it; asking again for what is already in flight joins that load instead of
//! starting another (its answer then carries the newest generation).
pub mod cached;
mod cached_panes;
mod calendar;
pub mod compose;
mod drive_files;
mod drive_ops;
pub mod mail_ops;
pub mod notifier;
pub mod opener;
pub mod paths;
mod people;
pub mod requests;
pub mod scratch;
mod settings;
mod tasks;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use futures::StreamExt;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use super::effect::drive::{DriveEffect, TransferId};
use super::effect::{Effect, LoadKey, Slot};
use super::loadable::Generation;
use super::msg::{DriveEntry, Failure, FolderRow, FullMessage, MessagePage, Msg, PlaceRow};
use crate::domain;
use o365_graph::auth::AuthError;
use o365_graph::client::GraphClient;
use o365_graph::dto;
use o365_graph::error::{GraphError, GraphResult};
use o365_graph::mail::{self, MessageFilter};
use o365_graph::paging::{follow_link, pages, with_page_size};

mod drive;

/// Messages asked for per page: one screenful and some, so the first rows show quickly;
/// scrolling fetches more.
pub const MESSAGES_PAGE: usize = 100;

/// The generation a running load will answer with; `None` once it has answered, so a late
/// request for the same thing starts a new load rather than join a finished one.
type Answering = Arc<Mutex<Option<Generation>>>;

struct Running {
    key: LoadKey,
    answering: Answering,
    handle: JoinHandle<()>,
}

pub struct Worker {
    client: GraphClient,
    messages: UnboundedSender<Msg>,
    running: HashMap<Slot, Running>,
    /// Where compose keeps local drafts; `None` finds the data directory from the environment.
    drafts_base: Option<PathBuf>,
    /// Compose's local-draft file work, in the order asked for.
    draft_turns: compose::turns::Turns,
    /// Where opened attachments go; removed when the last worker sharing it is dropped.
    scratch: Arc<scratch::Scratch>,
    /// What opens links and attachments.
    opener: opener::Opener,
    /// What tells the desktop that new mail arrived.
    notifier: notifier::Notifier,
    /// The account's local cache, when the interface has one (issue 10).
    cache: Option<cached::CacheAccess>,
    /// The Drive pane's running transfers, so one can be cancelled.
    transfers: HashMap<TransferId, JoinHandle<()>>,
}

impl Worker {
    pub fn new(client: GraphClient, messages: UnboundedSender<Msg>) -> Self {
        Worker {
            client,
            messages,
            running: HashMap::new(),
            drafts_base: None,
            draft_turns: Default::default(),
            scratch: Default::default(),
            opener: opener::Opener::default(),
            notifier: notifier::Notifier::default(),
            cache: None,
            transfers: HashMap::new(),
        }
    }

    /// Loads answered from (and kept in) the local cache, syncs run on it.
    pub fn with_cache(self, cache: cached::CacheAccess) -> Self {
        Worker { cache: Some(cache), ..self }
    }

    /// Opened attachments go into `scratch` (one for every account of the session).
    pub fn with_scratch(self, scratch: Arc<scratch::Scratch>) -> Self {
        Worker { scratch, ..self }
    }

    /// Links and attachments go to `opener` (the system's by default).
    pub fn with_opener(self, opener: opener::Opener) -> Self {
        Worker { opener, ..self }
    }

    /// New mail is told to the desktop through `notifier` (nothing by default).
    pub fn with_notifier(self, notifier: notifier::Notifier) -> Self {
        Worker { notifier, ..self }
    }

    /// Local drafts go into `base` (the session's own data directory: a private one under `--demo`).
    pub fn with_drafts_in(self, base: PathBuf) -> Self {
        Worker { drafts_base: Some(base), ..self }
    }

    /// How many loads are running (for tests and the status bar).
    pub fn in_flight(&self) -> usize {
        self.running.values().filter(|r| !r.handle.is_finished()).count()
    }

    pub fn run(&mut self, effect: Effect) {
        match effect {
            Effect::Cancel(slot) => {
                if let Some(running) = self.running.remove(&slot) {
                    running.handle.abort();
                }
            }
            Effect::Load { generation, key } => self.load(generation, key),
            Effect::Tasks(effect) => tasks::run(&self.client, self.cache.as_ref(), &self.messages, effect),
            Effect::Calendar(effect) => calendar::run(&self.client, self.cache.as_ref(), &self.messages, effect),
            Effect::MailOps(effect) => mail_ops::run(&self.client, &self.messages, &self.opener, effect, &self.scratch),
            Effect::Compose(effect) => {
                compose::run(&self.client, &self.messages, effect, self.drafts_base.as_deref(), &self.draft_turns)
            }
            Effect::CompletePath(query) => paths::run(&self.messages, query),
            Effect::Drive(DriveEffect::StartTransfer { id, job }) => {
                self.transfers.retain(|_, handle| !handle.is_finished());
                let handle = drive_files::start(&self.client, &self.messages, &self.opener, &self.scratch, id, job);
                self.transfers.insert(id, handle);
            }
            Effect::Drive(DriveEffect::CancelTransfer(id)) => {
                if let Some(handle) = self.transfers.remove(&id) {
                    handle.abort();
                }
            }
            Effect::Drive(effect) => drive_ops::run(&self.client, self.cache.as_ref(), &self.messages, effect),
            Effect::People(effect) => people::run(&self.client, self.cache.as_ref(), &self.messages, effect),
            Effect::SyncCache { folders } => {
                if let Some(cache) = &self.cache {
                    cached::sync(&self.client, cache, folders, &self.messages);
                }
            }
            Effect::NotifyDesktop(notice) => self.notifier.notify(&notice),
            Effect::SearchCache { generation, folder_id, text } => {
                cached::search(self.cache.as_ref(), generation, folder_id, text, &self.messages)
            }
            Effect::Settings(effect) => settings::run(&self.client, &self.messages, effect),
            Effect::MailToTask { list, message_id } => {
                people::mail_to_task(&self.client, &self.messages, list, message_id)
            }
            // The loop runs the editors and pipes, writes to the terminal and switches accounts
            // itself (it owns the terminal); nothing to do here.
            Effect::RunEditor(_)
            | Effect::RunPipe(_)
            | Effect::EditNote(_)
            | Effect::EditContact(_)
            | Effect::CopyToClipboard(_)
            | Effect::SwitchAccount(_) => {}
        }
    }

    fn load(&mut self, generation: Generation, key: LoadKey) {
        let slot = key.slot();
        if let Some(running) = self.running.get(&slot)
            && running.key == key
        {
            let mut answering = running.answering.lock().unwrap_or_else(|e| e.into_inner());
            if answering.is_some() {
                *answering = Some(generation);
                return;
            }
        }
        if let Some(stale) = self.running.remove(&slot) {
            stale.handle.abort();
        }
        let answering: Answering = Arc::new(Mutex::new(Some(generation)));
        let task =
            fetch(self.client.clone(), self.cache.clone(), key.clone(), answering.clone(), self.messages.clone());
        self.running.insert(slot, Running { key, answering, handle: tokio::spawn(task) });
    }
}

/// Turns failures into the typed ones the store gets, and notes whether one of them was a
/// sign-out by another o365 process (issue 14), which `announce` then sends as `Msg::SignedOut`.
#[derive(Debug, Default)]
pub(super) struct Failures {
    signed_out: AtomicBool,
}

impl Failures {
    pub(super) fn failure(&self, error: GraphError) -> Failure {
        if matches!(error, GraphError::Auth(AuthError::SignedOut)) {
            self.signed_out.store(true, Ordering::Relaxed);
        }
        Failure::from(error)
    }

    /// After the failure's own message (the loop may have ended; then nobody needs either).
    pub(super) fn announce(&self, messages: &UnboundedSender<Msg>) {
        if self.signed_out.load(Ordering::Relaxed) {
            let _ = messages.send(Msg::SignedOut);
        }
    }
}

async fn fetch(
    client: GraphClient,
    cache: Option<cached::CacheAccess>,
    key: LoadKey,
    answering: Answering,
    messages: UnboundedSender<Msg>,
) {
    let outcome = match &cache {
        Some(cache) => cached::fetch(&client, cache, &key, &messages).await,
        None => Fetched::of(&client, &key).await,
    };
    let Some(generation) = answering.lock().unwrap_or_else(|e| e.into_inner()).take() else { return };
    let failures = Failures::default();
    // A meeting's mail: its event follows the message (the reader shows the message first).
    let invitation = match (&key, &outcome) {
        (LoadKey::Message { id }, Fetched::Message(Ok(full))) if full.message.summary.is_meeting => Some(id.clone()),
        _ => None,
    };
    // The loop may have ended; then nobody needs the answer.
    let _ = messages.send(outcome.into_msg(generation, &failures));
    if let Some(message_id) = invitation {
        let result = calendar::invitation(&client, &message_id).await.map_err(|e| failures.failure(e));
        let _ = messages.send(Msg::Calendar(super::msg::calendar::CalendarMsg::Invitation { message_id, result }));
    }
    failures.announce(&messages);
}

pub(super) enum Fetched {
    Folders(GraphResult<Vec<FolderRow>>),
    Messages(GraphResult<MessagePage>),
    MoreMessages(GraphResult<MessagePage>),
    Message(GraphResult<Box<FullMessage>>),
    FoldersRefreshed(GraphResult<Vec<FolderRow>>),
    NewestMessages(GraphResult<MessagePage>),
    Agenda(GraphResult<super::store::calendar::CalendarPage>),
    DriveChildren(GraphResult<Vec<DriveEntry>>),
    DrivePlaces(GraphResult<Vec<PlaceRow>>),
}

impl Fetched {
    async fn of(client: &GraphClient, key: &LoadKey) -> Fetched {
        match key {
            LoadKey::Folders => Fetched::Folders(folders(client, true).await),
            LoadKey::Messages { folder_id } => {
                let request =
                    mail::messages_request(client, Some(folder_id), &MessageFilter::default(), Some(MESSAGES_PAGE));
                Fetched::Messages(one_page(client, request).await)
            }
            LoadKey::MoreMessages { folder_id, next_link, to_end } => {
                Fetched::MoreMessages(next_page(client, folder_id, next_link, *to_end).await)
            }
            LoadKey::Message { id } => Fetched::Message(message(client, id).await),
            LoadKey::RefreshFolders => Fetched::FoldersRefreshed(folders(client, false).await),
            LoadKey::NewestMessages { folder_id } => {
                let request =
                    mail::messages_request(client, Some(folder_id), &MessageFilter::default(), Some(MESSAGES_PAGE));
                Fetched::NewestMessages(one_page(client, request).await)
            }
            LoadKey::Agenda { start, end } => Fetched::Agenda(calendar::period(client, *start, *end).await),
            LoadKey::DriveChildren { .. }
            | LoadKey::SharedWithMe
            | LoadKey::Sites { .. }
            | LoadKey::SiteDrives { .. }
            | LoadKey::DriveSearch { .. }
            | LoadKey::DriveRecent => drive::fetch(client, key).await,
        }
    }

    fn into_msg(self, generation: Generation, failures: &Failures) -> Msg {
        let failed = |e: GraphError| failures.failure(e);
        match self {
            Fetched::Folders(r) => Msg::Folders { generation, result: r.map_err(failed) },
            Fetched::Messages(r) => Msg::Messages { generation, result: r.map_err(failed) },
            Fetched::MoreMessages(r) => Msg::MoreMessages { generation, result: r.map_err(failed) },
            Fetched::Message(r) => Msg::Message { generation, result: r.map_err(failed) },
            Fetched::FoldersRefreshed(r) => Msg::FoldersRefreshed { generation, result: r.map_err(failed) },
            Fetched::NewestMessages(r) => Msg::NewestMessages { generation, result: r.map_err(failed) },
            Fetched::Agenda(r) => Msg::Agenda { generation, result: r.map_err(failed) },
            Fetched::DriveChildren(r) => Msg::DriveChildren { generation, result: r.map_err(failed) },
            Fetched::DrivePlaces(r) => Msg::DrivePlaces { generation, result: r.map_err(failed) },
        }
    }
}

/// The folder tree; with `name_well_known` the distinguished folders named (one `$batch` more:
/// without it they would be offered for deletion; the tree still shows when it fails). The
/// background refresh leaves that out: the ids never change, and `update` keeps what it knows.
async fn folders(client: &GraphClient, name_well_known: bool) -> GraphResult<Vec<FolderRow>> {
    let nodes = mail::list_folders(client).await?;
    let names: Vec<&str> = domain::WellKnown::ALL.iter().map(|w| w.graph_name()).collect();
    let well_known = match name_well_known {
        true => mail::folders::well_known_ids(client, &names).await.unwrap_or_else(|e| {
            tracing::warn!("cannot tell the well-known folders: {e}");
            Vec::new()
        }),
        false => Vec::new(),
    };
    let kind_of = |id: &str| {
        well_known.iter().find(|(_, known)| known == id).and_then(|(name, _)| domain::WellKnown::from_graph_name(name))
    };
    Ok(nodes
        .iter()
        .map(|node| {
            let mut folder = domain::Folder::from(&node.folder);
            folder.well_known = kind_of(&folder.id);
            FolderRow { folder, depth: node.depth }
        })
        .filter(|row| !row.folder.is_hidden)
        .collect())
}

/// Exactly one page: `pages` is lazy, so taking its first item sends one request.
async fn one_page(client: &GraphClient, request: o365_graph::request::Request) -> GraphResult<MessagePage> {
    let mut stream = Box::pin(pages::<dto::Message>(client.clone(), request));
    match stream.next().await {
        Some(page) => {
            let page = page?;
            Ok(MessagePage {
                items: page.value.iter().map(domain::MessageSummary::from).collect(),
                next_link: page.next_link,
            })
        }
        None => Ok(MessagePage { items: Vec::new(), next_link: None }),
    }
}

/// The page behind a nextLink, used as given (and only on the Graph host), except that a walk to
/// the folder's end asks for the largest page Graph gives rather than a screen's worth.
async fn next_page(client: &GraphClient, folder_id: &str, next_link: &str, to_end: bool) -> GraphResult<MessagePage> {
    let first = mail::messages_request(client, Some(folder_id), &MessageFilter::default(), Some(MESSAGES_PAGE));
    let link = if to_end { with_page_size(next_link, mail::MESSAGES_MAX_PAGE) } else { next_link.to_owned() };
    one_page(client, follow_link(client, &first, &link)?).await
}

async fn message(client: &GraphClient, id: &str) -> GraphResult<Box<FullMessage>> {
    let (message, attachments) = mail::get_message(client, id).await?;
    Ok(Box::new(FullMessage {
        message: domain::Message::from(&message),
        attachments: attachments.iter().map(domain::AttachmentInfo::from).collect(),
    }))
}
