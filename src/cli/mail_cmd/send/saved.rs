//! A failed `o365 mail send` keeps the whole message (recipients, subject, body, the files'
//! paths) as a local draft in the interface's format, and `o365 mail send --draft FILE` sends
//! it as it was (issue 14: only the body used to be kept, so nothing could be resent). The
//! interface offers the same files at its next start (`C`).
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::super::super::failure::UsageError;
use super::super::super::output::Output;
use super::super::super::session::{Session, shell_quote};
use super::{done, read_attachments, read_file};
use crate::cli::args::SendArgs;
use crate::domain::Mailbox;
use crate::drafts::{DraftDir, InlineImageFile, LocalDraft, base_in, read_draft, remove_draft, write_draft};
use crate::human::addresses::{format_recipients, split_addresses};
use o365_graph::dto::Recipient;
use o365_graph::mail::address::parse_recipient;
use o365_graph::mail::compose::{NewMessage, REQUEST_LIMIT, SendFailure, send_message};
use o365_graph::mail::upload::OutgoingAttachment;
use o365_graph::mail::upload::inline_image::refuse_inline;

/// The draft kind the command line writes and sends.
const NEW: &str = "new";

/// The error for a failed send: the service's reason, then where the whole message is saved
/// and the command that sends it again.
pub fn keep(failure: SendFailure, message: &NewMessage, args: &SendArgs, session: &Session) -> anyhow::Error {
    match save(&local_draft(message, args), session) {
        Ok(path) => {
            let again = session.command_again(&["mail", "send", "--draft", &path.to_string_lossy()]);
            anyhow::anyhow!("{failure}; the whole message is saved in {}: `{again}` sends it again", path.display())
        }
        Err(e) => anyhow::anyhow!("{failure}; and it could not be saved locally: {e:#}"),
    }
}

/// What the draft file holds: the message as given, files by absolute path (the command that
/// sends it again may run elsewhere).
fn local_draft(message: &NewMessage, args: &SendArgs) -> LocalDraft {
    let absolute = |path: &PathBuf| std::path::absolute(path).unwrap_or_else(|_| path.clone());
    let content_ids = message.attachments.iter().filter_map(|a| a.content_id.clone());
    LocalDraft {
        to: recipients_text(&message.to),
        cc: recipients_text(&message.cc),
        bcc: recipients_text(&message.bcc),
        subject: message.subject.clone(),
        body: message.body.clone(),
        kind: NEW.to_owned(),
        attachments: args.attach.iter().map(absolute).collect(),
        inline_images: args
            .inline
            .iter()
            .zip(content_ids)
            .map(|(path, content_id)| InlineImageFile { path: absolute(path), content_id })
            .collect(),
        html: Some(message.html),
        ..LocalDraft::default()
    }
}

/// Writes the draft into a private directory of this process under the data dir's
/// `compose` folder, where the interface looks for drafts left behind (not under `--demo`,
/// which keeps no files).
fn save(draft: &LocalDraft, session: &Session) -> anyhow::Result<PathBuf> {
    let base = base_in(session.keeping_dir().ok_or_else(|| anyhow::anyhow!("the demo keeps no files"))?);
    let dirs = DraftDir::create(&base).with_context(|| format!("creating a directory in {}", base.display()))?;
    let path = dirs.new_path("draft", "json");
    write_draft(&path, draft).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

/// `o365 mail send --draft FILE`: the saved message, sent as it was; the file goes once the
/// service has it and stays (named in the error) when sending fails again.
pub async fn send_saved(path: &Path, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let usage = |what: String| anyhow::Error::new(UsageError(what));
    let draft = read_draft(path).map_err(|e| usage(format!("cannot read the draft {}: {e}", path.display())))?;
    if draft.kind != NEW || draft.server_draft_id.is_some() {
        return Err(usage(format!(
            "{} continues a {} in the full-screen interface: open `o365` and press C to finish it there",
            path.display(),
            if draft.kind == NEW { "draft saved on the server" } else { "reply or forward" }
        )));
    }
    let field = |name: &str, text: &str| {
        recipients_from_text(text).map_err(|e| usage(format!("{}: {name}: {e}", path.display())))
    };
    let (to, cc, bcc) = (field("to", &draft.to)?, field("cc", &draft.cc)?, field("bcc", &draft.bcc)?);
    if to.is_empty() && cc.is_empty() && bcc.is_empty() {
        return Err(usage(format!("{} has no recipient", path.display())));
    }
    let mut attachments = read_attachments(&draft.attachments)?;
    for image in &draft.inline_images {
        let (name, bytes) = read_file(&image.path)?;
        if let Some(reason) = refuse_inline(&name, &bytes) {
            return Err(usage(format!("{}: {reason}", path.display())));
        }
        attachments.push(OutgoingAttachment::inline_image(name, bytes, image.content_id.clone()));
    }
    let message = NewMessage {
        to,
        cc,
        bcc,
        subject: draft.subject,
        body: draft.body,
        // The interface's drafts follow the account's compose_format.
        html: draft.html.unwrap_or_else(|| session.compose_html()),
        attachments,
    };
    if message.size_without_attachments() > REQUEST_LIMIT {
        return Err(usage(format!(
            "{} holds a message over the {} Microsoft Graph takes in one request: open it in the interface \
             (`o365`, then C) and attach the text as a file",
            path.display(),
            crate::human::human_size(REQUEST_LIMIT)
        )));
    }
    if let Err(failure) = send_message(&session.client, &message, &mut |_, _| {}).await {
        let again = session.command_again(&["mail", "send", "--draft", &path.to_string_lossy()]);
        return Err(anyhow::anyhow!("{failure}; the message is still in {}: `{again}` sends it again", path.display()));
    }
    if let Err(e) = remove_draft(path) {
        tracing::warn!("the message was sent, but {} could not be removed: {e}", shell_quote(&path.to_string_lossy()));
    }
    done(out, "sent", &message.to)
}

/// Recipients as a draft's `to`/`cc`/`bcc` holds them: the header block's form.
fn recipients_text(list: &[Recipient]) -> String {
    format_recipients(&Mailbox::list(list))
}

/// The recipients of a draft's address field; the first bad one is the error.
fn recipients_from_text(text: &str) -> Result<Vec<Recipient>, String> {
    split_addresses(text).iter().map(|p| parse_recipient(p).map_err(|e| format!("`{p}`: {}", e.reason))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the command line writes, the interface's header block reads as it was meant.
    #[test]
    fn recipients_round_trip_and_the_interface_reads_them_alike() {
        let list: Vec<Recipient> = ["Bea <bea@fabrikam.example>", "\"Smith, Bob\" <bob@x.example>", "c@y.example"]
            .iter()
            .map(|a| parse_recipient(a).unwrap())
            .collect();
        let text = recipients_text(&list);
        assert_eq!(text, "Bea <bea@fabrikam.example>, \"Smith, Bob\" <bob@x.example>, c@y.example");
        assert_eq!(recipients_from_text(&text).unwrap(), list);
        let fields = crate::tui::store::compose::header::Fields { to: text, subject: "s".into(), ..Default::default() };
        let parsed = crate::tui::store::compose::header::parse_fields(&fields).unwrap().to;
        assert_eq!(parsed, Mailbox::list(&list), "the interface reads the same recipients");
        assert!(recipients_from_text("ok@x.example; not an address").unwrap_err().contains("not an address"));
    }
}
