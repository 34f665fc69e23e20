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
use o365_graph::auth::client_secret::SecretSource;
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
    let fallback = auth::store::resolve(account.config.graph.token_store).1;
    show(&signed_in, fallback.as_ref(), SecretSource::of(&account.config.graph), out)?;
    if let Some(demo) = account.demo {
        demo.stop().await;
    }
    Ok(())
}

pub async fn logout(cli: &Cli, out: &mut Output) -> anyhow::Result<()> {
    let account = Account::choose(cli).await?;
    let removed = auth::logout(&account.name, &account.config.graph, &account.paths.tokens_dir()).await?;
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
    let fallback = auth::store::resolve(account.config.graph.token_store).1;
    show(&signed_in, fallback.as_ref(), SecretSource::of(&account.config.graph), out)?;
    if let Some(demo) = account.demo {
        demo.stop().await;
    }
    Ok(())
}

fn show(
    signed_in: &SignedIn,
    fallback: Option<&auth::store::Fallback>,
    secret: SecretSource,
    out: &mut Output,
) -> anyhow::Result<()> {
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
            "tokenStore": signed_in.store,
            "tokenStoreWarning": fallback.map(ToString::to_string),
            "clientSecretSource": secret,
        }));
    }
    out.text(&sanitize::block(&signed_in_text(signed_in, fallback, secret)))
}

/// What `whoami` and `login` print: who, the flow, the scopes, where the tokens are kept and,
/// when the keyring asked for could not be used, the warning that they are in a plain file; and
/// for a confidential app, where its client secret comes from.
fn signed_in_text(signed_in: &SignedIn, fallback: Option<&auth::store::Fallback>, secret: SecretSource) -> String {
    let identity = signed_in.identity.clone().unwrap_or_default();
    let who = match (&identity.name, &identity.username) {
        (Some(name), Some(user)) => format!("{name} <{user}>"),
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => "the application itself (no user)".to_owned(),
    };
    let tokens = match fallback {
        None if signed_in.store.starts_with("OS keyring") => {
            format!("in the OS keyring, entry \"{}\"", signed_in.cache_file.display())
        }
        _ => signed_in.cache_file.display().to_string(),
    };
    let secret = match secret {
        SecretSource::None => String::new(),
        source => format!("\nsecret:  {}", source.describe()),
    };
    format!(
        "Signed in as {who}\naccount: {}\nflow:    {}\nscopes:  {}\ntokens:  {tokens}\nstore:   {}{}{secret}",
        signed_in.account,
        serde_json::to_value(signed_in.flow).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
        signed_in.scopes.join(" "),
        signed_in.store,
        fallback.map(|f| format!("\nwarning: {f}")).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use o365_graph::AuthFlow;

    fn signed_in(store: &str) -> SignedIn {
        SignedIn {
            account: "work".into(),
            flow: AuthFlow::DeviceCode,
            identity: None,
            scopes: vec!["User.Read".into()],
            expires_at: chrono::DateTime::parse_from_rfc3339("2026-03-10T13:00:00Z").unwrap().to_utc(),
            cache_file: "/d/tokens/work.json".into(),
            store: store.into(),
        }
    }

    /// `token_store = "keyring"` without a usable keyring: whoami says where the tokens went
    /// and why, never only the file name.
    #[test]
    fn whoami_says_when_the_keyring_fell_back_to_the_file() {
        let fallback = auth::store::Fallback { reason: "Couldn't access platform secure storage: EPERM".into() };
        let text = signed_in_text(&signed_in("file (mode 0600)"), Some(&fallback), SecretSource::None);
        assert!(text.contains("tokens:  /d/tokens/work.json\nstore:   file (mode 0600)\nwarning: "), "{text}");
        assert!(text.contains("token_store = \"keyring\" but the OS keyring cannot be used") && text.contains("EPERM"));
        let kept = signed_in_text(&signed_in("OS keyring (Linux keyutils)"), None, SecretSource::None);
        assert!(kept.contains("tokens:  in the OS keyring, entry \"/d/tokens/work.json\""), "{kept}");
        assert!(!kept.contains("warning"), "{kept}");
        let plain = signed_in_text(&signed_in("file (mode 0600)"), None, SecretSource::None);
        assert!(plain.ends_with("tokens:  /d/tokens/work.json\nstore:   file (mode 0600)"), "{plain}");
    }

    /// A confidential app's whoami says where its secret comes from; a public client's has no
    /// such line.
    #[test]
    fn whoami_says_where_the_client_secret_comes_from() {
        let mut app = signed_in("file (mode 0600)");
        app.flow = AuthFlow::ClientCredentials;
        let text = signed_in_text(&app, None, SecretSource::Keyring);
        assert!(
            text.ends_with("store:   file (mode 0600)\nsecret:  the OS keyring (client_secret_store = \"keyring\")"),
            "{text}"
        );
        assert!(!signed_in_text(&signed_in("file (mode 0600)"), None, SecretSource::None).contains("secret:"));
    }
}
