//! What a sync changed in the cache, per resource, in words for `o365 sync` and as JSON.
use serde::Serialize;

/// The changes one resource's round brought.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ResourceChanges {
    /// What it is, for people: `folders`, or a folder's name.
    pub name: String,
    /// The id behind it (a folder's), empty for the folder tree.
    pub id: String,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    /// A full round (the first, or after the service lost the sync state).
    pub full: bool,
    /// The service had lost the sync state: this resource was synced from scratch.
    pub resynced: bool,
    /// New unread messages (Inbox notices count these); none on a folder's first round, whose
    /// mail was there before the cache knew the folder.
    pub new_unread: usize,
    /// The first few of them, for a desktop notification (remote text: sanitise before use).
    #[serde(skip)]
    pub new_mail: Vec<crate::domain::NewMail>,
    /// The folder tree's round: the folders it reported (made, renamed, their counts moved).
    #[serde(skip)]
    pub touched: std::collections::HashSet<String>,
}

impl ResourceChanges {
    pub fn is_empty(&self) -> bool {
        self.added == 0 && self.updated == 0 && self.removed == 0 && !self.resynced
    }

    /// `Inbox: 3 new, 1 changed, 2 removed` (and how it was synced when not by delta).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (n, what) in [(self.added, "new"), (self.updated, "changed"), (self.removed, "removed")] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        if parts.is_empty() {
            parts.push("no change".to_owned());
        }
        let how = match (self.resynced, self.full) {
            (true, _) => " (the service had lost the sync state: synced again from scratch)",
            (false, true) => " (full sync)",
            (false, false) => "",
        };
        format!("{}: {}{how}", crate::sanitize::line(&self.name), parts.join(", "))
    }
}

/// How many new messages a sync keeps by name (a notification names a few, then counts).
pub const NEW_MAIL_NAMED: usize = 3;

/// What a sync of one workload changed: its tree (mail folders, To Do lists), then each
/// resource under it (a folder's messages, a list's tasks) that was asked about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// `mail`, `tasks`: how the lines start.
    pub workload: &'static str,
    pub tree: ResourceChanges,
    pub resources: Vec<ResourceChanges>,
    /// HTTP requests the sync made (delta pages and the one lookup of well-known folders).
    pub requests: usize,
    /// New unread messages that arrived in the Inbox.
    pub new_in_inbox: usize,
    /// The first few of them (`NEW_MAIL_NAMED`), newest first as the service sent them.
    #[serde(skip)]
    pub new_in_inbox_named: Vec<crate::domain::NewMail>,
    /// Bodies fetched ahead for reading offline (`prefetch_bodies`).
    pub bodies_fetched: usize,
}

impl SyncReport {
    pub fn new(workload: &'static str) -> Self {
        SyncReport { workload, ..SyncReport::default() }
    }

    /// Whether nothing changed anywhere.
    pub fn is_empty(&self) -> bool {
        self.tree.is_empty() && self.resources.iter().all(ResourceChanges::is_empty)
    }

    /// Lines for people: the resources that changed, or one line saying nothing did; then how
    /// many bodies were fetched ahead, if any.
    pub fn lines(&self) -> Vec<String> {
        let bodies = (self.bodies_fetched > 0)
            .then(|| format!("{}: {} bodies kept for reading offline", self.workload, self.bodies_fetched));
        if self.is_empty() {
            return std::iter::once(format!("{}: no change", self.workload)).chain(bodies).collect();
        }
        let tree = (!self.tree.is_empty()).then(|| format!("{} {}", self.workload, self.tree.describe()));
        let changed = self.resources.iter().filter(|c| !c.is_empty());
        tree.into_iter().chain(changed.map(|c| format!("{} {}", self.workload, c.describe()))).chain(bodies).collect()
    }
}
