//! OData query options over JSON entities: `$select`, `$filter`, `$orderby`, `$search`, `$top`,
//! `$skip`, `$skiptoken`, `$count`, `$expand` (graph-facts §2.5).
pub mod filter_eval;
pub mod filter_parse;
pub mod search;
pub mod sort;

pub use sort::sort_by_keys;

use axum::http::Uri;
use serde_json::{Map, Value};

use super::errors::{GraphError, GraphResult};
use super::store::public_view;

/// The query options of one request, parsed.
#[derive(Debug, Clone, Default)]
pub struct QueryOptions {
    /// `$select`: property names (top level). `None` = all.
    pub select: Option<Vec<String>>,
    /// `$filter` as written (parsed on use by `filter_items`).
    pub filter: Option<String>,
    /// `$orderby`: (property path with `/`, descending).
    pub orderby: Vec<(String, bool)>,
    pub top: Option<usize>,
    pub skip: usize,
    /// `$skiptoken` as received (opaque to the client; the sim decodes its own).
    pub skiptoken: Option<String>,
    /// `$search` with its surrounding double quotes removed.
    pub search: Option<String>,
    pub count: bool,
    /// `$expand`: relationship names.
    pub expand: Vec<String>,
}

impl QueryOptions {
    /// Parses the request's query string. Unknown `$` options are a 400, like Graph.
    pub fn from_uri(uri: &Uri) -> GraphResult<Self> {
        let mut options = QueryOptions::default();
        let mut seen: Vec<String> = Vec::new();
        for (key, value) in url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()) {
            let Some(name) = key.strip_prefix('$') else { continue };
            let name = name.to_ascii_lowercase();
            if seen.contains(&name) {
                return Err(GraphError::bad_request(format!(
                    "Query option '${name}' was specified more than once, but it must be specified at most once."
                )));
            }
            seen.push(name.clone());
            let value = value.into_owned();
            match name.as_str() {
                "select" => {
                    options.select = Some(split_top_level(&value).into_iter().filter(|s| !s.is_empty()).collect())
                }
                "filter" => options.filter = Some(value),
                "orderby" => options.orderby = parse_orderby(&value)?,
                "top" => {
                    let top = value.trim().parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        GraphError::bad_request(format!(
                            "Invalid value '{value}' for $top query option found. The $top query option requires a positive integer."
                        ))
                    })?;
                    options.top = Some(top);
                }
                "skip" => {
                    options.skip = value.trim().parse::<usize>().map_err(|_| {
                        GraphError::bad_request(format!(
                            "Invalid value '{value}' for $skip query option found. The $skip query option requires a non-negative integer."
                        ))
                    })?
                }
                "skiptoken" => options.skiptoken = Some(value),
                "search" => options.search = Some(strip_outer_quotes(&value)),
                "count" => {
                    options.count = match value.trim().to_ascii_lowercase().as_str() {
                        "true" => true,
                        "false" => false,
                        _ => {
                            return Err(GraphError::bad_request(format!(
                                "Invalid value '{value}' for $count query option found. Valid values are 'true' and 'false'."
                            )));
                        }
                    }
                }
                "expand" => {
                    options.expand = split_top_level(&value)
                        .into_iter()
                        .map(|e| e.split('(').next().unwrap_or("").trim().to_owned())
                        .filter(|e| !e.is_empty())
                        .collect()
                }
                "format" | "deltatoken" => {}
                _ => {
                    return Err(GraphError::bad_request(format!(
                        "Query option '${name}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings."
                    )));
                }
            }
        }
        Ok(options)
    }

    /// True when `$select` asks for `name` (or there is no `$select`).
    pub fn selects(&self, name: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.iter().any(|n| n.eq_ignore_ascii_case(name)))
    }
}

/// `"pizza"` → `pizza`; a value with several quoted clauses is kept as written.
fn strip_outer_quotes(value: &str) -> String {
    let v = value.trim();
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        let inner = &v[1..v.len() - 1];
        if !inner.replace("\\\"", "").contains('"') {
            return inner.to_owned();
        }
    }
    v.to_owned()
}

/// Splits at commas outside parentheses (`$expand=children($select=id,name),thumbnails`).
fn split_top_level(value: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in value.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(current.trim().to_owned());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current.trim().to_owned());
    parts
}

fn parse_orderby(value: &str) -> GraphResult<Vec<(String, bool)>> {
    let mut out = Vec::new();
    for part in value.split(',') {
        let mut words = part.split_whitespace();
        let Some(path) = words.next() else {
            return Err(GraphError::bad_request(format!("Syntax error in $orderby: '{value}'.")));
        };
        let descending = match words.next().map(str::to_ascii_lowercase).as_deref() {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(other) => {
                return Err(GraphError::bad_request(format!("Syntax error in $orderby: unexpected '{other}'.")));
            }
        };
        if words.next().is_some() || !path.chars().all(|c| c.is_alphanumeric() || matches!(c, '/' | '_' | '@' | '.')) {
            return Err(GraphError::bad_request(format!("Syntax error in $orderby: '{value}'.")));
        }
        out.push((path.to_owned(), descending));
    }
    Ok(out)
}

