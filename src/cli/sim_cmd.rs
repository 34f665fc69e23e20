//! `o365 sim`: serves a simulated tenant on loopback until Ctrl-C or SIGTERM, after printing
//! the `graph_url=` and `authority_url=` lines a config (or a script) needs to use it.
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};

use super::args::SimArgs;
use super::failure::UsageError;
use super::output::Output;
use o365_sim::{self, AppRegistration, DEMO_CLIENT_ID, FaultOptions, SimOptions};

/// The longest Retry-After the simulator sends: a day (the client gives up past five minutes).
const MAX_RETRY_AFTER_SECS: f64 = 86_400.0;

pub async fn run(args: &SimArgs, out: &mut Output) -> anyhow::Result<()> {
    let options = options(args, crate::clock::now())?;
    let running = o365_sim::start(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)), options)
        .await
        .with_context(|| format!("cannot serve on 127.0.0.1:{}", args.port))?;
    let urls = running.urls().clone();
    out.text(&format!(
        "graph_url={}\nauthority_url={}\nclient_id={DEMO_CLIENT_ID}",
        urls.graph_url(),
        urls.authority_url()
    ))?;
    out.flush()?;
    for app in &options_apps(args)? {
        let kind = if app.secret.is_some() { "with its secret" } else { "a public client" };
        let _ = writeln!(std::io::stderr(), "Also registered: the app {} ({kind}).", app.client_id);
    }
    let _ = writeln!(
        std::io::stderr(),
        "Simulated Microsoft 365 tenant on {}. Use it from an account with the lines above\n\
         (tenant \"common\"), or try `o365 --demo`. Ctrl-C stops it.",
        running.addr
    );
    stopped().await?;
    running.shutdown().await;
    Ok(())
}

fn options(args: &SimArgs, now: DateTime<Utc>) -> anyhow::Result<SimOptions> {
    let anchor = match &args.anchor {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map_err(|_| UsageError(format!("--anchor `{text}` is not an RFC 3339 time such as 2026-03-10T12:00:00Z")))?
            .with_timezone(&Utc),
        None => now,
    };
    if args.retry_after.parse::<f64>().map_or(true, |s| !(0.0..=MAX_RETRY_AFTER_SECS).contains(&s)) {
        return Err(UsageError(format!(
            "--retry-after `{}` is not a number of seconds from 0 to {MAX_RETRY_AFTER_SECS}",
            args.retry_after
        ))
        .into());
    }
    Ok(SimOptions {
        seed: args.seed,
        messages: args.messages,
        anchor,
        access_token_lifetime: Duration::from_secs(args.token_lifetime),
        auto_approve_device_codes: !args.manual_approval,
        device_code_interval: args.device_code_interval,
        apps: options_apps(args)?,
        invitation: args.invitation,
        faults: FaultOptions {
            throttle_every: args.throttle_every.filter(|&n| n > 0),
            retry_after: args.retry_after.clone(),
            unavailable_every: args.unavailable_every.filter(|&n| n > 0),
            unavailable_burst: args.unavailable_burst,
            drop_every: args.drop_every.filter(|&n| n > 0),
            delay_ms: args.delay_ms,
            max_concurrent: args.max_concurrent,
            upload_drop_every: args.upload_drop_every.filter(|&n| n > 0),
            download_cut_every: args.download_cut_every.filter(|&n| n > 0),
            expire_delta_every: args.expire_delta_every.filter(|&n| n > 0),
        },
    })
}

/// The `--register-app` apps, each `CLIENT_ID[:SECRET]` with a GUID for the id (as Entra's
/// application ids are); the demo app's id is taken already.
fn options_apps(args: &SimArgs) -> Result<Vec<AppRegistration>, UsageError> {
    args.register_app.iter().map(|text| parse_app(text)).collect()
}

fn parse_app(text: &str) -> Result<AppRegistration, UsageError> {
    let (id, secret) = match text.split_once(':') {
        Some((id, secret)) => (id.trim(), Some(secret)),
        None => (text.trim(), None),
    };
    let bad = |why: &str| UsageError(format!("--register-app `{text}`: {why}"));
    if uuid::Uuid::try_parse(id).is_err() {
        return Err(bad("the client id must be a GUID such as 11111111-2222-3333-4444-555555555555"));
    }
    if id.eq_ignore_ascii_case(DEMO_CLIENT_ID) {
        return Err(bad("that is the demo app's id, registered already"));
    }
    if secret.is_some_and(str::is_empty) {
        return Err(bad("the secret after `:` is empty (leave the `:` out for a public client)"));
    }
    Ok(AppRegistration { client_id: id.to_ascii_lowercase(), secret: secret.map(str::to_owned) })
}

