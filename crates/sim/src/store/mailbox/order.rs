//! The order a folder's messages are listed in, kept as they change: newest received first,
//! messages received in the same instant in the order they arrived (as a stable sort of the
//! arrival order would give).
use std::cmp::Ordering;
use std::sync::Arc;

use serde_json::Value;

use crate::odata::filter_eval::parse_instant;

/// Where a message sorts by `receivedDateTime`: a missing or null time first (as `$orderby`'s
/// total order puts null first), then instants, then anything else; ties by arrival.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderKey {
    /// The class (0 null, 1 instant, 2 other) in the top bits, then seconds since 1970 (offset
    /// to stay positive) and nanoseconds: one integer, so comparing keys is cheap even in an
    /// unoptimised build (the seed files thousands of messages).
    time: i128,
    /// Arrival number: a later arrival sorts as older among equal times, so the newest-first
    /// listing keeps arrival order for them.
    seq: u64,
}

const CLASS_SHIFT: u32 = 120;

fn packed(class: u8, seconds: i64, nanos: u32) -> i128 {
    let seconds = i128::from(seconds) - i128::from(i64::MIN);
    (i128::from(class) << CLASS_SHIFT) | (seconds << 32) | i128::from(nanos)
}

impl OrderKey {
    pub fn of(received: Option<&Value>, seq: u64) -> Self {
        let time = match received {
            None | Some(Value::Null) => packed(0, 0, 0),
            Some(Value::String(text)) => match parse_instant(text) {
                Some(t) => packed(1, t.timestamp(), t.timestamp_subsec_nanos()),
                None => packed(2, 0, 0),
            },
            Some(_) => packed(2, 0, 0),
        };
        OrderKey { time, seq }
    }

    pub fn at(received: chrono::DateTime<chrono::Utc>, seq: u64) -> Self {
        OrderKey { time: packed(1, received.timestamp(), received.timestamp_subsec_nanos()), seq }
    }

    /// After every instant and before anything that is not one.
    pub fn last_instant() -> Self {
        OrderKey { time: packed(1, i64::MAX, u32::MAX), seq: 0 }
    }

    /// Received before the time `bound` (a date-time string); false when `bound` is not one.
    pub fn received_before(&self, bound: &Value) -> bool {
        let bound = OrderKey::of(Some(bound), 0);
        bound.time >> CLASS_SHIFT == 1 && self.time < bound.time
    }

    /// Before `other` in time, ignoring arrival.
    pub fn time_cmp(&self, other: &Self) -> Ordering {
        self.time.cmp(&other.time)
    }
}

impl Ord for OrderKey {
    fn cmp(&self, other: &Self) -> Ordering {
        match self.time.cmp(&other.time) {
            Ordering::Equal => other.seq.cmp(&self.seq),
            unequal => unequal,
        }
    }
}

impl PartialOrd for OrderKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug, Clone)]
struct Slot {
    key: OrderKey,
    id: Arc<str>,
    unread: bool,
}

/// The ids of one folder (or of the whole mailbox) oldest first by `OrderKey`, and how many of
/// them are unread. Inserting the newest message is an append; any other change moves part of
/// a vector of small slots, far cheaper than sorting the folder on every request.
#[derive(Debug, Default, Clone)]
pub struct OrderedIds {
    slots: Vec<Slot>,
    pub unread: usize,
}

impl OrderedIds {
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn reserve(&mut self, additional: usize) {
        self.slots.reserve(additional);
    }

    pub fn insert(&mut self, key: OrderKey, id: Arc<str>, unread: bool) {
        // Mail mostly arrives newest last: then this is an append.
        let at = match self.slots.last() {
            Some(last) if last.key > key => self.slots.partition_point(|s| s.key < key),
            _ => self.slots.len(),
        };
        self.slots.insert(at, Slot { key, id, unread });
        self.unread += usize::from(unread);
    }

