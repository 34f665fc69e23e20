//! `o365 secret` and `client_secret_store = "keyring"` end to end (issue 14): the secret piped
//! into the OS keyring (never in the config or argv), a client credentials sign-in against
//! `o365 sim` with it, the error when it is missing, and strict validation of the key. On a
//! machine whose keyring cannot be used (a container refusing the keyutils calls), both
//! commands say so and store nothing: never a fallback.
use crate::basics::robot_config;
use crate::cli_harness as harness;

use harness::{Home, SimProcess, json_lines, ok, stderr, stdout};

const SECRET: &str = o365_sim::identity::DEMO_CLIENT_SECRET;

#[test]
fn a_piped_secret_signs_in_from_the_keyring_and_its_absence_says_what_to_run() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("secret-keyring");
    robot_config(&home, &sim, "client_secret_store = \"keyring\"\n");

    let set = home.run_with_stdin("UTC", &["secret", "set"], b"a-wrong-secret\n");
    if set.status.code() == Some(1) && stderr(&set).contains("the OS keyring cannot be used here") {
        // No keyring here: nothing was stored, and the sign-in says why instead of falling back.
        assert_eq!(stderr(&set).lines().count(), 1, "{}", stderr(&set));
        let login = home.run("UTC", &["login"]);
        assert_eq!(login.status.code(), Some(1));
        assert!(stderr(&login).contains("the OS keyring cannot be used here"), "{}", stderr(&login));
        assert!(stderr(&login).contains("client_secret_cmd"), "{}", stderr(&login));
        return;
    }
    // What the keyring holds is what is sent: a wrong one is refused by the tenant...
    ok(&set);
    let refused = home.run("UTC", &["login"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("AADSTS7000215"), "{}", stderr(&refused));
    // ...and the right one, piped in again (only its first line counts), signs in.
    let set = home.run_with_stdin("UTC", &["secret", "set"], format!("{SECRET}\nnot this line\n").as_bytes());
    let said = ok(&set);
    assert!(said.starts_with("Stored the client secret of account `robot` in the OS keyring ("), "{said}");
    assert!(said.contains("entry \"o365-client-secret\" for ") && said.contains("robot.json"), "{said}");
    assert_eq!(said.contains("emptied at reboot"), cfg!(target_os = "linux"), "{said}");
    assert_eq!(stderr(&set), "", "the config reads it from the keyring: no note");
    assert!(!said.contains(SECRET), "never printed: {said}");
    let config = std::fs::read_to_string(home.data().join("config/config.toml")).unwrap();
    assert!(!config.contains(SECRET), "never in the config");

    let status = home.run("UTC", &["secret", "status", "--json"]);
    let status = json_lines(&status);
    assert_eq!(status[0]["clientSecretSource"], "keyring");
    assert_eq!(status[0]["keyring"], "stored");
    assert!(!status[0].to_string().contains(SECRET));

    let login = home.run("UTC", &["login"]);
    let shown = ok(&login);
    assert!(shown.contains("the application itself") && shown.contains("flow:    client_credentials"), "{shown}");
    assert!(shown.contains("secret:  the OS keyring (client_secret_store = \"keyring\")"), "{shown}");
    assert!(ok(&home.run("UTC", &["whoami"])).contains("secret:  the OS keyring"));

    let deleted = ok(&home.run("UTC", &["secret", "delete"]));
    assert_eq!(deleted.trim(), "Deleted the client secret of account `robot` from the OS keyring.");
    let login = home.run("UTC", &["login"]);
    assert_eq!(login.status.code(), Some(1));
    let said = stderr(&login);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("the client secret of account `robot` is not in the OS keyring"), "{said}");
    assert!(said.contains("run `o365 secret set --account robot`"), "{said}");
    assert_eq!(said.contains("emptied at reboot"), cfg!(target_os = "linux"), "{said}");
    let status = ok(&home.run("UTC", &["secret", "status"]));
    assert!(status.contains("secret:  the OS keyring") && status.contains("keyring: nothing stored"), "{status}");
    let again = ok(&home.run("UTC", &["secret", "delete"]));
    assert_eq!(again.trim(), "Account `robot` had no client secret in the OS keyring.");
}

/// Nothing, or an empty first line, on the pipe is a usage mistake that stores nothing.
#[test]
fn an_empty_pipe_stores_nothing() {
    let home = Home::new("secret-empty");
    home.write_config("[accounts.robot]\nclient_id = \"x\"\ntenant = \"contoso.onmicrosoft.com\"\nauth_flow = \"client_credentials\"\nclient_secret_store = \"keyring\"\nmailbox = \"a@contoso.com\"\n");
    for input in ["", "\nsecond line\n"] {
        let set = home.run_with_stdin("UTC", &["secret", "set", "--account", "robot"], input.as_bytes());
        if stderr(&set).contains("the OS keyring cannot be used here") {
            return;
        }
        assert_eq!(set.status.code(), Some(2), "{input:?}: {}", stderr(&set));
        assert!(stderr(&set).contains("no secret on standard input"), "{}", stderr(&set));
    }
    let status = json_lines(&home.run("UTC", &["secret", "status", "--json"]));
    assert_eq!(status[0]["keyring"], "missing");
}

/// The key is checked strictly: exclusive with the other two secret keys, only "keyring",
/// never with the device code flow; each error names the key.
#[test]
fn client_secret_store_is_validated_strictly() {
    let home = Home::new("secret-validate");
    let base =
        "[accounts.robot]\nclient_id = \"x\"\ntenant = \"contoso.onmicrosoft.com\"\nmailbox = \"a@contoso.com\"\n";
    let cases = [
        (
            "auth_flow = \"client_credentials\"\nclient_secret_store = \"keyring\"\nclient_secret = \"s\"\n",
            "`accounts.robot.client_secret_store`: client_secret_store = \"keyring\" reads the secret from the OS keyring",
            "remove client_secret from this account, or remove client_secret_store",
        ),
        (
            "auth_flow = \"client_credentials\"\nclient_secret_store = \"keyring\"\nclient_secret_cmd = \"pass x\"\n",
            "`accounts.robot.client_secret_store`",
            "remove client_secret_cmd from this account",
        ),
        (
            "auth_flow = \"client_credentials\"\nclient_secret_store = \"file\"\n",
            "`accounts.robot.client_secret_store`",
            "keyring",
        ),
        ("client_secret_store = \"keyring\"\n", "`accounts.robot.client_secret_store`", "AADSTS700025"),
    ];
    for (extra, key, what) in cases {
        home.write_config(&format!("{base}{extra}"));
        let output = home.run("UTC", &["secret", "status"]);
        assert_eq!(output.status.code(), Some(1), "{extra}");
        let said = stderr(&output);
        assert_eq!(said.lines().count(), 1, "{said}");
        assert!(said.contains(key) && said.contains(what), "{extra}: {said}");
        assert_eq!(stdout(&output), "");
    }
    // A confidential authorization code app may keep its secret there.
    home.write_config(&format!("{base}auth_flow = \"authorization_code\"\nclient_secret_store = \"keyring\"\n"));
    let status = ok(&home.run("UTC", &["secret", "status"]));
    assert!(status.contains("flow:    authorization_code\nsecret:  the OS keyring"), "{status}");
}

#[test]
fn the_demo_tenant_needs_no_secret() {
    let home = Home::new("secret-demo");
    let output = home.run("UTC", &["--demo", "secret", "status"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("the demo tenant needs no client secret"), "{}", stderr(&output));
}
