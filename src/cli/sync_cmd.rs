//! `o365 sync [--mail] [--calendar] [--drive] [--tasks] [--contacts]`: brings the account's local
//! cache up to date by delta sync, headless (for cron), and prints what changed: one line per
//! resource that changed (`--json`: one object each). Mail, To Do, contacts and the own drive
//! are cached so far; asking for the calendar is a usage mistake that says so (exit 2), before
//! anything is opened.
use anyhow::Context;

use super::args::SyncArgs;
use super::failure::UsageError;
use super::output::Output;
use super::session::Session;
use crate::cache::open::open_account;

/// Refuses the workloads that are not cached yet.
pub fn check(args: &SyncArgs) -> anyhow::Result<()> {
    if !args.calendar {
        return Ok(());
    }
    Err(UsageError("not yet cached: calendar (--mail, --tasks, --contacts and --drive can be synced so far)".into())
        .into())
}

pub async fn run(args: &SyncArgs, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let opened = open_account(session.data_dir(), session.account_name()).context("opening the local cache")?;
    if let Some(notice) = &opened.notice {
        eprintln_quiet(&format!("o365: {notice}"));
    }
    let mut cache = opened.cache;
    // No flag: every workload cached so far.
    let all = !args.mail && !args.tasks && !args.contacts && !args.drive;
    let client = &session.client;
    let mut reports = Vec::new();
    if args.mail || all {
        let every = crate::sync::mail::MailScope::Every;
        reports.push(crate::sync::mail::sync_mail(client, &mut cache, &every).await.context("syncing mail")?);
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
