//! Local-draft file work in the order it was asked for. The review screen writes the local
//! draft and a send or save right after it removes the file once the service has the message;
//! run side by side, the write could land after the removal and bring a sent message back as an
//! "unsent draft" at the next start. Each such effect takes a ticket when it reaches the worker
//! (on the loop, in order) and its task runs once every earlier ticket's work is done. A task
//! cancelled before its turn gives its place up without letting later ones jump the queue.
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

/// The queue; clones share it.
#[derive(Debug, Clone, Default)]
pub struct Turns(Arc<Shared>);

#[derive(Debug, Default)]
struct Shared {
    counter: Mutex<Counter>,
    moved_on: Notify,
}

#[derive(Debug, Default)]
struct Counter {
    issued: u64,
    serving: u64,
    /// Tickets dropped before their turn: skipped when it comes.
    given_up: BTreeSet<u64>,
}

/// A place in the queue.
#[derive(Debug)]
pub struct Ticket {
    turns: Turns,
    number: u64,
    /// Its turn has come and a `Turn` holds it now.
    taken: bool,
}

/// The turn being taken; the next ticket's work may start once this is dropped.
#[derive(Debug)]
pub struct Turn {
    turns: Turns,
}

impl Turns {
    fn counter(&self) -> MutexGuard<'_, Counter> {
        self.0.counter.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next place in the queue.
    pub fn ticket(&self) -> Ticket {
        let mut counter = self.counter();
        let number = counter.issued;
        counter.issued += 1;
        Ticket { turns: self.clone(), number, taken: false }
    }

    /// The turn `number` is over: the next ticket still waiting is served.
    fn finish(&self, number: u64) {
        let mut counter = self.counter();
        if counter.serving != number {
            counter.given_up.insert(number);
            return;
        }
        counter.serving += 1;
        while let Some(next) = counter.given_up.first().copied().filter(|n| *n == counter.serving) {
            counter.given_up.remove(&next);
            counter.serving += 1;
        }
        drop(counter);
        self.0.moved_on.notify_waiters();
    }
}

impl Ticket {
    /// Waits (without blocking a thread) until the work of every earlier ticket is done.
    pub async fn wait(mut self) -> Turn {
        loop {
            // Made before the check, so a `finish` between the two still wakes it.
            let moved_on = self.turns.0.moved_on.notified();
            if self.turns.counter().serving == self.number {
                break;
            }
            moved_on.await;
        }
        self.taken = true;
        Turn { turns: self.turns.clone() }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if !self.taken {
            self.turns.finish(self.number);
        }
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let serving = self.turns.counter().serving;
        self.turns.finish(serving);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_runs_in_the_order_the_tickets_were_taken() {
        let turns = Turns::default();
        let done = Arc::new(Mutex::new(Vec::new()));
        let tickets: Vec<Ticket> = (0..4).map(|_| turns.ticket()).collect();
        // Started in reverse, each still waits for the ones before it.
        let tasks: Vec<_> = tickets
            .into_iter()
            .enumerate()
            .rev()
            .map(|(i, ticket)| {
                let done = done.clone();
                tokio::spawn(async move {
                    let _turn = ticket.wait().await;
                    tokio::task::yield_now().await;
                    done.lock().unwrap().push(i);
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(*done.lock().unwrap(), [0, 1, 2, 3]);
    }

    #[tokio::test]
    async fn a_ticket_given_up_before_its_turn_neither_blocks_nor_lets_later_ones_jump() {
        let turns = Turns::default();
        let first = turns.ticket().wait().await;
        let second = turns.ticket();
        let third = turns.ticket();
        let ran = Arc::new(Mutex::new(false));
        let task = tokio::spawn({
            let ran = ran.clone();
            async move {
                let _turn = third.wait().await;
                *ran.lock().unwrap() = true;
            }
        });
        drop(second);
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        assert!(!*ran.lock().unwrap(), "the first turn is still being taken");
        drop(first);
        task.await.unwrap();
        assert!(*ran.lock().unwrap());
    }
}
