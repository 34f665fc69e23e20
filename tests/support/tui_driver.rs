//! The mail pane without a terminal, for tests: `o365::tui::driver::Driver` (the store, the
//! real worker on a signed-in client and the worker's messages, fed as the loop feeds them),
//! started with the Inbox loaded, plus the mail keys tests use.
#![allow(dead_code)]
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use o365::tui::action::Action;
use o365::tui::action::mail_ops::MailOp;
use o365::tui::driver::Driver;
use o365::tui::msg::Msg;
use o365::tui::msg::mail_ops::MailOpsMsg;
use o365::tui::store::Store;
use o365::tui::update::Input;
use o365::tui::worker::Worker;
use o365::tui::worker::opener::Opener;
use o365::tui::worker::scratch::Scratch;

use super::harness;

pub struct Tui(pub Driver);

impl Deref for Tui {
    type Target = Driver;

    fn deref(&self) -> &Driver {
        &self.0
    }
}

impl DerefMut for Tui {
    fn deref_mut(&mut self) -> &mut Driver {
        &mut self.0
    }
}

impl Tui {
    /// Started, folders and the inbox loaded, the message list focused.
    pub async fn start(h: &harness::Harness) -> Tui {
        Tui::start_with(h, Opener::System).await
    }

    /// Like `start`, links and attachments handed to `opener` (a stub script in tests).
    pub async fn start_with(h: &harness::Harness, opener: Opener) -> Tui {
        Tui::start_with_scratch(h, opener, Arc::default()).await
    }

    /// Like `start_with`, files to open written into `scratch` (the session's temporary folder,
    /// which the loop removes when the interface ends).
    pub async fn start_with_scratch(h: &harness::Harness, opener: Opener, scratch: Arc<Scratch>) -> Tui {
        let store = Store::new("me", chrono_tz::Tz::UTC, 140, 40);
        let worker = |sender| Worker::new(h.client(), sender).with_opener(opener).with_scratch(scratch);
        let mut tui = Tui(Driver::with_worker(store, worker));
        tui.act(Action::Start);
        tui.until(|m| matches!(m, Msg::Messages { .. })).await;
        tui.act(Action::FocusNext);
        tui
    }

    pub fn act(&mut self, input: impl Into<Input>) {
        self.0.apply(input);
    }

    pub fn mail(&mut self, op: MailOp) {
        self.act(Action::Mail(op));
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.act(Action::TextInput(c));
        }
    }

    /// Clears the open prompt's text and types `text` into it, then answers it, as a user does.
    pub fn answer(&mut self, text: &str) {
        let typed = self.store.prompt.as_ref().expect("a prompt is open").typed().chars().count();
        for _ in 0..typed {
            self.act(Action::TextBackspace);
        }
        self.type_text(text);
        self.act(Action::TextSubmit);
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
