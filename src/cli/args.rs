//! The command line's shape (clap): global flags and every subcommand with its options.
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::graph::dto::Recipient;

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
    /// Log more (-v, -vv) to stderr
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in with the account's configured flow and keep the tokens
    Login,
    /// Forget the account's tokens
    Logout,
    /// Show who is signed in
    Whoami,
    /// Serve a simulated Microsoft 365 tenant on loopback until stopped
    Sim(SimArgs),
    /// Mail folders and messages
    #[command(subcommand)]
    Mail(MailCommand),
    /// Calendar events
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// OneDrive files
    #[command(subcommand)]
    Drive(DriveCommand),
    /// Microsoft To Do lists and tasks
    #[command(subcommand)]
    Todo(TodoCommand),
    /// Contacts
    #[command(subcommand)]
    Contacts(ContactsCommand),
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

/// `o365 mail folder ...`. FOLDER is a display name (any case, `Inbox/Sub` for nested), a
/// well-known name or an id.
#[derive(Debug, Subcommand)]
pub enum FolderCommand {
    /// Create a folder: `o365 mail folder create NAME [--parent FOLDER]`
    Create {
        name: String,
        /// Create it inside this folder [default: the top level]
        #[arg(long, short = 'p')]
        parent: Option<String>,
    },
    /// Rename a folder: `o365 mail folder rename FOLDER NAME`
    Rename { folder: String, name: String },
    /// Delete a folder and everything in it: `o365 mail folder delete FOLDER`
    Delete { folder: String },
}

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// List mail folders, nested folders indented
    Folders(Limit),
    /// Create, rename or delete a mail folder
    #[command(subcommand)]
    Folder(FolderCommand),
    /// List messages, newest first
    List {
        /// Folder by display name (any case) or id [default: Inbox]
        #[arg(long, short = 'f')]
        folder: Option<String>,
        /// Show at most N messages (0 = all)
        #[arg(long, short = 'n', value_name = "N", default_value_t = 50)]
        limit: usize,
        /// Search (Graph $search: words, "phrases", from:, subject:, hasAttachments:true)
        #[arg(long, short = 's')]
        search: Option<String>,
        /// Only unread messages
        #[arg(long, short = 'u')]
        unread: bool,
        /// Add a column with each message's id (for `o365 mail show`)
        #[arg(long)]
        ids: bool,
    },
    /// Show one message with its body and attachments
    Show {
        /// Message id (from `o365 mail list --ids` or `--json`)
        id: String,
    },
    /// Send a new message (saved in Sent Items)
    Send(SendArgs),
    /// Reply to a message (Outlook quotes the original under your text)
    Reply {
        /// Message id
        id: String,
        /// Reply to the sender and every other recipient
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        body: BodyArgs,
        /// The body is HTML, not plain text
        #[arg(long)]
        html: bool,
    },
    /// Forward a message with its attachments
    Forward {
        /// Message id
        id: String,
        /// Recipient (repeat for more): `a@b.com` or `Name <a@b.com>`
        #[arg(long, required = true, value_name = "ADDRESS", value_parser = recipient)]
        to: Vec<Recipient>,
        #[command(flatten)]
        body: OptionalBodyArgs,
        /// The body is HTML, not plain text
        #[arg(long)]
        html: bool,
    },
    /// Move messages to a folder: `o365 mail move ID... --to FOLDER`
    Move {
        /// Message ids
        #[arg(required = true)]
        ids: Vec<String>,
        /// Folder by display name (any case, `Inbox/Sub` for nested), well-known name or id
        #[arg(long, value_name = "FOLDER")]
        to: String,
    },
    /// Copy messages to a folder: `o365 mail copy ID... --to FOLDER`
    Copy {
        /// Message ids
        #[arg(required = true)]
        ids: Vec<String>,
        /// Folder by display name (any case), well-known name or id
        #[arg(long, value_name = "FOLDER")]
        to: String,
    },
    /// Flag messages for follow-up
    Flag(MessageIds),
    /// Clear the follow-up flag
    Unflag(MessageIds),
    /// Mark messages read
    Read(MessageIds),
    /// Mark messages unread
    Unread(MessageIds),
    /// Delete messages (to Deleted Items unless --permanent)
    Delete {
        /// Message ids
        #[arg(required = true)]
        ids: Vec<String>,
        /// Delete for good instead of moving to Deleted Items
        #[arg(long)]
        permanent: bool,
    },
    /// List a message's attachments, or save them into a folder
    Attachments {
        /// Message id
        id: String,
        /// Save every file attachment into DIR (safe names, nothing overwritten)
        #[arg(long, value_name = "DIR")]
        save: Option<PathBuf>,
    },
    /// Save a message as MIME (.eml); an existing file is not overwritten
    Export {
        /// Message id
        id: String,
        /// The file to write, e.g. message.eml
        file: PathBuf,
    },
}

/// Message ids for flag / read / … (any number, each done in `$batch` calls of 20).
#[derive(Debug, Clone, Args)]
pub struct MessageIds {
    /// Message ids
    #[arg(required = true)]
    pub ids: Vec<String>,
}

