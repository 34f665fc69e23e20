//! Tells the status bar how busy the client's request budget is: requests in flight and
//! waiting across the mailboxes, and until when the service paused them (issue 14).
use chrono::{DateTime, Utc};
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

use crate::tui::msg::{Msg, RequestLoad};
use o365_graph::budget::BudgetStates;
use o365_graph::client::GraphClient;

/// Sends a `Msg::Requests` at every change of `client`'s budgets until the app stops
/// listening. Every clone of the client (the worker's loads, compose, background work)
/// shares the budgets, so this is the whole client's load.
pub fn watch(client: &GraphClient, messages: UnboundedSender<Msg>) {
    let mut budgets = client.watch_budgets();
    tokio::spawn(async move {
        while budgets.changed().await.is_ok() {
            let load = summarise(&budgets.borrow_and_update(), Instant::now(), crate::clock::now());
            if messages.send(Msg::Requests(load)).is_err() {
                break;
            }
        }
    });
}

/// The budgets added up; a pause is turned from the runtime's clock into the wall clock (the
/// pinned one under test) so the status bar can say when it ends.
pub fn summarise(states: &BudgetStates, now: Instant, wall_now: DateTime<Utc>) -> RequestLoad {
    let paused = states.values().filter_map(|s| s.throttled_until).filter(|&until| until > now).max();
    RequestLoad {
        in_flight: states.values().map(|s| s.in_flight).sum(),
        waiting: states.values().map(|s| s.waiting).sum(),
        throttled_until: paused.and_then(|until| {
            chrono::Duration::from_std(until - now).ok().and_then(|left| wall_now.checked_add_signed(left))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use o365_graph::budget::BudgetState;
    use std::time::Duration;

    #[test]
    fn mailboxes_add_up_and_the_latest_pause_counts() {
        let now = Instant::now();
        let wall = DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z").unwrap().with_timezone(&Utc);
        let mut states = BudgetStates::new();
        states.insert(
            "me".into(),
            BudgetState { in_flight: 4, waiting: 2, throttled_until: Some(now + Duration::from_secs(100)) },
        );
        states.insert("users/x".into(), BudgetState { in_flight: 1, waiting: 0, throttled_until: Some(now) });
        let load = summarise(&states, now, wall);
        assert_eq!(load.in_flight, 5);
        assert_eq!(load.waiting, 2);
        assert_eq!(load.throttled_until, Some(wall + chrono::Duration::seconds(100)));
        assert_eq!(summarise(&BudgetStates::new(), now, wall), RequestLoad::default());
    }
}
