//! User text in OData: a `$filter` string literal and a `$search` phrase built by the client
//! read back, through the simulated tenant's own parsers, as exactly the text typed; no input
//! ends its literal early or adds a clause.
use proptest::prelude::*;

use super::{config, hostile_text};
use o365_graph::query::{Filter, Query};
use o365_sim::odata::filter_parse::{CompareOp, Expr, Literal, parse_filter};
use o365_sim::odata::search::{Clause, parse_search};

fn string_literal(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Literal(Literal::String(text)) => Some(text),
        _ => None,
    }
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn a_filter_string_round_trips_through_the_tenants_parser(text in hostile_text(16)) {
        let filter = Filter::eq("subject", text.as_str()).to_string();
        match parse_filter(&filter) {
            Ok(Expr::Compare(CompareOp::Eq, path, value)) => {
                prop_assert_eq!(*path, Expr::Path(vec!["subject".into()]));
                prop_assert_eq!(string_literal(&value), Some(text.as_str()), "{}", filter);
            }
            other => prop_assert!(false, "{} parsed as {:?}", filter, other),
        }
        let both = Filter::contains("subject", text.as_str()).and(Filter::eq("isRead", false)).to_string();
        match parse_filter(&both) {
            Ok(Expr::And(left, _)) => match *left {
                Expr::Call(name, args) => {
                    prop_assert_eq!(name, "contains");
                    prop_assert_eq!(string_literal(&args[1]), Some(text.as_str()));
                }
                other => prop_assert!(false, "{} parsed as {:?}", both, other),
            },
            other => prop_assert!(false, "{} parsed as {:?}", both, other),
        }
    }

    /// A search phrase is one quoted term: the tenant reads back one clause, the text typed
    /// (text with `word:` in it is a property clause by KQL's rules, still one clause).
    #[test]
    fn a_search_phrase_round_trips_through_the_tenants_parser(text in hostile_text(16)) {
        let pairs = Query::new().search(&text).to_pairs();
        let search = &pairs.iter().find(|(name, _)| name == "$search").expect("a $search").1;
        let parsed = parse_search(search).map_err(|e| TestCaseError::fail(format!("{search}: {e:?}")))?;
        prop_assert_eq!(parsed.alternatives.len(), 1, "{}", search);
        prop_assert_eq!(parsed.alternatives[0].len(), 1, "{}", search);
        match &parsed.alternatives[0][0] {
            Clause::Text(read) => prop_assert_eq!(read, &text),
            Clause::Property(name, _) => prop_assert!(text.contains(':') && text.starts_with(name.as_str())),
        }
    }
}
