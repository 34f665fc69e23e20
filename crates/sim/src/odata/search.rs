//! `$search`: plain terms, "quoted phrases", `OR`, and `property:value` clauses: the Outlook
//! KQL subset (`from:`, `to:`, `subject:`, `body:`, `hasAttachments:`, `importance:`) and the
//! directory form `"displayName:ann" OR "mail:ann"` (graph-facts §2.5).
use serde_json::Value;

use crate::errors::GraphError;

/// Alternatives (joined by `OR`), each a list of clauses that must all match.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    pub alternatives: Vec<Vec<Clause>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// A word or phrase looked for in the default fields.
    Text(String),
    /// `property:value`.
    Property(String, String),
}

pub fn parse_search(text: &str) -> Result<SearchQuery, GraphError> {
    let mut alternatives = vec![Vec::new()];
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let (word, quoted) = if chars[i] == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => {
                        return Err(GraphError::bad_request(format!("Syntax error: unbalanced quotes in '{text}'.")));
                    }
                    Some('\\') if i + 1 < chars.len() => {
                        s.push(chars[i + 1]);
                        i += 2;
                    }
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        s.push(c);
                        i += 1;
                    }
                }
            }
            (s, true)
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() {
                // `from:"Adele Vance"`: the quoted value belongs to the word.
                if chars[i] == '"' {
                    i += 1;
                    while i < chars.len() && chars[i] != '"' {
                        i += 1;
                    }
                }
                i += 1;
            }
            (chars[start..i.min(chars.len())].iter().collect::<String>(), false)
        };
        if !quoted && word == "OR" {
            alternatives.push(Vec::new());
            continue;
        }
        if !quoted && (word == "AND" || word.is_empty()) {
            continue;
        }
        let clause = match word.split_once(':') {
            Some((prop, value)) if !prop.is_empty() && prop.chars().all(|c| c.is_ascii_alphanumeric()) => {
                Clause::Property(prop.to_owned(), value.trim_matches('"').to_owned())
            }
            _ => Clause::Text(word),
        };
        if let Some(last) = alternatives.last_mut() {
            last.push(clause);
        }
    }
    alternatives.retain(|a| !a.is_empty());
    if alternatives.is_empty() {
        return Err(GraphError::bad_request("Syntax error: the $search query is empty."));
    }
    Ok(SearchQuery { alternatives })
}

/// True when `item` matches; `default_fields` are `/` paths searched by plain terms.
pub fn search_matches(query: &SearchQuery, item: &Value, default_fields: &[&str]) -> bool {
    query.alternatives.iter().any(|clauses| clauses.iter().all(|c| clause_matches(c, item, default_fields)))
}

fn clause_matches(clause: &Clause, item: &Value, default_fields: &[&str]) -> bool {
    match clause {
        Clause::Text(term) => contains_any(item, default_fields, term),
        Clause::Property(prop, value) => {
            let recipients = |kinds: &[&str]| -> Vec<String> {
                kinds
                    .iter()
                    .flat_map(|k| [format!("{k}/emailAddress/address"), format!("{k}/emailAddress/name")])
                    .collect()
            };
            let fields: Vec<String> = match prop.to_ascii_lowercase().as_str() {
                "from" => recipients(&["from"]),
                "to" => recipients(&["toRecipients"]),
                "cc" => recipients(&["ccRecipients"]),
                "bcc" => recipients(&["bccRecipients"]),
                "participants" => recipients(&["from", "toRecipients", "ccRecipients", "bccRecipients"]),
                "recipients" => recipients(&["toRecipients", "ccRecipients", "bccRecipients"]),
                "body" => vec!["body/content".into()],
                "hasattachments" | "importance" | "isread" => {
                    let actual = strings_at(item, prop);
                    return actual.iter().any(|a| a.eq_ignore_ascii_case(value));
                }
                "displayname" | "description" => {
                    let needle = value.to_lowercase();
                    return strings_at(item, prop).iter().any(|s| {
                        let s = s.to_lowercase();
                        s.starts_with(&needle) || s.split_whitespace().any(|w| w.starts_with(&needle))
                    });
                }
                "mail" | "userprincipalname" | "givenname" | "surname" | "jobtitle" | "mailnickname" => {
                    let needle = value.to_lowercase();
                    return strings_at(item, prop).iter().any(|s| s.to_lowercase().starts_with(&needle));
                }
                _ => vec![prop.clone()],
            };
            let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
            contains_any(item, &refs, value)
        }
    }
}

fn contains_any(item: &Value, fields: &[&str], term: &str) -> bool {
    let needle = term.to_lowercase();
    fields.iter().any(|f| strings_at(item, f).iter().any(|s| s.to_lowercase().contains(&needle)))
}

/// Every scalar at a `/` path, rendered as text, walking through arrays.
pub fn strings_at(item: &Value, path: &str) -> Vec<String> {
    let mut current = vec![item];
    for segment in path.split('/') {
        let mut next = Vec::new();
        for v in current {
            let v = match v {
                Value::Array(items) => items.iter().collect::<Vec<_>>(),
                other => vec![other],
            };
            for element in v {
                if let Some(map) = element.as_object()
                    && let Some(found) = map
                        .get(segment)
                        .or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(segment)).map(|(_, v)| v))
                {
                    next.push(found);
                }
            }
        }
        current = next;
    }
    let mut out = Vec::new();
    for v in current {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => out.extend(items.iter().filter_map(|x| x.as_str().map(str::to_owned))),
            Value::Null => {}
            other => out.push(other.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FIELDS: &[&str] = &["from/emailAddress/name", "from/emailAddress/address", "subject", "body/content"];

    fn hit(q: &str, item: &Value) -> bool {
        search_matches(&parse_search(q).unwrap(), item, FIELDS)
    }

    #[test]
    fn terms_phrases_and_kql() {
        let m = json!({
            "subject": "Pizza party on Friday", "body": {"content": "<p>Bring drinks</p>"},
            "from": {"emailAddress": {"name": "Adele Vance", "address": "AdeleV@contoso.com"}},
            "toRecipients": [{"emailAddress": {"name": "Alex", "address": "alexw@contoso.com"}}],
            "hasAttachments": true, "importance": "high"
        });
        assert!(hit("pizza", &m));
        assert!(hit("PIZZA drinks", &m));
        assert!(!hit("pizza salad", &m));
        assert!(hit("\"party on friday\"", &m));
        assert!(!hit("\"friday party\"", &m));
        assert!(hit("from:adele subject:pizza", &m));
        assert!(hit("to:alexw@contoso.com hasAttachments:true importance:high", &m));
        assert!(!hit("to:adele", &m));
        assert!(hit("salad OR drinks", &m));
        assert!(hit("from:\"Adele Vance\"", &m));
    }

    #[test]
    fn directory_clauses() {
        let u = json!({"displayName": "Ann Wilber", "mail": "annw@contoso.com"});
        let q = parse_search("\"displayName:wil\" OR \"mail:zed\"").unwrap();
        assert!(search_matches(&q, &u, &[]));
        let q = parse_search("\"displayName:ilber\" OR \"mail:nw\"").unwrap();
        assert!(!search_matches(&q, &u, &[]));
        assert!(parse_search("\"open").is_err());
    }
}
