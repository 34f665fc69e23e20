//! Compose's answers from the worker: start-up findings, completion candidates, the service's
//! reply or forward draft, the editor's text, checked files and images, progress while sending,
//! and how a send, save or discard ended (a failure keeps the review open with the reason).
use super::{add_signature, begin_editing, edited, review};
use crate::tui::effect::Effect;
use crate::tui::msg::Outcome;
use crate::tui::msg::compose::{ComposeMsg, Failure, Prepared};
use crate::tui::store::compose::{AttachmentRef, BuiltIn, ComposeEnv, InlineImage, Kind, Mode, Status};
use crate::tui::store::compose::{header, quote};
use crate::tui::store::{Notice, Store};
use crate::tui::update::mail::live::refresh_now;
use crate::tui::update::{notify, report_error};
use o365_graph::mail::upload::inline_image::content_id_for;

pub fn on_msg(store: &mut Store, msg: ComposeMsg) -> Vec<Effect> {
    match msg {
        ComposeMsg::Ready { env, leftovers } => {
            // The worker looked at the disk and the environment; the body format and the
            // signature are the config's, set before start-up.
            let env =
                ComposeEnv { html: store.compose.env.html, signature: store.compose.env.signature.clone(), ..*env };
            if let Some(reason) = &env.dir_error {
                report_error(store, format!("Drafts cannot be kept on disk: {reason}"));
            }
            store.compose.env = env;
            store.compose.ready = true;
            store.compose.leftovers = leftovers;
            let count = store.compose.leftovers.len();
            if count > 0 {
                let text = format!("{count} unsent draft(s) from an earlier session: press C to reopen");
                store.notice = Some(Notice { text, is_error: false, until_ms: None });
            }
            if std::mem::take(&mut store.compose.edit_when_ready) {
                return begin_editing(store);
            }
            Vec::new()
        }
        ComposeMsg::Candidates(result) => {
            store.compose.candidates = result.unwrap_or_default();
            store.compose.candidates_loaded = true;
            Vec::new()
        }
        ComposeMsg::Prepared(result) => prepared(store, result),
        ComposeMsg::DriveFileLinked { name, result } => super::drive_link::linked(store, name, result),
        ComposeMsg::Edited(result) => match result {
            Ok(text) => {
                let quote = store.compose.open.as_ref().map(|c| c.quote_lines.clone()).unwrap_or_default();
                match header::read_edited(&text, &quote) {
                    Ok(read) => {
                        keep_or_drop_quote(store, read.quote_kept);
                        edited(store, read.fields)
                    }
                    Err(e) => {
                        // Nothing typed is lost: the whole file becomes the body (the quote
                        // too, when it was changed), the reason shows, and `e` opens it again.
                        let (body, quote_kept) = quote::split_quote(&text, &quote);
                        if let Some(compose) = store.compose.open.as_mut() {
                            compose.fields.body = body;
                            compose.problem = Some(format!("{e}; press e to fix it"));
                        }
                        keep_or_drop_quote(store, quote_kept);
                        review(store)
                    }
                }
            }
            Err(reason) => {
                report_error(store, format!("{reason}; using the built-in editor"));
                if let Some(compose) = store.compose.open.as_mut() {
                    compose.mode = Mode::Editor;
                    compose.editor = Some(BuiltIn::new(&compose.fields));
                }
                Vec::new()
            }
        },
        ComposeMsg::Attachment(result) => {
            match result {
                Ok(attachment) => {
                    let name = attachment.name.clone();
                    if let Some(compose) = store.compose.open.as_mut() {
                        compose.attachments.push(attachment);
                    }
                    notify(store, format!("Attached {name}"));
                    return review(store);
                }
                Err(reason) => report_error(store, reason.text),
            }
            Vec::new()
        }
        ComposeMsg::InlineImage(Ok(file)) => inline_image(store, file),
        ComposeMsg::InlineImage(Err(reason)) => {
            report_error(store, reason.text);
            Vec::new()
        }
        ComposeMsg::LocalSaved(Err(reason)) => {
            report_error(store, format!("The local draft could not be written: {reason}"));
            Vec::new()
        }
        ComposeMsg::LocalSaved(Ok(_)) => Vec::new(),
        ComposeMsg::Progress(progress) => {
            let percent = (progress.done * 100).checked_div(progress.total).unwrap_or(100);
            if let Some(compose) = store.compose.open.as_mut() {
                compose.progress = Some(progress);
            }
            store.notice = Some(Notice { text: format!("Sending… {percent}%"), is_error: false, until_ms: None });
            Vec::new()
        }
        ComposeMsg::Sent(Ok(())) => {
            store.compose.open = None;
            notify(store, "Sent".into());
            // Sent Items (and Drafts, for a draft sent) show it and count it at once.
            refresh_now(store)
        }
        ComposeMsg::DraftSaved(Ok(_)) => {
            let quitting = store.compose.open.take().is_some_and(|c| c.quit_when_saved);
            notify(store, "Saved to Drafts".into());
            store.quit |= quitting;
            // The Drafts folder shows it and counts it at once.
            if quitting { Vec::new() } else { refresh_now(store) }
        }
        ComposeMsg::Sent(Err(failure)) | ComposeMsg::DraftSaved(Err(failure)) => {
            failed(store, *failure);
            Vec::new()
        }
        ComposeMsg::Discarded(Err(reason)) => {
            report_error(store, format!("Discarding: {reason}"));
            Vec::new()
        }
        ComposeMsg::Discarded(Ok(())) => Vec::new(),
        ComposeMsg::AttachmentRemoved { name, result } => {
            super::attachments::removed(store, name, result);
            Vec::new()
        }
    }
}

