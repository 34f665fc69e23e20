//! The worker's side of compose: finding the editor and the draft directory, loading
//! completion candidates, asking the service for reply/forward drafts, and sending or saving
//! with the local draft written first and removed only once the service has the message.
use std::path::{Path, PathBuf};

use tokio::sync::mpsc::UnboundedSender;

use crate::domain::{Body, Mailbox};
use crate::paths::EnvLookup;
use crate::tui::editor::editor_command;
use crate::tui::effect::compose::ComposeEffect;
use crate::tui::msg::Msg;
use crate::tui::msg::compose::{ComposeMsg, Failure, Prepared, SendProgress};
use crate::tui::store::compose::draft::{LocalDraft, ResumedHtml};
use crate::tui::store::compose::header::{Parsed, format_recipients, parse_fields};
use crate::tui::store::compose::quote::quote_lines;
use crate::tui::store::compose::{AttachmentRef, Candidate, ComposeEnv, Kind, merge_candidates};
use crate::tui::worker::paths::typed_path;
use o365_graph::client::{GraphClient, to_body};
use o365_graph::dto::{self, CommentRequest, ItemBody, MessagePatch, Recipient};
use o365_graph::error::{GraphError, GraphResult};
use o365_graph::mail::compose::{
    NewMessage, SendFailure, is_html, save_draft_with_progress, send_draft, send_message_with_progress, update_draft,
};
use o365_graph::mail::upload::inline_image::refuse_inline;
use o365_graph::mail::upload::{OutgoingAttachment, UploadProgress, add_attachments, missing_on_draft};
use o365_graph::request::Request;
use o365_graph::resource::encode_segment;

mod body;
pub mod drafts;
pub mod turns;
use body::{body_of, images_of};
use drafts::{create_dirs, leftovers, remove_draft, write_draft};
use turns::{Ticket, Turns};

/// Runs one compose effect; its answer comes back as `Msg::Compose`. The upload progress
/// callbacks of `graph::mail` are not `Send`, so the future runs on a blocking thread of the
/// same runtime (its connections stay on the runtime) instead of a spawned task.
/// Local drafts go under `drafts_base` (the session's data directory, a private one under
/// `--demo`), else where `default_base` says. Effects on the local draft file run one after
/// the other in the order given (`turns`).
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
    let runtime = tokio::runtime::Handle::current();
    let ticket = touches_local_draft(&effect).then(|| turns.ticket());
    tokio::task::spawn_blocking(move || {
        let _turn = ticket.map(Ticket::wait);
        let msg = runtime.block_on(perform(&client, effect, &messages, drafts_base));
        let _ = messages.send(Msg::Compose(msg));
    });
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
        ComposeEffect::Init => {
            let env = |name: &str| std::env::var_os(name);
            let base = drafts_base.or_else(|| default_base(&env));
            init(base.as_deref(), &env)
        }
        ComposeEffect::LoadCandidates => ComposeMsg::Candidates(candidates(client).await.map_err(|e| e.to_string())),
        ComposeEffect::Prepare { kind, message_id } => {
            ComposeMsg::Prepared(prepare(client, kind, &message_id).await.map(Box::new).map_err(|e| e.to_string()))
        }
        ComposeEffect::CheckAttachment { path } => ComposeMsg::Attachment(check_attachment(&path)),
        ComposeEffect::CheckInlineImage { path } => ComposeMsg::InlineImage(check_inline_image(&path)),
        ComposeEffect::SaveLocal { path, draft } => {
            ComposeMsg::LocalSaved(write_draft(&path, &draft).map(|()| path).map_err(|e| e.to_string()))
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
    let (dirs, dir_error) = match base.map(create_dirs) {
        Some(Ok(dirs)) => (Some(dirs), None),
        Some(Err(e)) => {
            (None, Some(format!("{}: {e}", base.map(Path::display).map(|d| d.to_string()).unwrap_or_default())))
        }
        None => (None, Some("no data directory".to_owned())),
    };
    let leftovers = dirs.as_ref().map(leftovers).unwrap_or_default();
    ComposeMsg::Ready { env: Box::new(ComposeEnv { dirs, dir_error, editor, html: false }), leftovers }
}

