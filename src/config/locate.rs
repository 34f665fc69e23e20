//! Maps a byte offset in a TOML file to the dotted key path and line it belongs to, and back,
//! so config errors can say `accounts.work.auth_flow` at line 7 instead of a bare offset.
use toml::de::{DeTable, DeValue};

/// Where in the file something is: the dotted key path (may be empty) and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub key_path: String,
    pub line: usize,
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// The innermost key whose key or value covers `offset`.
pub fn locate_offset(text: &str, offset: usize) -> Location {
    let line = line_of(text, offset);
    let Ok(doc) = DeTable::parse(text) else {
        return Location { key_path: String::new(), line };
    };
    let mut path = Vec::new();
    walk_table(doc.get_ref(), offset, &mut path);
    Location { key_path: path.join("."), line }
}

// Tables opened by a `[header]` do not span their body, so every branch is searched rather
// than only the ones whose span covers the offset.
fn walk_table(table: &DeTable<'_>, offset: usize, path: &mut Vec<String>) -> bool {
    for (key, value) in table.iter() {
        path.push(key.get_ref().to_string());
        if walk_value(value.get_ref(), offset, path) {
            return true;
        }
        if key.span().contains(&offset) || value.span().contains(&offset) {
            return true;
        }
        path.pop();
    }
    false
}

fn walk_value(value: &DeValue<'_>, offset: usize, path: &mut Vec<String>) -> bool {
    match value {
        DeValue::Table(t) => walk_table(t, offset, path),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                if walk_value(item.get_ref(), offset, path) || item.span().contains(&offset) {
                    return true;
                }
                path.pop();
            }
            false
        }
        _ => false,
    }
}

/// The line of the key at `key_path` (dotted), if the file has it.
pub fn line_of_key(text: &str, key_path: &[&str]) -> Option<usize> {
    let doc = DeTable::parse(text).ok()?;
    let mut table = doc.get_ref();
    let (last, parents) = key_path.split_last()?;
    for part in parents {
        let (_, value) = table.iter().find(|(k, _)| k.get_ref() == part)?;
        match value.get_ref() {
            DeValue::Table(t) => table = t,
            _ => return None,
        }
    }
    let (key, _) = table.iter().find(|(k, _)| k.get_ref() == last)?;
    Some(line_of(text, key.span().start))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "default_account = \"work\"\n\n[accounts.work]\nclient_id = \"x\"\nauth_flow = \"bogus\"\nscopes = [\"a\", 3]\n";

    #[test]
    fn finds_nested_key_and_line() {
        let offset = TEXT.find("bogus").unwrap();
        assert_eq!(locate_offset(TEXT, offset), Location { key_path: "accounts.work.auth_flow".into(), line: 5 });
        let offset = TEXT.find('3').unwrap();
        assert_eq!(locate_offset(TEXT, offset).key_path, "accounts.work.scopes.1");
        assert_eq!(line_of_key(TEXT, &["accounts", "work", "client_id"]), Some(4));
        assert_eq!(line_of_key(TEXT, &["accounts", "home"]), None);
    }
}
