//! HTML message bodies (with their plain text, for `bodyPreview`): greeting, paragraphs, a list
//! or a table now and then, links, a signature and, for replies, the quoted earlier message.
//!
//! The generator only plans a body (who writes to whom about what, and a seed of its own); the
//! words are written when the message is first read, always the same for the same plan, so a
//! mailbox of 100,000 messages holds no text until someone asks for it.
use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::super::cast::Person;
use super::super::rng::Rng;
use super::super::shape::escape_html as escape;
use super::super::text::{LANGUAGES, LIST_ITEMS, OPENINGS, SENTENCES, SIGN_OFFS, WEEKDAYS, fill};

const HEAD: &str = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>";

/// A body as Graph stores it (HTML) and the text a reader would see.
#[derive(Debug, Default)]
pub struct Body {
    pub html: String,
    pub text: String,
}

impl Body {
    fn para(&mut self, text: &str) {
        let _ = write!(self.html, "<p>{}</p>", escape(text));
        self.words(text);
    }

    fn words(&mut self, text: &str) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(text);
    }
}

/// Whose earlier message a reply quotes below the new text, as Outlook lays it out.
#[derive(Clone, Copy)]
pub struct Quote<'a> {
    pub from: &'a Person,
    pub to: &'a Person,
    pub sent: DateTime<Utc>,
}

/// A body as the generator decides it.
pub enum BodyPlan<'a> {
    /// Written on first read from `seed` (see `write`).
    Compose { seed: u64, from: &'a Person, to: &'a Person, project: &'static str, quote: Option<Quote<'a>> },
    /// Given whole (automated and hostile samples).
    Given(Body),
}

/// What the quoted part of a reply shows: who wrote it to whom, when, and the thread's subject.
pub struct Quoted<'a> {
    pub from: &'a Person,
    pub to: &'a Person,
    pub sent: &'a str,
    pub subject: &'a str,
}

fn sentence(rng: &mut Rng, project: &str, templates: &[&str]) -> String {
    fill(rng.pick(templates), project, rng.range(2, 60) as u64, rng.pick(WEEKDAYS))
}

/// Plans a business message from `from` to `to` about `project`: one draw from the generator's
/// stream, the rest from the body's own seed when it is written.
pub fn compose<'a>(
    rng: &mut Rng,
    from: &'a Person,
    to: &'a Person,
    project: &'static str,
    quote: Option<Quote<'a>>,
) -> BodyPlan<'a> {
    BodyPlan::Compose { seed: rng.next_u64(), from, to, project, quote }
}

/// Writes a planned business message: in `from`'s language when they write in one, with a
/// right-to-left direction for Arabic and Hebrew.
pub fn write(seed: u64, from: &Person, to: &Person, project: &str, quote: Option<Quoted>) -> Body {
    let rng = &mut Rng::new(seed);
    let mut body = Body { html: String::with_capacity(1500), text: String::with_capacity(600) };
    body.html.push_str(HEAD);
    let language = from.writes_in.map(|i| &LANGUAGES[i]);
    body.html.push_str(if language.is_some_and(|l| l.rtl) { "<body dir=\"rtl\">" } else { "<body>" });
    let greeting = if to.given.is_empty() { "Hi,".to_owned() } else { format!("Hi {},", to.given) };
    body.para(&greeting);
    if let Some(lang) = language {
        for _ in 0..rng.range(2, 4) {
            let s = sentence(rng, project, lang.sentences);
            body.para(&s);
        }
    } else {
        let mut first = sentence(rng, project, OPENINGS);
        for _ in 0..rng.range(1, 3) {
            first.push(' ');
            first.push_str(&sentence(rng, project, SENTENCES));
        }
        body.para(&first);
        match rng.below(6) {
            0 | 1 => list(rng, &mut body, project),
            2 => table(rng, &mut body, project),
            _ => {
                let s = sentence(rng, project, SENTENCES);
                body.para(&s);
            }
        }
        if rng.chance(0.4) {
            let slug = project.to_ascii_lowercase();
            let _ = write!(
                body.html,
                "<p>Details are on the <a href=\"https://contoso.sharepoint.com/sites/{slug}/SitePages/Home.aspx\">{} site</a>.</p>",
                escape(project)
            );
            body.words(&format!("Details are on the {project} site."));
        }
    }
    signature(rng, &mut body, from);
    if let Some(q) = quote {
        quoted(rng, &mut body, &q, project);
    }
    body.html.push_str("</body></html>");
    body
}

