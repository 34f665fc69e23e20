//! Listings that draw messages to test or sort them: a `$filter` the folder order cannot answer,
//! `$search`, another `$orderby`. Only the properties the query names are drawn (a seeded message
//! writes its body only when the query looks in it), and the progress is kept in
//! `Mailbox::queries` for the pages that follow.
use std::sync::Arc;

use serde_json::Value;

use super::{Listed, SEARCH_FIELDS, SEARCH_LIMIT};
use crate::odata::QueryOptions;
use crate::odata::filter_eval::matches;
use crate::odata::filter_parse::{Expr, property_paths};
use crate::odata::search::{Clause, SearchQuery, search_matches};
use crate::odata::sort::OrderBy;
use crate::store::Mailbox;
use crate::store::mailbox::order::OrderedIds;
use crate::store::mailbox::queries::Scan;

pub(super) struct Query<'a> {
    pub mailbox: &'a Mailbox,
    pub order: &'a OrderedIds,
    pub scope: Option<&'a str>,
    pub options: &'a QueryOptions,
    pub filter: Option<&'a Expr>,
}

/// The top-level properties a query looks at.
#[derive(Debug, Default)]
struct Fields(Vec<String>);

impl Fields {
    fn add(&mut self, path: &str) {
        let top = path.split('/').next().unwrap_or(path);
        if !self.0.iter().any(|f| f.eq_ignore_ascii_case(top)) {
            self.0.push(top.to_owned());
        }
    }

    fn wants(&self, key: &str) -> bool {
        key == "id" || self.0.iter().any(|f| f.eq_ignore_ascii_case(key))
    }

    fn body(&self) -> bool {
        self.wants("body") || self.wants("bodyPreview") || self.wants("uniqueBody")
    }

    /// What `$search` terms and KQL clauses look in (see `odata::search`).
    fn add_search(&mut self, query: &SearchQuery) {
        for clause in query.alternatives.iter().flatten() {
            match clause {
                Clause::Text(_) => SEARCH_FIELDS.iter().for_each(|f| self.add(f)),
                Clause::Property(prop, _) => {
                    let fields: &[&str] = match prop.to_ascii_lowercase().as_str() {
                        "from" => &["from"],
                        "to" => &["toRecipients"],
                        "cc" => &["ccRecipients"],
                        "bcc" => &["bccRecipients"],
                        "participants" => &["from", "toRecipients", "ccRecipients", "bccRecipients"],
                        "recipients" => &["toRecipients", "ccRecipients", "bccRecipients"],
                        _ => {
                            self.add(prop);
                            continue;
                        }
                    };
                    fields.iter().for_each(|f| self.add(f));
                }
            }
        }
    }
}

impl Query<'_> {
    /// The key its progress is kept under.
    fn key(&self, how: &str) -> String {
        let o = self.options;
        format!("{how}|{:?}|{:?}|{:?}|{:?}", self.scope, o.filter, o.orderby, o.search)
    }

    fn filter_fields(&self) -> Fields {
        let mut fields = Fields::default();
        if let Some(filter) = self.filter {
            property_paths(filter).iter().for_each(|p| fields.add(p));
        }
        fields
    }

    /// The message with the properties `fields` names (all of them for a stored message).
    fn draw(&self, id: &str, fields: &Fields) -> Option<std::borrow::Cow<'_, Value>> {
        self.mailbox.view_fields(id, &|key| fields.wants(key), fields.body())
    }

    fn passes_filter(&self, message: &Value) -> bool {
        self.filter.is_none_or(|f| matches(f, message))
    }

    /// Walks the order (newest or oldest first) testing each message, as far as the page needs.
    pub fn walk(&self, newest_first: bool, offset: usize, size: usize, want_count: bool) -> Listed {
        let key = self.key(if newest_first { "newest" } else { "oldest" });
        let version = self.mailbox.version();
        let mut scan = self.mailbox.queries.take(&key, version);
        let fields = self.filter_fields();
        let wanted = offset.saturating_add(size).saturating_add(1);
        while !scan.done && (want_count || scan.matched.len() < wanted) {
            let Some((id, _, _)) = self.order.nth(scan.position, newest_first) else {
                scan.done = true;
                break;
            };
            scan.position += 1;
            if self.draw(id, &fields).is_some_and(|m| self.passes_filter(&m)) {
                scan.matched.push(id.clone());
            }
        }
        let listed = page_of(&scan, offset, size);
        self.mailbox.queries.keep(key, version, scan);
        listed
    }

    /// Tests every message in scope (a search stops once no later message can make its 1,000),
    /// sorts the matches and keeps the result.
    pub fn sorted(&self, search: Option<&SearchQuery>, offset: usize, size: usize) -> Listed {
        let key = self.key("sorted");
        let version = self.mailbox.version();
        let mut scan = self.mailbox.queries.take(&key, version);
        if !scan.done {
            scan = self.sort_all(search);
        }
        let listed = page_of(&scan, offset, size);
        self.mailbox.queries.keep(key, version, scan);
        listed
    }

    fn sort_all(&self, search: Option<&SearchQuery>) -> Scan {
        // Search results come newest sent first (graph-facts §2.5); otherwise `$orderby`.
        let keys =
            if search.is_some() { vec![("sentDateTime".to_owned(), true)] } else { self.options.orderby.clone() };
        let order_by = OrderBy::new(&keys);
        let mut fields = self.filter_fields();
        keys.iter().for_each(|(path, _)| fields.add(path));
        if let Some(query) = search {
            fields.add_search(query);
        }
        // Walking newest received first, a search can stop once it holds its 1,000 and the next
        // message was received before the 1,000th was sent: nothing further can be newer. That
        // holds while no message was sent after it was received (the mailbox keeps count).
        let can_stop = search.is_some() && self.mailbox.sent_never_after_received();
        let mut rows: Vec<(Vec<crate::odata::sort::SortKey>, Arc<str>)> = Vec::new();
        let mut threshold: Option<Value> = None;
        for i in 0..self.order.len() {
            let Some((id, key, _)) = self.order.nth(i, true) else { break };
            if let (true, Some(bound)) = (can_stop, &threshold)
                && key.received_before(bound)
            {
                break;
            }
            let Some(message) = self.draw(id, &fields) else { continue };
            let found = self.passes_filter(&message)
                && search.is_none_or(|query| search_matches(query, &message, SEARCH_FIELDS));
            if !found {
                continue;
            }
            rows.push((order_by.keys(&message), id.clone()));
            if can_stop && rows.len() >= 2 * SEARCH_LIMIT {
                rows.sort_by(|(a, _), (b, _)| order_by.compare(a, b));
                rows.truncate(SEARCH_LIMIT);
                threshold = rows.last().and_then(|(_, id)| {
                    self.mailbox.view_fields(id, &|k| k == "sentDateTime", false)?.get("sentDateTime").cloned()
                });
            }
        }
        rows.sort_by(|(a, _), (b, _)| order_by.compare(a, b));
        if search.is_some() {
            rows.truncate(SEARCH_LIMIT);
        }
        Scan { matched: rows.into_iter().map(|(_, id)| id).collect(), position: self.order.len(), done: true }
    }
}

fn page_of(scan: &Scan, offset: usize, size: usize) -> Listed {
    let len = scan.matched.len();
    let end = offset.saturating_add(size).min(len);
    let ids = scan.matched.get(offset.min(len)..end).unwrap_or(&[]).to_vec();
    let more = end < len;
    Listed { ids, next: more.then_some(end), count: scan.done.then_some(len) }
}
