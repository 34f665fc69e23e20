//! The `o365 mail ...` part of the command line: folders, listing, reading, sending and
//! organising messages.
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Limit;
use o365_graph::dto::Recipient;

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
    Folders {
        #[command(flatten)]
        limit: Limit,
        /// Answer from the local cache (kept by `o365 sync`), without the network
        #[arg(long)]
        cached: bool,
    },
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
        #[command(flatten)]
        only: ListFilterArgs,
        /// Add a column with each message's id (for `o365 mail show`)
        #[arg(long)]
        ids: bool,
        /// Answer from the local cache (kept by `o365 sync`), without the network
        #[arg(long, conflicts_with = "search")]
        cached: bool,
    },
    /// Search messages: on the server (Graph $search, in one folder), or with --local in the
    /// cache (subject, sender, recipients and the bodies of opened messages; no network)
    Search {
        /// Words to find; with --local each must match, the last as a prefix
        query: String,
        /// Search the local cache instead of the server
        #[arg(long)]
        local: bool,
        /// Only this folder (display name, well-known name or id) [default: every cached
        /// folder with --local, the Inbox on the server]
        #[arg(long, short = 'f')]
        folder: Option<String>,
        /// Show at most N messages (0 = all)
        #[arg(long, short = 'n', value_name = "N", default_value_t = 50)]
        limit: usize,
        /// Add a column with each message's id (for `o365 mail show`)
        #[arg(long)]
        ids: bool,
    },
    /// List your Outlook categories (the master list) with their colours
    Categories,
    /// Add or remove categories on messages: `o365 mail categorize ID... --add NAME --remove NAME`
    Categorize(CategorizeArgs),
    /// Show one message with its body and attachments
    Show {
        /// Message id (from `o365 mail list --ids` or `--json`)
        id: String,
        /// Answer from the local cache (a message opened before, here or in the interface),
        /// without the network
        #[arg(long)]
        cached: bool,
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
        /// Send even when the body read from a file or standard input is empty
        #[arg(long)]
        allow_empty: bool,
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
    /// Move messages to a folder: `o365 mail move ID FOLDER` or `o365 mail move ID... --to FOLDER`
    Move {
        /// Message ids, then the folder unless --to names it
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Folder by display name (any case, `Inbox/Sub` for nested), well-known name or id
        #[arg(long, value_name = "FOLDER")]
        to: Option<String>,
    },
    /// Copy messages to a folder: `o365 mail copy ID FOLDER` or `o365 mail copy ID... --to FOLDER`
    Copy {
        /// Message ids, then the folder unless --to names it
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Folder by display name (any case, `Inbox/Sub` for nested), well-known name or id
        #[arg(long, value_name = "FOLDER")]
        to: Option<String>,
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
    /// Save a message as MIME (.eml) into a folder or a file; nothing existing is overwritten
    Export {
        /// Message id
        id: String,
        /// A folder (created when missing), where it is saved as SUBJECT.eml, or a file whose
        /// name ends in .eml
        #[arg(value_name = "DIR|FILE.eml")]
        file: PathBuf,
    },
    /// Automatic replies (out of office): on, off, or their status
    AutoReply(super::AutoReplyArgs),
}

/// `o365 mail list` conditions beyond unread (none of them combine with --search: Graph refuses
/// `$search` with `$filter`).
#[derive(Debug, Clone, Default, Args)]
pub struct ListFilterArgs {
    /// Only flagged messages
    #[arg(long, conflicts_with = "search")]
    pub flagged: bool,
    /// Only messages with attachments
    #[arg(long, conflicts_with = "search")]
    pub attachments: bool,
    /// Only messages from this address
    #[arg(long, value_name = "ADDRESS", conflicts_with = "search")]
    pub from: Option<String>,
    /// Only messages received on or after this day (YYYY-MM-DD, today, yesterday, -7d; your zone)
    #[arg(long, value_name = "DAY", allow_hyphen_values = true, conflicts_with = "search")]
    pub since: Option<String>,
    /// Only messages received on or before this day (YYYY-MM-DD, today, yesterday, -Nd)
    #[arg(long, value_name = "DAY", allow_hyphen_values = true, conflicts_with = "search")]
    pub until: Option<String>,
    /// Only messages with this category
    #[arg(long, value_name = "NAME", conflicts_with = "search")]
    pub category: Option<String>,
}

impl ListFilterArgs {
    pub fn any(&self) -> bool {
        self.flagged
            || self.attachments
            || self.from.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || self.category.is_some()
    }
}

/// `o365 mail categorize`. Names are matched to your master list without regard to case; a
/// name not in it is refused (a typo would otherwise spread to every message) unless
/// `--create` adds it to the list first.
#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("edit").required(true).multiple(true).args(["add", "remove", "clear"])))]
pub struct CategorizeArgs {
    /// Message ids
    #[arg(required = true)]
    pub ids: Vec<String>,
    /// Add this category (repeat for more)
    #[arg(long, value_name = "NAME")]
    pub add: Vec<String>,
    /// Remove this category (repeat for more)
    #[arg(long, value_name = "NAME")]
    pub remove: Vec<String>,
    /// Remove every category (before any --add)
    #[arg(long, conflicts_with = "remove")]
    pub clear: bool,
    /// Add --add names missing from your master list to it (without a colour)
    #[arg(long, requires = "add")]
    pub create: bool,
}

/// Message ids for flag / read / … (any number, each done in `$batch` calls of 20).
#[derive(Debug, Clone, Args)]
pub struct MessageIds {
    /// Message ids
    #[arg(required = true)]
    pub ids: Vec<String>,
}

/// `o365 mail send`: a message from the flags, or one saved by a failed send (`--draft`).
#[derive(Debug, Clone, Args)]
pub struct SendArgs {
    /// Recipient (repeat for more): `a@b.com` or `Name <a@b.com>`
    #[arg(long, required_unless_present = "draft", value_name = "ADDRESS", value_parser = recipient)]
    pub to: Vec<Recipient>,
    /// Cc recipient (repeat for more)
    #[arg(long, value_name = "ADDRESS", value_parser = recipient)]
    pub cc: Vec<Recipient>,
    /// Bcc recipient (repeat for more)
    #[arg(long, value_name = "ADDRESS", value_parser = recipient)]
    pub bcc: Vec<Recipient>,
    #[arg(long, short = 's', required_unless_present = "draft")]
    pub subject: Option<String>,
    #[command(flatten)]
    pub body: SendBodyArgs,
    /// Send even when the body read from a file or standard input is empty
    #[arg(long)]
    pub allow_empty: bool,
    /// Send a message saved by a failed `o365 mail send` (its failure names the file) as it
    /// was: recipients, subject, body and files; the file is removed once the message is sent
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["to", "cc", "bcc", "subject", "body", "body_file", "attach", "inline", "html", "allow_empty"]
    )]
    pub draft: Option<PathBuf>,
    /// Attach a file (repeat for more; large files go through an upload session)
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    /// Show a PNG, JPEG or GIF inside the body (repeat for more): an HTML body may refer to it
    /// as `cid:NAME`, otherwise it goes after the text (a text body is then sent as HTML)
    #[arg(long, value_name = "IMAGE")]
    pub inline: Vec<PathBuf>,
    /// The body is HTML, not plain text
    #[arg(long)]
    pub html: bool,
}

/// The body of a reply: given inline, or read from a file (`-` = standard input). One of the
/// two is required, checked when the command runs so that the error is one line.
#[derive(Debug, Clone, Args)]
#[group(required = false, multiple = false)]
pub struct BodyArgs {
    /// The body text (this or --body-file is required)
    #[arg(long, value_name = "TEXT")]
    pub body: Option<String>,
    /// Read the body from FILE (`-` reads standard input)
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
}

/// The body of `o365 mail send`: one of the two is required unless the message comes from
/// `--draft` (checked when the command runs: clap's groups cannot depend on another flag).
#[derive(Debug, Clone, Args)]
#[group(required = false, multiple = false)]
pub struct SendBodyArgs {
    /// The body text (this or --body-file is required)
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
    o365_graph::mail::address::parse_recipient(text).map_err(|e| e.reason.to_owned())
}