fn list(rng: &mut Rng, body: &mut Body, project: &str) {
    body.para("Next steps:");
    body.html.push_str("<ul>");
    for _ in 0..rng.range(2, 5) {
        let item = sentence(rng, project, LIST_ITEMS);
        let _ = write!(body.html, "<li>{}</li>", escape(&item));
        body.words(&item);
    }
    body.html.push_str("</ul>");
}

fn table(rng: &mut Rng, body: &mut Body, project: &str) {
    body.para(&format!("Numbers for {project} so far:"));
    body.html.push_str("<table border=\"1\" cellpadding=\"4\"><tr><th>Quarter</th><th>Budget</th><th>Actual</th></tr>");
    for q in 1..=rng.range(2, 5) {
        let budget = rng.range(20, 90) * 1000;
        let actual = budget + rng.range(-15, 16) * 500;
        let _ = write!(body.html, "<tr><td>Q{q}</td><td>${budget}</td><td>${actual}</td></tr>");
        body.words(&format!("Q{q} ${budget} ${actual}"));
    }
    body.html.push_str("</table>");
}

fn signature(rng: &mut Rng, body: &mut Body, from: &Person) {
    let sign_off = rng.pick(SIGN_OFFS);
    let name = if from.given.is_empty() { &from.name } else { &from.given };
    let _ = write!(body.html, "<p>{sign_off}<br>{}</p>", escape(name));
    body.words(sign_off);
    body.words(name);
    if !from.job.is_empty() {
        let _ = write!(
            body.html,
            "<div style=\"color:#666;font-size:9pt\">{} | {} | {}<br>{}</div>",
            escape(&from.name),
            escape(from.job),
            escape(&from.company),
            escape(&from.phone)
        );
        body.words(&format!("{} | {} | {} {}", from.name, from.job, from.company, from.phone));
    }
}

fn quoted(rng: &mut Rng, body: &mut Body, q: &Quoted, project: &str) {
    let earlier = sentence(rng, project, SENTENCES);
    let _ = write!(
        body.html,
        "<hr style=\"display:inline-block;width:98%\"><div><b>From:</b> {} &lt;{}&gt;<br><b>Sent:</b> {}<br><b>To:</b> {} &lt;{}&gt;<br><b>Subject:</b> {}</div><blockquote style=\"border-left:2px solid #ccc;padding-left:8px\"><p>{}</p></blockquote>",
        escape(&q.from.name),
        escape(&q.from.address),
        escape(q.sent),
        escape(&q.to.name),
        escape(&q.to.address),
        escape(q.subject),
        escape(&earlier)
    );
    body.words(&format!(
        "From: {} <{}> Sent: {} Subject: {} {earlier}",
        q.from.name, q.from.address, q.sent, q.subject
    ));
}

/// A short plain body for automated and one-off messages.
pub fn simple(paragraphs: &[&str]) -> BodyPlan<'static> {
    let mut body = Body::default();
    body.html.push_str(HEAD);
    body.html.push_str("<body>");
    for p in paragraphs {
        body.para(p);
    }
    body.html.push_str("</body></html>");
    BodyPlan::Given(body)
}

/// A body whose HTML is given verbatim (the hostile samples), with its visible text.
pub fn raw(html_inside_body: &str, text: &str) -> BodyPlan<'static> {
    BodyPlan::Given(Body { html: format!("{HEAD}<body>{html_inside_body}</body></html>"), text: text.to_owned() })
}
