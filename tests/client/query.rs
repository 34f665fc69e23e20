//! The OData query builder: literal escaping, search quoting, camelCase, parentheses, lambdas,
//! date literals, exact pairs for realistic requests, and the Graph rules it checks.
use chrono::{NaiveDate, TimeZone, Utc};
use o365_graph::dto::Importance;
use o365_graph::query::{Filter, Literal, Order, Query, QueryError};

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
}

#[test]
fn string_literals_double_single_quotes() {
    assert_eq!(Filter::eq("surname", "O'Brien").to_string(), "surname eq 'O''Brien'");
    assert_eq!(Filter::eq("subject", "let's meet for lunch?").to_string(), "subject eq 'let''s meet for lunch?'");
    // user text cannot close the literal and append its own clause
    let hostile = "x' or isRead eq true or subject eq '";
    let rendered = Filter::eq("subject", hostile).to_string();
    assert_eq!(rendered, "subject eq 'x'' or isRead eq true or subject eq '''");
    let inner = rendered.strip_prefix("subject eq '").unwrap().strip_suffix('\'').unwrap();
    assert!(!inner.replace("''", "").contains('\''), "an undoubled quote escaped: {rendered}");
    assert_eq!(Filter::contains("subject", "it's").to_string(), "contains(subject, 'it''s')");
}

#[test]
fn typed_literals_render_per_odata() {
    assert_eq!(Filter::eq("is_read", false).to_string(), "isRead eq false");
    assert_eq!(Filter::gt("size", 1024).to_string(), "size gt 1024");
    assert_eq!(Filter::lt("relevance_score", 0.5).to_string(), "relevanceScore lt 0.5");
    assert_eq!(Filter::ne("manager", Literal::Null).to_string(), "manager ne null");
    assert_eq!(Filter::eq("due", None::<&str>).to_string(), "due eq null");
    let at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(Filter::ge("received_date_time", at).to_string(), "receivedDateTime ge 2024-01-01T00:00:00Z");
    let offset = chrono::FixedOffset::east_opt(2 * 3600).unwrap().with_ymd_and_hms(2024, 5, 6, 9, 0, 0).unwrap();
    assert_eq!(Filter::lt("start/date_time", offset).to_string(), "start/dateTime lt 2024-05-06T07:00:00Z");
    let day = NaiveDate::from_ymd_opt(2024, 7, 29).unwrap();
    assert_eq!(Filter::le("birthday", day).to_string(), "birthday le 2024-07-29");
    assert_eq!(Filter::eq("importance", Importance::High).to_string(), "importance eq 'high'");
    assert_eq!(Literal::Enum("a'b".into()).to_string(), "'a''b'");
}

#[test]
fn attribute_names_become_camel_case_per_segment() {
    assert_eq!(Filter::eq("from/email_address/address", "a@b").to_string(), "from/emailAddress/address eq 'a@b'");
    assert_eq!(Filter::eq("receivedDateTime", true).to_string(), "receivedDateTime eq true");
    assert_eq!(
        Query::new().select(["has_attachments", "from/email_address", "@odata.etag"]).to_pairs(),
        pairs(&[("$select", "hasAttachments,from,@odata.etag")])
    );
}

#[test]
fn boolean_logic_is_parenthesised() {
    let a = Filter::eq("a", 1);
    let b = Filter::eq("b", 2);
    let c = Filter::eq("c", 3);
    assert_eq!((a.clone() & b.clone() & c.clone()).to_string(), "a eq 1 and b eq 2 and c eq 3");
    assert_eq!((a.clone() | b.clone()).and(c.clone()).to_string(), "(a eq 1 or b eq 2) and c eq 3");
    assert_eq!(a.clone().and(b.clone() | c.clone()).to_string(), "a eq 1 and (b eq 2 or c eq 3)");
    assert_eq!((a.clone() & b.clone()).or(c.clone()).to_string(), "(a eq 1 and b eq 2) or c eq 3");
    assert_eq!((!(a.clone() | b.clone())).to_string(), "not (a eq 1 or b eq 2)");
    assert_eq!((!a.clone()).to_string(), "not (a eq 1)");
    assert_eq!((!Filter::starts_with("subject", "Re:")).to_string(), "not startswith(subject, 'Re:')");
    assert_eq!(Filter::ends_with("mail", "@contoso.com").to_string(), "endswith(mail, '@contoso.com')");
    assert_eq!(Filter::all_of([a.clone(), b.clone()]).unwrap().to_string(), "a eq 1 and b eq 2");
    assert_eq!(Filter::any_of([a, b, c]).unwrap().to_string(), "a eq 1 or b eq 2 or c eq 3");
    assert_eq!(Filter::any_of(Vec::new()), None);
}

