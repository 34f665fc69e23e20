//! `--demo`: a simulated tenant started in this process on a free loopback port, an account
//! pointing at it, signed in with no user action, and a private data directory removed at exit.
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::Context;
use url::Url;

use super::session::Account;
use crate::config::AccountConfig;
use crate::paths::Paths;
use crate::tui::terminal::StopSignals;
use o365_graph::auth::{self, LoginCallbacks, SignedIn};
use o365_sim::{self, DEMO_CLIENT_ID, RunningSim, SimOptions};

pub struct Demo {
    sim: Option<RunningSim>,
    dir: PathBuf,
}

impl Demo {
    /// With `watch_signals` (a command, not the full-screen interface, which stops by itself):
    /// a SIGTERM, SIGHUP or Ctrl-C while the command runs removes the demo's files before the
    /// process ends, even while the command waits on standard input (issue 13).
    pub async fn start(watch_signals: bool) -> anyhow::Result<Demo> {
        // Listening before the folder exists: no signal can end the process between the two.
        let signals = if watch_signals { Some(StopSignals::new()?) } else { None };
        let dir = std::env::temp_dir().join(format!("o365-demo-{}-{}", std::process::id(), fastrand::u64(..)));
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        if let Some(signals) = signals {
            tokio::spawn(remove_on_stop(signals, dir.clone()));
        }
        // Polling at once is fine on loopback; the tenant approves the code on the second poll.
        // The tenant's data runs around the application's "now" (pinned by O365_NOW in tests).
        let options = SimOptions {
            anchor: crate::clock::now(),
            device_code_interval: 0,
            auto_approve_device_codes: true,
            // An invitation waits in the Inbox, so the invitation reader can be tried at once.
            invitation: true,
            ..SimOptions::default()
        };
        let sim = o365_sim::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), options)
            .await
            .context("cannot start the demo tenant")?;
        Ok(Demo { sim: Some(sim), dir })
    }

    /// A device-code account on the demo tenant.
    pub fn account(&self) -> AccountConfig {
        let urls = self.sim.as_ref().expect("running until stopped").urls();
        let mut account = AccountConfig::with_defaults(DEMO_CLIENT_ID);
        account.graph.graph_url = Url::parse(&urls.graph_url()).expect("the simulator's own URL");
        account.graph.authority_url = Url::parse(&urls.authority_url()).expect("the simulator's own URL");
        account
    }

    pub fn paths(&self) -> Paths {
        Paths::new(self.dir.join("config"), self.dir.join("data"))
    }

    /// Signs the demo user in; nothing is shown because nothing needs doing.
    pub async fn sign_in(&self, account: &Account) -> anyhow::Result<SignedIn> {
        let quiet_code = |_: &auth::DeviceCodePrompt| {};
        let no_browser = |_: &Url| {};
        let callbacks = LoginCallbacks::new(&quiet_code, &no_browser);
        auth::login(&account.name, &account.config.graph, &account.paths.tokens_dir(), &callbacks)
            .await
            .context("signing in to the demo tenant")
    }

    pub async fn stop(mut self) {
        if let Some(sim) = self.sim.take() {
            sim.shutdown().await;
        }
    }
}

/// Waits for a signal to stop, removes `dir` and ends the process as a shell expects (128 + the
/// signal's number). A task of its own: the command may be blocked in a read.
async fn remove_on_stop(mut signals: StopSignals, dir: PathBuf) {
    let signal = signals.recv().await;
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("o365: stopped by {signal}\n").as_bytes());
    std::process::exit(StopSignals::exit_code(signal));
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
