//! Results of listings a folder's order cannot answer by position (a `$filter` that needs each
//! message looked at, `$search`, another `$orderby`), kept for the pages that follow: paging
//! through such a listing looks at each message once, not once per page.
use std::sync::{Arc, Mutex};

/// How far a listing has got: the ids that matched so far, in listing order, and where in the
/// folder's order the next look starts.
#[derive(Debug, Default, Clone)]
pub struct Scan {
    pub matched: Vec<Arc<str>>,
    pub position: usize,
    /// Nothing is left to look at: `matched` is the whole result.
    pub done: bool,
}

#[derive(Debug)]
struct Kept {
    query: String,
    version: u64,
    scan: Scan,
}

/// A few recent listings' progress, each valid for the mailbox version it was made at.
#[derive(Debug, Default)]
pub struct Queries {
    kept: Mutex<Vec<Kept>>,
}

/// Listings kept at once; the oldest goes first.
const KEPT: usize = 8;

impl Queries {
    /// The progress of `query` at `version`, taken out (a fresh start when there is none).
    pub fn take(&self, query: &str, version: u64) -> Scan {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.retain(|k| k.version == version);
        match kept.iter().position(|k| k.query == query) {
            Some(i) => kept.remove(i).scan,
            None => Scan::default(),
        }
    }

    /// Keeps the progress of `query` at `version` for the next page.
    pub fn keep(&self, query: String, version: u64, scan: Scan) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.retain(|k| k.query != query);
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push(Kept { query, version, scan });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_kept_per_query_and_version() {
        let queries = Queries::default();
        let scan = Scan { matched: vec![Arc::from("a")], position: 7, done: false };
        queries.keep("q".into(), 1, scan);
        assert_eq!(queries.take("other", 1).position, 0);
        assert_eq!(queries.take("q", 2).position, 0, "a write to the mailbox voids it");
        queries.keep("q".into(), 2, Scan { position: 3, ..Scan::default() });
        assert_eq!(queries.take("q", 2).position, 3);
        assert_eq!(queries.take("q", 2).position, 0, "taken out");
        for i in 0..=KEPT {
            queries.keep(format!("q{i}"), 2, Scan { position: i + 1, ..Scan::default() });
        }
        assert_eq!(queries.take("q0", 2).position, 0, "the oldest went");
        assert_eq!(queries.take(&format!("q{KEPT}"), 2).position, KEPT + 1);
    }
}
