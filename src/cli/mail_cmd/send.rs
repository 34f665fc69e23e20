//! `o365 mail send | reply | forward`: the body from `--body`, a file or standard input, files
//! attached or shown inline (`--inline`, by cid), and a failed send that keeps the text: the server draft is named and, when the
//! text exists nowhere else (`--body`, stdin), it is saved under the data dir's `drafts/`.
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::super::args::{BodyArgs, OptionalBodyArgs, SendArgs};
use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use crate::paths::Paths;
use o365_graph::dto::Recipient;
use o365_graph::mail::compose::{NewMessage, SendFailure, send_message};
use o365_graph::mail::respond::{ResponseKind, ResponseText, respond};
use o365_graph::mail::upload::OutgoingAttachment;
use o365_graph::mail::upload::inline_image::{content_id_for, refuse_inline};

/// A body and where it came from, which decides how a failed send keeps it.
pub struct BodyText {
    pub text: String,
    /// The user's own file, when the body was read from one (not stdin).
    pub file: Option<PathBuf>,
}

impl BodyText {
    fn read(body: Option<&str>, body_file: Option<&Path>) -> anyhow::Result<BodyText> {
        match (body, body_file) {
            (Some(text), _) => Ok(BodyText { text: text.to_owned(), file: None }),
            (None, Some(path)) if path == Path::new("-") => {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text).context("reading the body from standard input")?;
                Ok(BodyText { text, file: None })
            }
            (None, Some(path)) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| UsageError(format!("cannot read the body from {}: {e}", path.display())))?;
                Ok(BodyText { text, file: Some(path.to_owned()) })
            }
            (None, None) => Ok(BodyText { text: String::new(), file: None }),
        }
    }

    pub fn from_args(args: &BodyArgs) -> anyhow::Result<BodyText> {
        Self::read(args.body.as_deref(), args.body_file.as_deref())
    }

    pub fn from_optional(args: &OptionalBodyArgs) -> anyhow::Result<BodyText> {
        Self::read(args.body.as_deref(), args.body_file.as_deref())
    }

    /// The error for a failed send, saying where the text is now.
    fn failure(&self, failure: SendFailure, label: &str) -> anyhow::Error {
        let kept = match &self.file {
            Some(path) => format!("your text is still in {}", path.display()),
            None if self.text.is_empty() => String::new(),
            None => match save_local_draft(&self.text, label) {
                Ok(path) => format!("your text is saved in {}", path.display()),
                Err(e) => format!("and your text could not be saved locally: {e}"),
            },
        };
        if kept.is_empty() { anyhow::Error::new(failure) } else { anyhow::anyhow!("{failure}; {kept}") }
    }
}

/// Writes `text` to `{data dir}/drafts/{time}-{label}.txt`, readable by the user alone.
pub fn save_local_draft(text: &str, label: &str) -> anyhow::Result<PathBuf> {
    let dir = Paths::from_process_env()?.data_dir.join("drafts");
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let short = &uuid::Uuid::new_v4().simple().to_string()[..8];
    let path = dir.join(format!("{stamp}-{label}-{short}.txt"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).with_context(|| format!("creating {}", path.display()))?;
    file.write_all(text.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

fn read_attachments(paths: &[PathBuf]) -> anyhow::Result<Vec<OutgoingAttachment>> {
    paths
        .iter()
        .map(|path| {
            let (name, bytes) = read_file(path)?;
            Ok(OutgoingAttachment::new(name, bytes))
        })
        .collect()
}

/// `--inline` images, each checked to be a PNG, JPEG or GIF and given a content id unique in
/// the message.
fn read_inline_images(paths: &[PathBuf]) -> anyhow::Result<Vec<OutgoingAttachment>> {
    let mut images: Vec<OutgoingAttachment> = Vec::new();
    for path in paths {
        let (name, bytes) = read_file(path)?;
        if let Some(reason) = refuse_inline(&name, &bytes) {
            return Err(UsageError(format!("--inline {reason}")).into());
        }
        let taken: Vec<&str> = images.iter().filter_map(|i| i.content_id.as_deref()).collect();
        let content_id = content_id_for(&name, &taken);
        images.push(OutgoingAttachment::inline_image(name, bytes, content_id));
    }
    Ok(images)
}

/// The file's name (as the recipient sees it) and bytes; unreadable is a usage error.
fn read_file(path: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let bytes =
        std::fs::read(path).map_err(|e| UsageError(format!("cannot read attachment {}: {e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "attachment".into());
    Ok((name, bytes))
}

pub async fn send(args: &SendArgs, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let body = BodyText::from_args(&args.body)?;
    let message = NewMessage {
        to: args.to.clone(),
        cc: args.cc.clone(),
        bcc: args.bcc.clone(),
        subject: args.subject.clone(),
        body: body.text.clone(),
        html: args.html,
        attachments: [read_attachments(&args.attach)?, read_inline_images(&args.inline)?].concat(),
    };
    send_message(&session.client, &message, &mut |_, _| {}).await.map_err(|f| body.failure(f, "send"))?;
    done(out, "sent", &args.to)
}

pub async fn reply(
    session: &Session,
    id: &str,
    all: bool,
    body: BodyText,
    html: bool,
    out: &mut Output,
) -> anyhow::Result<()> {
    let kind = if all { ResponseKind::ReplyAll } else { ResponseKind::Reply };
    let text = ResponseText { body: body.text.clone(), html, ..ResponseText::default() };
    respond(&session.client, id, kind, &text).await.map_err(|f| body.failure(f, "reply"))?;
    done(out, "replied", &[])
}

pub async fn forward(
    session: &Session,
    id: &str,
    to: &[Recipient],
    body: BodyText,
    html: bool,
    out: &mut Output,
) -> anyhow::Result<()> {
    let text = ResponseText { body: body.text.clone(), html, to: to.to_vec(), ..ResponseText::default() };
    respond(&session.client, id, ResponseKind::Forward, &text).await.map_err(|f| body.failure(f, "forward"))?;
    done(out, "forwarded", to)
}

fn done(out: &mut Output, what: &str, to: &[Recipient]) -> anyhow::Result<()> {
    let addresses: Vec<&str> =
        to.iter().filter_map(|r| r.email_address.as_ref().and_then(|e| e.address.as_deref())).collect();
    if out.json() {
        return out.json_line(&serde_json::json!({ "status": what, "to": addresses }));
    }
    if addresses.is_empty() {
        out.text(&format!("Message {what}."))
    } else {
        out.text(&format!("Message {what} to {}.", addresses.join(", ")))
    }
}