/// A quote changed in the editor is part of the body now: the service's own quote must not be
/// added below it again (it would bring back what was cut and repeat what was kept).
fn keep_or_drop_quote(store: &mut Store, quote_kept: bool) {
    let Some(compose) = store.compose.open.as_mut() else { return };
    if quote_kept || (compose.quoted.is_none() && compose.quote_lines.is_empty()) {
        return;
    }
    compose.quoted = None;
    compose.quote_lines.clear();
    notify(store, "The quote was changed: it goes as you left it, with every line you wrote".into());
}

/// A checked image joins the message with a content id no other image of it has.
fn inline_image(store: &mut Store, file: AttachmentRef) -> Vec<Effect> {
    let Some(compose) = store.compose.open.as_mut() else { return Vec::new() };
    let Some(path) = file.path else { return Vec::new() };
    let content_id = content_id_for(&file.name, &compose.content_ids());
    let note = if store.compose.env.html {
        format!("Inline image {} (cid:{content_id})", file.name)
    } else {
        format!("Inline image {}: the message goes as HTML to show it", file.name)
    };
    compose.inline_images.push(InlineImage { path, name: file.name, size: file.size, content_id });
    notify(store, note);
    review(store)
}

fn prepared(store: &mut Store, result: Outcome<Box<Prepared>>) -> Vec<Effect> {
    let signature = store.compose.env.signature.clone();
    let Some(compose) = store.compose.open.as_mut().filter(|c| c.mode == Mode::Preparing) else {
        return Vec::new();
    };
    match result {
        Ok(p) => {
            compose.created_here = compose.kind != Kind::Draft;
            compose.server_draft_id = Some(p.server_draft_id);
            compose.fields = p.fields;
            compose.quoted = p.quoted;
            compose.quote_lines = p.quote_lines;
            compose.resumed_html = p.resumed_html;
            compose.attachments = p.attachments;
            // A resumed draft has its own text; a reply or forward gets the signature.
            if compose.kind != Kind::Draft {
                add_signature(compose, signature.as_deref());
            }
            begin_editing(store)
        }
        Err(reason) => {
            let what = compose.kind.title();
            store.compose.open = None;
            report_error(store, format!("{what}: {reason}"));
            Vec::new()
        }
    }
}

/// A failed send or save: the review screen stays with the text and the reason.
fn failed(store: &mut Store, failure: Failure) {
    let Some(compose) = store.compose.open.as_mut() else { return };
    if failure.server_draft_id.is_some() && compose.server_draft_id.is_none() {
        compose.server_draft_id = failure.server_draft_id.clone();
        compose.created_here = true;
    }
    if failure.attachments_uploaded {
        for attachment in &mut compose.attachments {
            attachment.path = None;
        }
        // Inline images stay listed (the body refers to them); the worker finds them on the
        // draft and does not upload them again.
    }
    compose.status = Status::Failed { reason: failure.reason.clone(), maybe_sent: failure.maybe_sent };
    compose.progress = None;
    compose.quit_when_saved = false;
    report_error(store, format!("{} (r retries)", failure.reason));
}
