//! The Inbox: exactly `n` messages on a working-hours timeline running back from the anchor,
//! with conversation threads whose other half (the owner's replies) lands in Sent Items.
use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};

use super::super::cast::Person;
use super::super::rng::Rng;
use super::super::text::{LANGUAGES, SUBJECTS, WEEKDAYS, fill};
use super::super::words::{MAIL_CATEGORIES, PROJECTS};
use super::body::{self, Quote};
use super::message::{Conversation, Flag, Mail};
use super::{MailGen, attach, hostile};

/// Subjects of the automated senders, in the order of `words::SERVICES`.
const SERVICE_SUBJECTS: &[&str] = &[
    "You have late tasks!",
    "You have {n} missed messages in {p}",
    "Someone shared \"{p} plan.docx\" with you",
    "[contoso/{p}] Pull request #{n}: fix flaky test",
    "Build succeeded: {p} CI #{n}",
    "Your receipt from Uber ({d})",
    "Ticket #{n} has been resolved",
    "You appeared in {n} searches this week",
];

/// Received times, newest first: several a day in working hours, fewer at weekends.
pub fn timeline(rng: &mut Rng, anchor: DateTime<Utc>, n: usize) -> Vec<DateTime<Utc>> {
    let per_day = (n as f64 / 365.0).clamp(4.0, 40.0);
    let mut out = Vec::with_capacity(n);
    let mut day = anchor.date_naive();
    let mut times = Vec::new();
    while out.len() < n {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let k = (per_day * if weekend { 0.15 } else { 1.0 } * (0.5 + rng.unit())).round() as usize;
        times.clear();
        for _ in 0..k {
            // 7:30–19:00, with the odd late-evening message.
            let seconds = if rng.chance(0.08) { rng.range(19 * 3600, 23 * 3600) } else { rng.range(27_000, 19 * 3600) };
            let at = day.and_time(NaiveTime::MIN).and_utc() + Duration::seconds(seconds);
            if at < anchor {
                times.push(at);
            }
        }
        times.sort_unstable_by(|a, b| b.cmp(a));
        times.dedup();
        out.extend(times.iter().take(n - out.len()));
        day -= Duration::days(1);
    }
    out
}

/// Recent mail is mostly unread, older mail mostly read.
pub fn is_read(rng: &mut Rng, anchor: DateTime<Utc>, at: DateTime<Utc>) -> bool {
    let age = anchor - at;
    let p = if age < Duration::days(2) {
        0.25
    } else if age < Duration::days(7) {
        0.7
    } else {
        0.97
    };
    rng.chance(p)
}

struct Thread<'a> {
    conversation: Conversation,
    subject: String,
    project: &'static str,
    counterpart: &'a Person,
    remaining: usize,
    depth: usize,
    last_from: &'a Person,
    last_sent: DateTime<Utc>,
}

fn subject_for(rng: &mut Rng, from: &Person, project: &str) -> String {
    let templates = from.writes_in.map_or(SUBJECTS, |i| LANGUAGES[i].subjects);
    fill(rng.pick(templates), project, rng.range(2, 9999) as u64, rng.pick(WEEKDAYS))
}

/// An incoming message from `from` in the Inbox.
#[allow(clippy::too_many_arguments)]
fn incoming<'a>(
    g: &mut MailGen<'a>,
    at: DateTime<Utc>,
    from: &'a Person,
    subject: String,
    project: &'static str,
    conversation: &Conversation,
    depth: usize,
    quote: Option<Quote>,
) {
    let cast = g.cast;
    let me = cast.me();
    let mut to = vec![me];
    if from.is_internal() && g.rng.chance(0.3) {
        to.push(g.colleague());
    }
    let cc = if g.rng.chance(0.25) { vec![g.colleague()] } else { vec![] };
    let body = body::compose(&mut g.rng, from, me, project, quote);
    let has_attachments = depth == 0 && g.rng.chance(0.12);
    let attachments = if has_attachments { attach::some_files(g.tenant, &mut g.rng, project, at) } else { Vec::new() };
    let mail = Mail {
        folder: &g.folders.inbox.clone(),
        subject,
        from,
        to,
        cc,
        sent: at - Duration::seconds(g.rng.range(2, 50)),
        is_read: is_read(&mut g.rng, g.anchor, at),
        is_draft: false,
        importance: match g.rng.below(40) {
            0 | 1 => "high",
            2 => "low",
            _ => "normal",
        },
        flag: match g.rng.below(60) {
            0 | 1 => Flag::Flagged,
            2 => Flag::Complete,
            _ => Flag::None,
        },
        categories: if g.rng.chance(0.08) { vec![g.rng.pick(MAIL_CATEGORIES)] } else { vec![] },
        conversation,
        depth,
        body,
        has_attachments,
        focused: g.rng.chance(0.85),
    };
    g.add(mail, attachments);
}

