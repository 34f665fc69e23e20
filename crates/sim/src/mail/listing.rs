//! Which messages a listing shows (graph-facts §2.4, §2.5), answered from the mailbox's folder
//! order so that a page costs what the page holds, whatever the folder's size (issue 16):
//!
//! - no `$filter`, newest first (or `$orderby=receivedDateTime` either way): the page is a slice
//!   of the folder's order;
//! - a `$filter` of `receivedDateTime` bounds and `isRead` (what clients send for "unread" and
//!   date ranges): the bounds are found by binary search and the read state is in the order
//!   itself, so no message is drawn;
//! - any other `$filter`: the order is walked, each message drawn and tested once, and the walk
//!   kept for the next page (`Mailbox::queries`);
//! - `$search`, or another `$orderby`: every message in scope is tested and sorted once and the
//!   result kept; a search keeps Graph's 1,000 newest results by `sentDateTime`.
//!
//! `$skip` counts results, as OData says, so messages arriving between pages shift the next
//! page the way they do on Exchange.
use std::ops::Range;
use std::sync::Arc;

mod drawn;

use self::drawn::Query;
use crate::errors::GraphResult;
use crate::odata::QueryOptions;
use crate::odata::filter_eval::parse_instant;
use crate::odata::filter_parse::{CompareOp, Expr, Literal, parse_filter};
use crate::odata::search::parse_search;
use crate::store::Mailbox;
use crate::store::mailbox::order::{OrderKey, OrderedIds};

/// Fields plain `$search` terms look in: from, subject, body (graph-facts §2.5).
pub const SEARCH_FIELDS: &[&str] = &["from/emailAddress/name", "from/emailAddress/address", "subject", "body/content"];
/// Most results a message `$search` returns.
pub const SEARCH_LIMIT: usize = 1000;

/// One page of a listing: the ids on it, where the next page starts, and the number of results
/// when it was asked for (or known for free).
#[derive(Debug, Default)]
pub struct Listed {
    pub ids: Vec<Arc<str>>,
    pub next: Option<usize>,
    pub count: Option<usize>,
}

/// The page `offset..offset + size` of the messages in `scope` (a folder id; `None` for every
/// folder) that `options` selects, in the order it asks for. `want_count` makes sure `count` is
/// known, at the cost of looking at every candidate.
pub fn list(
    mailbox: &Mailbox,
    scope: Option<&str>,
    options: &QueryOptions,
    offset: usize,
    size: usize,
    want_count: bool,
) -> GraphResult<Listed> {
    let filter = options.filter.as_deref().map(parse_filter).transpose()?;
    let search = options.search.as_deref().map(parse_search).transpose()?;
    let Some(order) = mailbox.order(scope) else { return Ok(Listed { count: Some(0), ..Listed::default() }) };
    let newest_first = match (&search, options.orderby.as_slice()) {
        (None, []) => Some(true),
        (None, [(path, descending)]) if path.eq_ignore_ascii_case("receivedDateTime") => Some(*descending),
        _ => None,
    };
    let Some(newest_first) = newest_first else {
        let query = Query { mailbox, order, scope, options, filter: filter.as_ref() };
        return Ok(query.sorted(search.as_ref(), offset, size));
    };
    match &filter {
        None => Ok(slice(order, 0..order.len(), newest_first, offset, size)),
        Some(expr) => match MetaFilter::of(expr) {
            Some(meta) => Ok(meta.list(order, newest_first, offset, size, want_count)),
            None => {
                let query = Query { mailbox, order, scope, options, filter: Some(expr) };
                Ok(query.walk(newest_first, offset, size, want_count))
            }
        },
    }
}

/// `offset..offset + size` of the positions `range` (oldest-first positions in `order`).
fn slice(order: &OrderedIds, range: Range<usize>, newest_first: bool, offset: usize, size: usize) -> Listed {
    let len = range.len();
    let end = offset.saturating_add(size).min(len);
    let ids = (offset.min(len)..end)
        .filter_map(|i| {
            order.slot(order.slot_of(range.start, range.end, i, newest_first)?).map(|(id, _, _)| id.clone())
        })
        .collect();
    Listed { ids, next: (end < len).then_some(end), count: Some(len) }
}

/// Conditions on what the folder order itself knows: bounds on `receivedDateTime` and the read
/// state, joined by `and`.
#[derive(Debug, Default)]
struct MetaFilter {
    /// (bound, inclusive)
    after: Option<(OrderKey, bool)>,
    before: Option<(OrderKey, bool)>,
    unread: Option<bool>,
}

