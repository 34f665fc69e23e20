//! `o365 mail folders | list | show`: the folder tree, a folder's messages newest first, and
//! one message rendered for the terminal (HTML to text, links listed, attachments named).
//! Writing (`send`), organising (`organise`), categories and list conditions (`categories`)
//! and files (`files`) live in the submodules.
mod cached;
mod categories;
mod files;
mod folders;
mod organise;
mod send;

use anyhow::Context;
use chrono_tz::Tz;
use futures::{StreamExt, TryStreamExt};

use super::args::MailCommand;
use super::output::Output;
use super::session::Session;
use super::table::Table;
use crate::domain;
use crate::domain::QuickFilters;
use crate::domain::time_zones::format_in_zone;
use crate::sanitize;
use o365_graph::dto;
use o365_graph::mail::quick_filters::filtered_request;
use o365_graph::mail::{self, MessageFilter};
use o365_graph::paging::{items, page_size};
use organise::Action;

pub async fn run(command: &MailCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    match command {
        MailCommand::Folders { limit, cached: true } => cached::folders(session, limit.get(), out),
        MailCommand::Folders { limit, cached: false } => folders(session, limit.get(), out).await,
        MailCommand::Folder(command) => folders::run(command, session, out).await,
        MailCommand::List { folder, limit, unread, only, ids, cached: true, .. } => {
            cached::list(session, folder.as_deref().unwrap_or("inbox"), *limit, *unread, only, *ids, out)
        }
        MailCommand::Search { query, local: true, folder, limit, ids } => {
            cached::search(session, query, folder.as_deref(), *limit, *ids, out)
        }
        MailCommand::Search { query, local: false, folder, limit, ids } => {
            let filter = MessageFilter { search: Some(query.clone()), unread_only: false };
            let limit = (*limit > 0).then_some(*limit);
            list(session, folder.as_deref().unwrap_or("inbox"), &filter, None, limit, *ids, out).await
        }
        MailCommand::List { folder, limit, search, unread, only, ids, cached: false } => {
            let filter = MessageFilter { search: search.clone(), unread_only: *unread };
            let quick = categories::quick_filters(only, *unread, session.zone, crate::clock::now())?;
            let limit = (*limit > 0).then_some(*limit);
            let folder = folder.as_deref().unwrap_or("inbox");
            list(session, folder, &filter, quick.as_ref(), limit, *ids, out).await
        }
        MailCommand::Categories => categories::list(session, out).await,
        MailCommand::Categorize(args) => categories::categorize(session, args, out).await,
        MailCommand::Show { id, cached: true } => cached::show(session, id, out),
        MailCommand::Show { id, cached: false } => show(session, id, out).await,
        MailCommand::Send(args) => send::send(args, session, out).await,
        MailCommand::Reply { id, all, body, html, allow_empty } => {
            let body = send::BodyText::from_args(body)?;
            body.refuse_empty(*allow_empty)?;
            send::reply(session, id, *all, body, *html, out).await
        }
        MailCommand::Forward { id, to, body, html } => {
            send::forward(session, id, to, send::BodyText::from_optional(body)?, *html, out).await
        }
        MailCommand::Move { ids, to } => {
            let (ids, folder) = organise::ids_and_folder(ids, to.as_deref())?;
            organise::run(session, ids, Action::Move(folder), out).await
        }
        MailCommand::Copy { ids, to } => {
            let (ids, folder) = organise::ids_and_folder(ids, to.as_deref())?;
            organise::run(session, ids, Action::Copy(folder), out).await
        }
        MailCommand::Flag(m) => organise::run(session, &m.ids, Action::Flag(true), out).await,
        MailCommand::Unflag(m) => organise::run(session, &m.ids, Action::Flag(false), out).await,
        MailCommand::Read(m) => organise::run(session, &m.ids, Action::Read(true), out).await,
        MailCommand::Unread(m) => organise::run(session, &m.ids, Action::Read(false), out).await,
        MailCommand::Delete { ids, permanent } => {
            organise::run(session, ids, Action::Delete { permanent: *permanent }, out).await
        }
        MailCommand::Attachments { id, save } => files::attachments(session, id, save.as_deref(), out).await,
        MailCommand::Export { id, file } => files::export(session, id, file, out).await,
        MailCommand::AutoReply(args) => super::settings_cmd::auto_reply(args, session, out).await,
    }
}

