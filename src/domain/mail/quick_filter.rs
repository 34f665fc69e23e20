//! Quick filters over a folder's messages (unread, flagged, with attachments, from a sender,
//! received in a range, with a category), as the app offers them to both faces (`o365 mail
//! list --flagged ...`, the mail pane's `U ! @ ~ T %`), and the one OData `$filter` they make.
use chrono::{DateTime, Utc};

use o365_graph::query::Filter;

/// The conditions a list must meet; all of those set, joined with `and`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct QuickFilters {
    pub unread: bool,
    pub flagged: bool,
    pub attachments: bool,
    /// The sender's address (`from/emailAddress/address`, any case).
    pub from: Option<String>,
    /// Received at or after.
    pub since: Option<DateTime<Utc>>,
    /// Received before (exclusive: the start of the day after the last day wanted).
    pub until: Option<DateTime<Utc>>,
    /// A category name on the message (`categories/any`).
    pub category: Option<String>,
}

impl QuickFilters {
    /// Whether any condition is set.
    pub fn any(&self) -> bool {
        self.unread
            || self.flagged
            || self.attachments
            || self.from.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || self.category.is_some()
    }

    /// The `$filter`, built with the client library's query builder (which escapes the
    /// literals). It leads with `receivedDateTime`, the sort key, as Graph demands of
    /// `$filter` with `$orderby` on messages (`InefficientFilter`, graph-facts §2.5); with no
    /// start date that condition is "since 1970", true of every message.
    pub fn filter(&self) -> Filter {
        let since = self.since.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        let mut filter = Filter::ge("receivedDateTime", since);
        if let Some(until) = self.until {
            filter = filter.and(Filter::lt("receivedDateTime", until));
        }
        if self.unread {
            filter = filter.and(Filter::eq("isRead", false));
        }
        if self.flagged {
            filter = filter.and(Filter::eq("flag/flagStatus", "flagged"));
        }
        if self.attachments {
            filter = filter.and(Filter::eq("hasAttachments", true));
        }
        if let Some(address) = &self.from {
            filter = filter.and(Filter::eq("from/emailAddress/address", address.as_str()));
        }
        if let Some(name) = &self.category {
            filter = filter.and(Filter::any("categories", "c", Filter::eq(Filter::ITEM, name.as_str())));
        }
        filter
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_condition_joins_one_filter_led_by_the_sort_key() {
        let filters = QuickFilters {
            unread: true,
            flagged: true,
            attachments: true,
            from: Some("o'brien@contoso.com".into()),
            since: Some(Utc.with_ymd_and_hms(2026, 10, 31, 23, 0, 0).unwrap()),
            until: Some(Utc.with_ymd_and_hms(2026, 11, 15, 23, 0, 0).unwrap()),
            category: Some("Red 'hot'".into()),
        };
        assert_eq!(
            filters.filter().to_string(),
            "receivedDateTime ge 2026-10-31T23:00:00Z and receivedDateTime lt 2026-11-15T23:00:00Z \
             and isRead eq false and flag/flagStatus eq 'flagged' and hasAttachments eq true \
             and from/emailAddress/address eq 'o''brien@contoso.com' and categories/any(c: c eq 'Red ''hot''')"
        );
        assert!(!QuickFilters::default().any());
        assert_eq!(QuickFilters::default().filter().to_string(), "receivedDateTime ge 1970-01-01T00:00:00Z");
    }
}
