//! Mail outside the Inbox: the owner's sent mail, the Inbox subfolders and user folders, Archive,
//! and the small folders (Drafts, Deleted Items, Junk Email, Conversation History).
use chrono::{DateTime, Duration, Utc};

use super::super::cast::Person;
use super::super::text::{JUNK_SUBJECTS, SUBJECTS, WEEKDAYS, fill};
use super::super::words::PROJECTS;
use super::body;
use super::inbox::is_read;
use super::message::{Conversation, Flag, Mail};
use super::{MailGen, attach};

/// Days the Inbox timeline covers, roughly (see `inbox::timeline`).
fn span_days(inbox_count: usize) -> i64 {
    let per_day = (inbox_count as f64 / 365.0).clamp(4.0, 40.0);
    ((inbox_count as f64 / per_day) * 7.0 / 5.0).max(30.0) as i64
}

/// Who writes the mail of a folder.
#[derive(Clone, Copy)]
enum Senders {
    Colleagues,
    Outsiders,
    Service(usize),
    Spammers,
}

struct Batch<'f> {
    folder: &'f str,
    count: usize,
    /// Age range in days before the anchor.
    days: (i64, i64),
    senders: Senders,
    project: Option<&'static str>,
    attachment_chance: f64,
}

fn spammer(i: usize) -> Person {
    let names = ["Prize Center", "Account Security", "Pharma Deals", "Lottery Intl"];
    Person::outsider(names[i % names.len()], &format!("no-reply{i}@win-big.example"))
}

fn file_batch(g: &mut MailGen, batch: Batch) {
    for i in 0..batch.count {
        let at = g.anchor - Duration::seconds(g.rng.range(batch.days.0 * 86_400, batch.days.1 * 86_400));
        let project = batch.project.unwrap_or_else(|| g.rng.pick(PROJECTS));
        let cast = g.cast;
        let spam;
        let from: &Person = match batch.senders {
            Senders::Colleagues => g.colleague(),
            Senders::Outsiders => &cast.externals[g.rng.below(cast.externals.len())],
            Senders::Service(s) => &cast.services[s],
            Senders::Spammers => {
                spam = spammer(i);
                &spam
            }
        };
        let subject = match batch.senders {
            Senders::Spammers => (g.rng.pick(JUNK_SUBJECTS)).to_owned(),
            _ => fill(g.rng.pick(SUBJECTS), project, g.rng.range(2, 999) as u64, g.rng.pick(WEEKDAYS)),
        };
        let me = g.cast.me();
        let body = body::compose(&mut g.rng, from, me, project, None);
        let has_attachments = g.rng.chance(batch.attachment_chance);
        let attachments =
            if has_attachments { attach::some_files(g.tenant, &mut g.rng, project, at) } else { Vec::new() };
        let conversation = Conversation::new(&mut g.rng);
        let spam_folder = matches!(batch.senders, Senders::Spammers);
        let mail = Mail {
            folder: batch.folder,
            subject,
            from,
            to: vec![me],
            cc: vec![],
            sent: at - Duration::seconds(g.rng.range(2, 50)),
            is_read: is_read(&mut g.rng, g.anchor, at),
            is_draft: false,
            importance: if g.rng.chance(0.05) { "high" } else { "normal" },
            flag: if g.rng.chance(0.03) { Flag::Flagged } else { Flag::None },
            categories: vec![],
            conversation: &conversation,
            depth: 0,
            body,
            has_attachments,
            focused: !spam_folder && g.rng.chance(0.8),
        };
        g.add(mail, attachments);
    }
}

/// Mail the owner sent on their own (replies were filed while building the Inbox).
pub fn sent(g: &mut MailGen, count: usize, inbox_count: usize) {
    let span = span_days(inbox_count);
    let folder = g.folders.sent.clone();
    for _ in 0..count {
        let at = g.anchor - Duration::seconds(g.rng.range(3600, span * 86_400));
        let project = g.rng.pick(PROJECTS);
        let me = g.cast.me();
        let first = g.correspondent();
        let mut to = vec![first];
        if g.rng.chance(0.3) {
            let other = g.correspondent();
            if other.address != first.address {
                to.push(other);
            }
        }
        let cc = if g.rng.chance(0.2) { vec![g.colleague()] } else { vec![] };
        let subject = fill(g.rng.pick(SUBJECTS), project, g.rng.range(2, 999) as u64, g.rng.pick(WEEKDAYS));
        let body = body::compose(&mut g.rng, me, first, project, None);
        let has_attachments = g.rng.chance(0.1);
        let attachments =
            if has_attachments { attach::some_files(g.tenant, &mut g.rng, project, at) } else { Vec::new() };
        let conversation = Conversation::new(&mut g.rng);
        let mail = Mail {
            folder: &folder,
            subject,
            from: me,
            to,
            cc,
            sent: at,
            is_read: true,
            is_draft: false,
            importance: "normal",
            flag: Flag::None,
            categories: vec![],
            conversation: &conversation,
            depth: 0,
            body,
            has_attachments,
            focused: true,
        };
        g.add(mail, attachments);
    }
}

