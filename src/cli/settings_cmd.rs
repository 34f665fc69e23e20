//! `o365 settings` (the mailbox's settings) and `o365 mail auto-reply on|off|status` (automatic
//! replies: always, or scheduled between two times in your zone; inside and outside messages).
use std::io::Read;

use anyhow::Context;

use super::args::AutoReplyArgs;
use super::failure::UsageError;
use super::output::Output;
use super::session::Session;
use crate::domain::mailbox_settings::{Audience, AutoReplies, MailboxSettings, RepliesState};
use crate::human::dates::parse_instant;
use crate::sanitize;
use o365_graph::mailbox_settings as settings;

fn write_lines(out: &mut Output, lines: &[(String, String)]) -> anyhow::Result<()> {
    let width = lines.iter().map(|(label, _)| label.chars().count()).max().unwrap_or(0);
    let text: String = lines.iter().map(|(label, value)| format!("{label:<width$}  {value}\n")).collect();
    out.text(&sanitize::block(&text))
}

pub async fn show(session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let found = settings::get_mailbox_settings(&session.client).await.context("reading the mailbox settings")?;
    if out.json() {
        return out.json_line(&found);
    }
    write_lines(out, &MailboxSettings::from(&found).lines(&session.zone))
}

/// The message given with `--message` or `--message-file` (`-` reads standard input).
fn message(args: &AutoReplyArgs) -> anyhow::Result<Option<String>> {
    if let Some(text) = &args.message {
        return Ok(Some(text.clone()));
    }
    let Some(path) = &args.message_file else { return Ok(None) };
    let mut text = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).context("reading the message from standard input")?;
    } else {
        text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    }
    Ok(Some(text))
}

/// What `on` asks for: always, or between `--from` (default now) and `--until`.
fn wanted_state(args: &AutoReplyArgs, session: &Session) -> Result<RepliesState, UsageError> {
    let now = crate::clock::now();
    let at =
        |flag: &str, arg: &str| parse_instant(arg, session.zone, now).map_err(|e| UsageError(format!("--{flag}: {e}")));
    let start = args.from.as_deref().map(|a| at("from", a)).transpose()?;
    let end = args.until.as_deref().map(|a| at("until", a)).transpose()?;
    match (start, end) {
        (None, None) => Ok(RepliesState::On),
        (Some(_), None) => Err(UsageError("--from needs --until: when do the replies stop?".into())),
        (start, Some(end)) => {
            let start = start.unwrap_or(now);
            if end <= start {
                return Err(UsageError("--until must be after --from (or after now)".into()));
            }
            Ok(RepliesState::Scheduled { start, end })
        }
    }
}

pub async fn auto_reply(args: &AutoReplyArgs, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let flags_given = args.from.is_some()
        || args.until.is_some()
        || args.message.is_some()
        || args.message_file.is_some()
        || args.external.is_some()
        || args.external_audience.is_some();
    if args.state != "on" && flags_given {
        return Err(UsageError(format!("auto-reply {}: the time and message flags go with `on`", args.state)).into());
    }
    let current = settings::get_mailbox_settings(&session.client).await.context("reading the automatic replies")?;
    let mut replies = MailboxSettings::from(&current).replies;
    let change = match args.state.as_str() {
        "off" => {
            replies.state = RepliesState::Off;
            replies.to_dto(false)
        }
        "on" => {
            replies.state = wanted_state(args, session)?;
            let given = message(args)?;
            if let Some(text) = &given {
                replies.internal = text.trim_end().to_owned();
            }
            match &args.external {
                Some(text) => replies.external = text.trim_end().to_owned(),
                None if given.is_some() => replies.external = replies.internal.clone(),
                None => {}
            }
            replies.audience = match args.external_audience.as_deref() {
                Some("none") => Audience::Nobody,
                Some("contacts") => Audience::Contacts,
                Some(_) => Audience::All,
                None => replies.audience,
            };
            if replies.internal.trim().is_empty() {
                return Err(UsageError(
                    "automatic replies need a message: --message TEXT or --message-file FILE".into(),
                )
                .into());
            }
            replies.to_dto(true)
        }
        _ => {
            if out.json() {
                return out.json_line(&current.automatic_replies_setting);
            }
            let mut lines = MailboxSettings::from(&current).lines(&session.zone);
            lines.retain(|(label, _)| !matches!(label.as_str(), "Time zone" | "Working hours" | "Language"));
            return write_lines(out, &lines);
        }
    };
    let changed =
        settings::set_automatic_replies(&session.client, &change).await.context("changing the automatic replies")?;
    if out.json() {
        return out.json_line(&changed.automatic_replies_setting);
    }
    let now = changed.automatic_replies_setting.as_ref().map(AutoReplies::from).unwrap_or(replies);
    out.text(&format!("Automatic replies {}", now.describe_state(&session.zone)))
}
