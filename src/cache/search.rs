//! Local full-text search (FTS5) over cached messages: subject, sender, recipients and the
//! bodies of opened messages. What the user types is never FTS5 syntax: each word becomes a
//! quoted term (quotes doubled), all must match, and the last one matches as a prefix, so a
//! search typed letter by letter finds as it goes and no input is an error.
use super::mail::{summaries, summary_columns};
use super::{Cache, CacheError};
use crate::domain::MessageSummary;

/// The FTS5 query for what the user typed, or `None` when it has no word.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    let (last, rest) = words.split_last()?;
    let mut query = rest.join(" ");
    if !query.is_empty() {
        query.push(' ');
    }
    query.push_str(last);
    query.push('*');
    Some(query)
}

impl Cache {
    /// Up to `limit` cached messages matching `typed`, newest first; in one folder when
    /// `folder_id` is given.
    pub fn search(
        &self,
        typed: &str,
        folder_id: Option<&str>,
        limit: usize,
    ) -> Result<Vec<MessageSummary>, CacheError> {
        let Some(query) = fts_query(typed) else { return Ok(Vec::new()) };
        let sql = format!(
            "SELECT {} FROM messages_fts f JOIN messages m ON m.rowid = f.rowid
             WHERE messages_fts MATCH ?1 AND (?2 IS NULL OR m.folder_id = ?2)
             ORDER BY m.received DESC, m.rowid DESC LIMIT ?3",
            summary_columns("m")
        );
        summaries(self, &sql, rusqlite::params![query, folder_id, limit as i64])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_quoted_terms_the_last_a_prefix() {
        assert_eq!(fts_query("budget review").as_deref(), Some("\"budget\" \"review\"*"));
        assert_eq!(fts_query("say \"hi\" OR NOT x*").as_deref(), Some("\"say\" \"\"\"hi\"\"\" \"OR\" \"NOT\" \"x*\"*"));
        assert_eq!(fts_query("  \t ").as_deref(), None);
        assert_eq!(fts_query("- ( )").as_deref(), None);
    }
}