/// Applies `$filter` and `$search` (the latter over `search_fields`, case-insensitive).
pub fn filter_items<'a>(
    items: impl Iterator<Item = &'a Value>,
    options: &QueryOptions,
    search_fields: &[&str],
) -> GraphResult<Vec<&'a Value>> {
    let filter = options.filter.as_deref().map(filter_parse::parse_filter).transpose()?;
    let search = options.search.as_deref().map(search::parse_search).transpose()?;
    Ok(items
        .filter(|item| filter.as_ref().is_none_or(|f| filter_eval::matches(f, item)))
        .filter(|item| search.as_ref().is_none_or(|s| search::search_matches(s, item, search_fields)))
        .collect())
}

/// Applies `$orderby` (stable), or leaves the order as given when there is none.
pub fn sort_items(items: &mut [&Value], options: &QueryOptions) -> GraphResult<()> {
    sort_by_keys(items, &options.orderby);
    Ok(())
}

/// The entity as the response carries it: internal keys removed, `$select` applied
/// (`id` and `@odata.*` keys always kept).
pub fn project(item: &Value, options: &QueryOptions) -> Value {
    project_on(item, options.select.as_deref())
}

/// `project` with the `$select` list alone.
pub fn project_on(item: &Value, select: Option<&[String]>) -> Value {
    let (Some(select), Value::Object(map)) = (select, item) else { return public_view(item) };
    let mut out = Map::new();
    for (key, value) in map {
        if !key.starts_with('_') && selected(Some(select), key) {
            out.insert(key.clone(), public_view(value));
        }
    }
    Value::Object(out)
}

/// Whether `$select` (none: everything) keeps the property `key`; `id` and `@odata.*` always stay.
pub fn selected(select: Option<&[String]>, key: &str) -> bool {
    select.is_none_or(|select| {
        key == "id" || key.starts_with("@odata.") || select.iter().any(|s| s == "*" || s.eq_ignore_ascii_case(key))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn options(query: &str) -> GraphResult<QueryOptions> {
        QueryOptions::from_uri(&format!("/graph/v1.0/me/messages?{query}").parse().unwrap())
    }

    #[test]
    fn parses_every_option_percent_decoded() {
        let o = options("%24select=subject,from&$filter=subject%20eq%20'a%26b'&$orderby=receivedDateTime%20desc,subject&$top=5&$skip=10&$count=true&$search=%22pizza%22&$expand=children($select=id,name),thumbnails&includeHiddenFolders=true").unwrap();
        assert_eq!(o.select, Some(vec!["subject".to_owned(), "from".to_owned()]));
        assert_eq!(o.filter.as_deref(), Some("subject eq 'a&b'"));
        assert_eq!(o.orderby, vec![("receivedDateTime".to_owned(), true), ("subject".to_owned(), false)]);
        assert_eq!((o.top, o.skip, o.count), (Some(5), 10, true));
        assert_eq!(o.search.as_deref(), Some("pizza"));
        assert_eq!(o.expand, vec!["children", "thumbnails"]);
        let d = options("$search=%22displayName:ann%22%20OR%20%22mail:ann%22").unwrap();
        assert_eq!(d.search.as_deref(), Some("\"displayName:ann\" OR \"mail:ann\""));
    }

    #[test]
    fn rejects_bad_options() {
        for q in [
            "$top=0",
            "$top=abc",
            "$skip=-1",
            "$count=maybe",
            "$frobnicate=1",
            "$orderby=subject%20sideways",
            "$top=1&$top=2",
        ] {
            let err = options(q).unwrap_err();
            assert_eq!(err.status, 400, "{q}");
        }
    }

    #[test]
    fn filter_sort_project() {
        let items = [
            json!({"id": "1", "subject": "b", "n": 2, "_internal": 1, "@odata.etag": "W/\"1\""}),
            json!({"id": "2", "subject": "A", "n": 1}),
            json!({"id": "3", "subject": "c", "n": 2}),
        ];
        let o =
            options("$filter=n%20eq%202%20or%20subject%20eq%20'a'&$orderby=n%20desc,subject&$select=subject").unwrap();
        let mut hits = filter_items(items.iter(), &o, &[]).unwrap();
        sort_items(&mut hits, &o).unwrap();
        let ids: Vec<_> = hits.iter().map(|v| v["id"].as_str().unwrap()).collect();
        assert_eq!(ids, vec!["1", "3", "2"]);
        assert_eq!(project(hits[0], &o), json!({"id": "1", "subject": "b", "@odata.etag": "W/\"1\""}));
        let bad = options("$filter=n%20eq").unwrap();
        assert_eq!(filter_items(items.iter(), &bad, &[]).unwrap_err().status, 400);
    }
}