async fn candidates(client: &GraphClient) -> GraphResult<Vec<Candidate>> {
    let contacts = o365_graph::contacts::list_contacts(client, Some(500)).await?;
    // People is a ranking the service may not offer (app-only sign-in): contacts suffice then.
    let people = o365_graph::users::people(client, None, Some(200)).await.unwrap_or_default();
    let from_contacts = contacts.iter().flat_map(|c| {
        let name = c.display_name.clone().unwrap_or_default();
        c.email_addresses.iter().map(move |e| Candidate {
            name: e.name.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| name.clone()),
            address: e.address.clone().unwrap_or_default(),
        })
    });
    let from_people = people.iter().flat_map(|p| {
        let name = p.display_name.clone().unwrap_or_default();
        p.scored_email_addresses
            .iter()
            .map(move |e| Candidate { name: name.clone(), address: e.address.clone().unwrap_or_default() })
    });
    Ok(merge_candidates(from_contacts.chain(from_people).collect::<Vec<_>>()))
}

/// Where the text of a resumed HTML draft is wrapped, as quotes are.
const EDIT_WIDTH: usize = 76;

/// The reply/forward draft the service makes (graph-facts §3.2), or a draft to resume.
async fn prepare(client: &GraphClient, kind: Kind, message_id: &str) -> GraphResult<Prepared> {
    let (draft, attachments) = match kind {
        Kind::Draft => {
            let (message, attachments) = o365_graph::mail::get_message(client, message_id).await?;
            let attachments = attachments
                .iter()
                .map(crate::domain::AttachmentInfo::from)
                .filter(|a| !a.inline)
                .map(|a| AttachmentRef { path: None, name: a.name, size: a.size })
                .collect();
            (message, attachments)
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
            (draft, Vec::new())
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

fn failure(error: impl ToString) -> Failure {
    Failure { reason: error.to_string(), maybe_sent: false, server_draft_id: None, attachments_uploaded: false }
}

/// The text, the files and the inline images ready for the service; the local draft is
/// written first.
fn ready(path: &Path, draft: &LocalDraft) -> Result<(Parsed, Vec<OutgoingAttachment>), Failure> {
    write_draft(path, draft)
        .map_err(|e| failure(format!("the local copy could not be written, nothing was sent: {e}")))?;
    let parsed = parse_fields(&draft.fields()).map_err(failure)?;
    let read = |file: &Path| {
        let bytes = std::fs::read(file).map_err(|e| failure(format!("{}: {e}", file.display())))?;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "attachment".into());
        Ok::<_, Failure>((name, bytes))
    };
    let mut files = Vec::new();
    for file in &draft.attachments {
        let (name, bytes) = read(file)?;
        files.push(OutgoingAttachment::new(name, bytes));
    }
    for image in &draft.inline_images {
        let (name, bytes) = read(&image.path)?;
        files.push(OutgoingAttachment::inline_image(name, bytes, image.content_id.clone()));
    }
    Ok((parsed, files))
}

/// Compose's addresses as Graph's recipients (no name when none was written).
fn recipients(list: &[Mailbox]) -> Vec<Recipient> {
    list.iter().map(|m| Recipient::new(&m.address, Some(m.name.as_str()).filter(|n| !n.is_empty()))).collect()
}

/// The client library's upload progress as compose shows it.
fn send_progress(p: &UploadProgress) -> SendProgress {
    SendProgress { file: p.file.clone(), file_done: p.file_done, file_size: p.file_size, done: p.done, total: p.total }
}

fn patch_of(parsed: &Parsed, draft: &LocalDraft, html: bool, files: &[OutgoingAttachment]) -> MessagePatch {
    MessagePatch {
        subject: Some(parsed.subject.clone()),
        body: Some(body_of(&parsed.body, draft.quoted.as_ref(), draft.resumed_html.as_ref(), html, &images_of(files))),
        to_recipients: Some(recipients(&parsed.to)),
        cc_recipients: Some(recipients(&parsed.cc)),
        bcc_recipients: Some(recipients(&parsed.bcc)),
        ..MessagePatch::default()
    }
}

/// Puts the files on the server draft `id` that it does not have yet (a failed send may have
/// left some there).
async fn attach_to_draft(
    client: &GraphClient,
    id: &str,
    files: &[OutgoingAttachment],
    report: &mut dyn FnMut(&UploadProgress),
) -> GraphResult<()> {
    let missing = missing_on_draft(client, id, files).await?;
    let total: u64 = missing.iter().map(|f| f.size()).sum();
    add_attachments(client, id, &missing, 0, total, report).await
}

/// Sends; on success the local draft is removed. A failure says where the text is now.
pub async fn send(
    client: &GraphClient,
    path: &Path,
    draft: &LocalDraft,
    html: bool,
    progress: &mut dyn FnMut(&UploadProgress),
) -> Result<(), Failure> {
    let (parsed, files) = ready(path, draft)?;
    match &draft.server_draft_id {
        Some(id) => {
            // `uploaded`: every step before the send went through, so the send itself failed.
            let keep = |error: GraphError, uploaded: bool| {
                let draft_id = Some(id.clone());
                let kept = if uploaded {
                    SendFailure::at_send(error, draft_id)
                } else {
                    SendFailure::before_send(error, draft_id)
                };
                Failure {
                    reason: kept.to_string(),
                    maybe_sent: kept.maybe_sent(),
                    server_draft_id: Some(id.clone()),
                    attachments_uploaded: uploaded,
                }
            };
            update_draft(client, id, &patch_of(&parsed, draft, html, &files)).await.map_err(|e| keep(e, false))?;
            attach_to_draft(client, id, &files, progress).await.map_err(|e| keep(e, false))?;
            send_draft(client, id).await.map_err(|e| keep(e, true))?;
        }
        None => {
            let message = NewMessage {
                to: recipients(&parsed.to),
                cc: recipients(&parsed.cc),
                bcc: recipients(&parsed.bcc),
                subject: parsed.subject.clone(),
                body: parsed.body.clone(),
                html,
                attachments: files,
            };
            send_message_with_progress(client, &message, progress).await.map_err(|f| Failure {
                reason: f.to_string(),
                maybe_sent: f.maybe_sent(),
                // Not all files may be on the kept draft (an upload failed): the retry looks
                // at the draft and attaches only what is missing.
                attachments_uploaded: false,
                server_draft_id: f.draft_id,
            })?;
        }
    }
    remove_draft(path).map_err(|e| failure(format!("sent, but the local copy could not be removed: {e}")))
}

/// Saves to Drafts (a new draft, or the one this text already lives in); the local draft goes
/// once the service has it. Answers with the server draft's id.
pub async fn save(client: &GraphClient, path: &Path, draft: &LocalDraft, html: bool) -> Result<String, Failure> {
    let (parsed, files) = ready(path, draft)?;
    let id = match &draft.server_draft_id {
        Some(id) => {
            let keep =
                |e: GraphError| Failure { server_draft_id: Some(id.clone()), ..failure(format!("saving failed: {e}")) };
            update_draft(client, id, &patch_of(&parsed, draft, html, &files)).await.map_err(keep)?;
            attach_to_draft(client, id, &files, &mut |_| {}).await.map_err(keep)?;
            id.clone()
        }
        None => {
            let message = NewMessage {
                to: recipients(&parsed.to),
                cc: recipients(&parsed.cc),
                bcc: recipients(&parsed.bcc),
                subject: parsed.subject,
                body: parsed.body,
                html,
                attachments: files,
            };
            save_draft_with_progress(client, &message, &mut |_| {})
                .await
                .map_err(|e| failure(format!("saving failed: {e}")))?
                .id
        }
    };
    remove_draft(path).map_err(|e| failure(format!("saved, but the local copy could not be removed: {e}")))?;
    Ok(id)
}

async fn discard(client: &GraphClient, path: Option<PathBuf>, server_draft: Option<String>) -> Result<(), String> {
    if let Some(path) = path {
        remove_draft(&path).map_err(|e| e.to_string())?;
    }
    if let Some(id) = server_draft {
        let path = client.resource_path(&format!("messages/{}", encode_segment(&id)));
        client.execute(Request::delete(path)).await.map_err(|e| format!("the server draft stays in Drafts: {e}"))?;
    }
    Ok(())
}