    pub fn remove(&mut self, key: OrderKey, unread: bool) {
        if let Ok(at) = self.slots.binary_search_by(|s| s.key.cmp(&key)) {
            self.slots.remove(at);
            self.unread -= usize::from(unread);
        }
    }

    /// Keeps the ids for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.slots.retain(|s| keep(&s.id));
        self.unread = self.slots.iter().filter(|s| s.unread).count();
    }

    /// The `i`-th id newest first.
    pub fn newest(&self, i: usize) -> Option<&Arc<str>> {
        self.nth(i, true).map(|(id, _, _)| id)
    }

    /// The slot of the `i`-th message of the listing over slots `start..end` (both at the edges
    /// of runs of equal times): newest first, the slots backwards; oldest first, the slots
    /// forwards but each run of equal times backwards, so that ties keep their arrival order
    /// either way (as a stable sort of the arrival order would give).
    pub fn slot_of(&self, start: usize, end: usize, i: usize, newest_first: bool) -> Option<usize> {
        if i >= end.saturating_sub(start) {
            return None;
        }
        if newest_first {
            return Some(end - 1 - i);
        }
        let at = start + i;
        let time = &self.slots[at].key;
        let run_start = self.slots.partition_point(|s| s.key.time_cmp(time) == Ordering::Less);
        let run_end = self.slots.partition_point(|s| s.key.time_cmp(time) != Ordering::Greater);
        Some(run_start + run_end - 1 - at)
    }

    /// The message in slot `slot`: its id, key and whether it is unread.
    pub fn slot(&self, slot: usize) -> Option<(&Arc<str>, OrderKey, bool)> {
        self.slots.get(slot).map(|s| (&s.id, s.key, s.unread))
    }

    /// The `i`-th message of the whole listing in the order asked for.
    pub fn nth(&self, i: usize, newest_first: bool) -> Option<(&Arc<str>, OrderKey, bool)> {
        self.slot(self.slot_of(0, self.slots.len(), i, newest_first)?)
    }

    /// How many slots come before the first whose time is not before `bound` (oldest first).
    pub fn count_before(&self, bound: &OrderKey) -> usize {
        self.slots.partition_point(|s| s.key.time_cmp(bound) == Ordering::Less)
    }

    /// How many slots have a time not after `bound` (oldest first).
    pub fn count_not_after(&self, bound: &OrderKey) -> usize {
        self.slots.partition_point(|s| s.key.time_cmp(bound) != Ordering::Greater)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn newest_first_with_ties_in_arrival_order_and_nulls_last() {
        let mut ids = OrderedIds::default();
        let key = |t: Value, seq| OrderKey::of(Some(&t), seq);
        ids.insert(key(json!("2024-05-02T08:00:00Z"), 1), Arc::from("a"), true);
        ids.insert(key(json!("2024-05-03T08:00:00Z"), 2), Arc::from("b"), false);
        ids.insert(key(json!("2024-05-02T08:00:00Z"), 3), Arc::from("c"), true);
        ids.insert(OrderKey::of(None, 4), Arc::from("d"), false);
        ids.insert(key(json!("2024-05-02T10:00:00+02:00"), 5), Arc::from("e"), false);
        let newest: Vec<&str> = (0..ids.len()).map(|i| &**ids.newest(i).unwrap()).collect();
        assert_eq!(newest, ["b", "a", "c", "e", "d"]);
        assert_eq!(ids.unread, 2);
        ids.remove(key(json!("2024-05-02T08:00:00Z"), 1), true);
        assert_eq!(ids.unread, 1);
        assert_eq!(&**ids.nth(0, false).unwrap().0, "d");
        let oldest: Vec<&str> = (0..ids.len()).map(|i| &**ids.nth(i, false).unwrap().0).collect();
        assert_eq!(oldest, ["d", "c", "e", "b"], "ties in arrival order both ways");
        let bound = key(json!("2024-05-02T08:00:00Z"), 0);
        assert_eq!((ids.count_before(&bound), ids.count_not_after(&bound)), (1, 3));
    }
}
