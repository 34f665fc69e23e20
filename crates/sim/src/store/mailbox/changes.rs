//! What changed in the mailbox and when, per scope (a folder's messages, or the folder tree),
//! for delta queries (graph-facts §2.8): a journal of (sequence number, id) per scope, so a
//! delta round costs what changed since its token, not what the folder holds (a 100,000-message
//! Inbox answers "nothing new" with a binary search).
//!
//! Seeded messages are the baseline and leave no entry. A scope's journal is cut when it grows
//! past `KEPT_PER_SCOPE` (the oldest half goes); a token older than what a scope still holds is
//! refused with 410 `syncStateNotFound`, as Exchange refuses a sync state it no longer has.
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The scope under which folder changes (created, renamed, moved, deleted) are kept.
pub const FOLDERS_SCOPE: &str = "\u{0}folders";

/// Entries a scope keeps before the older half is dropped (and its older tokens expire).
const KEPT_PER_SCOPE: usize = 200_000;

#[derive(Debug, Default)]
struct Journal {
    /// (sequence number, id), oldest first; sequence numbers only grow.
    entries: Vec<(u64, Arc<str>)>,
    /// Tokens issued before this sequence number are no longer answered.
    floor: u64,
}

/// The change journals of every scope, sharing one sequence.
#[derive(Debug, Default)]
pub struct Changes {
    seq: u64,
    journals: HashMap<Arc<str>, Journal>,
    /// Tokens issued before this are refused everywhere (`expire_all`).
    floor: u64,
}

impl Changes {
    /// The sequence number a token issued now carries: changes recorded later have a greater one.
    pub fn now(&self) -> u64 {
        self.seq
    }

    /// Notes that `id` changed in `scope` (it arrived, changed or left).
    pub fn record(&mut self, scope: &str, id: &Arc<str>) {
        self.seq += 1;
        let journal = match self.journals.get_mut(scope) {
            Some(j) => j,
            None => self.journals.entry(Arc::from(scope)).or_default(),
        };
        journal.entries.push((self.seq, id.clone()));
        if journal.entries.len() > KEPT_PER_SCOPE {
            let cut = journal.entries.len() / 2;
            journal.floor = journal.entries[cut].0;
            journal.entries.drain(..cut);
        }
    }

    /// Whether a token of `scope` issued at `since` can still be answered.
    pub fn can_answer(&self, scope: &str, since: u64) -> bool {
        let floor = self.journals.get(scope).map_or(0, |j| j.floor);
        since >= floor.max(self.floor) && since <= self.seq
    }

    /// The ids changed in `scope` after `since` and up to `until`, each once, in the order of its
    /// last change.
    pub fn changed(&self, scope: &str, since: u64, until: u64) -> Vec<Arc<str>> {
        let Some(journal) = self.journals.get(scope) else { return Vec::new() };
        let start = journal.entries.partition_point(|(seq, _)| *seq <= since);
        let end = journal.entries.partition_point(|(seq, _)| *seq <= until);
        let window = &journal.entries[start..end.max(start)];
        let mut seen = HashSet::with_capacity(window.len());
        let mut out: Vec<Arc<str>> =
            window.iter().rev().filter(|(_, id)| seen.insert(id.clone())).map(|(_, id)| id.clone()).collect();
        out.reverse();
        out
    }

    /// Expires every token of `scope` issued so far (a fault knob: the service lost the sync
    /// state); the next delta round of that scope gets 410.
    pub fn expire(&mut self, scope: &str) {
        self.seq += 1;
        let seq = self.seq;
        match self.journals.get_mut(scope) {
            Some(j) => j.floor = seq,
            None => self.journals.entry(Arc::from(scope)).or_default().floor = seq,
        }
    }

    /// Expires every token of every scope issued so far.
    pub fn expire_all(&mut self) {
        self.seq += 1;
        self.floor = self.seq;
    }

    /// Forgets a scope that no longer exists (a deleted folder).
    pub fn forget(&mut self, scope: &str) {
        self.journals.remove(scope);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[Arc<str>]) -> Vec<&str> {
        v.iter().map(|s| &**s).collect()
    }

    #[test]
    fn changes_since_a_point_each_once_in_order_of_their_last_change() {
        let mut c = Changes::default();
        let (a, b, x): (Arc<str>, Arc<str>, Arc<str>) = (Arc::from("a"), Arc::from("b"), Arc::from("x"));
        c.record("inbox", &a);
        let start = c.now();
        c.record("inbox", &b);
        c.record("other", &x);
        c.record("inbox", &a);
        assert_eq!(ids(&c.changed("inbox", start, c.now())), ["b", "a"]);
        assert_eq!(ids(&c.changed("inbox", 0, c.now())), ["b", "a"]);
        assert_eq!(ids(&c.changed("inbox", c.now(), c.now())), Vec::<&str>::new());
        assert_eq!(ids(&c.changed("inbox", start, start + 1)), ["b"], "bounded above");
        assert_eq!(ids(&c.changed("other", start, start + 1)), Vec::<&str>::new(), "the change came later");
        assert!(c.changed("nowhere", 0, c.now()).is_empty());
    }

    #[test]
    fn expired_tokens_are_refused_per_scope_or_everywhere() {
        let mut c = Changes::default();
        c.record("inbox", &Arc::from("a"));
        let token = c.now();
        assert!(c.can_answer("inbox", token) && c.can_answer("sent", token));
        assert!(!c.can_answer("inbox", token + 5), "a token from the future");
        c.expire("inbox");
        assert!(!c.can_answer("inbox", token), "this scope's old token");
        assert!(c.can_answer("sent", token), "other scopes keep theirs");
        assert!(c.can_answer("inbox", c.now()), "a token issued after the expiry");
        c.expire_all();
        assert!(!c.can_answer("sent", token));
    }

    #[test]
    fn a_long_journal_drops_its_older_half_and_the_tokens_into_it() {
        let mut c = Changes::default();
        let id: Arc<str> = Arc::from("m");
        for _ in 0..=KEPT_PER_SCOPE {
            c.record("inbox", &id);
        }
        assert!(!c.can_answer("inbox", 1));
        assert!(c.can_answer("inbox", c.now() - 10));
        assert_eq!(ids(&c.changed("inbox", c.now() - 10, c.now())), ["m"]);
    }
}
