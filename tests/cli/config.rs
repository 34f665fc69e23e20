//! The config file as users meet it: the shipped example, error messages, validation, account choice.
use std::path::{Path, PathBuf};
use std::time::Duration;

use o365::config::{AuthFlow, Config, ConfigError, Mailbox};
use o365::paths::Paths;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("/cfg/config.toml"))
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("o365-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn example_file_parses_with_documented_defaults() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let config = Config::load(Some(&path)).unwrap();
    assert_eq!(config.source.as_deref(), Some(path.as_path()));
    let (name, work) = config.account(None).unwrap();
    assert_eq!(name, "work");
    assert_eq!(work.graph.tenant, "common");
    assert_eq!(work.graph.auth_flow, AuthFlow::DeviceCode);
    assert_eq!(work.mailbox, Mailbox::Me);
    assert_eq!(work.graph.graph_url.as_str(), "https://graph.microsoft.com/v1.0");
    assert_eq!(work.graph.timeout, Duration::from_secs(30));
    assert_eq!(work.graph.request_retries, 3);
    assert_eq!(work.graph.redirect_port, 0);
    assert_eq!(work.graph.max_retry_wait, Duration::from_secs(120));
    assert_eq!(work.graph.client_secret_cmd_timeout, Duration::from_secs(30));
    let (_, robot) = config.account(Some("robot")).unwrap();
    assert_eq!(robot.graph.auth_flow, AuthFlow::ClientCredentials);
    assert_eq!(robot.mailbox, Mailbox::User("shared@contoso.com".into()));
    assert_eq!(robot.graph.client_secret_cmd.as_deref(), Some("pass show o365/robot-secret"));
}

#[test]
fn example_documents_every_account_key() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml")).unwrap();
    for key in o365::config::ACCOUNT_KEYS.iter().chain(&["default_account"]) {
        assert!(text.contains(&format!("{key} =")), "config.example.toml does not document {key}");
    }
}

#[test]
fn unknown_key_names_path_line_file_and_valid_keys() {
    let text = "[accounts.work]\nclient_id = \"x\"\ncolour = \"red\"\n";
    let message = error(text);
    assert!(message.contains("/cfg/config.toml"), "{message}");
    assert!(message.contains("accounts.work.colour"), "{message}");
    assert!(message.contains(":3"), "{message}");
    assert!(message.contains("client_secret_cmd"), "should list valid keys: {message}");
}

#[test]
fn unknown_top_level_key() {
    let message = error("defualt_account = \"work\"\n");
    assert!(message.contains("defualt_account") && message.contains("default_account"), "{message}");
}

#[test]
fn wrong_type_names_the_key() {
    let message = error("[accounts.work]\nclient_id = \"x\"\ntimeout = \"30s\"\n");
    assert!(message.contains("accounts.work.timeout"), "{message}");
    assert!(message.contains(":3"), "{message}");
}

#[test]
fn bad_auth_flow_lists_choices() {
    let message = error("[accounts.work]\nclient_id = \"x\"\nauth_flow = \"password\"\n");
    assert!(message.contains("accounts.work.auth_flow"), "{message}");
    for choice in ["device_code", "authorization_code", "client_credentials"] {
        assert!(message.contains(choice), "{message}");
    }
}

#[test]
fn missing_client_id() {
    let message = error("[accounts.work]\ntenant = \"common\"\n");
    assert!(message.contains("client_id") && message.contains("accounts.work"), "{message}");
}

