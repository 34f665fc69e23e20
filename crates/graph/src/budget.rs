//! The request budget per mailbox: at most `MAILBOX_CONCURRENCY` requests to one mailbox at
//! once (Outlook's limit, graph-facts §2.3: a fifth gets 429 `ApplicationThrottled`), and a
//! 429's Retry-After pauses every request to that mailbox, not only the one that was told.
//!
//! Every clone of a `GraphClient` shares its budgets, so the TUI's worker and background work
//! (prefetch, sync) take turns instead of throttling each other. The state of each budget is
//! published on a `watch` channel for a status bar (`GraphClient::watch_budgets`).
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Instant;
use url::Url;

/// Outlook lets an application have 4 requests in flight against one mailbox.
pub const MAILBOX_CONCURRENCY: usize = 4;

/// One mailbox's budget as a status bar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BudgetState {
    /// Requests being sent or answered now.
    pub in_flight: usize,
    /// Requests waiting for a slot or for a pause to end.
    pub waiting: usize,
    /// The mailbox is paused until then (a 429's Retry-After).
    pub throttled_until: Option<Instant>,
}

impl BudgetState {
    pub fn is_idle(&self) -> bool {
        self.in_flight == 0 && self.waiting == 0 && self.throttled_until.is_none()
    }
}

/// Every mailbox's state, by mailbox key (`me`, `users/adele@contoso.com`, ...).
pub type BudgetStates = BTreeMap<String, BudgetState>;

/// The budgets of one client (and its clones).
#[derive(Debug)]
pub struct Budgets {
    limit: usize,
    mailboxes: Mutex<BTreeMap<String, Arc<Mailbox>>>,
    states: watch::Sender<BudgetStates>,
}

#[derive(Debug)]
struct Mailbox {
    slots: Arc<Semaphore>,
    paused_until: Mutex<Option<Instant>>,
}

/// A slot of a mailbox's budget, held while one request is sent and its answer read.
#[derive(Debug)]
pub struct Slot {
    _permit: OwnedSemaphorePermit,
    budgets: Arc<Budgets>,
    key: String,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.budgets.change(&self.key, |s| s.in_flight = s.in_flight.saturating_sub(1));
    }
}

/// Counts a request as waiting until it gets its slot or is dropped.
struct Waiting<'a> {
    budgets: &'a Budgets,
    key: &'a str,
    armed: bool,
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if self.armed {
            self.budgets.change(self.key, |s| s.waiting = s.waiting.saturating_sub(1));
        }
    }
}

impl Budgets {
    pub fn new(limit: usize) -> Arc<Self> {
        Arc::new(Self {
            limit: limit.max(1),
            mailboxes: Mutex::new(BTreeMap::new()),
            states: watch::Sender::new(BudgetStates::new()),
        })
    }

    /// Follows every mailbox's state; a new value comes at each change.
    pub fn subscribe(&self) -> watch::Receiver<BudgetStates> {
        self.states.subscribe()
    }

    /// The state of `key`'s budget now.
    pub fn state(&self, key: &str) -> BudgetState {
        self.states.borrow().get(key).copied().unwrap_or_default()
    }

    /// Waits for a pause of the mailbox to end and for a free slot, then holds the slot. A
    /// request dropped while it waits (a load the TUI cancelled) stops counting as waiting.
    pub async fn acquire(self: &Arc<Self>, key: &str) -> Slot {
        let mailbox = self.mailbox(key);
        self.change(key, |s| s.waiting += 1);
        let mut waiting = Waiting { budgets: self, key, armed: true };
        loop {
            let paused = *mailbox.paused_until.lock().unwrap_or_else(|e| e.into_inner());
            match paused {
                Some(until) if until > Instant::now() => tokio::time::sleep_until(until).await,
                _ => break,
            }
        }
        let permit = mailbox.slots.clone().acquire_owned().await.expect("the semaphore is never closed");
        waiting.armed = false;
        self.change(key, |s| {
            s.waiting = s.waiting.saturating_sub(1);
            s.in_flight += 1;
            if s.throttled_until.is_some_and(|until| until <= Instant::now()) {
                s.throttled_until = None;
            }
        });
        Slot { _permit: permit, budgets: self.clone(), key: key.to_owned() }
    }

