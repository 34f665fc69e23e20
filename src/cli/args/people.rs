//! The command line's shape for people: contacts (the address book, vCard files, an
//! aerc-compatible completion), the organisation's directory, people, mailbox settings.
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Limit;

#[derive(Debug, Subcommand)]
pub enum ContactsCommand {
    /// List contacts (all folders), or those matching SEARCH (a name, an address, a company)
    List {
        search: Option<String>,
        /// Only the contacts of this folder (by name or id; `Contacts` is the default one)
        #[arg(long, value_name = "FOLDER")]
        folder: Option<String>,
        #[command(flatten)]
        limit: Limit,
        /// Answer from the local cache (kept by `o365 sync`), without the network
        #[arg(long)]
        cached: bool,
    },
    /// Every field of one contact (by name, address or id)
    Show { contact: String },
    /// Contacts whose name, address, company or phone contains TERM
    Search {
        term: String,
        #[command(flatten)]
        limit: Limit,
    },
    /// Address-book lookup for mail programs (aerc's address-book-cmd, mutt's query_command):
    /// one `address<TAB>name` line per match of contacts, people and the directory
    Complete { term: String },
    /// Contact folders (the default "Contacts" and those inside it)
    Folders,
    /// Add a contact
    Add(ContactFields),
    /// Change a contact (by name, address or id): the flags given replace those fields
    Edit {
        contact: String,
        #[command(flatten)]
        fields: ContactFields,
    },
    /// Delete a contact (by name, address or id), without asking
    Rm { contact: String },
    /// Write contacts as vCard 4.0 (all folders, or --folder) into FILE (`-`: standard output)
    Export {
        file: PathBuf,
        #[arg(long, value_name = "FOLDER")]
        folder: Option<String>,
    },
    /// Add the contacts of a vCard file (versions 2.1, 3.0, 4.0), into --folder (made when missing)
    Import {
        file: PathBuf,
        #[arg(long, value_name = "FOLDER")]
        folder: Option<String>,
    },
}

/// The fields `contacts add` and `edit` take.
#[derive(Debug, Clone, Args)]
pub struct ContactFields {
    /// The name shown, e.g. "Pavel Bansky" (given name and surname are taken from it)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// An email address (repeat for more; with `edit` they replace the old ones)
    #[arg(long = "email", value_name = "ADDRESS")]
    pub emails: Vec<String>,
    /// A phone number (the first is the mobile number, more are work numbers)
    #[arg(long = "phone", value_name = "NUMBER")]
    pub phones: Vec<String>,
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,
    /// Job title
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// The folder to add the contact to (by name or id) [default: Contacts]
    #[arg(long, value_name = "FOLDER")]
    pub folder: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Colleagues whose name or address starts with TERM
    Search {
        term: String,
        #[command(flatten)]
        limit: Limit,
    },
    /// A colleague's card: title, department, office, phones, manager (by address, UPN or id)
    Show { user: String },
}

/// `o365 mail auto-reply`.
#[derive(Debug, Clone, Args)]
pub struct AutoReplyArgs {
    /// on, off or status (the default)
    #[arg(value_parser = ["on", "off", "status"], default_value = "status")]
    pub state: String,
    /// Reply only from this time (a date or time in your zone, today, +2d); with --until: scheduled
    #[arg(long, value_name = "TIME")]
    pub from: Option<String>,
    /// Reply until this time (exclusive); without --from, from now
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// The reply to people in your organisation
    #[arg(long, value_name = "TEXT", conflicts_with = "message_file")]
    pub message: Option<String>,
    /// The reply to people in your organisation, read from a file (`-`: standard input)
    #[arg(long, value_name = "FILE")]
    pub message_file: Option<PathBuf>,
    /// The reply to people outside (default: the same as --message)
    #[arg(long, value_name = "TEXT")]
    pub external: Option<String>,
    /// Who outside gets a reply: all, contacts (only your contacts) or none
    #[arg(long, value_parser = ["all", "contacts", "none"], value_name = "WHO")]
    pub external_audience: Option<String>,
}
