//! `o365 secret set|delete|status`: the account's client secret in the OS keyring
//! (`client_secret_store = "keyring"`). `set` reads it from standard input (`input`), so it
//! never passes through the config file, the shell history or a process's arguments; nothing
//! here ever prints it.
mod input;

use std::io::Write;

use serde_json::json;

use super::Cli;
use super::args::SecretCommand;
use super::failure::UsageError;
use super::output::Output;
use super::session::{Account, shell_quote};
use crate::sanitize;
use o365_graph::auth::client_secret::{SecretEntry, SecretKeyring, SecretSource};

pub async fn run(cli: &Cli, command: &SecretCommand, out: &mut Output) -> anyhow::Result<()> {
    if cli.demo {
        return Err(UsageError(
            "the demo tenant needs no client secret: `o365 secret` works on an account of the config file".into(),
        )
        .into());
    }
    let account = Account::choose(cli).await?;
    let keyring = SecretKeyring::platform(&account.name, account.paths.tokens_dir());
    match command {
        SecretCommand::Set => set(&account, &keyring, out).await,
        SecretCommand::Delete => delete(&account, &keyring, out),
        SecretCommand::Status => status(&account, &keyring, out),
    }
}

async fn set(account: &Account, keyring: &SecretKeyring, out: &mut Output) -> anyhow::Result<()> {
    // Before asking: an unusable keyring must not cost the user the typing.
    let entry = keyring.entry()?;
    let prompt = format!("Client secret of account `{}` (not shown; Enter ends, Ctrl-C cancels): ", account.name);
    let secret = input::read_secret(&sanitize::line(&prompt)).await.map_err(|e| match e {
        input::InputError::Usage(usage) => anyhow::Error::new(usage),
        other => anyhow::Error::new(other),
    })?;
    entry.set(&secret)?;
    if SecretSource::of(&account.config.graph) != SecretSource::Keyring {
        let _ = writeln!(
            std::io::stderr(),
            "o365: note: account `{}` does not read its secret from the keyring yet: put client_secret_store = \
             \"keyring\" in its [accounts.{}] table, in place of client_secret or client_secret_cmd",
            sanitize::line(&account.name),
            sanitize::line(&account.name)
        );
    }
    if out.json() {
        return out.json_line(&json!({ "account": account.name, "stored": true, "store": entry.describe() }));
    }
    out.text(&sanitize::block(&format!(
        "Stored the client secret of account `{}` in the {}.{}",
        account.name,
        entry.describe(),
        after_reboot(&account.name)
    )))
}

fn delete(account: &Account, keyring: &SecretKeyring, out: &mut Output) -> anyhow::Result<()> {
    let deleted = keyring.entry()?.delete()?;
    if out.json() {
        return out.json_line(&json!({ "account": account.name, "deleted": deleted }));
    }
    let text = if deleted {
        format!("Deleted the client secret of account `{}` from the OS keyring.", account.name)
    } else {
        format!("Account `{}` had no client secret in the OS keyring.", account.name)
    };
    out.text(&sanitize::line(&text))
}

/// What the keyring says about the account's entry.
enum Kept {
    Stored(SecretEntry),
    Missing(SecretEntry),
    /// The keyring cannot be used, or the entry cannot be read: why.
    Unknown(String),
}

fn status(account: &Account, keyring: &SecretKeyring, out: &mut Output) -> anyhow::Result<()> {
    let source = SecretSource::of(&account.config.graph);
    let kept = match keyring.entry() {
        Ok(entry) => match entry.is_stored() {
            Ok(true) => Kept::Stored(entry),
            Ok(false) => Kept::Missing(entry),
            Err(e) => Kept::Unknown(e.to_string()),
        },
        Err(e) => Kept::Unknown(e.to_string()),
    };
    let flow = serde_json::to_value(account.config.graph.auth_flow)?;
    if out.json() {
        let (state, entry, error) = match &kept {
            Kept::Stored(entry) => ("stored", Some(entry.describe()), None),
            Kept::Missing(entry) => ("missing", Some(entry.describe()), None),
            Kept::Unknown(why) => ("unusable", None, Some(why.clone())),
        };
        return out.json_line(&json!({
            "account": account.name,
            "flow": flow,
            "clientSecretSource": source,
            "keyring": state,
            "keyringEntry": entry,
            "keyringError": error,
        }));
    }
    let command = account.config.graph.client_secret_cmd.as_deref().unwrap_or_default();
    let from = match source {
        SecretSource::Command => format!("{} ({command})", source.describe()),
        _ => source.describe().to_owned(),
    };
    let kept = match kept {
        Kept::Stored(entry) => format!("stored in the {}", entry.describe()),
        Kept::Missing(entry) if source == SecretSource::Keyring => format!(
            "nothing stored in the {}: sign-in fails until `o365 secret set --account {}`{}",
            entry.describe(),
            shell_quote(&account.name),
            if cfg!(target_os = "linux") { " (the kernel keyring is emptied at reboot)" } else { "" }
        ),
        Kept::Missing(entry) => format!("nothing stored in the {}", entry.describe()),
        Kept::Unknown(why) => why,
    };
    out.text(&sanitize::block(&format!(
        "account: {}\nflow:    {}\nsecret:  {from}\nkeyring: {kept}",
        account.name,
        flow.as_str().unwrap_or_default()
    )))
}

/// On Linux: the kernel keyring does not outlive a reboot, so say what to do after one.
fn after_reboot(account: &str) -> String {
    if cfg!(target_os = "linux") {
        format!(
            "\nThe kernel keyring is emptied at reboot: run `o365 secret set --account {}` again after each one (a \
             cron job is better served by client_secret_cmd with pass or secret-tool).",
            shell_quote(account)
        )
    } else {
        String::new()
    }
}