async fn folders(session: &Session, limit: Option<usize>, out: &mut Output) -> anyhow::Result<()> {
    let tree = mail::list_folders(&session.client).await.context("listing mail folders")?;
    let shown = tree.iter().take(limit.unwrap_or(usize::MAX));
    if out.json() {
        for node in shown {
            out.json_line(&node.folder)?;
        }
        return Ok(());
    }
    let rows: Vec<(usize, domain::Folder)> = shown.map(|n| (n.depth, domain::Folder::from(&n.folder))).collect();
    print_folders(&rows, out)
}

/// Folders (with their depth) as a Folder / Unread / Total table, nested ones indented.
pub(super) fn print_folders(rows: &[(usize, domain::Folder)], out: &mut Output) -> anyhow::Result<()> {
    let mut table = Table::new(&["Folder", "Unread", "Total"]).shrink_column(0);
    for (depth, folder) in rows {
        let name = format!("{}{}", "  ".repeat(*depth), sanitize::line(&folder.name));
        table.row([name, folder.unread_count.to_string(), folder.total_count.to_string()]);
    }
    out.table(&table)
}

async fn list(
    session: &Session,
    folder: &str,
    filter: &MessageFilter,
    quick: Option<&QuickFilters>,
    limit: Option<usize>,
    ids: bool,
    out: &mut Output,
) -> anyhow::Result<()> {
    let typed = folder;
    let folder = mail::resolve_folder(&session.client, folder).await?;
    let mut messages = match quick {
        Some(quick) => {
            let page = page_size(limit, mail::MESSAGES_MAX_PAGE) as u32;
            let request = filtered_request(&session.client, Some(&folder.id), quick.filter(), page);
            items::<dto::Message>(session.client.clone(), request, limit).boxed()
        }
        None => mail::message_stream(&session.client, Some(&folder.id), filter, limit),
    };
    if out.json() {
        // Printed as pages arrive: a 100,000-message folder never sits in memory.
        while let Some(message) = messages.try_next().await.context("listing messages")? {
            out.json_line(&message)?;
        }
        return Ok(());
    }
    let outgoing = is_outgoing(session, typed, &folder.id).await;
    // The table's columns are aligned over every row, so rows are gathered first; when the
    // listing breaks off, the rows fetched so far are still printed before the error (issue 14:
    // 4,000 fetched rows were dropped for one failed page).
    let mut rows = Vec::new();
    let mut broken = None;
    loop {
        let message = match messages.try_next().await {
            Ok(Some(message)) => message,
            Ok(None) => break,
            Err(e) => {
                let context = match rows.len() {
                    0 => "listing messages".to_owned(),
                    n => format!("listing messages (stopped after the {n} shown)"),
                };
                broken = Some(anyhow::Error::new(e).context(context));
                break;
            }
        };
        rows.push(summary_row(&domain::MessageSummary::from(&message), outgoing, session.zone, ids));
    }
    let table = summary_table(rows, outgoing, ids);
    if let Some(error) = broken {
        if !table.is_empty() {
            out.table(&table)?;
            out.flush()?;
        }
        return Err(error);
    }
    if table.is_empty() {
        let name = folder.display_name.as_deref().unwrap_or("the folder");
        eprintln_quiet(&format!("No messages in {} match.", sanitize::line(name)));
        return Ok(());
    }
    out.table(&table)
}

/// One row of a message table: marks, when, who (whom it is to in outgoing folders), subject,
/// categories, and the id when asked for.
pub(super) fn summary_row(summary: &domain::MessageSummary, outgoing: bool, zone: Tz, ids: bool) -> Vec<String> {
    let correspondent = match outgoing {
        true => summary.to.iter().map(|m| m.display()).collect::<Vec<_>>().join(", "),
        false => summary.from.as_ref().map(|m| m.display().to_owned()).unwrap_or_default(),
    };
    let mut row = vec![
        marks(summary),
        summary.received.map(|t| format_in_zone(&t, &zone, "%Y-%m-%d %H:%M")).unwrap_or_default(),
        correspondent,
        summary.subject.clone(),
        summary.categories.join(", "),
    ];
    if ids {
        row.push(summary.id.clone());
    }
    row
}

