//! The command line's shape (clap): global flags and every subcommand with its options.
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod calendar;
mod drive;
mod mail;
mod people;
mod secret;

pub use calendar::*;
pub use drive::*;
pub use mail::*;
pub use people::*;
pub use secret::*;

#[derive(Debug, Parser)]
#[command(
    name = "o365",
    version,
    about = "Microsoft 365 in the terminal: mail, calendar, files and To Do over Microsoft Graph",
    after_help = "Try it without an account: o365 --demo mail list"
)]
pub struct Cli {
    /// Configuration file [default: ~/.config/o365/config.toml]
    #[arg(long, global = true, value_name = "FILE", env = "O365_CONFIG")]
    pub config: Option<PathBuf>,
    /// Account from the configuration [default: default_account]
    #[arg(long, short = 'a', global = true, value_name = "NAME")]
    pub account: Option<String>,
    /// Use the built-in simulated tenant: no account, no network
    #[arg(long, global = true)]
    pub demo: bool,
    /// Print one JSON object per line, with Graph's field names
    #[arg(long, global = true)]
    pub json: bool,
    /// The full-screen interface opens from the local cache and never asks the service
    /// (reading only; `o365 sync` fills the cache)
    #[arg(long, global = true)]
    pub offline: bool,
    /// Log more (-v, -vv) to stderr
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in with the account's configured flow and keep the tokens
    Login(LoginArgs),
    /// Forget the account's tokens
    Logout,
    /// Show who is signed in
    Whoami,
    /// The account's client secret in the OS keyring (client_secret_store = "keyring")
    #[command(subcommand)]
    Secret(SecretCommand),
    /// Serve a simulated Microsoft 365 tenant on loopback until stopped
    Sim(SimArgs),
    /// Mail folders and messages
    #[command(subcommand)]
    Mail(MailCommand),
    /// Calendar events
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// OneDrive and SharePoint files
    #[command(subcommand)]
    Drive(DriveCommand),
    /// Microsoft To Do lists and tasks
    #[command(subcommand)]
    Todo(TodoCommand),
    /// Contacts: your address book, vCard import and export, completion for mail programs
    #[command(subcommand)]
    Contacts(ContactsCommand),
    /// Your organisation's directory
    #[command(subcommand)]
    Users(UsersCommand),
    /// People you work with, most relevant first (or those matching TERM)
    People {
        term: Option<String>,
        #[command(flatten)]
        limit: Limit,
    },
    /// Your mailbox settings: automatic replies, time zone, working hours, language
    Settings,
    /// Bring the local cache up to date by delta sync and print what changed (for cron); with
    /// no flag, every workload (mail, tasks, contacts, drive, calendar)
    Sync(SyncArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into DIR
    Man {
        /// Write o365.1, o365-mail.1, o365-mail-list.1, ... into this folder
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// `o365 sync`: which workloads to sync.
#[derive(Debug, Clone, Args)]
pub struct SyncArgs {
    /// Mail folders and message headers
    #[arg(long)]
    pub mail: bool,
    /// The default calendar's events, 30 days back and 90 ahead
    #[arg(long)]
    pub calendar: bool,
    /// Your own drive's items, and those of the account's `drive` when it names a SharePoint
    /// document library (`drive = "site:..."`) or another drive
    #[arg(long)]
    pub drive: bool,
    /// To Do lists and tasks
    #[arg(long)]
    pub tasks: bool,
    /// Contact folders and contacts
    #[arg(long)]
    pub contacts: bool,
}

/// `o365 login`.
#[derive(Debug, Clone, Args)]
pub struct LoginArgs {
    /// Also ask for these permissions, keeping those already granted (incremental consent):
    /// Graph names or helper names, comma or space separated, e.g. `--scopes MailboxSettings.Read`
    #[arg(long, value_name = "SCOPES", num_args = 1..)]
    pub scopes: Vec<String>,
}

impl LoginArgs {
    /// Every name given, split at commas and spaces.
    pub fn added_scopes(&self) -> Vec<String> {
        self.scopes.iter().flat_map(|s| o365_graph::auth::scopes::parse_list(s)).collect()
    }
}

/// `--limit N`; 0 means everything.
#[derive(Debug, Clone, Copy, Args)]
pub struct Limit {
    /// Show at most N items (0 = all)
    #[arg(long, short = 'n', value_name = "N", default_value_t = 0)]
    pub limit: usize,
}

impl Limit {
    pub fn get(self) -> Option<usize> {
        (self.limit > 0).then_some(self.limit)
    }
}

#[derive(Debug, Subcommand)]
pub enum TodoCommand {
    /// List task lists
    Lists {
        #[command(flatten)]
        limit: Limit,
        /// Answer from the local cache (kept by `o365 sync`), without the network
        #[arg(long)]
        cached: bool,
    },
    /// List the tasks of a list
    Tasks {
        /// List by name (any case) or id
        list: String,
        #[command(flatten)]
        limit: Limit,
        /// Answer from the local cache (kept by `o365 sync`), without the network
        #[arg(long)]
        cached: bool,
    },
    /// Add a task to a list
    Add {
        /// List by name (any case) or id
        list: String,
        /// The task's title
        title: String,
        /// Due date: a date in your zone, today, tomorrow, +Nd, -Nd
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        due: Option<String>,
        /// How important the task is
        #[arg(long, value_parser = ["low", "normal", "high"], ignore_case = true)]
        importance: Option<String>,
        /// A note (the task's text body)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Link the task to this message (an id from `mail list --ids`); the task detail opens it
        #[arg(long, value_name = "MESSAGE_ID")]
        from_mail: Option<String>,
    },
    /// Mark a task completed
    Done {
        /// List by name (any case) or id
        list: String,
        /// Task by title (any case) or id
        task: String,
    },
    /// Mark a task not completed again
    Undo {
        /// List by name (any case) or id
        list: String,
        /// Task by title (any case) or id
        task: String,
    },
    /// Delete a task, without asking
    Rm {
        /// List by name (any case) or id
        list: String,
        /// Task by title (any case) or id
        task: String,
    },
    /// Change a task's title, due date, importance or note (what is not given stays)
    Edit(TodoEditArgs),
    /// A task's checklist: list its items, add one, tick or untick one
    #[command(subcommand)]
    Checklist(ChecklistCommand),
}

/// `o365 todo edit LIST TASK [--title T] [--due DATE] [--importance I] [--note TEXT]`.
#[derive(Debug, Clone, Args)]
pub struct TodoEditArgs {
    /// List by name (any case) or id
    pub list: String,
    /// Task by title (any case) or id
    pub task: String,
    /// A new title
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// A new due date: a date in your zone, today, tomorrow, +Nd, -Nd; `none` removes it
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: Option<String>,
    /// How important the task is
    #[arg(long, value_parser = ["low", "normal", "high"], ignore_case = true)]
    pub importance: Option<String>,
    /// A new note, the task's text body (any number of lines); an empty one removes it
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ChecklistCommand {
    /// List the task's checklist items, ticked or not
    List {
        /// List by name (any case) or id
        list: String,
        /// Task by title (any case) or id
        task: String,
    },
    /// Add an item to the task's checklist
    Add {
        /// List by name (any case) or id
        list: String,
        /// Task by title (any case) or id
        task: String,
        /// The new item's name
        name: String,
    },
    /// Tick an item
    Tick {
        /// List by name (any case) or id
        list: String,
        /// Task by title (any case) or id
        task: String,
        /// Item by name (any case) or id
        item: String,
    },
    /// Untick an item
    Untick {
        /// List by name (any case) or id
        list: String,
        /// Task by title (any case) or id
        task: String,
        /// Item by name (any case) or id
        item: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct SimArgs {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Seed of the generated data
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Messages in the Inbox
    #[arg(long, default_value_t = 5_000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1_000_000))]
    pub messages: usize,
    /// The "now" the data is generated around (RFC 3339) [default: the current time]
    #[arg(long, value_name = "TIME")]
    pub anchor: Option<String>,
    /// Access token lifetime in seconds (1 to 86400)
    #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub token_lifetime: u64,
    /// Answer every Nth Graph request with 429 Too Many Requests
    #[arg(long, value_name = "N")]
    pub throttle_every: Option<u32>,
    /// Retry-After seconds sent with 429 and 503 answers (0 to 86400, fractions allowed)
    #[arg(long, default_value = "1", value_name = "SECONDS")]
    pub retry_after: String,
    /// Answer every Nth Graph request with a burst of 503 Service Unavailable
    #[arg(long, value_name = "N")]
    pub unavailable_every: Option<u32>,
    /// Length of each 503 burst
    #[arg(long, default_value_t = 1, value_name = "COUNT")]
    pub unavailable_burst: u32,
    /// Cut the connection of every Nth Graph request without an answer
    #[arg(long, value_name = "N")]
    pub drop_every: Option<u32>,
    /// Cut the connection of every Nth PUT to an upload URL (large attachments and files)
    #[arg(long, value_name = "N")]
    pub upload_drop_every: Option<u32>,
    /// Cut every Nth file download stream halfway (the client resumes it with Range)
    #[arg(long, value_name = "N")]
    pub download_cut_every: Option<u32>,
    /// Lose the sync state of every Nth delta request that resumes from a deltaLink: it gets
    /// 410 syncStateNotFound, and the client syncs that resource again from scratch
    #[arg(long, value_name = "N")]
    pub expire_delta_every: Option<u32>,
    /// Delay every Graph answer by this many milliseconds (0 to 600000)
    #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(0..=600_000))]
    pub delay_ms: Option<u64>,
    /// Answer 429 when more than N Graph requests are in flight (Outlook allows 4 per mailbox)
    #[arg(long, value_name = "N")]
    pub max_concurrent: Option<u32>,
    /// Seconds a device-code client must wait between polls (0: no wait; at most 300)
    #[arg(long, default_value_t = 5, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(0..=300))]
    pub device_code_interval: u64,
    /// Wait for the code to be entered at the tenant's /login/devicelogin page instead of
    /// approving device codes by itself
    #[arg(long)]
    pub manual_approval: bool,
    /// Start with a colleague's meeting invitation waiting in the Inbox (as `--demo` does)
    #[arg(long)]
    pub invitation: bool,
    /// Register another app beside the demo one (repeatable): its application (client) id, a
    /// GUID, and for a confidential client `:SECRET`; it gets the demo app's permissions
    #[arg(long, value_name = "CLIENT_ID[:SECRET]")]
    pub register_app: Vec<String>,
}
