//! The worker's side of compose: finding the editor and the draft directory, loading
//! completion candidates, asking the service for reply/forward drafts, checking files, and
//! sending or saving (`send`) with the local draft written first and removed only once the
//! service has the message. Each effect is a task of its own, like every other effect.
use std::path::{Path, PathBuf};

use tokio::sync::mpsc::UnboundedSender;

use crate::domain::{Body, Mailbox};
use crate::human::addresses::format_recipients;
use crate::paths::EnvLookup;
use crate::tui::editor::editor_command;
use crate::tui::effect::compose::ComposeEffect;
use crate::tui::effect::drive::LinkSpec;
use crate::tui::msg::compose::{ComposeMsg, Prepared};
use crate::tui::msg::{Failure, Msg, Outcome};
use crate::tui::store::compose::draft::ResumedHtml;
use crate::tui::store::compose::quote::quote_lines;
use crate::tui::store::compose::{AttachmentRef, Candidate, ComposeEnv, Kind, merge_candidates};
use crate::tui::worker::paths::typed_path;
use o365_graph::client::{GraphClient, to_body};
use o365_graph::dto::{self, CommentRequest, ItemBody};
use o365_graph::encode::encode_segment;
use o365_graph::error::GraphResult;
use o365_graph::mail::compose::is_html;
use o365_graph::mail::upload::UploadProgress;
use o365_graph::mail::upload::inline_image::refuse_inline;
use o365_graph::request::Request;

mod body;

mod send;
pub mod turns;
use crate::drafts::{DraftDir, write_draft};
use send::{discard, save, send, send_progress};
use turns::Turns;

/// Starts one compose effect as a task; its answer comes back as `Msg::Compose`, progress
/// while files upload as it happens. Local drafts go under `drafts_base` (the session's data
/// directory, a private one under `--demo`), else where `default_base` says. Effects on the
/// local draft file run one after the other in the order given (`turns`): the ticket is taken
/// here, on the loop, in order.
pub fn run(
    client: &GraphClient,
    messages: &UnboundedSender<Msg>,
    effect: ComposeEffect,
    drafts_base: Option<&Path>,
    turns: &Turns,
) {
    let client = client.clone();
    let messages = messages.clone();
    let drafts_base = drafts_base.map(Path::to_path_buf);
    let ticket = touches_local_draft(&effect).then(|| turns.ticket());
    tokio::spawn(async move {
        let _turn = match ticket {
            Some(ticket) => Some(ticket.wait().await),
            None => None,
        };
        let msg = perform(&client, effect, &messages, drafts_base).await;
        // The loop may have ended; then nobody needs the answer.
        let _ = messages.send(Msg::Compose(msg));
    });
}

/// Runs file work (drafts, attachments that may be large) on a blocking thread, so the
/// runtime's threads keep serving the other effects meanwhile.
async fn on_disk<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Outcome<T> {
    match tokio::task::spawn_blocking(work).await {
        Ok(done) => Ok(done),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => Err(Failure::local(format!("the file work was stopped: {e}"))),
    }
}

/// Whether `effect` writes or removes the local draft file.
fn touches_local_draft(effect: &ComposeEffect) -> bool {
    matches!(
        effect,
        ComposeEffect::SaveLocal { .. }
            | ComposeEffect::Send { .. }
            | ComposeEffect::SaveToDrafts { .. }
            | ComposeEffect::Discard { .. }
    )
}

