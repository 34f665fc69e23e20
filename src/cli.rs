//! The headless command line: parses arguments, picks the account (or the demo tenant) and runs
//! one subcommand. Exit codes: 0 ok, 2 usage, 1 anything else with one line on stderr.
pub mod args;
pub mod table;

mod account_cmd;
mod cached;
mod cached_reads;
mod calendar_cmd;
mod contacts_cmd;
mod demo;
mod docs_cmd;
mod drive_cmd;
mod failure;
pub(crate) mod json_line;
mod logging;
mod mail_cmd;
mod output;
mod secret_cmd;
mod session;
mod settings_cmd;
mod sim_cmd;
mod sync_cmd;
mod todo_cmd;
mod users_cmd;

use std::process::ExitCode;

pub use args::Cli;
use args::Command;
pub use failure::UsageError;
use output::Output;
use session::Session;

/// Runs the parsed command line to completion and returns the process's exit code.
pub fn main(cli: Cli) -> ExitCode {
    logging::init(cli.verbose, cli.command.is_some());
    if let Err(e) = crate::clock::init_from_env() {
        return failure::exit_code(Err(UsageError(e.to_string()).into()));
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => return failure::exit_code(Err(anyhow::anyhow!("cannot start the async runtime: {e}"))),
    };
    let outcome = runtime.block_on(run(cli));
    // Background tasks (an in-process demo tenant's connections) must not hold the exit up.
    runtime.shutdown_background();
    failure::exit_code(outcome)
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    if cli.command.is_none() {
        return run_tui(&cli).await;
    }
    run_command(&cli).await
}

async fn run_command(cli: &Cli) -> anyhow::Result<()> {
    let Some(command) = &cli.command else { return Ok(()) };
    let mut out = Output::stdout(cli.json);
    match command {
        Command::Sim(args) => return sim_cmd::run(args, &mut out).await,
        Command::Login(args) => return account_cmd::login(cli, args, &mut out).await,
        Command::Logout => return account_cmd::logout(cli, &mut out).await,
        Command::Whoami => return account_cmd::whoami(cli, &mut out).await,
        Command::Completions { shell } => return docs_cmd::completions(*shell),
        Command::Man { dir } => return docs_cmd::man(dir.as_deref()),
        Command::Secret(command) => return secret_cmd::run(cli, command, &mut out).await,
        _ => {}
    }
    let session = Session::open(cli).await?;
    announce_throttling(&session.client);
    let result = match command {
        Command::Mail(command) => mail_cmd::run(command, &session, &mut out).await,
        Command::Calendar(command) => calendar_cmd::run(command, &session, &mut out).await,
        Command::Drive(command) => drive_cmd::run(command, &session, &mut out).await,
        Command::Todo(command) => todo_cmd::run(command, &session, &mut out).await,
        Command::Contacts(command) => contacts_cmd::run(command, &session, &mut out).await,
        Command::Users(command) => users_cmd::run(command, &session, &mut out).await,
        Command::People { term, limit } => users_cmd::people(&session, term.as_deref(), limit.get(), &mut out).await,
        Command::Settings => settings_cmd::show(&session, &mut out).await,
        Command::Sync(args) => sync_cmd::run(args, &session, &mut out).await,
        Command::Sim(_)
        | Command::Login(_)
        | Command::Logout
        | Command::Whoami
        | Command::Secret(_)
        | Command::Completions { .. }
        | Command::Man { .. } => unreachable!("handled above"),
    };
    session.close().await;
    result?;
    out.finish()
}

/// Says once on stderr that the service throttles and how long the first wait is (issue 14:
/// with `Retry-After: 100` a command sat for minutes saying nothing). Later waits are not
/// repeated (a long listing throttled every few pages would bury its output in them), and
/// pauses under a second are not worth a line in a cron job's mail.
fn announce_throttling(client: &o365_graph::client::GraphClient) {
    let said = std::sync::atomic::AtomicBool::new(false);
    client.observe_waits(move |wait| {
        if wait.is_notable_throttling() && !said.swap(true, std::sync::atomic::Ordering::SeqCst) {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "o365: {wait}");
        }
    });
}

/// A bare `o365`: the full-screen UI on the chosen account (or the demo tenant with `--demo`).
/// Without a terminal it says so before starting anything (issue 13: it said "No such device
/// or address (os error 6)").
async fn run_tui(cli: &Cli) -> anyhow::Result<()> {
    if !crate::tui::terminal::is_available() {
        let example = if cli.demo { "o365 --demo mail list" } else { "o365 mail list" };
        return Err(anyhow::anyhow!("the full-screen interface needs a terminal; try `{example}`"));
    }
    let session = Session::open(cli).await?;
    let config_dir = crate::paths::config_dir().ok();
    let first = tui_account(&session, cli.offline);
    let others = session.other_accounts();
    // Another account of the config opens when the interface switches to it.
    let open = |name: &str| {
        session.open_other(name).map(|other| tui_account(&other, cli.offline)).map_err(|e| format!("{e:#}"))
    };
    let result = crate::tui::run(first, others, &open, config_dir.as_deref()).await;
    session.close().await;
    Ok(result?)
}

/// What the interface needs of a session: its client and the account's settings (`offline`:
/// `--offline`, the service never asked).
fn tui_account(session: &Session, offline: bool) -> crate::tui::Account {
    crate::tui::Account {
        client: session.client.clone(),
        options: crate::tui::Options {
            zone: session.zone,
            account: session.account_name().to_owned(),
            compose_html: session.compose_html(),
            data_dir: session.data_dir().to_path_buf(),
            personal_account: session.is_personal_account(),
            mail: session.mail_options().clone(),
            warning: session.token_store_warning().map(str::to_owned),
            offline,
        },
    }
}