/// Resolves on Ctrl-C, or SIGTERM where there is one (a service manager's stop).
async fn stopped() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result?,
            _ = term.recv() => {}
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::Cli;
    use crate::cli::args::Command;

    fn sim_args(line: &[&str]) -> SimArgs {
        match Cli::try_parse_from(line).unwrap().command {
            Some(Command::Sim(args)) => args,
            other => panic!("not a sim command: {other:?}"),
        }
    }

    #[test]
    fn flags_become_options() {
        let args =
            sim_args(&["o365", "sim", "--seed", "9", "--throttle-every", "5", "--anchor", "2026-03-10T12:00:00Z"]);
        let options = options(&args, Utc::now()).unwrap();
        assert_eq!(options.seed, 9);
        assert_eq!(options.faults.throttle_every, Some(5));
        assert_eq!(options.anchor.to_rfc3339(), "2026-03-10T12:00:00+00:00");
        assert!(options.auto_approve_device_codes);
    }

    #[test]
    fn bad_anchor_and_retry_after_are_usage_errors() {
        let args = sim_args(&["o365", "sim", "--anchor", "yesterday"]);
        assert!(options(&args, Utc::now()).unwrap_err().downcast_ref::<UsageError>().is_some());
        let args = sim_args(&["o365", "sim", "--retry-after", "soon"]);
        assert!(options(&args, Utc::now()).unwrap_err().downcast_ref::<UsageError>().is_some());
    }

    #[test]
    fn registered_apps_are_guids_with_an_optional_secret() {
        let args = sim_args(&[
            "o365",
            "sim",
            "--register-app",
            "11111111-2222-3333-4444-555555555555",
            "--register-app",
            "AAAAAAAA-2222-3333-4444-555555555555:s3cret:with:colons",
        ]);
        let apps = options(&args, Utc::now()).unwrap().apps;
        assert_eq!(apps[0], AppRegistration { client_id: "11111111-2222-3333-4444-555555555555".into(), secret: None });
        assert_eq!(apps[1].client_id, "aaaaaaaa-2222-3333-4444-555555555555");
        assert_eq!(apps[1].secret.as_deref(), Some("s3cret:with:colons"));
        for bad in ["my-app", "", "11111111-2222-3333-4444-555555555555:", DEMO_CLIENT_ID] {
            let args = sim_args(&["o365", "sim", "--register-app", bad]);
            let error = options(&args, Utc::now()).unwrap_err();
            assert!(
                error.downcast_ref::<UsageError>().is_some() && error.to_string().contains("--register-app"),
                "{bad}"
            );
        }
    }

    /// Issue 14: numbers that reach Instant or Duration arithmetic (the tenant's token expiry,
    /// its answer delay, the device code interval, the client's Retry-After) have ranges.
    #[test]
    fn numbers_beyond_their_range_are_usage_errors() {
        for (flag, value) in [
            ("--token-lifetime", "18446744073709551615"),
            ("--token-lifetime", "0"),
            ("--token-lifetime", "86401"),
            ("--delay-ms", "18446744073709551615"),
            ("--delay-ms", "600001"),
            ("--device-code-interval", "18446744073709551615"),
            ("--device-code-interval", "301"),
        ] {
            let error = Cli::try_parse_from(["o365", "sim", flag, value]).unwrap_err();
            assert_eq!(error.kind(), clap::error::ErrorKind::ValueValidation, "{flag} {value}");
        }
        for value in ["1e30", "86401", "inf", "NaN", "-0.5"] {
            let args = sim_args(&["o365", "sim", &format!("--retry-after={value}")]);
            let error = options(&args, Utc::now()).unwrap_err();
            assert!(error.to_string().contains("from 0 to 86400"), "{value}: {error}");
        }
        let args =
            sim_args(&["o365", "sim", "--token-lifetime", "86400", "--delay-ms", "600000", "--retry-after", "2.5"]);
        let options = options(&args, Utc::now()).unwrap();
        assert_eq!(options.access_token_lifetime, Duration::from_secs(86_400));
        assert_eq!(options.faults.delay_ms, Some(600_000));
    }
}
