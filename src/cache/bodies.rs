//! Bodies of opened messages and their attachment lists (names, types, sizes; never contents),
//! so a message read once opens offline; the body's text also feeds local search.
use rusqlite::{OptionalExtension, params};

use super::{Cache, CacheError};
use crate::domain::{AttachmentInfo, AttachmentKind, Body, Message};

/// Wide enough that the text of a body is its paragraphs, not wrapped lines.
const TEXT_WIDTH: usize = 10_000;

impl Cache {
    /// Keeps an opened message's body and attachment list (its header is updated too, when it
    /// is cached). A message whose header is not cached is kept all the same.
    pub fn store_message(&mut self, message: &Message) -> Result<(), CacheError> {
        let id = message.summary.id.clone();
        let text = crate::render::body_text(&message.body, TEXT_WIDTH);
        self.in_transaction(|tx| {
            if let Some(folder) = &message.summary.folder_id {
                super::mail::upsert_messages(tx, folder, std::slice::from_ref(&message.summary))?;
            }
            let (html, content) = match &message.body {
                Body::Html(c) => (true, c),
                Body::Text(c) => (false, c),
            };
            tx.execute(
                "INSERT INTO bodies (message_id, html, content, text) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (message_id) DO UPDATE SET html = excluded.html, content = excluded.content, text = excluded.text",
                params![id, html, content, text],
            )?;
            tx.execute("DELETE FROM attachments WHERE message_id = ?1", [&id])?;
            for (position, a) in message.attachments.iter().enumerate() {
                tx.execute(
                    "INSERT INTO attachments (message_id, position, id, name, content_type, size, inline, kind)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![id, position as i64, a.id, a.name, a.content_type, a.size as i64, a.inline, kind_name(&a.kind)],
                )?;
            }
            Ok(())
        })
    }

    /// Of the newest `newest` messages of a folder, those whose body is not kept, newest first.
    pub fn missing_bodies(&self, folder_id: &str, newest: usize) -> Result<Vec<String>, CacheError> {
        let mut statement = self.conn().prepare_cached(
            "SELECT t.id FROM (SELECT id, received, rowid AS r FROM messages WHERE folder_id = ?1
                               ORDER BY received DESC, rowid DESC LIMIT ?2) t
             WHERE NOT EXISTS (SELECT 1 FROM bodies b WHERE b.message_id = t.id)
             ORDER BY t.received DESC, t.r DESC",
        )?;
        let ids = statement.query_map(params![folder_id, newest as i64], |row| row.get(0))?;
        Ok(ids.collect::<Result<Vec<String>, _>>()?)
    }

    /// A message kept by `store_message`: its cached header with the body and attachment list.
    pub fn cached_message(&self, id: &str) -> Result<Option<Message>, CacheError> {
        let Some(summary) = self.message(id)? else { return Ok(None) };
        let body = self
            .conn()
            .query_row("SELECT html, content FROM bodies WHERE message_id = ?1", [id], |row| {
                let (html, content): (bool, String) = (row.get(0)?, row.get(1)?);
                Ok(if html { Body::Html(content) } else { Body::Text(content) })
            })
            .optional()?;
        let Some(body) = body else { return Ok(None) };
        let mut statement = self.conn().prepare_cached(
            "SELECT id, name, content_type, size, inline, kind FROM attachments WHERE message_id = ?1 ORDER BY position",
        )?;
        let attachments = statement
            .query_map([id], |row| {
                Ok(AttachmentInfo {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    content_type: row.get(2)?,
                    size: row.get::<_, i64>(3)?.max(0) as u64,
                    inline: row.get(4)?,
                    kind: kind_of(&row.get::<_, String>(5)?),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(Message {
            to: summary.to.clone(),
            categories: summary.categories.clone(),
            summary,
            body,
            attachments,
            ..Message::default()
        }))
    }
}

fn kind_name(kind: &AttachmentKind) -> String {
    match kind {
        AttachmentKind::File => "file".into(),
        AttachmentKind::Item => "item".into(),
        AttachmentKind::Reference { .. } => "reference".into(),
        AttachmentKind::Other(other) => format!("other:{other}"),
    }
}

fn kind_of(name: &str) -> AttachmentKind {
    match name {
        "file" => AttachmentKind::File,
        "item" => AttachmentKind::Item,
        "reference" => AttachmentKind::Reference { source_url: None },
        other => AttachmentKind::Other(other.strip_prefix("other:").unwrap_or(other).to_owned()),
    }
}
