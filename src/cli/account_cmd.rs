//! `o365 login`, `logout` and `whoami`: sign-in with the account's flow, nothing read from
//! standard input; prompts go to stderr so stdout stays scriptable.
use std::io::Write;

use anyhow::Context;
use serde_json::json;
use url::Url;

use super::Cli;
use super::args::LoginArgs;
use super::failure::UsageError;
use super::output::Output;
use super::session::Account;
use crate::sanitize;
use o365_graph::auth::{self, DeviceCodePrompt, LoginCallbacks, SignedIn};

pub async fn login(cli: &Cli, args: &LoginArgs, out: &mut Output) -> anyhow::Result<()> {
    let account = Account::choose(cli).await?;
    let added = args.added_scopes();
    if !args.scopes.is_empty() && added.is_empty() {
        return Err(UsageError("--scopes names no permission".into()).into());
    }
    let show_code = |prompt: &DeviceCodePrompt| {
        // The identity platform's sentence is remote text.
        let _ = writeln!(std::io::stderr(), "{}", sanitize::line(&prompt.message));
    };
    let open_browser = |url: &Url| {
        let _ = writeln!(std::io::stderr(), "Sign in at: {}", sanitize::line(url.as_str()));
        // Only web URLs are handed to the desktop; anything else could start a program.
        if matches!(url.scheme(), "http" | "https") && open::that_detached(url.as_str()).is_err() {
            let _ = writeln!(std::io::stderr(), "(no browser could be opened; open the address above yourself)");
        }
    };
    let callbacks = LoginCallbacks::new(&show_code, &open_browser);
    let tokens_dir = account.paths.tokens_dir();
    let signed_in = auth::login_adding(&account.name, &account.config.graph, &tokens_dir, &callbacks, &added)
        .await
        .with_context(|| format!("signing in account `{}`", account.name))?;
    show(&signed_in, out)?;
    if let Some(demo) = account.demo {
        demo.stop().await;
    }
    Ok(())
}

pub async fn logout(cli: &Cli, out: &mut Output) -> anyhow::Result<()> {
    let account = Account::choose(cli).await?;
    let removed = auth::logout(&account.name, &account.paths.tokens_dir()).await?;
    if out.json() {
        out.json_line(&json!({ "account": account.name, "signedOut": removed }))?;
    } else if removed {
        out.text(&format!("Signed out of account `{}`; its tokens are deleted.", account.name))?;
    } else {
        out.text(&format!("Account `{}` was not signed in.", account.name))?;
    }
    Ok(())
}

pub async fn whoami(cli: &Cli, out: &mut Output) -> anyhow::Result<()> {
    let account = Account::choose(cli).await?;
    if let Some(demo) = &account.demo {
        demo.sign_in(&account).await?;
    }
    let signed_in = auth::signed_in_identity(&account.name, &account.config.graph, &account.paths.tokens_dir())?
        .ok_or(auth::AuthError::NotSignedIn)
        .with_context(|| format!("account `{}`", account.name))?;
    show(&signed_in, out)?;
    if let Some(demo) = account.demo {
        demo.stop().await;
    }
    Ok(())
}

fn show(signed_in: &SignedIn, out: &mut Output) -> anyhow::Result<()> {
    let identity = signed_in.identity.clone().unwrap_or_default();
    if out.json() {
        return out.json_line(&json!({
            "account": signed_in.account,
            "flow": signed_in.flow,
            "name": identity.name,
            "username": identity.username,
            "oid": identity.oid,
            "tid": identity.tid,
            "scopes": signed_in.scopes,
            "expiresAt": signed_in.expires_at,
        }));
    }
    let who = match (&identity.name, &identity.username) {
        (Some(name), Some(user)) => format!("{name} <{user}>"),
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => "the application itself (no user)".to_owned(),
    };
    let text = format!(
        "Signed in as {who}\naccount: {}\nflow:    {}\nscopes:  {}\ntokens:  {}",
        signed_in.account,
        serde_json::to_value(signed_in.flow).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
        signed_in.scopes.join(" "),
        signed_in.cache_file.display(),
    );
    out.text(&sanitize::block(&text))
}
