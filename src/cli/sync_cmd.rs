//! `o365 sync [--mail] [--calendar] [--drive] [--tasks] [--contacts]`: brings the account's local
//! cache up to date by delta sync, headless (for cron), and prints what changed: one line per
//! resource that changed (`--json`: one object each): mail, To Do, contacts, the own drive (and
//! the account's SharePoint library when its `drive` names one) and the default calendar's
//! window around today; with no flag, all of them.
use anyhow::Context;

use super::args::SyncArgs;
use super::output::Output;
use super::session::Session;
use crate::cache::Cache;
use crate::cache::open::open_account;
use crate::config::DriveTarget;
use crate::sync::report::SyncReport;
use o365_graph::drive::location::resolve_drive;
use o365_graph::dto::Drive;
use o365_graph::request::Request;

pub async fn run(args: &SyncArgs, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let opened = open_account(session.data_dir(), session.account_name()).context("opening the local cache")?;
    if let Some(notice) = &opened.notice {
        eprintln_quiet(&format!("o365: {notice}"));
    }
    let mut cache = opened.cache;
    // No flag: every workload cached so far.
    let all = !args.mail && !args.tasks && !args.contacts && !args.drive && !args.calendar;
    let client = &session.client;
    let mut reports = Vec::new();
    if args.mail || all {
        let every = crate::sync::mail::MailScope::Every;
        let mut report = crate::sync::mail::sync_mail(client, &mut cache, &every).await.context("syncing mail")?;
        let newest = session.mail_options().prefetch_bodies;
        crate::sync::prefetch::prefetch_bodies(client, &mut cache, &mut report, newest)
            .await
            .context("fetching the newest bodies")?;
        reports.push(report);
    }
    if args.tasks || all {
        reports.push(crate::sync::todo::sync_todo(client, &mut cache).await.context("syncing To Do")?);
    }
    if args.contacts || all {
        reports.push(crate::sync::contacts::sync_contacts(client, &mut cache).await.context("syncing contacts")?);
    }
    if args.drive || all {
        reports.extend(sync_drives(session, &mut cache).await?);
    }
    if args.calendar || all {
        reports.push(
            crate::sync::calendar::sync_calendar(client, &mut cache, crate::clock::now())
                .await
                .context("syncing the calendar")?,
        );
    }
    for report in &reports {
        if out.json() {
            out.json_line(&report.tree)?;
            for changes in report.resources.iter().filter(|c| !c.is_empty()) {
                out.json_line(changes)?;
            }
            continue;
        }
        for line in report.lines() {
            out.text(&line)?;
        }
    }
    Ok(())
}

/// The own drive, then the account's `drive` when it names another one (a SharePoint document
/// library, `drive = "site:..."`), each kept under its own id. An app signed in without a user
/// has no drive of its own: only the library is synced then.
async fn sync_drives(session: &Session, cache: &mut Cache) -> anyhow::Result<Vec<SyncReport>> {
    let client = &session.client;
    let mut reports = Vec::new();
    let library = match session.default_drive() {
        DriveTarget::Default => None,
        target => Some(target.clone()),
    };
    if library.is_none() || !client.is_app_only().await {
        reports.push(crate::sync::drive::sync_drive(client, cache).await.context("syncing your drive")?);
    }
    if let Some(target) = library {
        let root = resolve_drive(client, &target).await.context("finding the account's drive")?;
        let drive: Drive = client.json(Request::get(root.drive_path())).await.context("finding the account's drive")?;
        let name = drive.name.clone().map_or_else(|| "library".to_owned(), |name| format!("library {name}"));
        let report = crate::sync::drive::sync_drive_of(client, cache, Some(&drive.id), &name)
            .await
            .with_context(|| format!("syncing the {name}"))?;
        reports.push(report);
    }
    Ok(reports)
}

fn eprintln_quiet(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}