#[test]
fn lambdas_qualify_attributes_with_their_variable() {
    let to = Filter::any("to_recipients", "r", Filter::eq("email_address/address", "x@contoso.com"));
    assert_eq!(to.to_string(), "toRecipients/any(r: r/emailAddress/address eq 'x@contoso.com')");
    let red = Filter::any("categories", "c", Filter::eq(Filter::ITEM, "Red"));
    assert_eq!(red.to_string(), "categories/any(c: c eq 'Red')");
    let all = Filter::all("attendees", "a", Filter::ne("status/response", "declined") & Filter::eq("type", "required"));
    assert_eq!(all.to_string(), "attendees/all(a: a/status/response ne 'declined' and a/type eq 'required')");
    let injected = Filter::any("categories", "c) or (x", Filter::eq(Filter::ITEM, "Red"));
    assert_eq!(injected.to_string(), "categories/any(corx: corx eq 'Red')");
    assert_eq!(
        (red & !to).to_string(),
        "categories/any(c: c eq 'Red') and not toRecipients/any(r: r/emailAddress/address eq 'x@contoso.com')"
    );
}

#[test]
fn unread_messages_from_a_sender_newest_first() {
    let query = Query::new()
        .select(["subject", "from", "received_date_time", "is_read"])
        .filter(Filter::ge("received_date_time", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()))
        .filter(Filter::eq("from/email_address/address", "O'Brien@contoso.com"))
        .filter(Filter::eq("is_read", false))
        .order_by("received_date_time", Order::Desc)
        .top(25);
    assert_eq!(
        query.to_pairs(),
        pairs(&[
            ("$select", "subject,from,receivedDateTime,isRead"),
            (
                "$filter",
                "receivedDateTime ge 2024-01-01T00:00:00Z and from/emailAddress/address eq 'O''Brien@contoso.com' and isRead eq false"
            ),
            ("$orderby", "receivedDateTime desc"),
            ("$top", "25"),
        ])
    );
    assert_eq!(query.validate_for_messages(), Ok(()));
    assert!(!query.requires_eventual_consistency(false));
    assert_eq!(
        query.to_string(),
        "$select=subject,from,receivedDateTime,isRead\
         &$filter=receivedDateTime%20ge%202024-01-01T00:00:00Z%20and%20from/emailAddress/address%20eq%20'O''Brien@contoso.com'%20and%20isRead%20eq%20false\
         &$orderby=receivedDateTime%20desc&$top=25"
    );
}

#[test]
fn drive_children_and_tasks_with_expand() {
    let children = Query::new()
        .select(["id", "name", "size", "folder", "file"])
        .expand_with("children", Query::new().select(["id", "name"]))
        .order_by("name", Order::Asc)
        .top(200);
    assert_eq!(
        children.to_pairs(),
        pairs(&[
            ("$select", "id,name,size,folder,file"),
            ("$orderby", "name"),
            ("$expand", "children($select=id,name)"),
            ("$top", "200"),
        ])
    );
    let tasks = Query::new()
        .filter(Filter::ne("status", "completed"))
        .expand("checklist_items")
        .expand_with("linked_resources", Query::new().select(["web_url"]).top(1))
        .skip(10)
        .count(true);
    assert_eq!(
        tasks.to_pairs(),
        pairs(&[
            ("$filter", "status ne 'completed'"),
            ("$expand", "checklistItems,linkedResources($select=webUrl;$top=1)"),
            ("$skip", "10"),
            ("$count", "true"),
        ])
    );
    assert_eq!(
        tasks.to_string(),
        "$filter=status%20ne%20'completed'&$expand=checklistItems,linkedResources($select%3DwebUrl;$top%3D1)&$skip=10&$count=true"
    );
    assert!(Query::new().is_empty());
    assert_eq!(Query::new().to_string(), "");
}