    /// The service said to wait `wait` (a 429's Retry-After): every request to the mailbox
    /// waits, until the latest pause asked for has passed.
    pub fn pause(&self, key: &str, wait: Duration) {
        let until = Instant::now() + wait.min(Duration::from_secs(24 * 3600));
        let mailbox = self.mailbox(key);
        let mut paused = mailbox.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        let later = paused.is_none_or(|current| current < until);
        if later {
            *paused = Some(until);
            self.change(key, |s| s.throttled_until = Some(until));
        }
    }

    fn mailbox(&self, key: &str) -> Arc<Mailbox> {
        let mut mailboxes = self.mailboxes.lock().unwrap_or_else(|e| e.into_inner());
        mailboxes
            .entry(key.to_owned())
            .or_insert_with(|| {
                Arc::new(Mailbox { slots: Arc::new(Semaphore::new(self.limit)), paused_until: Mutex::new(None) })
            })
            .clone()
    }

    fn change(&self, key: &str, edit: impl FnOnce(&mut BudgetState)) {
        self.states.send_modify(|states| {
            let state = states.entry(key.to_owned()).or_default();
            edit(state);
            if state.is_idle() {
                states.remove(key);
            }
        });
    }
}

/// The mailbox a request to `url` (under the Graph root `base`) works on: `me`, `users/{id}`
/// (lower-cased: ids and addresses are not case-sensitive), or the first two segments of
/// anything else (`groups/{id}`, `sites/{id}`, `drives/{id}`), `$batch` on its own.
pub fn mailbox_key(base: &Url, url: &Url) -> String {
    let root = base.path().trim_end_matches('/');
    let path = url.path().strip_prefix(root).unwrap_or(url.path()).trim_start_matches('/');
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    match segments.next() {
        None => String::new(),
        Some(first) if first.eq_ignore_ascii_case("me") => "me".to_owned(),
        Some(first) => match segments.next() {
            Some(second) if !first.starts_with('$') => format!("{}/{}", first, second).to_ascii_lowercase(),
            _ => first.to_ascii_lowercase(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_against_their_mailbox() {
        let base = Url::parse("https://graph.microsoft.com/v1.0").unwrap();
        let key = |path: &str| mailbox_key(&base, &Url::parse(&format!("{base}/{path}")).unwrap());
        assert_eq!(key("me/messages?$top=5"), "me");
        assert_eq!(key("me"), "me");
        assert_eq!(key("users/Adele@Contoso.com/mailFolders/inbox"), "users/adele@contoso.com");
        assert_eq!(key("groups/g1/events"), "groups/g1");
        assert_eq!(key("$batch"), "$batch");
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_holds_every_request_to_the_mailbox_until_it_ends() {
        let budgets = Budgets::new(4);
        budgets.pause("me", Duration::from_secs(100));
        let until = budgets.state("me").throttled_until.unwrap();
        let waiting = tokio::spawn({
            let budgets = budgets.clone();
            async move {
                let _slot = budgets.acquire("me").await;
                Instant::now()
            }
        });
        // Another mailbox is not paused.
        drop(budgets.acquire("users/x").await);
        let started = waiting.await.unwrap();
        assert!(started >= until, "the request started before the pause ended");
        assert_eq!(budgets.state("me"), BudgetState::default(), "idle again, the pause forgotten");
    }

    #[tokio::test]
    async fn a_fifth_request_waits_for_a_slot() {
        let budgets = Budgets::new(4);
        let mut held = Vec::new();
        for _ in 0..4 {
            held.push(budgets.acquire("me").await);
        }
        let mut states = budgets.subscribe();
        let fifth = tokio::spawn({
            let budgets = budgets.clone();
            async move { budgets.acquire("me").await }
        });
        states.wait_for(|s| s.get("me").is_some_and(|m| m.waiting == 1)).await.unwrap();
        assert_eq!(budgets.state("me").in_flight, 4);
        drop(held.pop());
        let _fifth = fifth.await.unwrap();
        assert_eq!(budgets.state("me"), BudgetState { in_flight: 4, waiting: 0, throttled_until: None });

        // A waiting request that is dropped (a cancelled load) no longer counts.
        let sixth = tokio::spawn({
            let budgets = budgets.clone();
            async move { budgets.acquire("me").await }
        });
        states.wait_for(|s| s.get("me").is_some_and(|m| m.waiting == 1)).await.unwrap();
        sixth.abort();
        states.wait_for(|s| s.get("me").is_some_and(|m| m.waiting == 0)).await.unwrap();
        assert_eq!(budgets.state("me").in_flight, 4);
    }
}
