//! `o365 mail send | reply | forward`: the body from `--body`, a file or standard input, files
//! attached or shown inline (`--inline`, by cid). A body is checked before anything is sent: an
//! empty one read from a file or stdin is refused (`--allow-empty` sends it), as is one over the
//! 4 MB Graph takes in one request. A failed send keeps the whole message (`saved`); a failed
//! reply or forward keeps its text under the data dir's `drafts/` when it exists nowhere else.
mod saved;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::super::args::{BodyArgs, OptionalBodyArgs, SendArgs, SendBodyArgs};
use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use crate::human::human_size;
use o365_graph::dto::Recipient;
use o365_graph::mail::compose::{NewMessage, REQUEST_LIMIT, SendFailure, send_message};
use o365_graph::mail::respond::{ResponseKind, ResponseText, respond};
use o365_graph::mail::upload::OutgoingAttachment;
use o365_graph::mail::upload::inline_image::{content_id_for, refuse_inline};

/// Where a body came from, which decides what an empty one means and how a failure keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--body TEXT`: typed on the command line, empty only on purpose.
    Inline,
    Stdin,
    /// The user's own file.
    File(PathBuf),
}

/// A body and where it came from.
pub struct BodyText {
    pub text: String,
    pub source: Source,
}

impl BodyText {
    fn read(body: Option<&str>, body_file: Option<&Path>) -> anyhow::Result<BodyText> {
        match (body, body_file) {
            (Some(text), _) => Ok(BodyText { text: text.to_owned(), source: Source::Inline }),
            (None, Some(path)) if path == Path::new("-") => {
                let mut text = String::new();
                match std::io::stdin().read_to_string(&mut text) {
                    Ok(_) => Ok(BodyText { text, source: Source::Stdin }),
                    // Issue 14: the same mistake as a file that is not text, so the same exit 2.
                    Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                        Err(UsageError("the body on standard input is not UTF-8 text: nothing was sent".into()).into())
                    }
                    Err(e) => Err(anyhow::Error::new(e).context("reading the body from standard input")),
                }
            }
            (None, Some(path)) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| UsageError(format!("cannot read the body from {}: {e}", path.display())))?;
                Ok(BodyText { text, source: Source::File(path.to_owned()) })
            }
            (None, None) => Ok(BodyText { text: String::new(), source: Source::Inline }),
        }
    }

    /// A reply's body: one of the two flags is required, and its absence is said in one line
    /// (clap's own message takes five, with a usage block).
    pub fn from_args(args: &BodyArgs) -> anyhow::Result<BodyText> {
        if args.body.is_none() && args.body_file.is_none() {
            let needed = "mail reply needs a body: --body TEXT or --body-file FILE (`-` for standard input)";
            return Err(UsageError(needed.into()).into());
        }
        Self::read(args.body.as_deref(), args.body_file.as_deref())
    }

    pub fn from_optional(args: &OptionalBodyArgs) -> anyhow::Result<BodyText> {
        Self::read(args.body.as_deref(), args.body_file.as_deref())
    }

    fn from_send(args: &SendBodyArgs) -> anyhow::Result<BodyText> {
        if args.body.is_none() && args.body_file.is_none() {
            let needed = "mail send needs a body: --body TEXT or --body-file FILE (`-` for standard input)";
            return Err(UsageError(needed.into()).into());
        }
        Self::read(args.body.as_deref(), args.body_file.as_deref())
    }

    /// Issue 14: `--body-file -` with nothing on stdin (a cron job whose report failed) sent an
    /// empty message without a word. A body read from a file or stdin that holds only blanks
    /// is refused unless `--allow-empty`; `--body ""` is taken as meant.
    pub fn refuse_empty(&self, allow_empty: bool) -> anyhow::Result<()> {
        if allow_empty || !self.text.trim().is_empty() {
            return Ok(());
        }
        let from = match &self.source {
            Source::Inline => return Ok(()),
            Source::Stdin => "standard input".to_owned(),
            Source::File(path) => path.display().to_string(),
        };
        Err(UsageError(format!("the body read from {from} is empty: nothing was sent (--allow-empty sends it anyway)"))
            .into())
    }

    /// The error for a failed reply or forward, saying where the text is now.
    fn failure(&self, failure: SendFailure, label: &str, session: &Session) -> anyhow::Error {
        let kept = match &self.source {
            Source::File(path) => format!("your text is still in {}", path.display()),
            _ if self.text.is_empty() => String::new(),
            _ => match save_local_text(&self.text, label, session) {
                Ok(path) => format!("your text is saved in {}", path.display()),
                Err(e) => format!("and your text could not be saved locally: {e}"),
            },
        };
        if kept.is_empty() { anyhow::Error::new(failure) } else { anyhow::anyhow!("{failure}; {kept}") }
    }
}

