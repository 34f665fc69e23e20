//! The interface without a terminal: the store, the worker and the worker's messages, fed the
//! way the loop feeds them. Tests drive it with keys and wait for the worker's answers; an
//! editor run that `update` asks for waits in `pending_edit` until someone runs it, as the loop
//! runs it once the current event is handled.
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::effect::Effect;
use super::effect::compose::EditorJob;
use super::msg::Msg;
use super::store::Store;
use super::update::{Input, update};
use super::worker::Worker;
use o365_graph::client::GraphClient;

/// How long `until` and `settle` wait for the worker's next answer before failing: generous,
/// for a loaded 2-core machine; a test that hits it has hung.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Driver {
    pub store: Store,
    pub worker: Worker,
    messages: UnboundedReceiver<Msg>,
    /// The editor run the last input asked for, until `take_editor_job`.
    pending_edit: Option<EditorJob>,
}

impl Driver {
    /// `store` with a worker of its own on `client`.
    pub fn new(store: Store, client: GraphClient) -> Driver {
        Driver::with_worker(store, |sender| Worker::new(client, sender))
    }

    /// `store` with the worker `make` builds on the answers' channel (one keeping local drafts
    /// elsewhere, say).
    pub fn with_worker(store: Store, make: impl FnOnce(UnboundedSender<Msg>) -> Worker) -> Driver {
        let (sender, messages) = unbounded_channel();
        Driver { store, worker: make(sender), messages, pending_edit: None }
    }

    /// One input through `update`; its effects go to the worker, except an editor run, which
    /// waits in `take_editor_job` (the loop runs it itself: it owns the terminal).
    pub fn apply(&mut self, input: impl Into<Input>) {
        for effect in update(&mut self.store, input) {
            match effect {
                Effect::RunEditor(job) => {
                    assert!(self.pending_edit.replace(job).is_none(), "one editor run at a time");
                }
                effect => self.worker.run(effect),
            }
        }
    }

    /// The editor run an input asked for, if any.
    pub fn take_editor_job(&mut self) -> Option<EditorJob> {
        self.pending_edit.take()
    }

    /// The worker's next answer, not yet fed to `update`; `None` when it has stopped.
    pub async fn next_message(&mut self) -> Option<Msg> {
        tokio::time::timeout(ANSWER_TIMEOUT, self.messages.recv()).await.expect("the worker answers in time")
    }

    /// Feeds the worker's answers through `update` until one satisfies `done`; returns it.
    pub async fn until(&mut self, done: impl Fn(&Msg) -> bool) -> Msg {
        loop {
            let msg = self.next_message().await.expect("the worker is alive");
            let hit = done(&msg);
            self.apply(msg.clone());
            if hit {
                return msg;
            }
        }
    }

    /// Feeds the worker's answers through `update` while `busy` says work is pending.
    pub async fn settle(&mut self, busy: impl Fn(&Store) -> bool) {
        while busy(&self.store) {
            let msg = self.next_message().await.expect("the worker is alive");
            self.apply(msg);
        }
    }
}
