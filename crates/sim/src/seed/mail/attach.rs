//! File attachments for messages (graph-facts §3.3): small deterministic contents, standard base64.
use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::super::files::{TINY_PNG, csv, mime_for, notes, pdf};
use super::super::rng::Rng;
use super::super::shape::iso;
use crate::store::Tenant;

/// A `fileAttachment` object.
pub fn file(
    tenant: &mut Tenant,
    name: &str,
    bytes: &[u8],
    inline: bool,
    content_id: Option<&str>,
    modified: DateTime<Utc>,
) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.fileAttachment",
        "@odata.mediaContentType": mime_for(name),
        "id": tenant.mint_id("att"),
        "lastModifiedDateTime": iso(modified),
        "name": name,
        "contentType": mime_for(name),
        "size": bytes.len(),
        "isInline": inline,
        "contentId": content_id,
        "contentLocation": null,
        "contentBytes": base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

/// One to three ordinary attachments about `project`.
pub fn some_files(tenant: &mut Tenant, rng: &mut Rng, project: &str, modified: DateTime<Utc>) -> Vec<Value> {
    let count = 1 + rng.skewed(3);
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let (name, bytes) = match rng.below(4) {
            0 => (format!("{project} notes.txt"), notes(rng, project)),
            1 => (format!("{project} overview.pdf"), pdf(&format!("{project} overview"))),
            2 => {
                let rows = rng.range(3, 12) as usize;
                (format!("expenses-{}.csv", rng.range(1000, 9999)), csv(rng, rows))
            }
            _ => (format!("diagram-{}.png", project.to_ascii_lowercase()), TINY_PNG.to_vec()),
        };
        out.push(file(tenant, &name, &bytes, false, None, modified));
    }
    out
}