#[test]
fn client_credentials_validation() {
    let base = "[accounts.app]\nclient_id = \"x\"\nauth_flow = \"client_credentials\"\n";
    let message = error(&format!("{base}client_secret = \"s\"\nmailbox = \"user:a@b.c\"\n"));
    assert!(message.contains("accounts.app.tenant") && message.contains("common"), "{message}");
    assert!(message.contains("config.toml:1:"), "the table's line when the key is missing: {message}");
    let message = error(&format!("{base}tenant = \"contoso.com\"\nmailbox = \"user:a@b.c\"\n"));
    assert!(message.contains("client_secret"), "{message}");
    let message = error(&format!("{base}tenant = \"contoso.com\"\nclient_secret = \"s\"\n"));
    assert!(message.contains("accounts.app.mailbox"), "{message}");
    let message = error(&format!(
        "{base}tenant = \"contoso.com\"\nclient_secret = \"s\"\nclient_secret_cmd = \"x\"\nmailbox = \"a@b.c\"\n"
    ));
    assert!(message.contains("not both"), "{message}");
    let ok =
        parse(&format!("{base}tenant = \"contoso.onmicrosoft.com\"\nclient_secret_cmd = \"x\"\nmailbox = \"a@b.c\"\n"));
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn secret_with_delegated_flow_is_refused() {
    let message = error("[accounts.w]\nclient_id = \"x\"\nclient_secret = \"s\"\n");
    assert!(message.contains("accounts.w.client_secret"), "{message}");
}

#[test]
fn http_urls_only_on_loopback() {
    let message = error("[accounts.w]\nclient_id = \"x\"\ngraph_url = \"http://graph.example.com/v1.0\"\n");
    assert!(message.contains("accounts.w.graph_url") && message.contains("https"), "{message}");
    let message = error("[accounts.w]\nclient_id = \"x\"\nauthority_url = \"http://login.example.com\"\n");
    assert!(message.contains("accounts.w.authority_url"), "{message}");
    let config = parse(
        "[accounts.w]\nclient_id = \"x\"\ngraph_url = \"http://127.0.0.1:5000/graph/v1.0\"\nauthority_url = \"http://localhost:5000/login\"\n",
    )
    .unwrap();
    assert_eq!(config.accounts["w"].graph.graph_url.as_str(), "http://127.0.0.1:5000/graph/v1.0");
}

#[test]
fn proxy_and_timezone_are_checked() {
    let message = error("[accounts.w]\nclient_id = \"x\"\nproxy = \"not a url\"\n");
    assert!(message.contains("accounts.w.proxy"), "{message}");
    let message = error("[accounts.w]\nclient_id = \"x\"\ntimezone = \"Mars/Olympus\"\n");
    assert!(message.contains("accounts.w.timezone") && message.contains("IANA"), "{message}");
    let config = parse("[accounts.w]\nclient_id = \"x\"\ntimezone = \"Europe/Berlin\"\n").unwrap();
    assert_eq!(config.accounts["w"].time_zone_name(), "Europe/Berlin");
}

#[test]
fn missing_files() {
    let dir = temp_dir("config-missing");
    let explicit = dir.join("nope.toml");
    let err = Config::load(Some(&explicit)).unwrap_err();
    assert!(matches!(err, ConfigError::NotFound { .. }), "{err}");
    assert!(err.to_string().contains("nope.toml"));
    let paths = Paths::new(dir.join("config"), dir.join("data"));
    let config = Config::load_with(None, &paths).unwrap();
    assert!(config.accounts.is_empty());
    assert!(matches!(config.account(None), Err(ConfigError::NoAccounts { .. })));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn account_selection_rules() {
    let two = "[accounts.a]\nclient_id = \"1\"\n[accounts.b]\nclient_id = \"2\"\n";
    let config = parse(two).unwrap();
    assert_eq!(config.account(Some("b")).unwrap().0, "b");
    let err = config.account(None).unwrap_err().to_string();
    assert!(err.contains("a, b"), "{err}");
    let err = config.account(Some("c")).unwrap_err().to_string();
    assert!(err.contains("`c`") && err.contains("a, b"), "{err}");

    let with_default = parse(&format!("default_account = \"b\"\n{two}")).unwrap();
    assert_eq!(with_default.account(None).unwrap().1.graph.client_id, "2");
    assert_eq!(with_default.account(Some("a")).unwrap().1.graph.client_id, "1");

    let one = parse("[accounts.only]\nclient_id = \"1\"\n").unwrap();
    assert_eq!(one.account(None).unwrap().0, "only");

    let message = error(&format!("default_account = \"zzz\"\n{two}"));
    assert!(message.contains("default_account") && message.contains("a, b") && message.contains(":1"), "{message}");
}

#[cfg(unix)]
#[test]
fn readable_file_with_secret_warns() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("config-perm");
    let path = dir.join("config.toml");
    let text = "[accounts.app]\nclient_id = \"x\"\ntenant = \"contoso.com\"\nauth_flow = \"client_credentials\"\nclient_secret = \"s\"\nmailbox = \"a@b.c\"\n";
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let config = Config::load(Some(&path)).unwrap();
    assert_eq!(config.warnings.len(), 1, "{:?}", config.warnings);
    assert!(config.warnings[0].contains("chmod 600"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(Config::load(Some(&path)).unwrap().warnings.is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn secrets_do_not_show_in_debug() {
    let config = parse("[accounts.app]\nclient_id = \"x\"\ntenant = \"contoso.com\"\nauth_flow = \"client_credentials\"\nclient_secret = \"hunter2-secret\"\nmailbox = \"a@b.c\"\n").unwrap();
    let text = format!("{config:?}");
    assert!(!text.contains("hunter2-secret"), "{text}");
}

#[test]
fn compose_format_is_text_unless_html_is_asked_for_and_a_typo_names_the_key() {
    let account = |extra: &str| format!("[accounts.work]\nclient_id = \"abc\"\n{extra}");
    let text = parse(&account("")).unwrap();
    assert_eq!(text.accounts["work"].compose_format, o365::config::ComposeFormat::Text);
    let html = parse(&account("compose_format = \"html\"\n")).unwrap();
    assert_eq!(html.accounts["work"].compose_format, o365::config::ComposeFormat::Html);
    let message = error(&account("compose_format = \"markdown\"\n"));
    assert!(message.contains("compose_format") && message.contains("markdown"), "{message}");
    assert!(message.contains("text") && message.contains("html"), "the choices are named: {message}");
}

/// Every numeric option has a range; a value outside it (however large, or negative) is one
/// error naming the file, the line, the key and the range (issue 14: `timeout = u64::MAX`
/// used to panic on the first request).
#[test]
fn numeric_options_out_of_range_name_file_line_key_and_range() {
    let cases = [
        ("timeout", "18446744073709551615", "1 to 3600"),
        ("timeout", "9223372036854775807", "1 to 3600"),
        ("timeout", "3601", "1 to 3600"),
        ("timeout", "0", "1 to 3600"),
        ("timeout", "-1", "1 to 3600"),
        ("request_retries", "11", "0 to 10"),
        ("request_retries", "4294967296", "0 to 10"),
        ("request_retries", "-1", "0 to 10"),
        ("requests_delay_ms", "60001", "0 to 60000"),
        ("requests_delay_ms", "18446744073709551615", "0 to 60000"),
        ("requests_delay_ms", "-5", "0 to 60000"),
        ("redirect_port", "65536", "0 to 65535"),
        ("redirect_port", "-1", "0 to 65535"),
        ("max_retry_wait", "3601", "0 to 3600"),
        ("max_retry_wait", "-1", "0 to 3600"),
        ("client_secret_cmd_timeout", "0", "1 to 3600"),
        ("client_secret_cmd_timeout", "18446744073709551615", "1 to 3600"),
    ];
    for (key, value, range) in cases {
        let message = error(&format!("[accounts.work]\nclient_id = \"x\"\n{key} = {value}\n"));
        let place = format!("/cfg/config.toml:3: `accounts.work.{key}`: ");
        assert!(message.starts_with(&place), "{key} = {value}: {message}");
        assert!(message.contains(range) && message.contains(value), "{key} = {value}: {message}");
    }
    let text = "[accounts.work]\nclient_id = \"x\"\ntimeout = 3600\nrequest_retries = 10\nrequests_delay_ms = 60000\nredirect_port = 65535\n";
    let work = parse(text).unwrap().accounts.remove("work").unwrap().graph;
    assert_eq!(work.timeout, Duration::from_secs(3600));
    assert_eq!((work.request_retries, work.requests_delay, work.redirect_port), (10, Duration::from_secs(60), 65535));
    let text = "[accounts.work]\nclient_id = \"x\"\ntimeout = 1\nrequest_retries = 0\nrequests_delay_ms = 0\n";
    let work = parse(text).unwrap().accounts.remove("work").unwrap().graph;
    assert_eq!((work.timeout, work.request_retries), (Duration::from_secs(1), 0));
}

#[test]
fn example_documents_every_numeric_range() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml")).unwrap();
    for (key, range) in [
        ("timeout", "Range: 1 to 3600"),
        ("request_retries", "Range: 0 to 10"),
        ("requests_delay_ms", "Range: 0 to 60000"),
        ("redirect_port", "Range: 0 to 65535"),
        ("max_retry_wait", "Range: 0 to 3600"),
        ("client_secret_cmd_timeout", "Range: 1 to 3600"),
        ("mark_read_delay_ms", "Range: 0 to 60000"),
        ("refresh_interval", "Range: 10 to 3600, or 0"),
    ] {
        let comment: Vec<&str> = text.lines().take_while(|l| !l.starts_with(&format!("{key} ="))).collect::<Vec<_>>();
        let block = comment.iter().rev().take_while(|l| l.starts_with('#')).copied().collect::<Vec<_>>().join(" ");
        assert!(block.contains(range), "the comment above {key} does not say `{range}`: {block}");
    }
}

/// Issue 14: `[accounts.""]` was accepted, an account no `--account` can name. It is refused
/// with the file, the line and the table, like every other mistake.
#[test]
fn an_empty_account_name_is_refused_at_its_line() {
    let message = error(
        "default_account = \"work\"\n\n[accounts.work]\nclient_id = \"x\"\n\n[accounts.\"\"]\nclient_id = \"y\"\n",
    );
    assert!(message.starts_with("/cfg/config.toml:6: `accounts.\"\"`: an account needs a name"), "{message}");
    let message = error("[accounts.\"  \"]\nclient_id = \"y\"\n");
    assert!(message.starts_with("/cfg/config.toml:1: `accounts.\"  \"`: an account needs a name"), "{message}");
    assert!(parse("[accounts.w]\nclient_id = \"y\"\n").is_ok());
}

/// The two issue-14 options read their values (defaults are checked with the example file).
#[test]
fn max_retry_wait_and_the_secret_command_timeout_are_read() {
    let text = "[accounts.work]\nclient_id = \"x\"\nmax_retry_wait = 0\nclient_secret_cmd_timeout = 1\n";
    let work = parse(text).unwrap().accounts.remove("work").unwrap().graph;
    assert_eq!((work.max_retry_wait, work.client_secret_cmd_timeout), (Duration::ZERO, Duration::from_secs(1)));
}

/// The mail pane's options (issue 13): the example's defaults, switching each off, the ranges,
/// a signature over several lines.
#[test]
fn mark_read_refresh_and_signature_are_read_with_their_defaults_and_ranges() {
    use o365::config::MailOptions;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let example = Config::load(Some(&path)).unwrap();
    let work = &example.accounts["work"].mail;
    assert_eq!(work, &MailOptions::default(), "the example states the defaults");
    assert_eq!(work.mark_read_after, Some(Duration::from_millis(1000)));
    assert_eq!(work.refresh_every, Some(Duration::from_secs(60)));
    let text = "[accounts.work]\nclient_id = \"x\"\nmark_read_on_open = false\nrefresh_interval = 0\n\
                signature = \"\"\"\nAdele\nContoso\"\"\"\n";
    let mail = parse(text).unwrap().accounts.remove("work").unwrap().mail;
    assert_eq!((mail.mark_read_after, mail.refresh_every), (None, None), "both switch off");
    assert_eq!(mail.signature.as_deref(), Some("Adele\nContoso"));
    let text = "[accounts.work]\nclient_id = \"x\"\nmark_read_delay_ms = 0\nrefresh_interval = 10\n";
    let mail = parse(text).unwrap().accounts.remove("work").unwrap().mail;
    assert_eq!((mail.mark_read_after, mail.refresh_every), (Some(Duration::ZERO), Some(Duration::from_secs(10))));
    let message = error("[accounts.work]\nclient_id = \"x\"\nrefresh_interval = 5\n");
    assert!(message.contains("must be 0 (off) or 10 to 3600 seconds"), "{message}");
    assert!(message.contains(":3"), "{message}");
    let message = error("[accounts.work]\nclient_id = \"x\"\nmark_read_delay_ms = 60001\n");
    assert!(message.contains("must be 0 to 60000 milliseconds"), "{message}");
}