/// Does the work of `effect`; progress (bytes uploaded) goes to `messages` as it happens.
pub async fn perform(
    client: &GraphClient,
    effect: ComposeEffect,
    messages: &UnboundedSender<Msg>,
    drafts_base: Option<PathBuf>,
) -> ComposeMsg {
    match effect {
        ComposeEffect::Init => on_disk(move || {
            let env = |name: &str| std::env::var_os(name);
            let base = drafts_base.or_else(|| default_base(&env));
            init(base.as_deref(), &env)
        })
        .await
        .unwrap_or_else(|reason| ComposeMsg::Ready {
            env: Box::new(ComposeEnv { dir_error: Some(reason.text), ..ComposeEnv::default() }),
            leftovers: Vec::new(),
        }),
        ComposeEffect::LoadCandidates => ComposeMsg::Candidates(candidates(client).await.map_err(Failure::from)),
        ComposeEffect::Prepare { kind, message_id } => {
            ComposeMsg::Prepared(prepare(client, kind, &message_id).await.map(Box::new).map_err(Failure::from))
        }
        ComposeEffect::CheckAttachment { path } => {
            ComposeMsg::Attachment(on_disk(move || check_attachment(&path)).await.and_then(|checked| Ok(checked?)))
        }
        ComposeEffect::CheckInlineImage { path } => {
            ComposeMsg::InlineImage(on_disk(move || check_inline_image(&path)).await.and_then(|checked| Ok(checked?)))
        }
        ComposeEffect::SaveLocal { path, draft } => {
            let written = on_disk(move || write_draft(&path, &draft).map(|()| path).map_err(|e| e.to_string()));
            ComposeMsg::LocalSaved(written.await.and_then(|written| Ok(written?)))
        }
        ComposeEffect::Send { path, draft, html } => {
            let mut progress = |p: &UploadProgress| {
                let _ = messages.send(Msg::Compose(ComposeMsg::Progress(send_progress(p))));
            };
            ComposeMsg::Sent(send(client, &path, &draft, html, &mut progress).await.map_err(Box::new))
        }
        ComposeEffect::SaveToDrafts { path, draft, html } => {
            ComposeMsg::DraftSaved(save(client, &path, &draft, html).await.map_err(Box::new))
        }
        ComposeEffect::Discard { path, server_draft } => {
            ComposeMsg::Discarded(discard(client, path, server_draft).await)
        }
        ComposeEffect::LinkDriveFile { item_id, name, edit, anyone } => {
            let link = LinkSpec { edit, anyone, expires: None, password: None };
            let result = crate::tui::worker::drive_ops::share(client, None, &item_id, link).await;
            ComposeMsg::DriveFileLinked { name, result: result.map_err(Failure::from) }
        }
        ComposeEffect::RemoveAttachment { draft_id, attachment_id, name } => {
            let path = client.resource_path(&format!(
                "messages/{}/attachments/{}",
                encode_segment(&draft_id),
                encode_segment(&attachment_id)
            ));
            let result = client.execute(Request::delete(path)).await.map(|_| ()).map_err(Failure::from);
            ComposeMsg::AttachmentRemoved { name, result }
        }
    }
}