/// Inbox subfolders, user folders and Archive: a few hundred messages in all.
pub fn subfolders(g: &mut MailGen, inbox_count: usize) {
    let per = (20 + inbox_count / 200).min(150);
    let span = span_days(inbox_count);
    let f = g.folders.clone();
    let batches = [
        Batch {
            folder: &f.alpha,
            count: per,
            days: (1, span),
            senders: Senders::Colleagues,
            project: Some("Alpha"),
            attachment_chance: 0.2,
        },
        Batch {
            folder: &f.beta,
            count: per,
            days: (1, span),
            senders: Senders::Colleagues,
            project: Some("Beta"),
            attachment_chance: 0.2,
        },
        Batch {
            folder: &f.projects,
            count: per / 4,
            days: (1, span),
            senders: Senders::Colleagues,
            project: None,
            attachment_chance: 0.1,
        },
        Batch {
            folder: &f.receipts,
            count: per,
            days: (1, span),
            senders: Senders::Service(5),
            project: None,
            attachment_chance: 0.6,
        },
        Batch {
            folder: &f.newsletters,
            count: per,
            days: (1, span),
            senders: Senders::Service(7),
            project: None,
            attachment_chance: 0.0,
        },
        Batch {
            folder: &f.travel,
            count: per / 2,
            days: (1, span),
            senders: Senders::Outsiders,
            project: None,
            attachment_chance: 0.3,
        },
        Batch {
            folder: &f.clients,
            count: per,
            days: (1, span),
            senders: Senders::Outsiders,
            project: None,
            attachment_chance: 0.15,
        },
        Batch {
            folder: &f.archive,
            count: (inbox_count / 10).clamp(10, 300),
            days: (span, span + 730),
            senders: Senders::Outsiders,
            project: None,
            attachment_chance: 0.1,
        },
    ];
    for batch in batches {
        file_batch(g, batch);
    }
}

/// Drafts, Deleted Items, Junk Email and Conversation History.
pub fn small_folders(g: &mut MailGen) {
    let f = g.folders.clone();
    file_batch(
        g,
        Batch {
            folder: &f.deleted,
            count: 15,
            days: (1, 60),
            senders: Senders::Outsiders,
            project: None,
            attachment_chance: 0.1,
        },
    );
    file_batch(
        g,
        Batch {
            folder: &f.junk,
            count: 10,
            days: (0, 30),
            senders: Senders::Spammers,
            project: None,
            attachment_chance: 0.0,
        },
    );
    let me = g.cast.me();
    for i in 0..5 {
        let at: DateTime<Utc> = g.anchor - Duration::minutes(g.rng.range(30, 60 * 24 * 14));
        let project = g.rng.pick(PROJECTS);
        let to_person = g.correspondent();
        // One draft has no recipient yet, as drafts often do.
        let to = if i == 0 { vec![] } else { vec![to_person] };
        let body = body::compose(&mut g.rng, me, to_person, project, None);
        let conversation = Conversation::new(&mut g.rng);
        let subject = if i == 1 { String::new() } else { format!("Draft: {project} follow-up") };
        let mail = Mail {
            folder: &f.drafts,
            subject,
            from: me,
            to,
            cc: vec![],
            sent: at,
            is_read: true,
            is_draft: true,
            importance: "normal",
            flag: Flag::None,
            categories: vec![],
            conversation: &conversation,
            depth: 0,
            body,
            has_attachments: false,
            focused: true,
        };
        g.add(mail, Vec::new());
    }
    for _ in 0..3 {
        let at = g.anchor - Duration::minutes(g.rng.range(60, 60 * 24 * 30));
        let with = g.colleague();
        let body = body::simple(&[&format!("{}: can you send me the slides?", with.given), "Me: sure, sharing now 👍"]);
        let conversation = Conversation::new(&mut g.rng);
        let mail = Mail {
            folder: &f.history,
            subject: String::new(),
            from: with,
            to: vec![me],
            cc: vec![],
            sent: at,
            is_read: true,
            is_draft: false,
            importance: "normal",
            flag: Flag::None,
            categories: vec![],
            conversation: &conversation,
            depth: 0,
            body,
            has_attachments: false,
            focused: true,
        };
        g.add(mail, Vec::new());
    }
}
