//! `o365 sync [--mail] [--calendar] [--drive] [--tasks] [--contacts]`: brings the account's local
//! cache up to date by delta sync, headless (for cron), and prints what changed: one line per
//! resource that changed (`--json`: one object each): mail, To Do, contacts, the own drive and
//! the default calendar's window around today; with no flag, all of them.
use anyhow::Context;

use super::args::SyncArgs;
use super::output::Output;
use super::session::Session;
use crate::cache::open::open_account;

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
        reports.push(crate::sync::drive::sync_drive(client, &mut cache).await.context("syncing the drive")?);
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

fn eprintln_quiet(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}