/// `o365 mail send`.
#[derive(Debug, Clone, Args)]
pub struct SendArgs {
    /// Recipient (repeat for more): `a@b.com` or `Name <a@b.com>`
    #[arg(long, required = true, value_name = "ADDRESS", value_parser = recipient)]
    pub to: Vec<Recipient>,
    /// Cc recipient (repeat for more)
    #[arg(long, value_name = "ADDRESS", value_parser = recipient)]
    pub cc: Vec<Recipient>,
    /// Bcc recipient (repeat for more)
    #[arg(long, value_name = "ADDRESS", value_parser = recipient)]
    pub bcc: Vec<Recipient>,
    #[arg(long, short = 's')]
    pub subject: String,
    #[command(flatten)]
    pub body: BodyArgs,
    /// Attach a file (repeat for more; large files go through an upload session)
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    /// The body is HTML, not plain text
    #[arg(long)]
    pub html: bool,
}

/// The body of a message: given inline, or read from a file (`-` = standard input).
#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct BodyArgs {
    /// The body text
    #[arg(long, value_name = "TEXT")]
    pub body: Option<String>,
    /// Read the body from FILE (`-` reads standard input)
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
}

/// Like `BodyArgs`, for commands where a body is optional (forward).
#[derive(Debug, Clone, Args)]
#[group(required = false, multiple = false)]
pub struct OptionalBodyArgs {
    /// The body text
    #[arg(long, value_name = "TEXT")]
    pub body: Option<String>,
    /// Read the body from FILE (`-` reads standard input)
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
}

/// Clap's parser for recipients: a bad address is a usage error (exit 2) before anything runs.
fn recipient(text: &str) -> Result<Recipient, String> {
    crate::graph::mail::address::parse_recipient(text).map_err(|e| e.reason.to_owned())
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Events between two times, recurring events expanded
    Agenda {
        /// Start: a date or date-time in your zone, an RFC 3339 time, today, tomorrow, +Nd [default: today]
        #[arg(long)]
        from: Option<String>,
        /// End, exclusive [default: 7 days after the start]
        #[arg(long)]
        to: Option<String>,
        #[command(flatten)]
        limit: Limit,
    },
}

#[derive(Debug, Subcommand)]
pub enum DriveCommand {
    /// List a folder of your OneDrive, or of any drive with --drive, folders first
    Ls {
        /// Folder path, e.g. Documents/Projects [default: the root]
        path: Option<String>,
        /// Another drive's id: a site library (`drive libraries`) or a shared item's drive
        #[arg(long, value_name = "DRIVE_ID")]
        drive: Option<String>,
        /// List the folder with this id (in --drive) instead of a path
        #[arg(long, value_name = "ITEM_ID", requires = "drive", conflicts_with = "path")]
        item: Option<String>,
        #[command(flatten)]
        limit: Limit,
    },
    /// SharePoint sites: those you follow, or those matching SEARCH (`*` for all)
    Sites {
        search: Option<String>,
        #[command(flatten)]
        limit: Limit,
    },
    /// A site's document libraries (site by id or name)
    Libraries { site: String },
    /// Files and folders shared with you (Microsoft retired this list in November 2026)
    Shared(Limit),
}

#[derive(Debug, Subcommand)]
pub enum TodoCommand {
    /// List task lists
    Lists(Limit),
    /// List the tasks of a list
    Tasks {
        /// List by name (any case) or id
        list: String,
        #[command(flatten)]
        limit: Limit,
    },
    /// Add a task to a list
    Add {
        /// List by name (any case) or id
        list: String,
        /// The task's title
        title: String,
        /// Due date: a date in your zone, today, tomorrow, +Nd
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// How important the task is
        #[arg(long, value_parser = ["low", "normal", "high"], ignore_case = true)]
        importance: Option<String>,
        /// A note (the task's text body)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
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
}

#[derive(Debug, Subcommand)]
pub enum ContactsCommand {
    /// List contacts
    List(Limit),
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
    /// Access token lifetime in seconds
    #[arg(long, default_value_t = 3600)]
    pub token_lifetime: u64,
    /// Answer every Nth Graph request with 429 Too Many Requests
    #[arg(long, value_name = "N")]
    pub throttle_every: Option<u32>,
    /// Retry-After seconds sent with 429 and 503 answers
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
    /// Delay every Graph answer by this many milliseconds
    #[arg(long, value_name = "MS")]
    pub delay_ms: Option<u64>,
    /// Answer 429 when more than N Graph requests are in flight (Outlook allows 4 per mailbox)
    #[arg(long, value_name = "N")]
    pub max_concurrent: Option<u32>,
    /// Seconds a device-code client must wait between polls (0: no wait)
    #[arg(long, default_value_t = 5, value_name = "SECONDS")]
    pub device_code_interval: u64,
    /// Wait for the code to be entered at the tenant's /login/devicelogin page instead of
    /// approving device codes by itself
    #[arg(long)]
    pub manual_approval: bool,
}