#[test]
fn search_is_quoted_and_escaped() {
    let query = Query::new().search("pizza");
    assert_eq!(query.to_pairs(), pairs(&[("$search", "\"pizza\"")]));
    let tricky = Query::new().search(r#"say "hi" \o/"#);
    assert_eq!(tricky.to_pairs(), pairs(&[("$search", r#""say \"hi\" \\o/""#)]));
    assert_eq!(tricky.to_string(), "$search=%22say%20%5C%22hi%5C%22%20%5C%5Co/%22");
    let people = Query::new().search_any([("display_name", "Guthr"), ("mail", "a\"b")]).count(true);
    assert_eq!(people.to_pairs(), pairs(&[("$search", r#""displayName:Guthr" OR "mail:a\"b""#), ("$count", "true")]));
}

#[test]
fn eventual_consistency_only_for_advanced_directory_queries() {
    let search = Query::new().search("ann");
    assert!(search.requires_eventual_consistency(true));
    assert!(!search.requires_eventual_consistency(false));
    assert!(Query::new().count(true).requires_eventual_consistency(true));
    assert!(!Query::new().count(false).requires_eventual_consistency(true));
    assert!(!Query::new().top(5).select(["id"]).requires_eventual_consistency(true));
    assert!(!Query::new().filter(Filter::starts_with("display_name", "A")).requires_eventual_consistency(true));
    assert!(Query::new().filter(Filter::ends_with("mail", "@x.com")).requires_eventual_consistency(true));
    assert!(Query::new().filter(Filter::ne("job_title", Literal::Null)).requires_eventual_consistency(true));
}

#[test]
fn message_rules_are_checked_before_sending() {
    let search_and_filter = Query::new().search("budget").filter(Filter::eq("is_read", false));
    assert_eq!(search_and_filter.validate_for_messages(), Err(QueryError::SearchWithFilter));
    assert!(search_and_filter.validate_for_messages().unwrap_err().to_string().contains("SearchWithFilter"));
    let search_and_order = Query::new().search("budget").order_by("received_date_time", Order::Desc);
    assert_eq!(search_and_order.validate_for_messages(), Err(QueryError::SearchWithOrderBy));

    let inefficient = Query::new().filter(Filter::eq("is_read", false)).order_by("received_date_time", Order::Desc);
    let error = inefficient.validate_for_messages().unwrap_err();
    assert_eq!(
        error,
        QueryError::InefficientFilter { order_by: vec!["receivedDateTime".into()], filter: vec!["isRead".into()] }
    );
    assert!(error.to_string().contains("InefficientFilter") && error.to_string().contains("receivedDateTime"));

    let wrong_order = Query::new()
        .filter(Filter::eq("importance", "high") & Filter::ge("received_date_time", Utc.timestamp_opt(0, 0).unwrap()))
        .order_by("received_date_time", Order::Desc)
        .order_by("importance", Order::Asc);
    assert!(matches!(wrong_order.validate_for_messages(), Err(QueryError::InefficientFilter { .. })));
    let right_order = Query::new()
        .filter(Filter::ge("received_date_time", Utc.timestamp_opt(0, 0).unwrap()) & Filter::eq("importance", "high"))
        .order_by("received_date_time", Order::Desc)
        .order_by("importance", Order::Asc);
    assert_eq!(right_order.validate_for_messages(), Ok(()));
    assert_eq!(Query::new().order_by("received_date_time", Order::Desc).validate_for_messages(), Ok(()));
    assert_eq!(Query::new().search("x").top(10).select(["subject"]).validate_for_messages(), Ok(()));
}

#[test]
fn nested_lambdas_and_repeated_options() {
    let nested = Filter::any("attendees", "a", Filter::any("email_addresses", "e", Filter::eq(Filter::ITEM, "x")));
    assert_eq!(nested.to_string(), "attendees/any(a: a/emailAddresses/any(e: e eq 'x'))");
    let query = Query::new()
        .expand_with("children", Query::new().select(["id"]))
        .expand_with("children", Query::new().select(["name"]))
        .order_by("name", Order::Asc)
        .order_by("name", Order::Desc)
        .select(["id"])
        .select(["id", "name"]);
    assert_eq!(
        query.to_pairs(),
        pairs(&[("$select", "id,name"), ("$orderby", "name"), ("$expand", "children($select=name)")])
    );
    assert_eq!(Literal::Float(1.0).to_string(), "1.0");
    assert_eq!(Literal::Float(f64::NEG_INFINITY).to_string(), "-INF");
}
