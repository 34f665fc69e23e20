//! Message attachments by message id: stored as Graph JSON once written by a request, or kept
//! in the seed's small record form (what file, from which seed) and drawn, bytes and all, when
//! read: a mailbox of 100,000 messages holds no attachment bytes until someone opens one.
use std::collections::HashMap;

use serde_json::Value;

use crate::seed::SeededAttachment;

#[derive(Debug, Clone)]
enum Attachment {
    Stored(Value),
    Seeded(SeededAttachment),
}

impl Attachment {
    fn render(&self) -> Value {
        match self {
            Attachment::Stored(value) => value.clone(),
            Attachment::Seeded(record) => record.render(),
        }
    }
}

#[derive(Debug, Default)]
pub struct Attachments {
    lists: HashMap<String, Vec<Attachment>>,
}

impl Attachments {
    /// A message's attachments as Graph JSON (`contentBytes` included), if it has any list.
    pub fn get(&self, message: &str) -> Option<Vec<Value>> {
        self.lists.get(message).map(|list| list.iter().map(Attachment::render).collect())
    }

    /// A message's attachments as Graph JSON; none when it has none.
    pub fn list(&self, message: &str) -> Vec<Value> {
        self.get(message).unwrap_or_default()
    }

    pub fn contains_key(&self, message: &str) -> bool {
        self.lists.contains_key(message)
    }

    /// How many attachments a message has, without drawing them.
    pub fn count(&self, message: &str) -> usize {
        self.lists.get(message).map_or(0, Vec::len)
    }

    pub fn insert(&mut self, message: String, list: Vec<Value>) {
        self.lists.insert(message, list.into_iter().map(Attachment::Stored).collect());
    }

    pub fn insert_seeded(&mut self, message: String, list: Vec<SeededAttachment>) {
        self.lists.insert(message, list.into_iter().map(Attachment::Seeded).collect());
    }

    pub fn push(&mut self, message: &str, attachment: Value) {
        self.lists.entry(message.to_owned()).or_default().push(Attachment::Stored(attachment));
    }

    /// Changes a message's list in place (drawing seeded ones first).
    pub fn update<R>(&mut self, message: &str, change: impl FnOnce(&mut Vec<Value>) -> R) -> Option<R> {
        let list = self.lists.get_mut(message)?;
        let mut values: Vec<Value> = list.iter().map(Attachment::render).collect();
        let result = change(&mut values);
        *list = values.into_iter().map(Attachment::Stored).collect();
        Some(result)
    }

    /// Removes a message's attachments and gives them back as Graph JSON.
    pub fn remove(&mut self, message: &str) -> Option<Vec<Value>> {
        self.lists.remove(message).map(|list| list.iter().map(Attachment::render).collect())
    }

    /// The attachments of `from` now belong to `to` (a move), still undrawn.
    pub fn rename(&mut self, from: &str, to: &str) {
        if let Some(list) = self.lists.remove(from) {
            self.lists.insert(to.to_owned(), list);
        }
    }

    /// `to` gets a copy of the attachments of `from` (a copy of the message), still undrawn.
    pub fn copy(&mut self, from: &str, to: &str) {
        if let Some(list) = self.lists.get(from).cloned() {
            self.lists.insert(to.to_owned(), list);
        }
    }

    /// The ids of the messages with attachments.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.lists.keys()
    }

    /// Every message's list as Graph JSON (for tests and tools).
    pub fn values(&self) -> impl Iterator<Item = Vec<Value>> {
        self.lists.values().map(|list| list.iter().map(Attachment::render).collect())
    }

    /// Every message's attachments as Graph JSON (for tests and tools).
    pub fn iter(&self) -> impl Iterator<Item = (&String, Vec<Value>)> {
        self.lists.iter().map(|(id, list)| (id, list.iter().map(Attachment::render).collect()))
    }
}
