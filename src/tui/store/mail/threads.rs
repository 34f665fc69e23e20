//! The message list threaded by conversation: each conversation's loaded messages together,
//! oldest first under its first message, indented by their depth in the thread; conversations
//! ordered by their newest message, as the newest-first list already was.
use std::collections::HashMap;

use crate::domain::MessageSummary;

/// One row of the threaded list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadRow {
    /// Index into the loaded messages.
    pub index: usize,
    /// 0 for a conversation's first (loaded) message, at least 1 below it.
    pub depth: usize,
}

/// Indentation is capped: a thread hundreds of replies deep still leaves room for subjects.
pub const MAX_DEPTH: usize = 6;

/// The threaded order of `items` (newest first, as listed).
pub fn thread_order(items: &[MessageSummary]) -> Vec<ThreadRow> {
    // Conversations in the order their newest message comes in the list; a message without a
    // conversation id is a thread of its own.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for (index, message) in items.iter().enumerate() {
        let key = message.conversation_id.as_deref().filter(|c| !c.is_empty()).unwrap_or(message.id.as_str());
        match group_of.get(key) {
            Some(&group) => groups[group].push(index),
            None => {
                group_of.insert(key, groups.len());
                groups.push(vec![index]);
            }
        }
    }
    let mut rows = Vec::with_capacity(items.len());
    for mut group in groups {
        // Oldest first; messages without a date keep their listed order, after the dated ones.
        group.sort_by(|&a, &b| match (items[a].received, items[b].received) {
            (Some(x), Some(y)) => x.cmp(&y).then(b.cmp(&a)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => b.cmp(&a),
        });
        let shallowest = group.iter().map(|&i| items[i].conversation_depth).min().unwrap_or(0);
        for (at, &index) in group.iter().enumerate() {
            let depth = match at {
                0 => 0,
                _ => (items[index].conversation_depth - shallowest).clamp(1, MAX_DEPTH),
            };
            rows.push(ThreadRow { index, depth });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn message(id: &str, conversation: &str, day: u32, depth: usize) -> MessageSummary {
        MessageSummary {
            id: id.into(),
            conversation_id: Some(conversation.into()),
            received: Some(Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()),
            conversation_depth: depth,
            ..Default::default()
        }
    }

    #[test]
    fn conversations_gather_under_their_first_message_in_the_order_of_their_newest() {
        // Newest first, as a folder lists them.
        let items = vec![
            message("b3", "B", 9, 2),
            message("a2", "A", 8, 1),
            message("c1", "C", 7, 0),
            message("b2", "B", 6, 1),
            message("b1", "B", 5, 0),
            message("a1", "A", 4, 0),
        ];
        let order: Vec<(&str, usize)> =
            thread_order(&items).iter().map(|r| (items[r.index].id.as_str(), r.depth)).collect();
        assert_eq!(order, [("b1", 0), ("b2", 1), ("b3", 2), ("a1", 0), ("a2", 1), ("c1", 0)]);
    }

    #[test]
    fn replies_whose_first_message_is_not_loaded_still_hang_under_the_oldest() {
        let items = vec![message("x4", "X", 9, 4), message("x3", "X", 8, 3), message("solo", "", 7, 0)];
        let order: Vec<(&str, usize)> =
            thread_order(&items).iter().map(|r| (items[r.index].id.as_str(), r.depth)).collect();
        assert_eq!(order, [("x3", 0), ("x4", 1), ("solo", 0)]);
        let flat = vec![message("r2", "R", 9, 0), message("r1", "R", 8, 0)];
        let depths: Vec<usize> = thread_order(&flat).iter().map(|r| r.depth).collect();
        assert_eq!(depths, [0, 1], "without an index a reply still shows as one");
    }
}
