//! The TUI's store, update and worker wired as the loop wires them, against a simulated
//! tenant, with compose's files in a scratch directory and no `$EDITOR` (the built-in editor),
//! or an `$EDITOR` command that `edit` runs on the file as the loop would (without handing over
//! a terminal): keys and prompt answers in, the worker's messages fed back until the one a test
//! waits for.
#![allow(dead_code)]
use std::ffi::OsString;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;

use o365::tui::action::Action;
use o365::tui::action::compose::ComposeAction;
use o365::tui::driver::Driver;
use o365::tui::editor::run_job;
use o365::tui::effect::compose::EditorJob;
use o365::tui::msg::Msg;
use o365::tui::msg::compose::ComposeMsg;
use o365::tui::store::Store;
use o365::tui::worker::Worker;
use o365::tui::worker::compose::init;
use o365_graph::client::GraphClient;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub struct Ui {
    driver: Driver,
    /// Scratch directory: compose's files and whatever the test writes.
    pub root: PathBuf,
    /// Every compose message the worker sent, in order.
    pub heard: Vec<ComposeMsg>,
    /// `$EDITOR`, when the test set one.
    editor: Option<String>,
}

impl Deref for Ui {
    type Target = Driver;

    fn deref(&self) -> &Driver {
        &self.driver
    }
}

impl DerefMut for Ui {
    fn deref_mut(&mut self) -> &mut Driver {
        &mut self.driver
    }
}

impl Ui {
    pub fn new(client: GraphClient) -> Ui {
        let root = std::env::temp_dir().join(format!("o365-compose-ui-{}", uuid::Uuid::new_v4().simple()));
        Ui::with_root(client, root)
    }

    /// Compose's files under `root` (which may already hold drafts a "dead" process left).
    pub fn with_root(client: GraphClient, root: PathBuf) -> Ui {
        Ui::start(client, root, None)
    }

    /// Compose's files in a scratch directory, `$EDITOR` set to `command` (program and
    /// arguments, split like a shell would).
    pub fn with_editor(client: GraphClient, command: &str) -> Ui {
        let root = std::env::temp_dir().join(format!("o365-compose-ui-{}", uuid::Uuid::new_v4().simple()));
        Ui::start(client, root, Some(command.to_owned()))
    }

    fn start(client: GraphClient, root: PathBuf, editor: Option<String>) -> Ui {
        std::fs::create_dir_all(&root).unwrap();
        // Compose files under the scratch directory even when `Action::Start` asks the worker
        // to look for them, as the app points it at its data directory.
        let drafts = root.join("compose");
        let store = Store::new("me", chrono_tz::Tz::UTC, 100, 30);
        let driver = Driver::with_worker(store, |sender| Worker::new(client, sender).with_drafts_in(drafts));
        let mut ui = Ui { driver, root, heard: Vec::new(), editor };
        let editor = ui.editor.clone();
        let env = move |name: &str| (name == "EDITOR").then(|| editor.clone().map(OsString::from)).flatten();
        let ready = init(Some(&ui.root.join("compose")), &env);
        ui.feed(Msg::Compose(ready));
        ui
    }

    pub fn feed(&mut self, input: impl Into<o365::tui::update::Input>) {
        self.driver.apply(input);
    }

    /// Runs the editor the last update asked for on its file, as the loop does, and feeds back
    /// what it left there; returns the job (the text the file was created with).
    pub async fn edit(&mut self) -> EditorJob {
        assert!(self.editor.is_some(), "no editor is set");
        let job = self.driver.take_editor_job().expect("an editor run was asked for");
        let result = run_job(&job).await;
        self.feed(Msg::Compose(ComposeMsg::Edited(result)));
        job
    }

    pub fn act(&mut self, action: ComposeAction) {
        self.feed(Action::Compose(action));
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
            self.act(ComposeAction::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        }
    }

    /// Types `text` into the open prompt and submits it.
    pub fn answer_prompt(&mut self, text: &str) {
        assert!(self.store.prompt.is_some(), "a prompt is open");
        for c in text.chars() {
            self.feed(Action::TextInput(c));
        }
        self.feed(Action::TextSubmit);
    }

    /// Feeds the worker's messages to update until one `wanted` arrives (returned too).
    pub async fn until(&mut self, wanted: impl Fn(&ComposeMsg) -> bool) -> ComposeMsg {
        loop {
            let msg = self.driver.next_message().await.expect("the worker answers");
            let hit = match &msg {
                Msg::Compose(m) => {
                    self.heard.push(m.clone());
                    wanted(m).then(|| m.clone())
                }
                _ => None,
            };
            self.feed(msg);
            if let Some(m) = hit {
                return m;
            }
        }
    }

    /// Feeds the worker's messages to update until one `wanted` arrives (any kind of message).
    pub async fn until_msg(&mut self, wanted: impl Fn(&Msg) -> bool) -> Msg {
        loop {
            let msg = self.driver.next_message().await.expect("the worker answers");
            if let Msg::Compose(m) = &msg {
                self.heard.push(m.clone());
            }
            let hit = wanted(&msg);
            self.feed(msg.clone());
            if hit {
                return msg;
            }
        }
    }

    /// A new message typed in the built-in editor, on the review screen with its local draft.
    pub async fn new_message(&mut self, to: &str, subject: &str, body: &str) {
        self.act(ComposeAction::Open(o365::tui::store::compose::Kind::New));
        self.type_text(&format!("{to}\n\n\n{subject}\n{body}"));
        self.act(ComposeAction::Done);
        let saved = self.until(|m| matches!(m, ComposeMsg::LocalSaved(_))).await;
        assert!(matches!(saved, ComposeMsg::LocalSaved(Ok(_))), "{saved:?}");
    }

    /// The message list holds one message, `id`, selected (to reply to or forward).
    pub fn select(&mut self, id: &str) {
        self.select_message(id, false);
    }

    /// The message list holds one draft, `id`, selected (to edit).
    pub fn select_draft(&mut self, id: &str) {
        self.select_message(id, true);
    }

    fn select_message(&mut self, id: &str, is_draft: bool) {
        use o365::tui::loadable::{Loadable, MoreState, Paged};
        let summary = o365::domain::MessageSummary { id: id.into(), is_draft, ..Default::default() };
        self.store.mail.messages =
            Loadable::Ready(Paged { items: vec![summary], next_link: None, total: None, more: MoreState::Idle });
        self.store.mail.focus = o365::tui::store::MailFocus::Messages;
    }

    /// This process's own draft directory.
    pub fn own_dir(&self) -> PathBuf {
        self.store.compose.env.dirs.as_ref().unwrap().own.clone()
    }

    pub fn local_path(&self) -> PathBuf {
        self.store.compose.open.as_ref().unwrap().local_path.clone().expect("a local draft")
    }
}

impl Drop for Ui {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}