/// The owner's reply to a thread, filed in Sent Items.
fn my_reply<'a>(g: &mut MailGen<'a>, thread: &Thread<'a>, at: DateTime<Utc>) {
    let me = g.cast.me();
    let quote = Quote { from: thread.last_from, to: me, sent: thread.last_sent };
    let body = body::compose(&mut g.rng, me, thread.counterpart, thread.project, Some(quote));
    let mail = Mail {
        folder: &g.folders.sent.clone(),
        subject: format!("RE: {}", thread.subject),
        from: me,
        to: vec![thread.counterpart],
        cc: vec![],
        sent: at,
        is_read: true,
        is_draft: false,
        importance: "normal",
        flag: Flag::None,
        categories: vec![],
        conversation: &thread.conversation,
        depth: thread.depth,
        body,
        has_attachments: false,
        focused: true,
    };
    g.add(mail, Vec::new());
}

/// Fills the Inbox; returns how many replies went to Sent Items.
pub fn generate(g: &mut MailGen, n: usize, sent_target: usize) -> usize {
    let times = timeline(&mut g.rng, g.anchor, n);
    let mut open: Vec<Thread> = Vec::new();
    let mut sent = 0;
    for (newest_first, &at) in times.iter().enumerate().rev() {
        // Three recent slots hold the hostile and inline-image samples, so they are easy to find.
        match newest_first {
            2 => hostile::escape_sequences(g, at),
            5 => hostile::dotfile_attachment(g, at),
            8 => hostile::inline_image(g, at),
            _ => {}
        }
        if matches!(newest_first, 2 | 5 | 8) {
            continue;
        }
        open.retain(|t| at - t.last_sent < Duration::days(10));
        if !open.is_empty() && g.rng.chance(0.35) {
            let k = g.rng.below(open.len());
            let mut thread = open.swap_remove(k);
            let gap = at - thread.last_sent;
            if sent < sent_target && gap > Duration::minutes(4) && g.rng.chance(0.7) {
                let reply_at = thread.last_sent + Duration::seconds(gap.num_seconds() * g.rng.range(20, 80) / 100);
                thread.depth += 1;
                my_reply(g, &thread, reply_at);
                thread.last_from = g.cast.me();
                thread.last_sent = reply_at;
                sent += 1;
            }
            thread.depth += 1;
            let me = g.cast.me();
            // The quoted message went the other way when it was the owner's own reply.
            let quoted_to = if thread.last_from.address == me.address { thread.counterpart } else { me };
            let quote = Quote { from: thread.last_from, to: quoted_to, sent: thread.last_sent };
            let subject = format!("RE: {}", thread.subject);
            incoming(
                g,
                at,
                thread.counterpart,
                subject,
                thread.project,
                &thread.conversation,
                thread.depth,
                Some(quote),
            );
            thread.last_from = thread.counterpart;
            thread.last_sent = at;
            thread.remaining -= 1;
            if thread.remaining > 0 {
                open.push(thread);
            }
            continue;
        }
        let project = g.rng.pick(PROJECTS);
        let conversation = Conversation::new(&mut g.rng);
        if g.rng.chance(0.12) {
            let i = g.rng.below(g.cast.services.len());
            let from = &g.cast.services[i];
            let subject =
                fill(SERVICE_SUBJECTS[i % SERVICE_SUBJECTS.len()], project, g.rng.range(2, 999) as u64, "Monday");
            incoming(g, at, from, subject, project, &conversation, 0, None);
            continue;
        }
        let from = g.correspondent();
        let subject = subject_for(&mut g.rng, from, project);
        let starts_thread = g.rng.chance(0.25) && open.len() < 12;
        let started_by_me = starts_thread && sent < sent_target && g.rng.chance(0.3);
        let mut thread = Thread {
            conversation,
            subject,
            project,
            counterpart: from,
            remaining: 1 + g.rng.below(4),
            depth: 0,
            last_from: from,
            last_sent: at,
        };
        if started_by_me {
            // The owner wrote first; this slot is the answer.
            let my_at = at - Duration::seconds(g.rng.range(600, 4 * 3600));
            let me = g.cast.me();
            let body = body::compose(&mut g.rng, me, from, project, None);
            let mail = Mail {
                folder: &g.folders.sent.clone(),
                subject: thread.subject.clone(),
                from: me,
                to: vec![from],
                cc: vec![],
                sent: my_at,
                is_read: true,
                is_draft: false,
                importance: "normal",
                flag: Flag::None,
                categories: vec![],
                conversation: &thread.conversation,
                depth: 0,
                body,
                has_attachments: false,
                focused: true,
            };
            g.add(mail, Vec::new());
            sent += 1;
            thread.depth = 1;
            let quote = Quote { from: me, to: from, sent: my_at };
            let subject = format!("RE: {}", thread.subject);
            incoming(g, at, from, subject, project, &thread.conversation, 1, Some(quote));
        } else {
            let subject = thread.subject.clone();
            incoming(g, at, from, subject, project, &thread.conversation, 0, None);
        }
        if starts_thread {
            open.push(thread);
        }
    }
    sent
}
