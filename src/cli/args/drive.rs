//! `o365 drive ...`: listing, sites and libraries, and the file commands of issue 8 (get, put,
//! mkdir, mv, cp, rm, share, perms, search), each taking a location (--site/--library/--drive).
use clap::{Args, Subcommand, ValueEnum};

use super::Limit;

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
        /// Answer from the local cache (your drive, or --drive, as `o365 sync --drive` or the
        /// interface left it), without the network
        #[arg(long)]
        cached: bool,
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
    /// Download a file, or a folder with everything in it
    #[command(
        after_help = "LOCAL is a file name, an existing folder or one ending in / (the item keeps its own name), \
or - for standard output. Nothing local is overwritten without --overwrite."
    )]
    Get {
        /// The remote path, e.g. Documents/a.pdf
        remote: String,
        /// Where to put it [default: the current folder]
        local: Option<String>,
        /// Replace local files that exist
        #[arg(long)]
        overwrite: bool,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Upload files (and folders with -r) into a folder or as a new name
    #[command(after_help = PUT_HELP)]
    Put {
        /// Local files, then the remote folder or path (an existing folder, or one ending in /,
        /// receives them under their own names) [default remote: the root]
        #[arg(required = true, num_args = 1.., value_name = "LOCAL... [REMOTE_DIR_OR_PATH]")]
        paths: Vec<String>,
        /// When the name is taken: fail (exit 1, nothing changed), replace, or rename
        #[arg(long, value_enum, default_value_t = ConflictArg::Fail)]
        conflict: ConflictArg,
        /// Upload folders with everything in them
        #[arg(short = 'r', long = "recursive")]
        recursive: bool,
        /// Bytes per upload-session fragment, rounded down to a multiple of 320 KiB [default: 10 MiB]
        #[arg(long, value_name = "BYTES")]
        fragment_size: Option<u64>,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Create a folder
    Mkdir {
        path: String,
        /// Create the missing folders above it too; an existing folder is no error
        #[arg(short = 'p', long = "parents")]
        parents: bool,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Rename or move an item (into an existing folder, or one ending in /, under its own name)
    Mv {
        src: String,
        dest: String,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Copy an item (the service copies in the background; this waits until it is done)
    Cp {
        src: String,
        dest: String,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Delete items (to the recycle bin)
    Rm {
        #[arg(required = true)]
        paths: Vec<String>,
        /// Delete for good, without the recycle bin
        #[arg(long)]
        permanent: bool,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Make a sharing link and print it (view for your organisation unless told otherwise)
    Share {
        path: String,
        /// A link that lets people edit
        #[arg(long)]
        edit: bool,
        /// A link for anyone with it, not only your organisation
        #[arg(long)]
        anyone: bool,
        /// When the link stops working: a date or date-time in your zone, +Nd
        #[arg(long, value_name = "DATE")]
        expires: Option<String>,
        /// A password for the link (links for anyone only)
        #[arg(long, value_name = "P")]
        password: Option<String>,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Who has access to an item, and through which links
    Perms {
        path: String,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// A file's versions, the current one first
    Versions {
        path: String,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Make an earlier version of a file the current one (the replaced bytes stay a version)
    Restore {
        path: String,
        /// A version id as `drive versions` shows it, e.g. 2.0
        version: String,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Files and folders whose name or content matches QUERY
    Search {
        query: String,
        #[command(flatten)]
        limit: Limit,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Your recently used files
    Recent(Limit),
}

const PUT_HELP: &str = "Examples:
  o365 drive put report.csv Reports/            into Reports, as report.csv
  o365 drive put draft.docx Reports/final.docx  as a new name
  o365 drive put -r photos/ Pictures/           a folder with everything in it
  o365 drive put --site contoso.sharepoint.com:/sites/Finance out.xlsx Reports/

Large files go through an upload session; one interrupted (a crash, a killed job) resumes
where it stopped when the same command runs again.

A nightly cron job with a stored refresh token (sign in once with `o365 login`; the token is
renewed on each run):

  # crontab -e
  15 2 * * * o365 -a reports drive put --conflict replace /srv/reports/daily.csv Reports/ >>/var/log/o365.log 2>&1

With an app's own identity, give the account auth_flow = \"client_credentials\", a secret and
drive = \"site:contoso.sharepoint.com:/sites/Finance\" in the config.";

/// Where the items are: the account's drive (your OneDrive) unless one of these says otherwise.
#[derive(Debug, Clone, Default, Args)]
pub struct LocationArgs {
    /// A SharePoint site: HOST:/sites/NAME, a site id, or a followed site's name
    #[arg(long, value_name = "SITE", conflicts_with = "drive")]
    pub site: Option<String>,
    /// The site's library by name [default: the site's default document library]
    #[arg(long, value_name = "NAME", requires = "site")]
    pub library: Option<String>,
    /// Any drive by id
    #[arg(long, value_name = "ID")]
    pub drive: Option<String>,
}

/// `--conflict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConflictArg {
    Fail,
    Replace,
    Rename,
}
