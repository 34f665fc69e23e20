//! Local-draft file work in the order it was asked for. The review screen writes the local
//! draft and a send or save right after it removes the file once the service has the message;
//! run side by side, the write could land after the removal and bring a sent message back as an
//! "unsent draft" at the next start. Each such effect takes a ticket when it reaches the worker
//! (on the loop, in order) and runs when every earlier ticket's work is done.
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// The queue; clones share it.
#[derive(Debug, Clone, Default)]
pub struct Turns(Arc<(Mutex<Counter>, Condvar)>);

#[derive(Debug, Default)]
struct Counter {
    issued: u64,
    serving: u64,
}

/// A place in the queue.
#[derive(Debug)]
pub struct Ticket {
    turns: Turns,
    number: u64,
}

/// The turn being taken; the next ticket's work may start once this is dropped.
#[derive(Debug)]
pub struct Turn {
    turns: Turns,
}

impl Turns {
    fn counter(&self) -> MutexGuard<'_, Counter> {
        self.0.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next place in the queue.
    pub fn ticket(&self) -> Ticket {
        let mut counter = self.counter();
        let number = counter.issued;
        counter.issued += 1;
        Ticket { turns: self.clone(), number }
    }
}

impl Ticket {
    /// Blocks (a blocking thread, not the loop) until the work of every earlier ticket is done.
    pub fn wait(self) -> Turn {
        let (_, changed) = &*self.turns.0;
        let mut counter = self.turns.counter();
        while counter.serving != self.number {
            counter = changed.wait(counter).unwrap_or_else(|e| e.into_inner());
        }
        drop(counter);
        Turn { turns: self.turns }
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.turns.counter().serving += 1;
        self.turns.0.1.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_runs_in_the_order_the_tickets_were_taken() {
        let turns = Turns::default();
        let done = Arc::new(Mutex::new(Vec::new()));
        let tickets: Vec<Ticket> = (0..4).map(|_| turns.ticket()).collect();
        // Started in reverse, each still waits for the ones before it.
        let threads: Vec<_> = tickets
            .into_iter()
            .enumerate()
            .rev()
            .map(|(i, ticket)| {
                let done = done.clone();
                std::thread::spawn(move || {
                    let _turn = ticket.wait();
                    done.lock().unwrap().push(i);
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert_eq!(*done.lock().unwrap(), [0, 1, 2, 3]);
    }
}
