//! `o365 drive share` (a link, printed) and `o365 drive perms` (who has access).
use anyhow::Context;
use o365_graph::drive::organise::get_item;
use o365_graph::drive::sharing::{LinkKind, LinkRequest, LinkScope, create_link, list_permissions};

use super::location::{clean, drive_for};
use crate::cli::args::LocationArgs;
use crate::cli::failure::UsageError;
use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::cli::table::Table;
use crate::human::dates::parse_instant;

/// What `drive share` was asked for.
pub struct ShareArgs<'a> {
    pub path: &'a str,
    pub edit: bool,
    pub anyone: bool,
    pub expires: Option<&'a str>,
    pub password: Option<&'a str>,
}

/// `drive share PATH [--edit] [--anyone] [--expires DATE] [--password P]`.
pub async fn share(
    session: &Session,
    out: &mut Output,
    args: &ShareArgs<'_>,
    location: &LocationArgs,
) -> anyhow::Result<()> {
    if args.password.is_some() && !args.anyone {
        return Err(UsageError("--password is only for links for anyone (--anyone)".into()).into());
    }
    let expires = args
        .expires
        .map(|text| {
            parse_instant(text, session.zone, crate::clock::now())
                .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                .map_err(|e| UsageError(format!("--expires: {e}")))
        })
        .transpose()?;
    let drive = drive_for(session, location).await?;
    let item = get_item(&session.client, &drive, &clean(args.path)?).await?;
    let request = LinkRequest {
        kind: if args.edit { LinkKind::Edit } else { LinkKind::View },
        scope: if args.anyone { LinkScope::Anyone } else { LinkScope::Organization },
        expires,
        password: args.password.map(str::to_owned),
    };
    let permission = create_link(&session.client, &drive, &item.id, &request)
        .await
        .with_context(|| format!("sharing `{}`", args.path))?;
    if out.json() {
        return out.json_line(&permission);
    }
    let url = permission.link.as_ref().and_then(|l| l.web_url.clone()).unwrap_or_default();
    out.text(&crate::sanitize::line(&url))
}

/// `drive perms PATH`: a table (or JSON lines) of the item's permissions.
pub async fn perms(session: &Session, out: &mut Output, path: &str, location: &LocationArgs) -> anyhow::Result<()> {
    let drive = drive_for(session, location).await?;
    let item = get_item(&session.client, &drive, &clean(path)?).await?;
    let permissions = list_permissions(&session.client, &drive, &item.id).await?;
    if out.json() {
        for permission in &permissions {
            out.json_line(permission)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Roles", "Who", "Link", "Expires", "Id"]).shrink_column(2);
    for p in &permissions {
        let who = p.audience();
        let link = p.link.as_ref().and_then(|l| l.web_url.clone()).unwrap_or_default();
        table.row([
            p.roles.join(","),
            who,
            link,
            p.expiration_date_time.clone().unwrap_or_default(),
            p.id.clone().unwrap_or_default(),
        ]);
    }
    out.table(&table)
}
