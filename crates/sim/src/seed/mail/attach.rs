//! File attachments for messages (graph-facts §3.3): small deterministic contents, standard
//! base64. The seed keeps what each file is and the seed of its contents; the bytes are written
//! when the attachment is read, always the same.
use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::super::files::{TINY_PNG, csv, mime_for, notes, pdf};
use super::super::rng::Rng;
use super::super::shape::iso;
use crate::store::{Tenant, mint_id};

/// What an attachment holds.
#[derive(Debug, Clone)]
enum Contents {
    /// Project notes written from a seed.
    Notes { seed: u64, project: &'static str },
    /// A one-page PDF showing a title.
    Pdf { title: Box<str> },
    /// An expense sheet of `rows` rows written from a seed.
    Csv { seed: u64, rows: usize },
    /// Bytes given whole (the tiny PNG, the hostile samples).
    Given(Box<[u8]>),
}

/// A seeded `fileAttachment`, drawn as Graph JSON when read.
#[derive(Debug, Clone)]
pub struct SeededAttachment {
    /// The id's number (`mint_id("att", n)`).
    n: u64,
    name: Box<str>,
    contents: Contents,
    inline: bool,
    content_id: Option<Box<str>>,
    modified: DateTime<Utc>,
}

impl SeededAttachment {
    fn bytes(&self) -> Vec<u8> {
        match &self.contents {
            Contents::Notes { seed, project } => notes(&mut Rng::new(*seed), project),
            Contents::Pdf { title } => pdf(title),
            Contents::Csv { seed, rows } => csv(&mut Rng::new(*seed), *rows),
            Contents::Given(bytes) => bytes.to_vec(),
        }
    }

    /// The `fileAttachment` object, bytes base64-encoded.
    pub fn render(&self) -> Value {
        let bytes = self.bytes();
        json!({
            "@odata.type": "#microsoft.graph.fileAttachment",
            "@odata.mediaContentType": mime_for(&self.name),
            "id": mint_id("att", self.n),
            "lastModifiedDateTime": iso(self.modified),
            "name": self.name,
            "contentType": mime_for(&self.name),
            "size": bytes.len(),
            "isInline": self.inline,
            "contentId": self.content_id,
            "contentLocation": null,
            "contentBytes": base64::engine::general_purpose::STANDARD.encode(&bytes),
        })
    }
}

fn record(tenant: &mut Tenant, name: String, contents: Contents, modified: DateTime<Utc>) -> SeededAttachment {
    tenant.next_id += 1;
    SeededAttachment { n: tenant.next_id, name: name.into(), contents, inline: false, content_id: None, modified }
}

/// An attachment of given bytes (`content_id` makes it an inline one, referred to by `cid:`).
pub fn file(
    tenant: &mut Tenant,
    name: &str,
    bytes: &[u8],
    inline: bool,
    content_id: Option<&str>,
    modified: DateTime<Utc>,
) -> SeededAttachment {
    let mut a = record(tenant, name.to_owned(), Contents::Given(bytes.into()), modified);
    a.inline = inline;
    a.content_id = content_id.map(Into::into);
    a
}

/// One to three ordinary attachments about `project`.
pub fn some_files(
    tenant: &mut Tenant,
    rng: &mut Rng,
    project: &'static str,
    modified: DateTime<Utc>,
) -> Vec<SeededAttachment> {
    let count = 1 + rng.skewed(3);
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let (name, contents) = match rng.below(4) {
            0 => (format!("{project} notes.txt"), Contents::Notes { seed: rng.next_u64(), project }),
            1 => (format!("{project} overview.pdf"), Contents::Pdf { title: format!("{project} overview").into() }),
            2 => {
                let rows = rng.range(3, 12) as usize;
                let name = format!("expenses-{}.csv", rng.range(1000, 9999));
                (name, Contents::Csv { seed: rng.next_u64(), rows })
            }
            _ => (format!("diagram-{}.png", project.to_ascii_lowercase()), Contents::Given(TINY_PNG.into())),
        };
        out.push(record(tenant, name, contents, modified));
    }
    out
}
