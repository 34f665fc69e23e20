//! One address book from three sources, ranked for completion: the user's contacts, the
//! people Graph ranks as relevant (`/me/people`), and the directory. Both faces use it:
//! `o365 contacts complete` and address completion while writing.
use serde::Serialize;

/// Where an entry came from; earlier sources rank first when matches are equally good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Source {
    Contact,
    People,
    Directory,
}

/// A name and an address to offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub name: String,
    pub address: String,
    pub source: Source,
}

impl Entry {
    pub fn new(name: impl Into<String>, address: impl Into<String>, source: Source) -> Entry {
        Entry { name: name.into(), address: address.into(), source }
    }
}

/// How well `entry` matches `term` (lower case): 0 best, `None` no match. The address
/// starting with it, then a word of the name, then the term anywhere in either.
fn quality(entry: &Entry, term: &str) -> Option<u8> {
    let address = entry.address.to_lowercase();
    let name = entry.name.to_lowercase();
    if address.starts_with(term) || name.starts_with(term) {
        Some(0)
    } else if name.split(|c: char| c.is_whitespace() || c == '-' || c == '.').any(|w| w.starts_with(term)) {
        Some(1)
    } else if address.contains(term) || name.contains(term) {
        Some(2)
    } else {
        None
    }
}

/// The entries matching `term`, best first (match quality, then source, then the order given:
/// contacts by name, people by relevance), one per address (any case), at most `limit`.
pub fn rank(term: &str, entries: impl IntoIterator<Item = Entry>, limit: usize) -> Vec<Entry> {
    let term = term.trim().to_lowercase();
    let mut scored: Vec<(u8, Source, usize, Entry)> = entries
        .into_iter()
        .filter(|e| !e.address.trim().is_empty())
        .enumerate()
        .filter_map(|(at, e)| {
            let q = if term.is_empty() { 0 } else { quality(&e, &term)? };
            Some((q, e.source, at, e))
        })
        .collect();
    scored.sort_by_key(|a| (a.0, a.1, a.2));
    let mut out: Vec<Entry> = Vec::new();
    for (_, _, _, entry) in scored {
        if out.len() == limit {
            break;
        }
        if !out.iter().any(|e| e.address.eq_ignore_ascii_case(&entry.address)) {
            out.push(entry);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn better_matches_first_then_contacts_then_people_then_the_directory() {
        let entries = vec![
            Entry::new("Megan Bowen", "meganb@contoso.example", Source::Directory),
            Entry::new("Adele Vance", "adelev@contoso.example", Source::People),
            Entry::new("Anna Meg", "anna@fabrikam.example", Source::Contact),
            Entry::new("Megan B. (old)", "MEGANB@contoso.example", Source::Contact),
            Entry::new("Omega Ltd", "sales@omega.example", Source::Contact),
        ];
        let ranked = rank("meg", entries.clone(), 10);
        let addresses: Vec<&str> = ranked.iter().map(|e| e.address.as_str()).collect();
        assert_eq!(addresses, ["MEGANB@contoso.example", "anna@fabrikam.example", "sales@omega.example"]);
        assert_eq!(ranked[0].source, Source::Contact, "the contact's entry wins over the directory's");
        assert_eq!(rank("MEG", entries.clone(), 1).len(), 1);
        assert!(rank("zzz", entries.clone(), 10).is_empty());
        assert_eq!(rank("", entries, 10).len(), 4, "everything once, in source order");
    }
}