/// Writes `text` to `{data dir}/drafts/{time}-{label}.txt`, readable by the user alone. The
/// demo keeps nothing (its files go when it exits), so there it is an error saying so.
pub fn save_local_text(text: &str, label: &str, session: &Session) -> anyhow::Result<PathBuf> {
    let dir = session.keeping_dir().ok_or_else(|| anyhow::anyhow!("the demo keeps no files"))?.join("drafts");
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

/// Issue 14: a 50 MB body went as far as the service, which cut the connection ("Broken
/// pipe"). A message whose request without its files is over Graph's 4 MB cannot be sent in
/// any way: refuse before any request, saying so and how to send the text instead.
fn refuse_too_large(message: &NewMessage, body: &Source, args: &SendArgs, session: &Session) -> anyhow::Result<()> {
    let size = message.size_without_attachments();
    if size <= REQUEST_LIMIT {
        return Ok(());
    }
    let (file, kept) = match body {
        Source::File(path) => (path.clone(), String::new()),
        _ => {
            let path = save_local_text(&message.body, "send", session)?;
            (path.clone(), format!("; your text is saved in {}", path.display()))
        }
    };
    let mut again: Vec<String> = vec!["mail".into(), "send".into()];
    for (flag, list) in [("--to", &args.to), ("--cc", &args.cc), ("--bcc", &args.bcc)] {
        for address in list.iter().filter_map(|r| r.email_address.as_ref()?.address.clone()) {
            again.extend([flag.to_owned(), address]);
        }
    }
    again.extend(["--subject".into(), message.subject.clone(), "--body".into(), "The text is attached.".into()]);
    again.extend(["--attach".into(), file.display().to_string()]);
    for path in args.attach.iter().chain(&args.inline) {
        again.extend(["--attach".into(), path.display().to_string()]);
    }
    let words: Vec<&str> = again.iter().map(String::as_str).collect();
    Err(UsageError(format!(
        "the message is {} without its files, more than the {} Microsoft Graph takes in one request (a body \
         cannot be sent in parts; files can): nothing was sent; send the text as a file instead: `{}`{kept}",
        human_size(size),
        human_size(REQUEST_LIMIT),
        session.command_again(&words)
    ))
    .into())
}

pub async fn send(args: &SendArgs, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    if let Some(path) = &args.draft {
        return saved::send_saved(path, session, out).await;
    }
    let body = BodyText::from_send(&args.body)?;
    body.refuse_empty(args.allow_empty)?;
    let message = NewMessage {
        to: args.to.clone(),
        cc: args.cc.clone(),
        bcc: args.bcc.clone(),
        subject: args.subject.clone().unwrap_or_default(),
        body: body.text,
        html: args.html,
        attachments: [read_attachments(&args.attach)?, read_inline_images(&args.inline)?].concat(),
    };
    refuse_too_large(&message, &body.source, args, session)?;
    if let Err(failure) = send_message(&session.client, &message, &mut |_, _| {}).await {
        return Err(saved::keep(failure, &message, args, session));
    }
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
    respond(&session.client, id, kind, &text).await.map_err(|f| body.failure(f, "reply", session))?;
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
    respond(&session.client, id, ResponseKind::Forward, &text)
        .await
        .map_err(|f| body.failure(f, "forward", session))?;
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