impl MetaFilter {
    fn of(expr: &Expr) -> Option<Self> {
        let mut meta = MetaFilter::default();
        meta.add(expr)?;
        Some(meta)
    }

    fn add(&mut self, expr: &Expr) -> Option<()> {
        let (op, path, literal) = match expr {
            Expr::And(a, b) => {
                self.add(a)?;
                return self.add(b);
            }
            Expr::Compare(op, a, b) => match (a.as_ref(), b.as_ref()) {
                (Expr::Path(p), Expr::Literal(l)) => (*op, p, l),
                (Expr::Literal(l), Expr::Path(p)) => (flip(*op), p, l),
                _ => return None,
            },
            _ => return None,
        };
        let [name] = path.as_slice() else { return None };
        if name.eq_ignore_ascii_case("isRead") {
            let Literal::Bool(read) = literal else { return None };
            let unread = match op {
                CompareOp::Eq => !read,
                CompareOp::Ne => *read,
                _ => return None,
            };
            if self.unread.is_some_and(|u| u != unread) {
                return None;
            }
            self.unread = Some(unread);
            return Some(());
        }
        if !name.eq_ignore_ascii_case("receivedDateTime") {
            return None;
        }
        let (Literal::DateTime(text) | Literal::String(text)) = literal else { return None };
        let at = parse_instant(text)?.with_timezone(&chrono::Utc);
        let bound = OrderKey::at(at, 0);
        let tighter_after = |old: Option<(OrderKey, bool)>, new: (OrderKey, bool)| match old {
            Some(o) if o.0.time_cmp(&new.0).is_gt() || (o.0.time_cmp(&new.0).is_eq() && !o.1) => o,
            _ => new,
        };
        let tighter_before = |old: Option<(OrderKey, bool)>, new: (OrderKey, bool)| match old {
            Some(o) if o.0.time_cmp(&new.0).is_lt() || (o.0.time_cmp(&new.0).is_eq() && !o.1) => o,
            _ => new,
        };
        match op {
            CompareOp::Ge => self.after = Some(tighter_after(self.after, (bound, true))),
            CompareOp::Gt => self.after = Some(tighter_after(self.after, (bound, false))),
            CompareOp::Le => self.before = Some(tighter_before(self.before, (bound, true))),
            CompareOp::Lt => self.before = Some(tighter_before(self.before, (bound, false))),
            CompareOp::Eq => {
                self.after = Some(tighter_after(self.after, (bound, true)));
                self.before = Some(tighter_before(self.before, (bound, true)));
            }
            CompareOp::Ne => return None,
        }
        Some(())
    }

    /// The slots the bounds allow. Messages without a received time fail any comparison (a null
    /// compares false), so with a bound only instants are candidates.
    fn range(&self, order: &OrderedIds) -> Range<usize> {
        if self.after.is_none() && self.before.is_none() {
            return 0..order.len();
        }
        let mut start = order.count_not_after(&OrderKey::of(None, 0));
        let mut end = order.count_not_after(&OrderKey::last_instant());
        if let Some((bound, inclusive)) = self.after {
            start = start.max(if inclusive { order.count_before(&bound) } else { order.count_not_after(&bound) });
        }
        if let Some((bound, inclusive)) = self.before {
            end = end.min(if inclusive { order.count_not_after(&bound) } else { order.count_before(&bound) });
        }
        start..end.max(start)
    }

    fn list(&self, order: &OrderedIds, newest_first: bool, offset: usize, size: usize, want_count: bool) -> Listed {
        let range = self.range(order);
        let Some(unread) = self.unread else { return slice(order, range, newest_first, offset, size) };
        let slot = |i: usize| order.slot(order.slot_of(range.start, range.end, i, newest_first)?);
        let mut matching = (0..range.len()).filter_map(slot).filter(|(_, _, u)| *u == unread);
        let ids: Vec<Arc<str>> = matching.by_ref().skip(offset).take(size).map(|(id, _, _)| id.clone()).collect();
        let more = !ids.is_empty() && matching.next().is_some();
        let count = want_count.then(|| range.filter_map(|s| order.slot(s)).filter(|(_, _, u)| *u == unread).count());
        Listed { next: more.then_some(offset + ids.len()), ids, count }
    }
}

fn flip(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Ge => CompareOp::Le,
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Le => CompareOp::Ge,
        other => other,
    }
}