/// `{data dir}/compose`, else `$XDG_RUNTIME_DIR/o365-compose`.
pub fn default_base(env: EnvLookup<'_>) -> Option<PathBuf> {
    crate::paths::data_dir_from(env)
        .ok()
        .map(|dir| dir.join("compose"))
        .or_else(|| env("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()).map(|dir| PathBuf::from(dir).join("o365-compose")))
}

/// The environment compose works in, and the drafts earlier runs left behind.
pub fn init(base: Option<&Path>, env: EnvLookup<'_>) -> ComposeMsg {
    let (editor, editor_error) = match editor_command(env) {
        Some(Ok(words)) => (Some(words), None),
        Some(Err(reason)) => (None, Some(reason)),
        None => (None, None),
    };
    if let Some(reason) = editor_error {
        tracing::warn!("{reason}; using the built-in editor");
    }
    let (dirs, dir_error) = match base.map(DraftDir::create) {
        Some(Ok(dirs)) => (Some(dirs), None),
        Some(Err(e)) => {
            (None, Some(format!("{}: {e}", base.map(Path::display).map(|d| d.to_string()).unwrap_or_default())))
        }
        None => (None, Some("no data directory".to_owned())),
    };
    let leftovers = dirs.as_ref().map(DraftDir::leftovers).unwrap_or_default();
    ComposeMsg::Ready { env: Box::new(ComposeEnv { dirs, dir_error, editor, html: false, signature: None }), leftovers }
}

/// What completion offers while writing, loaded once per message (no request per key):
/// contacts, then the people Graph ranks, then the directory, in that order.
async fn candidates(client: &GraphClient) -> GraphResult<Vec<Candidate>> {
    let entries = crate::address_lookup::gather(client, None, CANDIDATES).await?;
    Ok(merge_candidates(entries.into_iter().map(|e| Candidate { name: e.name, address: e.address })))
}

/// How many people and directory users completion loads.
const CANDIDATES: usize = 200;

/// Where the text of a resumed HTML draft is wrapped, as quotes are.
const EDIT_WIDTH: usize = 76;

/// The files on a server draft (not its inline images), as compose lists them.
fn draft_files(attachments: &[dto::Attachment]) -> Vec<AttachmentRef> {
    attachments
        .iter()
        .map(crate::domain::AttachmentInfo::from)
        .filter(|a| !a.inline)
        .map(|a| AttachmentRef { path: None, name: a.name, size: a.size, server_id: Some(a.id) })
        .collect()
}

/// The reply/forward draft the service makes (graph-facts §3.2), or a draft to resume. A
/// forward's draft carries copies of the original's files: they are listed, so the review
/// shows what goes with it (and can take one off).
async fn prepare(client: &GraphClient, kind: Kind, message_id: &str) -> GraphResult<Prepared> {
    let (draft, attachments) = match kind {
        Kind::Draft => {
            let (message, attachments) = o365_graph::mail::get_message(client, message_id).await?;
            (message, draft_files(&attachments))
        }
        _ => {
            let action = match kind {
                Kind::ReplyAll => "createReplyAll",
                Kind::Forward => "createForward",
                _ => "createReply",
            };
            let path = client.resource_path(&format!("messages/{}/{action}", encode_segment(message_id)));
            // A forward's recipients must be given at creation (none yet: an empty list), §3.2.
            let request = match kind {
                Kind::Forward => CommentRequest { to_recipients: Some(Vec::new()), ..CommentRequest::default() },
                _ => CommentRequest::default(),
            };
            let draft: dto::Message = client.json(Request::post(path).with_json(to_body(&request)?)).await?;
            let files = match kind {
                Kind::Forward => {
                    draft_files(&o365_graph::mail::attachments::list_attachments(client, &draft.id).await?)
                }
                _ => Vec::new(),
            };
            (draft, files)
        }
    };
    let body = draft.body.clone().unwrap_or_else(|| ItemBody::text(""));
    // A resumed draft's body is the text to edit: plain text as it is, HTML as the text the
    // reader shows (links as footnotes), its HTML kept to go back unchanged if the text does.
    // A reply's or forward's body is the service's quote, kept below the text. Everything from
    // the service is cleaned before it reaches the editor's file or the screen.
    let content = body.content.clone().unwrap_or_default();
    let (text, quoted, resumed_html) = match kind {
        Kind::Draft if is_html(&body) => {
            let text = crate::render::body_text(&Body::Html(content.clone()), EDIT_WIDTH);
            (text.clone(), None, Some(ResumedHtml { html: content, text }))
        }
        Kind::Draft => (crate::sanitize::editable(&content).into_owned(), None, None),
        _ => (String::new(), Some(Body::from(&body)), None),
    };
    Ok(Prepared {
        server_draft_id: draft.id.clone(),
        fields: crate::tui::store::compose::header::Fields {
            to: format_recipients(&Mailbox::list(&draft.to_recipients)),
            cc: format_recipients(&Mailbox::list(&draft.cc_recipients)),
            bcc: format_recipients(&Mailbox::list(&draft.bcc_recipients)),
            subject: crate::sanitize::line(draft.subject.as_deref().unwrap_or_default()).into_owned(),
            body: text,
        },
        quote_lines: quoted.as_ref().map(quote_lines).unwrap_or_default(),
        quoted,
        resumed_html,
        attachments,
    })
}

fn check_attachment(path: &Path) -> Result<AttachmentRef, String> {
    // The path comes from the prompt, as text.
    let path = match path.to_str() {
        Some(typed) => typed_path(typed)?,
        None => path.to_path_buf(),
    };
    let meta = std::fs::metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a file", path.display()));
    }
    let absolute = std::path::absolute(&path).unwrap_or(path);
    Ok(AttachmentRef::local(&absolute, meta.len()))
}

/// A file for `check_attachment` that is also a PNG, JPEG or GIF by name and by content.
fn check_inline_image(path: &Path) -> Result<AttachmentRef, String> {
    let file = check_attachment(path)?;
    let absolute = file.path.clone().unwrap_or_default();
    let mut head = Vec::with_capacity(16);
    std::fs::File::open(&absolute)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 16), &mut head))
        .map_err(|e| format!("{}: {e}", absolute.display()))?;
    match refuse_inline(&file.name, &head) {
        Some(reason) => Err(reason),
        None => Ok(file),
    }
}
