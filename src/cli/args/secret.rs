//! `o365 secret`: the account's client secret in the OS keyring (`client_secret_store =
//! "keyring"`), so it is never in the config file, the shell history or a process's arguments.
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Store the account's client secret in the OS keyring, read from standard input: typed at
    /// a prompt that does not show it, or the first line of a pipe (`pass show x | o365 secret set`)
    Set,
    /// Delete the account's client secret from the OS keyring
    Delete,
    /// Say where the account's client secret comes from, and whether the keyring holds one
    /// (never the secret itself)
    Status,
}
