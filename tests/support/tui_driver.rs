//! The TUI without a terminal, for tests: a store, the real worker on a signed-in client and
//! the worker's messages, with keys fed through `update` the way the app loop feeds them.
#![allow(dead_code)]
use o365::tui::action::Action;
use o365::tui::action::mail_ops::MailOp;
use o365::tui::msg::Msg;
use o365::tui::msg::mail_ops::MailOpsMsg;
use o365::tui::store::Store;
use o365::tui::store::prompt::PromptKind;
use o365::tui::update::{Input, update};
use o365::tui::worker::Worker;
use o365::tui::worker::opener::Opener;
use tokio::sync::mpsc::{self, UnboundedReceiver};

use super::harness;

/// The store, the worker and the worker's messages: the app loop without a terminal.
pub struct Tui {
    pub store: Store,
    pub worker: Worker,
    pub messages: UnboundedReceiver<Msg>,
}

impl Tui {
    /// Started, folders and the inbox loaded, the message list focused.
    pub async fn start(h: &harness::Harness) -> Tui {
        Tui::start_with(h, Opener::System).await
    }

    /// Like `start`, links and attachments handed to `opener` (a stub script in tests).
    pub async fn start_with(h: &harness::Harness, opener: Opener) -> Tui {
        let (sender, messages) = mpsc::unbounded_channel();
        let mut tui = Tui {
            store: Store::new("me", chrono_tz::Tz::UTC, 140, 40),
            worker: Worker::new(h.client(), sender).with_opener(opener),
            messages,
        };
        tui.act(Action::Start);
        tui.until(|m| matches!(m, Msg::Messages { .. })).await;
        tui.act(Action::FocusNext);
        tui
    }

    pub fn act(&mut self, input: impl Into<Input>) {
        for effect in update(&mut self.store, input) {
            self.worker.run(effect);
        }
    }

    pub fn mail(&mut self, op: MailOp) {
        self.act(Action::Mail(op));
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.act(Action::TextInput(c));
        }
    }

    /// Replaces the prompt's text and answers it.
    pub fn answer(&mut self, text: &str) {
        let prompt = self.store.prompt.as_mut().expect("a prompt is open");
        prompt.kind = PromptKind::Text { text: text.to_owned() };
        self.act(Action::TextSubmit);
    }

    /// Feeds the worker's messages through `update` until one satisfies `done`; returns it.
    pub async fn until(&mut self, done: impl Fn(&Msg) -> bool) -> Msg {
        loop {
            let msg = self.messages.recv().await.expect("the worker answers");
            let hit = done(&msg);
            self.act(msg.clone());
            if hit {
                return msg;
            }
        }
    }

    pub async fn until_changed(&mut self) -> Msg {
        self.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Changed { .. }))).await
    }

    pub fn ids(&self) -> Vec<String> {
        self.store.mail.messages.ready().unwrap().items.iter().map(|m| m.id.clone()).collect()
    }

    pub fn folder_counts(&self, id: &str) -> (u64, u64) {
        let row = self.store.mail.folders.ready().unwrap().iter().find(|r| r.folder.id == id).unwrap();
        (row.folder.unread_count, row.folder.total_count)
    }

    pub fn notice(&self) -> String {
        self.store.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default()
    }
}