/// The table of `summary_row`s, with a Categories column only when some message has one.
pub(super) fn summary_table(rows: Vec<Vec<String>>, outgoing: bool, ids: bool) -> Table {
    let with_categories = rows.iter().any(|row| !row[4].is_empty());
    let mut headers = vec!["", "Received", if outgoing { "To" } else { "From" }, "Subject"];
    if with_categories {
        headers.push("Categories");
    }
    if ids {
        headers.push("Id");
    }
    let mut table = Table::new(&headers).shrink_column(3);
    for mut row in rows {
        if !with_categories {
            row.remove(4);
        }
        table.row(row);
    }
    table
}

/// Whether the folder (`typed` by the user, found as `id`) is Drafts, Sent Items or the
/// Outbox, whose lists show whom each message is to. A well-known name says so without a
/// request; anything else is compared by id with theirs (one `$batch`), and when those cannot
/// be had the list shows senders, as it always did.
async fn is_outgoing(session: &Session, typed: &str, id: &str) -> bool {
    if let Some(known) = domain::WellKnown::from_graph_name(typed) {
        return known.is_outgoing();
    }
    let names: Vec<&str> = domain::WellKnown::ALL.iter().filter(|w| w.is_outgoing()).map(|w| w.graph_name()).collect();
    match mail::folders::well_known_ids(&session.client, &names).await {
        Ok(ids) => ids.iter().any(|(_, known)| known == id),
        Err(_) => false,
    }
}

/// `N` unread, `@` attachments, `!` flagged: a glance, as mail clients' index columns do.
fn marks(summary: &domain::MessageSummary) -> String {
    let mut marks = String::new();
    marks.push(if summary.is_read { ' ' } else { 'N' });
    marks.push(if summary.has_attachments { '@' } else { ' ' });
    marks.push(if summary.is_flagged { '!' } else { ' ' });
    marks
}

async fn show(session: &Session, id: &str, out: &mut Output) -> anyhow::Result<()> {
    let (mut message, attachments) = mail::get_message(&session.client, id).await.context("reading the message")?;
    cached::keep_opened(session, &message, &attachments);
    if out.json() {
        message.attachments = attachments;
        return out.json_line(&message);
    }
    let width = out.width().unwrap_or(100).min(100);
    out.text(&render(&message, &attachments, &session.zone, width))
}

/// The message as a reader sees it: headers, the body as text, then its attachments.
pub fn render(message: &dto::Message, attachments: &[dto::Attachment], zone: &Tz, width: usize) -> String {
    let view = domain::Message::from(message);
    let files: Vec<domain::AttachmentInfo> = attachments.iter().map(domain::AttachmentInfo::from).collect();
    crate::render::message_text(&view, &files, zone, width)
}

pub(super) fn eprintln_quiet(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Body;
    use crate::render::body_text;

    #[test]
    fn html_bodies_become_text_with_link_footnotes_and_no_escapes() {
        let body = Body::Html(
            "<p>Hello <b>there</b>\u{1b}]0;pwned\u{7}</p><p><a href=\"https://evil.example/x\">your bank</a></p>"
                .into(),
        );
        let text = body_text(&body, 60);
        assert!(text.contains("Hello"), "{text}");
        assert!(text.contains("https://evil.example/x"), "link target shown: {text}");
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    }

    #[test]
    fn render_shows_headers_in_the_users_zone_and_lists_files() {
        let message: dto::Message = serde_json::from_value(serde_json::json!({
            "id": "m1",
            "subject": "Q3 \u{202e}report",
            "from": {"emailAddress": {"name": "Adele Vance", "address": "adele@contoso.com"}},
            "toRecipients": [{"emailAddress": {"address": "me@contoso.com"}}],
            "receivedDateTime": "2026-03-10T12:00:00Z",
            "body": {"contentType": "text", "content": "Numbers attached."}
        }))
        .unwrap();
        let attachment: dto::Attachment = serde_json::from_value(serde_json::json!({
            "@odata.type": "#microsoft.graph.fileAttachment",
            "id": "a1", "name": "q3.xlsx", "size": 2048, "isInline": false
        }))
        .unwrap();
        let text = render(&message, &[attachment], &chrono_tz::Asia::Tokyo, 80);
        assert!(text.contains("From:    Adele Vance <adele@contoso.com>"), "{text}");
        assert!(text.contains("To:      me@contoso.com"), "{text}");
        assert!(text.contains("Tue, 10 Mar 2026 21:00 JST"), "{text}");
        assert!(text.contains("Subject: Q3 report"), "bidi override removed: {text}");
        assert!(text.contains("q3.xlsx  (2.0 KB)"), "{text}");
    }
}
